"""The user's ``config.toml``: library folder and theme, read tolerantly, written atomically."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from index import locations
from index.atomic import write_atomic


@dataclass
class Config:
    library: str | None = None
    theme: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None
    """Why the file could not be read, if it could not (the defaults are used then)."""


def load_config(path: Path | None = None) -> Config:
    path = path or locations.config_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Config(problem=f"{path}: {exc}; using defaults")
    library = data.pop("library", None)
    theme = data.pop("theme", None)
    return Config(
        library=library if isinstance(library, str) else None,
        theme=theme if isinstance(theme, str) else None,
        extra=data,
    )


def save_config(config: Config, path: Path | None = None) -> None:
    """Write the config through a temporary file and a rename, keeping unknown keys."""
    path = path or locations.config_file()
    data: dict[str, Any] = dict(config.extra)
    if config.library:
        data["library"] = config.library
    if config.theme:
        data["theme"] = config.theme
    write_atomic(path, tomli_w.dumps(data))

"""Every path Brief reads or writes, resolved in one place.

Tests and users redirect them with the XDG_* variables (platformdirs honours them
on Linux) or with BRIEF_LIBRARY / ``--library``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import platformdirs

APP_NAME = "brief"
LIBRARY_ENV = "BRIEF_LIBRARY"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    return config_dir() / "config.toml"


def bookmarks_db() -> Path:
    """The SQLite store of bookmarks and notes (user data: never in the cache)."""
    return data_dir() / "bookmarks.sqlite"


def default_library_dir() -> Path:
    return data_dir() / "library"


def bundled_articles_dir() -> Path:
    """The sample library shipped with Brief: in the wheel, or beside the source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_bundled" / "articles", here.parent / "articles"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the bundled articles are missing from this installation")


def index_dir(library: Path) -> Path:
    """The cache folder holding the search index and derived data of one library."""
    resolved = library.resolve()
    digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:12]
    slug = "".join(ch if ch.isalnum() else "-" for ch in resolved.name)[:40] or "library"
    return cache_dir() / "indexes" / f"{slug}-{digest}"


def user_entities_files(library: Path | None) -> list[Path]:
    """Gazetteer extensions: ``entities.toml`` in the config dir, then in the library."""
    files = [config_dir() / "entities.toml"]
    if library is not None:
        files.append(library / "entities.toml")
    return [f for f in files if f.is_file()]


def resolve_library(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The library folder: ``--library``, else $BRIEF_LIBRARY, else config, else the default.

    The default folder is seeded with a copy of the bundled articles on first use.
    """
    from index.config import load_config

    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return Path(env).expanduser()
    configured = load_config().library
    if configured:
        return Path(configured).expanduser()
    library = default_library_dir()
    if not library.exists():
        seed_library(library)
    return library


def seed_library(target: Path) -> None:
    """Copy the bundled articles into ``target`` (through a temporary folder, so a crash
    never leaves a half-seeded library behind)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".seeding")
    if tmp.exists():
        shutil.rmtree(tmp)
    shutil.copytree(bundled_articles_dir(), tmp)
    os.replace(tmp, target)

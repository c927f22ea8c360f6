"""Shared command-line output: a rich console, JSON printing and error exits."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

from rich.console import Console
from rich.text import Text

from index.sanitize import visible_controls


class _TextOnlyConsole(Console):
    """A console whose text can hold no terminal controls: strings (table cells included,
    which rich turns into text through ``render_str``) and ``Text`` show ESC as ␛."""

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(visible_controls(text), **kwargs)

    def print(self, *objects: Any, **kwargs: Any) -> None:
        shown = [_visible(o) if isinstance(o, Text) else o for o in objects]
        super().print(*shown, **kwargs)


def _visible(text: Text) -> Text:
    safe = text.copy()
    safe.plain = visible_controls(text.plain)  # same length: the spans still fit
    return safe


def console(stderr: bool = False) -> Console:
    """A console that never interprets article text as markup or emoji, nor lets any text
    write escape sequences to the terminal."""
    return _TextOnlyConsole(
        stderr=stderr, markup=False, emoji=False, highlight=False, soft_wrap=False
    )


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``brief: message`` on stderr and exit with ``code``."""
    console(stderr=True).print(f"brief: {message}", style="red")
    raise SystemExit(code)

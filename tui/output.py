"""Shared command-line output: a rich console, JSON printing and error exits."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

from rich.console import Console


def console(stderr: bool = False) -> Console:
    """A console that never interprets article text as markup or emoji."""
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False, soft_wrap=False)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``brief: message`` on stderr and exit with ``code``."""
    console(stderr=True).print(f"brief: {message}", style="red")
    raise SystemExit(code)

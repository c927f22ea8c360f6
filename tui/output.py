"""Shared command-line output: a rich console, JSON printing, tables and error exits."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from rich.console import Console
from rich.text import Text

from index.sanitize import visible_controls

UNWRAPPED_WIDTH = 1_000_000
"""Console width off a terminal: wide enough that no line is ever cut, as nothing pads to it."""


class _TextOnlyConsole(Console):
    """A console whose text can hold no terminal controls: strings (table cells included,
    which rich turns into text through ``render_str``) and ``Text`` show ESC as ␛."""

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(visible_controls(text), **kwargs)

    plain_lines = False
    """Set off a terminal without colour: lines of text are written as they are, whole
    (rich lays out every line it prints, about a millisecond each: 20 s for the ~20,000
    lines of `brief stories` at 10,000 articles)."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        if (
            self.plain_lines
            and self.color_system is None
            and kwargs.keys() <= _PLAIN_KWARGS
            and all(isinstance(o, (str, Text)) for o in objects)
        ):
            text = kwargs.get("sep", " ").join(
                o if isinstance(o, str) else o.plain for o in objects
            )
            self.file.write(_shown(text) + kwargs.get("end", "\n"))
            return
        shown = [_visible(o) if isinstance(o, Text) else o for o in objects]
        super().print(*shown, **kwargs)


_PLAIN_KWARGS = frozenset({"style", "soft_wrap", "sep", "end"})
"""``print`` arguments that change nothing in a line written without colour or wrapping."""


def _visible(text: Text) -> Text:
    safe = text.copy()
    safe.plain = visible_controls(text.plain)  # same length: the spans still fit
    return safe


def console(stderr: bool = False, *, fit: bool = False) -> Console:
    """A console that never interprets article text as markup or emoji, nor lets any text
    write escape sequences to the terminal.

    Off a terminal (a pipe, a file) lines are printed whole, never cut at 80 columns, so
    ``brief search x | grep`` and ``> file`` keep every sentence on its line; ``fit`` keeps
    a width there for layouts made to one (side-by-side columns): $COLUMNS or 80."""
    out = _TextOnlyConsole(
        stderr=stderr, markup=False, emoji=False, highlight=False, soft_wrap=False
    )
    if not fit and not is_tty(out):
        out.width = UNWRAPPED_WIDTH
        out.soft_wrap = True
        out.plain_lines = True
    return out


def is_tty(out: Console) -> bool:
    """Whether the console writes to a terminal (a real one: FORCE_COLOR colours a pipe,
    it does not give it a width)."""
    isatty = getattr(out.file, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


@dataclass(frozen=True)
class Column:
    """A table column: its header and whether numbers in it are right-aligned."""

    header: str
    right: bool = False


def print_table(
    out: Console, columns: Sequence[Column], rows: Iterable[Sequence[str | Text]]
) -> None:
    """A table on a terminal; off one, a header line and one tab-separated line per row
    (nothing wrapped or padded, ready for ``cut``, ``sort`` and spreadsheets)."""
    if is_tty(out):
        from rich.table import Table

        table = Table(show_edge=False, pad_edge=False)
        for column in columns:
            table.add_column(column.header, justify="right" if column.right else "left")
        for row in rows:
            table.add_row(*(cell if isinstance(cell, Text) else Text(cell) for cell in row))
        out.print(table)
        return
    # Written as they are: rich would turn the tabs into spaces.
    lines = ["\t".join(_one_line(column.header) for column in columns)]
    for row in rows:
        lines.append("\t".join(_one_line(c.plain if isinstance(c, Text) else c) for c in row))
    lines.append("")
    out.file.write(_shown("\n".join(lines)))


def _one_line(cell: str) -> str:
    """A cell's tabs and line breaks, which would end its column or row, as spaces."""
    if "\t" in cell or "\n" in cell:
        return cell.replace("\t", " ").replace("\n", " ")
    return cell


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""What :func:`visible_controls` shows as symbols (looked for first: a search is much
quicker than translating megabytes of output that have none)."""


def _shown(text: str) -> str:
    return visible_controls(text) if _CONTROL.search(text) else text


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``brief: message`` on stderr and exit with ``code``."""
    console(stderr=True).print(f"brief: {message}", style="red")
    raise SystemExit(code)

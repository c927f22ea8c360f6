"""A plain-text document wrapped to a width: which rows on screen show which characters.

The reader paints only the rows in view, so it needs, without rendering anything, the row
of any character (to scroll to a passage) and the characters of any row (to paint it, to
turn a click or a selection back into document offsets).
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from rich._wrap import divide_line


@dataclass(frozen=True, slots=True)
class Row:
    """One row on screen: ``text[start:end]`` of the document, part of logical line ``line``
    (the document's lines as ``str.splitlines`` cuts them, the numbering text selection uses)."""

    line: int
    start: int
    end: int


class PageLayout:
    """``text`` cut into logical lines and each wrapped at word boundaries to ``width``
    cells (words longer than a row are folded); a row's trailing spaces are not shown."""

    def __init__(self, text: str, width: int) -> None:
        self.text = text
        self.width = max(1, width)
        self.line_starts: list[int] = []
        self.line_ends: list[int] = []
        self.rows: list[Row] = []
        self.first_row: list[int] = []
        position = 0
        for number, chunk in enumerate(text.splitlines(keepends=True) or [""]):
            line = chunk.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
            start, end = position, position + len(line)
            position += len(chunk)
            self.line_starts.append(start)
            self.line_ends.append(end)
            self.first_row.append(len(self.rows))
            cuts = divide_line(line, self.width, fold=True) if line else []
            bounds = [0, *cuts, len(line)]
            for a, b in itertools.pairwise(bounds):
                self.rows.append(Row(number, start + a, start + a + len(line[a:b].rstrip())))
        self._row_starts = [row.start for row in self.rows]

    @property
    def height(self) -> int:
        return len(self.rows)

    def line_of(self, offset: int) -> int:
        """The logical line holding document offset ``offset``."""
        return max(0, bisect.bisect_right(self.line_starts, offset) - 1)

    def row_of(self, offset: int) -> int:
        """The row showing document offset ``offset`` (a wrapped row's hidden trailing
        space counts to that row)."""
        line = self.line_of(offset)
        first = self.first_row[line]
        last = self.first_row[line + 1] - 1 if line + 1 < len(self.first_row) else self.height - 1
        return max(first, min(last, bisect.bisect_right(self._row_starts, offset, first) - 1))

    def rows_of(self, start: int, end: int) -> range:
        """The rows showing any of ``text[start:end]`` (at least the row of ``start``)."""
        first = self.row_of(start)
        return range(first, max(first, self.row_of(max(start, end - 1))) + 1)

    def offset_at(self, line: int, column: int) -> int:
        """Document offset of character ``column`` of logical line ``line`` (clamped to it)."""
        line = max(0, min(line, len(self.line_starts) - 1))
        start = self.line_starts[line]
        return start + max(0, min(column, self.line_ends[line] - start))

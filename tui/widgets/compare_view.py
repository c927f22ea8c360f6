"""Two versions of a story as one scroll of aligned rows, with a row cursor on one side.

Each row holds the left passage beside the right passage it links to, so both columns move
together exactly: reading down either side stays natural whatever the versions' lengths. In a
narrow terminal the view stacks each row's two passages instead of setting them side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

Side = Literal["left", "right"]
RowKind = Literal["same", "reworded", "left-only", "right-only"]

KIND_LABELS: dict[str, str] = {
    "same": "same",
    "reworded": "reworded",
    "left-only": "left only",
    "right-only": "right only",
}
DIFF_STYLE = {"left": "bold underline $text-error", "right": "bold underline $text-success"}
NUMBER_STYLE = "bold reverse $text-warning"
NUMBER_FLAG = "⚑"
FIRST_BATCH = 40
LATER_BATCH = 40


@dataclass(frozen=True)
class Mark:
    """A styled stretch of a cell's text: a changed word or a number that differs."""

    start: int
    end: int
    role: Literal["diff", "number"]


@dataclass(frozen=True)
class CompareLine:
    """One aligned row as the view shows it (built from the comparison engine's rows)."""

    kind: str
    left: str | None
    right: str | None
    left_span: tuple[int, int] | None = None
    right_span: tuple[int, int] | None = None
    similarity: float | None = None
    left_marks: tuple[Mark, ...] = ()
    right_marks: tuple[Mark, ...] = ()
    number_note: str | None = None
    linked: Literal["above", "below"] | None = None

    @property
    def is_difference(self) -> bool:
        """Rows a reader jumps between: anything not near-verbatim, or with differing numbers."""
        return self.kind != "same" or self.number_note is not None

    def text(self, side: Side) -> str | None:
        return self.left if side == "left" else self.right

    def span(self, side: Side) -> tuple[int, int] | None:
        return self.left_span if side == "left" else self.right_span


def cell_content(text: str | None, marks: Sequence[Mark], side: Side) -> Content:
    """A passage as plain text with its marks styled by offset (never parsed as markup)."""
    if not text:
        return Content("")
    content = Content(text)
    for mark in marks:
        style = NUMBER_STYLE if mark.role == "number" else DIFF_STYLE[side]
        content = content.stylize(style, mark.start, mark.end)
    return content


def kind_label(line: CompareLine) -> Content:
    """The label at the row's edge: its kind, with a flag when numbers differ."""
    label = KIND_LABELS.get(line.kind, line.kind)
    parts: list[str | tuple[str, str]] = [(label, f"$text-{_kind_colour(line.kind)}")]
    if line.similarity is not None and line.kind == "reworded":
        parts.append((f" {round(line.similarity * 100)}%", "$text-muted"))
    if line.linked:
        parts.append((" ↑" if line.linked == "above" else " ↓", "$text-muted"))
    if line.number_note:
        parts.append((f" {NUMBER_FLAG}", "bold $text-warning"))
    return Content.assemble(*parts)


def _kind_colour(kind: str) -> str:
    return {"reworded": "warning", "left-only": "error", "right-only": "success"}.get(kind, "muted")


class CompareCell(Static):
    """One side of a row; clicking it puts the cursor there."""

    def __init__(self, content: Content, side: Side, **kwargs: object) -> None:
        super().__init__(content, **kwargs)  # type: ignore[arg-type]
        self.side: Side = side


class CompareRow(Widget):
    """An aligned row: the left passage, the right passage, the kind label and number note."""

    class Clicked(Message):
        """The user clicked a side of this row."""

        def __init__(self, index: int, side: Side) -> None:
            super().__init__()
            self.index = index
            self.side: Side = side

    def __init__(self, index: int, line: CompareLine) -> None:
        classes = f"-{line.kind}"
        if not line.left:
            classes += " -no-left"
        if not line.right:
            classes += " -no-right"
        super().__init__(classes=classes)
        self.index = index
        self.line = line

    def compose(self) -> ComposeResult:
        yield Static(kind_label(self.line), classes="row-kind")
        yield CompareCell(
            cell_content(self.line.left, self.line.left_marks, "left"), "left", classes="cell-left"
        )
        yield CompareCell(
            cell_content(self.line.right, self.line.right_marks, "right"),
            "right",
            classes="cell-right",
        )
        if self.line.number_note:
            yield Static(
                Content.assemble((f"{NUMBER_FLAG} ", "bold $text-warning"), self.line.number_note),
                classes="row-numbers",
            )

    def on_click(self, event: events.Click) -> None:
        widget = event.widget
        side: Side = widget.side if isinstance(widget, CompareCell) else "left"
        if isinstance(widget, CompareCell) and not self.line.text(side):
            side = "right" if side == "left" else "left"
        self.post_message(self.Clicked(self.index, side))


class CompareView(VerticalScroll, can_focus=True):
    """The aligned rows with a cursor (row and side); ``]``/``[`` are handled by the screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("left,h", "side('left')", "Left side", show=False),
        Binding("right,l", "side('right')", "Right side", show=False),
        Binding("home,g", "first", "First row", show=False),
        Binding("end,G", "last", "Last row", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
    ]

    cursor: reactive[int] = reactive(0, init=False)
    side: reactive[Side] = reactive("left", init=False)

    class CursorMoved(Message):
        """The row cursor or the active side changed."""

        def __init__(self, view: CompareView, index: int, side: Side) -> None:
            super().__init__()
            self.view = view
            self.index = index
            self.side: Side = side

        @property
        def control(self) -> CompareView:
            return self.view

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[CompareLine] = []
        self._painted = -1
        self._generation = 0
        self._reveal_wanted: bool | None = None

    async def show(self, lines: Sequence[CompareLine], cursor: int = 0) -> None:
        """Replace the rows; the cursor goes to ``cursor`` (clamped).

        The rows around the cursor are mounted at once so the first frame comes quickly; the
        rest follow in batches after each refresh (long versions have hundreds of rows).
        """
        self.lines = list(lines)
        self._painted = -1
        self._generation += 1
        await self.remove_children()
        cursor = max(0, min(cursor, len(self.lines) - 1))
        first = max(FIRST_BATCH, cursor + FIRST_BATCH // 2)
        await self.mount_all([CompareRow(i, line) for i, line in enumerate(self.lines[:first])])
        self.set_reactive(CompareView.cursor, cursor)
        self.set_reactive(CompareView.side, self._usable_side(self.side))
        self._paint()
        self.call_after_refresh(self._reveal, center=True)
        if first < len(self.lines):
            self.call_after_refresh(self._mount_more, self._generation)
        self.post_message(self.CursorMoved(self, self.cursor, self.side))

    async def _mount_more(self, generation: int) -> None:
        if generation != self._generation:
            return
        mounted = len(self.rows())
        batch = self.lines[mounted : mounted + LATER_BATCH]
        if not batch:
            return
        await self.mount_all([CompareRow(mounted + i, line) for i, line in enumerate(batch)])
        if self._painted != self.cursor:
            self._paint()
        if self._reveal_wanted is not None and self.cursor < mounted + len(batch):
            self.call_after_refresh(self._reveal, center=self._reveal_wanted)
        if mounted + len(batch) < len(self.lines):
            self.call_after_refresh(self._mount_more, generation)

    @property
    def fully_mounted(self) -> bool:
        return len(self.rows()) == len(self.lines)

    @property
    def current(self) -> CompareLine | None:
        return self.lines[self.cursor] if 0 <= self.cursor < len(self.lines) else None

    def rows(self) -> list[CompareRow]:
        return list(self.query_children(CompareRow).results(CompareRow))

    def move_to(self, index: int, *, side: Side | None = None, center: bool = False) -> None:
        """Put the cursor on row ``index`` (and ``side``), scrolling it into view."""
        if not self.lines:
            return
        index = max(0, min(index, len(self.lines) - 1))
        self.set_reactive(CompareView.cursor, index)
        self.set_reactive(CompareView.side, self._usable_side(side or self.side))
        self._paint()
        self._reveal(center=center)
        self.post_message(self.CursorMoved(self, self.cursor, self.side))

    def next_difference(self, step: int) -> bool:
        """Move to the next (``step=1``) or previous (``-1``) difference; False if none."""
        index = self.cursor + step
        while 0 <= index < len(self.lines):
            if self.lines[index].is_difference:
                self.move_to(index, center=True)
                return True
            index += step
        return False

    def _usable_side(self, side: Side) -> Side:
        line = self.current
        if line is not None and not line.text(side):
            return "right" if side == "left" else "left"
        return side

    def _paint(self) -> None:
        """Move the cursor classes; only the rows that gain or lose them are restyled."""
        rows = self.rows()
        for index in {self._painted, self.cursor}:
            if 0 <= index < len(rows):
                row = rows[index]
                current = index == self.cursor
                row.set_class(current, "-current")
                row.set_class(current and self.side == "left", "-active-left")
                row.set_class(current and self.side == "right", "-active-right")
        self._painted = self.cursor if self.cursor < len(rows) else -1

    def _reveal(self, center: bool = False) -> None:
        rows = self.rows()
        if 0 <= self.cursor < len(rows):
            self._reveal_wanted = None
            self.scroll_to_widget(rows[self.cursor], animate=False, center=center)
        else:
            self._reveal_wanted = center  # revealed once the row is mounted

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_side(self, side: Side) -> None:
        self.move_to(self.cursor, side=side)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.lines) - 1)

    def action_page(self, direction: int) -> None:
        rows = self.rows()
        if not rows or self.cursor >= len(rows):
            self.move_to(self.cursor + direction * 10)
            return
        target_y = (
            rows[self.cursor].virtual_region.y + direction * self.scrollable_content_region.height
        )
        index = self.cursor
        while 0 <= index + direction < len(rows) and (
            (direction > 0 and rows[index].virtual_region.y < target_y)
            or (direction < 0 and rows[index].virtual_region.y > target_y)
        ):
            index += direction
        self.move_to(index)

    def on_compare_row_clicked(self, event: CompareRow.Clicked) -> None:
        event.stop()
        self.focus()
        self.move_to(event.index, side=event.side)

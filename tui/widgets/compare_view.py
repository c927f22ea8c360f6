"""Two versions of a story as one scroll of aligned rows, with a row cursor on one side.

Each row holds the left passage beside the right passage it links to, so both columns move
together exactly: reading down either side stays natural whatever the versions' lengths. In a
narrow terminal the view stacks each row's two passages instead of setting them side by side.

The view is a single Line API widget: row heights come from wrapping the passages at the
current width (a cheap pass over plain text, redone on resize), and only the rows on screen
are rendered, into strips cached per row. Versions of 20,000 words open, scroll and jump as
fast as short ones, with no widget per row.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich._wrap import divide_line
from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

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
LABEL_WIDTH = 14
"""Columns of the kind label at the right of each row (side by side)."""
MIN_TEXT_WIDTH = 8
ROW_GAP = 1
"""Blank lines after each row."""
CACHED_ROWS = 512
CURSOR_BAR = "┃"
SIDE_BARS: dict[Side, str] = {"left": "▌", "right": "│"}
"""Stacked passages' edges: a different glyph per side, so they tell apart without colour."""
# Control characters (C0, DEL, C1) shown as spaces: one cell each, so offsets and wrapping
# stay as the text's, and nothing in an article reaches the terminal as a control sequence.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
# Anything but one-cell characters and plain spaces: Latin, Greek, Cyrillic, typographic
# punctuation and currency signs are one cell each; the rest (wide, combining, zero-width,
# other spaces) is wrapped by Rich, which measures every character.
_NOT_ONE_CELL = re.compile(
    "[^\x20-\x7e\xa1-\xac\xae-\u02ff\u0370-\u0482\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]"
)


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

    def marks(self, side: Side) -> tuple[Mark, ...]:
        return self.left_marks if side == "left" else self.right_marks


def shown_text(text: str) -> str:
    """The passage as drawn: control characters (newlines, tabs, ESC...) become spaces."""
    return _CONTROLS.sub(" ", text)


def cell_content(text: str | None, marks: Sequence[Mark], side: Side) -> Content:
    """A passage as plain text with its marks styled by offset (never parsed as markup)."""
    if not text:
        return Content("")
    content = Content(shown_text(text))
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


def note_content(note: str) -> Content:
    """The line under a row saying which numbers differ."""
    return Content.assemble((f"{NUMBER_FLAG} ", "bold $text-warning"), shown_text(note))


def _kind_colour(kind: str) -> str:
    return {"reworded": "warning", "left-only": "error", "right-only": "success"}.get(kind, "muted")


def wrap_offsets(text: str, width: int) -> list[int]:
    """Where a passage's lines break at ``width`` cells (words kept whole unless too long).

    Text of one-cell characters split only by spaces (nearly all news copy) is cut by
    searching for spaces, a few steps a line; anything else goes through Rich's word wrap.
    """
    width = max(1, width)
    if _NOT_ONE_CELL.search(text) is not None:
        return divide_line(text, width, fold=True)
    offsets: list[int] = []
    end = len(text.rstrip(" "))
    start = 0
    while end - start > width:
        limit = start + width
        if text[limit] == " ":
            cut = limit
            while text[cut] == " ":
                cut += 1
        else:
            space = text.rfind(" ", start, limit)
            cut = space + 1
            if space < start or not text[start:space].strip(" "):
                cut = limit  # a word longer than the line is folded
        offsets.append(cut)
        start = cut
    return offsets


@dataclass(frozen=True, slots=True)
class Geometry:
    """Where the parts of a row go at one width: side by side, or stacked when narrow."""

    width: int
    stacked: bool

    @property
    def cell_widths(self) -> tuple[int, int]:
        """Full widths of the left and right cells (bar, text and one column of padding)."""
        if self.stacked:
            return self.width, self.width
        cells = max(2 * (MIN_TEXT_WIDTH + 2), self.width - LABEL_WIDTH)
        return cells // 2, cells - cells // 2

    def text_width(self, side: Side) -> int:
        left, right = self.cell_widths
        return max(1, (left if side == "left" else right) - 2)

    @property
    def note_width(self) -> int:
        """Text width of the numbers note (under both cells, one column of padding each side)."""
        if self.stacked:
            return max(1, self.width - 2)
        return max(1, sum(self.cell_widths) - 2)


@dataclass(frozen=True, slots=True)
class RowBox:
    """One row's lines at a geometry: its passages' wrapped heights and the note's."""

    top: int
    left: int
    right: int
    note: int
    stacked: bool

    @property
    def body(self) -> int:
        """Lines holding the passages (and, stacked, the kind label above them)."""
        if self.stacked:
            return 1 + self.left + self.right
        return max(1, self.left, self.right)

    @property
    def height(self) -> int:
        return self.body + self.note + ROW_GAP


@dataclass(frozen=True)
class CompareLayout:
    """Every row's place in the scroll at one geometry."""

    geometry: Geometry
    boxes: tuple[RowBox, ...]
    tops: tuple[int, ...]
    height: int

    def row_at(self, y: int) -> int | None:
        """The row covering line ``y`` of the scroll, or None past the end."""
        if not self.boxes or y < 0 or y >= self.height:
            return None
        return bisect.bisect_right(self.tops, y) - 1


def layout_rows(lines: Sequence[CompareLine], width: int, stacked: bool) -> CompareLayout:
    """Wrap every row at ``width`` (no widgets involved, so a worker thread may call it)."""
    geometry = Geometry(width, stacked)
    left_width, right_width = geometry.text_width("left"), geometry.text_width("right")
    note_width = geometry.note_width
    boxes: list[RowBox] = []
    tops: list[int] = []
    top = 0
    for line in lines:
        left = len(wrap_offsets(shown_text(line.left), left_width)) + 1 if line.left else 0
        right = len(wrap_offsets(shown_text(line.right), right_width)) + 1 if line.right else 0
        note = (
            len(wrap_offsets(note_content(line.number_note).plain, note_width)) + 1
            if line.number_note
            else 0
        )
        box = RowBox(top, left, right, note, stacked)
        boxes.append(box)
        tops.append(top)
        top += box.height
    return CompareLayout(geometry, tuple(boxes), tuple(tops), top)


class CompareView(ScrollView, can_focus=True):
    """The aligned rows with a cursor (row and side); ``]``/``[`` are handled by the screen."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "compare-view--same",
        "compare-view--reworded",
        "compare-view--left-only",
        "compare-view--right-only",
        "compare-view--cursor",
        "compare-view--cursor-bar",
        "compare-view--left-bar",
        "compare-view--right-bar",
        "compare-view--note",
    }
    DEFAULT_CSS = """
    CompareView {
        height: 1fr;
        scrollbar-gutter: stable;
        overflow-x: hidden;
    }
    CompareView:focus { background-tint: $foreground 2%; }
    CompareView > .compare-view--same { color: $text-muted; }
    CompareView > .compare-view--reworded { background: $warning 10%; }
    CompareView > .compare-view--left-only { background: $error 15%; }
    CompareView > .compare-view--right-only { background: $success 15%; }
    CompareView > .compare-view--cursor { background: $primary 35%; color: $text; }
    CompareView > .compare-view--cursor-bar { color: $accent; }
    CompareView > .compare-view--left-bar { color: $primary; }
    CompareView > .compare-view--right-bar { color: $secondary; }
    CompareView > .compare-view--note { color: $text-warning; }
    """

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
        self._stacked = False
        self._layout: CompareLayout | None = None
        self._rows: LRUCache[int, list[Strip]] = LRUCache(CACHED_ROWS)

    # -- what the screen calls -------------------------------------------------------------

    def show(
        self, lines: Sequence[CompareLine], cursor: int = 0, layout: CompareLayout | None = None
    ) -> None:
        """Replace the rows; the cursor goes to ``cursor`` (clamped) and is centred.

        ``layout`` is the rows laid out ahead (off the UI thread) for the width the view was
        expected to have; it is used if that is still the width (or the view has not been
        sized yet), else the rows are re-wrapped.
        """
        self.lines = list(lines)
        self._layout = None
        self._rows.clear()
        self.set_reactive(CompareView.cursor, max(0, min(cursor, len(self.lines) - 1)))
        self.set_reactive(CompareView.side, self._usable_side(self.side))
        geometry = self._geometry()
        if layout is not None and (layout.geometry == geometry or not geometry.width):
            self._apply_layout(layout)  # not sized yet: checked again on the first resize
        else:
            self._relayout()
        self.scroll_to(y=0, animate=False, immediate=True)
        self._reveal(center=True)
        self.refresh()
        self.post_message(self.CursorMoved(self, self.cursor, self.side))

    def watch_cursor(self, before: int, after: int) -> None:
        """Assigning ``cursor`` directly redraws the rows it left and entered."""
        for index in (before, after):
            self._rows.discard(index)
            self._refresh_row(index)

    def watch_side(self) -> None:
        self._rows.discard(self.cursor)
        self._refresh_row(self.cursor)

    @property
    def stacked(self) -> bool:
        return self._stacked

    @stacked.setter
    def stacked(self, stacked: bool) -> None:
        if stacked != self._stacked:
            self._stacked = stacked
            self._relayout()

    def expected_width(self, screen_width: int) -> int:
        """The text width this view will have when it spans ``screen_width`` columns."""
        return max(1, screen_width - self.styles.gutter.width - self.styles.scrollbar_size_vertical)

    @property
    def laid_out(self) -> bool:
        """Every row has its place in the scroll (the view is fully usable)."""
        return self._layout is not None and len(self._layout.boxes) == len(self.lines)

    @property
    def layout(self) -> CompareLayout | None:
        return self._layout

    @property
    def current(self) -> CompareLine | None:
        return self.lines[self.cursor] if 0 <= self.cursor < len(self.lines) else None

    def move_to(self, index: int, *, side: Side | None = None, center: bool = False) -> None:
        """Put the cursor on row ``index`` (and ``side``), scrolling it into view."""
        if not self.lines:
            return
        index = max(0, min(index, len(self.lines) - 1))
        before = self.cursor
        self.set_reactive(CompareView.cursor, index)
        self.set_reactive(CompareView.side, self._usable_side(side or self.side))
        self._rows.discard(before)
        self._rows.discard(index)
        self._reveal(center=center)
        self._refresh_row(before)
        self._refresh_row(index)
        self.post_message(self.CursorMoved(self, self.cursor, self.side))

    def next_difference(self, step: int) -> bool:
        """Move to the next (``step=1``) or previous (``-1``) difference; False if none.

        Counted from the cursor, or from what is on screen when the cursor was scrolled away.
        """
        index = self._anchor(step) + step
        while 0 <= index < len(self.lines):
            if self.lines[index].is_difference:
                self.move_to(index, center=True)
                return True
            index += step
        return False

    def visible_rows(self) -> range:
        """Indexes of the rows with at least one line on screen."""
        layout = self._layout
        if layout is None or not layout.boxes:
            return range(0)
        top = round(self.scroll_y)
        first = layout.row_at(top)
        last = layout.row_at(min(layout.height - 1, top + self._viewport_height() - 1))
        if first is None or last is None:
            return range(0)
        return range(first, last + 1)

    def row_region(self, index: int) -> Region | None:
        """Where row ``index`` is, in lines of the scroll (None before the first layout)."""
        layout = self._layout
        if layout is None or not 0 <= index < len(layout.boxes):
            return None
        box = layout.boxes[index]
        return Region(0, box.top, layout.geometry.width, box.height)

    def side_offset(self, index: int, side: Side) -> Offset | None:
        """A point on ``side`` of row ``index`` relative to the view (to click it), if shown."""
        layout = self._layout
        if layout is None or not 0 <= index < len(layout.boxes):
            return None
        box, geometry = layout.boxes[index], layout.geometry
        if geometry.stacked:
            y = box.top + 1 + (box.left if side == "right" else 0)
            x = 2
        else:
            y = box.top
            x = 2 if side == "left" else geometry.cell_widths[0] + 2
        y -= round(self.scroll_y)
        if not 0 <= y < self._viewport_height():
            return None
        return Offset(x + self.styles.gutter.left, y + self.styles.gutter.top)

    def shown_passage(self, index: int, side: Side) -> str:
        """The passage on ``side`` of row ``index`` as drawn: its wrapped lines, joined."""
        layout = self._layout
        if layout is None or not 0 <= index < len(self.lines) or not self.lines[index].text(side):
            return ""
        strips = self._row_strips(index, layout)
        box, geometry = layout.boxes[index], layout.geometry
        if geometry.stacked:
            first = 1 + (box.left if side == "right" else 0)
            count = box.left if side == "left" else box.right
            start = 1
        else:
            first, count = 0, box.body
            start = 1 if side == "left" else geometry.cell_widths[0] + 1
        end = start + geometry.text_width(side)
        return " ".join(
            s.crop(start, end).text.strip() for s in strips[first : first + count]
        ).strip()

    def screen_lines(self) -> list[str]:
        """The text of the lines on screen now, as the user reads them."""
        return [self.render_line(y).text for y in range(self._viewport_height())]

    # -- layout ----------------------------------------------------------------------------

    def _geometry(self) -> Geometry:
        return Geometry(self.scrollable_content_region.width, self._stacked)

    def _viewport_height(self) -> int:
        return self.scrollable_content_region.height

    def _relayout(self) -> None:
        """Wrap the rows again at the current width, keeping the cursor row where it was."""
        geometry = self._geometry()
        if geometry.width <= 0:
            return
        if self._layout is not None and self._layout.geometry == geometry:
            return
        self._apply_layout(layout_rows(self.lines, geometry.width, geometry.stacked))

    def _apply_layout(self, layout: CompareLayout) -> None:
        old = self._layout
        keep: int | None = None
        if old is not None and 0 <= self.cursor < len(old.boxes):
            keep = old.boxes[self.cursor].top - round(self.scroll_y)
        self._layout = layout
        self._rows.clear()
        self.virtual_size = Size(layout.geometry.width, layout.height)
        if keep is not None and 0 <= self.cursor < len(layout.boxes):
            self.scroll_to(
                y=max(0, layout.boxes[self.cursor].top - keep), animate=False, immediate=True
            )
            self._reveal()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rows.clear()

    # -- cursor and scrolling --------------------------------------------------------------

    def _usable_side(self, side: Side) -> Side:
        line = self.current
        if line is not None and not line.text(side):
            return "right" if side == "left" else "left"
        return side

    def _anchor(self, step: int) -> int:
        """The row a move starts from: the cursor, or the screen's edge if it is off screen."""
        shown = self.visible_rows()
        if not shown or self.cursor in shown:
            return self.cursor
        return shown.start - 1 if step > 0 else shown.stop

    def _reveal(self, center: bool = False) -> None:
        """Scroll so the cursor row is on screen (its top first when taller than the screen)."""
        layout = self._layout
        if layout is None or not 0 <= self.cursor < len(layout.boxes):
            return
        box = layout.boxes[self.cursor]
        height = self._viewport_height()
        visible = box.height - ROW_GAP
        top = round(self.scroll_y)
        if center:
            target = box.top - max(0, (height - visible) // 2)
        elif box.top < top or visible > height:
            target = box.top
        elif box.top + visible > top + height:
            target = box.top + visible - height
        else:
            return
        self.scroll_to(y=max(0, target), animate=False, immediate=True)

    def _refresh_row(self, index: int) -> None:
        region = self.row_region(index)
        if region is not None:
            self.refresh_lines(region.y, region.height)

    def action_cursor_down(self) -> None:
        if not self._scroll_within_row(1):
            self.move_to(self._anchor(1) + 1)

    def action_cursor_up(self) -> None:
        if not self._scroll_within_row(-1):
            self.move_to(self._anchor(-1) - 1)

    def _scroll_within_row(self, step: int) -> bool:
        """Scroll through a cursor row taller than the screen before leaving it."""
        region = self.row_region(self.cursor)
        if region is None or self.cursor not in self.visible_rows():
            return False
        top, height = round(self.scroll_y), self._viewport_height()
        bottom = region.y + region.height - ROW_GAP
        if step > 0 and bottom > top + height:
            self.scroll_to(y=min(bottom - height, top + max(1, height // 3)), animate=False)
            return True
        if step < 0 and region.y < top:
            self.scroll_to(y=max(region.y, top - max(1, height // 3)), animate=False)
            return True
        return False

    def action_side(self, side: Side) -> None:
        self.move_to(self.cursor, side=side)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.lines) - 1)

    def action_page(self, direction: int) -> None:
        """Move the cursor a screen's height down or up (at least one row)."""
        layout = self._layout
        if layout is None or not self.lines:
            return
        start = self._anchor(direction)
        start = max(0, min(start, len(self.lines) - 1))
        target_y = layout.boxes[start].top + direction * self._viewport_height()
        index = layout.row_at(max(0, min(target_y, layout.height - 1)))
        if index is None or index == start:
            index = start + direction
        self.move_to(index)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        layout = self._layout
        if offset is None or layout is None:
            return
        y = offset.y + round(self.scroll_y)
        index = layout.row_at(y)
        if index is None:
            return
        box, geometry = layout.boxes[index], layout.geometry
        side: Side
        if geometry.stacked:
            inside = y - box.top
            if inside <= 0 or inside > box.left + box.right:
                side = self.side
            else:
                side = "left" if inside <= box.left else "right"
        else:
            left_width, right_width = geometry.cell_widths
            if offset.x >= left_width + right_width:
                side = self.side if index == self.cursor else "left"  # the kind label
            else:
                side = "left" if offset.x < left_width else "right"
        if not self.lines[index].text(side):
            side = "right" if side == "left" else "left"
        self.focus()
        self.move_to(index, side=side)

    # -- rendering -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        layout = self._layout
        line_y = y + round(self.scroll_y)
        index = layout.row_at(line_y) if layout is not None else None
        if layout is None or index is None:
            return Strip.blank(width, base)
        strip = self._row_strips(index, layout)[line_y - layout.boxes[index].top]
        return strip if strip.cell_length == width else strip.crop_extend(0, width, base)

    def _row_strips(self, index: int, layout: CompareLayout) -> list[Strip]:
        strips = self._rows.get(index)
        if strips is None:
            strips = self._render_row(index, layout)
            self._rows[index] = strips
        return strips

    def _render_row(self, index: int, layout: CompareLayout) -> list[Strip]:
        """Every line of one row, each the view's full width."""
        line, box, geometry = self.lines[index], layout.boxes[index], layout.geometry
        plain = self.get_visual_style()
        width = geometry.width
        strips: list[Strip] = []
        if geometry.stacked:
            label = kind_label(line)
            strips.append(self._text_strip(label, width - 1, plain, indent=1))
            for side in ("left", "right"):
                if line.text(side):
                    strips += self._cell(line, side, width, box, index)
        else:
            cells = [
                self._cell(line, "left", geometry.cell_widths[0], box, index),
                self._cell(line, "right", geometry.cell_widths[1], box, index),
            ]
            label = self._text_strip(kind_label(line), LABEL_WIDTH - 1, plain, indent=1)
            blank_label = Strip.blank(LABEL_WIDTH, plain.rich_style)
            for y in range(box.body):
                strips.append(
                    Strip.join([cells[0][y], cells[1][y], label if y == 0 else blank_label])
                )
        if line.number_note:
            note_style = self.get_visual_style("compare-view--note")
            content = note_content(line.number_note)
            for piece in self._wrapped(content, geometry.note_width, box.note):
                strips.append(
                    self._text_strip(piece, width - 1, note_style, indent=1).extend_cell_length(
                        width, plain.rich_style
                    )
                )
        strips.extend([Strip.blank(width, plain.rich_style)] * ROW_GAP)
        return strips

    def _cell(
        self, line: CompareLine, side: Side, cell_width: int, box: RowBox, index: int
    ) -> list[Strip]:
        """One side's passage as lines of ``cell_width``: a bar, the wrapped text, a margin."""
        text = line.text(side)
        stacked = box.stacked
        active = index == self.cursor and side == self.side and bool(text)
        style = self._cell_style(line.kind, side, active, bool(text))
        if active:
            bar, bar_style = CURSOR_BAR, style + self.get_visual_style("compare-view--cursor-bar")
        elif stacked:
            bar = SIDE_BARS[side]
            bar_style = style + self.get_visual_style(f"compare-view--{side}-bar")
        else:
            bar, bar_style = " ", style
        height = (box.left if side == "left" else box.right) if stacked else box.body
        if not text:
            return [Strip.blank(cell_width, style.rich_style)] * height
        content = cell_content(text, line.marks(side), side)
        bar_segment = Segment(bar, bar_style.rich_style)
        text_width = cell_width - 2
        strips = []
        for piece in self._wrapped(content, text_width, height):
            body = self._text_strip(piece, text_width, style)
            strips.append(
                Strip.join([Strip([bar_segment], 1), body, Strip.blank(1, style.rich_style)])
            )
        return strips

    def _cell_style(self, kind: str, side: Side, active: bool, has_text: bool) -> Style:
        if active:
            return self.get_visual_style("compare-view--cursor")
        if not has_text:
            return self.get_visual_style()
        if kind == "same":
            return self.get_visual_style("compare-view--same")
        if kind == "reworded" or kind == f"{side}-only":
            return self.get_visual_style(f"compare-view--{kind}")
        return self.get_visual_style()

    @staticmethod
    def _wrapped(content: Content, width: int, height: int) -> list[Content]:
        """``content`` cut into exactly ``height`` lines of at most ``width`` cells."""
        offsets = wrap_offsets(content.plain, width) if content.plain else []
        pieces = [piece.rstrip() for piece in content.divide(offsets)][:height]
        pieces += [Content("")] * (height - len(pieces))
        return pieces

    def _text_strip(self, content: Content, width: int, style: Style, indent: int = 0) -> Strip:
        """One line of text on ``style``, padded or cropped to ``width`` (plus ``indent``)."""
        segments = [Segment(" " * indent, style.rich_style)] if indent else []
        for text, text_style in content.render(style, end="", parse_style=self._get_style):
            segments.append(Segment(text, (style + text_style).rich_style))
        return Strip(segments).crop_extend(0, width + indent, style.rich_style)

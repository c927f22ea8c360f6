"""The reader: one article with its metadata, entity mentions coloured by type, query hits,
bookmarked passages and a passage cursor that moves by sentence or paragraph.

The article is one document (the header lines, a blank line, the body) painted row by row
with Textual's line API: opening an article wraps its text (no widgets mounted, nothing
measured twice) and only the rows in view are ever styled and rendered, each row a
``Content`` built from plain text with styles laid on by offset, so nothing in an article
is ever read as markup.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content, Span
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style

if TYPE_CHECKING:
    from index.article import Article
    from index.mentions import Mention

from tui.widgets.legend import (
    BOOKMARK_STYLE,
    CHOSEN_ENTITY_STYLE,
    CURSOR_STYLE,
    ENTITY_STYLES,
    HIT_STYLE,
    PLAIN_CAPTION_STYLE,
    PLAIN_CURSOR_STYLE,
    colour_is_scarce,
)
from tui.widgets.page_layout import PageLayout
from tui.widgets.results import short_date

PARAGRAPH_STYLES = {"heading": "bold", "caption": "italic $text-muted"}
_REVERSED = (HIT_STYLE, CHOSEN_ENTITY_STYLE)
PLACEHOLDER = "Choose an article on the left (enter) to read it here."
CONTEXT_ROWS = 2
"""Rows shown above a passage the reader opens at, so it is read in its context."""

# Characters that would break rows or reach the terminal, each replaced by one character
# so offsets into the body still hold (the importer strips them; this is a second guard).
_UNSAFE = {c: "\ufffd" for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))}
_UNSAFE[0x09] = " "
_LINE_BREAKS = str.maketrans({c: " " for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence of the body: its span and the paragraph it sits in."""

    start: int
    end: int
    paragraph: int


def split_passages(article: Article) -> list[Passage]:
    """Sentences (the core's splitter, so cursor passages match comparison passages),
    captions included so they can be bookmarked too."""
    from index.passages import split_sentences

    passages: list[Passage] = []
    for paragraph in article.paragraphs:
        spans = (
            [(0, len(paragraph.text))]
            if paragraph.kind == "heading"
            else split_sentences(paragraph.text)
        )
        for a, b in spans:
            passages.append(Passage(paragraph.start + a, paragraph.start + b, paragraph.index))
    return passages


class Marks:
    """Styled spans of the body sorted by start, found by the range they overlap."""

    def __init__(self, spans: Iterable[tuple[int, int, str]] = ()) -> None:
        self.spans = sorted(spans, key=lambda s: s[0])  # stable: laid in the order given
        self.starts = [s[0] for s in self.spans]
        self.longest = max((end - start for start, end, _ in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The spans with a character in ``[start, end)``."""
        first = bisect.bisect_left(self.starts, start - self.longest)
        last = bisect.bisect_left(self.starts, end)
        return [s for s in self.spans[first:last] if s[1] > start and s[0] < end]


class Reader(ScrollView, can_focus=True):
    """An article for reading; ``n``/``N`` jump between query hits."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_hit", "Next hit"),
        Binding("N", "previous_hit", "Prev hit"),
        Binding("down,j", "next_sentence", "Sentence", show=False),
        Binding("up,k", "previous_sentence", "Previous sentence", show=False),
        Binding("right_curly_bracket,ctrl+down", "next_paragraph", "Paragraph", show=False),
        Binding(
            "left_curly_bracket,ctrl+up", "previous_paragraph", "Previous paragraph", show=False
        ),
    ]

    DEFAULT_CSS = """
    Reader { padding: 0 1; overflow-x: hidden; scrollbar-gutter: stable; }
    """

    class CursorMoved(Message):
        """The passage cursor moved."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.mentions: list[Mention] = []
        self.hits: list[tuple[int, int]] = []
        self.bookmarks: list[tuple[int, int]] = []
        self.chosen_entity: str | None = None
        self.passages: list[Passage] = []
        self.cursor: int = 0
        self._passage_starts: list[int] = []
        self._paragraph_starts: list[int] = []
        self._header: list[Content] = [Content(PLACEHOLDER)]
        self._document = PLACEHOLDER
        self._body_base = len(self._document)
        self._mention_marks = Marks()
        self._hit_marks = Marks()
        self._bookmark_marks = Marks()
        self._layout: PageLayout | None = None
        self._line_spans: dict[int, list[Span]] = {}
        self._strips: dict[int, Strip] = {}
        self._open_at: int | None = None
        """Body offset to bring into view once the reader has a width to lay out."""
        self._colour_scarce: bool | None = None

    # -- loading ---------------------------------------------------------------------

    async def show(
        self,
        article: Article,
        mentions: Sequence[Mention] = (),
        hits: Sequence[tuple[int, int]] = (),
        bookmarks: Sequence[tuple[int, int]] = (),
        at: int | None = None,
    ) -> None:
        """Display ``article``; put the cursor on the passage holding offset ``at`` and
        bring it into view (else show the top)."""
        same = self.article is not None and self.article.id == article.id
        self.article = article
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.hits = sorted(hits)
        self.bookmarks = list(bookmarks)
        if not same:
            self.chosen_entity = None
        self.passages = split_passages(article)
        self._passage_starts = [p.start for p in self.passages]
        self._paragraph_starts = [p.start for p in article.paragraphs]
        self.cursor = self.passage_index_at(at) if at is not None else 0
        self._header = self.header_lines()
        header = "\n".join(line.plain for line in self._header)
        self._body_base = len(header) + 2
        self._document = f"{header}\n\n{article.body.translate(_UNSAFE)}"
        self._set_mention_marks()
        self._hit_marks = Marks((s, e, HIT_STYLE) for s, e in self.hits)
        self._bookmark_marks = Marks((s, e, BOOKMARK_STYLE) for s, e in self.bookmarks)
        self._update_subtitle()
        self._layout = None
        self._open_at = (
            self.passages[self.cursor].start if at is not None and self.passages else None
        )
        self._restyle()
        if not self._lay_out():
            return  # no width yet: laid out (and scrolled) on the first resize
        self._scroll_to_opening()

    def set_hits(self, hits: Sequence[tuple[int, int]]) -> None:
        self.hits = sorted(hits)
        self._hit_marks = Marks((s, e, HIT_STYLE) for s, e in self.hits)
        self._update_subtitle()
        self._restyle()

    def set_bookmarks(self, spans: Sequence[tuple[int, int]]) -> None:
        self.bookmarks = list(spans)
        self._bookmark_marks = Marks((s, e, BOOKMARK_STYLE) for s, e in self.bookmarks)
        self._restyle()

    def choose_entity(self, name: str | None) -> None:
        self.chosen_entity = name
        self._set_mention_marks()
        self._restyle()
        if name is None:
            return
        first = next((m for m in self.mentions if m.entity == name), None)
        if first is not None:
            self.move_cursor(self.passage_index_at(first.start), notify=False)

    def _set_mention_marks(self) -> None:
        spans: list[tuple[int, int, str]] = []
        for mention in self.mentions:
            spans.append((mention.start, mention.end, ENTITY_STYLES.get(mention.type, "underline")))
            if self.chosen_entity is not None and mention.entity == self.chosen_entity:
                spans.append((mention.start, mention.end, CHOSEN_ENTITY_STYLE))
        self._mention_marks = Marks(spans)

    def _update_subtitle(self) -> None:
        count = len(self.hits)
        self.border_subtitle = (
            f"{count} hit{'s' if count != 1 else ''} · n/N to jump" if count else ""
        )

    # -- what is shown -----------------------------------------------------------------

    def header_lines(self) -> list[Content]:
        """Title, outlet · date · author, URL and the entity tally (coloured by type, so it
        doubles as the legend when the entities panel is hidden), one line each."""
        article = self.article
        if article is None:
            return [Content(PLACEHOLDER)]

        def plain(text: str) -> Content:
            return Content(text.translate(_LINE_BREAKS).translate(_UNSAFE))

        bits = [article.outlet]
        if article.published:
            bits.append(short_date(article.published))
        if article.author:
            bits.append(article.author)
        lines = [
            plain(article.title).stylize("bold $text-primary"),
            plain(" · ".join(bits)).stylize("$text-secondary"),
        ]
        if article.url:
            lines.append(plain(article.url).stylize("$text-muted"))
        counts: dict[str, int] = {}
        for mention in self.mentions:
            if not mention.in_caption:
                counts[mention.type] = counts.get(mention.type, 0) + 1
        if counts:
            summary = Content("entities: ").stylize("$text-muted")
            summary = summary.append(
                Content(" · ").join(
                    Content(f"{t} {n}").stylize(ENTITY_STYLES.get(t, "")) for t, n in counts.items()
                )
            )
            lines.append(summary)
        return lines

    def paragraph_content(self, index: int) -> Content:
        """Paragraph ``index`` of the body with its styles (what its rows are cut from)."""
        assert self.article is not None
        paragraph = self.article.paragraphs[index]
        return Content(
            paragraph.text.translate(_UNSAFE),
            self._body_spans(paragraph.start, paragraph.end),
            strip_control_codes=False,
        )

    def _body_spans(self, start: int, end: int) -> list[Span]:
        """The styles of ``body[start:end]``, offsets relative to ``start``, in the order
        they are laid on (a later one wins where they clash)."""
        spans: list[Span] = []

        def lay(style: str, a: int, b: int) -> None:
            if b > start and a < end:
                spans.append(Span(max(a, start) - start, min(b, end) - start, style))

        scarce = self.colour_scarce
        if self.article is not None and self._paragraph_starts:
            first = max(0, bisect.bisect_right(self._paragraph_starts, start) - 1)
            for paragraph in self.article.paragraphs[first:]:
                if paragraph.start >= end:
                    break
                if scarce and paragraph.kind == "caption":
                    lay(PLAIN_CAPTION_STYLE, paragraph.start, paragraph.end)
                elif style := PARAGRAPH_STYLES.get(paragraph.kind):
                    lay(style, paragraph.start, paragraph.end)
        current = self.current_passage
        if current is not None:
            lay(PLAIN_CURSOR_STYLE if scarce else CURSOR_STYLE, current.start, current.end)
        for marks in (self._bookmark_marks, self._mention_marks, self._hit_marks):
            for a, b, style in marks.overlapping(start, end):
                lay(style, a, b)
                if scarce and current is not None and style in _REVERSED:
                    # inside the reversed cursor a reversed mark shows by turning it back
                    inside = max(a, current.start), min(b, current.end)
                    if inside[0] < inside[1]:
                        lay("not reverse", *inside)
        return spans

    @property
    def colour_scarce(self) -> bool:
        """Whether marks rest on text attributes alone (NO_COLOR, 16 colours)."""
        if self._colour_scarce is None:
            self._colour_scarce = colour_is_scarce(self.app)
        return self._colour_scarce

    def _spans_of_line(self, line: int) -> list[Span]:
        """Styles of logical line ``line`` of the document, offsets relative to its start."""
        spans = self._line_spans.get(line)
        if spans is None:
            layout = self._layout
            assert layout is not None
            if line < len(self._header):
                spans = list(self._header[line].spans)
            else:
                base = self._body_base
                spans = self._body_spans(
                    layout.line_starts[line] - base, layout.line_ends[line] - base
                )
            self._line_spans[line] = spans
        return spans

    # -- layout and painting ------------------------------------------------------------

    def _lay_out(self) -> bool:
        """Wrap the document to the current width (when it changed); False while the
        reader has no width (hidden, or not laid out yet)."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return False
        layout = self._layout
        if layout is not None and layout.width == width:
            return True
        top = None
        if layout is not None and layout.rows and self.scroll_y > 0:
            top = layout.rows[min(int(self.scroll_y), layout.height - 1)].start
        self._layout = layout = PageLayout(self._document, width)
        self._line_spans.clear()
        self._strips.clear()
        self.virtual_size = Size(width, layout.height)
        if top is not None:  # a new width keeps the same text at the top
            self.scroll_to(y=layout.row_of(top), animate=False, immediate=True, force=True)
        self.refresh()
        return True

    def _scroll_to_opening(self) -> None:
        layout = self._layout
        if layout is None:
            return
        target, self._open_at = self._open_at, None
        if target is None:
            self.scroll_to(y=0, animate=False, immediate=True, force=True)
            return
        row = layout.row_of(target + self._body_base)
        # forced: the scrollbars of a new document are only worked out at the next layout
        self.scroll_to(y=max(0, row - CONTEXT_ROWS), animate=False, immediate=True, force=True)

    def on_resize(self, event: events.Resize) -> None:
        if self._lay_out() and self._open_at is not None:
            self._scroll_to_opening()

    def _restyle(self, lines: Iterable[int] | None = None) -> None:
        """Forget the styles of logical ``lines`` (all when None) and repaint their rows."""
        layout = self._layout
        if lines is None or layout is None:
            self._line_spans.clear()
            self._strips.clear()
            self.refresh()
            return
        for line in set(lines):
            self._line_spans.pop(line, None)
            first = layout.first_row[line]
            last = layout.first_row[line + 1] if line + 1 < len(layout.first_row) else layout.height
            for row in range(first, last):
                self._strips.pop(row, None)
            self.refresh_lines(first, last - first)

    def _lines_of_body(self, start: int, end: int) -> range:
        layout = self._layout
        if layout is None:
            return range(0)
        base = self._body_base
        return range(layout.line_of(start + base), layout.line_of(max(start, end - 1) + base) + 1)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # theme colours are resolved when a row is rendered
        if self._colour_scarce is not None and self._colour_scarce != colour_is_scarce(self.app):
            self._colour_scarce = None  # an ANSI theme came or went, and the cursor's style
            self._line_spans.clear()

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        self._lay_out()
        layout = self._layout
        row = int(self.scroll_y) + y
        style = self.visual_style
        if layout is None or row >= layout.height or layout.width != width:
            return Strip.blank(width, style.rich_style)
        selection = self.text_selection
        strip = self._strips.get(row) if selection is None else None
        if strip is None:
            strip = self._render_row(layout, row, style, selection)
            if selection is None:
                self._strips[row] = strip
        return strip

    def _render_row(
        self, layout: PageLayout, index: int, style: Style, selection: Selection | None
    ) -> Strip:
        row = layout.rows[index]
        line_start = layout.line_starts[row.line]
        a, b = row.start - line_start, row.end - line_start
        spans = [
            Span(max(s.start, a) - a, min(s.end, b) - a, s.style)
            for s in self._spans_of_line(row.line)
            if s.end > a and s.start < b
        ]
        if selection is not None and (chosen := selection.get_span(row.line)) is not None:
            start, end = chosen
            end = layout.line_ends[row.line] - line_start if end == -1 else end
            if end > a and start < b:
                selected = Style.from_styles(self.screen.get_component_styles("screen--selection"))
                spans.append(Span(max(start, a) - a, min(end, b) - a, selected))
        content = Content(self._document[row.start : row.end], spans, strip_control_codes=False)
        # every cell carries its place in the document, as Textual's own text does, so
        # clicks and mouse selection map back to offsets
        segments = [Segment("", style.rich_style_with_offset(a, row.line))]
        x = a
        for text, text_style in content.render(style, end=""):
            segments.append(Segment(text, text_style.rich_style_with_offset(x, row.line)))
            x += len(text)
        return Strip(segments, content.cell_length).extend_cell_length(
            layout.width, style.rich_style
        )

    # -- the passage cursor -------------------------------------------------------------

    def passage_index_at(self, offset: int) -> int:
        if not self.passages:
            return 0
        return max(0, bisect.bisect_right(self._passage_starts, offset) - 1)

    @property
    def current_passage(self) -> Passage | None:
        if not self.passages:
            return None
        return self.passages[min(self.cursor, len(self.passages) - 1)]

    def move_cursor(self, to: int, *, notify: bool = True) -> None:
        if not self.passages:
            return
        to = max(0, min(to, len(self.passages) - 1))
        before = self.current_passage
        self.cursor = to
        after = self.passages[to]
        lines: list[int] = []
        for passage in (before, after):
            if passage is not None:
                lines.extend(self._lines_of_body(passage.start, passage.end))
        self._restyle(lines)
        self.scroll_to_cursor()
        if notify:
            self.post_message(self.CursorMoved())

    def move_cursor_to_paragraph(self, index: int) -> None:
        for n, passage in enumerate(self.passages):
            if passage.paragraph == index:
                self.move_cursor(n)
                return

    def scroll_to_cursor(self, animate: bool = False) -> None:
        """Bring the whole passage under the cursor into view (its start if it is taller
        than the reader)."""
        passage = self.current_passage
        if passage is None or not self._lay_out():
            return
        rows = self.rows_of(passage.start, passage.end)
        height = max(1, min(len(rows), self.scrollable_content_region.height))
        self.scroll_to_region(
            Region(0, rows.start, 1, height),
            animate=animate,
            immediate=True,
            x_axis=False,
            force=True,
        )

    def rows_of(self, start: int, end: int) -> range:
        """The rows (of the whole document) showing ``body[start:end]``."""
        if self._layout is None and not self._lay_out():
            return range(0)
        assert self._layout is not None
        return self._layout.rows_of(start + self._body_base, end + self._body_base)

    def action_next_sentence(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_previous_sentence(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_next_paragraph(self) -> None:
        passage = self.current_passage
        if passage is None:
            return
        for n in range(self.cursor + 1, len(self.passages)):
            if self.passages[n].paragraph != passage.paragraph:
                self.move_cursor(n)
                return

    def action_previous_paragraph(self) -> None:
        passage = self.current_passage
        if passage is None:
            return
        first_of_this = next(
            n for n, p in enumerate(self.passages) if p.paragraph == passage.paragraph
        )
        if first_of_this < self.cursor:
            self.move_cursor(first_of_this)
            return
        if first_of_this == 0:
            return
        previous = self.passages[first_of_this - 1].paragraph
        self.move_cursor(next(n for n, p in enumerate(self.passages) if p.paragraph == previous))

    def action_next_hit(self) -> None:
        self._jump_hit(forward=True)

    def action_previous_hit(self) -> None:
        self._jump_hit(forward=False)

    def _jump_hit(self, forward: bool) -> None:
        if not self.hits:
            self.notify("No query hits in this article.", severity="warning", timeout=2)
            return
        passage = self.current_passage
        here = passage.start if passage else 0
        here_end = passage.end if passage else 0
        if forward:
            target = next((h for h in self.hits if h[0] >= here_end), self.hits[0])
        else:
            target = next((h for h in reversed(self.hits) if h[0] < here), self.hits[-1])
        self.move_cursor(self.passage_index_at(target[0]))

    # -- the mouse ------------------------------------------------------------------------

    def body_offset_at(self, offset: Offset) -> int | None:
        """The body offset under ``offset`` (relative to the reader's content area), or
        None outside the body."""
        layout = self._layout
        if layout is None:
            return None
        index = int(self.scroll_y) + offset.y
        if not 0 <= index < layout.height:
            return None
        row = layout.rows[index]
        position = min(row.start + max(0, offset.x), row.end)
        if position < self._body_base:
            return None
        return position - self._body_base

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the sentence under it; a double click selects that
        sentence, a triple click its paragraph."""
        if self.article is None:
            return
        where = event.get_content_offset(self)
        offset = self.body_offset_at(where) if where is not None else None
        if offset is None:
            return
        passage_index = self.passage_index_at(offset)
        if event.chain == 1:
            self.move_cursor(passage_index)
            return
        event.prevent_default()  # not Textual's "select the whole widget"
        passage = self.passages[passage_index]
        start, end = passage.start, passage.end
        if event.chain >= 3:
            paragraph = self.article.paragraphs[passage.paragraph]
            start, end = paragraph.start, paragraph.end
        self.select_body(start, end)

    def select_body(self, start: int, end: int) -> None:
        """Select ``body[start:end]`` as a mouse drag over it would."""
        layout = self._layout
        if layout is None:
            return
        base = self._body_base
        first, last = layout.line_of(start + base), layout.line_of(max(start, end - 1) + base)
        self.screen.selections = {
            self: Selection(
                Offset(start + base - layout.line_starts[first], first),
                Offset(end + base - layout.line_starts[last], last),
            )
        }

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        span = self._selected_span(selection)
        if span is None:
            return None
        return self._document[span[0] : span[1]], "\n"

    def _selected_span(self, selection: Selection) -> tuple[int, int] | None:
        """Document offsets of ``selection`` (start or end None: from the top, to the end)."""
        layout = self._layout
        if layout is None:
            return None
        start = 0 if selection.start is None else layout.offset_at(*selection.start.transpose)
        if selection.end is None:
            end = len(self._document)
        else:
            end = layout.offset_at(*selection.end.transpose)
        return (start, end) if end > start else None

    # -- what ``b`` bookmarks -------------------------------------------------------------

    def bookmark_span(self) -> tuple[int, int] | None:
        """The mouse selection where it covers body text, else the passage under the
        cursor."""
        if self.article is None:
            return None
        selection = self.text_selection
        span = self._selected_span(selection) if selection is not None else None
        if span is not None:
            base = self._body_base
            start = max(0, span[0] - base)
            end = min(len(self.article.body), span[1] - base)
            text = self.article.body[start:end] if end > start else ""
            if text.strip():
                start += len(text) - len(text.lstrip())
                end -= len(text) - len(text.rstrip())
                return start, end
        passage = self.current_passage
        return (passage.start, passage.end) if passage else None

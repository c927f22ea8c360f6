"""The reader: one article with its metadata, entity mentions coloured by type, query hits,
bookmarked passages and a passage cursor that moves by sentence or paragraph.

Every paragraph is a ``Static`` holding a ``Content`` built from the plain text, with
styles laid on by body offset: nothing in an article is ever read as markup.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.message import Message
from textual.widgets import Static

if TYPE_CHECKING:
    from index.article import Article
    from index.mentions import Mention

from tui.widgets.legend import (
    BOOKMARK_STYLE,
    CHOSEN_ENTITY_STYLE,
    CURSOR_STYLE,
    ENTITY_STYLES,
    HIT_STYLE,
)
from tui.widgets.results import short_date


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


class ParagraphView(Static):
    """One paragraph of the body."""

    DEFAULT_CSS = """
    ParagraphView { margin: 0 0 1 0; }
    ParagraphView.-heading { text-style: bold; }
    ParagraphView.-caption { color: $text-muted; text-style: italic; }
    """

    def __init__(self, index: int, content: Content, kind: str) -> None:
        super().__init__(content, classes=f"-{kind}")
        self.index = index

    def reuse(self, index: int, content: Content, kind: str) -> None:
        """Show another paragraph in this widget (cheaper than a new widget)."""
        self.index = index
        self.set_classes(f"-{kind}")
        self.update(content)

    def on_click(self, event: events.Click) -> None:
        reader = next((a for a in self.ancestors if isinstance(a, Reader)), None)
        if reader is not None and event.chain == 1:
            reader.move_cursor_to_paragraph(self.index)


class Reader(VerticalScroll, can_focus=True):
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
    Reader { padding: 0 1; }
    Reader #reader-meta { margin: 0 0 1 0; }
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

    def compose(self):
        yield Static(
            Content("Choose an article on the left (enter) to read it here."), id="reader-meta"
        )

    # -- loading ---------------------------------------------------------------------

    async def show(
        self,
        article: Article,
        mentions: Sequence[Mention] = (),
        hits: Sequence[tuple[int, int]] = (),
        bookmarks: Sequence[tuple[int, int]] = (),
        at: int | None = None,
    ) -> None:
        """Display ``article``; put the cursor on the passage holding offset ``at``."""
        same = self.article is not None and self.article.id == article.id
        self.article = article
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.hits = sorted(hits)
        self.bookmarks = list(bookmarks)
        if not same:
            self.chosen_entity = None
        self.passages = split_passages(article)
        self._passage_starts = [p.start for p in self.passages]
        self.cursor = self.passage_index_at(at) if at is not None else 0
        self.query_one("#reader-meta", Static).update(self.meta_content())
        views = list(self.query(ParagraphView))
        for view, paragraph in zip(views, article.paragraphs, strict=False):
            view.reuse(paragraph.index, self.paragraph_content(paragraph.index), paragraph.kind)
        if len(views) > len(article.paragraphs):
            await self.remove_children(views[len(article.paragraphs) :])
        elif len(article.paragraphs) > len(views):
            await self.mount_all(
                ParagraphView(p.index, self.paragraph_content(p.index), p.kind)
                for p in article.paragraphs[len(views) :]
            )
        if at is not None:
            self.call_after_refresh(self.scroll_to_cursor, False)
        else:
            self.scroll_home(animate=False)

    def set_hits(self, hits: Sequence[tuple[int, int]]) -> None:
        self.hits = sorted(hits)
        self.refresh_paragraphs()

    def set_bookmarks(self, spans: Sequence[tuple[int, int]]) -> None:
        self.bookmarks = list(spans)
        self.refresh_paragraphs()

    def choose_entity(self, name: str | None) -> None:
        self.chosen_entity = name
        self.refresh_paragraphs()
        if name is None:
            return
        first = next((m for m in self.mentions if m.entity == name), None)
        if first is not None:
            self.cursor = self.passage_index_at(first.start)
            self.refresh_paragraphs()
            self.scroll_to_cursor()

    # -- rendering --------------------------------------------------------------------

    def meta_content(self) -> Content:
        article = self.article
        if article is None:
            return Content("")
        bits = [article.outlet]
        if article.published:
            bits.append(short_date(article.published))
        if article.author:
            bits.append(article.author)
        lines = [
            Content(article.title).stylize("bold $text-primary"),
            Content(" · ".join(bits)).stylize("$text-secondary"),
        ]
        if article.url:
            lines.append(Content(article.url).stylize("$text-muted"))
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
        if self.hits:
            lines.append(
                Content(
                    f"{len(self.hits)} hit{'s' if len(self.hits) != 1 else ''} · n/N to jump"
                ).stylize("$text-muted")
            )
        return Content("\n").join(lines)

    def paragraph_content(self, index: int) -> Content:
        assert self.article is not None
        paragraph = self.article.paragraphs[index]
        base, end = paragraph.start, paragraph.end
        spans: list[Span] = []

        def lay(style: str, start: int, stop: int) -> None:
            if stop > base and start < end:
                spans.append(Span(max(start, base) - base, min(stop, end) - base, style))

        current = self.current_passage
        if current is not None and current.paragraph == index:
            lay(CURSOR_STYLE, current.start, current.end)
        for start, stop in self.bookmarks:
            lay(BOOKMARK_STYLE, start, stop)
        for mention in self.mentions:
            if mention.end <= base or mention.start >= end:
                continue
            lay(ENTITY_STYLES.get(mention.type, "underline"), mention.start, mention.end)
            if self.chosen_entity is not None and mention.entity == self.chosen_entity:
                lay(CHOSEN_ENTITY_STYLE, mention.start, mention.end)
        for start, stop in self.hits:
            lay(HIT_STYLE, start, stop)
        # one Content built with all its spans (stylize() would copy the text per span)
        return Content(paragraph.text, spans)

    def refresh_paragraphs(self, indexes: Sequence[int] | None = None) -> None:
        if self.article is None:
            return
        wanted = set(indexes) if indexes is not None else None
        for view in self.query(ParagraphView):
            if wanted is None or view.index in wanted:
                view.update(self.paragraph_content(view.index))
        self.query_one("#reader-meta", Static).update(self.meta_content())

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

    def move_cursor(self, to: int) -> None:
        if not self.passages:
            return
        to = max(0, min(to, len(self.passages) - 1))
        before = self.passages[self.cursor].paragraph if self.cursor < len(self.passages) else None
        self.cursor = to
        after = self.passages[to].paragraph
        self.refresh_paragraphs([i for i in (before, after) if i is not None])
        self.scroll_to_cursor()
        self.post_message(self.CursorMoved())

    def move_cursor_to_paragraph(self, index: int) -> None:
        for n, passage in enumerate(self.passages):
            if passage.paragraph == index:
                self.move_cursor(n)
                return

    def scroll_to_cursor(self, animate: bool = False) -> None:
        passage = self.current_passage
        if passage is None:
            return
        view = self.paragraph_view(passage.paragraph)
        if view is not None:
            self.scroll_to_widget(view, animate=animate, top=False)

    def paragraph_view(self, index: int) -> ParagraphView | None:
        views = list(self.query(ParagraphView))
        return views[index] if 0 <= index < len(views) else None

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

    def on_focus(self) -> None:
        self.refresh_paragraphs([self.current_passage.paragraph] if self.current_passage else [])

    def on_blur(self) -> None:
        self.refresh_paragraphs([self.current_passage.paragraph] if self.current_passage else [])

    # -- what ``b`` bookmarks -------------------------------------------------------------

    def bookmark_span(self) -> tuple[int, int] | None:
        """The mouse selection if it lies in the body, else the passage under the cursor."""
        if self.article is None:
            return None
        selected = self.screen.get_selected_text() if self.screen else None
        if selected:
            selected = selected.strip()
            body = self.article.body
            passage = self.current_passage
            near = passage.start if passage else 0
            candidates = []
            position = body.find(selected)
            while position != -1 and selected:
                candidates.append(position)
                position = body.find(selected, position + 1)
            if candidates:
                best = min(candidates, key=lambda c: abs(c - near))
                return best, best + len(selected)
        passage = self.current_passage
        return (passage.start, passage.end) if passage else None

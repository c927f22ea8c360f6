"""The left pane: search hits (title, outlet, date, snippet with hit words) or, for an
empty query, every article grouped by story, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.backend import StoryGroup, field_of, query_terms, term_spans
from tui.widgets.legend import HIT_STYLE


def short_date(value: datetime | date | str | None) -> str:
    """``1 Nov 2023``; empty when unknown."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    return f"{value.day} {value:%b %Y}"


def snippet_content(hit: Any, query: str) -> Content:
    """The hit's snippet with its matched words styled by offset (never parsed as markup)."""
    snippet = str(field_of(hit, "snippet", "") or "")
    snippet = snippet.replace("\n", " ").replace("\t", " ")
    content = Content(snippet)
    spans = field_of(hit, "highlights", None)
    if spans is None:
        spans = term_spans(snippet, query_terms(query))
    for span in spans:
        start, end = (
            (span[0], span[1]) if not isinstance(span, dict) else (span["start"], span["end"])
        )
        content = content.stylize(HIT_STYLE, start, end)
    return content


def hit_prompt(hit: Any, query: str) -> Content:
    title = Content(str(field_of(hit, "title", ""))).stylize("bold")
    for start, end in field_of(hit, "title_highlights", ()) or ():
        title = title.stylize("underline", start, end)
    meta_bits = [str(field_of(hit, "outlet", ""))]
    when = short_date(field_of(hit, "published"))
    if when:
        meta_bits.append(when)
    meta = Content(" · ".join(meta_bits)).stylize("$text-muted")
    snippet = snippet_content(hit, query)
    lines = [title, meta]
    if snippet:
        if not snippet.plain.startswith("…"):
            snippet = Content("…") + snippet
        if not snippet.plain.endswith("…"):
            snippet = snippet + "…"
        lines.append(snippet)
    return Content("\n").join(lines)


def article_prompt(article: Any) -> Content:
    title = Content(str(field_of(article, "title", ""))).stylize("bold")
    meta_bits = [str(field_of(article, "outlet", ""))]
    when = short_date(field_of(article, "published"))
    if when:
        meta_bits.append(when)
    meta = Content(" · ".join(meta_bits)).stylize("$text-muted")
    return Content("\n").join([Content("  ").append(title), Content("  ").append(meta)])


class ResultsList(OptionList):
    """Hits or stories; option ids are article ids, story headers are disabled rows."""

    DEFAULT_CSS = """
    ResultsList { height: 1fr; }
    """

    def show_hits(self, hits: Sequence[Any], query: str) -> None:
        keep = self.highlighted_option.id if self.highlighted_option else None
        self.clear_options()
        options: list[Option | None] = []
        for n, hit in enumerate(hits):
            if n:
                options.append(None)
            options.append(Option(hit_prompt(hit, query), id=str(field_of(hit, "id"))))
        self.add_options(options)
        self._restore(keep)

    def show_stories(self, groups: Sequence[StoryGroup]) -> None:
        keep = self.highlighted_option.id if self.highlighted_option else None
        self.clear_options()
        options: list[Option | None] = []
        seen: set[str] = set()
        for group in groups:
            count = len(group.articles)
            header = (
                Content(group.title)
                .stylize("bold $text-secondary")
                .append(
                    Content(f"  {count} version{'s' if count != 1 else ''}").stylize("$text-muted")
                )
            )
            options.append(Option(header, id=f"story:{group.key}", disabled=True))
            for article in group.articles:
                article_id = str(field_of(article, "id"))
                if article_id in seen:
                    continue
                seen.add(article_id)
                options.append(Option(article_prompt(article), id=article_id))
        self.add_options(options)
        self._restore(keep)

    def _restore(self, keep: str | None) -> None:
        if keep is not None:
            try:
                self.highlighted = self.get_option_index(keep)
                return
            except Exception:
                pass
        for index, option in enumerate(self.options):
            if not option.disabled:
                self.highlighted = index
                return

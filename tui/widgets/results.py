"""The left pane: search hits (title, outlet, date, snippet with hit words) or, for an
empty query, every article grouped by story, newest first."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from textual.content import Content
from textual.geometry import Spacing
from textual.message import Message
from textual.visual import Padding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.presenting import StoryGroup
from tui.widgets.legend import HIT_STYLE

if TYPE_CHECKING:
    from index.catalog import ArticleSummary
    from index.search import Hit
    from tui.widgets.search_bar import SearchRequest


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


def snippet_content(hit: Hit) -> Content:
    """The hit's snippet with its matched words styled by offset (never parsed as markup)."""
    content = Content(hit.snippet.replace("\n", " ").replace("\t", " "))
    for start, end in hit.highlights:
        content = content.stylize(HIT_STYLE, start, end)
    return content


def hit_prompt(hit: Hit) -> Content:
    title = Content(hit.title).stylize("bold")
    for start, end in hit.title_highlights:
        title = title.stylize("underline", start, end)
    meta_bits = [hit.outlet]
    when = short_date(hit.published)
    if when:
        meta_bits.append(when)
    meta = Content(" · ".join(meta_bits)).stylize("$text-muted")
    snippet = snippet_content(hit)
    lines = [title, meta]
    if snippet:
        if not snippet.plain.startswith("…"):
            snippet = Content("…") + snippet
        if not snippet.plain.endswith("…"):
            snippet = snippet + "…"
        lines.append(snippet)
    return Content("\n").join(lines)


def more_prompt(shown: int, total: int) -> Content:
    """The row under the hits of a long result: how many more, and how to list them."""
    left = total - shown
    return Content.assemble(
        (f"▾ {left} more hit{'s' if left != 1 else ''}", "bold $text-accent"),
        (" · listed as you reach the end", "$text-muted"),
    )


def article_prompt(article: ArticleSummary, indent: int = 2) -> Content | Padding:
    """Title over outlet and date; under its story's header, indented by ``indent`` cells
    as a block, so a title that wraps goes on under its first word (a hanging indent),
    not back at the list's edge."""
    title = Content(article.title).stylize("bold")
    meta_bits = [article.outlet]
    when = short_date(article.published)
    if when:
        meta_bits.append(when)
    meta = Content(" · ".join(meta_bits)).stylize("$text-muted")
    prompt = Content("\n").join([title, meta])
    return Padding(prompt, Spacing(0, 0, 0, indent)) if indent else prompt


CLEAR_FILTERS_ID = "clear-filters"
"""The id of the row that searches again without the filters (enter or a click on it)."""
NO_HITS_ID = "no-hits"
"""The id of the row that explains an empty result."""
STORY_PREFIX = "story:"
"""Story header rows have ids ``story:<key>``."""


def is_article_option(option_id: str | None) -> bool:
    """Whether a row of the results list with id ``option_id`` is an article (its id the
    article's): not a story header, the empty result's text, its "clear filters" row or
    the "more" row (no id), which compare, facts and the preview must not take for one."""
    if not option_id:
        return False
    return option_id not in (CLEAR_FILTERS_ID, NO_HITS_ID) and not option_id.startswith(
        STORY_PREFIX
    )


def filters_text(request: SearchRequest) -> str:
    """The filters of ``request`` as a phrase (``with Outlet: GDC since 2023-11-02``);
    empty without filters. Sorting filters nothing and is left out."""
    named = []
    if request.outlet:
        named.append(f"Outlet: {request.outlet}")
    if request.entity:
        named.append(f"Entity: {request.entity}")
    parts = ["with " + " · ".join(named)] if named else []
    if request.since:
        parts.append(f"since {request.since.isoformat()}")
    if request.until:
        parts.append(f"until {request.until.isoformat()}")
    return " ".join(parts)


def no_hits_prompt(query: str, filters: str, unfiltered: int | None) -> Content:
    """Why the list is empty: nothing for ``query`` (with ``filters``, a phrase), and
    how many hits the filters hid (``unfiltered``; None when there were no filters)."""
    words = query.strip()
    if words:
        head = Content("No hits for ‘").append(Content(words)).append("’")
    else:
        head = Content("No articles")
    if filters:
        head = head.append(" ").append(Content(filters))
    lines = [head.stylize("bold")]
    if unfiltered is None:
        lines.append(
            Content("Try other or fewer words, or a prefix (artil*).").stylize("$text-muted")
        )
    elif unfiltered:
        lines.append(
            Content(
                f"{unfiltered} hit{'s' if unfiltered != 1 else ''} without the filters"
            ).stylize("$text-warning")
        )
    else:
        lines.append(Content("None without the filters either.").stylize("$text-muted"))
    if filters:
        lines.append(
            Content("Clear them: enter on the row below, or ctrl+p › Clear filters").stylize(
                "$text-muted"
            )
        )
    return Content("\n").join(lines)


def clear_filters_prompt(unfiltered: int) -> Content:
    """The row that clears the filters, saying what that gives."""
    found = f" ({unfiltered} hit{'s' if unfiltered != 1 else ''})" if unfiltered else ""
    return Content.assemble(("✕ Search without the filters", "bold $text-accent"), found)


FIRST_SCREENFUL = 120
"""Story rows listed before the first frame; more than a tall terminal shows."""
REST_BATCH = 60
"""Rows added (and measured) per frame after the first screenful, ~40 ms of work: the
~1,300 rows of a 10,000-article library added at once held the screen 0.7-2 s whenever
the library changed while open; in batches, keys are handled between them."""


class ResultsList(OptionList):
    """Hits or stories; option ids are article ids, story headers are disabled rows."""

    DEFAULT_CSS = """
    ResultsList { height: 1fr; }
    """

    class WantsMore(Message):
        """The user reached the end of what a long result lists (scrolled or moved there)."""

    more_total = 0
    """The size of the whole result while the list shows fewer hits (a "more" row)."""

    _listing = 0
    """Counts story listings, so the rest of an outdated one is not added."""

    _answering: Hashable = None
    """What the hits listed answer (None while the library is listed)."""

    def show_hits(
        self, hits: Sequence[Hit], total: int | None = None, *, answering: Hashable = None
    ) -> None:
        """The hits, with a "more" row under them when the result has more (``total``).

        ``answering`` is what the hits answer (the request: query, filters, sort). Hits of
        a new one open at the top with the first highlighted, wherever the cursor was;
        hits of the one listed already (more of them, or the index changed) keep the
        cursor on its article and the list where it was scrolled."""
        same = answering is not None and answering == self._answering
        keep = self.highlighted_option.id if same and self.highlighted_option else None
        scrolled = self.scroll_y if same else 0
        self._answering = answering
        self.clear_options()
        self._listing += 1
        options: list[Option | None] = []
        for n, hit in enumerate(hits):
            if n:
                options.append(None)
            options.append(Option(hit_prompt(hit), id=hit.id))
        self.more_total = 0
        self.add_options(options + self._more_row(len(hits), total))
        self.scroll_to(y=scrolled, animate=False, immediate=True)
        self._restore(keep)

    def append_hits(self, hits: Sequence[Hit], shown: int, total: int) -> None:
        """More hits of the same result under those listed (``shown`` counts them all);
        the cursor stays where it is."""
        # The "more" row goes; the separator above it stays, above the first new hit.
        separated = bool(self.more_total) or not self.option_count
        if self.more_total:
            self.remove_option_at_index(self.option_count - 1)
        self.more_total = 0
        options: list[Option | None] = []
        for hit in hits:
            if options or not separated:
                options.append(None)
            options.append(Option(hit_prompt(hit), id=hit.id))
        self.add_options(options + self._more_row(shown, total))

    def _more_row(self, shown: int, total: int | None) -> list[Option | None]:
        if total is None or total <= shown:
            return []
        self.more_total = total
        # Disabled and without an id: the cursor never rests on it and it is no article.
        return [None, Option(more_prompt(shown, total), disabled=True)]

    def show_no_hits(
        self, query: str, filters: str, unfiltered: int | None, *, answering: Hashable = None
    ) -> None:
        """An empty result explained where the hits would be: what was searched for, with
        which filters, how many hits they hide, and a row that clears them."""
        self._answering = answering
        self.clear_options()
        self._listing += 1
        self.more_total = 0
        options: list[Option | None] = [
            Option(no_hits_prompt(query, filters, unfiltered), id=NO_HITS_ID, disabled=True)
        ]
        if filters:
            options += [None, Option(clear_filters_prompt(unfiltered or 0), id=CLEAR_FILTERS_ID)]
        self.add_options(options)
        self._restore(None)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.more_total and new_value > old_value and new_value >= self.max_scroll_y - 1:
            self.post_message(self.WantsMore())

    def show_articles(self, articles: Sequence[ArticleSummary]) -> None:
        """Articles alone, in the given order (their stories are not known yet)."""
        keep = self.highlighted_option.id if self.highlighted_option else None
        self._answering = None
        self.clear_options()
        self._listing += 1
        self.add_options(Option(article_prompt(a, indent=0), id=a.id) for a in articles)
        self._restore(keep)

    def show_stories(self, groups: Sequence[StoryGroup]) -> None:
        """Every story with its versions: a screenful at once, the rest after that frame
        is drawn (a list of 10,000 articles took half a second to measure)."""
        keep = self.highlighted_option.id if self.highlighted_option else None
        self._answering = None
        self.clear_options()
        self._listing += 1
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
            options.append(Option(header, id=f"{STORY_PREFIX}{group.key}", disabled=True))
            for article in group.articles:
                if article.id in seen:
                    continue
                seen.add(article.id)
                options.append(Option(article_prompt(article), id=article.id))
        first, rest = options[:FIRST_SCREENFUL], options[FIRST_SCREENFUL:]
        self.add_options(first)
        if not rest:
            self._restore(keep)
            return
        if keep is not None and any(o is not None and o.id == keep for o in first):
            self._restore(keep)
            keep = None
        elif keep is None:
            self._restore(None)
        self.call_after_refresh(self._add_rest, self._listing, rest, keep)

    def _add_rest(self, listing: int, rest: list[Option | None], keep: str | None) -> None:
        if listing != self._listing:
            return  # the list was replaced meanwhile
        end = REST_BATCH
        while end < len(rest) and rest[end] is None:
            end += 1  # a separator belongs to the row before it: never first in a batch
        self.add_options(rest[:end])
        if end < len(rest):
            self.call_after_refresh(self._add_rest, listing, rest[end:], keep)
            return
        if keep is not None:
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

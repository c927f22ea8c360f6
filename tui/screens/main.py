"""The main screen: search box and filters on top, results (or stories) on the left, the
reader on the right with the entities panel beside it. Below ~100 columns the results and
the reader take turns on the full width."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.events import DescendantBlur, Resize
from textual.keys import key_to_character
from textual.reactive import Reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Input, OptionList, ProgressBar, Static

from tui.messages import EntityChosen, SearchFor
from tui.presenting import bookmark_spans, hit_spans
from tui.widgets.entities_panel import EntitiesPanel, EntityList
from tui.widgets.reader import Reader
from tui.widgets.results import CLEAR_FILTERS_ID, ResultsList, filters_text, is_article_option
from tui.widgets.search_bar import SearchBar, SearchRequest

if TYPE_CHECKING:
    from textual.binding import ActiveBinding

    from index.article import Article
    from index.mentions import Mention
    from index.search import Hit, SearchResults
    from tui.app import BriefApp

STORY_LIMIT = 300
"""Stories listed for an empty query; beyond that, searching is the way in."""
NARROW_WIDTH = 100
RESULT_LIMIT = 25
"""Hits listed per search: each is wrapped and drawn on every keystroke (~1 ms apiece at
10,000 articles with its snippet), and a screen shows about ten."""
TYPING_LIMIT = 10
"""Hits listed while typing (a screenful at 120x40): the snippets of the hits are most of
a search's cost at 10,000 articles. The rest are listed once typing pauses."""
PREVIEW_WHILE_TYPING = 0.35
"""Seconds the preview waits for typing to pause before loading the highlighted result."""
AS_YOU_TYPE_MIN = 3
"""Letters a last word needs before it is also tried as a prefix."""


TYPED_KEY_NAMES = {
    "plus": "+",
    "minus": "-",
    "slash": "/",
    "at": "@",
    "backslash": "\\",
    "underscore": "_",
}
"""Key names of printable characters that ``key_to_character`` does not map back."""


def lists_library(request: SearchRequest) -> bool:
    """Whether ``request`` asks for the whole library (no words, no filter): the list of
    stories, shown without a search."""
    return not request.query.strip() and not (
        request.outlet or request.entity or request.since or request.until
    )


def types_text(key: str) -> bool:
    """Whether ``key`` pressed in a text box is typed as a character (so no binding runs)."""
    character = key_to_character(key) or TYPED_KEY_NAMES.get(key)
    return character is not None and character.isprintable()


def as_you_type(query: str) -> str | None:
    """The query with its last word made a prefix (``artil`` -> ``artil*``), when the
    user is still typing a plain word; None otherwise."""
    if not query or query[-1].isspace() or query.count('"') % 2:
        return None
    last = query.split()[-1]
    if len(last) < AS_YOU_TYPE_MIN or not last.isalpha() or last.upper() in ("AND", "OR", "NOT"):
        return None
    return query + "*"


class MainScreen(Screen[None]):
    """Search, browse and read."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """As on any screen, but a focus change does not repaint the whole screen: the
    widgets that look focused restyle themselves, and the second full paint made
    opening an article (focus moves to the reader) cost twice the frame."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: handled as the key arrives, so the keys typed right after it already go
        # to the search box (a key is routed to whatever has the focus when it comes in)
        Binding("slash", "focus_search", "Search", priority=True),
        # in the footer only while the search box has focus, where escape leaves it
        Binding("escape", "back('query')", "Results"),
        Binding("c", "compare", "Compare"),
        Binding("b", "bookmark", "Bookmark"),
        Binding("e", "toggle_entities", "Entities"),
        Binding("escape", "back", "Back", show=False),
        Binding("down", "results_from_query", "Results", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._searching = False
        self._pending = False
        self._preview: Timer | None = None
        self._settle: list[tuple[Timer, Callable[[], None]]] = []
        self.limit = RESULT_LIMIT
        """Hits asked of the search under way (fewer while typing)."""
        self.request = SearchRequest("", None, None, None, None, "relevance")
        self.hits: dict[str, Hit] = {}
        self._listing_shown: tuple[object, object] | None = None
        """The (articles, groups) the list shows, while it lists the library."""
        self.article: Article | None = None
        self.entities_wanted = True
        self._loading_more = False
        self._query: Input | None = None
        """The search box, once mounted (bindings are checked on every key)."""
        self._unfiltered: tuple[tuple[int, str], int] | None = None
        """The last count of hits without the filters, keyed by the library's version
        (``_library_version``) and the query counted: typing on with filters that hide
        everything asks for it once per query, not once per search."""
        self._library_version = 0

    @property
    def brief(self) -> BriefApp:
        """The app, with its library state (the main screen is only hosted by BriefApp)."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal(id="title-bar"):
            yield Static(Content("Brief"), id="title")
            yield ProgressBar(total=None, show_eta=False, id="sync-progress")
            yield Static(Content(""), id="index-status")
        yield SearchBar(id="search")
        with Horizontal(id="panes"):
            yield ResultsList(id="results")
            yield Reader(id="reader")
            yield EntitiesPanel(id="entities")
        yield Footer()

    @property
    def query_box(self) -> Input:
        """The search box's text input."""
        if self._query is None:
            self._query = self.query_one("#search", SearchBar).query_input
        return self._query

    def on_mount(self) -> None:
        self.query_box.focus()
        self.query_one("#results", ResultsList).border_title = "articles"
        self.query_one("#reader", Reader).border_title = "reader"
        self._apply_width(self.size.width)
        if self.brief.article_summaries or self.brief.workspace is not None:
            self.library_changed()  # the library was listed before this screen was up

    # -- layout -----------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._apply_width(event.size.width)

    @property
    def narrow(self) -> bool:
        """Whether results and reader take the whole width in turn."""
        return self.query_one("#panes").has_class("-narrow")

    def _apply_width(self, width: int) -> None:
        narrow = 0 < width < NARROW_WIDTH
        panes = self.query_one("#panes")
        panes.set_class(narrow, "-narrow")
        panes.set_class(narrow and self.reading, "-reading")
        self._show_entities(self.entities_wanted and self.article is not None and width >= 110)

    def _show_entities(self, show: bool) -> None:
        self.query_one("#entities", EntitiesPanel).display = show

    reading: bool = False
    """Whether the reader is in front (an article opened), rather than the results."""

    def _reading(self, reading: bool) -> None:
        self.reading = reading
        panes = self.query_one("#panes")
        # Only narrow panes lay out differently for reading: elsewhere a class change
        # would be a restyle for nothing, on every article opened.
        panes.set_class(reading and panes.has_class("-narrow"), "-reading")

    # -- library state ----------------------------------------------------------------

    def library_changed(self) -> None:
        """The library was listed, opened or synced: refresh the header, the list (or the
        hits) and the reader's query highlights."""
        self._library_version += 1  # the hits the filters hide may have changed
        self.update_header()
        self.run_search(self.request)

    def update_header(self) -> None:
        app = self.brief
        title = Content("Brief").stylize("bold $text-primary")
        if app.workspace is not None or app.article_summaries:
            count = len(app.article_summaries)
            title = title.append(Content(f" — library: {count} article{'s' if count != 1 else ''}"))
            stories = app.story_count
            if stories:
                title = title.append(f" · {stories} stor{'ies' if stories != 1 else 'y'}")
        self.query_one("#title", Static).update(title)
        status = Content(app.index_status)
        problems = len(app.problems)
        if problems:
            status = status.append(
                Content(f"  ⚠ {problems} problem{'s' if problems != 1 else ''} (ctrl+l)").stylize(
                    "$text-warning"
                )
            )
        self.query_one("#index-status", Static).update(status)

    def set_progress(self, done: int | None, total: int | None) -> None:
        bar = self.query_one("#sync-progress", ProgressBar)
        if done is None:
            bar.display = False
            return
        bar.display = True
        bar.update(total=total or None, progress=done)

    # -- searching ----------------------------------------------------------------------

    @on(SearchBar.Changed)
    def _search_changed(self, event: SearchBar.Changed) -> None:
        self.run_search(event.request)

    def run_search(self, request: SearchRequest) -> None:
        """Search for ``request`` now, or as soon as the search under way ends: typing
        never queues more than one search, and the last keystroke's is always run. An
        empty query lists the library at once, without a search."""
        self.request = request
        typing = self.query_box.has_focus
        self.limit = TYPING_LIMIT if typing else RESULT_LIMIT
        if self._searching:
            self._pending = True
            if lists_library(request):
                self._show_listing()
            return
        self._start_search()

    def _start_search(self) -> None:
        self._pending = False
        if lists_library(self.request):
            self._show_listing()
        elif self.brief.workspace is not None:  # else searched once the workspace opens
            self._searching = True
            self._search_worker(self.request, self.limit)

    def _search_finished(
        self, request: SearchRequest, limit: int, show: Callable[[], None]
    ) -> None:
        self._searching = False
        if request == self.request:
            show()
        if self._pending or request != self.request or limit != self.limit:
            self._start_search()

    def _list_more(self, request: SearchRequest) -> None:
        """Typing paused: list the hits beyond the first screenful too."""
        shown = len(self.hits)
        if request == self.request and self.limit < RESULT_LIMIT and shown >= self.limit:
            self.limit = RESULT_LIMIT
            if not self._searching:
                self._start_search()

    @work(group="search")
    async def _search_worker(self, request: SearchRequest, limit: int) -> None:
        show = await self.brief.in_search_thread(self._search, request, limit)
        self._search_finished(request, limit, show)

    def _search(self, request: SearchRequest, limit: int) -> Callable[[], None]:
        """In the search thread: the search for ``request``, as a callable that shows it."""
        workspace = self.brief.workspace
        assert workspace is not None, "searches start once the workspace is open"
        try:
            filters = {**_filters(request), "limit": limit}
            shown_query = request.query
            typing = as_you_type(request.query)
            # No did-you-mean yet for a word being typed: its prefix is tried first.
            results = workspace.search(request.query, suggest=typing is None, **filters)
            if not results.total and typing:
                # nothing for the word being typed: try it as a prefix ("artil" -> artil*)
                completed = workspace.search(typing, **filters)
                if completed.total:
                    results, shown_query = completed, typing
                else:
                    results = workspace.search(request.query, **filters)
            unfiltered = None
            if not results.total and filters_text(request):
                unfiltered = self._count_unfiltered(request.query, typing)
        except Exception as exc:  # a search must never take the app down
            return partial(self._show_error, request, str(exc))
        return partial(self._show_results, request, results, shown_query, unfiltered)

    def _count_unfiltered(self, query: str, typing: str | None) -> int:
        """In the search thread: how many hits the filters hide, for the empty list to say
        so; counted as the search without filters would list them (the words as typed,
        else the word being typed as a prefix) and remembered for the next keystrokes."""
        key = (self._library_version, query)
        cached = self._unfiltered
        if cached is not None and cached[0] == key:
            return cached[1]
        workspace = self.brief.workspace
        assert workspace is not None, "searches start once the workspace is open"
        count = workspace.search(query, suggest=False, limit=1).total
        if not count and typing:
            count = workspace.search(typing, suggest=False, limit=1).total
        self._unfiltered = (key, count)
        return count

    def load_more(self) -> None:
        """List the next hits of a long result under those shown (the user scrolled to the
        end or chose the "more" row); typing and new searches are never held up by it."""
        listing = self.query_one("#results", ResultsList)
        if self._loading_more or self._searching or not listing.more_total:
            return
        if self.query_box.has_focus:
            return  # typing: the first hits are enough, and keystrokes come first
        self._loading_more = True
        self._more_worker(self.request, self.highlight_query or self.request.query, len(self.hits))

    @work(group="more")
    async def _more_worker(self, request: SearchRequest, query: str, offset: int) -> None:
        try:
            results = await self.brief.in_search_thread(self._search_more, request, query, offset)
        finally:
            self._loading_more = False
        if results is None or request != self.request or len(self.hits) != offset:
            return  # another search replaced the list meanwhile
        new = [hit for hit in results.hits if hit.id not in self.hits]
        self.hits.update((hit.id, hit) for hit in new)
        listing = self.query_one("#results", ResultsList)
        listing.append_hits(new, len(self.hits), results.total)
        listing.border_title = _hits_title(results.total, len(self.hits))

    def _search_more(self, request: SearchRequest, query: str, offset: int) -> SearchResults | None:
        """In the search thread: the hits after the first ``offset`` (None if it fails)."""
        workspace = self.brief.workspace
        try:
            return workspace.search(  # type: ignore[union-attr]
                query, suggest=False, offset=offset, limit=RESULT_LIMIT, **_filters(request)
            )
        except Exception:
            return None

    @on(ResultsList.WantsMore)
    def _wants_more(self) -> None:
        self.load_more()

    def _show_listing(self) -> None:
        """The library for the empty query: stories newest first, or (while the first sync
        has not grouped them yet) the articles alone, newest first."""
        app = self.brief
        listing = (app.article_summaries, app.story_groups)
        if self._listing_shown is not None and all(
            a is b for a, b in zip(self._listing_shown, listing, strict=True)
        ):
            return  # already on screen (an opened workspace lists what the index did)
        self._listing_shown = listing
        self.hits = {}
        results = self.query_one("#results", ResultsList)
        articles, groups = listing
        if groups is None:
            results.show_articles(articles)
            indexing = " · indexing…" if not app.synced else ""
            results.border_title = f"{_count(len(articles), 'article')}{indexing}, newest first"
        else:
            results.show_stories(groups[:STORY_LIMIT])
            more = (
                f" (newest {STORY_LIMIT} shown)" if len(groups) > STORY_LIMIT else ", newest first"
            )
            results.border_title = (
                f"{_count(len(articles), 'article')} · "
                f"{_count(len(groups), 'story', 'stories')}{more}"
            )
        self.query_one("#search", SearchBar).set_status(Content(""))
        self._after_typing(
            partial(self._show_facets_and_hits, self.request, {"outlet": app.outlet_counts})
        )

    def _show_error(self, request: SearchRequest, message: str) -> None:
        if request != self.request:
            return
        self.query_one("#search", SearchBar).set_status(
            Content("search failed: ").append(Content(message)).stylize("$text-error")
        )

    def _show_results(
        self,
        request: SearchRequest,
        results: SearchResults,
        shown_query: str = "",
        unfiltered: int | None = None,
    ) -> None:
        if request != self.request:
            return
        hits, total = results.hits, results.total
        self._listing_shown = None
        self.hits = {h.id: h for h in hits}
        listing = self.query_one("#results", ResultsList)
        self.highlight_query = shown_query or request.query
        if total:
            listing.show_hits(hits, total, answering=request)
        else:
            listing.show_no_hits(
                request.query, filters_text(request), unfiltered, answering=request
            )
        listing.border_title = _hits_title(total, len(hits))
        status = Content(f"{total} hit{'s' if total != 1 else ''}").stylize("bold")
        if shown_query and shown_query != request.query:
            # Nothing matched the words as typed: say what the hits are for instead.
            status = status.append(" for ").append(
                Content(shown_query).stylize("bold $text-warning")
            )
            status = status.append(
                Content(" (nothing for the word as typed)").stylize("$text-muted")
            )
        for word, matched in results.fuzzy.items():
            status = (
                status.append(" · ")
                .append(Content(word).stylize("bold"))
                .append(Content(" as " + ", ".join(matched)).stylize("$text-warning"))
            )
        suggestion = results.suggestion
        if suggestion:
            status = (
                status.append(" · did you mean ")
                .append(Content(suggestion).stylize("bold underline $text-accent"))
                .append(Content(" (ctrl+y)").stylize("$text-muted"))
            )
        self.suggestion = suggestion or None
        self.query_one("#search", SearchBar).set_status(status)
        self._after_typing(
            partial(self._show_facets_and_hits, request, results.facets, results.entity_types)
        )
        if len(hits) < total:
            self._after_typing(partial(self._list_more, request), keep=True)

    def _after_typing(self, update: Callable[[], None], *, keep: bool = False) -> None:
        """Run ``update`` now, or while the search box has focus once typing pauses: the
        filters' facet counts and the reader's query highlights are not looked at between
        keystrokes, and redrawing them took time from the next keystroke's results.
        Without ``keep``, updates still waiting are dropped (they are for older results)."""
        if not keep:
            for timer, _update in self._settle:
                timer.stop()
            self._settle.clear()
        if self.query_box.has_focus:
            timer = self.set_timer(PREVIEW_WHILE_TYPING, partial(self._settled, update))
            self._settle.append((timer, update))
        else:
            update()

    def _settled(self, update: Callable[[], None]) -> None:
        self._settle = [pair for pair in self._settle if pair[1] is not update]
        update()

    @on(DescendantBlur, "#query")
    def _typing_over(self) -> None:
        """Leaving the search box ends the typing: what waited for a pause is done now."""
        waiting, self._settle = self._settle, []
        for timer, update in waiting:
            timer.stop()
            update()

    def _show_facets_and_hits(
        self,
        request: SearchRequest,
        facets: Mapping[str, Mapping[str, int]],
        entity_types: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        if request != self.request:
            return
        self.query_one("#search", SearchBar).set_facets(facets, entity_types)
        if self.article is not None:
            self.query_one("#reader", Reader).set_hits(self._hit_spans(self.article))

    suggestion: str | None = None
    highlight_query: str = ""
    """The query whose words are highlighted: the typed one, or its prefix completion."""

    def accept_suggestion(self) -> None:
        if self.suggestion:
            query = self.query_box
            query.value = self.suggestion
            query.cursor_position = len(query.value)

    @on(SearchFor)
    def _search_entity(self, event: SearchFor) -> None:
        self.search_for(f'entity:"{event.entity}"')

    def search_for(self, query: str) -> None:
        bar = self.query_one("#search", SearchBar)
        bar.query_input.value = query
        self.set_focus(bar.query_input)
        self._reading(False)

    @on(Input.Submitted, "#query")
    async def _query_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search box opens the highlighted (first) result."""
        await self.app.run_action("open_highlighted")

    def action_results_from_query(self) -> None:
        results = self.query_one("#results", ResultsList)
        self.set_focus(results)
        if results.highlighted is not None and self.query_box.has_focus is False:
            results.action_cursor_down()

    # -- opening --------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#results")
    def _result_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        article_id = event.option.id
        if article_id and self.hits and article_id == next(reversed(self.hits)):
            self.load_more()  # the cursor reached the last hit listed: list the next ones
        if not is_article_option(article_id) or self.narrow:
            return
        if (
            self.query_one("#reader", Reader).has_focus_within
            or self.query_one("#entities", EntitiesPanel).has_focus_within
        ):
            return  # the list changed under a reader: keep the article being read
        if self._preview is not None:
            self._preview.stop()
        typing = self.query_box.has_focus
        self._preview = self.set_timer(
            # Loading an article blocks the screen for ~0.1 s: not between keystrokes.
            PREVIEW_WHILE_TYPING if typing else 0.08,
            lambda: self.run_worker(
                self.open_article(article_id, focus=False), group="open", exclusive=True
            ),
        )

    @on(OptionList.OptionSelected, "#results")
    async def _result_selected(self, event: OptionList.OptionSelected) -> None:
        if self._preview is not None:
            self._preview.stop()  # opening it now: a preview to come would only redraw it
        if is_article_option(event.option.id) or event.option.id == CLEAR_FILTERS_ID:
            await self.open_article(event.option.id, focus=True)  # type: ignore[arg-type]

    def passage_start(self, article_id: str) -> int | None:
        hit = self.hits.get(article_id)
        return hit.passage.start if hit is not None and hit.passage is not None else None

    async def open_article(
        self,
        article_id: str,
        *,
        start: int | None = None,
        end: int | None = None,
        focus: bool = True,
    ) -> None:
        """Show an article in the reader, the cursor on ``start`` (else the hit passage)."""
        app = self.brief
        if article_id == CLEAR_FILTERS_ID:  # the empty result's row that clears the filters
            app.action_clear_filters()
            return
        if app.workspace is None:  # the list came before the index: it opens in a moment
            if focus:
                self.notify("The library is still opening; try again in a moment.")
            return
        try:
            article = app.workspace.article(article_id)
        except Exception as exc:
            self.notify(f"Cannot open {article_id}: {exc}", severity="error", markup=False)
            return
        try:
            mentions = list(app.workspace.mentions(article_id))
        except Exception:
            mentions = []
        at = start if start is not None else self.passage_start(article_id)
        self.article = article
        reader = self.query_one("#reader", Reader)
        await reader.show(
            article,
            mentions,
            hits=self._hit_spans(article, mentions),
            bookmarks=bookmark_spans(app.bookmarks, article_id),
            at=at,
        )
        reader.border_title = Content(article.outlet)
        self.query_one("#entities", EntitiesPanel).show(mentions)
        self._apply_width(self.size.width)
        if focus:
            self._reading(True)
            self.set_focus(reader)

    def _hit_spans(
        self, article: Article, mentions: Sequence[Mention] | None = None
    ) -> list[tuple[int, int]]:
        """The query's hits in ``article``: its words, and the mentions of the entities it
        asks for (``entity:`` or an acronym the entity list knows), not their names' words."""
        from index.search import entity_query, entity_spans

        workspace = self.brief.workspace
        canonical = workspace.canonical_entity if workspace is not None else (lambda _n: None)
        words, keys = entity_query(self.highlight_query, canonical)
        spans = hit_spans(article.body, words)
        if keys:
            if mentions is None:
                mentions = self.query_one("#reader", Reader).mentions
            spans = sorted(set(spans).union(entity_spans(mentions, keys)))
        return spans

    # -- entities ---------------------------------------------------------------------------

    @on(EntityChosen)
    def _entity_chosen(self, event: EntityChosen) -> None:
        self.query_one("#reader", Reader).choose_entity(event.name or None)
        if event.name:
            count = sum(
                1 for m in self.query_one("#reader", Reader).mentions if m.entity == event.name
            )
            self.notify(
                f"{event.name}: {count} mention{'s' if count != 1 else ''} highlighted"
                " · s searches the library for it",
                timeout=3,
                markup=False,
            )

    def action_toggle_entities(self) -> None:
        panel = self.query_one("#entities", EntitiesPanel)
        if self.article is None:
            self.notify("Open an article first (enter on a result).", timeout=2)
            return
        if panel.display and panel.has_focus_within:
            self.entities_wanted = False
            panel.display = False
            self.set_focus(self.query_one("#reader", Reader))
            return
        self.entities_wanted = True
        panel.display = True
        self.set_focus(panel.query_one(EntityList))

    # -- actions ----------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        """The search box takes the keys that come next: ``/`` is a priority binding and
        focus moves at once (the screen's ``set_focus``, as in every key action of this
        screen; ``Widget.focus()`` waits behind the keys already queued), since a query
        typed right after ``/`` went to the reader."""
        self._reading(False)
        self.set_focus(self.query_box)

    def action_back(self, where: str = "") -> None:
        """Step back one place: entities -> reader -> results -> search box; from the
        search box (or a filter) to the results. ``where`` only tells the footer's two
        escape bindings apart."""
        focused = self.focused
        if isinstance(focused, EntityList) or (
            focused and focused.parent and isinstance(focused.parent, EntitiesPanel)
        ):
            self.set_focus(self.query_one("#reader", Reader))
            if self.narrow:
                self._show_entities(False)
        elif isinstance(focused, Reader):
            self._reading(False)
            self.set_focus(self.query_one("#results", ResultsList))
        elif isinstance(focused, ResultsList):
            self.set_focus(self.query_box)
        else:
            self._reading(False)
            self.set_focus(self.query_one("#results", ResultsList))

    def action_bookmark(self) -> None:
        self.brief.action_bookmark()

    def action_compare(self) -> None:
        self.brief.action_compare()

    def current_article_id(self) -> str | None:
        """The article in the reader, else the highlighted result."""
        if self.article is not None:
            return self.article.id
        option = self.query_one("#results", ResultsList).highlighted_option
        if option is not None and is_article_option(option.id):
            return option.id
        return None

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The footer's keys: while a text box has focus, less those it takes as text
        (/ ? q c b e B...), so the footer lists only keys that act there."""
        bindings = super().active_bindings
        if not isinstance(self.focused, Input):
            return bindings
        return {key: active for key, active in bindings.items() if not types_text(key)}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_search":
            focused = self.focused
            if not isinstance(focused, Input):
                return True
            # In a text box "/" is text (dates, queries), except as the first key in an
            # empty search box: there it is the search key pressed out of habit (the box
            # has the focus at launch), and "/shells" found nothing.
            query = self._query
            return query is not None and focused is query and not query.value
        if action == "results_from_query" or (action == "back" and parameters):
            return self._query is not None and self._query.has_focus
        if action == "bookmark":
            return True if self.article is not None else None
        return True


def _count(n: int, one: str, many: str | None = None) -> str:
    """``1 story``, ``5 stories``: a count with its noun in the right number."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def _filters(request: SearchRequest) -> dict[str, object]:
    """The search filters of ``request``, as :meth:`Workspace.search` takes them."""
    return {
        "outlets": (request.outlet,) if request.outlet else (),
        "entities": (request.entity,) if request.entity else (),
        "since": request.since,
        "until": request.until,
        "sort": request.sort,
    }


def _hits_title(total: int, listed: int) -> str:
    """``789 hits (top 25)`` while more can be listed, else ``5 hits``."""
    shown = f" (top {listed})" if total > listed else ""
    return f"{total} hit{'s' if total != 1 else ''}{shown}"

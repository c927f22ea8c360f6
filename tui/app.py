"""The Brief app: opens on the library at once, brings the index in step in a background
worker, and hosts the main (search + read) screen, compare, facts and bookmarks screens."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, TextArea

from index.config import load_config, save_config
from tui.messages import Deliver
from tui.screens.main import MainScreen

if TYPE_CHECKING:
    from index.article import Article
    from index.bookmarks import BookmarkStore
    from index.catalog import ArticleSummary
    from index.library import Problem
    from index.watch import LibraryChanges, LibraryWatch
    from index.workspace import SyncProgress, SyncReport, Workspace
    from tui.presenting import StoryGroup
    from tui.screens.compare_picker import VersionChoice

PROBLEMS_NOTIFIED = 3
PALETTE_ARTICLES = 40
PROGRESS_INTERVAL = 0.1
"""Seconds between progress updates sent from the sync worker."""
FIRST_FRAME_WAIT = 1.0
"""Seconds the library worker waits for the listed library to be drawn before it opens the
search index: importing Whoosh and NumPy (~0.3 s of CPU) would otherwise delay that frame."""
IDLE_PAUSE = 1.0
"""Seconds without a key, click or scroll before a library check may sync, and before its
result is shown: indexing a changed file takes CPU, and listing a 10,000-article library
again holds the screen for 0.3-1.5 s, which typing or reading should not wait for."""
ACTIVITY_EVENTS = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)
WATCH_LOCK_TIMEOUT = 2.0
"""Seconds a sync started by a library check waits for another Brief's write lock before
it leaves the changes to a later check."""


@dataclass(frozen=True)
class PaletteAction:
    """One command of the palette: its title, what it does, and the action it runs."""

    title: str
    help: str
    action: str


@dataclass(frozen=True)
class Listed:
    """The library as the list shows it with an empty query: summaries newest first, their
    stories (None while not known yet: the list then shows the articles alone), and the
    outlet counts for the outlet filter."""

    articles: list[ArticleSummary]
    groups: list[StoryGroup] | None
    outlets: dict[str, int]

    @classmethod
    def of(cls, articles: list[ArticleSummary], groups: list[StoryGroup] | None) -> Listed:
        outlets: dict[str, int] = {}
        for article in articles:
            outlets[article.outlet] = outlets.get(article.outlet, 0) + 1
        return cls(articles, groups, outlets)


FULL_COLLECTION_EVERY = 100
"""Middle-generation collections between two full ones (Python's default: 10). Each frame
Textual paints allocates enough to run the young collections dozens of times, so full
collections came every few frames, 50-200 ms each, on whatever the user did then (at
10,000 articles: opening an article p95 174-178 ms with 10, 78-92 ms with 100)."""


def _freeze_the_heap() -> None:
    """Move what the open library holds (10,000 summaries, the search arrays) out of the
    garbage collector's sight: each full collection walked it all, 0.3 s that landed on
    whatever the user did next (an article opened, a key typed); and make full
    collections rarer (see :data:`FULL_COLLECTION_EVERY`)."""
    gc.collect()
    gc.freeze()
    young, middle, _full = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)


def _indexed_hashes(workspace: Workspace) -> dict[str, str]:
    """What the index holds: each article id with its content hash."""
    return {article_id: row.hash for article_id, row in workspace.catalog.rows().items()}


def _follow_passage(old: str, new: str, start: int, end: int) -> tuple[int, bool]:
    """Where the passage ``old[start:end]`` is in ``new``: its start and True when it is
    still there (moved or lightly edited), else the place the edit moved ``start`` to and
    False."""
    from index.anchors import diff_spans, make_anchor, map_offset, reanchor

    if end > start:
        found = reanchor(make_anchor(old, start, end), new, old)
        if found.start is not None:
            return found.start, True
    return min(map_offset(diff_spans(old, new), start, "start"), max(0, len(new) - 1)), False


def _workspace_listing(workspace: Workspace, *, synced: bool = False) -> Listed:
    """From a worker: the workspace's listing; before the first sync of a new library, its
    files read directly (their stories are not known until the sync groups them)."""
    from tui.presenting import story_groups

    articles = workspace.articles()
    if articles or synced:
        return Listed.of(articles, story_groups(workspace.stories(), articles))
    return Listed.of(workspace.unindexed_articles(), None)


PALETTE_ACTIONS: tuple[PaletteAction, ...] = (
    PaletteAction("Search the library", "Focus the search box (/)", "focus_search"),
    PaletteAction(
        "Open the highlighted result", "Open it in the reader (enter)", "open_highlighted"
    ),
    PaletteAction(
        "Compare with another version", "Side by side with another outlet (c)", "compare"
    ),
    PaletteAction("Bookmark this passage", "Save the passage with a note (b)", "bookmark"),
    PaletteAction("Bookmarks", "All bookmarks, notes and the briefing export (B)", "bookmarks"),
    PaletteAction("Entities panel", "Entities of this article by type (e)", "toggle_entities"),
    PaletteAction("Next hit", "Jump to the next query hit in the reader (n)", "next_hit"),
    PaletteAction("Previous hit", "Jump to the previous query hit (N)", "previous_hit"),
    PaletteAction("Who reports what", "Facts of this story by outlet", "facts"),
    PaletteAction(
        "Use the suggested spelling", "Search for the did-you-mean (ctrl+y)", "use_suggestion"
    ),
    PaletteAction("Clear filters", "Outlet, entity, dates and sort back to any", "clear_filters"),
    PaletteAction("Re-sync the index", "Bring the index in step with the library", "resync"),
    PaletteAction("Rebuild the index", "Rebuild the search index from the library", "rebuild"),
    PaletteAction("Library problems", "Files skipped or read with warnings (ctrl+l)", "show_log"),
    PaletteAction("Keys", "Every key of every screen (? or f1)", "help"),
    PaletteAction("Change theme", "Pick a theme; the choice is remembered", "change_theme"),
    PaletteAction("Quit", "Leave Brief (q)", "quit"),
)


class BriefCommands(Provider):
    """Every Brief action, and every article by title, for the command palette.

    Titles are displayed as ``Content`` built from plain text, never parsed as markup.
    """

    def _actions(self) -> Iterable[tuple[str, str, Any]]:
        app: BriefApp = self.app  # type: ignore[assignment]
        for item in PALETTE_ACTIONS:
            yield item.title, item.help, partial(app.run_palette_action, item.action)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._actions():
            yield DiscoveryHit(Content(title), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app: BriefApp = self.app  # type: ignore[assignment]
        for title, help_text, callback in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, _highlight(matcher, title), callback, help=help_text)
        if len(query.strip()) < 2:
            return
        found = 0
        for summary in app.article_summaries:
            if found >= PALETTE_ARTICLES:
                break
            title = f"Open: {summary.title}"
            score = matcher.match(title)
            if score > 0:
                found += 1
                yield Hit(
                    score * 0.9,
                    _highlight(matcher, title),
                    partial(app.open_article, summary.id),
                    help=Content(summary.outlet),
                )


def _highlight(matcher: Any, candidate: str) -> Content:
    """The fuzzy-match highlight of ``candidate``, built from plain text (the matcher's own
    ``highlight`` parses its argument as markup)."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if not score:
        return content
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize("bold $text-accent underline", offset, offset + 1)
    return content


class BriefApp(App[None]):
    """Search, read, compare and bookmark many outlets' reports of one event."""

    TITLE = "Brief"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {BriefCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Keys", key_display="?"),
        # ? is text in a text box (a search wildcard, a note's question): there the footer
        # offers f1 instead, which shows the keys from anywhere.
        Binding("f1", "help('typing')", "Keys"),
        Binding("f1", "help", "Keys", show=False),
        Binding("B", "bookmarks", "Bookmarks"),
        Binding("ctrl+l", "show_log", "Problems", show=False),
        Binding("ctrl+y", "use_suggestion", "Use suggestion", show=False),
    ]

    def __init__(
        self,
        library_root: Path,
        *,
        bookmarks_path: Path | None = None,
        watch_every: float | None = None,
        watch: bool = True,
    ) -> None:
        """``watch`` looks for changes of the library folder while the app is open, every
        ``watch_every`` seconds at least (default: :data:`index.watch.MIN_INTERVAL`; the
        interval grows with the cost of a check)."""
        super().__init__()
        self.library_root = Path(library_root)
        self.bookmarks_path = bookmarks_path
        self.watching = watch
        self._watch_every = watch_every
        self._watch: LibraryWatch | None = None
        self._indexed: dict[str, str] | None = None
        """What the index held after the last sync (id -> content hash), to tell what the
        next one changed; read and written by sync workers only, under the sync gate."""
        self._sync_gate = threading.Lock()
        """Held by a worker while it syncs: a library check never starts a second sync."""
        self._last_active = 0.0
        """When the user last pressed a key, clicked or scrolled (monotonic seconds)."""
        self._held: Timer | None = None
        """Shows a library check's sync once the user pauses (see :data:`IDLE_PAUSE`)."""
        self._held_result: tuple[Listed | None, LibraryChanges | None] = (None, None)
        self._watch_timer: Timer | None = None
        self.workspace: Workspace | None = None
        self.article_summaries: list[ArticleSummary] = []
        self.story_groups: list[StoryGroup] | None = None
        """The listed articles grouped by story, newest first; None while the stories are
        not known yet (a first sync under way), when the list shows the articles alone."""
        self.outlet_counts: dict[str, int] = {}
        self.story_count = 0
        self.problems: list[Problem] = []
        self.index_status = "opening…"
        self.synced = False
        self._bookmarks: BookmarkStore | None = None
        self._bookmarks_error: str | None = None
        self._listed = threading.Event()
        """Set once the first listing of the library has been drawn."""
        self._search_pool = ThreadPoolExecutor(1, thread_name_prefix="brief-search")
        """The one thread that searches: its Whoosh searcher and per-reader data stay open
        from one keystroke to the next (a new thread would open them again)."""
        config = load_config()
        self._config_problem = config.problem
        if config.theme and config.theme in self.available_themes:
            self.theme = config.theme

    # -- start -------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return MainScreen()

    @property
    def main_screen(self) -> MainScreen:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("the main screen is not open")

    def on_mount(self) -> None:
        if self._config_problem:
            self.notify(self._config_problem, severity="warning", markup=False)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.sync_library()

    def _remember_theme(self, theme: Any) -> None:
        config = load_config()
        if config.problem or config.theme == theme.name:
            return
        config.theme = theme.name
        try:
            save_config(config)
        except OSError as exc:
            self.notify(f"Could not save the theme: {exc}", severity="warning", markup=False)

    @work(thread=True, exclusive=True, group="sync")
    def sync_library(self, rebuild: bool = False) -> None:
        """List the library from what its index holds, open the workspace once that list is
        drawn, make searching ready, then bring the index in step with the library."""
        workspace = self.workspace
        if workspace is None:
            listed = self._list_from_index()
            if listed:
                self._listed.wait(FIRST_FRAME_WAIT)
            from index.workspace import Workspace

            try:
                workspace = Workspace.open(self.library_root)
                listing = None if listed else _workspace_listing(workspace)
            except Exception as exc:
                self.deliver(self._fatal_library_error, str(exc))
                return
            self.deliver(self._library_opened, workspace, listing)
            # Before the sync: the first search typed is then as fast as the next ones.
            self._prepare_search(workspace)

        with self._sync_gate:
            watch = self._start_watch()
            try:
                self._sync(workspace, rebuild=rebuild)
            except Exception as exc:
                self.deliver(self._sync_failed, str(exc))
                return
            finally:
                if watch:
                    self.deliver(self._schedule_watch)

    def _sync(
        self,
        workspace: Workspace,
        *,
        rebuild: bool = False,
        lock_timeout: float = 30.0,
        waiting: tuple[str, ...] = (),
    ) -> None:
        """From a worker holding the sync gate: bring the index in step with the library,
        list the library again when the index changed, and deliver both with what changed
        since the last sync (``waiting``: files still being written, read again later)."""
        shown = [0.0]

        def progress(step: SyncProgress) -> None:
            now = time.monotonic()
            if step.done in (0, step.total) or now - shown[0] >= PROGRESS_INTERVAL:
                shown[0] = now
                self.deliver(self._sync_progress, step.done, step.total)

        from index.watch import LibraryChanges

        report = workspace.sync(progress=progress, rebuild=rebuild, lock_timeout=lock_timeout)
        hashes = _indexed_hashes(workspace)
        before, self._indexed = self._indexed, hashes
        changes = LibraryChanges.between(before, hashes) if before is not None else None
        regroup = report.changed or rebuild or self.story_groups is None or bool(changes)
        listing = _workspace_listing(workspace, synced=True) if regroup else None
        if (
            listing is not None
            and changes is not None
            and listing.groups == self.story_groups
            and listing.articles == self.article_summaries
        ):
            # Only bodies changed: the list stays as drawn (drawing it again at 10,000
            # articles holds the screen for most of a second).
            listing = None
        if changes:
            self._reanchor_bookmarks(workspace, changes)
        self.deliver(self._library_synced, report, listing, changes, waiting)
        self._prepare_search(workspace)
        with contextlib.suppress(RuntimeError):  # the app is closing
            self._search_pool.submit(_freeze_the_heap)

    def _reanchor_bookmarks(self, workspace: Workspace, changes: LibraryChanges) -> None:
        """From the sync worker: bookmarks on articles that changed find their passages in
        the new text, so the reader marks them where they now are."""
        store = self._bookmarks
        if store is None:
            return  # not opened yet: the bookmarks screen re-anchors when it opens
        with contextlib.suppress(Exception):
            touched = (*changes.changed, *changes.removed, *changes.moved)
            if any(store.list(article=a) for a in touched):
                store.reanchor(workspace.library)

    # -- watching the library -------------------------------------------------------------

    def _start_watch(self) -> bool:
        """From a sync worker, before it syncs: the folder as it is now is the state the
        next library check compares with. False when the app does not watch."""
        if not self.watching:
            return False
        if self._watch is None:
            from index.watch import MIN_INTERVAL, LibraryWatch

            self._watch = LibraryWatch(
                self.library_root,
                min_interval=self._watch_every if self._watch_every is not None else MIN_INTERVAL,
            )
        with contextlib.suppress(OSError):
            self._watch.start()
        return True

    def _schedule_watch(self, delay: float | None = None) -> None:
        """Check the library again after ``delay`` (by default the watch's interval)."""
        watch = self._watch
        if watch is None or not self.is_running:
            return
        if self._watch_timer is not None:
            self._watch_timer.stop()  # one look scheduled at a time, whoever asks
        delay = watch.interval if delay is None else delay
        self._watch_timer = self.set_timer(delay, self._watch_tick)

    def _busy_for(self) -> float:
        """Seconds until the user has paused for :data:`IDLE_PAUSE` (0: paused now)."""
        idle = time.monotonic() - self._last_active
        return max(0.0, IDLE_PAUSE - idle)

    def _watch_tick(self) -> None:
        self._watch_timer = None
        wait = self._busy_for()
        if wait or self._held is not None:
            self._schedule_watch(wait + 0.05)
            return
        self._check_library()

    @work(thread=True, group="watch")
    def _check_library(self) -> None:
        """Look for files added, changed or removed since the last look; sync when some
        have (a file still being written waits for a later look)."""
        from index.searchindex import IndexLockedError

        watch, workspace = self._watch, self.workspace
        delay: float | None = None
        try:
            if watch is None or workspace is None:
                return
            if not self._sync_gate.acquire(blocking=False):
                return  # a sync is under way; it schedules the next look when it ends
            try:
                changes = watch.check()
                if changes:
                    self._sync(workspace, lock_timeout=WATCH_LOCK_TIMEOUT, waiting=changes.waiting)
                    watch.accept(changes)
                elif changes.waiting:
                    # look again as soon as they may have settled
                    delay = min(watch.settle, watch.interval)
            finally:
                self._sync_gate.release()
        except IndexLockedError:
            self.deliver(self._index_busy)
        except Exception as exc:
            self.deliver(self._sync_failed, str(exc), again=True)
        finally:
            self.deliver(self._schedule_watch, delay)

    def _index_busy(self) -> None:
        """Another Brief holds the index's write lock: the changes wait for a later look."""
        self.index_status = "index busy (another Brief is writing it)"
        self._refresh_main()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, ACTIVITY_EVENTS):
            self._last_active = time.monotonic()
        await super().on_event(event)

    def _prepare_search(self, workspace: Workspace) -> None:
        """Have the search thread open its searcher and work out what searching needs."""

        def prepare() -> None:
            with contextlib.suppress(Exception):
                workspace.prepare_search()

        with contextlib.suppress(RuntimeError):  # the app is closing
            self._search_pool.submit(prepare)

    async def in_search_thread(self, search: Callable[..., Any], *args: Any) -> Any:
        """``search(*args)`` run in the search thread, awaited."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._search_pool, partial(search, *args))

    def on_unmount(self) -> None:
        self._search_pool.shutdown(wait=False, cancel_futures=True)

    def _list_from_index(self) -> bool:
        """From the worker: show what the index already lists (SQLite only, no Whoosh), so
        the list is drawn before the search index opens. False when it lists nothing."""
        from index.listing import read_listing
        from index.locations import index_dir
        from tui.presenting import story_groups

        try:
            listing = read_listing(index_dir(self.library_root))
        except Exception:
            return False  # opening the workspace reports (and repairs) a damaged index
        if not listing.articles:
            return False
        groups = story_groups(listing.stories, listing.articles)
        self.deliver(self._library_listed, Listed.of(listing.articles, groups))
        return True

    def deliver(self, callback: Any, *args: Any, **kwargs: Any) -> None:
        """From a worker thread: run ``callback(*args)`` on the app's thread, without waiting."""
        self.post_message(Deliver(partial(callback, *args, **kwargs)))

    def on_deliver(self, message: Deliver) -> None:
        message.callback()

    def _fatal_library_error(self, message: str) -> None:
        self.index_status = "library unavailable"
        from index.library import Problem

        self.problems.append(Problem(str(self.library_root), message))
        self.notify(
            f"Cannot open the library: {message}", severity="error", markup=False, timeout=10
        )
        self._refresh_main()

    def _library_listed(self, listed: Listed) -> None:
        if self.workspace is None:
            self._take_listing(listed)
            self.index_status = "opening the index…"
        self._refresh_main()
        self.call_after_refresh(self._listed.set)

    def _take_listing(self, listed: Listed) -> None:
        self.article_summaries = listed.articles
        self.story_groups = listed.groups
        self.outlet_counts = listed.outlets
        self.story_count = len(listed.groups) if listed.groups else 0

    def _library_opened(self, workspace: Workspace, listed: Listed | None) -> None:
        self.workspace = workspace
        if listed is not None:
            self._take_listing(listed)
        self.index_status = "indexing…"
        self._refresh_main()

    def _sync_progress(self, done: int, total: int) -> None:
        self.index_status = f"indexing {done}/{total}"
        try:
            main = self.main_screen
        except LookupError:
            return
        if not main.is_mounted:
            return
        main.set_progress(done, total)
        main.update_header()

    def _sync_failed(self, message: str, *, again: bool = False) -> None:
        """A sync failed; ``again`` when a library check will retry it, which tells the
        user once, not at every check."""
        self.index_status = "index out of date"
        from index.library import Problem

        problem = Problem("index", message, skipped=False)
        if again and problem in self.problems:
            return
        self.problems.append(problem)
        self.notify(f"Index sync failed: {message}", severity="error", markup=False, timeout=8)
        self._refresh_main()

    def _library_synced(
        self,
        report: SyncReport,
        listed: Listed | None,
        changes: LibraryChanges | None = None,
        waiting: tuple[str, ...] = (),
    ) -> None:
        """A sync ended: take its listing and problems, and (``changes``: what the index
        gained, lost or saw change since the last sync) tell the user and follow the
        article being read. Problems of files still being written (``waiting``) are not
        announced: a later look reads them again. What a library check found waits for
        the user to pause."""
        if self._held is not None:
            # a newer sync (a re-sync asked for): it shows what the held one had too
            self._held.stop()
            self._held = None
            held_listed, held_changes = self._held_result
            listed = listed if listed is not None else held_listed
            changes = changes if changes else held_changes
        shows_change = changes is not None and (bool(changes) or listed is not None)
        wait = self._busy_for() if shows_change else 0.0
        if wait:
            show = partial(self._show_held, report, listed, changes, waiting)
            self._held = self.set_timer(wait + 0.05, show)
            self._held_result = (listed, changes)
            self.index_status = "index ✓ (changes shown when you pause)"
            with contextlib.suppress(LookupError):
                self.main_screen.set_progress(None, None)
                self.main_screen.update_header()
            return
        self.synced = True
        if listed is not None:
            self._take_listing(listed)
        update = report.file_problems
        problems = update.new if update else list(report.problems)  # ctrl+l lists them all
        problems = [p for p in problems if p.path not in waiting]
        current = update.current if update else problems
        self.problems = current + [p for p in self.problems if p.path == "index"]
        for message in report.messages:
            self.notify(message, title="Index", markup=False, timeout=6)
        if not changes and report.unchanged:
            # a sync at launch found the library changed since the index was last brought
            # in step: say what changed, as a check while open does
            from index.watch import LibraryChanges

            changes = LibraryChanges(
                added=tuple(report.added),
                changed=tuple(report.updated),
                removed=tuple(report.removed),
            )
        if changes:
            self.index_status = f"index ✓ ({changes.describe()})"
        elif report.added:  # a first build
            count = len(report.added)
            self.index_status = f"index ✓ ({count} article{'s' if count != 1 else ''} indexed)"
        else:
            self.index_status = "index ✓"
        for problem in problems[:PROBLEMS_NOTIFIED]:
            self.notify(str(problem), title="Library", severity="warning", markup=False, timeout=6)
        if len(problems) > PROBLEMS_NOTIFIED:
            self.notify(
                f"…and {len(problems) - PROBLEMS_NOTIFIED} more. ctrl+l shows them all.",
                title="Library",
                severity="warning",
                markup=False,
                timeout=6,
            )
        if changes:
            self.notify(changes.describe(), title="Library", markup=False, timeout=5)
        self._refresh_main()
        if changes:
            self._follow_open_article(changes)

    def _show_held(
        self,
        report: SyncReport,
        listed: Listed | None,
        changes: LibraryChanges | None,
        waiting: tuple[str, ...],
    ) -> None:
        self._held = None
        self._library_synced(report, listed, changes, waiting)

    def _follow_open_article(self, changes: LibraryChanges) -> None:
        """The article in the reader changed on disk: show its new text; it was removed
        (or can no longer be read): say so, and leave its text on screen."""
        try:
            main = self.main_screen
        except LookupError:
            return
        article = main.article
        if article is None or not main.is_mounted:
            return
        if article.id in changes.removed:
            self._article_gone(main, article)
        elif article.id in changes.moved:
            new_id = changes.moved[article.id]
            self.run_worker(
                self._reload_article(main, article, new_id), group="reload", exclusive=True
            )
        elif article.id in changes.changed or article.id in changes.added:
            self.run_worker(self._reload_article(main, article), group="reload", exclusive=True)

    def _article_gone(self, main: MainScreen, article: Article) -> None:
        from tui.widgets.reader import Reader

        path = self.library_root / article.id
        if path.exists():
            why = "can no longer be read (ctrl+l says why)"
        else:
            why = "was removed from the library"
        reader = main.query_one("#reader", Reader)
        # A reader with the focus keeps its article; a preview follows the list's cursor.
        stays = " Its text stays here until you open another." if reader.has_focus else ""
        self.notify(
            f"The article in the reader, “{article.title}” ({article.outlet}), {why}.{stays}",
            title="Library",
            severity="warning",
            markup=False,
            timeout=10,
        )
        if reader.article is not None and reader.article.id == article.id:
            gone = "removed" if not path.exists() else "unreadable"
            reader.border_title = Content(article.outlet).append(
                Content(f" · {gone}: not in the library").stylize("bold $text-warning")
            )

    async def _reload_article(
        self, main: MainScreen, old: Article, moved_to: str | None = None
    ) -> None:
        """Show the new text of the article being read (or the same text at the path it
        was ``moved_to``), the cursor on its passage (where the passage went, or the
        nearest place when it was rewritten), at the same height on screen; keeps the
        focus where it is."""
        from tui.widgets.reader import Reader

        reader = main.query_one("#reader", Reader)
        if main.article is not old or reader.article is not old or self.workspace is None:
            return  # another article was opened meanwhile
        new_id = moved_to or old.id
        try:
            new = self.workspace.article(new_id)
        except Exception:
            return  # the sync's problems say why
        passage = reader.current_passage
        at: int | None = None
        kept = True
        row: int | None = None
        if passage is not None:
            at, kept = _follow_passage(old.body, new.body, passage.start, passage.end)
            rows = reader.rows_of(passage.start, passage.end)
            if rows:
                row = rows.start - int(reader.scroll_y)
        if reader.text_selection is not None:
            self.screen.clear_selection()  # its offsets are into the old text
        await main.open_article(new_id, start=at, focus=False)
        moved = reader.current_passage
        if row is not None and moved is not None:
            rows = reader.rows_of(moved.start, moved.end)
            if rows:
                reader.scroll_to(
                    y=max(0, rows.start - row), animate=False, immediate=True, force=True
                )
        if moved_to is not None:
            message = f"“{new.title}” was moved to {moved_to}."
        else:
            where = (
                "the cursor is on the same passage"
                if kept
                else "the passage under the cursor was rewritten; the cursor is where it was"
            )
            message = f"“{new.title}” changed on disk and was reloaded: {where}."
        self.notify(message, title="Reader", markup=False, timeout=6)

    def _refresh_main(self) -> None:
        try:
            main = self.main_screen
        except LookupError:
            return
        if not main.is_mounted:
            return  # it shows the library state when it mounts
        if self.synced or self.workspace is None:
            main.set_progress(None, None)
        main.library_changed()

    # -- services for the screens -------------------------------------------------------

    @property
    def bookmarks(self) -> BookmarkStore | None:
        """The bookmark store, opened on first use (None, with a notification, if it cannot be)."""
        if self._bookmarks is None and self._bookmarks_error is None:
            from index.bookmarks import BookmarkStore
            from index.locations import bookmarks_db

            try:
                self._bookmarks = BookmarkStore(
                    self.bookmarks_path or bookmarks_db(), library=self.library_root
                )
                if self._bookmarks.notice:
                    self.notify(
                        self._bookmarks.notice, severity="warning", markup=False, timeout=10
                    )
            except Exception as exc:
                self._bookmarks_error = f"Cannot open the bookmarks: {exc}"
                self.notify(self._bookmarks_error, severity="error", markup=False)
        return self._bookmarks

    async def open_article(
        self, article_id: str, start: int | None = None, end: int | None = None
    ) -> None:
        """Show an article in the reader of the main screen, at ``start`` when given."""
        main = self.main_screen
        while self.screen is not main:
            self.pop_screen()
        await main.open_article(article_id, start=start, end=end, focus=True)

    # -- actions ---------------------------------------------------------------------------

    def run_palette_action(self, action: str) -> None:
        self.call_later(self.run_action, action)

    def action_focus_search(self) -> None:
        self._on_main("action_focus_search")

    def action_toggle_entities(self) -> None:
        self._on_main("action_toggle_entities")

    def action_next_hit(self) -> None:
        self._on_main_reader("action_next_hit")

    def action_previous_hit(self) -> None:
        self._on_main_reader("action_previous_hit")

    def action_use_suggestion(self) -> None:
        self._on_main("accept_suggestion")

    def action_clear_filters(self) -> None:
        from textual.widgets import Input, Select

        main = self._to_main()
        if main is None:
            return
        for select_id in ("#outlet", "#entity"):
            main.query_one(select_id, Select).clear()
        for input_id in ("#since", "#until"):
            main.query_one(input_id, Input).value = ""
        main.query_one("#sort", Select).value = "relevance"

    async def action_open_highlighted(self) -> None:
        main = self._to_main()
        if main is None:
            return
        from tui.widgets.results import ResultsList

        option = main.query_one("#results", ResultsList).highlighted_option
        if option is not None and option.id and not option.id.startswith("story:"):
            await main.open_article(option.id, focus=True)

    def action_resync(self) -> None:
        self.index_status = "indexing…"
        self.sync_library()

    def action_rebuild(self) -> None:
        self.index_status = "rebuilding…"
        self.sync_library(rebuild=True)

    def _to_main(self) -> MainScreen | None:
        try:
            main = self.main_screen
        except LookupError:
            return None
        while self.screen is not main:
            self.pop_screen()
        return main

    def _on_main(self, method: str) -> None:
        main = self._to_main()
        if main is not None:
            getattr(main, method)()

    def _on_main_reader(self, method: str) -> None:
        from tui.widgets.reader import Reader

        main = self._to_main()
        if main is not None:
            getattr(main.query_one("#reader", Reader), method)()

    def typing(self) -> bool:
        """Whether keys go into a text box (the search box, a date, a note) as text."""
        return isinstance(self.focused, (Input, TextArea))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "help" and parameters:
            return self.typing()  # f1 in the footer only while ? would be typed as text
        return True

    def action_help(self, when: str = "") -> None:
        """Show the keys screen (``when`` tells the footer's f1 bindings apart)."""
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_show_log(self) -> None:
        from tui.screens.log import LogScreen

        if not isinstance(self.screen, LogScreen):
            self.push_screen(LogScreen(self.problems, self.library_root))

    def _bookmark_store(self) -> BookmarkStore | None:
        """The bookmark store, or None after telling the user why it is unavailable."""
        store = self.bookmarks
        if store is None:
            self.notify(
                self._bookmarks_error or "Bookmarks are not available.",
                severity="warning",
                markup=False,
            )
        return store

    def action_bookmarks(self) -> None:
        if self.workspace is None:
            self.notify("The library is still opening.", timeout=2)
            return
        from tui.screens.bookmarks import BookmarksScreen

        store = self._bookmark_store()
        if store is None:
            return
        if not isinstance(self.screen, BookmarksScreen):
            self.push_screen(BookmarksScreen(self.workspace, store))

    def action_bookmark(self) -> None:
        """Bookmark the reader's selection or passage: the note editor, then the store."""
        main = self._to_main()
        if main is None or main.article is None:
            self.notify("Open an article to bookmark a passage.", timeout=2)
            return
        from tui.widgets.reader import Reader

        reader = main.query_one("#reader", Reader)
        span = reader.bookmark_span()
        if span is None:
            return
        store = self._bookmark_store()
        if store is None:
            return
        from tui.presenting import bookmark_spans
        from tui.screens.bookmark_editor import bookmark_passage

        article = main.article

        def mark_it() -> None:
            reader.set_bookmarks(bookmark_spans(store, article.id))

        self.screen.clear_selection()
        bookmark_passage(self, store, article, *span, saved=mark_it)

    def action_compare(self) -> None:
        """Compare the open article with another version of its story, most different first."""
        main = self._to_main()
        article_id = main.current_article_id() if main is not None else None
        if article_id is None:
            self.notify("Open or highlight an article to compare it.", timeout=2)
            return
        self._rank_versions(article_id)

    @work(thread=True, exclusive=True, group="compare-pick")
    def _rank_versions(self, article_id: str) -> None:
        from tui.screens.compare_adapter import story_versions

        try:
            _story_id, _title, choices = story_versions(self.workspace, article_id)
        except Exception as exc:
            self.deliver(
                self.notify,
                f"Cannot list the story's versions: {exc}",
                severity="error",
                markup=False,
            )
            return
        others = [c for c in choices if c.id != article_id]
        if not others:
            self.deliver(self.notify, "This story has no other version to compare.", timeout=3)
            return
        shares: dict[str, float] = {}
        try:
            from index.compare import compare

            left = self.workspace.article(article_id)
            for choice in others:
                summary = compare(left, self.workspace.article(choice.id)).summary
                shares[choice.id] = (summary.left_shared + summary.right_shared) / 2
        except Exception:
            shares = {}
        others.sort(key=lambda c: shares.get(c.id, 1.0))
        self.deliver(self._pick_version, article_id, others, shares)

    def _pick_version(
        self, article_id: str, choices: list[VersionChoice], shares: dict[str, float]
    ) -> None:
        from tui.screens.compare import CompareScreen
        from tui.screens.compare_picker import VersionPicker

        try:
            left = self.workspace.article(article_id)
        except Exception as exc:
            self.notify(str(exc), severity="error", markup=False)
            return

        def chosen(right_id: str | None) -> None:
            if right_id:
                self.push_screen(
                    CompareScreen(self.workspace, article_id, right_id, self.bookmarks)
                )

        self.push_screen(VersionPicker(left.outlet, choices), chosen)

    def action_facts(self) -> None:
        main = self._to_main()
        article_id = main.current_article_id() if main is not None else None
        if article_id is None:
            self.notify("Open an article to see its story's facts by outlet.", timeout=2)
            return
        from tui.screens.facts import FactsScreen

        story = self.workspace.story_of(article_id) if self.workspace is not None else None
        if story is None:
            self.notify("This article is not part of a story yet.", timeout=3)
            return
        self.push_screen(FactsScreen(self.workspace, story.id))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Keys"):
                yield command

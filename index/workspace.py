"""The workspace: one library with its search index, catalog and mention store.

This is the facade the CLI and the app use. It keeps the index in step with the library
(``sync``), lists and loads articles, searches, and hands out stored entity mentions.
It is safe to use from worker threads: each thread gets its own Whoosh searcher, which is
refreshed after a commit, and its own mention-store connection.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import os
import pickle
import sqlite3
import struct
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from whoosh.filedb.filetables import FileFormatError

from index import locations
from index.article import Article
from index.catalog import ArticleSummary, Catalog, CatalogCorrupt
from index.entities.store import EntitySummary
from index.errors import BriefError, NotFoundError
from index.indexing_pool import IndexingPool, PoolError, worker_count
from index.indexjob import FACET_TYPES, FileJob, FileResult, Tagger, prepare_file
from index.library import ARTICLE_SUFFIXES, Library, Problem, load_file
from index.mentions import Mention
from index.problems import LOG_NAME as PROBLEM_LOG_NAME
from index.problems import ProblemLog, ProblemsUpdate
from index.search import (
    FastBM25F,
    ReaderData,
    SearchContext,
    SearchResults,
    correct_words,
    execute,
    prepare,
    word_set,
)
from index.searchindex import (
    CORRUPTION_ERRORS,
    SCHEMA_VERSION,
    IndexCorruptError,
    commit_segments,
    create_index,
    describe,
    index_writer,
    open_index,
    whoosh_distribution_warning,
)
from index.stories import Story, StoryDraft, StoryIndex

__all__ = ["ArticleSummary", "SyncProgress", "SyncReport", "Workspace"]

SyncPhase = Literal["scan", "index", "commit", "stories", "done"]
READ_ERRORS = (EOFError, OSError, pickle.UnpicklingError, struct.error, FileFormatError)
"""What reading a damaged index raises in the middle of a search (then it is rebuilt)."""
BIG_SYNC = 2000
BIG_SYNC_MB = 2048
"""Writer memory for syncs of more than BIG_SYNC articles: at 10,000 articles 2048 MB
cut the build's CPU time by a quarter (91 vs 69 articles per CPU-second, ~1.2 GB peak)."""
BATCH = 20_000
"""Articles written per Whoosh commit. Every commit makes a segment that later merges cost
rebuilding, so a library is normally indexed in one commit (a crash loses nothing: the
catalog only records what was committed, and the next sync redoes the rest)."""
MENTION_BATCH = 256
"""Articles whose mentions a parallel sync stores per transaction while the workers run."""


@dataclass
class _Changes:
    """What a sync's indexing changed, to write once the index has committed."""

    pending: list[FileResult] = field(default_factory=list)
    words: Counter[str] = field(default_factory=Counter)
    removed: list[str] = field(default_factory=list)
    drafts: dict[str, StoryDraft] = field(default_factory=dict)
    named: dict[str, set[str]] = field(default_factory=dict)
    grouped: _EarlyGrouping | None = None
    """A first build's story grouping, started as soon as the last article came in."""


class _EarlyGrouping:
    """A first build's stories grouped in a thread while the indexing workers still write
    their segments (the longest stretch of a big build, with this process idle): grouping
    10,000 articles is several seconds of one core that would otherwise come after."""

    def __init__(self, stories: StoryIndex, changes: _Changes) -> None:
        self.drafts = set(changes.drafts)
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run,
            args=(stories, list(changes.drafts.values()), dict(changes.named)),
            name="brief-stories",
            daemon=True,
        )
        self._thread.start()

    def _run(
        self, stories: StoryIndex, drafts: list[StoryDraft], named: dict[str, set[str]]
    ) -> None:
        try:
            stories.rebuild(drafts, named)
        except BaseException as exc:  # handed to the sync, which reports it
            self._error = exc

    def wait(self) -> None:
        """Wait for the grouping; raises what it raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """Where a sync is: its phase, how many articles of ``total`` are done, the current one."""

    phase: SyncPhase
    done: int
    total: int
    current: str | None = None


@dataclass
class SyncReport:
    """What a sync changed: ids added, updated and removed, files that could not be read,
    and messages for the user (a rebuilt index, a retag, an unexpected Whoosh)."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    rebuilt: bool = False
    seconds: float = 0.0
    file_problems: ProblemsUpdate | None = None
    """Every current file problem of the library (``problems`` holds only those of the
    files this sync read) and which are new; set by :meth:`Workspace.sync`."""

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


class _ThreadState(threading.local):
    searcher: object | None = None
    data: ReaderData | None = None
    generation: int = -1
    mentions: object | None = None


class Workspace:
    """A library and its index. Open with :meth:`open`; close with :meth:`close`."""

    def __init__(
        self,
        library_root: Path,
        index_folder: Path,
        *,
        finder: str = "auto",
        workers: int | None = None,
    ) -> None:
        self.library = Library(Path(library_root))
        self.finder = finder
        self.workers = workers
        """Worker processes a sync indexes with: None picks by size (big syncs use every
        core, small ones stay in this process), 0 never uses any."""
        self.index_folder = index_folder
        self.messages: list[str] = []
        """Things the user should hear about (an index rebuilt, an unexpected Whoosh)."""
        self._lock = threading.RLock()
        """Held by a sync (one writer at a time in this process)."""
        self._state_lock = threading.RLock()
        """Guards the list of open searchers and stores: searches never wait for a sync."""
        self._local = _ThreadState()
        self._generation = 0
        self._searchers: list[object] = []
        self._shared_data: ReaderData | None = None
        """The last searcher's derived data, reused by other threads when still current."""
        self._mention_stores: list[object] = []
        self._needs_full_sync = False
        self._weighting = FastBM25F()
        self._tagger: object | None = None
        """The last sync's tagger, reused while its fingerprint holds (its model stays loaded)."""
        self._gazetteer: object | None = None
        """The entity list searches resolve aliases with (loaded on the first ``entity:``)."""
        warning = whoosh_distribution_warning()
        if warning:
            self.messages.append(warning)
        self._open_storage()

    @classmethod
    def open(
        cls, library_root: Path, *, finder: str = "auto", workers: int | None = None
    ) -> Workspace:
        """Open (creating or repairing as needed) the index of the library at ``library_root``.
        ``finder`` picks the entity name finder used when syncing ("auto", "builtin", "spacy",
        or "none" to index without entities); ``workers`` the number of indexing processes
        (None: by the size of the sync and the cores; 0: index in this process only)."""
        return cls(
            Path(library_root),
            locations.index_dir(Path(library_root)),
            finder=finder,
            workers=workers,
        )

    # -- opening and recovery -------------------------------------------------------

    def _open_storage(self) -> None:
        self.index_folder.mkdir(parents=True, exist_ok=True)
        try:
            self.catalog = Catalog(self.index_folder / "catalog.sqlite")
        except CatalogCorrupt as exc:
            self.messages.append(f"{exc}; rebuilding the index")
            for suffix in ("", "-wal", "-shm"):
                (self.index_folder / f"catalog.sqlite{suffix}").unlink(missing_ok=True)
            self.catalog = Catalog(self.index_folder / "catalog.sqlite")
            self.catalog.set_meta("schema_version", "lost")
        opened = open_index(
            self.index_folder, expected_version=self.catalog.get_meta("schema_version")
        )
        self.index = opened.index
        self.messages.extend(opened.messages)
        if opened.created:
            self._reset_derived()

    def _reset_derived(self) -> None:
        """After the index is (re)created, the catalog and mentions must start empty too."""
        self.catalog.clear()
        self.catalog.set_meta("schema_version", SCHEMA_VERSION)
        self.catalog.set_meta("fingerprint", "")
        self._needs_full_sync = True
        self._bump()

    def _recover(self, exc: BaseException) -> None:
        self.messages.append(
            f"the index could not be read ({describe(exc)}); rebuilding it from the library"
        )
        self._drop_searchers()
        self.index = create_index(self.index_folder)
        self._reset_derived()
        self.sync()

    # -- syncing ---------------------------------------------------------------------

    def sync(
        self,
        progress: Callable[[SyncProgress], None] | None = None,
        *,
        rebuild: bool = False,
        lock_timeout: float = 30.0,
    ) -> SyncReport:
        """Bring the index in step with the library: add new files, re-index changed ones
        (mtime/size differ and the content hash confirms it), remove deleted ones. With
        ``rebuild`` the index is recreated from scratch. Raises
        :class:`~index.searchindex.IndexLockedError` if another Brief holds the write lock
        longer than ``lock_timeout`` seconds."""
        import time

        began = time.perf_counter()
        report = SyncReport()
        with self._lock:
            if rebuild:
                self._drop_searchers()
                self.index = create_index(self.index_folder)
                self._reset_derived()
                report.rebuilt = True
            if self._needs_full_sync:
                report.rebuilt = True
            report.messages.extend(self.messages)
            try:
                self._sync(report, progress, lock_timeout)
            except (*CORRUPTION_ERRORS,) as exc:
                if isinstance(exc, BriefError):
                    raise
                report.messages.append(
                    f"the index could not be updated ({describe(exc)}); rebuilding it"
                )
                self._drop_searchers()
                self.index = create_index(self.index_folder)
                self._reset_derived()
                report.rebuilt = True
                report.added.clear()
                report.updated.clear()
                report.removed.clear()
                self._sync(report, progress, lock_timeout)
            self._needs_full_sync = False
            self.messages.clear()
            log = ProblemLog(self.library.root, self.index_folder / PROBLEM_LOG_NAME)
            report.file_problems = log.record(report)
        report.seconds = time.perf_counter() - began
        return report

    def _sync(
        self,
        report: SyncReport,
        progress: Callable[[SyncProgress], None] | None,
        lock_timeout: float,
    ) -> None:
        def tell(phase: SyncPhase, done: int, total: int, current: str | None = None) -> None:
            if progress:
                progress(SyncProgress(phase, done, total, current))

        entries = scan_library(self.library.root)
        tell("scan", 0, len(entries))
        indexed = self.catalog.states()
        tagger = self._make_tagger()()
        fingerprint = tagger.fingerprint
        if self._tagger is not None and self._tagger.fingerprint == fingerprint:
            tagger = self._tagger  # keeps its loaded model: a re-sync costs no model load
        self._tagger = tagger
        retag_all = self.catalog.get_meta("fingerprint") != fingerprint
        if retag_all and indexed:
            report.messages.append("the entity list changed; re-tagging every article")

        jobs: list[FileJob] = []
        for entry in entries.values():
            row = indexed.get(entry.id)
            if row is None or retag_all or row.mtime_ns != entry.mtime_ns or row.size != entry.size:
                old_hash = row.hash if row is not None else None
                jobs.append(FileJob(entry.id, entry.location, entry.mtime_ns, entry.size, old_hash))
            else:
                report.unchanged += 1
        gone = sorted(set(indexed) - set(entries))
        total = len(jobs)
        tell("scan", total, total)

        store = self._mention_store()
        self._forget_unconfirmed_mentions(store)
        workers = worker_count(total) if self.workers is None else self.workers
        changes: _Changes | None = None
        if workers > 0 and total:
            before = (report.unchanged, len(report.problems))
            try:
                changes = self._index_in_workers(
                    jobs, gone, workers, fingerprint, retag_all, store, report, tell, lock_timeout
                )
            except PoolError as exc:
                report.messages.append(f"{exc}; indexing in this process instead")
                report.unchanged, problems = before[0], before[1]
                del report.problems[problems:]
                report.added.clear()
                report.updated.clear()
        if changes is None:
            changes = self._index_here(
                jobs, gone, tagger, retag_all, store, report, tell, lock_timeout
            )
        order = {job.id: n for n, job in enumerate(jobs)}
        report.added.sort(key=order.__getitem__)
        report.updated.sort(key=order.__getitem__)
        report.removed = sorted(set(changes.removed))
        self.catalog.set_meta("fingerprint", fingerprint)
        store.fingerprint = fingerprint  # type: ignore[attr-defined]
        tell("stories", total, total)
        self._sync_stories(changes.drafts, changes.named, report.removed, changes.grouped)
        tell("done", total, total)

    def _make_tagger(self) -> Callable[[], Tagger]:
        """What builds this workspace's tagger, here or in a worker process (picklable)."""
        if self.finder == "none":
            return _NoTagger
        from index.entities import EntityTagger

        return functools.partial(EntityTagger, self.library.root, finder=self.finder)

    def _index_here(
        self,
        jobs: list[FileJob],
        gone: list[str],
        tagger: Tagger,
        retag: bool,
        store: object,
        report: SyncReport,
        tell: Callable[..., None],
        lock_timeout: float,
    ) -> _Changes:
        """Index ``jobs`` in this process, committing every :data:`BATCH` articles."""
        total = len(jobs)
        changes = _Changes()
        old_words = self._old_words_reader()
        writer_cm = None
        writer = None
        try:
            for done, job in enumerate(jobs, 1):
                result, document = prepare_file(job, tagger, retag=retag)
                if writer is None and result.status in ("indexed", "dropped"):
                    writer_cm = index_writer(
                        self.index,
                        timeout=lock_timeout,
                        limitmb=BIG_SYNC_MB if total > BIG_SYNC else 256,
                    )
                    writer = writer_cm.__enter__()
                self._take(result, writer, changes, report, old_words)
                if document is not None:
                    writer.add_document(**document)  # type: ignore[union-attr]
                tell("index", done, total, job.id)
                if len(changes.pending) >= BATCH:
                    tell("commit", done, total)
                    writer_cm.__exit__(None, None, None)  # type: ignore[union-attr]
                    writer = writer_cm = None
                    self._record(changes, store)
                    changes.pending = []
                    changes.words = Counter()
            if gone and writer is None:
                writer_cm = index_writer(self.index, timeout=lock_timeout)
                writer = writer_cm.__enter__()
            self._remove(gone, writer, changes, old_words)
            if writer_cm is not None:
                tell("commit", total, total)
                writer_cm.__exit__(None, None, None)
                writer = writer_cm = None
        except BaseException as exc:
            if writer_cm is not None:
                writer_cm.__exit__(type(exc), exc, exc.__traceback__)
            raise
        finally:
            old_words.close()
        self._record(changes, store)
        return changes

    def _index_in_workers(
        self,
        jobs: list[FileJob],
        gone: list[str],
        workers: int,
        fingerprint: str,
        retag: bool,
        store: object,
        report: SyncReport,
        tell: Callable[..., None],
        lock_timeout: float,
    ) -> _Changes:
        """Index ``jobs`` in worker processes (see :mod:`index.indexing_pool`) while this
        process holds the write lock, applies deletions and stores mentions as they come;
        one commit adds the workers' segments. Raises PoolError (nothing committed) when
        the workers fail."""
        total = len(jobs)
        changes = _Changes()
        old_words = self._old_words_reader()
        limitmb = max(256, (BIG_SYNC_MB if total > BIG_SYNC else 256 * workers) // workers)
        self.catalog.set_meta("unconfirmed_mentions", "1")
        try:
            with (
                index_writer(self.index, timeout=lock_timeout) as writer,
                IndexingPool(
                    self.index_folder,
                    self._make_tagger(),
                    fingerprint,
                    workers=workers,
                    limitmb=limitmb,
                    retag=retag,
                ) as pool,
            ):
                unstored: list[FileResult] = []
                first_build = not gone and not self.catalog.states()
                results = pool.run(jobs)
                for done, result in enumerate(_without_collections(results), 1):
                    self._take(result, writer, changes, report, old_words)
                    if result.row is not None:
                        unstored.append(result)
                    if len(unstored) >= MENTION_BATCH:
                        _store_mentions(store, unstored)
                    tell("index", done, total, result.id)
                    if done == total and first_build:
                        stories = self._story_index()
                        if not stories.members():
                            changes.grouped = _EarlyGrouping(stories, changes)
                _store_mentions(store, unstored)
                self._remove(gone, writer, changes, old_words)
                tell("commit", total, total)
                commit_segments(writer, pool.segments)
        except BaseException:
            if changes.grouped is not None:
                with contextlib.suppress(BaseException):
                    changes.grouped.wait()  # its stories are redone by whatever comes next
            raise
        finally:
            old_words.close()
        self._record(changes, store, mentions=False)
        self.catalog.set_meta("unconfirmed_mentions", "")
        return changes

    def _take(
        self,
        result: FileResult,
        writer: object,
        changes: _Changes,
        report: SyncReport,
        old_words: _StoredWords,
    ) -> None:
        """Apply one file's result: problems, stamps, deletion of its old version, and the
        records to write once the index has committed."""
        report.problems.extend(result.problems)
        if result.status == "unreadable":
            return
        if result.status == "unchanged":
            self.catalog.touch(result.id, result.job.mtime_ns, result.job.size)
            report.unchanged += 1
            return
        existed = result.job.old_hash is not None
        if existed:
            changes.words.subtract(old_words(result.id))
            writer.delete_by_term("id", result.id)  # type: ignore[attr-defined]
        if result.row is None:
            if existed:
                changes.removed.append(result.id)
            return
        changes.words.update(result.words)
        result.words = set()  # counted; a 10,000-article build need not keep them
        changes.pending.append(result)
        (report.updated if existed else report.added).append(result.id)
        if result.story is not None:
            changes.drafts[result.id] = result.story
        changes.named[result.id] = set(result.row.entities)

    def _remove(
        self, gone: list[str], writer: object, changes: _Changes, old_words: _StoredWords
    ) -> None:
        """Files deleted from the library leave the index."""
        for article_id in gone:
            changes.words.subtract(old_words(article_id))
            writer.delete_by_term("id", article_id)  # type: ignore[attr-defined]
            changes.removed.append(article_id)

    def _forget_unconfirmed_mentions(self, store: object) -> None:
        """Mentions a parallel sync stored before a commit that never came: drop those of
        articles the catalog does not hold (the rest are rewritten when re-indexed)."""
        if not self.catalog.get_meta("unconfirmed_mentions"):
            return
        known = set(self.catalog.states())
        for article_id in store.article_ids() - known:  # type: ignore[attr-defined]
            store.remove(article_id)  # type: ignore[attr-defined]
        self.catalog.set_meta("unconfirmed_mentions", "")

    def _sync_stories(
        self,
        drafts: dict[str, StoryDraft],
        named: dict[str, set[str]],
        removed: list[str],
        grouped: _EarlyGrouping | None = None,
    ) -> None:
        """Regroup stories for what changed, from the drafts this sync made while indexing.

        When the story store already knows every other indexed article, only the changed
        ones are regrouped (all of them at once when the store is empty: a first build,
        which ``grouped`` may have done already); otherwise (a lost store) it is brought
        in step with the whole library."""
        stories = self._story_index()
        indexed = set(self.catalog.states())
        if grouped is not None:
            grouped.wait()
            if grouped.drafts == set(drafts) == indexed and not removed:
                return  # the first build's grouping holds exactly what was indexed
        known = {m.id for m in stories.members()}
        if not known and indexed and indexed <= set(drafts):
            stories.rebuild(drafts.values(), named)
        elif known - set(removed) <= indexed and indexed <= known | set(drafts):
            if drafts or removed:
                stories.update(drafts.values(), removed, named)
        else:
            everyone = {i: set(row.entities) for i, row in self.catalog.rows().items()}
            stories.sync_library(self.library, entities=everyone, loaded=drafts)

    def _record(self, changes: _Changes, store: object, *, mentions: bool = True) -> None:
        """After a commit: catalog, vocabulary and mention store follow the index
        (``mentions=False``: the articles' mentions are stored already)."""
        self.catalog.put(result.row for result in changes.pending if result.row is not None)
        self.catalog.add_word_counts(changes.words)
        self.catalog.delete(changes.removed)
        if mentions:
            store.replace_many(  # type: ignore[attr-defined]
                (result.id, result.row.summary.outlet, result.mentions)
                for result in changes.pending
                if result.row is not None
            )
        for article_id in changes.removed:
            store.remove(article_id)  # type: ignore[attr-defined]
        self._bump()

    def _old_words_reader(self) -> _StoredWords:
        return _StoredWords(self.index)

    def _bump(self) -> None:
        self._generation += 1

    # -- reading -----------------------------------------------------------------------

    def articles(self) -> list[ArticleSummary]:
        """Every indexed article's summary, newest first, read from the catalog."""
        rows = [r.summary for r in self.catalog.rows().values()]
        rows.sort(key=lambda s: (_sort_stamp(s.published), s.id), reverse=True)
        return rows

    def unindexed_articles(self, limit: int = 2000) -> list[ArticleSummary]:
        """Summaries read straight from the files, newest first, to show a library whose
        index is still being built; empty if it holds more than ``limit`` files (reading
        them would take longer than waiting for the index)."""
        entries = list(itertools.islice(self.library.entries(), limit + 1))
        if len(entries) > limit:
            return []
        found = [load_file(e.path, e.id).article for e in entries]
        rows = [ArticleSummary.of(a) for a in found if a is not None]
        rows.sort(key=lambda s: (_sort_stamp(s.published), s.id), reverse=True)
        return rows

    def outlets(self) -> dict[str, int]:
        """Outlet names with their article counts, most articles first."""
        counts: dict[str, int] = {}
        for row in self.catalog.rows().values():
            counts[row.summary.outlet] = counts.get(row.summary.outlet, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def summary(self, article_id: str) -> ArticleSummary:
        row = self.catalog.rows().get(article_id)
        if row is None:
            raise NotFoundError(f"no article {article_id!r} in the index")
        return row.summary

    def article(self, article_id: str) -> Article:
        """Load an article from its file (raises NotFoundError / ArticleError)."""
        return self.library.load(article_id)

    def search(
        self,
        query: str,
        *,
        outlets: tuple[str, ...] | list[str] = (),
        entities: tuple[str, ...] | list[str] = (),
        since: date | datetime | str | None = None,
        until: date | datetime | str | None = None,
        sort: str = "relevance",
        limit: int | None = 20,
        suggest: bool = True,
        offset: int = 0,
    ) -> SearchResults:
        """Search the index; see :mod:`index.search` for the query language. Never raises
        for any query text; raises ValueError for a bad ``sort`` or date. ``suggest=False``
        skips did-you-mean (a word still being typed needs none); ``offset`` skips the
        first hits (to list more of a long result). ``entity:`` takes any alias the entity
        list knows and ``story:`` the story ids :meth:`stories` gives (or a prefix)."""
        context = SearchContext(self.canonical_entity, self._story_members, self.mentions)
        for attempt in (1, 2):
            searcher, data = self._searcher()
            try:
                return execute(
                    searcher,
                    data,
                    query,
                    outlets=outlets,
                    entities=entities,
                    since=since,
                    until=until,
                    sort=sort,
                    limit=limit,
                    suggest=suggest,
                    offset=offset,
                    context=context,
                )
            except READ_ERRORS as exc:
                if attempt == 2:
                    raise IndexCorruptError(
                        f"the index could not be read ({describe(exc)}); "
                        "run `brief index --rebuild`"
                    ) from exc
                with self._lock:
                    self._recover(exc)
        raise AssertionError("unreachable")

    def prepare_search(self) -> None:
        """Open this thread's searcher and work out what searching needs, so that the first
        search typed is as fast as the next ones (call it from a background thread)."""
        searcher, data = self._searcher()
        prepare(searcher, data)

    def suggest(self, query: str) -> str | None:
        """A spelling-corrected version of ``query`` (words the library barely knows replaced
        by close, frequent body words), or None. Does not check that it finds more."""
        _searcher, data = self._searcher()
        return correct_words(data, query)

    def vocabulary(self) -> dict[str, int]:
        """Every (case- and accent-folded, unstemmed) body word with the number of articles
        holding it: for completion and spelling."""
        _searcher, data = self._searcher()
        return dict(data.vocabulary()[1])

    def mentions(self, article_id: str) -> list[Mention]:
        """The stored entity mentions of an article (never re-tags)."""
        return self._mention_store().mentions(article_id)  # type: ignore[attr-defined]

    def entities(self, type: str | None = None) -> list[EntitySummary]:
        """The library's entities with mention counts per outlet (captions not counted)."""
        return self._mention_store().entities(type)  # type: ignore[attr-defined]

    def stories(self) -> list[Story]:
        """Stories of the library (groups of versions of one event), newest first."""
        return self._story_index().stories()

    def story_of(self, article_id: str) -> Story | None:
        return self._story_index().story_of(article_id)

    def story(self, story_id: str) -> Story | None:
        """A story by id or unique id prefix."""
        return self._story_index().get(story_id)

    def _story_members(self, story_id: str) -> tuple[str, ...] | None:
        story = self.story(story_id) if story_id.startswith(("s-", "key-")) else None
        return tuple(m.id for m in story.articles) if story else None

    def canonical_entity(self, name: str) -> str | None:
        """The canonical name of the entity ``name`` is an alias of in the entity list
        ("DPRK" -> "North Korea"), or None when the list does not know it."""
        gazetteer = getattr(self._tagger, "gazetteer", None) or self._gazetteer
        if gazetteer is None:
            from index.entities.gazetteer import Gazetteer

            try:
                gazetteer = Gazetteer(locations.user_entities_files(self.library.root))
            except BriefError:
                return None
            self._gazetteer = gazetteer
        known = gazetteer.lookup(name)  # type: ignore[attr-defined]
        return known.name if known is not None and known.type != "NORP" else None

    def _story_index(self) -> StoryIndex:
        return StoryIndex(self.index_folder / "stories.sqlite")

    def entity_names(self, article_id: str) -> tuple[str, ...]:
        row = self.catalog.rows().get(article_id)
        return row.entities if row else ()

    def close(self) -> None:
        """Close every searcher and store this workspace opened, in every thread."""
        with self._lock, self._state_lock:
            self._drop_searchers()
            for store in self._mention_stores:
                with contextlib.suppress(Exception):
                    store.close()  # type: ignore[attr-defined]
            self._mention_stores.clear()
            self.catalog.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- per-thread resources -----------------------------------------------------------

    def _searcher(self) -> tuple[object, ReaderData]:
        local = self._local
        if (
            local.searcher is not None
            and local.generation == self._generation
            and local.searcher.up_to_date()  # type: ignore[attr-defined]
        ):
            return local.searcher, local.data  # type: ignore[return-value]
        with self._state_lock:
            old = local.searcher
            if old is not None:
                # A fresh searcher rather than refresh(): refresh reuses segment readers
                # whose deletions may be stale, and non-compound segments open in ~1 ms.
                self._forget(old)
                local.searcher = None
            try:
                searcher = self.index.searcher(weighting=self._weighting)
            except CORRUPTION_ERRORS as exc:
                self._recover(exc)
                searcher = self.index.searcher(weighting=self._weighting)
            if searcher not in self._searchers:
                self._searchers.append(searcher)
            rows = self.catalog.rows()
            local.data = ReaderData(
                searcher,
                {k: r.summary for k, r in rows.items()},
                {k: r.entities for k, r in rows.items()},
                self.catalog.word_counts,
                shared=self._shared_data,
                type_uses=self._entity_type_uses,
            )
            self._shared_data = local.data
            local.searcher = searcher
            local.generation = self._generation
        return searcher, local.data

    def _forget(self, searcher: object) -> None:
        with contextlib.suppress(Exception):
            searcher.close()  # type: ignore[attr-defined]
        if searcher in self._searchers:
            self._searchers.remove(searcher)

    def _drop_searchers(self) -> None:
        with self._state_lock:
            for searcher in list(self._searchers):
                self._forget(searcher)
            self._searchers.clear()
            self._local = _ThreadState()
            self._bump()

    def _entity_type_uses(self) -> dict[str, dict[str, int]]:
        """Each entity name key's types with their article counts, as the facets show them
        (none when the mention store cannot be read: the facets then go without types)."""
        try:
            return self._mention_store().type_uses(FACET_TYPES)  # type: ignore[attr-defined]
        except (sqlite3.Error, BriefError):
            return {}

    def _mention_store(self) -> object:
        local = self._local
        if local.mentions is None:
            from index.entities.store import MentionStore

            local.mentions = MentionStore(self.index_folder / "mentions.sqlite")
            with self._state_lock:
                self._mention_stores.append(local.mentions)
        return local.mentions


@dataclass(frozen=True, slots=True)
class ScannedFile:
    """An article file seen by :func:`scan_library`."""

    id: str
    location: str
    mtime_ns: int
    size: int

    @property
    def path(self) -> Path:
        return Path(self.location)


def scan_library(root: Path) -> dict[str, ScannedFile]:
    """Every article file under ``root`` by id, following :meth:`Library.entries`' rules
    (hidden files and folders skipped, Markdown suffixes, ids relative with ``/``), with
    plain strings and ``os.scandir`` so a 10,000-file library is scanned in tens of ms."""
    found: dict[str, ScannedFile] = {}
    base = str(root)
    if not os.path.isdir(base):
        return found
    stack = [(base, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as it:
                items = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for item in items:
            if item.name.startswith("."):
                continue
            try:
                if item.is_dir():
                    subdirs.append((item.path, f"{prefix}{item.name}/"))
                    continue
                if not item.name.lower().endswith(ARTICLE_SUFFIXES):
                    continue
                stat = item.stat()
            except OSError:
                continue
            article_id = prefix + item.name
            found[article_id] = ScannedFile(article_id, item.path, stat.st_mtime_ns, stat.st_size)
        stack.extend(reversed(subdirs))
    return found


class _StoredWords:
    """Reads indexed articles' words from their stored bodies, before they are replaced,
    so the vocabulary counts can forget them; opens a searcher only when first needed."""

    def __init__(self, index: object) -> None:
        self._index = index
        self._searcher: object | None = None

    def __call__(self, article_id: str) -> set[str]:
        if self._searcher is None:
            self._searcher = self._index.searcher()  # type: ignore[attr-defined]
        stored = self._searcher.document(id=article_id)  # type: ignore[attr-defined]
        return word_set(stored.get("body", "")) if stored else set()

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()  # type: ignore[attr-defined]
            self._searcher = None


def _without_collections(results: Iterator[FileResult]) -> Iterator[FileResult]:
    """``results`` with the cyclic garbage collector paused until the last one is taken
    in: the results a big sync holds until its commit (rows, story drafts) grew with
    every article, and each full collection walked them all again. Taking them in makes
    plain records and tables, not cycles; afterwards the collector is as it was."""
    was_enabled = gc.isenabled()
    try:
        gc.disable()
        yield from results
    finally:
        if was_enabled:
            gc.enable()


def _store_mentions(store: object, results: list[FileResult]) -> None:
    """Store the mentions of ``results`` in one transaction, then let them go (a
    10,000-article build need not keep them), emptying the list."""
    store.replace_many(  # type: ignore[attr-defined]
        (r.id, r.row.summary.outlet, r.mentions) for r in results if r.row is not None
    )
    for result in results:
        result.mentions = []
    results.clear()


class _NoTagger:
    """Stands in for the entity tagger when indexing without entities (benchmarks)."""

    fingerprint = "none"
    finder_name = "none"

    def tag(self, article: Article) -> list[Mention]:
        return []


def _sort_stamp(stamp: datetime | None) -> datetime:
    return stamp.replace(tzinfo=None) if stamp else datetime.min

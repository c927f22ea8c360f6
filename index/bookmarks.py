"""Bookmarks: saved passages with notes and tags, kept in a SQLite store that survives edits.

The store lives in the user data dir (``index.locations.bookmarks_db()``), one file for all
of a user's libraries: each bookmark records the library it was made in (its resolved root
folder), and a store opened for a library shows, checks and exports that library's
bookmarks unless asked for all of them. A moved library folder is followed with
:meth:`BookmarkStore.relocate`; bookmarks saved before libraries were recorded are given to
the first library opened that holds their article (:meth:`BookmarkStore.claim`). It runs in WAL
mode with one transaction per change, so the app and the command line can use it at once,
and a process killed mid-write loses nothing already committed. The schema is versioned
(``PRAGMA user_version``) and migrated forward on open; a store from a newer Brief is
refused, and a damaged one is moved aside (``BookmarkStore.notice`` says where).

Each bookmark keeps an :class:`index.anchors.Anchor` (quote, prefix, suffix, offsets,
content hash) and the store keeps the body text it was anchored in, so that
:meth:`BookmarkStore.reanchor` can follow the passage through later edits of the article,
and the article itself through renames (matched by content).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from rapidfuzz import fuzz

from index import anchors, locations
from index.anchors import Anchor, AnchorStatus
from index.article import Article, body_hash
from index.bookmark_status import ARTICLE_GONE, PASSAGE_GONE
from index.errors import BriefError, NotFoundError
from index.library import FileEntry, Library, load_file

APPLICATION_ID = 0x42524946  # "BRIF": marks the file as a Brief bookmarks store
BUSY_TIMEOUT_MS = 10_000
RENAME_MIN_SIMILARITY = 0.6
"""How alike (0..1) a file's body must be to a vanished article's last known body to be it."""

Status = AnchorStatus


class StoreError(BriefError):
    """The bookmarks store cannot be opened or written (newer, foreign, busy)."""


class DuplicateBookmarkError(BriefError):
    """The exact passage is already bookmarked; ``existing`` is that bookmark."""

    def __init__(self, existing: Bookmark) -> None:
        super().__init__(
            f"this passage of {existing.article} is already bookmark #{existing.id}; "
            f"edit it instead"
        )
        self.existing = existing


@dataclass(frozen=True, slots=True)
class Source:
    """What a bookmark's article was when last seen: enough to cite it if it disappears."""

    title: str
    outlet: str
    published: str | None = None
    url: str | None = None
    author: str | None = None

    @classmethod
    def of(cls, article: Article) -> Source:
        return cls(
            article.title, article.outlet, article.published_iso, article.url, article.author
        )


@dataclass(frozen=True)
class Bookmark:
    """A saved passage of an article with the user's note and tags.

    ``quote`` is the text as saved; ``start``/``end`` are the passage's offsets in the body
    whose hash is ``content_hash`` (the current body unless orphaned). When the article was
    edited, ``status`` is ``changed`` and ``current_text`` holds what the passage says now;
    ``orphaned`` bookmarks could not be found again and keep their last known place.
    """

    id: int
    article: str
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    content_hash: str
    note: str
    tags: tuple[str, ...]
    created: datetime
    updated: datetime
    status: Status
    current_text: str | None
    uid: str = ""
    source: Source | None = None
    library: str = ""
    """The resolved root folder of the library it was made in; empty if not recorded."""

    @property
    def outlet(self) -> str:
        return self.source.outlet if self.source else ""

    @property
    def title(self) -> str:
        return self.source.title if self.source else ""

    @property
    def text(self) -> str:
        """What the passage says now, or the saved quote if it is orphaned."""
        return self.current_text if self.current_text is not None else self.quote

    @property
    def anchor(self) -> Anchor:
        return Anchor(self.quote, self.prefix, self.suffix, self.start, self.end, self.content_hash)

    def to_json(self) -> dict[str, object]:
        """The record as printed by ``brief bookmarks list --json``."""
        return {
            "id": self.id,
            "article": self.article,
            "quote": self.quote,
            "current_text": self.current_text,
            "status": self.status,
            "start": self.start,
            "end": self.end,
            "note": self.note,
            "tags": list(self.tags),
            "created": self.created.isoformat(),
            "updated": self.updated.isoformat(),
            "library": self.library or None,
        }


@dataclass
class ReanchorReport:
    """What :meth:`BookmarkStore.reanchor` found; the lists hold bookmark ids."""

    checked: int = 0
    unchanged: int = 0
    moved: list[tuple[int, str, str]] = field(default_factory=list)
    """Bookmarks that followed a renamed or moved file: (id, old article id, new id)."""
    reanchored: list[int] = field(default_factory=list)
    """Passages found again with the same text, at a new place."""
    changed: list[int] = field(default_factory=list)
    """Passages found whose text now differs from the saved quote (newly so)."""
    orphaned: list[int] = field(default_factory=list)
    """Passages that could not be found any more (newly so)."""
    removed: list[int] = field(default_factory=list)
    """Of ``orphaned``, those whose article file is gone (not renamed: no file has its text)."""
    problems: list[str] = field(default_factory=list)
    """Articles that could not be read; their bookmarks were left as they were."""
    claimed: list[int] = field(default_factory=list)
    """Bookmarks saved before libraries were recorded, now given to this library."""
    gone: list[LibraryCount] = field(default_factory=list)
    """Other libraries whose folder no longer exists: their bookmarks are kept, unchecked."""

    def messages(self) -> list[str]:
        """One line per noteworthy event, for a status line or the command line."""
        lines = [f"bookmark #{i} followed {old} renamed to {new}" for i, old, new in self.moved]
        if self.claimed:
            lines.append(
                f"{_count(self.claimed, 'bookmark')} saved before Brief recorded libraries "
                f"now belong to this library ({_ids(self.claimed)})"
            )
        for gone in self.gone:
            line = (
                f"{_count(range(gone.count), 'bookmark')} belong to the library {gone.library}, "
                f"whose folder no longer exists; they are kept"
            )
            if gone.here:
                line += (
                    f" ({gone.here} of their articles are in this library: if the folder was "
                    f"moved here, relocate them)"
                )
            lines.append(line)
        if self.changed:
            lines.append(
                f"{_count(self.changed, 'bookmark')} changed: the article's text was edited "
                f"({_ids(self.changed)})"
            )
        if self.orphaned:
            lines.append(self._orphans())
        lines.extend(self.problems)
        return lines

    def _orphans(self) -> str:
        """``2 bookmarks orphaned: article removed from the library (#1); passage not found
        in the article any more (#2)``, in the words of :mod:`index.bookmark_status`."""
        removed = [i for i in self.orphaned if i in self.removed]
        passage = [i for i in self.orphaned if i not in self.removed]
        reasons = [
            f"{note.what} ({_ids(ids)})"
            for note, ids in ((ARTICLE_GONE, removed), (PASSAGE_GONE, passage))
            if ids
        ]
        return f"{_count(self.orphaned, 'bookmark')} orphaned: {'; '.join(reasons)}"


@dataclass(frozen=True, slots=True)
class LibraryCount:
    """How many bookmarks one library holds, and whether its folder is still there."""

    library: str
    """The library's resolved root folder; empty for bookmarks with no library recorded."""
    count: int
    exists: bool
    here: int = 0
    """Of them, how many name an article that the library being checked also has."""


@dataclass
class ImportReport:
    """What merging an export into the store did, by bookmark id in this store."""

    added: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    """Already here (same uid) and the imported copy was newer: note and tags taken."""
    duplicates: int = 0
    """Already here with the same content (or an older copy): skipped."""
    elsewhere: list[int] = field(default_factory=list)
    """Of ``added``, those returned to another library of this machine, named in the export."""

    def message(self) -> str:
        text = (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{self.duplicates} already present"
        )
        if self.elsewhere:
            text += f" ({len(self.elsewhere)} of the added went back to their own library)"
        return text


CONTEXT_CHARS = 240
"""How much of the article ``passage_context`` shows on each side of a passage."""


@dataclass(frozen=True, slots=True)
class PassageContext:
    """A bookmarked passage with the text around it, spaced as in the article.

    ``current`` says whether it was taken from the article as it is now; otherwise it is
    the prefix and suffix saved with the bookmark. Paragraph breaks stay in the strings
    as ``"\n\n"``; ``clipped_before``/``clipped_after`` say the article goes on.
    """

    before: str
    passage: str
    after: str
    current: bool
    clipped_before: bool
    clipped_after: bool


def passage_context(
    bookmark: Bookmark, article: Article | None, chars: int = CONTEXT_CHARS
) -> PassageContext:
    """The passage in its context: from ``article`` when the bookmark is anchored in its
    current body, else from what was saved with the bookmark (an orphan, a missing file).

    The context is cut at word boundaries, never inside a word.
    """
    body = article.body if article is not None else None
    if (
        body is not None
        and bookmark.status != "orphaned"
        and article is not None
        and article.content_hash == bookmark.content_hash
        and 0 <= bookmark.start <= bookmark.end <= len(body)
    ):
        start, end = bookmark.start, bookmark.end
        cut_start = max(0, start - chars)
        if cut_start > 0:
            space = _next_space(body, cut_start, start)
            cut_start = space if space is not None else start
        cut_end = min(len(body), end + chars)
        if cut_end < len(body):
            space = _last_space(body, end, cut_end)
            cut_end = space if space is not None else end
        return PassageContext(
            before=body[cut_start:start].lstrip(),
            passage=body[start:end],
            after=body[end:cut_end].rstrip(),
            current=True,
            clipped_before=cut_start > 0,
            clipped_after=cut_end < len(body),
        )
    return PassageContext(
        before=bookmark.prefix,
        passage=bookmark.quote,
        after=bookmark.suffix,
        current=False,
        clipped_before=bool(bookmark.prefix),
        clipped_after=bool(bookmark.suffix),
    )


def _next_space(text: str, start: int, limit: int) -> int | None:
    """Index just after the first whitespace in ``text[start:limit]``, if any."""
    for i in range(start, limit):
        if text[i].isspace():
            return i + 1
    return None


def _last_space(text: str, start: int, limit: int) -> int | None:
    """Index of the last whitespace in ``text[start:limit]``, if any."""
    for i in range(limit - 1, start - 1, -1):
        if text[i].isspace():
            return i
    return None


def library_key(root: str | os.PathLike[str]) -> str:
    """How the store names a library: its root folder, absolute, with symlinks resolved."""
    return str(Path(root).expanduser().resolve())


def normalize_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as typed (commas split them) -> trimmed, non-empty, first spelling kept, in order."""
    seen: set[str] = set()
    result: list[str] = []
    for raw in tags:
        for part in str(raw).split(","):
            tag = " ".join(part.split())
            if tag and tag.casefold() not in seen:
                seen.add(tag.casefold())
                result.append(tag)
    return tuple(result)


def now() -> datetime:
    return datetime.now(UTC)


# -- schema ---------------------------------------------------------------------------

_SCHEMA_V1 = """
CREATE TABLE bookmarks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT NOT NULL UNIQUE,
    article TEXT NOT NULL,
    quote TEXT NOT NULL,
    prefix TEXT NOT NULL,
    suffix TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('anchored', 'changed', 'orphaned')),
    current_text TEXT,
    checked_hash TEXT,
    note TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX bookmarks_article ON bookmarks(article, start);
CREATE TABLE bookmark_tags (
    bookmark_id INTEGER NOT NULL REFERENCES bookmarks(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (bookmark_id, key)
);
CREATE INDEX bookmark_tags_key ON bookmark_tags(key);
CREATE TABLE texts (hash TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE sources (
    article TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    outlet TEXT NOT NULL,
    published TEXT,
    url TEXT,
    author TEXT
);
"""

Migration = Callable[[sqlite3.Connection], None]


def _create_v1(conn: sqlite3.Connection) -> None:
    for statement in _SCHEMA_V1.split(";"):
        if statement.strip():
            conn.execute(statement)


def _add_file_stamps(conn: sqlite3.Connection) -> None:
    """Remember each bookmarked file's size, mtime and body hash, so an unchanged library
    is checked with ``stat`` alone."""
    conn.execute(
        "CREATE TABLE file_stamps (article TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, "
        "size INTEGER NOT NULL, hash TEXT NOT NULL)"
    )


def _add_libraries(conn: sqlite3.Connection) -> None:
    """Record each bookmark's library (empty until a library holding its article claims it);
    sources and file stamps are kept per library, since two libraries may share article ids."""
    conn.execute("ALTER TABLE bookmarks ADD COLUMN library TEXT NOT NULL DEFAULT ''")
    conn.execute("DROP INDEX IF EXISTS bookmarks_article")
    conn.execute("CREATE INDEX bookmarks_library ON bookmarks(library, article, start)")
    conn.execute(
        "CREATE TABLE sources_v3 (library TEXT NOT NULL DEFAULT '', article TEXT NOT NULL, "
        "title TEXT NOT NULL, outlet TEXT NOT NULL, published TEXT, url TEXT, author TEXT, "
        "PRIMARY KEY (library, article))"
    )
    conn.execute(
        "INSERT INTO sources_v3 (library, article, title, outlet, published, url, author) "
        "SELECT '', article, title, outlet, published, url, author FROM sources"
    )
    conn.execute("DROP TABLE sources")
    conn.execute("ALTER TABLE sources_v3 RENAME TO sources")
    # Stamps only spare re-reading unchanged files: dropping them costs one full check.
    conn.execute("DROP TABLE file_stamps")
    conn.execute(
        "CREATE TABLE file_stamps (library TEXT NOT NULL, article TEXT NOT NULL, "
        "mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, hash TEXT NOT NULL, "
        "PRIMARY KEY (library, article))"
    )


MIGRATIONS: Mapping[int, Migration] = {1: _create_v1, 2: _add_file_stamps, 3: _add_libraries}
"""``MIGRATIONS[n]`` brings a store from version ``n - 1`` to ``n``."""
SCHEMA_VERSION = max(MIGRATIONS)

_CORRUPT_MARKERS = ("not a database", "malformed", "corrupt", "file is encrypted")


class BookmarkStore:
    """The bookmarks store. Safe to share between threads; several processes may open it.

    Opened for a ``library`` (its root folder), it lists, finds, tags and adds that
    library's bookmarks; ``all_libraries=True`` widens a listing to every library. Opened
    without one, it sees every bookmark and records new ones with no library.
    """

    def __init__(
        self,
        path: Path | None = None,
        migrations: Mapping[int, Migration] | None = None,
        *,
        library: str | os.PathLike[str] | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else locations.bookmarks_db()
        self.library: str | None = library_key(library) if library is not None else None
        """The library this store is opened for (resolved root), or None for all."""
        self.notice: str | None = None
        """Set when the store had to be moved aside on open: say it to the user."""
        self._migrations = dict(migrations or MIGRATIONS)
        self._version = max(self._migrations)
        self._lock = threading.RLock()
        self._conn = self._open()
        self.claimed: list[int] = []
        """Bookmarks with no library recorded that were given to this library on open."""
        if self.library is not None and self._version >= 3:
            self.claimed = self.claim(Library(Path(self.library)))

    # -- opening ----------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._connect_checked()
        except sqlite3.DatabaseError as exc:
            if not _is_corruption(exc):
                raise StoreError(f"cannot open the bookmarks store {self.path}: {exc}") from None
            moved = self._move_aside()
            self.notice = (
                f"the bookmarks store {self.path} was damaged ({exc}); it was moved aside to "
                f"{moved.name} and a new, empty store was started. The old file may still be "
                f"recoverable (sqlite3 {moved.name} .recover)."
            )
        try:
            return self._connect_checked()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the bookmarks store {self.path}: {exc}") from None

    def _connect_checked(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables and version == 0):
                raise StoreError(
                    f"{self.path} is not a Brief bookmarks store (it holds other data); "
                    f"Brief will not touch it. Move it away or point Brief elsewhere."
                )
            if version > self._version:
                raise StoreError(
                    f"the bookmarks store {self.path} was written by a newer Brief (schema "
                    f"version {version}; this Brief knows up to {self._version}). It was left "
                    f"untouched: upgrade Brief to use it."
                )
            rows = conn.execute("PRAGMA quick_check").fetchall()
            if [r[0] for r in rows] != ["ok"]:
                raise sqlite3.DatabaseError("malformed: " + "; ".join(str(r[0]) for r in rows[:3]))
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._migrate(conn, version)
        except BaseException:
            conn.close()
            raise
        return conn

    def _migrate(self, conn: sqlite3.Connection, version: int) -> None:
        if version == self._version:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the write lock.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for step in range(version + 1, self._version + 1):
                self._migrations[step](conn)
            conn.execute(f"PRAGMA user_version = {self._version}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _move_aside(self) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{n}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                os.replace(source, Path(f"{target}{suffix}"))
        return target

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> BookmarkStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._lock:
            return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    # -- transactions -----------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; the write lock is taken at once so it cannot deadlock."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(
                    f"the bookmarks store {self.path} is busy ({exc}): another Brief is "
                    f"writing to it; try again"
                ) from None
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(
                        f"could not save to the bookmarks store {self.path}: {exc}; "
                        f"nothing was changed"
                    ) from exc
                raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: one consistent snapshot across several queries."""
        with self._lock:
            try:
                self._conn.execute("BEGIN")
                try:
                    yield self._conn
                finally:
                    self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise StoreError(f"could not read the bookmarks store {self.path}: {exc}") from exc

    # -- the API ------------------------------------------------------------------------

    def add(
        self,
        article: Article,
        start: int,
        end: int,
        note: str = "",
        tags: Iterable[str] = (),
    ) -> Bookmark:
        """Bookmark ``article.body[start:end]`` (surrounding whitespace trimmed).

        Raises ``ValueError`` for offsets outside the body or an empty passage, and
        :class:`DuplicateBookmarkError` if exactly this passage is bookmarked already.
        """
        if not (0 <= start < end <= len(article.body)):
            raise ValueError(
                f"offsets {start}-{end} are outside {article.id}, whose text has "
                f"{len(article.body)} characters (0-{len(article.body)})"
            )
        start, end = anchors.trim_span(article.body, start, end)
        if start >= end:
            raise ValueError(f"the passage {start}-{end} of {article.id} is only whitespace")
        anchor = anchors.make_anchor(article.body, start, end)
        stamp = now()
        library = self.library or ""
        with self._write() as conn:
            existing = conn.execute(
                'SELECT id FROM bookmarks WHERE library = ? AND article = ? AND start = ? AND "end" = ? '
                "AND content_hash = ?",
                (library, article.id, start, end, anchor.content_hash),
            ).fetchone()
            if existing:
                raise DuplicateBookmarkError(self._get(conn, existing[0]))
            _save_text(conn, anchor.content_hash, article.body)
            _save_source(conn, library, article.id, Source.of(article))
            cursor = conn.execute(
                'INSERT INTO bookmarks (uid, library, article, quote, prefix, suffix, start, "end", '
                "content_hash, status, current_text, checked_hash, note, created, updated) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'anchored', NULL, ?, ?, ?, ?)",
                (
                    uuid.uuid4().hex,
                    library,
                    article.id,
                    anchor.quote,
                    anchor.prefix,
                    anchor.suffix,
                    start,
                    end,
                    anchor.content_hash,
                    anchor.content_hash,
                    note,
                    stamp.isoformat(),
                    stamp.isoformat(),
                ),
            )
            bookmark_id = int(cursor.lastrowid or 0)
            _save_tags(conn, bookmark_id, normalize_tags(tags))
            return self._get(conn, bookmark_id)

    def list(
        self,
        *,
        tag: str | None = None,
        article: str | None = None,
        all_libraries: bool = False,
    ) -> list[Bookmark]:
        """This library's bookmarks (or every library's) in reading order, optionally filtered.

        The order is library, then article, then place in the article.
        """
        clauses, params = self._scope(all_libraries)
        if tag is not None:
            clauses.append("id IN (SELECT bookmark_id FROM bookmark_tags WHERE key = ?)")
            params.append(" ".join(tag.split()).casefold())
        if article is not None:
            clauses.append("article = ?")
            params.append(article)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT * FROM bookmarks {where} ORDER BY library, article, start, id", params
            ).fetchall()
            return self._records(conn, rows)

    def get(self, bookmark_id: int) -> Bookmark:
        """One bookmark; :class:`NotFoundError` if there is no such id."""
        with self._read() as conn:
            return self._get(conn, bookmark_id)

    def find(self, article: str, start: int, end: int) -> Bookmark | None:
        """This library's bookmark of exactly this passage, if any."""
        clauses, params = self._scope(False)
        clauses.append('article = ? AND start = ? AND "end" = ?')
        with self._read() as conn:
            row = conn.execute(
                f"SELECT * FROM bookmarks WHERE {' AND '.join(clauses)}",
                (*params, article, start, end),
            ).fetchone()
            return self._records(conn, [row])[0] if row else None

    def update(
        self,
        bookmark_id: int,
        *,
        note: str | None = None,
        tags: Iterable[str] | None = None,
    ) -> Bookmark:
        """Replace the note and/or the whole tag list (``None`` leaves it as it is)."""
        with self._write() as conn:
            current = self._get(conn, bookmark_id)
            new_tags = normalize_tags(tags) if tags is not None else current.tags
            new_note = note if note is not None else current.note
            if new_note == current.note and new_tags == current.tags:
                return current
            conn.execute(
                "UPDATE bookmarks SET note = ?, updated = ? WHERE id = ?",
                (new_note, now().isoformat(), bookmark_id),
            )
            if new_tags != current.tags:
                conn.execute("DELETE FROM bookmark_tags WHERE bookmark_id = ?", (bookmark_id,))
                _save_tags(conn, bookmark_id, new_tags)
            return self._get(conn, bookmark_id)

    def accept(self, bookmark_id: int) -> Bookmark:
        """Take a changed passage's current text as its quote, so it is anchored again."""
        with self._write() as conn:
            current = self._get(conn, bookmark_id)
            if current.status != "changed" or current.current_text is None:
                return current
            body = _text(conn, current.content_hash)
            if body is not None and body[current.start : current.end] == current.current_text:
                anchor = anchors.make_anchor(body, current.start, current.end)
                prefix, suffix = anchor.prefix, anchor.suffix
            else:
                prefix, suffix = current.prefix, current.suffix
            conn.execute(
                "UPDATE bookmarks SET quote = ?, prefix = ?, suffix = ?, status = 'anchored', "
                "current_text = NULL, updated = ? WHERE id = ?",
                (current.current_text, prefix, suffix, now().isoformat(), bookmark_id),
            )
            return self._get(conn, bookmark_id)

    def delete(self, bookmark_id: int) -> Bookmark:
        """Delete a bookmark and return it, so that the caller can :meth:`restore` it."""
        with self._write() as conn:
            bookmark = self._get(conn, bookmark_id)
            conn.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))
            return bookmark

    def restore(self, bookmark: Bookmark) -> Bookmark:
        """Put back a deleted bookmark (undo), under its old id if that id is still free."""
        with self._write() as conn:
            if bookmark.uid:
                same = conn.execute(
                    "SELECT id FROM bookmarks WHERE uid = ?", (bookmark.uid,)
                ).fetchone()
                if same is not None:
                    return self._get(conn, same[0])
            taken = conn.execute("SELECT 1 FROM bookmarks WHERE id = ?", (bookmark.id,)).fetchone()
            new_id = self._insert(conn, bookmark, keep_id=taken is None)
            return self._get(conn, new_id)

    def tags(self, *, all_libraries: bool = False) -> list[tuple[str, int]]:
        """Every tag of this library's bookmarks (or all) with the number of bookmarks
        carrying it, most used first; a tag spelt several ways (case) is named as on its
        oldest bookmark."""
        clauses, params = self._scope(all_libraries)
        where = ""
        if clauses:
            where = f"WHERE bookmark_id IN (SELECT id FROM bookmarks WHERE {' AND '.join(clauses)})"
        with self._read() as conn:
            rows = conn.execute(
                # A bare column beside min() comes from the min row (SQLite): the oldest
                # bookmark's spelling names the tag.
                f"SELECT tag, min(bookmark_id), count(*) FROM bookmark_tags {where} GROUP BY key "
                "ORDER BY count(*) DESC, key",
                params,
            ).fetchall()
        return [(str(tag), int(count)) for tag, _, count in rows]

    def libraries(self) -> list[LibraryCount]:
        """Every library holding bookmarks, with its count and whether its folder exists."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT library, count(*) FROM bookmarks GROUP BY library ORDER BY library"
            ).fetchall()
        return [LibraryCount(str(lib), int(n), bool(lib) and Path(lib).is_dir()) for lib, n in rows]

    def count_elsewhere(self) -> int:
        """How many bookmarks belong to libraries other than this one (0 when opened for all)."""
        if self.library is None:
            return 0
        with self._read() as conn:
            row = conn.execute(
                "SELECT count(*) FROM bookmarks WHERE library != ?", (self.library,)
            ).fetchone()
        return int(row[0])

    def claim(self, library: Library, present: Iterable[str] | None = None) -> list[int]:
        """Give bookmarks with no library recorded (saved by an older Brief) to ``library``
        when it has their article; return their ids. Others stay unassigned, untouched.
        ``present`` is the library's article ids when the caller has already listed them."""
        key = library_key(library.root)
        with self._read() as conn:
            waiting = conn.execute(
                "SELECT DISTINCT article FROM bookmarks WHERE library = ''"
            ).fetchall()
        if not waiting:
            return []
        if present is not None:
            known = set(present)
            articles = [row[0] for row in waiting if row[0] in known]
        else:  # a look at each file named, not a walk of a library that may be large
            articles = [row[0] for row in waiting if _has_file(library, row[0])]
        if not articles:
            return []
        claimed: list[int] = []
        with self._write() as conn:
            for article in articles:
                ids = conn.execute(
                    "SELECT id FROM bookmarks WHERE library = '' AND article = ?", (article,)
                ).fetchall()
                claimed += [int(row[0]) for row in ids]
                conn.execute(
                    "UPDATE bookmarks SET library = ? WHERE library = '' AND article = ?",
                    (key, article),
                )
                _move_source(conn, "", key, article)
        return sorted(claimed)

    def relocate(self, old: str | os.PathLike[str] | None, new: str | os.PathLike[str]) -> int:
        """Move every bookmark of library ``old`` (``None``: those with no library recorded)
        to the library folder ``new``, e.g. after the folder was moved or renamed; return
        how many moved. Their passages are checked on the next :meth:`reanchor` of ``new``.
        """
        target = library_key(new)
        if not Path(target).is_dir():
            raise NotFoundError(f"{new} is not a folder: give the library's new place")
        source = self._known_library(old)
        if source == target:
            raise BriefError(f"the bookmarks of {target} are already there")
        with self._write() as conn:
            articles = [
                row[0]
                for row in conn.execute(
                    "SELECT DISTINCT article FROM bookmarks WHERE library = ?", (source,)
                )
            ]
            moved = conn.execute(
                "UPDATE bookmarks SET library = ?, checked_hash = NULL WHERE library = ?",
                (target, source),
            ).rowcount
            for article in articles:
                _move_source(conn, source, target, article)
            conn.execute("DELETE FROM file_stamps WHERE library IN (?, ?)", (source, target))
        return int(moved)

    def _known_library(self, old: str | os.PathLike[str] | None) -> str:
        """The stored name of library ``old`` as the user typed it (resolved or as given)."""
        if old is None:
            return ""
        known = {c.library for c in self.libraries()}
        for candidate in (library_key(old), str(Path(old).expanduser().absolute())):
            if candidate in known:
                return candidate
        names = ", ".join(sorted(k for k in known if k)) or "none"
        raise NotFoundError(
            f"no bookmarks belong to a library {old}. Libraries with bookmarks: {names}"
        )

    def _scope(self, all_libraries: bool) -> tuple[list[str], list[object]]:
        """The WHERE clause (and its parameter) that keeps to this store's library."""
        if self.library is None or all_libraries:
            return [], []
        return ["library = ?"], [self.library]

    def text_of(self, content_hash: str) -> str | None:
        """The article body a bookmark was anchored in, if the store still has it."""
        with self._read() as conn:
            return _text(conn, content_hash)

    def texts(self, hashes: Iterable[str]) -> dict[str, str]:
        with self._read() as conn:
            return {h: body for h in set(hashes) if (body := _text(conn, h)) is not None}

    # -- re-anchoring -----------------------------------------------------------------

    def reanchor(
        self, library: Library, progress: Callable[[int, int], None] | None = None
    ) -> ReanchorReport:
        """Check the bookmarks of ``library`` (and no other's) against its current files.

        Bookmarks with no library recorded are first given to it if it has their article
        (:meth:`claim`). Articles whose body is unchanged since the last check are skipped.
        A bookmark whose article file is gone follows it to the file with the same (or a
        very similar) body. Nothing is ever deleted: a passage that cannot be found becomes
        ``orphaned``. Other libraries whose folder has gone are named in ``report.gone``.
        """
        key = library_key(library.root)
        entries = {entry.id: entry for entry in library.entries()}
        report = ReanchorReport()
        if entries:
            report.claimed = self.claim(library, entries)
        report.gone = self._gone(key, set(entries))
        with self._read() as conn:
            rows = conn.execute(
                "SELECT * FROM bookmarks WHERE library = ? ORDER BY article, start, id", (key,)
            ).fetchall()
            bookmarks = self._records(conn, rows)
        report.checked = len(bookmarks)
        if not bookmarks:
            return report
        if not entries:
            # A wrong or unmounted folder must not orphan every bookmark.
            report.problems.append(
                f"the library {library.root} has no articles; bookmarks were not checked"
            )
            return report
        by_article: dict[str, list[Bookmark]] = defaultdict(list)
        for bookmark in bookmarks:
            by_article[bookmark.article].append(bookmark)
        checked = self._checked_hashes(key)
        stamps = self._file_stamps(key)
        loaded: dict[str, Article] = {}

        def load(article_id: str) -> Article | None:
            if article_id not in loaded:
                try:
                    loaded[article_id] = library.load(article_id)
                except BriefError as exc:
                    report.problems.append(f"{article_id}: {exc}; its bookmarks were not checked")
                    return None
            return loaded[article_id]

        updates: list[_Update] = []
        missing = [a for a in by_article if a not in entries]
        total = len(by_article)
        for done, (article_id, group) in enumerate(by_article.items(), 1):
            entry = entries.get(article_id)
            if entry is not None:
                known = stamps.get(article_id)
                if (
                    known is not None
                    and known[:2] == (entry.mtime_ns, entry.size)
                    and all(checked.get(b.id) == known[2] for b in group)
                ):
                    report.unchanged += len(group)
                else:
                    article = load(article_id)
                    if article is not None:
                        updates += self._check_group(group, article, checked, report)
            if progress:
                progress(done, total)
        if missing:
            fingerprint = "missing:" + body_hash(
                "\n".join(f"{e.id}\t{e.size}\t{e.mtime_ns}" for e in entries.values())
            )
            pending = {
                a: [b for b in by_article[a] if checked.get(b.id) != fingerprint] for a in missing
            }
            pending = {a: group for a, group in pending.items() if group}
            if pending:
                updates += self._follow(pending, entries, fingerprint, loaded, report)
        self._apply(key, updates, loaded, entries)
        return report

    def _gone(self, key: str, present: set[str]) -> list[LibraryCount]:
        """Other libraries whose folder no longer exists, with how many of their bookmarks
        name an article that ``present`` (this library's article ids) also has."""
        gone = [c for c in self.libraries() if c.library and c.library != key and not c.exists]
        if not gone:
            return []
        with self._read() as conn:
            result = []
            for count in gone:
                articles = conn.execute(
                    "SELECT article FROM bookmarks WHERE library = ?", (count.library,)
                ).fetchall()
                here = sum(1 for (article,) in articles if article in present)
                result.append(LibraryCount(count.library, count.count, False, here))
        return result

    def _checked_hashes(self, key: str) -> dict[int, str | None]:
        with self._read() as conn:
            return dict(
                conn.execute(
                    "SELECT id, checked_hash FROM bookmarks WHERE library = ?", (key,)
                ).fetchall()
            )

    def _file_stamps(self, key: str) -> dict[str, tuple[int, int, str]]:
        with self._read() as conn:
            rows = conn.execute(
                "SELECT article, mtime_ns, size, hash FROM file_stamps WHERE library = ?", (key,)
            )
            return {row[0]: (row[1], row[2], row[3]) for row in rows}

    def _check_group(
        self,
        group: Sequence[Bookmark],
        article: Article,
        checked: Mapping[int, str | None],
        report: ReanchorReport,
        renamed_from: str | None = None,
    ) -> list[_Update]:
        updates = []
        new_hash = article.content_hash
        diffs: dict[tuple[str, str], list] = {}  # one diff per old body, shared by its bookmarks
        for bookmark in group:
            if checked.get(bookmark.id) == new_hash and renamed_from is None:
                report.unchanged += 1
                continue
            update = self._resolve(bookmark, article, diffs)
            updates.append(update)
            if renamed_from is not None:
                report.moved.append((bookmark.id, renamed_from, article.id))
            if update.status == "orphaned":
                if bookmark.status != "orphaned":
                    report.orphaned.append(bookmark.id)
            elif update.status == "changed":
                if bookmark.status != "changed" or update.current_text != bookmark.current_text:
                    report.changed.append(bookmark.id)
            elif bookmark.status != "anchored" or update.start != bookmark.start:
                report.reanchored.append(bookmark.id)
            else:
                report.unchanged += 1
        return updates

    def _resolve(
        self, bookmark: Bookmark, article: Article, diffs: dict[tuple[str, str], list]
    ) -> _Update:
        old_body = self.text_of(bookmark.content_hash)
        latest = bookmark.anchor
        if bookmark.current_text is not None and old_body is not None:
            # Track the passage as it last read; judge it against the quote as saved.
            latest = anchors.make_anchor(old_body, bookmark.start, bookmark.end)
        diff = None
        if old_body is not None and body_hash(old_body) == bookmark.content_hash:
            key = (bookmark.content_hash, article.content_hash)
            if key not in diffs:
                diffs[key] = anchors.diff_spans(old_body, article.body)
            diff = diffs[key]
        resolution = anchors.reanchor(latest, article.body, old_body, diff)
        if resolution.status == "orphaned" and latest != bookmark.anchor:
            resolution = anchors.reanchor(bookmark.anchor, article.body, old_body, diff)
        new_hash = article.content_hash
        if resolution.start is None or resolution.end is None:
            return _Update(
                bookmark.id,
                article.id,
                bookmark.start,
                bookmark.end,
                bookmark.content_hash,
                "orphaned",
                None,
                new_hash,
            )
        text = resolution.text or ""
        status: Status = "anchored" if text == bookmark.quote else "changed"
        return _Update(
            bookmark.id,
            article.id,
            resolution.start,
            resolution.end,
            new_hash,
            status,
            None if status == "anchored" else text,
            new_hash,
        )

    def _follow(
        self,
        pending: Mapping[str, Sequence[Bookmark]],
        entries: Mapping[str, FileEntry],
        fingerprint: str,
        loaded: dict[str, Article],
        report: ReanchorReport,
    ) -> list[_Update]:
        """Find where vanished articles went (renamed or moved files), by content."""
        candidates = []
        for entry in entries.values():
            result = load_file(entry.path, entry.id)
            if result.article is not None:
                candidates.append(result.article)
        by_hash = {a.content_hash: a for a in candidates}
        updates: list[_Update] = []
        for old_id, group in pending.items():
            successor = _successor(
                group, candidates, by_hash, self.texts(b.content_hash for b in group)
            )
            if successor is None:
                for bookmark in group:
                    if bookmark.status != "orphaned":
                        report.orphaned.append(bookmark.id)
                        report.removed.append(bookmark.id)
                    updates.append(
                        _Update(
                            bookmark.id,
                            bookmark.article,
                            bookmark.start,
                            bookmark.end,
                            bookmark.content_hash,
                            "orphaned",
                            None,
                            fingerprint,
                        )
                    )
                continue
            loaded[successor.id] = successor
            updates += self._check_group(group, successor, {}, report, renamed_from=old_id)
        return updates

    def _apply(
        self,
        key: str,
        updates: Sequence[_Update],
        loaded: Mapping[str, Article],
        entries: Mapping[str, FileEntry],
    ) -> None:
        stamps = [
            (
                key,
                article_id,
                entries[article_id].mtime_ns,
                entries[article_id].size,
                a.content_hash,
            )
            for article_id, a in loaded.items()
            if article_id in entries
        ]
        if not updates and not stamps:
            return
        with self._write() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO file_stamps (library, article, mtime_ns, size, hash) "
                "VALUES (?, ?, ?, ?, ?)",
                stamps,
            )
            for u in updates:
                conn.execute(
                    'UPDATE bookmarks SET article = ?, start = ?, "end" = ?, content_hash = ?, '
                    "status = ?, current_text = ?, checked_hash = ? WHERE id = ?",
                    (
                        u.article,
                        u.start,
                        u.end,
                        u.content_hash,
                        u.status,
                        u.current_text,
                        u.checked_hash,
                        u.id,
                    ),
                )
                article = loaded.get(u.article)
                if article is not None and article.content_hash == u.content_hash:
                    _save_text(conn, u.content_hash, article.body)
                    _save_source(conn, key, article.id, Source.of(article))
            conn.execute("DELETE FROM texts WHERE hash NOT IN (SELECT content_hash FROM bookmarks)")
            for table in ("sources", "file_stamps"):
                conn.execute(
                    f"DELETE FROM {table} WHERE library = ? AND article NOT IN "
                    "(SELECT article FROM bookmarks WHERE library = ?)",
                    (key, key),
                )

    # -- import -------------------------------------------------------------------------

    def merge(
        self, bookmarks: Iterable[Bookmark], texts: Mapping[str, str] | None = None
    ) -> ImportReport:
        """Merge bookmarks from elsewhere (an export) in one transaction, without duplicates.

        A bookmark with a known ``uid`` updates the note and tags here if its copy is newer;
        one with the same library, article, passage and note as an existing bookmark is
        skipped. New ones go to this store's library, except those whose export names a
        library folder that exists here, which go back to it (restoring a backup of all).
        """
        report = ImportReport()
        texts = texts or {}
        here = self.library or ""
        with self._write() as conn:
            for bookmark in bookmarks:
                library = here
                if bookmark.library and Path(bookmark.library).is_dir():
                    library = library_key(bookmark.library)
                bookmark = replace(bookmark, library=library)
                row = conn.execute(
                    "SELECT id, updated FROM bookmarks WHERE uid = ?", (bookmark.uid,)
                ).fetchone()
                if row is not None:
                    if datetime.fromisoformat(row[1]) < bookmark.updated:
                        conn.execute(
                            "UPDATE bookmarks SET note = ?, updated = ? WHERE id = ?",
                            (bookmark.note, bookmark.updated.isoformat(), row[0]),
                        )
                        conn.execute("DELETE FROM bookmark_tags WHERE bookmark_id = ?", (row[0],))
                        _save_tags(conn, row[0], normalize_tags(bookmark.tags))
                        report.updated.append(int(row[0]))
                    else:
                        report.duplicates += 1
                    continue
                same = conn.execute(
                    "SELECT id FROM bookmarks WHERE library = ? AND article = ? AND quote = ? "
                    'AND note = ? AND start = ? AND "end" = ?',
                    (
                        library,
                        bookmark.article,
                        bookmark.quote,
                        bookmark.note,
                        bookmark.start,
                        bookmark.end,
                    ),
                ).fetchone()
                if same is not None:
                    report.duplicates += 1
                    continue
                if bookmark.content_hash in texts:
                    _save_text(conn, bookmark.content_hash, texts[bookmark.content_hash])
                new_id = self._insert(conn, bookmark, keep_id=False)
                report.added.append(new_id)
                if library != here:
                    report.elsewhere.append(new_id)
        return report

    # -- rows -----------------------------------------------------------------------------

    def _insert(self, conn: sqlite3.Connection, bookmark: Bookmark, *, keep_id: bool) -> int:
        columns = (
            'uid, library, article, quote, prefix, suffix, start, "end", content_hash, status, '
            "current_text, checked_hash, note, created, updated"
        )
        values = [
            bookmark.uid or uuid.uuid4().hex,
            bookmark.library,
            bookmark.article,
            bookmark.quote,
            bookmark.prefix,
            bookmark.suffix,
            bookmark.start,
            bookmark.end,
            bookmark.content_hash,
            bookmark.status,
            bookmark.current_text,
            None,
            bookmark.note,
            bookmark.created.isoformat(),
            bookmark.updated.isoformat(),
        ]
        if keep_id:
            columns = "id, " + columns
            values.insert(0, bookmark.id)
        marks = ", ".join("?" * len(values))
        cursor = conn.execute(f"INSERT INTO bookmarks ({columns}) VALUES ({marks})", values)
        new_id = int(cursor.lastrowid or 0)
        _save_tags(conn, new_id, normalize_tags(bookmark.tags))
        if bookmark.source is not None:
            exists = conn.execute(
                "SELECT 1 FROM sources WHERE library = ? AND article = ?",
                (bookmark.library, bookmark.article),
            ).fetchone()
            if not exists:
                _save_source(conn, bookmark.library, bookmark.article, bookmark.source)
        return new_id

    def _get(self, conn: sqlite3.Connection, bookmark_id: int) -> Bookmark:
        row = conn.execute("SELECT * FROM bookmarks WHERE id = ?", (int(bookmark_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"no bookmark #{bookmark_id} (see `brief bookmarks list`)")
        return self._records(conn, [row])[0]

    def _records(self, conn: sqlite3.Connection, rows: Sequence[tuple]) -> list[Bookmark]:
        if not rows:
            return []
        names = [d[0] for d in conn.execute("SELECT * FROM bookmarks LIMIT 0").description]
        ids = [row[0] for row in rows]
        articles = sorted({row[names.index("article")] for row in rows})
        few = len(ids) <= 500 and len(articles) <= 500
        tag_sql = "SELECT bookmark_id, tag FROM bookmark_tags"
        source_sql = "SELECT library, article, title, outlet, published, url, author FROM sources"
        if few:
            tag_sql += f" WHERE bookmark_id IN ({', '.join('?' * len(ids))})"
            source_sql += f" WHERE article IN ({', '.join('?' * len(articles))})"
        tags: dict[int, list[str]] = defaultdict(list)
        for bookmark_id, tag in conn.execute(
            tag_sql + " ORDER BY bookmark_id, position", ids if few else ()
        ):
            tags[bookmark_id].append(tag)
        sources = {
            (row[0], row[1]): Source(*row[2:])
            for row in conn.execute(source_sql, articles if few else ())
        }
        result = []
        for row in rows:
            values = dict(zip(names, row, strict=True))
            result.append(
                Bookmark(
                    id=values["id"],
                    article=values["article"],
                    quote=values["quote"],
                    prefix=values["prefix"],
                    suffix=values["suffix"],
                    start=values["start"],
                    end=values["end"],
                    content_hash=values["content_hash"],
                    note=values["note"],
                    tags=tuple(tags.get(values["id"], ())),
                    created=datetime.fromisoformat(values["created"]),
                    updated=datetime.fromisoformat(values["updated"]),
                    status=values["status"],
                    current_text=values["current_text"],
                    uid=values["uid"],
                    source=sources.get((values["library"], values["article"])),
                    library=values["library"],
                )
            )
        return result


@dataclass(frozen=True, slots=True)
class _Update:
    id: int
    article: str
    start: int
    end: int
    content_hash: str
    status: Status
    current_text: str | None
    checked_hash: str | None


def _successor(
    group: Sequence[Bookmark],
    candidates: Sequence[Article],
    by_hash: Mapping[str, Article],
    old_texts: Mapping[str, str],
) -> Article | None:
    """The file a vanished article now lives in: same body, else the most similar body,
    else the one holding all its bookmarked quotes; ``None`` when unsure."""
    for bookmark in group:
        if bookmark.content_hash in by_hash:
            return by_hash[bookmark.content_hash]
    source = group[0].source
    if source is not None:
        # Look first among files with the same outlet or title: cheaper, and less risky.
        alike = [c for c in candidates if c.outlet == source.outlet or c.title == source.title]
        found = _most_similar(old_texts, alike)
        if found is not None:
            return found
    found = _most_similar(old_texts, candidates)
    if found is not None:
        return found
    holding = [
        c
        for c in candidates
        if all(b.quote in c.body for b in group)
        and (source is None or c.outlet == source.outlet or c.title == source.title)
    ]
    return holding[0] if len(holding) == 1 else None


def _most_similar(old_texts: Mapping[str, str], candidates: Sequence[Article]) -> Article | None:
    for old_body in old_texts.values():
        best, best_score = None, RENAME_MIN_SIMILARITY * 100
        for candidate in candidates:
            shorter, longer = sorted((len(old_body), len(candidate.body)))
            if longer and shorter / longer < RENAME_MIN_SIMILARITY:
                continue
            score = fuzz.ratio(old_body, candidate.body, score_cutoff=best_score)
            if score > best_score:
                best, best_score = candidate, score
        if best is not None:
            return best
    return None


def _has_file(library: Library, article_id: str) -> bool:
    try:
        return library.path_of(article_id).is_file()
    except (BriefError, OSError):
        return False


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return any(marker in text for marker in _CORRUPT_MARKERS)


def _save_tags(conn: sqlite3.Connection, bookmark_id: int, tags: Sequence[str]) -> None:
    conn.executemany(
        "INSERT INTO bookmark_tags (bookmark_id, position, tag, key) VALUES (?, ?, ?, ?)",
        [(bookmark_id, i, tag, tag.casefold()) for i, tag in enumerate(tags)],
    )


def _save_text(conn: sqlite3.Connection, content_hash: str, body: str) -> None:
    conn.execute("INSERT OR IGNORE INTO texts (hash, body) VALUES (?, ?)", (content_hash, body))


def _text(conn: sqlite3.Connection, content_hash: str) -> str | None:
    row = conn.execute("SELECT body FROM texts WHERE hash = ?", (content_hash,)).fetchone()
    return str(row[0]) if row else None


def _save_source(conn: sqlite3.Connection, library: str, article_id: str, source: Source) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO sources (library, article, title, outlet, published, url, author) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            library,
            article_id,
            source.title,
            source.outlet,
            source.published,
            source.url,
            source.author,
        ),
    )


def _move_source(conn: sqlite3.Connection, old: str, new: str, article_id: str) -> None:
    """Carry an article's last known source from library ``old`` to ``new``."""
    conn.execute(
        "INSERT OR REPLACE INTO sources (library, article, title, outlet, published, url, author) "
        "SELECT ?, article, title, outlet, published, url, author FROM sources "
        "WHERE library = ? AND article = ?",
        (new, old, article_id),
    )
    conn.execute("DELETE FROM sources WHERE library = ? AND article = ?", (old, article_id))


def _count(ids: Sequence[int], noun: str) -> str:
    return f"{len(ids)} {noun}{'' if len(ids) == 1 else 's'}"


def _ids(ids: Sequence[int]) -> str:
    return ", ".join(f"#{i}" for i in ids)

"""The catalog: a SQLite table of indexed files beside the Whoosh index.

It records what each file looked like when it was indexed (mtime, size, body hash), so a
sync re-indexes only what changed, and holds each article's summary and entity names, so
listing the library and counting facets never reads Whoosh's stored fields.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import BriefError

if TYPE_CHECKING:
    # Only a type here: the app reads the catalog to draw its first frame, and the
    # article parser (markdown-it, YAML) costs ~55 ms to import.
    from index.article import Article

CATALOG_VERSION = "2"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    id TEXT PRIMARY KEY,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    hash TEXT NOT NULL,
    title TEXT NOT NULL,
    outlet TEXT NOT NULL,
    published TEXT,
    author TEXT,
    url TEXT,
    story TEXT,
    entities TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS words (word TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
"""


def iso(stamp: datetime | None) -> str | None:
    """A date as ``YYYY-MM-DD`` when it has no time of day, else an ISO date-time."""
    if stamp is None:
        return None
    if stamp.time() == datetime.min.time() and stamp.tzinfo is None:
        return stamp.date().isoformat()
    return stamp.isoformat(timespec="minutes")


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What a listing shows of an article, read from the index (never from the file)."""

    id: str
    title: str
    outlet: str
    published: datetime | None
    author: str | None
    url: str | None
    story: str | None

    @classmethod
    def of(cls, article: Article) -> ArticleSummary:
        return cls(
            id=article.id,
            title=article.title,
            outlet=article.outlet,
            published=article.published,
            author=article.author,
            url=article.url,
            story=article.story,
        )

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": iso(self.published),
            "author": self.author,
            "url": self.url,
            "story": self.story,
        }


@dataclass(frozen=True, slots=True)
class FileState:
    """An indexed file's modification time, size and content hash."""

    mtime_ns: int
    size: int
    hash: str


@dataclass(frozen=True, slots=True)
class CatalogRow:
    """One indexed file: its change-detection facts, summary and entity names."""

    summary: ArticleSummary
    mtime_ns: int
    size: int
    hash: str
    entities: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.summary.id


class Catalog:
    """SQLite (WAL) catalog of indexed files; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._writes = 0
        self._rows_cache: tuple[tuple[int, int], dict[str, CatalogRow]] | None = None
        self._words_cache: tuple[tuple[int, int], dict[str, int]] | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            if self.get_meta("catalog_version") != CATALOG_VERSION:
                with self._db:
                    self._db.execute("DELETE FROM files")
                    self._db.execute("DELETE FROM meta")
                    self._db.execute("DELETE FROM words")
                self.set_meta("catalog_version", CATALOG_VERSION)
        except sqlite3.DatabaseError as exc:
            raise CatalogCorrupt(f"the index catalog {self.path} is unreadable: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._lock, self._db:
            self._writes += 1
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def rows(self) -> dict[str, CatalogRow]:
        """Every indexed file by id. Kept in memory until the catalog changes (here or in
        another process), since every search thread opening a searcher asks for them."""
        with self._lock:
            version = self._version()
            if self._rows_cache is None or self._rows_cache[0] != version:
                cursor = self._db.execute(
                    "SELECT id, title, outlet, published, author, url, story, mtime_ns, size, "
                    "hash, entities FROM files ORDER BY id"
                )
                self._rows_cache = (version, {row[0]: _row(row) for row in cursor})
            return dict(self._rows_cache[1])

    def summaries(self) -> list[ArticleSummary]:
        """Every indexed article's summary, without the rest of its row: what listing the
        library at launch needs (the entity lists, 8 MB of JSON at 10,000 articles, were
        half the time of reading them)."""
        with self._lock:
            cursor = self._db.execute(
                "SELECT id, title, outlet, published, author, url, story FROM files ORDER BY id"
            )
            return [_summary(*row) for row in cursor]

    def _version(self) -> tuple[int, int]:
        """Changes whenever the catalog does: writes through this connection are counted,
        other connections' commits show in SQLite's ``data_version``."""
        return self._writes, self._db.execute("PRAGMA data_version").fetchone()[0]

    def states(self) -> dict[str, FileState]:
        """What each indexed file looked like when indexed (for change detection)."""
        with self._lock:
            cursor = self._db.execute("SELECT id, mtime_ns, size, hash FROM files")
            return {row[0]: FileState(row[1], row[2], row[3]) for row in cursor}

    def put(self, rows: Iterable[CatalogRow]) -> None:
        """Insert or replace rows in one transaction."""
        values = [
            (
                r.summary.id,
                r.mtime_ns,
                r.size,
                r.hash,
                r.summary.title,
                r.summary.outlet,
                r.summary.published.isoformat() if r.summary.published else None,
                r.summary.author,
                r.summary.url,
                r.summary.story,
                json.dumps(list(r.entities), ensure_ascii=False),
            )
            for r in rows
        ]
        with self._lock, self._db:
            self._writes += 1
            self._db.executemany(
                "INSERT OR REPLACE INTO files (id, mtime_ns, size, hash, title, outlet, "
                "published, author, url, story, entities) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                values,
            )

    def touch(self, article_id: str, mtime_ns: int, size: int) -> None:
        """Record a new mtime/size for a file whose content hash did not change."""
        with self._lock, self._db:
            self._writes += 1
            self._db.execute(
                "UPDATE files SET mtime_ns = ?, size = ? WHERE id = ?", (mtime_ns, size, article_id)
            )

    def delete(self, ids: Iterable[str]) -> None:
        with self._lock, self._db:
            self._writes += 1
            self._db.executemany("DELETE FROM files WHERE id = ?", [(i,) for i in ids])

    def clear(self) -> None:
        with self._lock, self._db:
            self._writes += 1
            self._db.execute("DELETE FROM files")
            self._db.execute("DELETE FROM words")

    def add_word_counts(self, delta: Mapping[str, int]) -> None:
        """Adjust how many articles hold each body word (negative to forget an article)."""
        rows = [(word, n) for word, n in delta.items() if n]
        with self._lock, self._db:
            self._writes += 1
            self._db.executemany(
                "INSERT INTO words (word, df) VALUES (?, ?) "
                "ON CONFLICT(word) DO UPDATE SET df = df + excluded.df",
                rows,
            )
            self._db.execute("DELETE FROM words WHERE df <= 0")

    def word_counts(self) -> dict[str, int]:
        """Every folded body word of the library with the number of articles holding it
        (kept in memory until the catalog changes)."""
        with self._lock:
            version = self._version()
            if self._words_cache is None or self._words_cache[0] != version:
                words = dict(self._db.execute("SELECT word, df FROM words ORDER BY word"))
                self._words_cache = (version, words)
            return dict(self._words_cache[1])


class CatalogCorrupt(BriefError):
    """The catalog database cannot be read; it is derived data and gets rebuilt."""


def _summary(
    aid: str,
    title: str,
    outlet: str,
    published: str | None,
    author: str | None,
    url: str | None,
    story: str | None,
) -> ArticleSummary:
    return ArticleSummary(
        id=aid,
        title=title,
        outlet=outlet,
        published=datetime.fromisoformat(published) if published else None,
        author=author,
        url=url,
        story=story,
    )


def _row(row: tuple) -> CatalogRow:
    *described, mtime_ns, size, digest, entities = row
    summary = _summary(*described)
    try:
        names = () if entities == "[]" else tuple(json.loads(entities))
    except ValueError:
        names = ()
    return CatalogRow(summary, mtime_ns, size, digest, names)

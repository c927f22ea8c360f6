"""The mention store: every article's entity mentions, kept in SQLite beside the index.

The app opens an article without re-running the tagger, and the library-wide entity
listing (with counts per outlet) is one query. ``fingerprint`` records which tagger
produced the stored mentions, so the index knows when everything must be re-tagged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import BriefError
from index.mentions import ENTITY_TYPES, Mention

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL,
    outlet TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    entity TEXT NOT NULL,
    in_caption INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_id, start);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity, type);
"""


@dataclass(frozen=True)
class EntitySummary:
    """One entity across the library: its other names and how often each outlet names it.

    ``count`` and ``outlets`` count body mentions only; captions are excluded.
    """

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    count: int = 0
    outlets: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "count": self.count,
            "outlets": dict(self.outlets),
        }


@dataclass
class _Tally:
    aliases: set[str] = field(default_factory=set)
    count: int = 0
    outlets: dict[str, int] = field(default_factory=dict)


class MentionStore:
    """SQLite (WAL) table of mentions keyed by article id, plus a meta table."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, timeout=10)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            version = self._get_meta("schema")
            if version is None:
                self._set_meta("schema", SCHEMA_VERSION)
            elif version != SCHEMA_VERSION:
                # Derived data: an old layout is simply dropped and rebuilt on the next sync.
                self._db.execute("DELETE FROM mentions")
                self._db.execute("DELETE FROM meta")
                self._set_meta("schema", SCHEMA_VERSION)
            self._db.commit()
        except sqlite3.DatabaseError as exc:
            raise BriefError(f"cannot open the mention store {self.path}: {exc}") from exc

    def __enter__(self) -> MentionStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @property
    def fingerprint(self) -> str | None:
        """The tagger fingerprint the stored mentions were made with (None when empty)."""
        return self._get_meta("fingerprint")

    @fingerprint.setter
    def fingerprint(self, value: str) -> None:
        with self._db:
            self._set_meta("fingerprint", value)

    def replace(self, article_id: str, outlet: str, mentions: Iterable[Mention]) -> None:
        """Store ``mentions`` as the whole set for ``article_id`` (one transaction)."""
        rows = [
            (article_id, outlet, m.start, m.end, m.text, m.type, m.entity, int(m.in_caption))
            for m in mentions
        ]
        with self._db:
            self._db.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
            self._db.executemany(
                'INSERT INTO mentions (article_id, outlet, start, "end", text, type, entity, '
                "in_caption) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    def remove(self, article_id: str) -> None:
        with self._db:
            self._db.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))

    def clear(self) -> None:
        """Forget every mention (used before a full re-tag)."""
        with self._db:
            self._db.execute("DELETE FROM mentions")

    def article_ids(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT DISTINCT article_id FROM mentions")}

    def mentions(self, article_id: str) -> list[Mention]:
        """The article's mentions in body order (empty if it has none or is unknown)."""
        rows = self._db.execute(
            'SELECT start, "end", text, type, entity, in_caption FROM mentions '
            'WHERE article_id = ? ORDER BY start, "end"',
            (article_id,),
        )
        return [
            Mention(s, e, text, typ, entity, bool(cap)) for s, e, text, typ, entity, cap in rows
        ]

    def entities(self, type: str | None = None) -> list[EntitySummary]:
        """Every entity named in the library, most mentioned first.

        ``aliases`` are the other surface forms seen for it (captions included);
        ``count``/``outlets`` count body mentions only.
        """
        if type is not None and type.upper() not in ENTITY_TYPES:
            raise BriefError(f"unknown entity type {type!r}; use one of {', '.join(ENTITY_TYPES)}")
        where, params = ("WHERE type = ?", (type.upper(),)) if type else ("", ())
        tallies: dict[tuple[str, str], _Tally] = {}
        for entity, typ, text, outlet, cap, n in self._db.execute(
            "SELECT entity, type, text, outlet, in_caption, COUNT(*) FROM mentions "
            f"{where} GROUP BY entity, type, text, outlet, in_caption",
            params,
        ):
            tally = tallies.setdefault((entity, typ), _Tally())
            if text != entity:
                tally.aliases.add(text)
            if not cap:
                tally.count += n
                tally.outlets[outlet] = tally.outlets.get(outlet, 0) + n
        result = [
            EntitySummary(
                name=name,
                type=typ,
                aliases=sorted(tally.aliases, key=str.casefold),
                count=tally.count,
                outlets=dict(sorted(tally.outlets.items())),
            )
            for (name, typ), tally in tallies.items()
        ]
        result.sort(key=lambda s: (-s.count, s.type, s.name.casefold()))
        return result

    def _get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

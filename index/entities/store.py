"""The mention store: every article's entity mentions, kept in SQLite beside the index.

The app opens an article without re-running the tagger, and the library-wide entity
listing (with counts per outlet) is one query. ``fingerprint`` records which tagger
produced the stored mentions, so the index knows when everything must be re-tagged.

Mentions are stored as tagged; what the store hands out is merged across the library:
spellings of one entity that outlets write differently ("Yoo Sang Bum", "Yoo Sang-bum")
share a :func:`~index.entities.names.name_key`, and the ``names`` table (each spelling
with its key and the number of articles using it, kept up to date on every write) picks
the name shown for all of them, the one the most articles use.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from index.entities.names import choose_name, name_key
from index.errors import BriefError
from index.mentions import ENTITY_TYPES, Mention

SCHEMA_VERSION = "1"
NAMES_VERSION = "3"
"""Version of :func:`name_key`: when it changes, the names table is worked out again."""
TALLIES_VERSION = "1"
"""Version of the tally tables: a store without them (or of another version) has them
worked out from its mentions the first time the library's entities are listed."""

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
DROP INDEX IF EXISTS mentions_entity;
CREATE TABLE IF NOT EXISTS names (
    type TEXT NOT NULL,
    entity TEXT NOT NULL,
    key TEXT NOT NULL,
    articles INTEGER NOT NULL DEFAULT 0,
    tagged INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (type, entity)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS names_key ON names (type, key);
CREATE TABLE IF NOT EXISTS entity_outlets (
    type TEXT NOT NULL,
    entity TEXT NOT NULL,
    outlet TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (type, entity, outlet)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entity_texts (
    type TEXT NOT NULL,
    entity TEXT NOT NULL,
    text TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (type, entity, text)
) WITHOUT ROWID;
"""
# No index on mentions by entity: nothing looks mentions up that way (the tallies answer
# for entities), and keeping one up to date was a quarter of the time storing a build's
# mentions. A store made before loses its index the next time it is opened.
# names: each canonical spelling with its key, ``articles`` naming it in the body and
# ``tagged`` naming it anywhere (captions too); rows go when ``tagged`` reaches 0.
# entity_outlets and entity_texts are the tallies the library listing reads instead of
# grouping every mention: body mentions of each spelling per outlet, and the written
# forms other than the spelling itself (captions too); rows go when ``mentions`` is 0.


_ARTICLE_NAMES = (
    "SELECT type, entity, MIN(in_caption) FROM mentions WHERE article_id = ? GROUP BY type, entity"
)


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


def _name_moves(
    old: dict[tuple[str, str], bool],
    new: dict[tuple[str, str], bool],
    moves: dict[tuple[str, str], list[int]],
) -> None:
    """Add to ``moves`` the (body, tagged) article count changes of one article whose
    spellings (type, name) -> named in the body went from ``old`` to ``new``."""
    for pair in old.keys() | new.keys():
        before, after = old.get(pair), new.get(pair)
        if before == after:
            continue
        move = moves.setdefault(pair, [0, 0])
        move[0] += int(bool(after)) - int(bool(before))
        move[1] += int(after is not None) - int(before is not None)


@dataclass
class _TallyChanges:
    """Changes to the tally tables from one transaction's writes, added up before they are
    applied, so an entity named by every article of a batch is one row update."""

    outlets: dict[tuple[str, str, str], int] = field(default_factory=dict)
    texts: dict[tuple[str, str, str], int] = field(default_factory=dict)

    def add(self, outlet: str, mentions: list[Mention], sign: int = 1) -> None:
        outlets, texts = self.outlets, self.texts
        named = Counter([(m.type, m.entity) for m in mentions if not m.in_caption])
        for (typ, entity), n in named.items():
            key = (typ, entity, outlet)
            outlets[key] = outlets.get(key, 0) + sign * n
        for m in mentions:
            if m.text != m.entity:
                key = (m.type, m.entity, m.text)
                texts[key] = texts.get(key, 0) + sign

    def subtract_stored(self, db: sqlite3.Connection, article_id: str) -> None:
        """Take away what the stored mentions of ``article_id`` added."""
        for typ, entity, outlet, n in db.execute(
            "SELECT type, entity, outlet, COUNT(*) FROM mentions "
            "WHERE article_id = ? AND in_caption = 0 GROUP BY type, entity, outlet",
            (article_id,),
        ):
            key = (typ, entity, outlet)
            self.outlets[key] = self.outlets.get(key, 0) - n
        for typ, entity, text, n in db.execute(
            "SELECT type, entity, text, COUNT(*) FROM mentions "
            "WHERE article_id = ? AND text != entity GROUP BY type, entity, text",
            (article_id,),
        ):
            key = (typ, entity, text)
            self.texts[key] = self.texts.get(key, 0) - n

    def apply(self, db: sqlite3.Connection) -> None:
        for table, column, changes in (
            ("entity_outlets", "outlet", self.outlets),
            ("entity_texts", "text", self.texts),
        ):
            db.executemany(
                f"INSERT INTO {table} (type, entity, {column}, mentions) VALUES (?, ?, ?, ?) "
                f"ON CONFLICT(type, entity, {column}) DO UPDATE SET "
                "mentions = mentions + excluded.mentions",
                [(*key, n) for key, n in changes.items() if n],
            )
            gone = [key for key, n in changes.items() if n < 0]
            if gone:
                db.executemany(
                    f"DELETE FROM {table} WHERE type = ? AND entity = ? AND {column} = ? "
                    "AND mentions <= 0",
                    gone,
                )


class MentionStore:
    """SQLite (WAL) table of mentions keyed by article id, plus a meta table."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, timeout=10)
            self._db.create_function("name_key", 1, name_key, deterministic=True)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            version = self._get_meta("schema")
            if version is None:
                self._set_meta("schema", SCHEMA_VERSION)
                self._set_meta("tallies", TALLIES_VERSION)  # empty tallies are right
            elif version != SCHEMA_VERSION:
                # Derived data: an old layout is simply dropped and rebuilt on the next sync.
                self._db.execute("DELETE FROM mentions")
                self._db.execute("DELETE FROM names")
                self._db.execute("DELETE FROM entity_outlets")
                self._db.execute("DELETE FROM entity_texts")
                self._db.execute("DELETE FROM meta")
                self._set_meta("schema", SCHEMA_VERSION)
                self._set_meta("tallies", TALLIES_VERSION)
            self._db.commit()
            if self._get_meta("names") != NAMES_VERSION:
                self._rebuild_names()
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
        self.replace_many([(article_id, outlet, list(mentions))])

    def replace_many(self, articles: Iterable[tuple[str, str, list[Mention]]]) -> None:
        """Store each (article id, outlet, mentions) as the whole set for that article, all
        in one transaction: a sync writes thousands, and a commit each cost more than the
        writing."""
        with self._db:
            tallies = _TallyChanges()
            moves: dict[tuple[str, str], list[int]] = {}  # summed over the batch
            for article_id, outlet, mentions in articles:
                rows = [
                    (article_id, outlet, m.start, m.end, m.text, m.type, m.entity, m.in_caption)
                    for m in mentions
                ]
                named: dict[tuple[str, str], bool] = {}
                for m in mentions:
                    pair = (m.type, m.entity)
                    named[pair] = named.get(pair, False) or not m.in_caption
                old = self._article_names(article_id)
                if old:
                    tallies.subtract_stored(self._db, article_id)
                    self._db.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
                self._db.executemany(
                    'INSERT INTO mentions (article_id, outlet, start, "end", text, type, '
                    "entity, in_caption) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
                _name_moves(old, named, moves)
                tallies.add(outlet, mentions)
            self._move_names(moves)
            tallies.apply(self._db)

    def remove(self, article_id: str) -> None:
        with self._db:
            old = self._article_names(article_id)
            if old:
                tallies = _TallyChanges()
                tallies.subtract_stored(self._db, article_id)
                tallies.apply(self._db)
            self._db.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
            self._count_names(old, {})

    def clear(self) -> None:
        """Forget every mention (used before a full re-tag)."""
        with self._db:
            self._db.execute("DELETE FROM mentions")
            self._db.execute("DELETE FROM names")
            self._db.execute("DELETE FROM entity_outlets")
            self._db.execute("DELETE FROM entity_texts")
            self._set_meta("tallies", TALLIES_VERSION)

    def article_ids(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT DISTINCT article_id FROM mentions")}

    def mentions(self, article_id: str, *, merged: bool = True) -> list[Mention]:
        """The article's mentions in body order (empty if it has none or is unknown).

        Each mention's ``entity`` is the library-wide name of its entity (the spelling the
        most articles use), the name :meth:`entities` lists and search facets show;
        ``merged=False`` gives the names as tagged in this article."""
        rows = self._db.execute(
            'SELECT start, "end", text, type, entity, in_caption FROM mentions '
            'WHERE article_id = ? ORDER BY start, "end"',
            (article_id,),
        ).fetchall()
        shown = self._shown_names(article_id) if merged and rows else {}
        return [
            Mention(s, e, text, typ, shown.get((typ, entity), entity), bool(cap))
            for s, e, text, typ, entity, cap in rows
        ]

    def canonical(self, type: str, name: str) -> str:
        """The library-wide name of the entity of ``type`` spelled ``name`` (``name``
        itself when the library has no other spelling of it, or does not name it)."""
        spellings = dict(
            self._db.execute(
                "SELECT entity, articles FROM names WHERE type = ? AND key = ?",
                (type, name_key(name)),
            ).fetchall()
        )
        return choose_name(spellings) if spellings else name

    def type_uses(self, types: Iterable[str]) -> dict[str, dict[str, int]]:
        """Each entity's :func:`name_key` with the number of articles whose body names it
        as each of ``types``: more than one type when differently typed entities (or one
        entity tagged two ways) share a spelling. One query over the names table."""
        wanted = tuple(types)
        uses: dict[str, dict[str, int]] = {}
        for typ, key, articles in self._db.execute(
            "SELECT type, key, SUM(articles) FROM names WHERE articles > 0 AND type IN "
            f"({', '.join('?' * len(wanted))}) GROUP BY type, key",
            wanted,
        ):
            uses.setdefault(key, {})[typ] = articles
        return uses

    def entities(self, type: str | None = None) -> list[EntitySummary]:
        """Every entity named in the library, most mentioned first.

        Spellings of one entity are merged (same type and :func:`name_key`) under the one
        the most articles use; ``aliases`` are its other spellings and the other surface
        forms seen for it (captions included); ``count``/``outlets`` count body mentions.
        """
        if type is not None and type.upper() not in ENTITY_TYPES:
            raise BriefError(f"unknown entity type {type!r}; use one of {', '.join(ENTITY_TYPES)}")
        if self._get_meta("tallies") != TALLIES_VERSION:
            self._rebuild_tallies()
        where, params = ("WHERE type = ?", (type.upper(),)) if type else ("", ())
        spellings: dict[tuple[str, str], dict[str, int]] = {}
        for typ, entity, key, articles in self._db.execute(
            f"SELECT type, entity, key, articles FROM names {where}", params
        ):
            spellings.setdefault((typ, key), {})[entity] = articles
        outlets: dict[tuple[str, str], dict[str, int]] = {}
        for typ, entity, outlet, n in self._db.execute(
            f"SELECT type, entity, outlet, mentions FROM entity_outlets {where} "
            "ORDER BY type, entity, outlet",
            params,
        ):
            found = outlets.get((typ, entity))
            if found is None:
                found = outlets[(typ, entity)] = {}
            found[outlet] = n
        texts: dict[tuple[str, str], set[str]] = {}
        for typ, entity, text in self._db.execute(
            f"SELECT type, entity, text FROM entity_texts {where}", params
        ):
            texts.setdefault((typ, entity), set()).add(text)
        result = []
        for (typ, _key), found in spellings.items():
            if len(found) == 1:
                (name,) = found
                counts = outlets.get((typ, name), {})
                aliases = texts.get((typ, name), set())
            else:
                name = choose_name(found)
                counts, aliases = {}, set(found)
                for spelling in found:
                    for outlet, n in outlets.get((typ, spelling), {}).items():
                        counts[outlet] = counts.get(outlet, 0) + n
                    aliases |= texts.get((typ, spelling), set())
                counts = dict(sorted(counts.items()))
            result.append(
                EntitySummary(
                    name=name,
                    type=typ,
                    aliases=sorted(aliases - {name}, key=str.casefold),
                    count=sum(counts.values()),
                    outlets=counts,
                )
            )
        result.sort(key=lambda s: (-s.count, s.type, s.name.casefold()))
        return result

    def _shown_names(self, article_id: str) -> dict[tuple[str, str], str]:
        """The library-wide name for each (type, spelling) the article names."""
        spellings: dict[tuple[str, str], dict[str, int]] = {}
        for typ, entity, other, articles in self._db.execute(
            "SELECT a.type, a.entity, b.entity, b.articles FROM "
            "(SELECT DISTINCT type, entity FROM mentions WHERE article_id = ?) AS m "
            "JOIN names AS a ON a.type = m.type AND a.entity = m.entity "
            "JOIN names AS b INDEXED BY names_key ON b.type = a.type AND b.key = a.key",
            (article_id,),
        ):
            spellings.setdefault((typ, entity), {})[other] = articles
        return {pair: choose_name(found) for pair, found in spellings.items() if len(found) > 1}

    def _article_names(self, article_id: str) -> dict[tuple[str, str], bool]:
        """(type, spelling) -> whether the body names it, for the stored article."""
        return {
            (typ, entity): not cap
            for typ, entity, cap in self._db.execute(_ARTICLE_NAMES, (article_id,))
        }

    def _count_names(
        self, old: dict[tuple[str, str], bool], new: dict[tuple[str, str], bool]
    ) -> None:
        """Move the names table's article counts from ``old`` to ``new`` (one article's
        spellings before and after a write), inside the caller's transaction."""
        moves: dict[tuple[str, str], list[int]] = {}
        _name_moves(old, new, moves)
        self._move_names(moves)

    def _move_names(self, moves: dict[tuple[str, str], list[int]]) -> None:
        """Apply summed (body, tagged) count changes per (type, spelling) to the names
        table, inside the caller's transaction."""
        changes = [
            (typ, entity, name_key(entity), body, tagged)
            for (typ, entity), (body, tagged) in moves.items()
            if body or tagged
        ]
        if not changes:
            return
        self._db.executemany(
            "INSERT INTO names (type, entity, key, articles, tagged) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(type, entity) DO UPDATE SET articles = articles + excluded.articles, "
            "tagged = tagged + excluded.tagged",
            changes,
        )
        gone = [(typ, entity) for typ, entity, _k, _b, tagged in changes if tagged < 0]
        if gone:
            self._db.executemany(
                "DELETE FROM names WHERE type = ? AND entity = ? AND tagged <= 0", gone
            )

    def _rebuild_names(self) -> None:
        """Work the names table out from the mentions (a store written before it existed,
        or keyed by another version of :func:`name_key`)."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            if self._get_meta("names") != NAMES_VERSION:
                self._db.execute("DELETE FROM names")
                self._db.execute(
                    "INSERT INTO names (type, entity, key, articles, tagged) "
                    "SELECT type, entity, name_key(entity), SUM(body), COUNT(*) FROM "
                    "(SELECT type, entity, MIN(in_caption) = 0 AS body FROM mentions "
                    "GROUP BY article_id, type, entity) GROUP BY type, entity"
                )
                self._set_meta("names", NAMES_VERSION)
            self._db.commit()
        except BaseException:
            self._db.rollback()
            raise

    def _rebuild_tallies(self) -> None:
        """Work the tally tables out from the mentions (a store written before they
        existed); once, as long as a full listing takes without them."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            if self._get_meta("tallies") != TALLIES_VERSION:
                self._db.execute("DELETE FROM entity_outlets")
                self._db.execute("DELETE FROM entity_texts")
                self._db.execute(
                    "INSERT INTO entity_outlets (type, entity, outlet, mentions) "
                    "SELECT type, entity, outlet, COUNT(*) FROM mentions WHERE in_caption = 0 "
                    "GROUP BY type, entity, outlet"
                )
                self._db.execute(
                    "INSERT INTO entity_texts (type, entity, text, mentions) "
                    "SELECT type, entity, text, COUNT(*) FROM mentions WHERE text != entity "
                    "GROUP BY type, entity, text"
                )
                self._set_meta("tallies", TALLIES_VERSION)
            self._db.commit()
        except BaseException:
            self._db.rollback()
            raise

    def _get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

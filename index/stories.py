"""Stories: articles that report the same event, grouped and kept beside the search index.

An article joins the story of its most similar earlier-or-nearby article when their
weighted content words (TF-IDF cosine over each article's top terms, plus shared entities
when known) are close enough and their dates lie within a window; otherwise it starts a
story of its own. A ``story:`` key in front matter overrides this: articles with the same
key form one story whatever their text. The store (SQLite) keeps each article's term
signature and an inverted index of terms, so adding one article to a library of 10,000
costs a few queries rather than a rebuild.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from index.article import Article
from index.library import Library, load_file
from index.locations import index_dir
from index.terms import content_terms

SIGNATURE_TERMS = 40
"""Terms kept per article: its highest TF-IDF content words."""
PROBE_TERMS = 12
"""Terms of a new article used to find candidate stories through the inverted index."""
MAX_POSTINGS_SHARE = 0.05
"""Terms in more than this share of articles are too common to find candidates by."""
JOIN_SIMILARITY = 0.22
"""Cosine (plus entity bonus) at which an article joins another's story."""
ENTITY_WEIGHT = 0.15
DATE_WINDOW_DAYS = 10
SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class StoryMember:
    """One version of a story."""

    id: str
    outlet: str
    title: str
    published: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
        }


@dataclass(frozen=True)
class Story:
    """Articles reporting one event, oldest first; ``key`` is a ``story:`` override."""

    id: str
    title: str
    articles: list[StoryMember]
    key: str | None = None

    @property
    def latest(self) -> str:
        return max((m.published or "" for m in self.articles), default="")

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "key": self.key,
            "articles": [m.to_json() for m in self.articles],
        }


@dataclass
class StorySync:
    """What :meth:`StoryIndex.sync` changed."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@dataclass
class _Record:
    id: str
    outlet: str
    title: str
    published: str | None
    key: str | None
    hash: str
    vector: dict[str, float]
    entities: frozenset[str]
    story: str = ""


@dataclass(frozen=True, slots=True)
class StoryDraft:
    """What grouping needs of one article: its listing facts, content hash and content-word
    counts. Made where the article is parsed (an indexing worker), so grouping a library
    needs no ``Article`` and does not count words twice."""

    id: str
    outlet: str
    title: str
    published: str | None
    key: str | None
    hash: str
    terms: dict[str, int]

    @classmethod
    def of(cls, article: Article) -> StoryDraft:
        return cls(
            article.id,
            article.outlet,
            article.title,
            article.published_iso,
            article.story,
            _fingerprint(article),
            dict(Counter(_article_terms(article))),
        )


def story_index_for(library_root: Path) -> StoryIndex:
    """The story store of a library, beside its search index."""
    return StoryIndex(index_dir(library_root) / "stories.sqlite")


class StoryIndex:
    """Story grouping persisted in SQLite; see the module docstring."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            db.executescript(
                """
                DROP TABLE IF EXISTS articles; DROP TABLE IF EXISTS postings;
                DROP TABLE IF EXISTS df;
                CREATE TABLE articles (
                    id TEXT PRIMARY KEY, outlet TEXT, title TEXT, published TEXT,
                    key TEXT, hash TEXT, vector TEXT, entities TEXT, story TEXT);
                CREATE INDEX articles_story ON articles(story);
                CREATE TABLE postings (term TEXT, article TEXT);
                CREATE INDEX postings_term ON postings(term);
                CREATE INDEX postings_article ON postings(article);
                CREATE TABLE df (term TEXT PRIMARY KEY, n INTEGER);
                """
            )
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            db.commit()
        db.execute("CREATE TABLE IF NOT EXISTS stamps (id TEXT PRIMARY KEY, stamp TEXT)")
        return db

    # ---- reading -------------------------------------------------------------------

    def stories(self) -> list[Story]:
        """Every story, newest first (by its latest version), versions oldest first."""
        if not self.path.exists():
            return []
        with closing(self._connect()) as db:
            rows = db.execute(
                "SELECT id, outlet, title, published, key, story FROM articles"
            ).fetchall()
        grouped: dict[str, list[tuple[str, str, str, str | None, str | None]]] = {}
        for article_id, outlet, title, published, key, story in rows:
            grouped.setdefault(story, []).append((article_id, outlet, title, published, key))
        stories = [self._story(story, members) for story, members in grouped.items()]
        stories.sort(key=lambda s: (s.latest, s.id), reverse=True)
        return stories

    def story_of(self, article_id: str) -> Story | None:
        """The story holding ``article_id``, if the index knows the article."""
        if not self.path.exists():
            return None
        with closing(self._connect()) as db:
            found = db.execute("SELECT story FROM articles WHERE id=?", (article_id,)).fetchone()
            if found is None:
                return None
            rows = db.execute(
                "SELECT id, outlet, title, published, key FROM articles WHERE story=?", found
            ).fetchall()
        return self._story(found[0], rows)

    def get(self, story_id: str) -> Story | None:
        """A story by id, or by a unique prefix of its id."""
        matches = [s for s in self.stories() if s.id == story_id]
        if not matches:
            matches = [s for s in self.stories() if s.id.startswith(story_id)]
        return matches[0] if len(matches) == 1 else None

    @staticmethod
    def _story(
        group: str, members: Iterable[tuple[str, str, str, str | None, str | None]]
    ) -> Story:
        """The story of the articles stored under ``group`` (a label for grouping only:
        the story's id is worked out from its members, see :func:`story_id`)."""
        ordered = sorted(members, key=lambda m: _order_key(m[3], m[0]))
        keys = [m[4] for m in ordered if m[4]]
        return Story(
            story_id([m[0] for m in ordered], keys[0] if keys else None) if ordered else group,
            ordered[0][2] if ordered else "",
            [StoryMember(m[0], m[1], m[2], m[3]) for m in ordered],
            keys[0] if keys else None,
        )

    # ---- writing -------------------------------------------------------------------

    def rebuild(
        self,
        articles: Iterable[Article | StoryDraft],
        entities: Mapping[str, set[str]] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Group ``articles`` from scratch; returns the number of stories."""
        drafts = [_draft(a) for a in articles]
        df: Counter[str] = Counter()
        for draft in drafts:
            df.update(draft.terms.keys())
        total = len(drafts)
        weigh = _Weigher(df, total)
        records = [_record(draft, weigh, entities) for draft in drafts]
        records.sort(key=_order)
        postings: dict[str, list[_Record]] = {}
        by_key: dict[str, str] = {}
        cap = max(50, int(total * MAX_POSTINGS_SHARE))
        for done, record in enumerate(records, 1):
            record.story = self._assign(
                record, by_key, lambda terms: _candidates(postings, terms, cap)
            )
            for term in _probe_terms(record):
                postings.setdefault(term, []).append(record)
            if progress:
                progress(done, total)
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM articles")
            db.execute("DELETE FROM postings")
            db.execute("DELETE FROM df")
            db.executemany("INSERT INTO df VALUES (?, ?)", df.items())
            db.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?)", map(_row, records))
            db.executemany(
                "INSERT INTO postings VALUES (?, ?)",
                ((term, r.id) for r in records for term in _probe_terms(r)),
            )
        return len({r.story for r in records})

    def update(
        self,
        articles: Iterable[Article | StoryDraft],
        removed: Iterable[str] = (),
        entities: Mapping[str, set[str]] | None = None,
    ) -> None:
        """Add or re-group changed ``articles`` and forget ``removed`` ids."""
        drafts = [_draft(a) for a in articles]
        with closing(self._connect()) as db, db:
            gone = [*removed, *(d.id for d in drafts)]
            for article_id in gone:
                self._forget(db, article_id)
            total = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] + len(drafts)
            new_terms = Counter(t for d in drafts for t in d.terms)
            for term, n in new_terms.items():
                db.execute(
                    "INSERT INTO df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET n = n + ?",
                    (term, n, n),
                )
            weigh = _Weigher(_DfLookup(db), total)
            cap = max(50, int(total * MAX_POSTINGS_SHARE))
            for draft in sorted(drafts, key=lambda d: _order_key(d.published, d.id)):
                record = _record(draft, weigh, entities)
                by_key = _keyed_stories(db, record.key)
                record.story = self._assign(
                    record, by_key, lambda terms: _stored_candidates(db, terms, cap)
                )
                db.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?)", _row(record))
                db.executemany(
                    "INSERT INTO postings VALUES (?, ?)",
                    ((term, record.id) for term in _probe_terms(record)),
                )

    def sync(
        self,
        articles: Iterable[Article | StoryDraft],
        entities: Mapping[str, set[str]] | None = None,
    ) -> StorySync:
        """Bring the store in line with ``articles`` (the whole library): add, re-group
        changed ones, forget missing ones. Cheap when nothing changed."""
        articles = [_draft(a) for a in articles]
        known: dict[str, str] = {}
        if self.path.exists():
            with closing(self._connect()) as db:
                known = dict(db.execute("SELECT id, hash FROM articles").fetchall())
        current = {a.id: a for a in articles}
        result = StorySync(
            added=[a.id for a in articles if a.id not in known],
            updated=[a.id for a in articles if a.id in known and known[a.id] != a.hash],
            removed=[i for i in known if i not in current],
        )
        if not known and articles:
            self.rebuild(articles, entities)
        elif result.changed:
            self.update(
                [current[i] for i in (*result.added, *result.updated)], result.removed, entities
            )
        return result

    def sync_library(
        self,
        library: Library,
        entities: Mapping[str, set[str]] | None = None,
        loaded: Mapping[str, Article | StoryDraft] | None = None,
    ) -> StorySync:
        """Like :meth:`sync` for a whole library folder, loading only the files whose
        modification time or size changed since the last sync (fast on big libraries).
        ``loaded`` holds articles the caller has already parsed, so they are not read twice."""
        entries = {e.id: e for e in library.entries()}
        stamps = {i: f"{e.mtime_ns}:{e.size}" for i, e in entries.items()}
        known: dict[str, str] = {}
        seen: dict[str, str] = {}
        if self.path.exists():
            with closing(self._connect()) as db:
                known = dict(db.execute("SELECT id, hash FROM articles").fetchall())
                seen = dict(db.execute("SELECT id, stamp FROM stamps").fetchall())
        stale = [i for i in entries if i not in known or seen.get(i) != stamps[i]]
        parsed: list[StoryDraft] = []
        for article_id in stale:
            article = (loaded or {}).get(article_id)
            if article is None:
                article = load_file(entries[article_id].path, article_id).article
            if article is not None:
                parsed.append(_draft(article))
        loaded_ids = {a.id for a in parsed}
        result = StorySync(
            added=[a.id for a in parsed if a.id not in known],
            updated=[a.id for a in parsed if a.id in known and known[a.id] != a.hash],
            removed=[i for i in known if i not in entries or (i in stale and i not in loaded_ids)],
        )
        if not known and parsed:
            self.rebuild(parsed, entities)
        elif result.changed:
            changed = set(result.added) | set(result.updated)
            self.update([a for a in parsed if a.id in changed], result.removed, entities)
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM stamps")
            db.executemany(
                "INSERT INTO stamps VALUES (?, ?)",
                ((i, stamps[i]) for i in entries if i not in stale or i in loaded_ids),
            )
        return result

    def members(self) -> list[StoryMember]:
        """Every article the store knows, for naming articles without loading them."""
        if not self.path.exists():
            return []
        with closing(self._connect()) as db:
            rows = db.execute("SELECT id, outlet, title, published FROM articles ORDER BY id")
            return [StoryMember(*row) for row in rows.fetchall()]

    @staticmethod
    def _forget(db: sqlite3.Connection, article_id: str) -> None:
        found = db.execute("SELECT vector FROM articles WHERE id=?", (article_id,)).fetchone()
        if found is None:
            return
        db.execute("DELETE FROM articles WHERE id=?", (article_id,))
        db.execute("DELETE FROM postings WHERE article=?", (article_id,))

    @staticmethod
    def _assign(
        record: _Record,
        by_key: dict[str, str],
        candidates: Callable[[list[str]], Iterable[_Record]],
    ) -> str:
        if record.key:
            story = by_key.get(record.key) or _keyed_label(record.key)
            by_key[record.key] = story
            return story
        best: tuple[float, str] | None = None
        for other in candidates(_probe_terms(record)):
            if other.id == record.id or not _within_window(record.published, other.published):
                continue
            score = similarity(record.vector, other.vector)
            if record.entities and other.entities:
                shared = len(record.entities & other.entities)
                score += ENTITY_WEIGHT * shared / len(record.entities | other.entities)
            if score >= JOIN_SIMILARITY and (best is None or score > best[0]):
                best = (score, other.story)
        if best is not None:
            return best[1]
        return _founded_label(record.id)


def story_id(members: list[str], key: str | None = None) -> str:
    """A story's id, a function of what it holds: ``key-`` and its ``story:`` key when a
    member names one, else ``s-`` and a hash of its earliest member's article id
    (``members`` oldest first, undated last). Ids an analyst noted stay valid across
    rebuilds and across syncs that leave the story's articles as they were; a rebuild
    gives every story the label this names, as its earliest member starts it."""
    if key:
        return _keyed_label(key)
    return _founded_label(members[0])


def similarity(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two unit-length term vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def article_vector(
    terms: Mapping[str, int], df: Mapping[str, int], total: int, size: int = SIGNATURE_TERMS
) -> dict[str, float]:
    """The article's top TF-IDF terms as a unit vector (sublinear term frequency)."""
    return _Weigher(df, total).vector(terms, size)


class _Weigher:
    """TF-IDF weights over one document-frequency table, with each term's IDF and each
    count's TF worked out once: a library build weighs ~350 terms per article, mostly
    the same few thousand, so this halves the cost of grouping without changing a weight."""

    def __init__(self, df: Mapping[str, int], total: int) -> None:
        self.df = df
        self.total = total
        self._idf: dict[str, float] = {}
        self._tf: dict[int, float] = {}

    def vector(self, terms: Mapping[str, int], size: int = SIGNATURE_TERMS) -> dict[str, float]:
        idf, tf = self._idf, self._tf
        weights: list[tuple[float, str]] = []
        for t, n in terms.items():
            i = idf.get(t)
            if i is None:
                i = idf[t] = math.log((self.total + 1) / (self.df.get(t, 0) + 1) + 1.0)
            f = tf.get(n)
            if f is None:
                f = tf[n] = 1.0 + math.log(n)
            weights.append((-(f * i), t))
        top = heapq.nsmallest(size, weights)
        norm = math.sqrt(sum(w * w for w, _ in top)) or 1.0
        return {t: -w / norm for w, t in top}


def _article_terms(article: Article) -> list[str]:
    text = " ".join(p.text for p in article.text_paragraphs())
    return [t for t in content_terms(f"{article.title}. {text}", numbers=False) if len(t) > 2]


def _fingerprint(article: Article) -> str:
    return hashlib.sha1(
        "\x00".join(
            (
                article.body,
                article.title,
                article.outlet,
                article.published_iso or "",
                article.story or "",
            )
        ).encode("utf-8")
    ).hexdigest()


def _draft(article: Article | StoryDraft) -> StoryDraft:
    return article if isinstance(article, StoryDraft) else StoryDraft.of(article)


def _record(draft: StoryDraft, weigh: _Weigher, entities: Mapping[str, set[str]] | None) -> _Record:
    return _Record(
        draft.id,
        draft.outlet,
        draft.title,
        draft.published,
        draft.key,
        draft.hash,
        weigh.vector(draft.terms),
        frozenset(entities.get(draft.id, ()) if entities else ()),
    )


def _row(record: _Record) -> tuple[object, ...]:
    return (
        record.id,
        record.outlet,
        record.title,
        record.published,
        record.key,
        record.hash,
        json.dumps(record.vector),
        json.dumps(sorted(record.entities)),
        record.story,
    )


def _probe_terms(record: _Record) -> list[str]:
    """Top terms, and entities (``@name``), by which similar articles find each other."""
    return list(record.vector)[:PROBE_TERMS] + sorted(f"@{e}" for e in record.entities)


def _candidates(
    postings: Mapping[str, list[_Record]], terms: list[str], cap: int
) -> Iterable[_Record]:
    seen: dict[str, _Record] = {}
    for term in terms:
        found = postings.get(term, ())
        if len(found) > cap:
            continue
        for other in found:
            seen[other.id] = other
    return seen.values()


def _stored_candidates(db: sqlite3.Connection, terms: list[str], cap: int) -> list[_Record]:
    ids: set[str] = set()
    for term in terms:
        found = db.execute(
            "SELECT article FROM postings WHERE term=? LIMIT ?", (term, cap + 1)
        ).fetchall()
        if len(found) <= cap:
            ids.update(i for (i,) in found)
    records = []
    for article_id in ids:
        row = db.execute(
            "SELECT id, outlet, title, published, key, hash, vector, entities, story "
            "FROM articles WHERE id=?",
            (article_id,),
        ).fetchone()
        if row is not None:
            records.append(
                _Record(
                    row[0],
                    row[1],
                    row[2],
                    row[3],
                    row[4],
                    row[5],
                    json.loads(row[6]),
                    frozenset(json.loads(row[7])),
                    row[8],
                )
            )
    return records


def _keyed_stories(db: sqlite3.Connection, key: str | None) -> dict[str, str]:
    if not key:
        return {}
    found = db.execute("SELECT story FROM articles WHERE key=? LIMIT 1", (key,)).fetchone()
    return {key: found[0]} if found else {}


class _DfLookup(Mapping[str, int]):
    """Document frequencies read from the store on demand."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __getitem__(self, term: str) -> int:
        found = self.db.execute("SELECT n FROM df WHERE term=?", (term,)).fetchone()
        if found is None:
            raise KeyError(term)
        return int(found[0])

    def __iter__(self):  # type: ignore[no-untyped-def]
        return (t for (t,) in self.db.execute("SELECT term FROM df"))

    def __len__(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM df").fetchone()[0])


def _order(record: _Record) -> tuple[str, str]:
    return _order_key(record.published, record.id)


def _order_key(published: str | None, article_id: str) -> tuple[str, str]:
    return (published or "9999", article_id)


def _within_window(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    try:
        first = datetime.fromisoformat(a).replace(tzinfo=None)
        second = datetime.fromisoformat(b).replace(tzinfo=None)
    except ValueError:
        return True
    return abs((first - second).days) <= DATE_WINDOW_DAYS


def _keyed_label(key: str) -> str:
    return "key-" + _slug(key)


def _founded_label(article_id: str) -> str:
    return "s-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:10]


def _slug(key: str) -> str:
    slug = "".join(ch.lower() if ch.isalnum() else "-" for ch in key).strip("-")
    return slug[:48] or hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]

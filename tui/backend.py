"""The app's view of the core: the real ``index.workspace.Workspace`` when it is installed,
else a small stand-in over ``index.library`` so the app still opens and searches.

Everything the screens read from search results goes through the accessors here, so
that a hit may be a dataclass or a dict without the widgets caring.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index.article import Article
    from index.library import Problem
    from index.mentions import Mention

WORD = re.compile(r"\w+", re.UNICODE)
QUERY_NOISE = {"and", "or", "not", "to"}


def field_of(record: Any, name: str, default: Any = None) -> Any:
    """Read ``name`` from a dataclass-like record or a dict."""
    if isinstance(record, dict):
        return record.get(name, default)
    return getattr(record, name, default)


def fold(text: str) -> str:
    """Lower-case and strip accents, keeping one character per character (offsets hold)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)
        kept = "".join(c for c in base if not unicodedata.combining(c)) or ch
        out.append(kept[0].lower() if len(kept) >= 1 else ch.lower())
    return "".join(out)


def query_terms(query: str) -> list[str]:
    """The words of a query a reader should highlight: operators, field names and
    negated words dropped, prefix stars and fuzzy tildes stripped."""
    terms: list[str] = []
    for raw in re.findall(r'-?[\w:*~\-]+|"[^"]*"', query):
        if raw.startswith("-"):
            continue
        if raw.startswith('"'):
            terms.extend(w for w in WORD.findall(raw))
            continue
        if ":" in raw:
            field_name, _, raw = raw.partition(":")
            if field_name.lower() in ("outlet", "published", "story", "entity", "author", "url"):
                continue
        word = raw.strip("*~").strip("-")
        if word and word.lower() not in QUERY_NOISE:
            terms.append(word)
    return [t for t in dict.fromkeys(t.lower() for t in terms) if len(t) > 1]


def term_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Spans of words in ``text`` that start with one of ``terms`` (a light stemmer:
    "shell" finds "shells"), case- and accent-insensitive."""
    if not terms:
        return []
    folded = fold(text)
    stems = [fold(t) for t in terms]
    spans = []
    for match in WORD.finditer(folded):
        word = match.group(0)
        if any(
            word.startswith(stem[: max(len(stem) - 1, 3)]) and _close(word, stem) for stem in stems
        ):
            spans.append((match.start(), match.end()))
    return spans


def _close(word: str, stem: str) -> bool:
    if word.startswith(stem):
        return True
    # "artillery" typed as "artillery" matches; "shell" vs "shelling" via the prefix above
    return len(stem) >= 4 and word.startswith(stem[:-1]) and len(word) <= len(stem) + 3


@dataclass
class SyncSummary:
    """What a sync did, in the shape the app reads (mirrors ``index.workspace.SyncReport``)."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    problems: list[Problem] = field(default_factory=list)


@dataclass
class SimpleHit:
    id: str
    title: str
    outlet: str
    published: datetime | None
    score: float
    passage: dict[str, int]
    snippet: str
    highlights: list[tuple[int, int]]


@dataclass
class SimpleResults:
    query: str
    total: int
    hits: list[SimpleHit]
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None


class FallbackWorkspace:
    """A stand-in with the Workspace's shape: the library loaded in memory, searched by
    word prefixes. Used only when ``index.workspace`` is not there."""

    def __init__(self, root: Path) -> None:
        from index.library import Library

        self.library = Library(root)
        self._articles: dict[str, Article] = {}

    @classmethod
    def open(cls, root: Path) -> FallbackWorkspace:
        return cls(root)

    def sync(
        self, progress: Callable[[int, int], None] | None = None, rebuild: bool = False
    ) -> SyncSummary:
        articles, problems = self.library.load_all(progress=progress)
        self._articles = {a.id: a for a in articles}
        return SyncSummary(added=len(articles), problems=problems)

    def articles(self) -> list[Article]:
        return sorted(
            self._articles.values(), key=lambda a: a.published or datetime.min, reverse=True
        )

    def article(self, article_id: str) -> Article:
        if article_id in self._articles:
            return self._articles[article_id]
        return self.library.load(article_id)

    def mentions(self, article_id: str) -> list[Mention]:
        return []

    def search(
        self,
        query: str,
        outlets: Iterable[str] = (),
        entities: Iterable[str] = (),
        since: date | None = None,
        until: date | None = None,
        sort: str = "relevance",
        limit: int = 50,
    ) -> SimpleResults:
        terms = query_terms(query)
        outlets = set(outlets)
        hits: list[SimpleHit] = []
        facet: dict[str, int] = {}
        for article in self._articles.values():
            day = article.published_date
            if (since and (day is None or day < since)) or (until and (day is None or day > until)):
                continue
            text = article.title + "\n" + article.body
            spans = term_spans(text, terms)
            found = {fold(text[s:e])[:4] for s, e in spans}
            if terms and len(found) < len({fold(t)[:4] for t in terms}):
                continue
            facet[article.outlet] = facet.get(article.outlet, 0) + 1
            if outlets and article.outlet not in outlets:
                continue
            body_spans = term_spans(article.body, terms)
            paragraph = article.paragraph_at(body_spans[0][0]) if body_spans else None
            paragraph = paragraph or (article.paragraphs[0] if article.paragraphs else None)
            snippet, highlights = "", []
            if paragraph is not None:
                snippet = paragraph.text[:240]
                highlights = [
                    (s - paragraph.start, e - paragraph.start)
                    for s, e in body_spans
                    if paragraph.start <= s and e <= paragraph.start + len(snippet)
                ]
            hits.append(
                SimpleHit(
                    id=article.id,
                    title=article.title,
                    outlet=article.outlet,
                    published=article.published,
                    score=float(len(spans)),
                    passage={
                        "index": paragraph.index if paragraph else 0,
                        "start": paragraph.start if paragraph else 0,
                        "end": paragraph.end if paragraph else 0,
                    },
                    snippet=snippet,
                    highlights=highlights,
                )
            )
        if sort == "date":
            hits.sort(key=lambda h: h.published or datetime.min, reverse=True)
        else:
            hits.sort(key=lambda h: h.score, reverse=True)
        return SimpleResults(query, len(hits), hits[:limit], {"outlet": facet, "entity": {}})


def open_workspace(root: Path) -> Any:
    """The real Workspace if the core provides one, else the stand-in."""
    try:
        from index.workspace import Workspace
    except ImportError:
        return FallbackWorkspace.open(root)
    return Workspace.open(root)


@dataclass
class StoryGroup:
    """A story as the results list shows it: a key, a title and its versions (newest first)."""

    key: str
    title: str
    articles: list[Any]


def _published_key(article: Any) -> datetime:
    value = field_of(article, "published")
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            value = None
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.min


def story_groups(workspace: Any, articles: Sequence[Any]) -> list[StoryGroup]:
    """Articles grouped by story (the core's story index when it is there, else the
    ``story`` key), each group newest first, groups by their newest version."""
    by_id = {str(field_of(a, "id")): a for a in articles}
    groups: list[StoryGroup] = []
    grouped: set[str] = set()
    story_index = story_index_of(workspace)
    if story_index is not None:
        try:
            for story in story_index.stories():
                members_of = field_of(story, "articles") or field_of(story, "versions") or []
                ids = [str(field_of(v, "id")) for v in members_of]
                members = [by_id[i] for i in ids if i in by_id and i not in grouped]
                if not members:
                    continue
                grouped.update(str(field_of(a, "id")) for a in members)
                key = str(field_of(story, "id") or field_of(story, "key") or ids[0])
                title = str(field_of(story, "title") or field_of(members[0], "title"))
                groups.append(StoryGroup(key, title, members))
        except Exception:
            groups, grouped = [], set()
    loose: dict[str, list[Any]] = {}
    for article_id, article in by_id.items():
        if article_id in grouped:
            continue
        key = field_of(article, "story") or f"article:{article_id}"
        loose.setdefault(str(key), []).append(article)
    for key, members in loose.items():
        title = key if not key.startswith("article:") else str(field_of(members[0], "title"))
        groups.append(StoryGroup(key, title, members))
    for group in groups:
        group.articles.sort(key=_published_key, reverse=True)
    groups.sort(key=lambda g: _published_key(g.articles[0]), reverse=True)
    return groups


def story_index_of(workspace: Any) -> Any:
    """The library's story index, if the core provides one."""
    try:
        from index.stories import story_index_for
    except ImportError:
        return None
    try:
        return story_index_for(workspace.library.root)
    except Exception:
        return None


def sync_stories(workspace: Any, report: Any) -> None:
    """Bring the story grouping in step after an index sync: everything when the story
    store is new or the index was rebuilt, else only the articles the sync touched."""
    story_index = story_index_of(workspace)
    if story_index is None:
        return
    added = list(field_of(report, "added", []) or [])
    updated = list(field_of(report, "updated", []) or [])
    removed = list(field_of(report, "removed", []) or [])
    fresh = not Path(getattr(story_index, "path", "")).exists() or field_of(
        report, "rebuilt", False
    )
    if fresh:
        articles, _problems = workspace.library.load_all()
        story_index.sync(articles)
    elif added or updated or removed:
        changed = []
        for article_id in (*added, *updated):
            try:
                changed.append(workspace.article(article_id))
            except Exception:
                continue
        story_index.update(changed, removed)


def story_versions(workspace: Any, article_id: str) -> list[Any]:
    """Other versions of the story ``article_id`` belongs to (summaries or articles)."""
    articles = list(workspace.articles())
    for group in story_groups(workspace, articles):
        ids = [str(field_of(a, "id")) for a in group.articles]
        if article_id in ids:
            return [a for a in group.articles if str(field_of(a, "id")) != article_id]
    return []


def shared_share(result: Any) -> float | None:
    """How much of the pair's text both versions carry, 0..1, from a comparison result."""
    summary = field_of(result, "summary", result)
    for name in ("shared", "shared_share", "shared_ratio", "shared_left"):
        value = field_of(summary, name)
        if isinstance(value, (int, float)):
            return float(value) if value <= 1 else float(value) / 100
    left = field_of(summary, "left_shared")
    right = field_of(summary, "right_shared")
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        return (left + right) / 2
    return None


def bookmark_spans(store: Any, article_id: str) -> list[tuple[int, int]]:
    """Spans of the article's bookmarks that are still anchored (orphans have none)."""
    if store is None:
        return []
    try:
        items = store.list(article=article_id)
    except Exception:
        return []
    spans = []
    for item in items:
        if field_of(item, "status") == "orphaned":
            continue
        start, end = field_of(item, "start"), field_of(item, "end")
        if isinstance(start, int) and isinstance(end, int) and end > start:
            spans.append((start, end))
    return spans


def hit_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query's words occur in ``text``, matched as the index matches them
    (folded and stemmed) when the core is there; ``prefix*`` words by their start."""
    prefixes = [
        fold(raw.rstrip("*")) for raw in re.findall(r"[\w-]+\*", query) if len(raw.rstrip("*")) > 1
    ]
    words = [t for t in query_terms(query) if fold(t) not in prefixes]
    try:
        from index.search import analyze_word, mark_words
    except ImportError:
        return term_spans(text, words + prefixes)
    spans = set(mark_words(text, {analyze_word(w) for w in words}))
    if prefixes:
        folded = fold(text)
        for match in WORD.finditer(folded):
            if any(match.group(0).startswith(p) for p in prefixes):
                spans.add((match.start(), match.end()))
    return sorted(spans)

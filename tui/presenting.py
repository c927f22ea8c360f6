"""What the screens show of the core's records: stories grouped for the results list, and
the spans of an article body to mark as query hits or bookmarks.

Reads the typed records of :mod:`index` directly; imports nothing heavy at module load
(the search module is imported when a hit is first marked, in the worker that needs it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from index.errors import BriefError

if TYPE_CHECKING:
    from index.bookmarks import BookmarkStore
    from index.catalog import ArticleSummary
    from index.stories import Story

WORD = re.compile(r"\w+", re.UNICODE)
QUERY_NOISE = {"and", "or", "not", "to"}
FILTER_FIELDS = ("outlet", "published", "story", "entity", "author", "url")


def fold(text: str) -> str:
    """Lower-case and strip accents, keeping one character per character (offsets hold)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)
        kept = "".join(c for c in base if not unicodedata.combining(c)) or ch
        out.append(kept[0].lower())
    return "".join(out)


def query_terms(query: str) -> list[str]:
    """The words of a query a reader should highlight: operators, field names and
    negated words dropped, prefix stars and fuzzy tildes stripped."""
    terms: list[str] = []
    for raw in re.findall(r'-?(?:[^\W\d_]\.)+[^\W\d_](?!\w)\.?|-?[\w:*~\-]+|"[^"]*"', query):
        if raw.startswith("-"):
            continue
        if raw.startswith('"'):
            terms.extend(WORD.findall(raw))
            continue
        if ":" in raw:
            field_name, _, raw = raw.partition(":")
            if field_name.lower() in FILTER_FIELDS:
                continue
        word = raw.strip("*~").strip("-")
        if word and word.lower() not in QUERY_NOISE:
            terms.append(word)
    from index.searchindex import is_acronym

    # An acronym keeps its capitals: "US" is the acronym, "us" also the stem of "use".
    return [
        t for t in dict.fromkeys(t if is_acronym(t) else t.lower() for t in terms) if len(t) > 1
    ]


def hit_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query's words occur in ``text``, matched as the index matches them
    (folded and stemmed); ``prefix*`` words by their start."""
    from index.search import analyze_word, mark_words

    prefixes = [
        fold(raw.rstrip("*")) for raw in re.findall(r"[\w-]+\*", query) if len(raw.rstrip("*")) > 1
    ]
    words = [t for t in query_terms(query) if fold(t) not in prefixes]
    spans = set(mark_words(text, {analyze_word(w) for w in words}))
    if prefixes:
        folded = fold(text)
        for match in WORD.finditer(folded):
            if any(match.group(0).startswith(p) for p in prefixes):
                spans.add((match.start(), match.end()))
    return sorted(spans)


def bookmark_spans(store: BookmarkStore | None, article_id: str) -> list[tuple[int, int]]:
    """Spans of the article's bookmarks that are still anchored (orphans have none)."""
    if store is None:
        return []
    try:
        items = store.list(article=article_id)
    except BriefError:
        return []  # the store reports its own problems when the bookmarks screen opens
    return [
        (item.start, item.end)
        for item in items
        if item.status != "orphaned" and item.end > item.start
    ]


@dataclass
class StoryGroup:
    """A story as the results list shows it: a key, a title and its versions (newest first)."""

    key: str
    title: str
    articles: list[ArticleSummary]


def story_groups(stories: Sequence[Story], articles: Sequence[ArticleSummary]) -> list[StoryGroup]:
    """The listed articles grouped by the core's stories, each group newest first, groups
    by their newest version. Articles the story index does not know yet (a sync under way)
    are grouped by their ``story`` key, else stand alone."""
    by_id = {a.id: a for a in articles}
    groups: list[StoryGroup] = []
    grouped: set[str] = set()
    for story in stories:
        members = [by_id[m.id] for m in story.articles if m.id in by_id and m.id not in grouped]
        if not members:
            continue
        grouped.update(a.id for a in members)
        groups.append(StoryGroup(story.id, story.title or members[0].title, members))
    loose: dict[str, list[ArticleSummary]] = {}
    for article_id, article in by_id.items():
        if article_id not in grouped:
            loose.setdefault(article.story or f"article:{article_id}", []).append(article)
    for key, members in loose.items():
        groups.append(
            StoryGroup(key, members[0].title if key.startswith("article:") else key, members)
        )
    for group in groups:
        group.articles.sort(key=_published_key, reverse=True)
    groups.sort(key=lambda g: _published_key(g.articles[0]), reverse=True)
    return groups


def _published_key(article: ArticleSummary) -> datetime:
    return article.published.replace(tzinfo=None) if article.published else datetime.min

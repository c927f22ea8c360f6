"""The library as the app first lists it: every indexed article's summary, newest first,
and the stories grouping them, read from the catalog and the story store beside the index.

Only SQLite is involved (no Whoosh, NumPy or article parser), so the app can draw the list
while the search index is still opening; the workspace's own listing replaces it once open.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from index.catalog import ArticleSummary, Catalog

CATALOG_FILE = "catalog.sqlite"
STORIES_FILE = "stories.sqlite"


@dataclass(frozen=True, slots=True)
class ListedMember:
    """One version of a listed story (its article id)."""

    id: str


@dataclass(frozen=True, slots=True)
class ListedStory:
    """A story as the story store holds it: id, the oldest version's title, and its
    versions oldest first (the shape of :class:`index.stories.Story` that a list needs)."""

    id: str
    title: str
    articles: tuple[ListedMember, ...]


@dataclass(frozen=True)
class Listing:
    """What the index already knows of a library: summaries and stories, newest first."""

    articles: list[ArticleSummary] = field(default_factory=list)
    stories: list[ListedStory] = field(default_factory=list)


def read_listing(index_folder: Path) -> Listing:
    """The listing held by the index in ``index_folder``; empty when there is no index yet.
    Raises ``sqlite3.Error`` (or :class:`~index.catalog.CatalogCorrupt`) for a damaged one."""
    catalog_path = Path(index_folder) / CATALOG_FILE
    if not catalog_path.exists():
        return Listing()  # never create an index here: opening the workspace does
    catalog = Catalog(catalog_path)
    try:
        articles = catalog.summaries()
    finally:
        catalog.close()
    articles.sort(key=lambda s: (_sort_stamp(s.published), s.id), reverse=True)
    return Listing(articles, read_stories(Path(index_folder) / STORIES_FILE))


def read_stories(path: Path) -> list[ListedStory]:
    """Every story of the story store at ``path``, newest first (by its latest version),
    as :meth:`index.stories.StoryIndex.stories` orders them; empty if there is none yet."""
    if not path.exists():
        return []
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as db:
            rows = db.execute("SELECT id, title, published, story FROM articles").fetchall()
    except sqlite3.OperationalError:
        return []  # a store not created yet (or of another layout): the sync regroups
    grouped: dict[str, list[tuple[str, str, str | None]]] = {}
    for article_id, title, published, story in rows:
        grouped.setdefault(story, []).append((article_id, title, published))
    stories: list[tuple[str, ListedStory]] = []
    for story_id, members in grouped.items():
        members.sort(key=lambda m: (m[2] or "9999", m[0]))
        latest = max((m[2] or "" for m in members), default="")
        listed = ListedStory(story_id, members[0][1], tuple(ListedMember(m[0]) for m in members))
        stories.append((latest, listed))
    stories.sort(key=lambda pair: (pair[0], pair[1].id), reverse=True)
    return [story for _latest, story in stories]


def _sort_stamp(stamp: datetime | None) -> datetime:
    return stamp.replace(tzinfo=None) if stamp else datetime.min

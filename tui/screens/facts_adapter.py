"""Read a story's versions and :func:`index.facts.facts` into what the facts screen shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from index.errors import NotFoundError

if TYPE_CHECKING:
    from index.article import Article
    from index.facts import FactMatrix
    from index.workspace import Workspace


@dataclass(frozen=True)
class Column:
    """A version of the story: its article id and the outlet that heads its column."""

    id: str
    outlet: str


@dataclass(frozen=True)
class FactLine:
    """One fact: its wording, each version's passages (by article id), numbers that differ."""

    id: str
    text: str
    passages: dict[str, str]
    differs: frozenset[str] = field(default_factory=frozenset)
    differences: tuple[str, ...] = ()
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Each version's first passage for the fact (offsets into its body), to open or bookmark."""


def story_articles(workspace: Workspace, story_id: str) -> tuple[str, list[Article]]:
    """The story's title and its versions, loaded; NotFoundError for an unknown story."""
    story = workspace.story(story_id)
    if story is None:
        raise NotFoundError(f"no story {story_id!r} in this library")
    return story.title, [workspace.article(m.id) for m in story.articles]


def fact_lines(matrix: FactMatrix) -> tuple[list[Column], list[FactLine]]:
    """Columns (one per version) and fact rows, in the engine's order (most reported first)."""
    columns = [Column(v.id, v.outlet) for v in matrix.versions]
    lines = [
        FactLine(
            id=fact.id,
            text=fact.text,
            passages={
                article_id: " … ".join(p.text for p in found)
                for article_id, found in fact.passages.items()
            },
            differs=fact.differs,
            differences=tuple(fact.differences),
            spans={article_id: found[0].span for article_id, found in fact.passages.items()},
        )
        for fact in matrix.facts
    ]
    return columns, lines

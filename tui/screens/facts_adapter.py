"""Read a story's versions and the fact matrix into what the facts screen shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from index.article import Article
from index.errors import NotFoundError


@dataclass(frozen=True)
class FactLine:
    """One fact: a representative wording, each outlet's passage, outlets whose numbers differ."""

    text: str
    passages: dict[str, str]
    differs: frozenset[str] = field(default_factory=frozenset)


def story_articles(workspace: Any, story_id: str) -> tuple[str, list[Article]]:
    """The story's title and its versions, loaded; raises NotFoundError for an unknown story."""
    from index.stories import story_index_for

    story = story_index_for(workspace.library.root).get(story_id)
    if story is None:
        raise NotFoundError(f"no story {story_id!r} in this library")
    return story.title, [workspace.article(m.id) for m in story.articles]


def fact_lines(matrix: Any, articles: Sequence[Article]) -> tuple[list[str], list[FactLine]]:
    """Outlet columns and fact rows, facts reported by most outlets first."""
    outlets = list(getattr(matrix, "outlets", None) or dict.fromkeys(a.outlet for a in articles))
    lines = []
    for fact in matrix.facts:
        passages = {str(k): str(v) for k, v in _passages(fact).items()}
        differs = frozenset(str(o) for o in (getattr(fact, "differs", None) or ()))
        text = getattr(fact, "text", None) or next(iter(passages.values()), "")
        lines.append(FactLine(text, passages, differs))
    return outlets, lines


def _passages(fact: Any) -> dict[str, str]:
    passages = getattr(fact, "passages", None)
    if isinstance(passages, dict):
        return passages
    return {getattr(p, "outlet", "?"): getattr(p, "text", str(p)) for p in passages or ()}

"""Entity tagging (placeholder interface until the entities issue lands).

The index calls ``EntityTagger(library_root).tag(article)`` for each changed article
and re-tags everything when ``fingerprint`` changes.
"""

from __future__ import annotations

from pathlib import Path

from index.article import Article
from index.mentions import Mention


class EntityTagger:
    """Finds entity mentions in an article's body."""

    finder_name = "none"

    def __init__(self, library_root: Path | None = None, finder: str = "auto") -> None:
        self.library_root = library_root

    @property
    def fingerprint(self) -> str:
        """Changes whenever the gazetteer or the finder changes, forcing a re-tag."""
        return "none-0"

    def tag(self, article: Article) -> list[Mention]:
        return []

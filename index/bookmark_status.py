"""What a bookmark's status means, in the one wording every front end shows (the app's
bookmarks screen, `brief bookmarks list/show/check`, the re-anchoring report): what
happened to the passage, and what the user can do about it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from index.anchors import AnchorStatus

if TYPE_CHECKING:
    from index.bookmarks import Bookmark


@dataclass(frozen=True, slots=True)
class StatusNote:
    """Why a bookmark is not simply anchored: ``what`` happened (a short phrase for a list
    entry or a report line) and ``advice``, what the user can do."""

    status: AnchorStatus
    what: str
    advice: str

    @property
    def label(self) -> str:
        """``orphaned: article removed from the library``: the status and what happened."""
        return f"{self.status}: {self.what}"

    def __str__(self) -> str:
        return f"{self.label}. {self.advice}"


PASSAGE_GONE = StatusNote(
    "orphaned",
    "passage not found in the article any more",
    "Quote kept as saved; bookmark the passage again, or delete this bookmark.",
)
"""The article is there, but edited so that the passage cannot be found with confidence."""

ARTICLE_GONE = StatusNote(
    "orphaned",
    "article removed from the library",
    "Quote kept as saved; restore the article's file, or delete this bookmark.",
)
"""The article file is gone, and no file in the library has its text (a rename is followed)."""

EDITED = StatusNote(
    "changed",
    "the passage was edited in the article",
    "Both texts kept; accept the new text as the quote, or leave the saved one.",
)
"""The passage was found again, but it now reads differently from the saved quote."""


def status_note(
    bookmark: Bookmark, *, article_present: bool | None = None, library: str | None = None
) -> StatusNote | None:
    """What the user should be told about ``bookmark``: None when it is anchored.

    Whether an orphan's article is still there is looked up in the bookmark's library (or
    ``library`` when none is recorded with it) unless ``article_present`` says."""
    if bookmark.status == "changed":
        return EDITED
    if bookmark.status != "orphaned":
        return None
    if article_present is None:
        article_present = not article_missing(bookmark, library)
    return PASSAGE_GONE if article_present else ARTICLE_GONE


def article_missing(bookmark: Bookmark, library: str | None = None) -> bool:
    """Whether the bookmark's article file is gone from the library it was made in, or
    from ``library`` when none is recorded with it (with neither, it counts as present)."""
    root = bookmark.library or library
    if not root:
        return False
    return not (Path(root) / bookmark.article).is_file()

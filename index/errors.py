"""Exceptions the core raises; each carries a message fit to show a user as is."""

from __future__ import annotations


class BriefError(Exception):
    """Base of every error Brief reports to the user instead of a traceback."""


class ArticleError(BriefError):
    """An article file cannot be read: bad front matter, missing fields, not text."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = path or ""
        if line is not None:
            where = f"{where}:{line}" if where else f"line {line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.reason = message


class NotFoundError(BriefError):
    """An article, bookmark or story the user named does not exist."""

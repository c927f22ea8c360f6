"""The library: a folder of article files, scanned and loaded without ever crashing.

An article's id is its path relative to the library folder (POSIX separators).
Files that cannot be loaded become :class:`Problem` records beside the articles.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from index.article import Article, parse_article
from index.errors import ArticleError, NotFoundError
from index.sanitize import MAX_ARTICLE_BYTES, NotTextError, decode_bytes

ARTICLE_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one file; ``skipped`` when the article could not be loaded."""

    path: str
    message: str
    line: int | None = None
    skipped: bool = True

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class FileEntry:
    """An article file as the file system sees it (for change detection)."""

    id: str
    path: Path
    mtime_ns: int
    size: int


@dataclass
class LoadResult:
    article: Article | None
    problems: list[Problem]


class Library:
    """A folder of Markdown articles."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def __repr__(self) -> str:
        return f"Library({str(self.root)!r})"

    def entries(self) -> Iterator[FileEntry]:
        """Every article file under the root, in a stable order; hidden folders skipped."""
        if not self.root.is_dir():
            return
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIXES):
                    continue
                path = Path(folder) / name
                try:
                    stat = path.stat()
                except OSError:
                    continue
                yield FileEntry(self.article_id(path), path, stat.st_mtime_ns, stat.st_size)

    def article_id(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def path_of(self, article_id: str) -> Path:
        path = (self.root / article_id).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise NotFoundError(f"{article_id!r} is not inside the library")
        return path

    def load(self, article_id: str) -> Article:
        """Load one article or raise :class:`NotFoundError` / :class:`ArticleError`."""
        path = self.path_of(article_id)
        if not path.is_file():
            raise NotFoundError(f"no article {article_id!r} in {self.root}")
        result = load_file(path, article_id)
        if result.article is None:
            raise ArticleError(
                result.problems[0].message if result.problems else "unreadable", article_id
            )
        return result.article

    def load_all(
        self, progress: Callable[[int, int], None] | None = None
    ) -> tuple[list[Article], list[Problem]]:
        """Load every article; problems are collected, never raised."""
        entries = list(self.entries())
        articles: list[Article] = []
        problems: list[Problem] = []
        for done, entry in enumerate(entries, 1):
            result = load_file(entry.path, entry.id)
            problems.extend(result.problems)
            if result.article is not None:
                articles.append(result.article)
            if progress:
                progress(done, len(entries))
        return articles, problems


def load_file(path: Path, article_id: str) -> LoadResult:
    """Read, decode, clean and parse one article file; failures become problems."""
    try:
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            raise NotTextError(
                f"file is {path.stat().st_size / 1e6:.1f} MB, over the "
                f"{MAX_ARTICLE_BYTES / 1e6:.0f} MB limit"
            )
        decoded = decode_bytes(path.read_bytes())
    except NotTextError as exc:
        return LoadResult(None, [Problem(article_id, f"{exc}; skipped")])
    except OSError as exc:
        return LoadResult(None, [Problem(article_id, f"cannot read: {exc.strerror or exc}")])
    problems = []
    if decoded.warning:
        problems.append(Problem(article_id, decoded.warning, skipped=False))
    try:
        article = parse_article(decoded.text, article_id, path)
    except ArticleError as exc:
        problems.append(Problem(article_id, f"{exc.reason}; skipped", exc.line))
        return LoadResult(None, problems)
    except Exception as exc:  # untrusted text must cost one file, never the whole library
        problems.append(Problem(article_id, f"cannot be read as an article ({exc}); skipped"))
        return LoadResult(None, problems)
    return LoadResult(article, problems)

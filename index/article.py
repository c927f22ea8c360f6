"""The article: a Markdown file with YAML front matter, and its plain-text body.

Front matter holds ``title`` and ``outlet`` (required), ``published`` (ISO 8601
date or date-time), ``url``, ``author``, ``section`` and ``story`` (optional);
unknown keys are kept. The body is Markdown paragraphs. A photo caption or credit
worth keeping goes in a caption container, so that search finds it while
comparison and entity counts skip it::

    ::: caption
    Vladimir Putin and Kim Jong Un in Vostochny (Vladimir Smirnov/AP)
    :::

Brief works on the *body text*: the paragraphs' plain text (inline Markdown
resolved) joined by blank lines. Every offset Brief stores (search passages,
entity mentions, bookmarks) is a character offset into that text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from index.errors import ArticleError
from index.sanitize import clean_text

ParagraphKind = Literal["text", "heading", "caption"]
KNOWN_KEYS = ("title", "outlet", "published", "url", "author", "section", "story")
PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One block of the body: its place in the body text and what kind of block it is."""

    index: int
    start: int
    end: int
    kind: ParagraphKind
    text: str


@dataclass(frozen=True)
class Article:
    """A clean article: metadata and body text, identified by its path in the library."""

    id: str
    title: str
    outlet: str
    body: str
    paragraphs: tuple[Paragraph, ...]
    published: datetime | None = None
    url: str | None = None
    author: str | None = None
    section: str | None = None
    story: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the body text: equal bodies are the same report."""
        return body_hash(self.body)

    @property
    def published_date(self) -> date | None:
        return self.published.date() if self.published else None

    @property
    def published_iso(self) -> str | None:
        """``published`` as written back to front matter: a date, or a date-time if it has one."""
        if self.published is None:
            return None
        if self.published.time() == datetime.min.time() and self.published.tzinfo is None:
            return self.published.date().isoformat()
        return self.published.isoformat(timespec="minutes")

    def text_paragraphs(self) -> list[Paragraph]:
        """Paragraphs that are the report itself: captions excluded."""
        return [p for p in self.paragraphs if p.kind != "caption"]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph holding character ``offset`` of the body, if any."""
        for paragraph in self.paragraphs:
            if paragraph.start <= offset <= paragraph.end:
                return paragraph
        return None


def body_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@cache
def _markdown() -> MarkdownIt:
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").use(front_matter_plugin).use(container_plugin, "caption")


def parse_article(source: str, article_id: str, path: Path | None = None) -> Article:
    """Parse an article file's text. Raises :class:`ArticleError` naming the line at fault."""
    where = str(path) if path else article_id
    tokens = _markdown().parse(source)
    if not tokens or tokens[0].type != "front_matter":
        raise ArticleError(
            "no front matter: an article starts with a '---' block holding title and outlet",
            where,
            1,
        )
    meta = _load_front_matter(tokens[0].content, where)
    blocks = list(_blocks(tokens[1:]))
    return build_article(article_id, meta, blocks, path=path, where=where)


def build_article(
    article_id: str,
    meta: Mapping[str, Any],
    blocks: Iterable[tuple[ParagraphKind, str]],
    *,
    path: Path | None = None,
    where: str | None = None,
) -> Article:
    """Assemble an :class:`Article` from front-matter values and ``(kind, text)`` blocks."""
    where = where or article_id
    title = _one_line(meta.get("title"))
    outlet = _one_line(meta.get("outlet"))
    missing = [name for name, value in (("title", title), ("outlet", outlet)) if not value]
    if missing:
        raise ArticleError(f"front matter lacks {' and '.join(missing)}", where, 1)
    paragraphs: list[Paragraph] = []
    offset = 0
    for kind, text in blocks:
        text = _collapse(text)
        if not text:
            continue
        if paragraphs:
            offset += len(PARAGRAPH_SEPARATOR)
        paragraphs.append(Paragraph(len(paragraphs), offset, offset + len(text), kind, text))
        offset += len(text)
    body = PARAGRAPH_SEPARATOR.join(p.text for p in paragraphs)
    extra = {k: _plain(v) for k, v in meta.items() if k not in KNOWN_KEYS}
    return Article(
        id=article_id,
        title=title,
        outlet=outlet,
        body=body,
        paragraphs=tuple(paragraphs),
        published=parse_published(meta.get("published"), where),
        url=_one_line(meta.get("url")) or None,
        author=_one_line(meta.get("author")) or None,
        section=_one_line(meta.get("section")) or None,
        story=_one_line(meta.get("story")) or None,
        extra=extra,
        path=path,
    )


def parse_published(value: Any, where: str = "") -> datetime | None:
    """Read ``published``: a YAML date or date-time, or an ISO 8601 string."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    try:
        return datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise ArticleError(
            f"published is {str(value)!r}, not an ISO 8601 date (YYYY-MM-DD[THH:MM])", where
        ) from None


def render_article(meta: Mapping[str, Any], blocks: Iterable[tuple[ParagraphKind, str]]) -> str:
    """Write an article file: front matter in the usual key order, then escaped blocks."""
    ordered = {k: meta[k] for k in KNOWN_KEYS if meta.get(k) not in (None, "")}
    ordered.update({k: v for k, v in meta.items() if k not in KNOWN_KEYS})
    if isinstance(ordered.get("published"), datetime):
        stamp: datetime = ordered["published"]
        ordered["published"] = (
            stamp.date().isoformat()
            if stamp.time() == datetime.min.time()
            else stamp.isoformat(timespec="minutes")
        )
    head = yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=10_000)
    parts = []
    for kind, text in blocks:
        text = escape_markdown(_collapse(text))
        if not text:
            continue
        if kind == "heading":
            parts.append(f"## {text}")
        elif kind == "caption":
            parts.append(f"::: caption\n{text}\n:::")
        else:
            parts.append(text)
    return f"---\n{head}---\n\n" + "\n\n".join(parts) + "\n"


def article_blocks(article: Article) -> list[tuple[ParagraphKind, str]]:
    return [(p.kind, p.text) for p in article.paragraphs]


def article_meta(article: Article) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published_iso,
        "url": article.url,
        "author": article.author,
        "section": article.section,
        "story": article.story,
    }
    meta.update(article.extra)
    return meta


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<]|&(?=#?\w+;))")
_LINE_START_SPECIAL = re.compile(r"^(?:[#>+=:~-]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """Backslash-escape what Markdown would otherwise read as syntax, so the text round-trips."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    match = _LINE_START_SPECIAL.match(text)
    if match:
        token = match.group(0)
        text = (token[:-1] + "\\" + token[-1] if token[-1] in ".)" else "\\" + token) + text[
            len(token) :
        ]
    return text


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it: ~10 ms less per article opened."""


class _DatesAsTextLoader(yaml.SafeLoader):
    """A safe loader that leaves date-like scalars as text, for front matter whose date
    YAML cannot build (``2023-13-45``): ``parse_published`` then names the field."""


_DatesAsTextLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load_front_matter(content: str, where: str) -> dict[str, Any]:
    try:
        try:
            data = yaml.load(content, Loader=_YAML_LOADER) if content.strip() else {}
        except yaml.YAMLError:
            # Pure-Python PyYAML again, for its problem line (libyaml points elsewhere).
            data = yaml.safe_load(content)
        except (ValueError, OverflowError):
            data = yaml.load(content, Loader=_DatesAsTextLoader)
    except yaml.YAMLError as exc:
        problem, line = front_matter_error(exc)
        raise ArticleError(f"malformed front matter: {problem}", where, line) from None
    if not isinstance(data, dict):
        raise ArticleError("front matter is not a set of 'key: value' lines", where, 2)
    return {str(k): v for k, v in data.items()}


_UNCLOSED = (
    ("quoted scalar", "a quoted value is never closed (its closing quote is missing)"),
    ("flow sequence", "a '[' list is never closed"),
    ("flow mapping", "a '{' mapping is never closed"),
)


def front_matter_error(exc: yaml.YAMLError) -> tuple[str, int]:
    """What is wrong in front matter and the file line to look at (front matter starts on
    line 2). Something never closed is blamed on the line that opened it, not on the end
    of the block where YAML noticed."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None) or ""
    mark = getattr(exc, "problem_mark", None)
    opened = getattr(exc, "context_mark", None)
    unclosed = next((why for what, why in _UNCLOSED if what in context), None)
    if opened is not None and (unclosed or mark is None):
        if mark is not None and mark.line == opened.line:
            return problem, mark.line + 2  # closed on its line, wrong inside: say what
        return unclosed or f"{context}: {problem}", opened.line + 2
    return problem, (mark.line + 2 if mark is not None else 1)


def _blocks(tokens: list[Token]) -> Iterable[tuple[ParagraphKind, str]]:
    in_caption = False
    kind: ParagraphKind = "text"
    for token in tokens:
        if token.type == "container_caption_open":
            in_caption = True
        elif token.type == "container_caption_close":
            in_caption = False
        elif token.type == "heading_open":
            kind = "heading"
        elif token.type == "paragraph_open":
            kind = "text"
        elif token.type == "inline":
            yield ("caption" if in_caption else kind), _inline_text(token)
        elif token.type in ("code_block", "fence", "html_block"):
            yield ("caption" if in_caption else "text"), token.content


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_inline_text(child))
        else:
            parts.append(child.content)
    return "".join(parts)


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _one_line(value: Any) -> str:
    # YAML escapes ("\e", "\x1b") turn into control characters only after parsing, past
    # the file-level cleaning, so front-matter values are cleaned again here.
    return _collapse(clean_text(str(value))) if value is not None else ""


def _plain(value: Any) -> Any:
    """Front-matter extras as JSON-friendly values."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return clean_text(value)
    return value

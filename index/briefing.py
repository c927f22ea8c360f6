"""The briefing: bookmarks exported as a sourced Markdown document, or as JSON to re-import.

The Markdown briefing has a header (title, date, counts, the numbered list of sources),
then one section per story (an article without a story is its own section, under its
title), then one sub-section per outlet or per tag. Each passage is a blockquote ending
with its attribution (outlet, title, date, URL and a ``brief://article/ID#START-END`` link
back to the article and passage), followed by the note and tags. Article text is escaped
so that it reads as text; notes are Markdown, kept inside their list item so that nothing
in a note (a heading, an unclosed code fence, raw HTML) can break the document.

The JSON export carries every field, the bodies the passages were anchored in and the
sources, so that :func:`import_json` can merge it into another store without duplicates.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal
from urllib.parse import quote as url_quote

from index.article import Article, body_hash, escape_markdown
from index.bookmark_status import PASSAGE_GONE, status_note
from index.bookmarks import (
    Bookmark,
    BookmarkStore,
    ImportReport,
    Source,
    library_key,
    normalize_tags,
)
from index.errors import BriefError
from index.library import Library
from index.sanitize import clean_text

GroupBy = Literal["outlet", "tag"]
StoryOf = Callable[[str], "tuple[str, str] | None"]

EXPORT_FORMAT = "brief-bookmarks"
EXPORT_VERSION = 1
UNTAGGED = "Untagged"

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "ImportFileError",
    "ImportReport",
    "export_json",
    "export_markdown",
    "import_json",
    "json_text",
    "parse_export",
]


class ImportFileError(BriefError):
    """The file given to import is not a readable Brief bookmarks export."""


@dataclass(frozen=True)
class _Cited:
    """A bookmark with the article facts to cite it by."""

    bookmark: Bookmark
    article_id: str
    title: str
    outlet: str
    published: date | None
    url: str | None
    author: str | None = None
    library: str | None = None
    """The library the briefing is made from, where an orphan's article is looked for when
    the bookmark records none (one saved by an older Brief)."""

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (self.published or date.max, self.outlet.casefold(), self.article_id)


# -- Markdown -----------------------------------------------------------------------------


def export_markdown(
    bookmarks: Sequence[Bookmark],
    library: Library | None = None,
    story_of: StoryOf | None = None,
    group_by: GroupBy = "outlet",
    today: date | None = None,
    title: str | None = None,
) -> str:
    """The briefing as Markdown: grouped by story, then by outlet (or tag).

    Article facts come from ``library`` when the article is there (and the bookmark is of
    that library), else from what the store saw last. ``story_of`` maps an article id to ``(story id, story title)``.
    """
    if group_by not in ("outlet", "tag"):
        raise ValueError(f"group_by is {group_by!r}; expected 'outlet' or 'tag'")
    today = today or datetime.now().date()
    articles: dict[tuple[bool, str], Article | None] = {}
    cited = [_cite(b, library, articles) for b in bookmarks]
    stories: dict[str, tuple[str, list[_Cited]]] = {}
    for item in cited:
        story = story_of(item.article_id) if story_of else None
        key, heading = story if story else (f"article:{item.article_id}", item.title)
        stories.setdefault(key, (heading, []))[1].append(item)
    ordered_stories = sorted(
        stories.values(), key=lambda s: (min(i.sort_key for i in s[1]), s[0].casefold())
    )

    sources: dict[str, int] = {}
    for _, items in ordered_stories:
        for item in sorted(items, key=lambda i: i.sort_key):
            sources.setdefault(item.article_id, len(sources) + 1)
    by_id = {item.article_id: item for item in cited}
    outlets = {item.outlet for item in cited}

    heading = title or (
        f"Briefing: {ordered_stories[0][0]}" if len(ordered_stories) == 1 else "Briefing"
    )
    lines = [f"# {_inline(heading)}", ""]
    summary = (
        f"{_plural(len(cited), 'passage')} from {_plural(len(sources), 'report')} "
        f"by {_plural(len(outlets), 'outlet')}"
    )
    lines += [f"Prepared {_long_date(today)}. {summary}.", ""]
    if not cited:
        lines += ["No bookmarks to report.", ""]
        return "\n".join(lines)
    lines += ["## Sources", ""]
    for article_id, number in sources.items():
        lines.append(f"{number}. {_source_line(by_id[article_id])}")
    lines.append("")

    for story_heading, items in ordered_stories:
        lines += [f"## {_inline(story_heading)}", ""]
        for group_heading, members in _groups(items, group_by):
            lines += [f"### {_inline(group_heading)}", ""]
            for item in members:
                lines += _passage(item, sources[item.article_id])
    return "\n".join(lines).rstrip("\n") + "\n"


def _groups(items: Sequence[_Cited], group_by: GroupBy) -> list[tuple[str, list[_Cited]]]:
    def reading(item: _Cited) -> tuple[Any, ...]:
        return (*item.sort_key, item.bookmark.start, item.bookmark.id)

    groups: dict[str, list[_Cited]] = defaultdict(list)
    if group_by == "outlet":
        for item in items:
            groups[item.outlet].append(item)
        order = sorted(groups, key=lambda o: (min(i.sort_key for i in groups[o]), o.casefold()))
    else:
        names: dict[str, str] = {}
        for item in items:
            for tag in item.bookmark.tags or (UNTAGGED,):
                key = tag.casefold() if item.bookmark.tags else "\uffff"
                names.setdefault(key, tag)
                groups[key].append(item)
        order = sorted(groups)
        return [(names[k], sorted(groups[k], key=reading)) for k in order]
    return [(name, sorted(groups[name], key=reading)) for name in order]


def _passage(item: _Cited, number: int) -> list[str]:
    bookmark = item.bookmark
    lines = [*_blockquote(bookmark.quote), ">", f"> — {_attribution(item, number)}", ""]
    if bookmark.status == "changed" and bookmark.current_text is not None:
        lines += [
            f"**Edited since it was saved** on {_long_date(bookmark.created.date())}; "
            "the article now reads:",
            "",
            *_blockquote(bookmark.current_text),
            "",
        ]
    elif bookmark.status == "orphaned":
        what = (status_note(bookmark, library=item.library) or PASSAGE_GONE).what
        lines += [
            f"**{what[:1].upper()}{what[1:]}**: the passage above is quoted as saved on "
            f"{_long_date(bookmark.created.date())}.",
            "",
        ]
    details = []
    if bookmark.note.strip():
        details.append(_list_item("**Note:** ", _note_markdown(bookmark.note)))
    if bookmark.tags:
        details.append("- **Tags:** " + ", ".join(_inline(t) for t in bookmark.tags))
    if details:
        lines += [*details, ""]
    return lines


def _blockquote(text: str) -> list[str]:
    paragraphs = [p for p in re.split(r"\n\s*\n", clean_text(text)) if p.strip()]
    lines: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if index:
            lines.append(">")
        lines.append("> " + _inline(paragraph))
    return lines or ["> "]


def _attribution(item: _Cited, number: int) -> str:
    parts = [_inline(item.outlet), f"“{_inline(item.title)}”"]
    parts.append(_long_date(item.published) if item.published else "undated")
    if item.url:
        parts.append(_url(item.url))
    bookmark = item.bookmark
    link_text = _inline(f"{item.article_id}, characters {bookmark.start}–{bookmark.end}")
    target = (
        f"brief://article/{url_quote(item.article_id, safe='/')}#{bookmark.start}-{bookmark.end}"
    )
    return ", ".join(parts) + f" · [{link_text}]({target}) · source {number}"


def _source_line(item: _Cited) -> str:
    parts = [f"{_inline(item.outlet)}: “{_inline(item.title)}”"]
    if item.author:
        parts.append(f"by {_inline(item.author)}")
    parts.append(_long_date(item.published) if item.published else "undated")
    line = ", ".join(parts) + "."
    if item.url:
        line += f" {_url(item.url)}"
    return line + f" (article {_code(item.article_id)})"


def _cite(
    bookmark: Bookmark,
    library: Library | None,
    articles: dict[tuple[bool, str], Article | None],
) -> _Cited:
    # A bookmark of another library is cited from the store: an article of this library
    # with the same id may be another text.
    own = library is not None and bookmark.library in ("", library_key(library.root))
    key = (own, bookmark.article)
    if key not in articles:
        try:
            articles[key] = library.load(bookmark.article) if library and own else None
        except BriefError:
            articles[key] = None
    article = articles[key]
    here = library_key(library.root) if library is not None else None
    if article is not None:
        return _Cited(
            bookmark,
            bookmark.article,
            article.title,
            article.outlet,
            article.published_date,
            article.url,
            article.author,
            here,
        )
    source = bookmark.source or Source(title=bookmark.article, outlet="Unknown outlet")
    return _Cited(
        bookmark,
        bookmark.article,
        source.title,
        source.outlet,
        _parse_date(source.published),
        source.url,
        source.author,
        here,
    )


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _inline(text: str) -> str:
    """Article or user text as literal Markdown inline text, on one line."""
    return escape_markdown(" ".join(clean_text(text).split()))


def _code(text: str) -> str:
    text = " ".join(clean_text(text).split())
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_SAFE_URL = re.compile(r"https?://[^\s<>\\`]+", re.IGNORECASE)


def _url(url: str) -> str:
    url = url.strip()
    if _SAFE_URL.fullmatch(url):
        return f"<{url}>"
    return _inline(url)


_TAG_START = re.compile(r"<(?=[A-Za-z/!?])(?![A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>)")
_LINK_DEFINITION = re.compile(r"^(\s{0,3})\[(?=[^\]]+\]:)", re.MULTILINE)


def _note_markdown(note: str) -> str:
    """A note's Markdown with what could reach outside its list item made harmless:
    raw HTML and link reference definitions (which apply to the whole document)."""
    text = clean_text(note).strip("\n")
    text = _TAG_START.sub(r"\\<", text)
    return _LINK_DEFINITION.sub(r"\1\\[", text)


def _list_item(label: str, markdown: str) -> str:
    """A list item whose every line is indented, so the note stays inside it (an unclosed
    code fence or a heading in the note ends with the item)."""
    lines = markdown.split("\n")
    first, rest = lines[0], lines[1:]
    if first.strip() == "" or re.match(r"\s*(```|~~~|#|>|[-*+] |\d+[.)] )", first):
        # Block syntax must start on its own line to keep its meaning.
        rest = [first, *rest] if first.strip() else rest
        first = ""
    out = [f"- {label}{first}".rstrip()]
    out += [f"  {line}" if line.strip() else "" for line in rest]
    return "\n".join(out)


def _long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# -- JSON -----------------------------------------------------------------------------------


def export_json(
    bookmarks: Iterable[Bookmark],
    texts: Mapping[str, str] | None = None,
    exported: datetime | None = None,
) -> str:
    """Bookmarks as JSON with everything needed to re-import them: anchors, notes, tags,
    times, sources, and (from ``texts``, hash -> body) the bodies they were anchored in."""
    records = []
    used: dict[str, str] = {}
    for bookmark in bookmarks:
        record: dict[str, Any] = bookmark.to_json()
        record.update(
            uid=bookmark.uid,
            prefix=bookmark.prefix,
            suffix=bookmark.suffix,
            content_hash=bookmark.content_hash,
            source=_source_json(bookmark.source),
        )
        records.append(record)
        if texts and bookmark.content_hash in texts:
            used[bookmark.content_hash] = texts[bookmark.content_hash]
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported": (exported or datetime.now(UTC)).isoformat(),
        "bookmarks": records,
        "texts": used,
    }
    return json_text(document)


def json_text(data: Any) -> str:
    """JSON that is safe to print: C1 controls and line separators are \\u-escaped too."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text) + "\n"


_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029]")


def _source_json(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    return {
        "title": source.title,
        "outlet": source.outlet,
        "published": source.published,
        "url": source.url,
        "author": source.author,
    }


def import_json(store: BookmarkStore, text: str) -> ImportReport:
    """Merge a JSON export (or ``brief bookmarks list --json`` output) into ``store``.

    All or nothing: a file with any invalid record raises :class:`ImportFileError` naming it
    and imports nothing. Bookmarks already present (same uid, or same passage and note)
    are not duplicated.
    """
    bookmarks, texts = parse_export(text)
    return store.merge(bookmarks, texts)


def parse_export(text: str) -> tuple[list[Bookmark], dict[str, str]]:
    """Read and check an export: its bookmarks and the anchored bodies whose hash checks out."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("bookmarks"), list):
        raise ImportFileError(
            'not a Brief bookmarks export: expected an object with a "bookmarks" list'
        )
    if data.get("format", EXPORT_FORMAT) != EXPORT_FORMAT:
        raise ImportFileError(f"not a Brief bookmarks export (format {data.get('format')!r})")
    version = data.get("version", EXPORT_VERSION)
    if not isinstance(version, int) or version > EXPORT_VERSION:
        raise ImportFileError(
            f"this export has version {version!r}, newer than this Brief reads "
            f"({EXPORT_VERSION}): upgrade Brief to import it"
        )
    raw_texts = data.get("texts") or {}
    if not isinstance(raw_texts, dict):
        raise ImportFileError('"texts" must be an object mapping content hashes to text')
    texts = {
        h: body
        for h, body in raw_texts.items()
        if isinstance(h, str) and isinstance(body, str) and body_hash(body) == h
    }
    return [_bookmark(record, n) for n, record in enumerate(data["bookmarks"], 1)], texts


def _bookmark(record: Any, n: int) -> Bookmark:
    where = f"bookmark {n}"
    if not isinstance(record, dict):
        raise ImportFileError(f"{where} is not an object")

    def text(key: str, default: str | None = None, *, required: bool = False) -> str:
        value = record.get(key, default)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value):
            raise ImportFileError(f"{where}: {key!r} must be a non-empty string")
        return value

    def whole(key: str) -> int:
        value = record.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ImportFileError(f"{where}: {key!r} must be a whole number >= 0, not {value!r}")
        return value

    def stamp(key: str) -> datetime:
        value = record.get(key)
        if value is None:
            return datetime.now(UTC)
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            raise ImportFileError(f"{where}: {key!r} is {value!r}, not an ISO 8601 time") from None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

    quote = text("quote", required=True)
    start, end = whole("start"), whole("end")
    if end <= start:
        raise ImportFileError(f"{where}: 'end' ({end}) must be after 'start' ({start})")
    status = record.get("status", "anchored")
    if status not in ("anchored", "changed", "orphaned"):
        raise ImportFileError(
            f"{where}: 'status' is {status!r}; expected anchored, changed, orphaned"
        )
    tags = record.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ImportFileError(f"{where}: 'tags' must be a list of strings")
    current = record.get("current_text")
    if current is not None and not isinstance(current, str):
        raise ImportFileError(f"{where}: 'current_text' must be a string or null")
    source = record.get("source")
    return Bookmark(
        id=record.get("id") if isinstance(record.get("id"), int) else 0,
        article=text("article", required=True),
        quote=quote,
        prefix=text("prefix"),
        suffix=text("suffix"),
        start=start,
        end=end,
        content_hash=text("content_hash"),
        note=text("note"),
        tags=normalize_tags(tags),
        created=stamp("created"),
        updated=stamp("updated"),
        status=status,
        current_text=current,
        uid=text("uid"),
        source=_source(source, where),
        library=text("library"),
    )


def _source(value: Any, where: str) -> Source | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(
        isinstance(value.get(k), str) for k in ("title", "outlet")
    ):
        raise ImportFileError(f"{where}: 'source' must hold a 'title' and an 'outlet'")
    extra = {k: value.get(k) for k in ("published", "url", "author")}
    if not all(v is None or isinstance(v, str) for v in extra.values()):
        raise ImportFileError(f"{where}: 'source' fields must be strings")
    return Source(value["title"], value["outlet"], **extra)

"""The importer: raw saves of news pages turned into clean articles in the library.

:func:`import_text` reads one save (pure, no I/O) and says what it guessed and what it
dropped and why; :func:`import_paths` walks files and folders and writes new article
files, never overwriting one and refusing a report already in the library.

How a plain-text save is read. Every line is first tested for what it is on its own
(a date line, a byline, a photo caption or credit, an image or page URL, page
furniture such as comment boxes, share buttons, "Related", copyright notices and
publisher disclaimers). Then position decides the rest: the title is the first
free line; the *header* runs from the top to the first line of prose (twelve words
or more, ending a sentence, whose first sentence has a verb); short header lines are
section labels or the outlet's name, longer ones the standfirst (kept as the first
paragraph) or, when verbless, the lead photo's caption. In the body, a short line
without final punctuation followed by more report is a subheading; short runs of
capitalised words with no report after them (or repeated at the head of the next
line) are tag debris. Captions are kept once, as a caption block; bare credits,
image URLs and repeats of the title, a caption or a paragraph are dropped.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from index.article import (
    KNOWN_KEYS,
    ParagraphKind,
    parse_article,
    parse_published,
    render_article,
)
from index.boilerplate import copyright_owner, furniture_reason
from index.bylines import looks_like_outlet, parse_byline
from index.captions import caption_text, collapse_repeats, photo_line
from index.datelines import parse_dateline
from index.errors import ArticleError
from index.library import Library
from index.sanitize import MAX_ARTICLE_BYTES, NotTextError, clean_text, decode_bytes

IMPORT_SUFFIXES = (".txt", ".md", ".markdown", ".text")

SECTION_LABELS = {
    label.lower()
    for label in (
        "World",
        "World news",
        "International",
        "Politics",
        "Business",
        "Economy",
        "Markets",
        "Finance",
        "Financial",
        "Opinion",
        "Analysis",
        "Comment",
        "Sport",
        "Sports",
        "Tech",
        "Technology",
        "Science",
        "Health",
        "Culture",
        "Entertainment",
        "Lifestyle",
        "Europe",
        "Asia",
        "Asia-Pacific",
        "Asia Pacific",
        "Africa",
        "Americas",
        "Middle East",
        "US",
        "US news",
        "UK",
        "UK news",
        "News",
        "Local",
        "National",
        "Defense",
        "Defence",
        "Security",
        "Military",
        "Breaking",
        "Breaking News",
        "Latest",
        "Monde",
        "Politique",
        "Économie",
        "Asie-Pacifique",
        "Europe",
        "Welt",
        "Ausland",
        "Politik",
        "Wirtschaft",
        "Mundo",
        "Internacional",
        "Política",
    )
}

_TERMINAL = (".", "!", "?", "…", '"', "”", "’", "»", ")", "]", ":", ";")
_URL = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.IGNORECASE)
_IMAGE_URL = re.compile(
    r"(?:\.(?:jpe?g|png|gif|webp|avif|svg|bmp)(?:[?#]\S*)?$|/(?:images?|photos?|media|img|"
    r"uploads|thumbnails?)/)",
    re.IGNORECASE,
)
_MD_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_MD_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\((?:[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*)(?=\S)(.+?)(?<=\S)\1")
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .,'-]{1,60}?\((?P<agency>Reuters|AP|AFP|Bloomberg|Yonhap|dpa|UPI|PA)\)\s*[-–—]"
)
_WIRE_NAMES = {"AP": "Associated Press", "PA": "PA Media", "dpa": "dpa"}
_VERBS = frozenset(
    ["is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "may", "might", "shall", "should", "must", "said", "says", "say", "told", "tells", "tell", "shows", "show", "showed", "appears", "appear", "appeared", "seems", "seem", "make", "makes", "made", "take", "takes", "took", "get", "gets", "got", "give", "gives", "gave", "go", "goes", "went", "come", "comes", "came", "see", "sees", "saw", "know", "knows", "knew", "think", "thinks", "thought", "want", "wants", "find", "finds", "found", "become", "becomes", "became", "leave", "leaves", "left", "meet", "meets", "met", "hold", "holds", "held", "keep", "keeps", "kept", "send", "sends", "sent", "run", "runs", "ran", "warn", "warns", "warned", "claim", "claims", "deny", "denies"]
)
_TAG_JOINERS = {"and", "&", "of", "the", "de", "la", "le", "et"}


@dataclass(frozen=True, slots=True)
class ImportOverrides:
    """Facts the user gives on the command line; each one replaces what was guessed."""

    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    url: str | None = None
    author: str | None = None
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Dropped:
    """A line of the save left out of the article, and why."""

    line_no: int
    text: str
    reason: str


@dataclass
class ImportResult:
    """One save read as an article: the fields (flags applied), the kept blocks, the drops.

    ``guessed`` holds what the text itself said for each field (None where it said
    nothing), so a user can see which values came from flags.
    """

    title: str | None
    outlet: str | None
    published: datetime | None
    url: str | None
    author: str | None
    section: str | None
    standfirst: str | None
    blocks: list[tuple[ParagraphKind, str]]
    dropped: list[Dropped]
    guessed: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def meta(self) -> dict[str, Any]:
        """Front matter for the article file."""
        meta: dict[str, Any] = {
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
            "author": self.author,
            "section": self.section,
        }
        meta.update({k: v for k, v in self.extra.items() if k not in meta})
        return meta

    def render(self) -> str:
        """The article file's text."""
        return render_article(self.meta(), self.blocks)


@dataclass
class ImportOutcome:
    """What happened to one input file: the article written (or that would be), or why not."""

    source: Path
    result: ImportResult | None = None
    article_id: str | None = None
    path: Path | None = None
    error: str | None = None
    duplicate_of: str | None = None
    warnings: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class _Line:
    no: int
    text: str
    chunk: int
    kind: str = ""  # "" until classified
    reason: str = ""
    md_level: int = 0
    original: str = ""
    removed: str = ""


def import_text(
    text: str, *, source_name: str = "", overrides: ImportOverrides | None = None
) -> ImportResult:
    """Read one saved page as an article. Pure: no file is read or written.

    Text starting with a YAML front-matter block is taken as an article already, with
    flags overriding its fields; anything else is read as a plain-text save.
    Raises :class:`ArticleError` for malformed front matter.
    """
    overrides = overrides or ImportOverrides()
    text = unicodedata.normalize("NFC", clean_text(text)).replace("\u00a0", " ")
    if _has_front_matter(text):
        result = _from_front_matter(text, source_name)
    else:
        result = _from_plain_text(text, markdown=source_name.lower().endswith((".md", ".markdown")))
    return _apply(result, overrides, source_name)


def _apply(result: ImportResult, overrides: ImportOverrides, source_name: str) -> ImportResult:
    result.guessed = {
        "title": result.title,
        "outlet": result.outlet,
        "published": result.published,
        "url": result.url,
        "author": result.author,
        "section": result.section,
    }
    for name in result.guessed:
        value = getattr(overrides, name)
        if value not in (None, ""):
            setattr(result, name, value)
    if not result.title:
        stem = Path(source_name).stem if source_name else ""
        if stem:
            result.title = re.sub(r"[_-]+", " ", stem).strip()
            result.warnings.append("no title line found; the file name is used as title")
    if not result.outlet:
        result.warnings.append("no outlet named in the text; give one with --outlet")
    if result.published is None:
        result.warnings.append("no publication date found in the text")
    if not any(kind != "caption" for kind, _ in result.blocks):
        result.warnings.append("no paragraphs of report found")
    return result


# -- front matter -------------------------------------------------------------------------


def _has_front_matter(text: str) -> bool:
    return re.match(r"\A---[ \t]*\n.*?\n---[ \t]*(?:\n|\Z)", text, re.DOTALL) is not None


def _from_front_matter(text: str, source_name: str) -> ImportResult:
    match = re.match(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", text, re.DOTALL)
    assert match is not None
    where = source_name or "input"
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ArticleError(f"malformed front matter: {problem}", where, line) from None
    if not isinstance(meta, dict):
        raise ArticleError("front matter is not a set of 'key: value' lines", where, 2)
    meta = {str(k): v for k, v in meta.items()}
    # Parse the body with placeholder names so a file lacking them still reads.
    probe = render_article({"title": "-", "outlet": "-"}, []) + text[match.end() :]
    article = parse_article(probe, where)
    return ImportResult(
        title=_str(meta.get("title")),
        outlet=_str(meta.get("outlet")),
        published=parse_published(meta.get("published"), where),
        url=_str(meta.get("url")),
        author=_str(meta.get("author")),
        section=_str(meta.get("section")),
        standfirst=_str(meta.get("standfirst")),
        blocks=[(p.kind, p.text) for p in article.paragraphs],
        dropped=[],
        extra={k: v for k, v in meta.items() if k not in KNOWN_KEYS or k == "story"},
    )


def _str(value: Any) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None


# -- plain text ------------------------------------------------------------------------


def _from_plain_text(text: str, *, markdown: bool) -> ImportResult:
    lines = _split_lines(text, markdown=markdown)
    dropped: list[Dropped] = []
    facts: dict[str, Any] = {}

    for line in lines:
        _classify_alone(line, facts)
    _join_wrapped(lines)

    free = [ln for ln in lines if not ln.kind]
    title_line = next(
        (ln for ln in free if ln.md_level == 1),
        next((ln for ln in free[:8] if _title_shaped(ln.text)), None),
    )
    if title_line is not None:
        title_line.kind, title_line.reason = "title", "title"
    body_start = next(
        (
            i
            for i, ln in enumerate(lines)
            if not ln.kind and _is_prose(ln.text) and (title_line is None or ln.no > title_line.no)
        ),
        len(lines),
    )
    standfirst = None
    for line in lines[:body_start]:
        if line.kind:
            continue
        standfirst = _classify_header(line, title_line, facts, standfirst)
    _classify_body(lines, body_start, title_line)

    blocks: list[tuple[ParagraphKind, str]] = []
    seen_captions: set[str] = set()
    seen_text: set[str] = set()
    for line in lines:
        key = _norm(line.text)
        if line.kind == "caption":
            if key in seen_captions:
                dropped.append(Dropped(line.no, line.text, "repeated caption"))
                continue
            seen_captions.add(key)
            blocks.append(("caption", line.text))
            if line.removed:
                dropped.append(Dropped(line.no, line.removed, "tag debris before a caption"))
        elif line.kind in ("text", "heading", "standfirst"):
            if key in seen_text:
                dropped.append(Dropped(line.no, line.text, "repeated paragraph"))
                continue
            seen_text.add(key)
            blocks.append(("heading" if line.kind == "heading" else "text", line.text))
        elif line.kind != "title" and line.kind != "joined":
            dropped.append(Dropped(line.no, line.original, line.reason))

    outlet = facts.get("outlet") or facts.get("byline_outlet") or facts.get("copyright_outlet")
    if not outlet:
        first = next((b for k, b in blocks if k == "text"), "")
        wire = _WIRE_DATELINE.match(first)
        if wire:
            outlet = _WIRE_NAMES.get(wire["agency"], wire["agency"])
    return ImportResult(
        title=title_line.text if title_line else None,
        outlet=outlet,
        published=facts.get("published"),
        url=facts.get("url"),
        author=facts.get("author") or facts.get("trailer_author"),
        section=facts.get("section"),
        standfirst=standfirst,
        blocks=blocks,
        dropped=sorted(dropped, key=lambda d: d.line_no),
    )


def _split_lines(text: str, *, markdown: bool) -> list[_Line]:
    lines: list[_Line] = []
    chunk = 0
    for no, raw in enumerate(text.split("\n"), 1):
        stripped = re.sub(r"[ \t]+", " ", raw).strip()
        if not stripped:
            chunk += 1
            continue
        line = _Line(no, stripped, chunk, original=stripped)
        if markdown:
            heading = _MD_HEADING.match(stripped)
            if heading:
                line.md_level = len(heading.group(1))
                line.text = heading.group(2)
            if not _MD_IMAGE.match(line.text):
                line.text = _MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", line.text))
        lines.append(line)
    return lines


def _classify_alone(line: _Line, facts: dict[str, Any]) -> None:
    """What a line is on its own, wherever it stands."""
    text = line.text
    if _MD_IMAGE.match(text):
        line.kind, line.reason = "drop", "image"
        return
    if _URL.match(text):
        if _IMAGE_URL.search(text):
            line.kind, line.reason = "drop", "image URL"
        else:
            line.kind, line.reason = "drop", "page URL"
            facts.setdefault("url", text.strip("<>"))
        return
    labelled_url = re.match(r"^(?:source|url|link|original|lien)\s*:\s*(https?://\S+)$", text, re.I)
    if labelled_url:
        line.kind, line.reason = "drop", "page URL"
        facts.setdefault("url", labelled_url.group(1))
        return
    collapsed = collapse_repeats(text)
    photo = photo_line(collapsed)
    if photo is not None and len(collapsed.split()) <= 90:
        if photo.bare:
            line.kind, line.reason = "drop", "photo credit"
        else:
            line.text = caption_text(collapsed)
            line.kind, line.reason = "caption", ""
            if collapsed != text:
                line.reason = "caption repeated on one line"
        return
    reason = furniture_reason(text)
    if reason:
        line.kind, line.reason = "drop", reason
        if reason == "copyright notice":
            owner = copyright_owner(text)
            if owner:
                facts.setdefault("copyright_outlet", owner)
        elif reason == "credits trailer":
            names = re.match(r"^\(?reporting by ([^;]+)", text, re.I)
            if names:
                facts.setdefault("trailer_author", names.group(1).strip(" .)"))
        return
    if len(text.split()) <= 25:
        dateline = parse_dateline(text)
        if dateline is not None:
            line.kind, line.reason = "drop", "date line"
            if dateline.when is not None:
                facts.setdefault("published", dateline.when)
            if dateline.author:
                facts.setdefault("author", dateline.author)
            return
    if len(text.split()) <= 14:
        byline = parse_byline(text)
        if byline is not None:
            line.kind, line.reason = "drop", "byline"
            if byline.author:
                facts.setdefault("author", byline.author)
            if byline.outlet:
                facts.setdefault("byline_outlet", byline.outlet)


def _join_wrapped(lines: list[_Line]) -> None:
    """Join hard-wrapped prose: a free line continuing the free line before it."""
    previous: _Line | None = None
    for line in lines:
        if (
            previous is not None
            and not line.kind
            and previous.chunk == line.chunk
            and len(previous.text) >= 50
            and (not previous.text.endswith(_TERMINAL) or line.text[:1].islower())
            and not line.md_level
        ):
            previous.text = f"{previous.text} {line.text}"
            line.kind, line.reason = "joined", ""
            continue
        previous = line if not line.kind else None


def _title_shaped(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 30 and not (text.endswith(".") and len(words) > 20)


def _is_prose(text: str) -> bool:
    return len(text.split()) >= 12 and text.endswith(_TERMINAL) and _has_verb(_first_sentence(text))


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(?:\s+[A-Z\"“]|$)", text)
    return match.group(1) if match else text


def _has_verb(sentence: str) -> bool:
    for word in re.findall(r"[A-Za-z'’]+", sentence):
        lower = word.lower()
        if lower in _VERBS or (word.islower() and len(word) > 4 and lower.endswith("ed")):
            return True
    return False


def _classify_header(
    line: _Line, title: _Line | None, facts: dict[str, Any], standfirst: str | None
) -> str | None:
    text = line.text
    words = text.split()
    if title is not None and _norm(text) == _norm(title.text):
        line.kind, line.reason = "drop", "title repeated"
    elif _is_section(text):
        line.kind, line.reason = "drop", "section label"
        facts.setdefault("section", text.strip(" >|/"))
    elif looks_like_outlet(text) and "outlet" not in facts:
        line.kind, line.reason = "drop", "outlet name"
        facts["outlet"] = text
    elif len(words) <= 3 and not text.endswith(_TERMINAL) and _capitalised(words):
        line.kind, line.reason = "drop", "section label"
        facts.setdefault("section", text)
    elif (
        len(words) <= 35
        and text.endswith((".", "!"))
        and not _has_verb(_first_sentence(text))
        and (title is None or line.no > title.no)
    ):
        line.kind, line.reason = "caption", ""
    elif len(words) >= 8 and (title is None or line.no > title.no):
        line.kind = "standfirst"
        return standfirst or text
    else:
        line.kind = "text"
    return standfirst


def _is_section(text: str) -> bool:
    parts = [p.strip() for p in re.split(r"\s*[>|/›»]\s*", text) if p.strip()]
    return bool(parts) and all(p.lower() in SECTION_LABELS or p.lower() == "home" for p in parts)


def _capitalised(words: Sequence[str]) -> bool:
    named = [w for w in words if w.lower() not in _TAG_JOINERS]
    return bool(named) and all(w[:1].isupper() for w in named)


def _classify_body(lines: list[_Line], body_start: int, title: _Line | None) -> None:
    free_after = [i for i, ln in enumerate(lines) if i >= body_start and not ln.kind]
    last_prose = max((i for i in free_after if _is_prose(lines[i].text)), default=-1)
    for i in free_after:
        line = lines[i]
        text = line.text
        words = text.split()
        following = lines[i + 1] if i + 1 < len(lines) else None
        if title is not None and _norm(text) == _norm(title.text):
            line.kind, line.reason = "drop", "title repeated"
        elif len(words) <= 6 and not text.endswith(_TERMINAL) and _capitalised(words):
            if i > last_prose or (
                (following is not None
                and following.text.startswith(text + " "))
                or (following is not None and following.kind in ("caption", "drop"))
            ):
                line.kind, line.reason = "drop", "tag debris"
                if following is not None and following.text.startswith(text + " "):
                    _strip_tag_prefix(following, text)
                    following.removed = text
            else:
                line.kind = "heading"
        elif line.md_level >= 2 or (
            len(words) <= 20
            and not text.endswith(_TERMINAL)
            and text[:1].isupper()
            and i < last_prose
        ):
            line.kind = "heading"
        elif i > last_prose and len(words) <= 4 and not text.endswith(_TERMINAL):
            line.kind, line.reason = "drop", "trailing debris"
        else:
            line.kind = "text"


def _strip_tag_prefix(line: _Line, prefix: str) -> None:
    """ "North Korea Russia A North Korean artillery drill (KCNA/AP)" -> the caption alone."""
    rest = line.text[len(prefix) :].strip()
    photo = photo_line(rest)
    if photo is not None and not photo.bare:
        line.text, line.kind, line.reason = caption_text(rest), "caption", ""
    elif photo is None:
        line.text = rest


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


# -- files -----------------------------------------------------------------------------


def import_paths(
    paths: Iterable[Path | str],
    library_root: Path,
    overrides: ImportOverrides | None = None,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int, Path], None] | None = None,
) -> list[ImportOutcome]:
    """Import files and folders (recursively) into the library at ``library_root``.

    Returns one outcome per input file. Nothing is ever overwritten: a taken file name
    gets a numbered sibling, and a body identical to an article already in the library
    (or earlier in this batch) is refused, naming that article.
    """
    overrides = overrides or ImportOverrides()
    library_root = Path(library_root)
    sources, outcomes = _collect(paths)
    known: dict[str, str] | None = None
    for done, source in enumerate(sources, 1):
        if progress:
            progress(done, len(sources), source)
        outcome = _import_file(source, overrides)
        outcomes.append(outcome)
        if outcome.error or outcome.result is None:
            continue
        if known is None:
            known = _library_hashes(library_root)
        _place(outcome, library_root, known, dry_run=dry_run)
    return outcomes


def _collect(paths: Iterable[Path | str]) -> tuple[list[Path], list[ImportOutcome]]:
    sources: list[Path] = []
    missing: list[ImportOutcome] = []
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            found = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(
                    Path(folder) / f
                    for f in sorted(files)
                    if not f.startswith(".") and f.lower().endswith(IMPORT_SUFFIXES)
                )
            if not found:
                missing.append(ImportOutcome(path, error="folder holds no .txt or .md files"))
            sources.extend(found)
        elif path.is_file():
            sources.append(path)
        elif path.exists():
            missing.append(ImportOutcome(path, error="not a regular file; skipped"))
        else:
            missing.append(ImportOutcome(path, error="no such file or folder"))
    return sources, missing


def _import_file(source: Path, overrides: ImportOverrides) -> ImportOutcome:
    outcome = ImportOutcome(source)
    try:
        size = source.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise NotTextError(
                f"file is {size / 1e6:.1f} MB, over the {MAX_ARTICLE_BYTES / 1e6:.0f} MB limit"
            )
        decoded = decode_bytes(source.read_bytes())
    except NotTextError as exc:
        outcome.error = f"{exc}; skipped"
        return outcome
    except OSError as exc:
        outcome.error = f"cannot read: {exc.strerror or exc}"
        return outcome
    if decoded.warning:
        outcome.warnings.append(decoded.warning)
    try:
        result = import_text(decoded.text, source_name=source.name, overrides=overrides)
    except ArticleError as exc:
        outcome.error = f"{exc.reason}" + (f" (line {exc.line})" if exc.line else "")
        return outcome
    outcome.result = result
    outcome.warnings.extend(result.warnings)
    if not result.outlet:
        outcome.error = "no outlet named in the text; give one with --outlet"
    elif not any(kind != "caption" for kind, _ in result.blocks):
        outcome.error = "no paragraphs of report found; nothing to import"
    return outcome


def _library_hashes(root: Path) -> dict[str, str]:
    articles, _problems = Library(root).load_all()
    return {article.content_hash: article.id for article in articles}


def _place(outcome: ImportOutcome, root: Path, known: dict[str, str], *, dry_run: bool) -> None:
    result = outcome.result
    assert result is not None
    text = result.render()
    relative = article_filename(result.outlet or "", result.title or "", result.published)
    try:
        article = parse_article(text, relative)
    except ArticleError as exc:
        outcome.error = f"the article would not read back: {exc.reason}"
        return
    existing = known.get(article.content_hash)
    if existing is not None:
        outcome.duplicate_of = existing
        outcome.error = f"same text as the article already in the library: {existing}"
        return
    target = _free_path(root, relative)
    outcome.article_id = target.relative_to(root).as_posix()
    outcome.path = target
    if dry_run:
        known[article.content_hash] = outcome.article_id
        return
    while True:
        try:
            _write_new(target, text)
            break
        except FileExistsError:
            target = _free_path(root, relative)
    outcome.article_id = target.relative_to(root).as_posix()
    outcome.path = target
    outcome.written = True
    known[article.content_hash] = outcome.article_id


def article_filename(outlet: str, title: str, published: datetime | None) -> str:
    """``<outlet-slug>/<yyyy-mm-dd>-<title-slug>.md``, without the date when unknown."""
    name = slug(title, 60) or "article"
    if published is not None:
        name = f"{published.date().isoformat()}-{name}"
    return f"{slug(outlet, 40) or 'unknown-outlet'}/{name}.md"


def slug(text: str, limit: int) -> str:
    """Lower-case words joined by hyphens, accents folded, cut at a word under ``limit``."""
    text = re.sub(r"['’]", "", text)
    text = re.sub(r"\b(\w)\.(?=\w\b)", r"\1", text)  # U.S. -> US
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = re.findall(r"\w+", folded.lower().replace("_", " "))
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or (words[0][:limit] if words else "")


def _free_path(root: Path, relative: str) -> Path:
    target = root / relative
    number = 2
    while target.exists():
        target = root / f"{relative[:-3]}-{number}.md"
        number += 1
    return target


def _write_new(target: Path, text: str) -> None:
    """Write ``target`` whole, or raise FileExistsError: never replaces an existing file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)

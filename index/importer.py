"""The importer: raw saves of news pages turned into clean articles in the library.

:func:`import_text` reads one save (pure, no I/O) and says what it guessed and what it
dropped and why; :func:`import_paths` walks files and folders and writes new article
files, never overwriting one and refusing a report already in the library.

Plain text is read by :mod:`index.plaintext`; a ``.md`` file with front matter is
taken as an article already. Flags (:class:`ImportOverrides`) replace the guesses.

Choices made for the user:

- A standfirst (subtitle) is a sentence of the report, so it is kept as the first
  paragraph of the body (and reported as ``standfirst``), not set aside in front matter.
- A publisher's disclaimer ("The views expressed in this article do not reflect the
  opinion of ...") is dropped: it speaks for the site, not about the event.
- A descriptive photo caption is kept once, as a caption block (searchable, skipped by
  comparison and entity counts); a bare credit ("© Name / Getty Images") is dropped.
- Nothing is invented: a date the save does not print stays empty, and a save that
  names no outlet is refused until ``--outlet`` gives one.
- Files are named ``<outlet>/<yyyy-mm-dd>-<title>.md`` (no date part when unknown); a
  taken name gets ``-2``, ``-3``..., so no file is ever replaced.
- Fixing a wrong guess is a re-import with corrected flags and ``replace=True``: the
  article with the same body (or the same page URL) is then replaced, and the outcome
  names it. Without ``replace`` such a re-import is refused, never applied silently.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from index.article import (
    KNOWN_KEYS,
    ParagraphKind,
    front_matter_error,
    parse_article,
    parse_published,
    render_article,
)
from index.atomic import write_atomic
from index.errors import ArticleError
from index.library import Library
from index.plaintext import Dropped, read_plain_text
from index.sanitize import MAX_ARTICLE_BYTES, NotTextError, clean_text, decode_bytes

IMPORT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


@dataclass(frozen=True, slots=True)
class ImportOverrides:
    """Facts the user gives on the command line; each one replaces what was guessed."""

    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    url: str | None = None
    author: str | None = None
    section: str | None = None


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
    replaced: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


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
        reading = read_plain_text(text, markdown=source_name.lower().endswith((".md", ".markdown")))
        result = ImportResult(
            title=reading.title,
            outlet=reading.outlet,
            published=reading.published,
            url=reading.url,
            author=reading.author,
            section=reading.section,
            standfirst=reading.standfirst,
            blocks=reading.blocks,
            dropped=reading.dropped,
        )
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
        problem, line = front_matter_error(exc)
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
    if value is None:
        return None
    return str(value).strip() or None


# -- files -----------------------------------------------------------------------------


def import_paths(
    paths: Iterable[Path | str],
    library_root: Path,
    overrides: ImportOverrides | None = None,
    *,
    dry_run: bool = False,
    replace: bool = False,
    progress: Callable[[int, int, Path], None] | None = None,
) -> list[ImportOutcome]:
    """Import files and folders (recursively) into the library at ``library_root``.

    Returns one outcome per input file. Nothing is ever overwritten: a taken file name
    gets a numbered sibling, and a body identical to an article already in the library
    (or earlier in this batch) is refused, naming that article. With ``replace``, an
    article already in the library with the same body or page URL is replaced by the
    new import (its file removed when the new one is named differently).
    """
    overrides = overrides or ImportOverrides()
    library_root = Path(library_root)
    found = _collect(paths)
    outcomes: list[ImportOutcome] = []
    known: _Known | None = None
    for done, (source, refusal) in enumerate(found, 1):
        if progress:
            progress(done, len(found), source)
        if refusal:
            outcomes.append(ImportOutcome(source, error=refusal))
            continue
        outcome = _import_file(source, overrides)
        outcomes.append(outcome)
        if outcome.error or outcome.result is None:
            continue
        if known is None:
            known = _Known.of_library(library_root)
        _place(outcome, library_root, known, dry_run=dry_run, replace=replace)
    return outcomes


def _collect(paths: Iterable[Path | str]) -> list[tuple[Path, str | None]]:
    """Every file to import, in the order given, or why a path cannot be imported."""
    found: list[tuple[Path, str | None]] = []
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            files = []
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files.extend(
                    (Path(folder) / name, None)
                    for name in sorted(names)
                    if not name.startswith(".") and name.lower().endswith(IMPORT_SUFFIXES)
                )
            found.extend(files or [(path, "folder holds no .txt or .md files")])
        elif path.is_file():
            wrong = path.suffix and path.suffix.lower() not in IMPORT_SUFFIXES
            found.append(
                (
                    path,
                    f"only .txt and .md files are imported, not {path.suffix}: save the page "
                    "as text (.txt) and add that"
                    if wrong
                    else None,
                )
            )
        elif path.exists():
            found.append((path, "not a regular file; skipped"))
        else:
            found.append((path, "no such file or folder"))
    return found


def import_data(
    data: bytes,
    source: Path,
    library_root: Path,
    overrides: ImportOverrides | None = None,
    *,
    dry_run: bool = False,
    replace: bool = False,
) -> ImportOutcome:
    """Import one save given as bytes (e.g. read from standard input); ``source`` names it
    in messages and stands in for a file name when the text has no title line."""
    outcome = _read_data(data, Path(source), overrides or ImportOverrides())
    if outcome.ok and outcome.result is not None:
        root = Path(library_root)
        _place(outcome, root, _Known.of_library(root), dry_run=dry_run, replace=replace)
    return outcome


def _import_file(source: Path, overrides: ImportOverrides) -> ImportOutcome:
    try:
        size = source.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise NotTextError(
                f"file is {size / 1e6:.1f} MB, over the {MAX_ARTICLE_BYTES / 1e6:.0f} MB limit"
            )
        data = source.read_bytes()
    except NotTextError as exc:
        return ImportOutcome(source, error=f"{exc}; skipped")
    except OSError as exc:
        return ImportOutcome(source, error=f"cannot read: {exc.strerror or exc}")
    return _read_data(data, source, overrides)


def _read_data(data: bytes, source: Path, overrides: ImportOverrides) -> ImportOutcome:
    outcome = ImportOutcome(source)
    try:
        decoded = decode_bytes(_from_utf16(data))
    except NotTextError as exc:
        outcome.error = f"{exc}; skipped"
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


def _from_utf16(data: bytes) -> bytes:
    """UTF-16 text with a byte-order mark (Windows "Unicode" saves) as UTF-8 bytes."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return data
    return data


@dataclass
class _Known:
    """Articles an import is checked against: the library's, and this batch's so far."""

    library: dict[str, str]  # body hash -> article id
    urls: dict[str, str]  # page URL -> article id
    batch: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of_library(cls, root: Path) -> _Known:
        articles, _problems = Library(root).load_all()
        return cls(
            library={article.content_hash: article.id for article in articles},
            urls={article.url: article.id for article in articles if article.url},
        )


def _place(
    outcome: ImportOutcome, root: Path, known: _Known, *, dry_run: bool, replace: bool = False
) -> None:
    result = outcome.result
    assert result is not None
    text = result.render()
    relative = article_filename(result.outlet or "", result.title or "", result.published)
    try:
        article = parse_article(text, relative)
    except ArticleError as exc:
        outcome.error = f"the article would not read back: {exc.reason}"
        return
    in_batch = known.batch.get(article.content_hash)
    if in_batch is not None:
        outcome.duplicate_of = in_batch
        outcome.error = f"same text as {in_batch}, imported just before; skipped"
        return
    existing = known.library.get(article.content_hash)
    if existing is not None and not replace:
        outcome.duplicate_of = existing
        outcome.error = (
            f"same text as the article already in the library: {existing} "
            "(to replace it with this import, e.g. with a corrected --outlet, add --replace)"
        )
        return
    if replace and existing is None and result.url:
        existing = known.urls.get(result.url)
    if replace and existing is not None:
        _replace(outcome, root, known, existing, relative, text, dry_run=dry_run)
        known.batch[article.content_hash] = outcome.article_id or existing
        return
    target = _free_path(root, relative)
    outcome.article_id = target.relative_to(root).as_posix()
    outcome.path = target
    if dry_run:
        known.batch[article.content_hash] = outcome.article_id
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
    known.batch[article.content_hash] = outcome.article_id


def _replace(
    outcome: ImportOutcome,
    root: Path,
    known: _Known,
    existing: str,
    relative: str,
    text: str,
    *,
    dry_run: bool,
) -> None:
    """Write the import in place of the library's article ``existing``.

    The new file is written whole before the old one is removed, so a failure leaves
    the old article (or both), never neither.
    """
    old_path = root / existing
    outcome.replaced = existing
    target = old_path if relative == existing else _free_path(root, relative)
    outcome.article_id = target.relative_to(root).as_posix()
    outcome.path = target
    if dry_run:
        return
    if target == old_path:
        write_atomic(target, text)
    else:
        while True:
            try:
                _write_new(target, text)
                break
            except FileExistsError:
                target = _free_path(root, relative)
        old_path.unlink(missing_ok=True)
        if old_path.parent != root and not any(old_path.parent.iterdir()):
            old_path.parent.rmdir()  # the wrong outlet's folder, now empty
        outcome.article_id = target.relative_to(root).as_posix()
        outcome.path = target
    outcome.written = True
    for table in (known.library, known.urls):
        for key in [k for k, v in table.items() if v == existing]:
            del table[key]


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
        try:
            os.link(tmp, target)  # atomic, and fails if the name is taken
        except FileExistsError:
            raise
        except OSError:
            # No hard links on this file system: exclusive create still never replaces.
            with open(target, "x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
    finally:
        tmp.unlink(missing_ok=True)

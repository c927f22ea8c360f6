"""The Whoosh index on disk: schema, analyzers, opening, locking and recovery.

One index per library lives in the cache folder (``locations.index_dir``); it can always be
rebuilt from the library. Segments are written non-compound (Whoosh copies compound
segments into RAM on every open). Whoosh's write lock is an OS lock that dies with its
process: the lock file staying on disk is normal and is never deleted here.
"""

from __future__ import annotations

import pickle
import re
import shutil
import struct
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib import metadata
from itertools import pairwise
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import (
    Analyzer,
    CommaSeparatedTokenizer,
    Filter,
    IDTokenizer,
    RegexTokenizer,
)
from whoosh.codec.base import Segment
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.filetables import FileFormatError
from whoosh.formats import Positions
from whoosh.index import FileIndex, LockError
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint as _pack_uint
from whoosh.writing import MERGE_SMALL, SegmentWriter

from index.errors import BriefError

SCHEMA_VERSION = "5"
"""Bumped whenever the schema or an analyzer changes: an older index is then rebuilt."""

INDEX_NAME = "MAIN"
LOCK_NAME = "MAIN_WRITELOCK"
EXPECTED_WHOOSH = ("whoosh-reloaded", "2.7.5")
WORD_PATTERN = r"(?:[^\W\d_]\.)+[^\W\d_](?!\w)\.?|\w+"
"""How body text is cut into words; the snippet highlighter cuts the same way. Dotted
initials ("U.S.", "D.P.R.K.") are one word, not a run of letters."""
ACRONYM_MARK = "."
"""Ends the indexed form of an acronym ("US", "U.S." -> "us."), so that an analyst's "US"
is never the stem of "use" or the pronoun "us"."""
ACRONYM_LETTERS = (2, 5)
"""How many capitals an all-caps word has to count as an acronym (US, NATO, DPRK)."""

CORRUPTION_ERRORS: tuple[type[BaseException], ...] = (
    EOFError,
    pickle.UnpicklingError,
    struct.error,
    OSError,
    ValueError,
    KeyError,
    IndexError,
    AttributeError,
    TypeError,
    ModuleNotFoundError,
    whoosh_index.IndexError,
    FileFormatError,
)
"""What a damaged or foreign index raises when opened or read."""


class IndexLockedError(BriefError):
    """Another Brief process is writing the index and did not finish in time."""


class IndexCorruptError(BriefError):
    """The index cannot be read; it is rebuilt from the library."""


class NormalizeFilter(Filter):
    """Case folding, accent folding and (optionally) English stemming in one step, with a
    per-word cache: the same few thousand words make up most of any text, so this is far
    cheaper than a chain of filters each handling every token."""

    CACHE_LIMIT = 300_000

    def __init__(self, stem: bool = True) -> None:
        self.stem = stem
        self._cache: dict[str, str] = {}

    def __getstate__(self) -> dict[str, object]:
        return {"stem": self.stem}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.stem = bool(state.get("stem", True))
        self._cache = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NormalizeFilter) and other.stem == self.stem

    def __hash__(self) -> int:
        return hash(("NormalizeFilter", self.stem))

    def normalize(self, word: str) -> str:
        cache = self._cache
        found = cache.get(word)
        if found is None:
            dotted = "." in word and _DOTTED.fullmatch(word) is not None
            acronym = self.stem and is_acronym(word)
            found = word.replace(".", "") if dotted else word
            found = fold_accents(found.casefold()).translate(_ACCENT_TABLE)
            if acronym:
                found = found.removesuffix("s") if word.endswith("s") else found
                found += ACRONYM_MARK
            elif self.stem:
                found = _stem(found)
            if len(cache) >= self.CACHE_LIMIT:
                cache.clear()
            cache[word] = found
        return found

    def __call__(self, tokens: Iterator) -> Iterator:
        normalize = self.normalize
        for token in tokens:
            token.text = normalize(token.text)
            yield token


def is_acronym(word: str) -> bool:
    """Whether a word as written is an acronym: dotted capitals ("U.S.", "D.P.R.K.") or an
    all-caps word of a few letters, maybe plural ("US", "NATO", "ICBMs"). Title case,
    lower case and long all-caps words (a shouted headline) are ordinary words."""
    if "." in word:
        return _DOTTED.fullmatch(word) is not None and word.replace(".", "").isupper()
    base = word[:-1] if len(word) > 2 and word.endswith("s") else word
    low, high = ACRONYM_LETTERS
    return low <= len(base) <= high and base.isalpha() and base.isupper()


_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]\.?")


def fold_accents(text: str) -> str:
    """``text`` without accents and other combining marks (decomposed, marks dropped)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFKD", text)))


_COMBINING = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
_ACCENT_TABLE = {code: value for code, value in accent_map.items()}


def _stem(word: str) -> str:
    from whoosh.lang.porter import stem

    return stem(word)


def text_analyzer(stem: bool = True) -> Analyzer:
    """Words, case-folded and accent-folded, stemmed for body and title text."""
    return RegexTokenizer(WORD_PATTERN) | NormalizeFilter(stem)


class FastText(TEXT):
    """A TEXT field that indexes text cut and normalised by :func:`text_analyzer` without
    Whoosh's per-token objects: one regex pass, each distinct word normalised once. The
    postings (positions, frequencies, weights) are exactly those of the analyzer chain;
    any other analyzer, format or value takes Whoosh's own path."""

    def index(self, value: object, **kwargs: object) -> Iterator[tuple[bytes, int, float, bytes]]:
        normalize = _plain_normalizer(self.analyzer)
        if normalize is None or not isinstance(value, str) or type(self.format) is not Positions:
            return super().index(value, **kwargs)
        return self._postings(value, normalize)

    def _postings(
        self, value: str, normalize: Callable[[str], str]
    ) -> Iterator[tuple[bytes, int, float, bytes]]:
        words = _WORDS.findall(value)
        terms = {word: normalize(word) for word in set(words)}
        positions: dict[str, list[int]] = {}
        for pos, word in enumerate(words):
            term = terms[word]
            found = positions.get(term)
            if found is None:
                positions[term] = [pos]
            else:
                found.append(pos)
        boost = self.format.field_boost
        for term, found in positions.items():
            count = len(found)
            value = _one_position(found[0]) if count == 1 else _positions(found)
            yield term.encode("utf-8"), count, float(count) * boost, value


@lru_cache(maxsize=4096)
def _one_position(position: int) -> bytes:
    """``Positions.encode([position])``: most of an article's words occur once."""
    return _positions([position])


def _positions(found: list[int]) -> bytes:
    """Whoosh's ``Positions.encode``, byte for byte: the count, then the pickled gaps."""
    gaps = [found[0], *(b - a for a, b in pairwise(found))]
    return _pack_uint(len(gaps)) + pickle.dumps(gaps, 2)


_WORDS = re.compile(WORD_PATTERN)


def _plain_normalizer(analyzer: object) -> Callable[[str], str] | None:
    """The normalising function of an analyzer made by :func:`text_analyzer`, else None."""
    items = getattr(analyzer, "items", None)
    if not items or len(items) != 2:
        return None
    tokenizer, normalizer = items
    if (
        type(tokenizer) is RegexTokenizer
        and not tokenizer.gaps
        and tokenizer.expression.pattern == WORD_PATTERN
        and tokenizer.expression.flags == _WORDS.flags
        and type(normalizer) is NormalizeFilter
    ):
        return normalizer.normalize
    return None


def build_schema() -> Schema:
    """The index schema; see :data:`SCHEMA_VERSION`."""
    entity = KEYWORD(stored=True, commas=True, scorable=True)
    entity.analyzer = CommaSeparatedTokenizer() | NormalizeFilter(stem=False)
    return Schema(
        id=ID(unique=True, stored=True, sortable=True),
        path=STORED(),
        title=FastText(
            analyzer=text_analyzer(),
            stored=True,
            field_boost=2.0,
            multitoken_query="phrase",
        ),
        outlet=FastText(analyzer=text_analyzer(stem=False), stored=True, multitoken_query="phrase"),
        outlet_key=ID(sortable=True),
        published=DATETIME(stored=True, sortable=True),
        author=FastText(analyzer=text_analyzer(stem=False), stored=True, multitoken_query="phrase"),
        url=STORED(),
        story=ID(stored=True, sortable=True, analyzer=IDTokenizer() | NormalizeFilter(stem=False)),
        body=FastText(
            analyzer=text_analyzer(),
            stored=True,
            phrase=True,
            multitoken_query="phrase",
        ),
        passages=STORED(),
        entity=entity,
    )


@dataclass(frozen=True)
class OpenedIndex:
    """An open index and what happened while opening it (messages for the user)."""

    index: FileIndex
    messages: tuple[str, ...]
    created: bool


def whoosh_distribution_warning() -> str | None:
    """Say so when the installed ``whoosh`` package is not the expected fork and version."""
    name, version = EXPECTED_WHOOSH
    try:
        installed = metadata.version(name)
    except metadata.PackageNotFoundError:
        for other in ("Whoosh", "whoosh", "whoosh-ng", "whoosh3"):
            try:
                found = metadata.version(other)
            except metadata.PackageNotFoundError:
                continue
            return (
                f"the installed Whoosh is {other} {found}, not {name} {version}; "
                f"reinstall with: pip install --force-reinstall {name}=={version}"
            )
        return f"{name} {version} is not installed (the whoosh package came from elsewhere)"
    if installed != version:
        return f"{name} {installed} is installed; Brief is tested with {version}"
    return None


def open_index(folder: Path, *, expected_version: str | None) -> OpenedIndex:
    """Open the index in ``folder``, creating it when missing and recreating it when it is
    damaged or of another schema version (``expected_version`` is the version recorded
    beside it, None when unknown)."""
    folder.mkdir(parents=True, exist_ok=True)
    messages: list[str] = []
    if not any(folder.glob(f"_{INDEX_NAME}_*.toc")):
        return OpenedIndex(create_index(folder), (), True)
    if expected_version is not None and expected_version != SCHEMA_VERSION:
        messages.append(
            f"the index was made by another version of Brief (schema {expected_version}, "
            f"now {SCHEMA_VERSION}); rebuilding it from the library"
        )
        return OpenedIndex(create_index(folder), tuple(messages), True)
    try:
        ix = whoosh_index.open_dir(str(folder), indexname=INDEX_NAME)
        if set(ix.schema.names()) != set(build_schema().names()):
            raise IndexCorruptError("the index has a different set of fields")
        verify(ix)
    except (*CORRUPTION_ERRORS, IndexCorruptError) as exc:
        messages.append(
            f"the index in {folder} could not be read ({describe(exc)}); "
            "rebuilding it from the library"
        )
        return OpenedIndex(create_index(folder), tuple(messages), True)
    return OpenedIndex(ix, (), False)


def verify(ix: FileIndex) -> None:
    """Open every segment and read a little of each column, stored field and term list,
    so a damaged file is found now rather than halfway through a search."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        if reader.doc_count_all():
            for fieldname in ("id", "outlet_key", "published"):
                reader.column_reader(fieldname)
            for _docnum, _fields in zip(range(1), reader.iter_docs(), strict=False):
                pass
            for fieldname in ("body", "title"):
                for _term in zip(range(3), reader.lexicon(fieldname), strict=False):
                    pass


def create_index(folder: Path) -> FileIndex:
    """Create an empty index, replacing whatever was in ``folder`` except the lock file
    (another process may hold it) and the Brief sidecar files, which are reset by the caller."""
    folder.mkdir(parents=True, exist_ok=True)
    storage = FileStorage(str(folder))
    lock = storage.lock(LOCK_NAME)
    if not lock.acquire(blocking=False):
        raise IndexLockedError(
            "another Brief is writing the index; it cannot be rebuilt until that finishes"
        )
    try:
        for entry in folder.iterdir():
            if entry.name == LOCK_NAME or entry.name.startswith(("catalog.", "mentions.")):
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        return storage.create_index(build_schema(), indexname=INDEX_NAME)
    finally:
        lock.release()


@contextmanager
def index_writer(
    ix: FileIndex, *, timeout: float = 30.0, limitmb: int = 256
) -> Iterator[SegmentWriter]:
    """A writer that waits up to ``timeout`` seconds for another process's lock, commits
    non-compound segments on success and cancels on error."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            writer = _with_length_table(ix.writer(limitmb=limitmb, compound=False))
            break
        except LockError:
            if time.monotonic() >= deadline:
                raise IndexLockedError(
                    f"another Brief is updating the index (waited {timeout:.0f} s); "
                    "try again when it has finished"
                ) from None
            time.sleep(0.2)
    try:
        yield writer
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def segment_writer(folder: Path, *, limitmb: int = 256) -> SegmentWriter:
    """A writer for an indexing worker process: it writes one new segment of the index in
    ``folder`` without taking the write lock (the parent process holds it and commits the
    segment, see :func:`commit_segments`). Its postings wait in a :class:`TermPool`."""
    from whoosh.codec.whoosh3 import W3Codec

    ix = whoosh_index.open_dir(str(folder), indexname=INDEX_NAME)
    # zlib level 1 for the posting blocks: a tenth of the segment's writing time saved for
    # 1% more bytes; readers take any level.
    codec = W3Codec(compression=1)
    writer = SegmentWriter(ix, _lk=False, limitmb=limitmb, compound=False, codec=codec)
    writer.pool = TermPool()
    fieldwriter = writer.fieldwriter
    fieldwriter.add_postings = partial(_write_grouped_postings, fieldwriter)
    return _with_length_table(writer)


class TermPool:
    """Where a worker's writer keeps postings until it writes its segment: grouped by term
    as they come, then written term by term in order (:func:`_write_grouped_postings`).
    Whoosh's own pool sorts every posting at the end (millions of tuples for a big build)
    and sizes each on the way in; here only the distinct terms are sorted, and each term's
    postings are already in document order. It holds everything in memory, as Whoosh's
    does below ``limitmb``."""

    def __init__(self) -> None:
        self._terms: dict[tuple[str, bytes], list[tuple[int, float, bytes | None]]] = {}
        self.fieldnames: set[str] = set()

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, btext, docnum, weight, value = item
        postings = self._terms.get((fieldname, btext))
        if postings is None:
            self._terms[fieldname, btext] = [(docnum, weight, value)]
            self.fieldnames.add(fieldname)
        else:
            postings.append((docnum, weight, value))

    def terms(self) -> list[tuple[tuple[str, bytes], list[tuple[int, float, bytes | None]]]]:
        """Each (field name, term) in order with its postings (docnum, weight, value)."""
        terms = self._terms
        return [(key, terms[key]) for key in sorted(terms)]

    def iter_postings(self) -> GroupedPostings:
        return GroupedPostings(self)

    def cleanup(self) -> None:
        self._terms = {}


class GroupedPostings:
    """A pool's postings as Whoosh's field writer takes them, (fieldname, term, docnum,
    weight, value) in order, which :func:`_write_grouped_postings` reads term by term."""

    def __init__(self, pool: TermPool) -> None:
        self.pool = pool

    def __iter__(self) -> Iterator[tuple[str, bytes, int, float, bytes | None]]:
        for (fieldname, btext), postings in self.pool.terms():
            for docnum, weight, value in postings:
                yield fieldname, btext, docnum, weight, value


SMALL_BLOCK = 8
"""Posting blocks of fewer postings are written uncompressed (readers take either): zlib
barely shrinks a few dozen bytes, and its set-up for each of a build's ~200,000 rare
terms was a sixth of writing a segment."""


def _write_grouped_postings(
    fieldwriter: object, schema: Schema, lengths: object, items: object
) -> None:
    """Whoosh's ``FieldWriter.add_postings`` for a :class:`TermPool`'s postings: each
    term's blocks are filled a block at a time rather than a posting at a time (a fifth
    of a worker's time went to those calls). The files written are byte for byte those
    of Whoosh's own loop; any other input takes that loop."""
    from array import array

    if not isinstance(items, GroupedPostings):
        type(fieldwriter).add_postings(fieldwriter, schema, lengths, items)  # type: ignore[attr-defined]
        return
    lastfield: str | None = None
    table: list[int | None] | None = None
    dfl = getattr(lengths, "doc_field_length", None)
    for (fieldname, btext), postings in items.pool.terms():
        if fieldname != lastfield:
            if lastfield is not None:
                fieldwriter.finish_field()  # type: ignore[attr-defined]
            fieldwriter.start_field(fieldname, schema[fieldname])  # type: ignore[attr-defined]
            lastfield = fieldname
            table = lengths.field_lengths(fieldname) if isinstance(lengths, _LengthTable) else None
        fieldwriter.start_term(btext)  # type: ignore[attr-defined]
        postwriter = fieldwriter._postwriter  # type: ignore[attr-defined]
        limit = postwriter._blocklimit
        level = fieldwriter._codec._compression  # type: ignore[attr-defined]
        for start in range(0, len(postings), limit):
            if start:
                postwriter._write_block()  # and starts the next block
            block = postings[start : start + limit]
            docnums = [p[0] for p in block]
            weights = [p[1] for p in block]
            if dfl is None:
                found: list[int | None] = []
            elif table is not None and docnums[-1] < len(table):
                found = [table[d] for d in docnums]
            else:
                found = [dfl(d, fieldname) for d in docnums]
            present = [n for n in found if n]
            postwriter._ids = array("I", docnums)
            postwriter._weights = array("f", weights)
            postwriter._values = [p[2] for p in block if p[2]]
            postwriter._minlength = min(present) if present else None
            postwriter._maxlength = max(present) if present else 0
            heaviest = max(weights)
            postwriter._maxweight = heaviest if heaviest > 0 else 0
            postwriter._compression = level if len(block) >= SMALL_BLOCK else 0
        fieldwriter.finish_term()  # type: ignore[attr-defined]
    if lastfield is not None:
        fieldwriter.finish_field()  # type: ignore[attr-defined]


def _with_length_table(writer: SegmentWriter) -> SegmentWriter:
    """Let ``writer`` look document lengths up in a table when it writes its postings:
    Whoosh reads one from the length column for every posting (a tenth of a build)."""
    original = writer.per_document_reader
    writer.per_document_reader = lambda: _LengthTable(original())  # type: ignore[method-assign]
    return writer


class _LengthTable:
    """A per-document reader whose ``doc_field_length`` answers from lists read in one go
    per field (whoosh-reloaded 2.7.5's one-byte length columns), with the same values;
    anything else goes to the wrapped reader."""

    def __init__(self, reader: object) -> None:
        self._reader = reader
        self._tables: dict[str, list[int | None] | None] = {}

    def __getattr__(self, name: str) -> object:
        return getattr(self._reader, name)

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        table = self.field_lengths(fieldname)
        if table is None or not 0 <= docnum < len(table):
            return self._reader.doc_field_length(docnum, fieldname, default)  # type: ignore[attr-defined]
        return table[docnum]

    def field_lengths(self, fieldname: str) -> list[int | None] | None:
        """Every document's length in ``fieldname`` by docnum, or None when unreadable."""
        table = self._tables.get(fieldname, _MISSING)
        if table is _MISSING:
            table = self._tables[fieldname] = self._table(fieldname)
        return table

    def _table(self, fieldname: str) -> list[int | None] | None:
        try:
            from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
            from whoosh.util.numeric import byte_to_length

            column = self._reader._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)  # type: ignore[attr-defined]
            if column is None or column._fixedlen != 1:
                return None
            raw = column._dbfile.get(column._basepos, column._count)
            lengths = [byte_to_length(code) if code else None for code in range(256)]
            return [lengths[code] for code in raw]
        except Exception:
            return None


_MISSING: list[int | None] = []


def finish_segment(writer: SegmentWriter) -> Segment | None:
    """Write out a worker's segment (None when it holds no document); it is not part of
    the index until the parent commits it. Whoosh's own multi-process writer does this."""
    if not writer._added:
        writer._close_segment()
        return None
    return writer._finalize_segment()


def commit_segments(writer: SegmentWriter, segments: list[Segment]) -> None:
    """Make ``writer``'s commit add ``segments`` (written by workers) to the index, after
    its usual merge of small segments: one new table of contents holds them all, so the
    index never shows half of a sync. Files of segments never committed (a cancelled or
    crashed build) are deleted by the next commit."""
    extra = list(segments)

    def merge_and_add(w: SegmentWriter, existing: list[Segment]) -> list[Segment]:
        return [*MERGE_SMALL(w, existing), *extra]

    writer.mergetype = merge_and_add


def describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__

"""Searching the index: query language, execution, filters, facets, snippets, did-you-mean.

Queries use Whoosh's parser (words AND-ed, "phrases", OR, NOT, -word, prefix*, fuzzy~,
field:value, published:[A TO B]); anything the parser cannot make sense of falls back to
plain words, never an exception. Prefixes and fuzzy terms are expanded over an in-memory
term list to a bounded number of the most frequent terms, so a two-letter prefix stays fast.
Snippets come from a regex over the stored body (no re-analysis), with matched words given
as offsets so the caller styles them without any markup.
"""

from __future__ import annotations

import bisect
import heapq
import re
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache
from itertools import chain
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.matching.wrappers import FilterMatcher
from whoosh.qparser import FuzzyTermPlugin, GtLtPlugin, MultifieldParser
from whoosh.scoring import BaseScorer, WeightingModel, WeightScorer
from whoosh.searching import Searcher

from index.catalog import ArticleSummary, iso
from index.date_filter import parse_date_filter
from index.entities.names import choose_name, name_key
from index.mentions import Mention
from index.searchindex import (
    ACRONYM_MARK,
    WORD_PATTERN,
    fold_accents,
    is_acronym,
    text_analyzer,
)

DEFAULT_FIELDS = ("title", "body")
BULK_FIELDS = frozenset({"title", "body", "outlet", "author", "entity"})
"""Scored text fields whose term queries are scored in bulk (others go through Whoosh)."""
PREFIX_EXPANSION = 12
"""A prefix or fuzzy term matches at most this many of the most frequent terms."""
SUGGEST_BELOW = 3
"""Did-you-mean is tried when a query has fewer hits than this."""
SNIPPET_CHARS = 280
ENTITY_FACETS = 30
TYPE_SHARE = 0.25
"""An entity facet names a type when at least this share of the articles of its most
used type name it so (a spelling tagged a place in one article of fifty stays a person)."""

_WORD = re.compile(WORD_PATTERN)
_DOTTED_WORD = r"\b(?:[^\W\d_]\.)+[^\W\d_](?!\w)\.?"
_QUERY_WORD = re.compile(r"(?<![\w:~*\"'])([^\W\d_][\w'-]*)(?![\w:*~(])")
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})


@dataclass(frozen=True, slots=True)
class Passage:
    """The paragraph of the body a hit is best shown by: its number and body offsets."""

    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result with its best passage and a snippet whose matched words are given
    as ``highlights`` (start, end) offsets into ``snippet``."""

    id: str
    title: str
    outlet: str
    published: datetime | None
    score: float
    passage: Passage | None
    snippet: str
    highlights: tuple[tuple[int, int], ...] = ()
    title_highlights: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": iso(self.published),
            "score": round(self.score, 4),
            "passage": (
                {"index": self.passage.index, "start": self.passage.start, "end": self.passage.end}
                if self.passage
                else None
            ),
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
        }


@dataclass(frozen=True)
class SearchResults:
    """Hits for one query, with the size of the whole result set, its facet counts and a
    corrected query when that one finds more."""

    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None
    suggestion_total: int = 0
    fuzzy: dict[str, list[str]] = field(default_factory=dict)
    """Each fuzzy word of the query (``dornes~``) with the words it was matched as, so a
    user is told what was searched for instead."""
    entity_types: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Each entity of the facets with its types (PERSON, PLACE...), the most used first:
    more than one when differently typed entities share a spelling, whose documents the
    facet counts together (documents are indexed by entity name, without its type)."""

    def to_json(self) -> dict[str, object]:
        return {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "facets": self.facets,
            "hits": [hit.to_json() for hit in self.hits],
        }


@dataclass(frozen=True)
class SearchContext:
    """What a search asks of the rest of the workspace: the canonical entity an alias
    names ("DPRK" -> "North Korea"), the articles of a story by the id Brief prints (or a
    unique prefix of it), and an article's stored entity mentions (for entity passages)."""

    canonical: Callable[[str], str | None] = lambda _name: None
    story_members: Callable[[str], Sequence[str] | None] = lambda _story: None
    mentions: Callable[[str], Sequence[Mention]] = lambda _article: ()


NO_CONTEXT = SearchContext()


class FastBM25F(WeightingModel):
    """BM25F as Whoosh computes it, with each document's length norm precomputed once per
    segment reader instead of looked up and recomputed for every posting."""

    def __init__(self, B: float = 0.75, K1: float = 1.2) -> None:
        self.B = B
        self.K1 = K1
        self._norms: weakref.WeakKeyDictionary[object, dict[str, tuple[float, list[float]]]] = (
            weakref.WeakKeyDictionary()
        )
        self._norm_arrays: weakref.WeakKeyDictionary[
            object, dict[str, tuple[list[float], np.ndarray]]
        ] = weakref.WeakKeyDictionary()
        self._postings: weakref.WeakKeyDictionary[object, dict[Item, _Postings | None]] = (
            weakref.WeakKeyDictionary()
        )

    def supports_block_quality(self) -> bool:
        return False

    def scorer(self, searcher: Searcher, fieldname: str, text: object, qf: int = 1) -> BaseScorer:
        if not searcher.schema[fieldname].scorable:
            return WeightScorer.for_(searcher, fieldname, text)
        parent = searcher.get_parent()
        idf = parent.idf(fieldname, text)
        avgfl = parent.avg_field_length(fieldname) or 1
        return _NormScorer(
            idf * (self.K1 + 1), self._norms_for(searcher.reader(), fieldname, avgfl)
        )

    def _norms_for(self, reader: object, fieldname: str, avgfl: float) -> list[float]:
        per_reader = self._norms.setdefault(reader, {})
        cached = per_reader.get(fieldname)
        if cached is None or cached[0] != avgfl:
            k1, b = self.K1, self.B
            lengths = _field_lengths(reader, fieldname)
            if lengths is None:
                length = reader.doc_field_length  # type: ignore[attr-defined]
                count = reader.doc_count_all()  # type: ignore[attr-defined]
                lengths = [length(n, fieldname, 1) or 1 for n in range(count)]
            norms = [k1 * ((1 - b) + b * n / avgfl) for n in lengths]
            cached = per_reader[fieldname] = (avgfl, norms)
        return cached[1]

    def norm_array(self, reader: object, fieldname: str, avgfl: float) -> np.ndarray:
        """:meth:`_norms_for` as a NumPy array (same values), for bulk scoring."""
        norms = self._norms_for(reader, fieldname, avgfl)
        per_reader = self._norm_arrays.setdefault(reader, {})
        cached = per_reader.get(fieldname)
        if cached is None or cached[0] is not norms:  # made from older norms
            cached = per_reader[fieldname] = (norms, np.asarray(norms, dtype=np.float64))
        return cached[1]

    def postings(self, reader: object, fieldname: str, text: str) -> _Postings | None:
        """A term's postings in one segment as arrays (document numbers, weights), None
        when the segment lacks it. The last :data:`POSTINGS_KEPT` terms asked for are
        kept: typing a word asks for the same completions at each key."""
        per_reader = self._postings.setdefault(reader, {})
        key = (fieldname, text)
        if key in per_reader:
            found = per_reader.pop(key)
        else:
            found = _read_postings(reader, fieldname, text)
            if len(per_reader) >= POSTINGS_KEPT:
                del per_reader[next(iter(per_reader))]
        per_reader[key] = found  # most recently used last
        return found


POSTINGS_KEPT = 256
"""Terms whose postings one segment reader keeps decoded (~100 kB each at 10,000)."""


@dataclass(frozen=True, slots=True)
class _Postings:
    ids: np.ndarray
    """Document numbers within the segment, ascending."""
    weights: np.ndarray
    """Each posting's weight (term frequency), as float64."""


def _read_postings(reader: object, fieldname: str, text: str) -> _Postings | None:
    if (fieldname, text) not in reader:  # type: ignore[operator]
        return None
    ids: list[int] = []
    weights: list[float] = []
    for block_ids, block_weights in _posting_blocks(reader.postings(fieldname, text)):  # type: ignore[attr-defined]
        ids.extend(block_ids)
        weights.extend(block_weights)
    return _Postings(np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64))


def _field_lengths(reader: object, fieldname: str) -> list[int] | None:
    """Every document's (quantised) length of ``fieldname`` in one read of whoosh-reloaded
    2.7.5's one-byte length column, as ``doc_field_length`` gives them one call at a time
    (missing lengths count as 1); None when the reader is not of that shape."""
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
        from whoosh.util.numeric import byte_to_length

        count = reader.doc_count_all()  # type: ignore[attr-defined]
        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)  # type: ignore[attr-defined]
        if column is None:
            return [1] * count
        if column._fixedlen != 1:
            return None
        raw = column._dbfile.get(column._basepos, column._count)
        table = [byte_to_length(code) or 1 for code in range(256)]
        return [table[code] for code in raw] + [1] * (count - len(raw))
    except Exception:
        return None


class _NormScorer(BaseScorer):
    def __init__(self, idf_k1: float, norms: list[float]) -> None:
        self.idf_k1 = idf_k1
        self.norms = norms

    def supports_block_quality(self) -> bool:
        return False

    def score(self, matcher: object) -> float:
        weight = matcher.weight()  # type: ignore[attr-defined]
        return self.idf_k1 * weight / (weight + self.norms[matcher.id()])  # type: ignore[attr-defined]


@lru_cache(maxsize=200_000)
def analyze_word(word: str) -> str:
    """The indexed form of one word (folded and stemmed), cached across searches."""
    for token in _STEMMING(word):
        return token.text
    return ""


_STEMMING = text_analyzer()
_FOLDING = text_analyzer(stem=False)


def word_set(text: str) -> set[str]:
    """The distinct folded words of ``text`` (the spelling vocabulary of one article)."""
    return {_fold_word(w) for w in set(_WORD.findall(text.casefold())) if not w.isdigit()}


@lru_cache(maxsize=200_000)
def _fold_word(word: str) -> str:
    for token in _FOLDING(word):
        return token.text
    return word


def fold(text: str) -> str:
    """Case- and accent-folded text, as the unstemmed fields index it."""
    return " ".join(t.text for t in _FOLDING(text))


class ReaderData:
    """What searching needs about one reader's documents, kept in memory: each document
    number's id, outlet, date and entities, sorted term lists for prefix/fuzzy expansion,
    and the vocabulary of unstemmed body words for spelling suggestions."""

    def __init__(
        self,
        searcher: Searcher,
        summaries: Mapping[str, ArticleSummary],
        entities: Mapping[str, tuple[str, ...]],
        word_counts: Callable[[], dict[str, int]] = dict,
        shared: ReaderData | None = None,
        type_uses: Callable[[], Mapping[str, Mapping[str, int]]] = dict,
    ) -> None:
        """``shared``: another thread's data; when it describes the very same documents, its
        term lists, frequencies, vocabulary and facet codes are reused rather than rebuilt
        (each search thread has its own searcher, and rebuilding cost ~0.4 s at 10,000).
        ``type_uses``: each entity name key's types with their article counts, for the
        types the facets show (read once)."""
        reader = searcher.reader()
        self.doc_count = reader.doc_count_all()
        ids = list(reader.column_reader("id"))
        self.ids: list[str] = [i.decode("utf-8") if isinstance(i, bytes) else i for i in ids]
        self.live = (
            [not reader.is_deleted(n) for n in range(self.doc_count)]
            if (reader.has_deletions())
            else None
        )
        self.summaries = [summaries.get(i) for i in self.ids]
        self.entities = [entities.get(i, ()) for i in self.ids]
        self.outlets = [s.outlet if s else "" for s in self.summaries]
        self._reader = reader
        self.parser = make_parser(searcher.schema)
        names = searcher.schema.names()
        self._entity_field = searcher.schema["entity"] if "entity" in names else None
        self._word_counts = word_counts
        self._type_uses = type_uses
        same = shared is not None and shared.describes(self)
        self._cache: _DerivedData = shared._cache if same else _DerivedData()  # type: ignore[union-attr]

    def describes(self, other: ReaderData) -> bool:
        """Whether this data is about the same documents, in the same order, with the same
        summaries and entities as ``other``."""
        return (
            self.ids == other.ids
            and self.live == other.live
            and self.summaries == other.summaries
            and self.entities == other.entities
        )

    def facet_codes(self) -> FacetCodes:
        """Outlets and entities as integer codes per document (built on first use)."""
        if self._cache.facet_codes is None:
            self._cache.facet_codes = FacetCodes.build(self.outlets, self.entities, self.live)
        return self._cache.facet_codes

    def entity_types(self) -> dict[str, tuple[str, ...]]:
        """Each entity name key with its types, the most used first, leaving out a type
        used in under :data:`TYPE_SHARE` of the articles of the most used one."""
        if self._cache.entity_types is None:
            kinds: dict[str, tuple[str, ...]] = {}
            for key, uses in self._type_uses().items():
                ranked = sorted(uses, key=lambda t: (-uses[t], t))
                floor = uses[ranked[0]] * TYPE_SHARE
                kinds[key] = tuple(t for t in ranked if uses[t] >= floor)
            self._cache.entity_types = kinds
        return self._cache.entity_types

    def entity_terms(self, term: str, canonical: str | None = None) -> list[str]:
        """The indexed ``entity`` terms of every spelling of the entity ``term`` names
        (``entity:"Yoo Sang Bum"`` also finds articles that write "Yoo Sang-bum"), and of
        ``canonical``, the entity ``term`` is an alias of (``entity:DPRK``: North Korea)."""
        codes = self.facet_codes()
        spellings = codes.spellings(name_key(term))
        if canonical and name_key(canonical) != name_key(term):
            spellings = (*spellings, *codes.spellings(name_key(canonical)))
        field = self._entity_field
        terms = [term]
        for spelling in spellings:
            # Indexed as the workspace writes it: commas inside a name become spaces.
            spelling = spelling.replace(",", " ")
            found = list(field.process_text(spelling, mode="index")) if field else [spelling]
            terms.extend(t for t in found if t not in terms)
        return terms

    def is_live(self, docnum: int) -> bool:
        return self.live is None or self.live[docnum]

    def terms(self, fieldname: str) -> list[str]:
        """Sorted terms of a field (read once per reader: keys only, no term infos)."""
        cached = self._cache.terms.get(fieldname)
        if cached is None:
            cached = self._cache.terms[fieldname] = [
                t.decode("utf-8") if isinstance(t, bytes) else t
                for t in self._reader.lexicon(fieldname)
            ]
        return cached

    def has_term(self, fieldname: str, term: str) -> bool:
        """Whether ``fieldname`` holds ``term`` (one lookup in the term index: reading the
        whole term list for it would slow the first search after opening)."""
        cached = self._cache.terms.get(fieldname)
        if cached is not None:
            at = bisect.bisect_left(cached, term)
            return at < len(cached) and cached[at] == term
        return (fieldname, term) in self._reader

    def with_acronyms(
        self, fieldname: str, stems: Sequence[str], written: Iterable[str]
    ) -> list[str]:
        """``stems`` and the acronyms the field holds spelled like one of the ``written``
        (folded, unstemmed) words: "nato" typed in lower case also finds "NATO", which is
        indexed apart (as "nato."), but "use" never finds "US" although it stems to "us"."""
        found = list(stems)
        for word in written:
            letters = word[:-1] if word.endswith("s") and analyze_word(word) == word[:-1] else word
            if analyze_word(word) not in (word, letters):
                continue  # stemming changed it: it is not a run of letters ("use" -> "us")
            for acronym in {word + ACRONYM_MARK, letters + ACRONYM_MARK}:  # "nis": NIS
                if acronym not in found and self.has_term(fieldname, acronym):
                    found.append(acronym)
        return found

    def df(self, fieldname: str, term: str) -> int:
        """How many documents hold ``term`` (cached)."""
        key = (fieldname, term)
        found = self._cache.dfs.get(key)
        if found is None:
            found = self._cache.dfs[key] = self._reader.doc_frequency(fieldname, term)
        return found

    def vocabulary(self) -> tuple[list[str], dict[str, int]]:
        """Unstemmed body words and their document frequencies."""
        if self._cache.vocabulary is None:
            counts = self._word_counts()
            self._cache.vocabulary = (sorted(counts), counts)
        return self._cache.vocabulary

    def expand_prefix(
        self, fieldname: str, prefix: str, limit: int = PREFIX_EXPANSION
    ) -> list[str]:
        """The ``limit`` most frequent terms of ``fieldname`` starting with ``prefix``."""
        words = self.terms(fieldname)
        lo = bisect.bisect_left(words, prefix)
        hi = bisect.bisect_left(words, prefix + "\U0010ffff")
        if hi - lo <= limit:
            return words[lo:hi]
        best = heapq.nlargest(limit, words[lo:hi], key=lambda w: self.df(fieldname, w))
        return sorted(best)

    def expand_fuzzy(self, fieldname: str, text: str, maxdist: int, prefixlength: int,
                     limit: int = PREFIX_EXPANSION) -> list[str]:  # fmt: skip
        """Terms within ``maxdist`` edits of ``text`` sharing its first ``prefixlength``
        characters, the closest and most frequent first."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        words = self.terms(fieldname)
        lo, hi = 0, len(words)
        if prefixlength:
            head = text[:prefixlength]
            lo = bisect.bisect_left(words, head)
            hi = bisect.bisect_left(words, head + "\U0010ffff")
        found = process.extract(
            text, words[lo:hi], scorer=OSA.distance, score_cutoff=maxdist, limit=None
        )
        found.sort(key=lambda m: (m[1], -self.df(fieldname, m[0])))
        return [m[0] for m in found[:limit]]

    def expand_word_prefix(self, prefix: str, limit: int = PREFIX_EXPANSION) -> list[str]:
        """The ``limit`` most frequent body words (as written, folded) starting with
        ``prefix``; frequencies come from the catalog, so no term infos are read."""
        words, freqs = self.vocabulary()
        lo = bisect.bisect_left(words, prefix)
        hi = bisect.bisect_left(words, prefix + "\U0010ffff")
        if hi - lo <= limit:
            return words[lo:hi]
        return heapq.nlargest(limit, words[lo:hi], key=freqs.__getitem__)

    def expand_fuzzy_word(
        self, word: str, maxdist: int, prefixlength: int, limit: int = PREFIX_EXPANSION
    ) -> list[str]:
        """Body words within ``maxdist`` edits of ``word`` (as written, not stemmed)."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        words, freqs = self.vocabulary()
        lo, hi = 0, len(words)
        if prefixlength:
            head = word[:prefixlength]
            lo = bisect.bisect_left(words, head)
            hi = bisect.bisect_left(words, head + "\U0010ffff")
        found = process.extract(
            word, words[lo:hi], scorer=OSA.distance, score_cutoff=maxdist, limit=None
        )
        found.sort(key=lambda m: (m[1], -freqs[m[0]]))
        return [m[0] for m in found[:limit]]

    def docs_between(self, since: datetime | None, until: datetime | None) -> frozenset[int]:
        """Document numbers published within [since, until] (cached per range)."""
        key = (since, until)
        cached = self._cache.date_cache.get(key)
        if cached is None:
            chosen = set()
            for n, summary in enumerate(self.summaries):
                stamp = summary.published if summary else None
                if stamp is None:
                    continue
                stamp = stamp.replace(tzinfo=None)
                if (since is None or stamp >= since) and (until is None or stamp <= until):
                    chosen.add(n)
            cached = self._cache.date_cache[key] = frozenset(chosen)
            if len(self._cache.date_cache) > 64:
                self._cache.date_cache.pop(next(iter(self._cache.date_cache)), None)
        return cached


@dataclass
class _DerivedData:
    """What ReaderData works out on demand, shared by the threads reading the same
    documents: term lists, document frequencies, the vocabulary, date ranges, facet codes."""

    terms: dict[str, list[str]] = field(default_factory=dict)
    dfs: dict[tuple[str, str], int] = field(default_factory=dict)
    vocabulary: tuple[list[str], dict[str, int]] | None = None
    date_cache: dict[tuple[object, object], frozenset[int]] = field(default_factory=dict)
    facet_codes: FacetCodes | None = None
    entity_types: dict[str, tuple[str, ...]] | None = None


def make_parser(schema: object) -> MultifieldParser:
    """The query parser: title and body by default, plus fuzzy, +/-, comparisons, dates."""
    parser = MultifieldParser(list(DEFAULT_FIELDS), schema=schema)
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(GtLtPlugin())
    return parser


_MINUS = re.compile(r"(^|(?<=[\s(]))-(?=[\w\"(])")
_PLUS = re.compile(r"(^|(?<=[\s(]))\+(?=[\w\"(])")
_FUZZY_WORD = re.compile(r"(?<![\w:])(?:\w+:)?(\w+)~")
_PREFIX_WORD = re.compile(r"(?<![\w:])(?:\w+:)?(\w+)\*")


def _rewrite(text: str) -> str:
    """``-word`` becomes ``NOT word`` and ``+word`` plain ``word`` (words are required
    anyway), only at the start of a word so ``Sang-bum`` and ``KN-23`` stay whole."""
    return _PLUS.sub("", _MINUS.sub("NOT ", text))


def parse_query(
    searcher: Searcher,
    text: str,
    data: ReaderData,
    context: SearchContext = NO_CONTEXT,
    fuzzy: dict[str, list[str]] | None = None,
) -> wq.Query:
    """Parse ``text`` into a query, expanding prefixes and fuzzy terms over the term lists,
    entity aliases to their entity and printed story ids to their articles; falls back to
    plain words when the parser fails or produces errors."""
    try:
        parsed = data.parser.parse(_rewrite(text))
        if _has_errors(parsed):
            raise ValueError("query has errors")
        # The parser stems a prefix ("mis*" -> "mi"); expansion needs it as typed.
        typed: dict[object, object] = {analyze_word(w): fold(w) for w in _PREFIX_WORD.findall(text)}
        typed.update({("~", analyze_word(w)): fold(w) for w in _FUZZY_WORD.findall(text)})
        typed["fuzzy found"] = {}  # filled in by _expand: what each fuzzy word matched
        for w in _WORD.findall(text):
            if is_acronym(w):
                typed[("acronym", analyze_word(w))] = w
            # Each plain word as written, by its stem: an acronym may be typed in lower case.
            typed.setdefault(("word", analyze_word(w)), set()).add(_fold_word(w))  # type: ignore[union-attr]
        parsed = _expand(parsed, data, typed, context)
        if fuzzy is not None:
            fuzzy.update(typed.get("fuzzy found", {}))
    except Exception:
        parsed = plain_query(text)
    return _positive(parsed)


def plain_query(text: str) -> wq.Query:
    """Every word of ``text`` required, in the title or the body."""
    words = [analyze_word(w) for w in _WORD.findall(text) if w not in _OPERATORS]
    words = [w for w in words if w]
    if not words:
        return wq.NullQuery
    return wq.And([wq.Or([wq.Term(f, w) for f in DEFAULT_FIELDS]) for w in words])


def _has_errors(q: wq.Query) -> bool:
    return getattr(q, "error", None) is not None or any(
        _has_errors(child) for child in q.children()
    )


def _expand(
    q: wq.Query, data: ReaderData, typed: Mapping[object, Any], context: SearchContext
) -> wq.Query:
    if isinstance(q, wq.FuzzyTerm):
        raw = typed.get(("~", q.text))
        if raw and q.fieldname in DEFAULT_FIELDS:
            # Fuzzy over the words as written ("dornes~" -> "drones"), then their stems.
            near = data.expand_fuzzy_word(raw, q.maxdist, q.prefixlength)
            found = typed.get("fuzzy found")
            if isinstance(found, dict):
                others = [w for w in near if w != raw]
                if others:
                    found[f"{raw}~"] = others
            words = list(dict.fromkeys(map(analyze_word, near)))
            words = data.with_acronyms(q.fieldname, words, near)
        else:
            words = data.expand_fuzzy(q.fieldname, q.text, q.maxdist, q.prefixlength)
        return _terms_or(q.fieldname, words, q.boost)
    if isinstance(q, (wq.Prefix, wq.Wildcard)):
        if q.fieldname not in ("title", "body", "outlet", "author"):
            return q
        if isinstance(q, wq.Prefix):
            prefix, pattern = typed.get(q.text, q.text), None
            if q.fieldname in DEFAULT_FIELDS and q.text in typed:
                # The most frequent words beginning as typed, searched by their stems.
                completions = data.expand_word_prefix(prefix)
                stems = list(dict.fromkeys(analyze_word(w) for w in completions))
                stems = data.with_acronyms(q.fieldname, stems, completions)
                return _terms_or(q.fieldname, stems, q.boost)
        else:
            prefix = re.split(r"[*?]", q.text, maxsplit=1)[0]
            pattern = re.compile(_wildcard_regex(q.text))
        if q.fieldname in ("title", "body") and len(prefix) >= 4:
            stem = analyze_word(prefix)
            prefixes = {prefix, stem} if stem and pattern is None else {prefix}
        else:
            prefixes = {prefix}
        words: list[str] = []
        for p in sorted(prefixes):
            candidates = data.expand_prefix(
                q.fieldname, p, PREFIX_EXPANSION * (4 if pattern else 1)
            )
            if pattern is not None:
                candidates = [c for c in candidates if pattern.fullmatch(c)]
            words.extend(c for c in candidates if c not in words)
        return _terms_or(q.fieldname, words[:PREFIX_EXPANSION], q.boost)
    if type(q) is wq.Term and q.fieldname in DEFAULT_FIELDS and isinstance(q.text, str):
        written = typed.get(("word", q.text))
        if not written or q.text.endswith(ACRONYM_MARK):
            return q
        return _terms_or(q.fieldname, data.with_acronyms(q.fieldname, [q.text], written), q.boost)
    if type(q) is wq.Term and q.fieldname == "entity" and isinstance(q.text, str):
        terms = data.entity_terms(q.text, context.canonical(q.text))
        return _terms_or("entity", terms, q.boost)
    if type(q) is wq.Term and q.fieldname == "story" and isinstance(q.text, str):
        # The story field holds only front-matter keys; the ids Brief prints are groups
        # of articles: match the front-matter key or any article of the printed story.
        members = context.story_members(q.text) or ()
        if not members:
            return q
        return wq.Or([q, *(wq.Term("id", m) for m in members)], boost=q.boost)
    if isinstance(q, wq.Or) and context is not NO_CONTEXT:
        known = _acronym_entity(q, data, typed, context)
        if known:
            return wq.Or([*q.subqueries, _terms_or("entity", known, q.boost)], boost=q.boost)
    if isinstance(q, wq.compound.BinaryQuery):
        return q.__class__(_expand(q.a, data, typed, context), _expand(q.b, data, typed, context))
    if isinstance(q, wq.compound.CompoundQuery):
        return q.__class__([_expand(c, data, typed, context) for c in q.subqueries], boost=q.boost)
    if isinstance(q, wq.Not):
        return wq.Not(_expand(q.query, data, typed, context))
    return q


_ENTITY_FIELD = re.compile(r'(?<![\w:])entity:(?:"([^"]*)"?|([^\s()"]+))', re.IGNORECASE)


def entity_query(text: str, canonical: Callable[[str], str | None]) -> tuple[str, set[str]]:
    """``text`` without its ``entity:`` terms, and the name keys of the entities it asks
    for: those terms (with the entity an alias names) and acronyms typed as words that
    the entity list knows ("US": United States), as a search matches them. For showing
    an article's hits: an entity's hits are its mentions, not the words of its name."""
    keys: set[str] = set()
    for match in _ENTITY_FIELD.finditer(text):
        name = match.group(1) if match.group(1) is not None else match.group(2)
        negated = text[: match.start()].rstrip().endswith(("-", "NOT"))
        if name and name.strip() and not negated:
            keys.add(name_key(name))
            found = canonical(name.strip())
            if found:
                keys.add(name_key(found))
    rest = _ENTITY_FIELD.sub(" ", text)
    for word in _WORD.findall(rest):
        if is_acronym(word):
            found = canonical(word)
            if found:
                keys.add(name_key(found))
    keys.discard("")
    return rest, keys


def _acronym_entity(
    q: wq.Or, data: ReaderData, typed: Mapping[object, Any], context: SearchContext
) -> list[str]:
    """The ``entity`` terms of the entity an acronym typed as a query word stands for
    ("US" -> United States, however articles write it), when ``q`` is that word sought in
    the title and body and the entity list knows it; else nothing."""
    texts = {c.text for c in q.subqueries if type(c) is wq.Term and c.fieldname in DEFAULT_FIELDS}
    if len(texts) != 1 or len(q.subqueries) != len(DEFAULT_FIELDS):
        return []
    raw = typed.get(("acronym", next(iter(texts))))
    canonical = context.canonical(raw) if raw else None
    if not canonical or not data.facet_codes().spellings(name_key(canonical)):
        return []
    return data.entity_terms(fold(canonical), canonical)


def _wildcard_regex(pattern: str) -> str:
    return "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)


def _terms_or(fieldname: str, words: Sequence[str], boost: float) -> wq.Query:
    if not words:
        return wq.NullQuery
    terms = [wq.Term(fieldname, w, boost=boost) for w in words]
    return terms[0] if len(terms) == 1 else wq.Or(terms)


def _positive(q: wq.Query) -> wq.Query:
    """A query made only of exclusions matches everything else, as users expect."""
    if isinstance(q, wq.Not):
        return wq.And([wq.Every(), q])
    if isinstance(q, wq.And) and q.subqueries and all(isinstance(s, wq.Not) for s in q.subqueries):
        return wq.And([wq.Every(), *q.subqueries])
    return q


@dataclass(frozen=True)
class Highlighter:
    """What to mark in a hit: single words (by indexed form) and phrases (runs of them)."""

    words: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()
    entities: frozenset[str] = frozenset()
    """Name keys of the entities asked for (``entity:``): their mentions are the matches."""

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases or self.entities)

    def all_words(self) -> set[str]:
        return set(self.words).union(*self.phrases) if self.phrases else set(self.words)


def query_terms(q: wq.Query) -> Highlighter:
    """The title/body words and phrases of ``q`` to highlight, exclusions left out."""
    words: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    entities: set[str] = set()

    def walk(node: wq.Query) -> None:
        if isinstance(node, wq.Not):
            return
        if isinstance(node, wq.AndNot):
            walk(node.a)
            return
        if isinstance(node, wq.Term) and node.fieldname in DEFAULT_FIELDS:
            words.add(node.text if isinstance(node.text, str) else node.text.decode())
        elif isinstance(node, wq.Term) and node.fieldname == "entity":
            entities.add(name_key(node.text if isinstance(node.text, str) else node.text.decode()))
        elif isinstance(node, wq.Phrase) and node.fieldname in DEFAULT_FIELDS:
            phrase = tuple(node.words)
            if phrase not in phrases:
                phrases.append(phrase)
        for child in node.children():
            walk(child)

    walk(q)
    return Highlighter(frozenset(words), tuple(phrases), frozenset(entities))


def to_datetime(value: date | datetime | str | None, *, end: bool = False) -> datetime | None:
    """A filter bound as a naive datetime; a bare date covers its whole day, and text is
    read as the app and the CLI read it (``2023-11`` is all of November), or as an ISO
    date-time. Raises ``DateFilterError`` (a ValueError) for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        if "T" in value or " " in value.strip():
            value = datetime.fromisoformat(value)
        else:
            span = parse_date_filter(value)
            if span is None:
                return None
            value = span.last if end else span.first
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.combine(value, time.max if end else time.min)


def prepare(searcher: Searcher, data: ReaderData) -> None:
    """Work out ahead of time what the first search would otherwise pay for (~0.3 s at
    10,000 articles): facet codes, the spelling vocabulary, title and body length norms."""
    data.facet_codes()
    data.entity_types()
    data.vocabulary()
    weighting = searcher.weighting
    if isinstance(weighting, FastBM25F):
        for fieldname in DEFAULT_FIELDS:
            avgfl = searcher.avg_field_length(fieldname) or 1
            for sub, _offset in searcher.leaf_searchers():
                weighting._norms_for(sub.reader(), fieldname, avgfl)


def execute(
    searcher: Searcher,
    data: ReaderData,
    text: str,
    *,
    outlets: Iterable[str] = (),
    entities: Iterable[str] = (),
    since: date | datetime | str | None = None,
    until: date | datetime | str | None = None,
    sort: str = "relevance",
    limit: int | None = 20,
    suggest: bool = True,
    offset: int = 0,
    context: SearchContext = NO_CONTEXT,
) -> SearchResults:
    """Run one search: all matches scored (BM25F) and counted for facets, the ``limit`` hits
    from ``offset`` on returned with passages and snippets (a list loads more as it
    scrolls), and a spelling suggestion when hits are few."""
    if sort not in ("relevance", "date"):
        raise ValueError(f"sort must be 'relevance' or 'date', not {sort!r}")
    fuzzy: dict[str, list[str]] = {}
    q = parse_query(searcher, text, data, context, fuzzy) if text.strip() else wq.Every()
    entities = tuple(entities)
    scope = _Scope.of(data, outlets, entities, to_datetime(since), to_datetime(until, end=True))
    docs, scores = _matches(searcher, data, q, scope.dated)
    # Each filter's facet is counted without its own choice, as faceted search does: the
    # outlet list keeps every outlet's count for the query and the other filters, so the
    # user can switch outlets; the hits and the total take every filter.
    in_outlet = None if scope.outlet_mask is None else scope.outlet_mask[docs]
    in_entity = None if scope.entity_mask is None else scope.entity_mask[docs]
    facets = _facets(
        data,
        outlets_of=docs if in_entity is None else docs[in_entity],
        entities_of=docs if in_outlet is None else docs[in_outlet],
        chosen_entities=entities,
    )
    if in_outlet is not None or in_entity is not None:
        keep = in_outlet if in_entity is None else in_entity
        if in_outlet is not None and in_entity is not None:
            keep = in_outlet & in_entity
        docs, scores = docs[keep], scores[keep]
    matched = _ordered(docs, scores, sort, None if limit is None else offset + limit)
    total = len(matched)
    if sort == "date":
        far = datetime.min
        matched.sort(
            key=lambda sd: (
                (_naive(data.summaries[sd[1]].published) if data.summaries[sd[1]] else far) or far
            ),
            reverse=True,
        )
    top = matched[offset:] if limit is None else matched[offset : offset + limit]
    words = query_terms(q)
    hits = [_hit(searcher, data, docnum, score, words, context) for score, docnum in top]
    suggestion, suggestion_total = None, 0
    if suggest and total < SUGGEST_BELOW and text.strip():
        suggestion, suggestion_total = _suggest(
            searcher, data, text, total, scope.allowed(data), context
        )
    kinds = data.entity_types()
    return SearchResults(
        text,
        total,
        hits,
        facets,
        suggestion,
        suggestion_total,
        fuzzy,
        entity_types={
            name: kinds[name_key(name)] for name in facets["entity"] if name_key(name) in kinds
        },
    )


def bulk_scores(searcher: Searcher, data: ReaderData, q: wq.Query) -> dict[int, float] | None:
    """:func:`bulk_score_arrays` as a dict of document number to score."""
    found = bulk_score_arrays(searcher, data, q)
    if found is None:
        return None
    docs, scores = found
    return dict(zip(docs.tolist(), scores.tolist(), strict=True))


def bulk_score_arrays(
    searcher: Searcher, data: ReaderData, q: wq.Query
) -> tuple[np.ndarray, np.ndarray] | None:
    """BM25F scores of every match, computed in bulk over the postings, for queries that are
    an AND of ORs of terms (words, prefixes, fuzzy terms: most queries); None for other
    shapes (phrases, ranges, exclusions), which Whoosh's matchers handle. Same scores as
    Whoosh with :class:`FastBM25F`, without its per-posting matcher tree: each term's
    contributions are added over NumPy arrays, in the order Whoosh adds them."""
    weighting = searcher.weighting
    groups = _term_groups(q)
    if groups is None or not isinstance(weighting, FastBM25F):
        return None
    count = searcher.doc_count_all()
    combined: np.ndarray | None = None
    matched_all: np.ndarray | None = None
    for group in groups:
        scores = np.zeros(count, dtype=np.float64)
        matched = np.zeros(count, dtype=bool)
        for fieldname, text in group:
            if isinstance(text, tuple):
                phrase: dict[int, float] = {}
                _accumulate_phrase(searcher, weighting, fieldname, text, phrase)
                docs = np.fromiter(phrase.keys(), dtype=np.int64, count=len(phrase))
                scores[docs] += np.fromiter(phrase.values(), dtype=np.float64, count=len(phrase))
                matched[docs] = True
            else:
                _accumulate(searcher, weighting, fieldname, text, scores, matched)
        if combined is None or matched_all is None:
            combined, matched_all = scores, matched
        else:
            combined = combined + scores
            matched_all &= matched
        if not matched_all.any():
            return _no_match()
    if combined is None or matched_all is None:
        return _no_match()
    if data.live is not None:
        matched_all &= np.asarray(data.live, dtype=bool)
    docs = np.flatnonzero(matched_all)
    return docs, combined[docs]


def _no_match() -> tuple[np.ndarray, np.ndarray]:
    return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)


Item = tuple[str, str | tuple[str, ...]]
"""A scored item of a bulk query: (field, term) or (field, phrase words)."""


def _term_groups(q: wq.Query) -> list[list[Item]] | None:
    if q.boost != 1.0:
        return None
    if isinstance(q, wq.And):
        groups = []
        for child in q.subqueries:
            terms = _or_terms(child)
            if terms is None:
                return None
            groups.append(terms)
        return groups
    terms = _or_terms(q)
    return None if terms is None else [terms]


def _or_terms(q: wq.Query) -> list[Item] | None:
    if q.boost != 1.0:
        return None
    if isinstance(q, wq.Term) and isinstance(q.text, str):
        return [(q.fieldname, q.text)] if q.fieldname in BULK_FIELDS else None
    if isinstance(q, wq.Phrase) and q.slop == 1 and q.fieldname in DEFAULT_FIELDS:
        words = tuple(q.words)
        if not words or not all(isinstance(w, str) for w in words):
            return None
        return [(q.fieldname, words[0] if len(words) == 1 else words)]
    if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
        return []
    if isinstance(q, wq.Or) and not getattr(q, "scale", None):
        terms: list[Item] = []
        for child in q.subqueries:
            found = _or_terms(child)
            if found is None:
                return None
            terms.extend(found)
        return terms
    return None


def _accumulate(
    searcher: Searcher,
    weighting: FastBM25F,
    fieldname: str,
    text: str,
    scores: np.ndarray,
    matched: np.ndarray,
) -> None:
    """Add one term's BM25F contributions to ``scores`` (by document number across the
    segments) and mark its documents in ``matched``."""
    if not searcher.schema[fieldname].scorable:
        return
    idf_k1 = searcher.idf(fieldname, text) * (weighting.K1 + 1)
    avgfl = searcher.avg_field_length(fieldname) or 1
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        postings = weighting.postings(reader, fieldname, text)
        if postings is None:
            continue
        norms = weighting.norm_array(reader, fieldname, avgfl)
        ids, weights = postings.ids, postings.weights
        docs = ids + offset
        scores[docs] += idf_k1 * weights / (weights + norms[ids])
        matched[docs] = True


def _accumulate_phrase(
    searcher: Searcher,
    weighting: FastBM25F,
    fieldname: str,
    words: tuple[str, ...],
    scores: dict[int, float],
) -> None:
    """Documents holding the words consecutively, scored as the sum of the words' BM25F:
    candidates are the documents holding every word, and positions are decoded only for
    them (Whoosh's phrase matcher checks spans through a tree of matchers instead)."""
    fieldobj = searcher.schema[fieldname]
    if not fieldobj.scorable or not fieldobj.format.supports("positions"):
        return
    decode = fieldobj.format.decode_positions
    idf_k1 = [searcher.idf(fieldname, w) * (weighting.K1 + 1) for w in words]
    avgfl = searcher.avg_field_length(fieldname) or 1
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if not all((fieldname, w) in reader for w in set(words)):
            continue
        norms = weighting._norms_for(reader, fieldname, avgfl)
        postings: dict[str, dict[int, tuple[float, bytes]]] = {}
        # Rarest word first, so the candidate set shrinks fastest.
        for word in sorted(set(words), key=lambda w: reader.doc_frequency(fieldname, w)):
            keep = None if not postings else set.intersection(*(set(p) for p in postings.values()))
            found: dict[int, tuple[float, bytes]] = {}
            for ids, weights, values in _posting_value_blocks(reader.postings(fieldname, word)):
                for d, w, v in zip(ids, weights, values, strict=True):
                    if keep is None or d in keep:
                        found[d] = (w, v)
            postings[word] = found
            if not found:
                break
        candidates = set.intersection(*(set(p) for p in postings.values())) if postings else set()
        for d in candidates:
            positions = [set(decode(postings[w][d][1])) for w in words]
            if not any(
                all(p + i in positions[i] for i in range(1, len(words))) for p in positions[0]
            ):
                continue
            total = 0.0
            for i, w in enumerate(words):
                weight = postings[w][d][0]
                total += idf_k1[i] * weight / (weight + norms[d])
            key = d + offset
            scores[key] = scores.get(key, 0.0) + total


def _posting_value_blocks(
    m: object,
) -> Iterator[tuple[Sequence[int], Sequence[float], Sequence[bytes]]]:
    """Like :func:`_posting_blocks`, with each posting's encoded value (positions)."""
    if isinstance(m, FilterMatcher):
        m = m.child
    if all(hasattr(m, a) for a in ("_read_ids", "_read_weights", "_read_values", "_next_block")):
        while m.is_active():  # type: ignore[attr-defined]
            m._read_ids()  # type: ignore[attr-defined]
            m._read_weights()  # type: ignore[attr-defined]
            m._read_values()  # type: ignore[attr-defined]
            start = m._i  # type: ignore[attr-defined]
            yield m._ids[start:], m._weights[start:], m._values[start:]  # type: ignore[attr-defined]
            m._next_block()  # type: ignore[attr-defined]
        return
    while m.is_active():  # type: ignore[attr-defined]
        yield [m.id()], [m.weight()], [m.value()]  # type: ignore[attr-defined]
        m.next()  # type: ignore[attr-defined]


def _posting_blocks(m: object) -> Iterator[tuple[Sequence[int], Sequence[float]]]:
    """A term's postings a block at a time. Reads whoosh-reloaded 2.7.5's block arrays
    (the version is pinned); any other matcher goes one posting at a time. Deleted
    documents are not filtered here (the caller drops them)."""
    if isinstance(m, FilterMatcher):
        m = m.child
    if all(hasattr(m, a) for a in ("_read_ids", "_read_weights", "_next_block", "_i")):
        while m.is_active():  # type: ignore[attr-defined]
            m._read_ids()  # type: ignore[attr-defined]
            m._read_weights()  # type: ignore[attr-defined]
            start = m._i  # type: ignore[attr-defined]
            yield m._ids[start:], m._weights[start:]  # type: ignore[attr-defined]
            m._next_block()  # type: ignore[attr-defined]
        return
    while m.is_active():  # type: ignore[attr-defined]
        yield [m.id()], [m.weight()]  # type: ignore[attr-defined]
        m.next()  # type: ignore[attr-defined]


def _naive(stamp: datetime | None) -> datetime | None:
    return stamp.replace(tzinfo=None) if stamp else None


@dataclass(frozen=True)
class _Scope:
    """The filters of one search: the documents published in the date range (None when no
    range is given) and boolean masks over document numbers for the wanted outlets and for
    the documents naming every wanted entity (None when that filter is not chosen)."""

    dated: frozenset[int] | None = None
    outlet_mask: np.ndarray | None = None
    entity_mask: np.ndarray | None = None

    @classmethod
    def of(
        cls,
        data: ReaderData,
        outlets: Iterable[str],
        entities: Iterable[str],
        since: datetime | None,
        until: datetime | None,
    ) -> _Scope:
        wanted_outlets = {o.casefold() for o in outlets if o}
        wanted_entities = {name_key(e) for e in entities if e}
        dated = None
        if since is not None or until is not None:
            dated = data.docs_between(since, until)
        if not wanted_outlets and not wanted_entities:
            return cls(dated)
        codes = data.facet_codes()
        outlet_mask = entity_mask = None
        if wanted_outlets:
            chosen = [
                code
                for code, name in enumerate(codes.outlet_names)
                if name and name.casefold() in wanted_outlets
            ]
            outlet_mask = np.isin(codes.outlet_codes, chosen)
        if wanted_entities:
            # Documents naming every wanted entity, in any of its spellings.
            entity_mask = np.ones(data.doc_count, dtype=bool)
            for key in wanted_entities:
                entity_mask &= codes.naming_mask(key, data.doc_count)
        return cls(dated, outlet_mask, entity_mask)

    def allowed(self, data: ReaderData) -> set[int] | None:
        """The documents every filter lets through (None when nothing is filtered)."""
        if self.dated is None and self.outlet_mask is None and self.entity_mask is None:
            return None
        mask = np.ones(data.doc_count, dtype=bool)
        for chosen in (self.outlet_mask, self.entity_mask):
            if chosen is not None:
                mask &= chosen
        if self.dated is not None:
            within = np.zeros(data.doc_count, dtype=bool)
            within[np.fromiter(self.dated, dtype=np.int64, count=len(self.dated))] = True
            mask &= within
        if data.live is not None:
            mask &= np.asarray(data.live, dtype=bool)
        return set(np.flatnonzero(mask).tolist())


def _matches(
    searcher: Searcher, data: ReaderData, q: wq.Query, dated: frozenset[int] | None
) -> tuple[np.ndarray, np.ndarray]:
    """Every live document ``q`` matches (within ``dated`` when given) and its score."""
    if dated is not None and not dated:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
    if isinstance(q, wq.Every):
        # The empty query with a filter: every document, all scored alike (as Whoosh does).
        docs = np.arange(data.doc_count, dtype=np.int64)
        if data.live is not None:
            docs = docs[np.asarray(data.live, dtype=bool)]
        if dated is not None:
            docs = docs[np.isin(docs, np.fromiter(dated, dtype=np.int64, count=len(dated)))]
        return docs, np.ones(len(docs), dtype=np.float64)
    bulk = bulk_score_arrays(searcher, data, q)
    if bulk is not None:
        docs, scores = bulk
        if dated is not None:
            keep = np.isin(docs, np.fromiter(dated, dtype=np.int64, count=len(dated)))
            docs, scores = docs[keep], scores[keep]
        return docs, scores
    within = None if dated is None else set(dated)
    top = searcher.search(q, limit=None, filter=within, terms=False, optimize=False).top_n
    return (
        np.fromiter((d for _s, d in top), dtype=np.int64, count=len(top)),
        np.fromiter((s for s, _d in top), dtype=np.float64, count=len(top)),
    )


def _ordered(
    docs: np.ndarray, scores: np.ndarray, sort: str, wanted: int | None
) -> list[tuple[float, int]]:
    """(score, document) pairs, best first (ties by document number): only the ``wanted``
    first are put in order when the rest only count towards totals; by date, newest first,
    the caller sorts them."""
    pairs = list(zip(scores.tolist(), docs.tolist(), strict=True))
    if sort == "relevance" and wanted is not None and len(pairs) > 4 * wanted:
        best = heapq.nsmallest(wanted, pairs, key=lambda sd: (-sd[0], sd[1]))
        chosen = {d for _sc, d in best}
        return best + [sd for sd in pairs if sd[1] not in chosen]
    return sorted(pairs, key=lambda sd: (-sd[0], sd[1]))


def _facets(
    data: ReaderData,
    outlets_of: np.ndarray,
    entities_of: np.ndarray,
    chosen_entities: Iterable[str] = (),
) -> dict[str, dict[str, int]]:
    """Outlet counts (all) over the documents ``outlets_of`` and entity counts (the most
    frequent, and the ``chosen_entities`` however rare) over ``entities_of``, counted with
    NumPy over integer codes: a one-letter query matches nearly every article, and counting
    names in Python took longer than the search itself."""
    codes = data.facet_codes()
    outlet_counts = np.bincount(codes.outlet_codes[outlets_of], minlength=len(codes.outlet_names))
    mask = np.zeros(data.doc_count, dtype=bool)
    mask[entities_of] = True
    entity_counts = np.bincount(
        codes.entity_codes[mask[codes.entity_docs]], minlength=len(codes.entity_names)
    )
    entity_facet = _ranked(codes.entity_names, entity_counts, ENTITY_FACETS)
    for name in chosen_entities:
        code = codes.entity_keys.get(name_key(name)) if name else None
        if code is not None and entity_counts[code]:
            # A chosen entity keeps its count in the list, though rarer than the others.
            entity_facet.setdefault(codes.entity_names[code], int(entity_counts[code]))
    return {"outlet": _ranked(codes.outlet_names, outlet_counts, None), "entity": entity_facet}


def _ranked(names: Sequence[str], counts: np.ndarray, limit: int | None) -> dict[str, int]:
    """Names with a non-zero count, most frequent first (ties by name), at most ``limit``;
    the empty name (no outlet) is left out."""
    chosen = np.flatnonzero(counts)
    if limit is not None and len(chosen) > limit:
        # Everything tied with the limit-th count stays in, so ties are broken by name.
        floor = np.partition(counts[chosen], len(chosen) - limit)[len(chosen) - limit]
        chosen = chosen[counts[chosen] >= floor]
    items = sorted(
        ((names[i], int(counts[i])) for i in chosen if names[i]), key=lambda kv: (-kv[1], kv[0])
    )
    return dict(items if limit is None else items[:limit])


@dataclass(frozen=True)
class FacetCodes:
    """Each document's outlet and entities as integer codes, for counting facets in bulk:
    ``entity_docs[i]`` is the document of the i-th (document, entity) pair and
    ``entity_codes[i]`` its entity.

    An entity is every spelling sharing a :func:`~index.entities.names.name_key`
    ("Yoo Sang Bum", "Yoo Sang-bum"), named ``entity_names[code]`` after the spelling the
    most documents use, as the mention store names it; a document naming it in two
    spellings holds one pair. ``entity_keys`` maps a key to its entity's code and
    ``variants`` an entity's code to its spellings when it has more than one."""

    outlet_names: list[str]
    outlet_codes: np.ndarray
    entity_names: list[str]
    entity_docs: np.ndarray
    entity_codes: np.ndarray
    entity_keys: dict[str, int] = field(default_factory=dict)
    variants: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        outlets: Sequence[str],
        entities: Sequence[tuple[str, ...]],
        live: Sequence[bool] | None = None,
    ) -> FacetCodes:
        # dict.fromkeys and map keep the per-name work in C: ~100 names per article.
        outlet_names = list(dict.fromkeys(outlets))
        outlet_ids = {name: i for i, name in enumerate(outlet_names)}
        flat = list(chain.from_iterable(entities))
        spellings = list(dict.fromkeys(flat))
        spelling_ids = {name: i for i, name in enumerate(spellings)}
        sizes = np.fromiter(map(len, entities), dtype=np.int64, count=len(entities))
        docs = np.repeat(np.arange(len(entities), dtype=np.int64), sizes)
        codes = np.fromiter(map(spelling_ids.__getitem__, flat), dtype=np.int32, count=len(flat))
        keys = list(map(name_key, spellings))
        entity_keys: dict[str, int] = {}
        group_of = np.fromiter(
            (entity_keys.setdefault(k, len(entity_keys)) for k in keys),
            dtype=np.int32,
            count=len(keys),
        )
        variants: dict[int, tuple[str, ...]] = {}
        if len(entity_keys) == len(spellings):
            names = spellings
        else:
            # Some entities are spelled more than one way: name each after the spelling
            # the most (live) documents use, and count a document once per entity.
            groups = group_of.tolist()
            names = [""] * len(entity_keys)
            for spelling, group in zip(spellings, groups, strict=True):
                names[group] = spelling
            is_variant = np.bincount(group_of, minlength=len(names)) > 1
            members: dict[int, list[int]] = {}
            for i in np.flatnonzero(is_variant[group_of]).tolist():
                members.setdefault(groups[i], []).append(i)
            counted = codes if live is None else codes[np.asarray(live, dtype=bool)[docs]]
            uses = np.bincount(counted, minlength=len(spellings)).tolist()
            for group, found in members.items():
                variants[group] = tuple(spellings[i] for i in found)
                names[group] = choose_name({spellings[i]: uses[i] for i in found})
            codes = group_of[codes]
            repeated = np.flatnonzero(is_variant[codes])
            _, first = np.unique(docs[repeated] * len(names) + codes[repeated], return_index=True)
            keep = np.ones(len(codes), dtype=bool)
            keep[repeated] = False
            keep[repeated[first]] = True
            docs, codes = docs[keep], codes[keep]
        return cls(
            outlet_names,
            np.fromiter(map(outlet_ids.__getitem__, outlets), dtype=np.int32, count=len(outlets)),
            names,
            docs,
            codes,
            entity_keys,
            variants,
        )

    def spellings(self, key: str) -> tuple[str, ...]:
        """Every spelling of the entity with ``key`` (empty when no document names it)."""
        code = self.entity_keys.get(key)
        if code is None:
            return ()
        return self.variants.get(code, (self.entity_names[code],))

    def naming_mask(self, key: str, doc_count: int) -> np.ndarray:
        """A boolean mask over document numbers: those naming the entity with ``key``."""
        mask = np.zeros(doc_count, dtype=bool)
        code = self.entity_keys.get(key)
        if code is not None:
            mask[self.entity_docs[self.entity_codes == code]] = True
        return mask


def _hit(
    searcher: Searcher,
    data: ReaderData,
    docnum: int,
    score: float,
    words: Highlighter,
    context: SearchContext = NO_CONTEXT,
) -> Hit:
    stored = searcher.stored_fields(docnum)
    summary = data.summaries[docnum]
    body: str = stored.get("body", "")
    title: str = stored.get("title", "")
    passages: list[tuple[int, int, str]] = stored.get("passages") or [(0, len(body), "text")]
    marks = mark_words(body, words)
    if words.entities:
        article_id = stored.get("id", data.ids[docnum])
        spans = entity_spans(context.mentions(article_id), words.entities)
        marks = sorted(set(marks).union(spans))
    passage_no, passage = _best_passage(passages, marks)
    snippet, highlights = make_snippet(body, passage, marks)
    return Hit(
        id=stored.get("id", data.ids[docnum]),
        title=title,
        outlet=stored.get("outlet", summary.outlet if summary else ""),
        published=stored.get("published") or (summary.published if summary else None),
        score=float(score),
        passage=Passage(passage_no, passage[0], passage[1]) if body else None,
        snippet=snippet,
        highlights=highlights,
        title_highlights=tuple(mark_words(title, words)),
    )


def mark_words(text: str, words: Highlighter | set[str]) -> list[tuple[int, int]]:
    """Offsets of the words of ``text`` to highlight: words whose indexed form is one of the
    query's words, and whole runs of words spelling one of its phrases.

    Only words starting like one of the stems are analysed: a regex over the folded text
    finds those candidates, which is far cheaper than stemming every word of every hit."""
    if not isinstance(words, Highlighter):
        words = Highlighter(frozenset(words))
    wanted = words.all_words()
    if not wanted:
        return []
    folded = fold_accents(text)
    if len(folded) != len(text):  # folding changed lengths (ligatures): check every word
        found = [(m.start(), m.end(), analyze_word(m.group())) for m in _WORD.finditer(text)]
    else:
        letters = {w.removesuffix(ACRONYM_MARK) or w for w in wanted}
        heads = sorted({w[:-1] if len(w) > 3 else w for w in letters}, key=len, reverse=True)
        pattern = r"\b(?:" + "|".join(map(re.escape, heads)) + r")\w*"
        if any(w.endswith(ACRONYM_MARK) for w in wanted):
            # "U.S." is one word: match dotted initials whole before any head inside them.
            pattern = _DOTTED_WORD + "|" + pattern
        found = [
            (m.start(), m.end(), analyze_word(text[m.start() : m.end()]))
            for m in re.finditer(pattern, folded, re.IGNORECASE)
        ]
    found = [f for f in found if f[2] in wanted]
    marked = {i for i, f in enumerate(found) if f[2] in words.words}
    for phrase in words.phrases:
        size = len(phrase)
        for i in range(len(found) - size + 1):
            run = found[i : i + size]
            if tuple(f[2] for f in run) == phrase and all(
                not _WORD.search(text, run[j][1], run[j + 1][0]) for j in range(size - 1)
            ):
                marked.update(range(i, i + size))
    return [(found[i][0], found[i][1]) for i in sorted(marked)]


def entity_spans(mentions: Iterable[Mention], keys: Iterable[str]) -> list[tuple[int, int]]:
    """Body offsets of the mentions of the entities whose name keys are ``keys``."""
    wanted = set(keys)
    return sorted({(m.start, m.end) for m in mentions if name_key(m.entity) in wanted})


def _best_passage(
    passages: Sequence[tuple[int, int, str]], marks: Sequence[tuple[int, int]]
) -> tuple[int, tuple[int, int]]:
    """The paragraph with the most matched words (distinct ones counting most)."""
    if not marks:
        first = next((i for i, p in enumerate(passages) if p[2] == "text"), 0)
        return first, (passages[first][0], passages[first][1])
    starts = [p[0] for p in passages]
    counts: Counter[int] = Counter()
    for start, _end in marks:
        counts[max(0, bisect.bisect_right(starts, start) - 1)] += 1
    best = max(counts, key=lambda i: (counts[i], passages[i][2] != "caption", -i))
    return best, (passages[best][0], passages[best][1])


def make_snippet(
    body: str,
    passage: tuple[int, int],
    marks: Sequence[tuple[int, int]],
    width: int = SNIPPET_CHARS,
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Cut the passage to about ``width`` characters around its first match, on word
    boundaries, and give the matched words' offsets in the snippet."""
    start, end = passage
    inside = [(s, e) for s, e in marks if start <= s and e <= end]
    if end - start > width:
        anchor = inside[0][0] if inside else start
        lo = max(start, anchor - width // 3)
        hi = min(end, lo + width)
        lo = max(start, min(lo, hi - width))
        if lo > start:
            space = body.find(" ", lo, hi)
            lo = space + 1 if space != -1 else lo
        if hi < end:
            space = body.rfind(" ", lo, hi)
            hi = space if space > lo else hi
    else:
        lo, hi = start, end
    prefix = "…" if lo > start else ""
    suffix = "…" if hi < end else ""
    shift = len(prefix) - lo
    highlights = tuple((s + shift, e + shift) for s, e in inside if lo <= s and e <= hi)
    return prefix + body[lo:hi] + suffix, highlights


def _suggest(
    searcher: Searcher,
    data: ReaderData,
    text: str,
    total: int,
    allowed: set[int] | None,
    context: SearchContext = NO_CONTEXT,
) -> tuple[str | None, int]:
    corrected = correct_words(data, text)
    if corrected is None or corrected == text:
        return None, 0
    q = parse_query(searcher, corrected, data, context)
    bulk = bulk_scores(searcher, data, q)
    if bulk is None:
        count = len(searcher.search(q, limit=None, filter=allowed, terms=False).top_n)
    else:
        count = len(bulk) if allowed is None else sum(1 for d in bulk if d in allowed)
    return (corrected, count) if count > total else (None, 0)


def correct_words(data: ReaderData, text: str) -> str | None:
    """``text`` with each plain word the library does not know (or barely knows) replaced by
    the closest, most frequent body word; None when nothing changes."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    words, freqs = data.vocabulary()
    changed = False
    pieces: list[str] = []
    last = 0
    for match in _QUERY_WORD.finditer(text):
        raw = match.group(1)
        if raw in _OPERATORS or len(raw) < 3 or _in_quotes(text, match.start()):
            continue
        word = fold(raw)
        if " " in word or not word:
            continue
        known = freqs.get(word, 0)
        maxdist = 1 if len(word) <= 4 else 2
        found = process.extract(word, words, scorer=OSA.distance, score_cutoff=maxdist, limit=None)
        best = None
        for candidate, dist, _idx in found:
            if candidate == word or len(candidate) < 2:
                continue
            rank = (dist, candidate[0] != word[0], -freqs[candidate])
            # A word the library lacks takes any known word; a known one only a far
            # commoner word ("Vladivostock" -> "Vladivostok" even in a small library).
            floor = max(2, known * 5) if known else 0
            if freqs[candidate] > floor and (best is None or rank < best[0]):
                best = (rank, candidate)
        if best is None:
            continue
        pieces.append(text[last : match.start(1)])
        pieces.append(_match_case(raw, best[1]))
        last = match.end(1)
        changed = True
    if not changed:
        return None
    pieces.append(text[last:])
    return "".join(pieces)


def _in_quotes(text: str, position: int) -> bool:
    return text.count('"', 0, position) % 2 == 1


def _match_case(raw: str, word: str) -> str:
    if raw.isupper():
        return word.upper()
    if raw[:1].isupper():
        return word[:1].upper() + word[1:]
    return word

"""Anchors: how a bookmark finds its passage again after the article has been edited.

An anchor keeps what annotation tools call a text-quote selector (the quote with about
32 characters of context either side), a text-position selector (character offsets) and
the hash of the body it was made against. :func:`reanchor` looks for the passage in a new
body, in order of confidence:

1. the body is unchanged (same hash): the offsets still hold;
2. the old body is known: the offsets are mapped through a word-level diff of old -> new;
3. the exact quote, the occurrence whose context and position fit best;
4. a fuzzy match of prefix + quote + suffix, accepted only above :data:`FUZZY_MIN_SCORE`.

Short quotes (under :data:`SHORT_QUOTE` characters) are never matched fuzzily, and an
exact short quote found elsewhere is only accepted when its context agrees: a lookalike
sentence must never capture a note (the failure reported in hypothesis/client#7571).
A passage found with different text is ``changed`` (both texts are kept); one that cannot
be found with confidence is ``orphaned``. These are pure functions of their arguments.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from rapidfuzz import fuzz

from index.article import body_hash

AnchorStatus = Literal["anchored", "changed", "orphaned"]
Method = Literal["unchanged", "diff", "exact", "fuzzy", "none"]

CONTEXT_CHARS = 32
"""How much text before and after the quote is kept as its prefix and suffix."""
SHORT_QUOTE = 20
"""Quotes shorter than this are matched exactly or not at all."""
FUZZY_MIN_SCORE = 0.80
"""Minimum similarity (0..1) of the whole prefix + quote + suffix for a fuzzy match."""
FUZZY_MIN_QUOTE = 0.75
"""Minimum similarity of the quote itself to the text found by a fuzzy match."""
DIFF_MIN_SIMILARITY = 0.5
"""Below this similarity, text the diff maps the passage onto is a rewrite, not the passage."""
SHORT_CONTEXT_MIN = 0.6
"""A short quote found away from its place needs context at least this similar."""
MAX_DIFF_TOKENS = 20_000
"""Edited stretches with more words than this are mapped as one block (the diff is quadratic)."""

MAX_CHAR_DIFF = 400
"""Replaced stretches up to this length are refined by a character-level diff."""

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_PARAGRAPH = re.compile(r"[^\n]+|\n+")


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a passage was: its text with context, its offsets, and the body's hash."""

    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    content_hash: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where the passage is in a new body, and how sure we are of it.

    ``start``/``end``/``text`` are ``None`` when orphaned; ``text`` is the new body's text
    at the span (equal to the quote when ``status`` is ``anchored``).
    """

    status: AnchorStatus
    start: int | None
    end: int | None
    text: str | None
    method: Method
    score: float


ORPHANED = Resolution("orphaned", None, None, None, "none", 0.0)


def make_anchor(body: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Anchor:
    """Anchor ``body[start:end]``; raises ``ValueError`` for offsets outside the body."""
    if not (0 <= start < end <= len(body)):
        raise ValueError(
            f"offsets {start}-{end} are not a passage of a body of {len(body)} characters"
        )
    return Anchor(
        quote=body[start:end],
        prefix=body[max(0, start - context) : start],
        suffix=body[end : end + context],
        start=start,
        end=end,
        content_hash=body_hash(body),
    )


def trim_span(body: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so that it neither starts nor ends with whitespace."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def similarity(a: str, b: str) -> float:
    """Normalised Indel similarity of two strings, 0..1."""
    if not a and not b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def reanchor(
    anchor: Anchor,
    new_body: str,
    old_body: str | None = None,
    diff: Sequence[DiffSpan] | None = None,
) -> Resolution:
    """Find the anchored passage in ``new_body``; ``old_body`` is the text it was made in.

    ``diff`` may pass ``diff_spans(old_body, new_body)`` when several anchors of one
    article are re-anchored, so that it is computed once.
    """
    new_hash = body_hash(new_body)
    if new_hash == anchor.content_hash and new_body[anchor.start : anchor.end] == anchor.quote:
        return Resolution("anchored", anchor.start, anchor.end, anchor.quote, "unchanged", 1.0)
    if old_body is not None and body_hash(old_body) == anchor.content_hash:
        mapped = _through_diff(anchor, old_body, new_body, diff)
        if mapped is not None:
            return mapped
    exact = _exact(anchor, new_body)
    if exact is not None:
        return exact
    return _fuzzy(anchor, new_body) or ORPHANED


def _resolution(
    anchor: Anchor, body: str, start: int, end: int, method: Method, score: float
) -> Resolution:
    text = body[start:end]
    status: AnchorStatus = "anchored" if text == anchor.quote else "changed"
    return Resolution(status, start, end, text, method, round(score, 4))


# -- 2. through a diff -----------------------------------------------------------------


def _through_diff(
    anchor: Anchor, old: str, new: str, diff: Sequence[DiffSpan] | None
) -> Resolution | None:
    """Map the span through a word-level diff; ``None`` when the passage was rewritten away."""
    if old[anchor.start : anchor.end] != anchor.quote:
        return None
    spans = diff if diff is not None else diff_spans(old, new)
    start = map_offset(spans, anchor.start, side="start")
    end = map_offset(spans, anchor.end, side="end")
    start, end = trim_span(new, start, min(max(end, start), len(new)))
    if end <= start:
        return None
    text = new[start:end]
    if text == anchor.quote:
        return _resolution(anchor, new, start, end, "diff", 1.0)
    score = similarity(anchor.quote, text)
    if score < DIFF_MIN_SIMILARITY:
        return None
    if len(anchor.quote) < SHORT_QUOTE:
        # A short passage edited in place: accepted only when its surroundings are intact.
        context = _context_score(anchor, new, start, end)
        if context < SHORT_CONTEXT_MIN:
            return None
    return _resolution(anchor, new, start, end, "diff", score)


@dataclass(frozen=True, slots=True)
class DiffSpan:
    """One diff block in character offsets: ``old[i1:i2]`` became ``new[j1:j2]``."""

    tag: str
    i1: int
    i2: int
    j1: int
    j2: int


def diff_spans(old: str, new: str) -> list[DiffSpan]:
    """Character-offset diff blocks of two texts.

    The common head and tail are cut off, the middle is diffed by paragraphs, and only
    edited paragraphs are diffed by words (then characters inside replaced words), so the
    cost follows the size of the edit rather than of the article.
    """
    head = _common_prefix(old, new)
    tail = _common_suffix(old[head:], new[head:])
    spans: list[DiffSpan] = []
    if head:
        spans.append(DiffSpan("equal", 0, head, 0, head))
    spans += _paragraph_spans(old[head : len(old) - tail], new[head : len(new) - tail], head, head)
    if tail:
        spans.append(DiffSpan("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return spans


def _paragraph_spans(old: str, new: str, oi: int, nj: int) -> list[DiffSpan]:
    old_parts = _PARAGRAPH.findall(old)
    new_parts = _PARAGRAPH.findall(new)
    if len(old_parts) <= 1 or len(new_parts) <= 1:
        return _word_spans(old, new, oi, nj)
    old_at = _token_offsets(old_parts, oi)
    new_at = _token_offsets(new_parts, nj)
    spans: list[DiffSpan] = []
    matcher = SequenceMatcher(None, old_parts, new_parts, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            spans.append(DiffSpan(tag, old_at[i1], old_at[i2], new_at[j1], new_at[j2]))
        elif i2 - i1 == j2 - j1:
            # As many paragraphs on each side: each was edited in place.
            for k in range(i2 - i1):
                spans += _word_spans(
                    old_parts[i1 + k], new_parts[j1 + k], old_at[i1 + k], new_at[j1 + k]
                )
        else:
            spans += _word_spans(
                old[old_at[i1] - oi : old_at[i2] - oi],
                new[new_at[j1] - nj : new_at[j2] - nj],
                old_at[i1],
                new_at[j1],
            )
    return spans


def _word_spans(old: str, new: str, oi: int, nj: int) -> list[DiffSpan]:
    if not old or not new:
        tag = "equal" if old == new else ("insert" if not old else "delete")
        return [DiffSpan(tag, oi, oi + len(old), nj, nj + len(new))] if old or new else []
    old_tokens = _TOKEN.findall(old)
    new_tokens = _TOKEN.findall(new)
    if len(old_tokens) + len(new_tokens) > MAX_DIFF_TOKENS:
        return [DiffSpan("replace", oi, oi + len(old), nj, nj + len(new))]
    old_at = _token_offsets(old_tokens, oi)
    new_at = _token_offsets(new_tokens, nj)
    spans: list[DiffSpan] = []
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        span = DiffSpan(tag, old_at[i1], old_at[i2], new_at[j1], new_at[j2])
        if tag == "replace" and max(span.i2 - span.i1, span.j2 - span.j1) <= MAX_CHAR_DIFF:
            # Refine replaced words character by character: "the" -> "0the" keeps "the".
            old_text = old[span.i1 - oi : span.i2 - oi]
            new_text = new[span.j1 - nj : span.j2 - nj]
            for sub in _char_spans(old_text, new_text):
                spans.append(
                    DiffSpan(
                        sub.tag,
                        span.i1 + sub.i1,
                        span.i1 + sub.i2,
                        span.j1 + sub.j1,
                        span.j1 + sub.j2,
                    )
                )
        else:
            spans.append(span)
    return spans


def map_offset(spans: Sequence[DiffSpan], offset: int, side: Literal["start", "end"]) -> int:
    """Where an old offset lands in the new text.

    A start inside an edited block moves to the start of its replacement, an end to its
    end; text inserted exactly at the boundary is left outside the passage.
    """
    for span in spans:
        if span.i1 == span.i2:
            continue  # insertions hold no old offset
        inside = span.i1 <= offset < span.i2 if side == "start" else span.i1 < offset <= span.i2
        if not inside:
            continue
        if span.tag == "equal":
            return span.j1 + (offset - span.i1)
        return span.j1 if side == "start" else span.j2
    return spans[-1].j2 if spans else 0


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    # Back up to a token boundary so the diff of the middle works on whole words.
    while lo > 0 and lo < n and a[lo - 1].isalnum() and a[lo].isalnum():
        lo -= 1
    return lo


def _common_suffix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    while lo > 0 and lo < len(a) and a[len(a) - lo - 1].isalnum() and a[len(a) - lo].isalnum():
        lo -= 1
    return lo


def _token_offsets(tokens: list[str], base: int) -> list[int]:
    offsets = [base]
    for token in tokens:
        offsets.append(offsets[-1] + len(token))
    return offsets


# -- 3. the exact quote ----------------------------------------------------------------


def find_all(body: str, quote: str) -> list[int]:
    """Start offsets of every occurrence of ``quote`` in ``body`` (overlaps included)."""
    found: list[int] = []
    at = body.find(quote)
    while at != -1 and quote:
        found.append(at)
        at = body.find(quote, at + 1)
    return found


def _context_score(anchor: Anchor, body: str, start: int, end: int) -> float:
    """How well the text around ``body[start:end]`` matches the saved prefix and suffix."""
    scores = []
    if anchor.prefix:
        before = body[max(0, start - len(anchor.prefix)) : start]
        scores.append(similarity(anchor.prefix, before))
    if anchor.suffix:
        after = body[end : end + len(anchor.suffix)]
        scores.append(similarity(anchor.suffix, after))
    return sum(scores) / len(scores) if scores else 1.0


def _exact(anchor: Anchor, body: str) -> Resolution | None:
    starts = find_all(body, anchor.quote)
    if not starts:
        return None
    length = len(anchor.quote)
    scale = max(len(body), 1)

    def fit(start: int) -> tuple[float, float]:
        context = _context_score(anchor, body, start, start + length)
        nearness = 1.0 - min(abs(start - anchor.start) / scale, 1.0)
        return context, nearness

    ranked = sorted(starts, key=lambda s: fit(s)[0] + 0.25 * fit(s)[1], reverse=True)
    best = ranked[0]
    context, _ = fit(best)
    if length < SHORT_QUOTE and context < SHORT_CONTEXT_MIN:
        return None
    if len(ranked) > 1 and context < SHORT_CONTEXT_MIN:
        # Several copies of the passage and none in its old surroundings: which one was
        # meant cannot be told, so do not guess.
        return None
    return _resolution(anchor, body, best, best + length, "exact", 0.5 + context / 2)


# -- 4. fuzzy ----------------------------------------------------------------------------


def _fuzzy(anchor: Anchor, body: str) -> Resolution | None:
    if len(anchor.quote) < SHORT_QUOTE or not body:
        return None
    needle = anchor.prefix + anchor.quote + anchor.suffix
    alignment = fuzz.partial_ratio_alignment(needle, body, score_cutoff=FUZZY_MIN_SCORE * 100)
    if alignment is None:
        return None
    # Widen the window so that insertions inside the passage are not cut off, then map
    # the quote's bounds inside the needle onto the window.
    slack = len(needle) // 2
    lo = max(0, alignment.dest_start - slack)
    hi = min(len(body), alignment.dest_end + slack)
    window = body[lo:hi]
    spans = _char_spans(needle, window)
    q_start = len(anchor.prefix)
    q_end = q_start + len(anchor.quote)
    start = lo + map_offset(spans, q_start, side="start")
    end = lo + map_offset(spans, q_end, side="end")
    start, end = trim_span(body, start, end)
    if end <= start:
        return None
    text = body[start:end]
    quote_score = similarity(anchor.quote, text)
    whole = similarity(needle, body[max(0, start - len(anchor.prefix)) : end + len(anchor.suffix)])
    if quote_score < FUZZY_MIN_QUOTE or whole < FUZZY_MIN_SCORE:
        return None
    return _resolution(anchor, body, start, end, "fuzzy", min(quote_score, whole))


def _char_spans(old: str, new: str) -> list[DiffSpan]:
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return [DiffSpan(*op) for op in matcher.get_opcodes()]


# -- finding a quote the user typed -------------------------------------------------------

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2026": "\x00",
    }
)


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """A place where a typed quote was found: offsets into the body and how."""

    start: int
    end: int
    exact: bool


def locate_quote(body: str, quote: str) -> list[QuoteMatch]:
    """Every place ``quote`` occurs in ``body``: exactly, or else ignoring case, runs of
    whitespace and the difference between typographic and straight quotes and dashes."""
    quote = quote.strip()
    if not quote:
        return []
    exact = find_all(body, quote)
    if exact:
        return [QuoteMatch(s, s + len(quote), True) for s in exact]
    folded_body, positions = _fold_with_map(body)
    folded_quote, _ = _fold_with_map(quote)
    matches = []
    for at in find_all(folded_body, folded_quote):
        start = positions[at]
        end = positions[at + len(folded_quote) - 1] + 1
        matches.append(QuoteMatch(start, end, False))
    return matches


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` for tolerant matching; ``positions[i]`` is the original offset of
    folded character ``i``."""
    out: list[str] = []
    positions: list[int] = []
    previous_space = False
    for index, char in enumerate(text):
        folded = char.translate(_FOLD)
        if folded == "\x00":
            folded = "..."
        if folded.isspace():
            if previous_space:
                continue
            folded = " "
            previous_space = True
        else:
            previous_space = False
        for piece in folded.casefold():
            out.append(piece)
            positions.append(index)
    return "".join(out), positions


@dataclass(frozen=True, slots=True)
class Closest:
    """The passage of a body most like a quote that was not found."""

    start: int
    end: int
    text: str
    score: float


def closest_passage(body: str, quote: str, min_score: float = 0.6) -> Closest | None:
    """The stretch of ``body`` most similar to ``quote``, for a helpful "not found"."""
    quote = quote.strip()
    if not quote or not body:
        return None
    alignment = fuzz.partial_ratio_alignment(
        quote.casefold(), body.casefold(), score_cutoff=min_score * 100
    )
    if alignment is None:
        return None
    start, end = _expand_to_words(body, alignment.dest_start, alignment.dest_end)
    return Closest(start, end, body[start:end], alignment.score / 100.0)


def _expand_to_words(body: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and body[start - 1].isalnum():
        start -= 1
    while end < len(body) and body[end].isalnum():
        end += 1
    return trim_span(body, start, end)

"""Comparing two versions of a story: aligned passages, word diffs, numbers, a summary.

:func:`compare` splits both bodies into passages (sentences, captions excluded), links
passages that carry the same claim (reordering, merges and splits allowed: one passage may
link to several), marks each link ``same`` (near-verbatim) or ``reworded``, diffs linked
pairs word by word, sets the numeric claims side by side, and lays the result out as rows
for two-column reading: rows follow the left version, each right passage sits beside its
best link, and right-only passages sit between their neighbours.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

from rapidfuzz import fuzz

from index.article import Article
from index.numbers import NumberClaim, extract_numbers, unmatched
from index.passages import Passage, passages
from index.terms import content_terms, idf_weights, weighted_vector

LinkKind = Literal["same", "reworded"]
RowKind = Literal["same", "reworded", "left-only", "right-only"]
ROW_KINDS: tuple[RowKind, ...] = ("same", "reworded", "left-only", "right-only")
WordOpKind = Literal["equal", "insert", "delete", "replace"]

SAME_RATIO = 85.0
"""Character similarity (0-100, punctuation and case ignored) above which a link is "same"."""
STRONG = 0.55
"""Weighted content-word cosine that links two passages whatever else they link to."""
MUTUAL = 0.26
"""Cosine enough for two passages that are each other's best match."""
ONE_SIDED = 0.36
"""Cosine enough when one passage is the other's best match but not the reverse."""
CONTAINED = 0.72
"""Share of the shorter passage's weight found in the longer one for a split/merge link."""
CONTAINED_MIN_COSINE = 0.3

CANDIDATE_POSTINGS = 150
"""Terms in more right passages than this (and 2% of them) do not propose candidates."""

_TOKEN = re.compile(r"[^\W_]+(?:['’.,-][^\W_]+)*", re.UNICODE)
_NORMALISE = re.compile(r"[^\w\s]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Side:
    """Which article a side of the comparison is."""

    id: str
    outlet: str
    title: str
    published: str | None = None

    @classmethod
    def of(cls, article: Article) -> Side:
        return cls(article.id, article.outlet, article.title, article.published_iso)

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "outlet": self.outlet, "title": self.title}


@dataclass(frozen=True, slots=True)
class WordOp:
    """One step of a word diff; spans are body offsets into each version (None if empty)."""

    op: WordOpKind
    left: str
    right: str
    left_span: tuple[int, int] | None
    right_span: tuple[int, int] | None

    def to_json(self) -> dict[str, object]:
        return {
            "op": self.op,
            "left": self.left,
            "right": self.right,
            "left_span": list(self.left_span) if self.left_span else None,
            "right_span": list(self.right_span) if self.right_span else None,
        }


@dataclass(frozen=True, slots=True)
class Link:
    """Two passages that carry the same claim."""

    left: int
    right: int
    similarity: float
    kind: LinkKind


@dataclass
class Row:
    """One line of the side-by-side layout.

    A row shows a left passage, a right passage, or both (a linked pair). When a passage is
    linked to one shown in another row (one-to-many links), ``linked_row`` is that row's
    index and ``kind`` is the link's kind. ``unmatched_numbers`` are this row's numeric
    claims the other version does not carry here (for a pair: the partner lacks them).
    """

    kind: RowKind
    left: Passage | None
    right: Passage | None
    similarity: float = 0.0
    diff: list[WordOp] = field(default_factory=list)
    linked_row: int | None = None
    left_numbers: list[NumberClaim] = field(default_factory=list)
    right_numbers: list[NumberClaim] = field(default_factory=list)
    unmatched_numbers: list[NumberClaim] = field(default_factory=list)

    @property
    def left_text(self) -> str | None:
        return self.left.text if self.left else None

    @property
    def right_text(self) -> str | None:
        return self.right.text if self.right else None

    @property
    def left_span(self) -> tuple[int, int] | None:
        return self.left.span if self.left else None

    @property
    def right_span(self) -> tuple[int, int] | None:
        return self.right.span if self.right else None

    @property
    def numbers_differ(self) -> bool:
        """A linked pair whose passages give different numbers for the same kind of thing
        ("2,000 containers" against "1,000 containers"); a number only one side gives is a
        one-sided claim, not a difference."""
        left, right = self.conflicting_numbers
        return bool(left and right)

    @property
    def conflicting_numbers(self) -> tuple[list[NumberClaim], list[NumberClaim]]:
        """The unmatched claims of each side that have a comparable counterpart on the other."""
        if self.left is None or self.right is None or not self.unmatched_numbers:
            return [], []
        left = [c for c in self.unmatched_numbers if c in self.left_numbers]
        right = [c for c in self.unmatched_numbers if c in self.right_numbers]
        return (
            [a for a in left if any(_comparable(a, b) for b in right)],
            [b for b in right if any(_comparable(a, b) for a in left)],
        )

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "left": self.left_text,
            "right": self.right_text,
            "similarity": round(self.similarity, 3),
            "left_span": list(self.left_span) if self.left_span else None,
            "right_span": list(self.right_span) if self.right_span else None,
            "diff": [op.to_json() for op in self.diff],
            "linked_row": self.linked_row,
            "numbers_differ": self.numbers_differ,
            "unmatched_numbers": [c.text for c in self.unmatched_numbers],
        }


@dataclass(frozen=True, slots=True)
class Summary:
    """How much of each version the other carries, and how many rows of each kind."""

    left_shared: float
    right_shared: float
    counts: dict[str, int]
    links: int

    def to_json(self) -> dict[str, object]:
        return {
            "left_shared": round(self.left_shared, 3),
            "right_shared": round(self.right_shared, 3),
            "counts": dict(self.counts),
            "links": self.links,
        }


@dataclass(frozen=True, slots=True)
class NumberNote:
    """A numeric difference: a claim one version alone carries, or a linked pair that differs.

    ``kind`` is ``left-only`` / ``right-only`` (``left`` or ``right`` holds the claim) or
    ``differs`` (both hold the claims the linked partner lacks). ``row`` locates it.
    """

    kind: Literal["left-only", "right-only", "differs"]
    row: int | None
    left: tuple[NumberClaim, ...] = ()
    right: tuple[NumberClaim, ...] = ()

    def describe(self) -> str:
        if self.kind == "left-only":
            return f"{', '.join(c.text for c in self.left)} (left only)"
        if self.kind == "right-only":
            return f"{', '.join(c.text for c in self.right)} (right only)"
        parts = []
        if self.left:
            parts.append(f"left has {', '.join(c.text for c in self.left)}")
        if self.right:
            parts.append(f"right has {', '.join(c.text for c in self.right)}")
        return "linked passages differ: " + "; ".join(parts)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "row": self.row,
            "left": [c.to_json() for c in self.left],
            "right": [c.to_json() for c in self.right],
        }


@dataclass
class Comparison:
    """The result of :func:`compare`; ``notes`` explain degenerate input in plain words."""

    left: Side
    right: Side
    summary: Summary
    rows: list[Row]
    links: list[Link]
    numbers: list[NumberNote]
    notes: list[str] = field(default_factory=list)

    def differences(self) -> list[int]:
        """Indices of the rows a reader jumps between: everything not ``same``."""
        return [i for i, row in enumerate(self.rows) if row.kind != "same" or row.numbers_differ]

    def to_json(self) -> dict[str, object]:
        return {
            "left": self.left.to_json(),
            "right": self.right.to_json(),
            "summary": self.summary.to_json(),
            "rows": [row.to_json() for row in self.rows],
            "numbers": [note.to_json() for note in self.numbers],
            "notes": list(self.notes),
        }


@dataclass
class PassageSet:
    """Passages of one article with what alignment needs: terms, numbers, normalised text."""

    article: Article
    passages: list[Passage]
    terms: list[list[str]]
    numbers: list[list[NumberClaim]]
    plain: list[str]

    @classmethod
    def of(cls, article: Article) -> PassageSet:
        found = passages(article)
        numbers = [extract_numbers(p.text, p.start) for p in found]
        return cls(
            article,
            found,
            [content_terms(p.text, claims=c) for p, c in zip(found, numbers, strict=True)],
            numbers,
            [normalise(p.text) for p in found],
        )


def normalise(text: str) -> str:
    """Lower case, punctuation dropped, spaces collapsed: the text "same" is judged on."""
    return " ".join(_NORMALISE.sub(" ", text.lower().replace("’", "'")).split())


def score_pairs(
    left_terms: Sequence[Sequence[str]],
    right_terms: Sequence[Sequence[str]],
    idf: dict[str, float],
) -> dict[tuple[int, int], tuple[float, float]]:
    """``(cosine, containment)`` of every pair sharing a term, by weighted content terms.

    Containment is the shared weight over the smaller passage's weight: high when one
    passage is a part of the other (a sentence split in two by the other outlet).
    """
    left_vectors = [weighted_vector(t, idf) for t in left_terms]
    right_vectors = [weighted_vector(t, idf) for t in right_terms]
    left_norms = [sum(w * w for w in v.values()) for v in left_vectors]
    right_norms = [sum(w * w for w in v.values()) for v in right_vectors]
    postings: dict[str, list[int]] = defaultdict(list)
    for j, vector in enumerate(right_vectors):
        for term in vector:
            postings[term].append(j)
    # Candidates come from terms that are not everywhere; in ordinary articles every term
    # qualifies, in very long or repetitive ones this keeps the work near-linear.
    limit = max(CANDIDATE_POSTINGS, int(len(right_vectors) * 0.02))
    scores: dict[tuple[int, int], tuple[float, float]] = {}
    for i, vector in enumerate(left_vectors):
        if not left_norms[i]:
            continue
        candidates: set[int] = set()
        for term in vector:
            found = postings.get(term, ())
            if len(found) <= limit:
                candidates.update(found)
        for j in candidates:
            other = right_vectors[j]
            dot = sum(w * w for t, w in vector.items() if t in other)
            cosine = dot / math.sqrt(left_norms[i] * right_norms[j])
            containment = dot / min(left_norms[i], right_norms[j])
            scores[(i, j)] = (cosine, containment)
    return scores


def accept_link(
    cosine: float,
    containment: float,
    best_of_left: bool,
    best_of_right: bool,
    short_terms: int,
) -> bool:
    """Whether two passages carry the same claim, given how they score against each other
    and whether each is the other's best match (shared by comparison and fact clustering)."""
    return (
        cosine >= STRONG
        or (best_of_left and best_of_right and cosine >= MUTUAL)
        or ((best_of_left or best_of_right) and cosine >= ONE_SIDED)
        or (
            containment >= CONTAINED
            and cosine >= CONTAINED_MIN_COSINE
            and short_terms >= 4
            and (best_of_left or best_of_right)
        )
    )


def link_kind(left_plain: str, right_plain: str) -> tuple[LinkKind, float]:
    """``same`` or ``reworded`` for a linked pair, with their character similarity (0-1)."""
    ratio = fuzz.ratio(left_plain, right_plain) / 100.0
    return ("same" if ratio * 100 >= SAME_RATIO else "reworded"), ratio


def link_passages(
    left: PassageSet, right: PassageSet, idf: dict[str, float] | None = None
) -> list[Link]:
    """Links between the two passage sets, allowing reordering and one-to-many links."""
    if idf is None:
        idf = idf_weights([*left.terms, *right.terms])
    scores = score_pairs(left.terms, right.terms, idf)
    best_right: dict[int, tuple[float, int]] = {}
    best_left: dict[int, tuple[float, int]] = {}
    for (i, j), (cosine, _) in scores.items():
        if cosine > best_right.get(i, (0.0, -1))[0]:
            best_right[i] = (cosine, j)
        if cosine > best_left.get(j, (0.0, -1))[0]:
            best_left[j] = (cosine, i)
    left_sizes = [len(set(terms)) for terms in left.terms]
    right_sizes = [len(set(terms)) for terms in right.terms]
    links: list[Link] = []
    for (i, j), (cosine, containment) in scores.items():
        if cosine < MUTUAL:
            continue
        is_best_of_left = best_right[i][1] == j
        is_best_of_right = best_left[j][1] == i
        short_terms = min(left_sizes[i], right_sizes[j])
        if not accept_link(cosine, containment, is_best_of_left, is_best_of_right, short_terms):
            continue
        kind, ratio = link_kind(left.plain[i], right.plain[j])
        links.append(Link(i, j, max(cosine, ratio), kind))
    links.sort(key=lambda link: (link.left, link.right))
    return links


def compare(left: Article, right: Article) -> Comparison:
    """Compare two versions of a story. Never raises on odd text; see ``notes``."""
    left_set = PassageSet.of(left)
    right_set = PassageSet.of(right)
    notes = _notes(left, right, left_set, right_set)
    links = link_passages(left_set, right_set)
    rows = layout(left_set, right_set, links)
    numbers = _number_notes(left_set, right_set, rows)
    return Comparison(
        Side.of(left),
        Side.of(right),
        _summary(left_set, right_set, links, rows),
        rows,
        links,
        numbers,
        notes,
    )


def layout(left: PassageSet, right: PassageSet, links: Sequence[Link]) -> list[Row]:
    """Rows for side-by-side reading (see the module docstring)."""
    beside_right: dict[int, Link] = {}
    beside_left: dict[int, Link] = {}
    for link in sorted(links, key=lambda k: -k.similarity):
        if link.left not in beside_right and link.right not in beside_left:
            beside_right[link.left] = link
            beside_left[link.right] = link
    best_of_right: dict[int, Link] = {}
    best_of_left: dict[int, Link] = {}
    for link in links:
        if (
            link.right not in best_of_right
            or link.similarity > best_of_right[link.right].similarity
        ):
            best_of_right[link.right] = link
        if link.left not in best_of_left or link.similarity > best_of_left[link.left].similarity:
            best_of_left[link.left] = link

    keyed: list[tuple[tuple[float, ...], Row, Link | None]] = []
    right_key: dict[int, tuple[float, ...]] = {}
    for i, passage in enumerate(left.passages):
        link = beside_right.get(i)
        key: tuple[float, ...] = (i, 0, 0)
        if link is not None:
            row = Row(link.kind, passage, right.passages[link.right], link.similarity)
            right_key[link.right] = key
            keyed.append((key, row, None))
        elif i in best_of_left:
            other = best_of_left[i]
            row = Row(other.kind, passage, None, other.similarity)
            keyed.append((key, row, other))
        else:
            keyed.append((key, Row("left-only", passage, None), None))
    for j, passage in enumerate(right.passages):
        if j in beside_left or j not in best_of_right:
            continue
        link = best_of_right[j]
        key = (link.left, 1, j)
        right_key[j] = key
        keyed.append((key, Row(link.kind, None, passage, link.similarity), link))
    for j, passage in enumerate(right.passages):
        if j in right_key:
            continue
        key = _right_only_key(j, right_key, len(right.passages))
        right_key[j] = key
        keyed.append((key, Row("right-only", None, passage), None))
    keyed.sort(key=lambda item: item[0])
    rows = [row for _, row, _ in keyed]

    row_of_left = {id(row.left): n for n, row in enumerate(rows) if row.left is not None}
    row_of_right = {id(row.right): n for n, row in enumerate(rows) if row.right is not None}
    left_claims = {p.index: left.numbers[p.index] for p in left.passages}
    right_claims = {p.index: right.numbers[p.index] for p in right.passages}
    for _, row, partner in keyed:
        if partner is not None:
            if row.left is None:
                row.linked_row = row_of_left.get(id(left.passages[partner.left]))
            else:
                row.linked_row = row_of_right.get(id(right.passages[partner.right]))
        if row.left is not None:
            row.left_numbers = left_claims[row.left.index]
        if row.right is not None:
            row.right_numbers = right_claims[row.right.index]
        if row.left is not None and row.right is not None:
            row.diff = word_diff(left.article.body, row.left, right.article.body, row.right)
            row.unmatched_numbers = unmatched(row.left_numbers, row.right_numbers) + unmatched(
                row.right_numbers, row.left_numbers
            )
        elif partner is not None:
            mine = row.left_numbers or row.right_numbers
            theirs = (
                right_claims[partner.right] if row.left is not None else left_claims[partner.left]
            )
            row.unmatched_numbers = unmatched(mine, theirs)
    return rows


def _right_only_key(j: int, placed: dict[int, tuple[float, ...]], count: int) -> tuple[float, ...]:
    for k in range(j - 1, -1, -1):
        if k in placed:
            return (*placed[k], 2, j)
    for k in range(j + 1, count):
        if k in placed:
            before = placed[k]
            return (*before[:-1], before[-1] - 0.5, j)
    return (math.inf, j)


def word_diff(left_body: str, left: Passage, right_body: str, right: Passage) -> list[WordOp]:
    """Word-level diff of a linked pair (case-insensitive); spans are body offsets."""
    left_words = [
        (m.start() + left.start, m.end() + left.start) for m in _TOKEN.finditer(left.text)
    ]
    right_words = [
        (m.start() + right.start, m.end() + right.start) for m in _TOKEN.finditer(right.text)
    ]
    left_keys = [left_body[a:b].lower().replace("’", "'") for a, b in left_words]
    right_keys = [right_body[a:b].lower().replace("’", "'") for a, b in right_words]
    matcher = SequenceMatcher(None, left_keys, right_keys, autojunk=False)
    ops: list[WordOp] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        left_span = (left_words[a1][0], left_words[a2 - 1][1]) if a2 > a1 else None
        right_span = (right_words[b1][0], right_words[b2 - 1][1]) if b2 > b1 else None
        ops.append(
            WordOp(
                tag,  # type: ignore[arg-type]
                left_body[left_span[0] : left_span[1]] if left_span else "",
                right_body[right_span[0] : right_span[1]] if right_span else "",
                left_span,
                right_span,
            )
        )
    return ops


def _summary(
    left: PassageSet, right: PassageSet, links: Sequence[Link], rows: Sequence[Row]
) -> Summary:
    linked_left = {link.left for link in links}
    linked_right = {link.right for link in links}
    left_total = sum(len(p.text) for p in left.passages)
    right_total = sum(len(p.text) for p in right.passages)
    left_shared = sum(len(left.passages[i].text) for i in linked_left)
    right_shared = sum(len(right.passages[j].text) for j in linked_right)
    counts = {kind: 0 for kind in ROW_KINDS}
    for row in rows:
        counts[row.kind] += 1
    return Summary(
        left_shared / left_total if left_total else 0.0,
        right_shared / right_total if right_total else 0.0,
        counts,
        len(links),
    )


def _comparable(a: NumberClaim, b: NumberClaim) -> bool:
    """Claims that speak of the same kind of thing: both dates, or quantities of one unit."""
    if a.kind != b.kind:
        return False
    return a.kind == "date" or a.head is None or b.head is None or a.head == b.head


def _number_notes(left: PassageSet, right: PassageSet, rows: Sequence[Row]) -> list[NumberNote]:
    all_left = [c for claims in left.numbers for c in claims]
    all_right = [c for claims in right.numbers for c in claims]
    left_only = {c.key for c in unmatched(all_left, all_right)}
    right_only = {c.key for c in unmatched(all_right, all_left)}
    notes: list[NumberNote] = []
    reported: set[tuple[str, tuple[str, str, str | None]]] = set()
    for n, row in enumerate(rows):
        if row.numbers_differ:
            conflicting_left, conflicting_right = row.conflicting_numbers
            notes.append(
                NumberNote("differs", n, tuple(conflicting_left), tuple(conflicting_right))
            )
            # the difference already names these claims: not again as one-sided ones
            reported.update(("left", c.key) for c in conflicting_left)
            reported.update(("right", c.key) for c in conflicting_right)
        for claim in row.left_numbers:
            if claim.key in left_only and ("left", claim.key) not in reported:
                reported.add(("left", claim.key))
                notes.append(NumberNote("left-only", n, left=(claim,)))
        for claim in row.right_numbers:
            if claim.key in right_only and ("right", claim.key) not in reported:
                reported.add(("right", claim.key))
                notes.append(NumberNote("right-only", n, right=(claim,)))
    return notes


def _notes(left: Article, right: Article, left_set: PassageSet, right_set: PassageSet) -> list[str]:
    notes = []
    if left.id == right.id:
        notes.append("a version compared with itself: every passage is the same")
    elif left.body == right.body:
        notes.append("the two versions have identical text")
    for side, article, found in (("left", left, left_set), ("right", right, right_set)):
        if not found.passages:
            notes.append(f"the {side} version ({article.outlet}) has no text to compare")
        elif all(not terms for terms in found.terms):
            notes.append(f"the {side} version ({article.outlet}) has no words to compare")
    left_words = {t for terms in left_set.terms for t in terms}
    right_words = {t for terms in right_set.terms for t in terms}
    if left_set.passages and right_set.passages and not left_words & right_words:
        notes.append("the versions share no content words: they may be different stories")
    return notes

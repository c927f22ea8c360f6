"""Who reports what: the passages of a story's versions clustered into facts.

A fact is a group of passages, from different versions, that link to each other the way
:mod:`index.compare` links two versions' passages. The :class:`FactMatrix` sets facts
(rows) against versions (columns): which outlet reports which fact, which facts only one
outlet has, and where outlets give different numbers for what looks like the same fact.
All passages of all versions are scored at once (one matrix product), so a story of 20
versions takes well under the two seconds the reader may wait.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from index.article import Article
from index.compare import MUTUAL, ONE_SIDED, STRONG, PassageSet, accept_link
from index.numbers import NumberClaim
from index.passages import Passage
from index.stories import StoryMember
from index.terms import idf_weights

COHERENT = 0.30
"""Mean cosine two groups of passages need between all their members to become one fact:
single links chain loosely related claims ("shipments grew in October" joined "experts
were sent in October" through a third version), a group's members must agree as a whole."""


@dataclass
class Fact:
    """One claim as the versions carry it: passages and numbers per article id."""

    id: str
    text: str
    passages: dict[str, list[Passage]]
    numbers: dict[str, list[NumberClaim]]
    differences: list[str] = field(default_factory=list)
    differing: set[str] = field(default_factory=set)

    @property
    def outlets(self) -> int:
        return len(self.passages)

    @property
    def single_outlet(self) -> bool:
        return len(self.passages) == 1

    @property
    def numbers_differ(self) -> bool:
        return bool(self.differences)

    @property
    def differs(self) -> frozenset[str]:
        """Article ids whose numbers for this fact differ from another version's."""
        return frozenset(self.differing)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "text": self.text,
            "reported_by": list(self.passages),
            "single_outlet": self.single_outlet,
            "numbers_differ": self.numbers_differ,
            "differences": list(self.differences),
            "differing_versions": sorted(self.differing),
            "versions": {
                article_id: {
                    "passages": [{"text": p.text, "span": list(p.span)} for p in found],
                    "numbers": [c.text for c in self.numbers.get(article_id, [])],
                }
                for article_id, found in self.passages.items()
            },
        }


@dataclass
class FactMatrix:
    """Facts (rows) by versions (columns)."""

    versions: list[StoryMember]
    facts: list[Fact]

    @property
    def outlets(self) -> list[str]:
        return [v.outlet for v in self.versions]

    def reports(self, fact: Fact, article_id: str) -> bool:
        return article_id in fact.passages

    def single_outlet_facts(self) -> list[Fact]:
        return [f for f in self.facts if f.single_outlet]

    def to_json(self) -> dict[str, object]:
        return {
            "versions": [v.to_json() for v in self.versions],
            "facts": [f.to_json() for f in self.facts],
            "shared_facts": sum(1 for f in self.facts if not f.single_outlet),
            "single_outlet_facts": len(self.single_outlet_facts()),
            "facts_with_differing_numbers": sum(1 for f in self.facts if f.numbers_differ),
        }


def facts(articles: Sequence[Article]) -> FactMatrix:
    """Cluster the passages of ``articles`` (one story's versions) into facts."""
    sets = [PassageSet.of(a) for a in articles]
    versions = [StoryMember(a.id, a.outlet, a.title, a.published_iso) for a in articles]
    owners: list[tuple[int, int]] = [
        (k, i) for k, s in enumerate(sets) for i in range(len(s.passages))
    ]
    if not owners:
        return FactMatrix(versions, [])
    all_terms = [terms for s in sets for terms in s.terms]
    idf = idf_weights(all_terms)
    # Only terms found in two passages or more can make two passages alike: the matrix
    # holds those (a fraction of the vocabulary); the norms count every term.
    df = Counter(term for terms in all_terms for term in set(terms))
    vocabulary = {t: n for n, t in enumerate(t for t, count in df.items() if count > 1)}
    matrix = np.zeros((len(owners), max(1, len(vocabulary))), dtype=np.float32)
    norms = np.zeros(len(owners), dtype=np.float32)
    for row, terms in enumerate(all_terms):
        for term in set(terms):
            norms[row] += idf[term]
            column = vocabulary.get(term)
            if column is not None:
                matrix[row, column] = np.sqrt(idf[term])
    dots = matrix @ matrix.T
    safe = np.where(norms > 0, norms, 1.0)
    cosine = dots / np.sqrt(np.outer(safe, safe))
    containment = dots / np.minimum.outer(safe, safe)
    sizes = [len(set(t)) for t in all_terms]
    starts = np.cumsum([0, *(len(s.passages) for s in sets)])

    links: list[tuple[float, int, int]] = []
    for a in range(len(sets)):
        for b in range(a + 1, len(sets)):
            rows = slice(starts[a], starts[a + 1])
            cols = slice(starts[b], starts[b + 1])
            block = cosine[rows, cols]
            if block.size == 0:
                continue
            best_of_row = block.argmax(axis=1)
            best_of_col = block.argmax(axis=0)
            for i, j in zip(*np.nonzero(block >= MUTUAL), strict=True):
                gi, gj = starts[a] + i, starts[b] + j
                if accept_link(
                    float(block[i, j]),
                    float(containment[gi, gj]),
                    bool(best_of_row[i] == j),
                    bool(best_of_col[j] == i),
                    min(sizes[gi], sizes[gj]),
                ):
                    links.append((float(block[i, j]), int(gi), int(gj)))

    cluster = list(range(len(owners)))
    members: dict[int, list[int]] = {n: [n] for n in range(len(owners))}

    def find(n: int) -> int:
        while cluster[n] != n:
            cluster[n] = cluster[cluster[n]]
            n = cluster[n]
        return n

    for score, gi, gj in sorted(links, reverse=True):
        ri, rj = find(gi), find(gj)
        if ri == rj:
            continue
        # Merging two groups that already share a version can chain loosely related claims
        # together: allow it for near-identical links, or for a version telling the claim
        # in two passages (a standfirst and its paragraph) when the link is a clear one.
        per_article = Counter(owners[n][0] for n in (*members[ri], *members[rj]))
        shared = {owners[n][0] for n in members[ri]} & {owners[n][0] for n in members[rj]}
        if (
            shared
            and score < STRONG
            and (score < ONE_SIDED or any(per_article[k] > 2 for k in shared))
        ):
            continue
        if len(members[ri]) + len(members[rj]) > 2:
            between = cosine[np.ix_(members[ri], members[rj])]
            if float(between.mean()) < COHERENT:
                continue
        cluster[rj] = ri
        members[ri].extend(members.pop(rj))

    degree = [0] * len(owners)
    for _, gi, gj in links:
        degree[gi] += 1
        degree[gj] += 1
    result: list[tuple[Fact, int]] = []
    for group in members.values():
        group.sort()
        passages: dict[str, list[Passage]] = {}
        numbers: dict[str, list[NumberClaim]] = {}
        for n in group:
            k, i = owners[n]
            article_id = sets[k].article.id
            passages.setdefault(article_id, []).append(sets[k].passages[i])
            numbers.setdefault(article_id, []).extend(sets[k].numbers[i])
        central = max(group, key=lambda n: (degree[n], -n))
        k, i = owners[central]
        fact = Fact("", sets[k].passages[i].text, passages, numbers)
        fact.differences, fact.differing = _differences(fact, {v.id: v.outlet for v in versions})
        result.append((fact, min(group)))
    result.sort(key=lambda item: (-item[0].outlets, item[1]))
    for number, (fact, _) in enumerate(result, 1):
        fact.id = f"F{number}"
    return FactMatrix(versions, [fact for fact, _ in result])


def _differences(fact: Fact, outlets: dict[str, str]) -> tuple[list[str], set[str]]:
    """Numbers of the same kind and unit that outlets reporting this fact give differently,
    described, and the ids of the versions involved."""
    found: list[str] = []
    involved: set[str] = set()
    ids = [i for i in fact.numbers if fact.numbers[i]]
    for x, first in enumerate(ids):
        for second in ids[x + 1 :]:
            for claim in fact.numbers[first]:
                if any(claim.matches(other) for other in fact.numbers[second]):
                    continue
                rivals = [
                    other
                    for other in fact.numbers[second]
                    if other.kind == claim.kind
                    and other.head == claim.head
                    and not any(other.matches(c) for c in fact.numbers[first])
                ]
                for other in rivals:
                    involved.update((first, second))
                    found.append(
                        f"{outlets.get(first, first)}: {claim.text} ≠ "
                        f"{outlets.get(second, second)}: {other.text}"
                    )
    return found, involved

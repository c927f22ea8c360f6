"""Who reports what: the passages of a story's versions clustered into facts.

A fact is a group of passages, from different versions, that link to each other the way
:mod:`index.compare` links two versions' passages. The :class:`FactMatrix` sets facts
(rows) against versions (columns): which outlet reports which fact, which facts only one
outlet has, and where outlets give different numbers for what looks like the same fact.
All passages of all versions are scored at once (one matrix product), so a story of 20
versions takes well under the two seconds the reader may wait.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from index.article import Article
from index.compare import MUTUAL, ONE_SIDED, STRONG, PassageSet, accept_link
from index.numbers import NumberClaim
from index.passages import Passage
from index.stories import StoryMember
from index.terms import content_terms, idf_weights

COHERENT = 0.30
"""Mean cosine two groups of passages need between all their members to become one fact:
single links chain loosely related claims ("shipments grew in October" joined "experts
were sent in October" through a third version), a group's members must agree as a whole."""

NAME_LED = 0.5
"""Share of a link's shared weight that must come from other words than names: two
passages sharing "United Nations Security Council resolutions" and "North Korea" but
saying different things of them are not one claim on that link alone."""

_CAPITALISED = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z][^\W_]*(?:[-'’][^\W_]+)*")


def name_terms(text: str) -> set[str]:
    """Terms of ``text`` that come from capitalised words (names, apart from the first
    word, which is capitalised anyway), so a link can tell names from predicates."""
    words = [m.group(0) for m in _CAPITALISED.finditer(text) if m.start() > 0]
    return set(content_terms(" ".join(words), numbers=False)) if words else set()


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

    names = [name_terms(sets[k].passages[i].text) for k, i in owners]
    term_sets = [set(terms) for terms in all_terms]

    def predicate_share(gi: int, gj: int) -> float:
        """Share of the weight two passages share that is not made of names."""
        shared = term_sets[gi] & term_sets[gj]
        total = sum(idf[t] for t in shared)
        named = sum(idf[t] for t in shared if t in names[gi] or t in names[gj])
        return 1.0 - named / total if total else 0.0

    cluster = list(range(len(owners)))
    members: dict[int, list[int]] = {n: [n] for n in range(len(owners))}

    def find(n: int) -> int:
        while cluster[n] != n:
            cluster[n] = cluster[cluster[n]]
            n = cluster[n]
        return n

    def merge(score: float, gi: int, gj: int, alone_ok: bool) -> bool | None:
        """Join the groups of ``gi`` and ``gj`` if they tell one claim; None to retry later."""
        ri, rj = find(gi), find(gj)
        if ri == rj:
            return False
        # A link made mostly of names is a claim only where it joins an existing group
        # of passages that already agree; two passages alone need more than shared names.
        if (
            score < STRONG
            and len(members[ri]) == 1
            and len(members[rj]) == 1
            and predicate_share(gi, gj) < NAME_LED
        ):
            return None if not alone_ok else False
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
            return False
        if len(members[ri]) + len(members[rj]) > 2:
            between = cosine[np.ix_(members[ri], members[rj])]
            if float(between.mean()) < COHERENT:
                return False
        cluster[rj] = ri
        members[ri].extend(members.pop(rj))
        return True

    deferred = [
        (score, gi, gj)
        for score, gi, gj in sorted(links, reverse=True)
        if merge(score, gi, gj, alone_ok=False) is None
    ]
    # Name-led links between two lone passages get a second chance once the clear links
    # have built groups they may join.
    for score, gi, gj in deferred:
        merge(score, gi, gj, alone_ok=True)

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
    described, and the ids of the versions to flag.

    When most versions agree on a value, only the odd ones out are flagged (three outlets
    say 1,000 containers, one says 2,000: the one); without a majority (two against two,
    or two versions that disagree) every version giving a value is.
    """
    found: list[str] = []
    involved: set[str] = set()
    by_key: dict[tuple[str, str | None], dict[str, dict[str, NumberClaim]]] = {}
    for article_id, claims in fact.numbers.items():
        for claim in claims:
            values = by_key.setdefault((claim.kind, claim.head), {}).setdefault(article_id, {})
            values.setdefault(claim.value, claim)
    for per_version in by_key.values():
        if len(per_version) < 2:
            continue
        givers: dict[str, list[str]] = {}
        for article_id, values in per_version.items():
            for value in values:
                givers.setdefault(value, []).append(article_id)
        if len(givers) < 2 or any(len(ids) == len(per_version) for ids in givers.values()):
            continue  # one value only, or a value every version gives (among others)
        ranked = sorted(givers.items(), key=lambda item: -len(item[1]))
        top, top_ids = ranked[0]
        majority = len(top_ids) > 1 and len(top_ids) > len(ranked[1][1])
        odd = [i for i in per_version if top not in per_version[i]] if majority else []
        involved.update(odd if majority else per_version)

        def said(value: str, ids: list[str], values: dict[str, dict[str, NumberClaim]]) -> str:
            claim = values[ids[0]][value]
            return f"{', '.join(outlets.get(i, i) for i in ids)}: {claim.text}"

        # The odd ones' numbers first, then what most versions give.
        order = [*ranked[1:], ranked[0]] if majority else ranked
        found.append(" ≠ ".join(said(value, ids, per_version) for value, ids in order))
    return found, involved

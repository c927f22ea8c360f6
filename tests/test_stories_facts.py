"""The fact matrix of the bundled story: who reports what, and which facts one outlet has."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.article import Article, build_article
from index.facts import FactMatrix, facts
from index.library import Library


@pytest.fixture(scope="module")
def matrix() -> tuple[FactMatrix, dict[str, Article]]:
    articles, _ = Library(Path(__file__).resolve().parent.parent / "articles").load_all()
    return facts(articles), {a.outlet: a for a in articles}


def fact_with(matrix: FactMatrix, snippet: str):  # type: ignore[no-untyped-def]
    for fact in matrix.facts:
        if any(snippet in p.text for found in fact.passages.values() for p in found):
            return fact
    raise AssertionError(f"no fact holds {snippet!r}")


def test_million_shells_is_reported_by_all_five(matrix) -> None:  # type: ignore[no-untyped-def]
    result, outlets = matrix
    fact = fact_with(result, "more than a million North Korean artillery shells")
    assert set(fact.passages) == {a.id for a in outlets.values()}
    assert result.facts[0].outlets == 5


def test_single_outlet_facts(matrix) -> None:  # type: ignore[no-untyped-def]
    result, outlets = matrix
    embassies = fact_with(result, "Uganda, Angola and Spain")
    assert embassies.single_outlet and set(embassies.passages) == {outlets["GDC"].id}
    containers = fact_with(result, "2,000 containers")
    assert containers.single_outlet
    assert set(containers.passages) == {outlets["Financial World"].id}
    assert embassies in result.single_outlet_facts()


def test_shared_claims_across_some_outlets(matrix) -> None:  # type: ignore[no-untyped-def]
    result, outlets = matrix
    thousand = fact_with(result, "more than 1,000 containers")
    assert set(thousand.passages) == {
        outlets["ICARO Media Group"].id,
        outlets["Financial World"].id,
    }
    factories = fact_with(result, "munitions factories at full capacity")
    assert {outlets[o].id for o in ("The Irish News", "GDC", "ICARO Media Group")} <= set(
        factories.passages
    )


def test_a_fact_is_not_chained_from_loosely_related_claims(matrix) -> None:  # type: ignore[no-untyped-def]
    result, outlets = matrix
    experts = fact_with(result, "weapons experts to Russia in October")
    assert outlets["The Irish News"].id in experts.passages
    # Financial World says shipments grew in October; it never mentions experts
    assert outlets["Financial World"].id not in experts.passages
    two_months = fact_with(result, "two months’ worth of shells")
    briefing = fact_with(result, "The revelation came during a closed-door briefing")
    assert briefing is not two_months


def test_every_passage_belongs_to_exactly_one_fact(matrix) -> None:  # type: ignore[no-untyped-def]
    result, _ = matrix
    seen = [
        (article_id, p.index)
        for fact in result.facts
        for article_id, found in fact.passages.items()
        for p in found
    ]
    assert len(seen) == len(set(seen))
    json.dumps(result.to_json())


def test_differing_numbers_are_flagged() -> None:
    a = build_article(
        "a.md",
        {"title": "A", "outlet": "Alpha"},
        [("text", "The agency said about 2,000 containers of shells were shipped to Vladivostok.")],
    )
    b = build_article(
        "b.md",
        {"title": "B", "outlet": "Beta"},
        [("text", "The agency said about 3,000 containers of shells were shipped to Vladivostok.")],
    )
    result = facts([a, b])
    (fact,) = result.facts
    assert fact.numbers_differ
    assert fact.differs == {"a.md", "b.md"}
    assert "2,000 containers" in fact.differences[0] and "3,000 containers" in fact.differences[0]


def test_empty_story() -> None:
    assert facts([]).facts == []
    empty = build_article("e.md", {"title": "E", "outlet": "E"}, [])
    assert facts([empty]).facts == []


def test_claims_sharing_only_names_are_not_one_fact(matrix) -> None:  # type: ignore[no-untyped-def]
    result, outlets = matrix
    violation = fact_with(result, "would be a violation of multiple U.N. Security Council")
    satellites = fact_with(result, "resolutions prohibit North Korean satellite launches")
    assert violation is not satellites
    assert set(violation.passages) == {outlets["GDC"].id}
    # a fact told mostly in names, with the same predicate, still gathers its outlets
    summit = fact_with(result, "North Korean Leader Kim Jong Un in September met")
    assert summit.outlets == 5


def _wire(name: str, count: str) -> Article:
    return build_article(
        f"{name}.md",
        {"title": name, "outlet": f"Wire {name}"},
        [
            (
                "text",
                f"Officials said {count} containers of shells were shipped from Rason "
                "to Vladivostok by rail.",
            )
        ],
    )


def test_the_odd_number_out_is_flagged_not_the_majority() -> None:
    result = facts(
        [_wire("a", "1,000"), _wire("b", "1,000"), _wire("c", "2,000"), _wire("d", "1,000")]
    )
    (fact,) = result.facts
    assert fact.differs == {"c.md"}
    (difference,) = fact.differences
    assert difference.startswith("Wire c: 2,000 containers")
    assert "Wire a, Wire b, Wire d: 1,000 containers" in difference


def test_two_against_two_flags_both_sides_with_their_numbers() -> None:
    result = facts(
        [_wire("a", "1,000"), _wire("b", "2,000"), _wire("c", "2,000"), _wire("d", "1,000")]
    )
    (fact,) = result.facts
    assert fact.differs == {"a.md", "b.md", "c.md", "d.md"}
    (difference,) = fact.differences
    assert "Wire a, Wire d: 1,000 containers" in difference
    assert "Wire b, Wire c: 2,000 containers" in difference

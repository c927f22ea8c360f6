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

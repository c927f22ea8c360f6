"""Comparing versions of the bundled story as a news editor would read them."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from index.article import Article, build_article
from index.compare import Comparison, Row, compare
from index.library import Library


@pytest.fixture(scope="module")
def outlets() -> dict[str, Article]:
    articles, problems = Library(Path(__file__).resolve().parent.parent / "articles").load_all()
    assert not [p for p in problems if p.skipped]
    return {a.outlet: a for a in articles}


IRISH, HILL, ICARO, GDC, FW = (
    "The Irish News",
    "The Hill",
    "ICARO Media Group",
    "GDC",
    "Financial World",
)


def row_with(comparison: Comparison, snippet: str, side: str = "either") -> Row:
    for row in comparison.rows:
        texts = {"left": [row.left_text], "right": [row.right_text]}.get(
            side, [row.left_text, row.right_text]
        )
        if any(t and snippet in t for t in texts):
            return row
    raise AssertionError(f"no row holds {snippet!r}")


def partner_text(comparison: Comparison, row: Row, side: str) -> str:
    """The passage the row's passage is linked to on ``side``, beside it or in its linked row."""
    text = getattr(row, f"{side}_text")
    if text is None and row.linked_row is not None:
        text = getattr(comparison.rows[row.linked_row], f"{side}_text")
    assert text is not None, f"row {row} has no {side} partner"
    return text


def test_million_shells_claim_is_a_reworded_link(outlets: dict[str, Article]) -> None:
    result = compare(outlets[IRISH], outlets[ICARO])
    row = row_with(result, "more than a million artillery shells", "left")
    assert row.kind == "reworded"
    assert "over a million artillery shells" in partner_text(result, row, "right")
    assert not row.numbers_differ  # same figure in other words


def test_containers_and_shipments_only_in_financial_world(outlets: dict[str, Article]) -> None:
    for other in (IRISH, HILL, ICARO, GDC):
        result = compare(outlets[other], outlets[FW])
        row = row_with(result, "2,000 containers", "right")
        assert row.kind == "right-only", other
        assert "Vladivostok" in (row.right_text or "")
        right_only = {c.value for n in result.numbers if n.kind == "right-only" for c in n.right}
        assert {"2000", "10"} <= right_only, other


def test_embassy_closures_only_in_gdc(outlets: dict[str, Article]) -> None:
    for other in (IRISH, HILL, ICARO, FW):
        result = compare(outlets[GDC], outlets[other])
        row = row_with(result, "Uganda, Angola and Spain", "left")
        assert row.kind == "left-only", other


def test_thousand_containers_shared_by_icaro_and_financial_world(
    outlets: dict[str, Article],
) -> None:
    result = compare(outlets[ICARO], outlets[FW])
    row = row_with(result, "more than 1,000 containers", "left")
    assert row.kind == "reworded"
    assert "more than 1,000 containers" in partner_text(result, row, "right")
    one_sided = {
        c.value for n in result.numbers for c in (*n.left, *n.right) if n.kind != "differs"
    }
    assert "1000" not in one_sided
    assert "2000" in one_sided  # only Financial World's figure


@pytest.mark.parametrize(
    ("left", "right", "pairs"),
    [
        (
            HILL,
            GDC,
            [
                ("In a background briefing with local journalists", "In a background briefing for"),
                (
                    "privately briefed South Korean lawmakers",
                    "In a private briefing with lawmakers",
                ),
                ("said the deliveries amounted to two months", "roughly amounted to two months"),
                (
                    "North Korean Leader Kim Jong Un in September met",
                    "traveled to Russia in September",
                ),
                ("issued a joint statement condemning", "strongly condemned North Korea"),
                (
                    "also seeking to receive nuclear-related",
                    "also seeks to receive nuclear-related",
                ),
            ],
        ),
        (
            IRISH,
            GDC,
            [
                ("operating its munitions factories", "operating its munitions factories"),
                ("nuclear-related technologies", "nuclear-related technologies"),
                ("two months’ supplies", "two months’ worth of shells"),
                ("likely receiving Russian technology", "likely receiving Russian technological"),
            ],
        ),
        (
            IRISH,
            HILL,
            [
                ("dismissed the weapons shipment accusations", "have dismissed the accusations"),
                ("Yoo Sang-bum, the shells already sent", "Lawmaker Yoo Sang-bum, who attended"),
            ],
        ),
        (
            ICARO,
            IRISH,
            [
                ("operating its munitions factories", "operating its munitions factories"),
                ("indications that North Korea sent weapons experts", "signs that North Korea"),
                ("both Pyongyang and Moscow have denied", "dismissed the weapons shipment"),
            ],
        ),
    ],
)
def test_editor_links(
    outlets: dict[str, Article], left: str, right: str, pairs: list[tuple[str, str]]
) -> None:
    result = compare(outlets[left], outlets[right])
    for left_snippet, right_snippet in pairs:
        row = row_with(result, left_snippet, "left")
        assert row.kind in ("same", "reworded"), left_snippet
        assert right_snippet in partner_text(result, row, "right"), left_snippet


def test_near_verbatim_wire_copy_is_same(outlets: dict[str, Article]) -> None:
    result = compare(outlets[IRISH], outlets[GDC])
    row = row_with(result, "also seeks to receive nuclear-related technologies", "left")
    assert row.kind == "same"
    assert row.similarity > 0.95


def test_rows_keep_the_left_order_and_every_passage_once(outlets: dict[str, Article]) -> None:
    result = compare(outlets[HILL], outlets[ICARO])
    lefts = [row.left.index for row in result.rows if row.left is not None]
    rights = sorted(row.right.index for row in result.rows if row.right is not None)
    assert lefts == sorted(lefts)
    assert len(set(lefts)) == len(lefts)
    assert rights == list(range(len(rights)))
    for row in result.rows:
        if row.linked_row is not None:
            assert row.kind in ("same", "reworded")
            linked = result.rows[row.linked_row]
            assert (linked.left is not None and linked.right is not None) or (
                (linked.left is None) != (row.left is None)
            )


def test_right_only_passages_sit_between_their_neighbours(outlets: dict[str, Article]) -> None:
    result = compare(outlets[IRISH], outlets[ICARO])
    position = {row.right.index: n for n, row in enumerate(result.rows) if row.right}
    for n, row in enumerate(result.rows):
        if row.kind == "right-only" and row.right is not None and row.right.index > 0:
            previous = row.right.index - 1
            assert position[previous] < n


def test_word_diff_marks_changed_words_by_body_offset(outlets: dict[str, Article]) -> None:
    left, right = outlets[IRISH], outlets[GDC]
    result = compare(left, right)
    row = row_with(result, "operating its munitions factories", "left")
    changed = [op for op in row.diff if op.op != "equal"]
    assert changed
    for op in row.diff:
        if op.left_span:
            assert left.body[op.left_span[0] : op.left_span[1]] == op.left
        if op.right_span:
            assert right.body[op.right_span[0] : op.right_span[1]] == op.right
    assert any(op.op == "replace" and "agency" in op.left and "NIS" in op.right for op in changed)


def test_summary_shares_and_counts(outlets: dict[str, Article]) -> None:
    result = compare(outlets[IRISH], outlets[HILL])
    summary = result.summary
    assert 0.3 < summary.left_shared <= 1.0
    assert 0.2 < summary.right_shared <= 1.0
    assert sum(summary.counts.values()) == len(result.rows)
    assert summary.counts["reworded"] + summary.counts["same"] >= 5


def test_json_has_the_documented_shape(outlets: dict[str, Article]) -> None:
    data = json.loads(json.dumps(compare(outlets[ICARO], outlets[FW]).to_json()))
    assert set(data) >= {"left", "right", "summary", "rows", "numbers"}
    assert data["left"] == {
        "id": outlets[ICARO].id,
        "outlet": ICARO,
        "title": outlets[ICARO].title,
    }
    kinds = {row["kind"] for row in data["rows"]}
    assert kinds <= {"same", "reworded", "left-only", "right-only"}
    for row in data["rows"]:
        assert set(row) >= {
            "kind",
            "left",
            "right",
            "similarity",
            "left_span",
            "right_span",
            "diff",
        }
        if row["left"] is not None:
            start, end = row["left_span"]
            assert outlets[ICARO].body[start:end] == row["left"]
        else:
            assert row["left_span"] is None
    assert any(n["kind"] == "right-only" for n in data["numbers"])


def test_self_compare_is_all_same(outlets: dict[str, Article]) -> None:
    article = outlets[GDC]
    result = compare(article, article)
    assert {row.kind for row in result.rows} == {"same"}
    assert result.summary.left_shared == pytest.approx(1.0)
    assert result.numbers == []
    assert result.notes


def article(body: str, outlet: str = "Test Outlet", article_id: str = "t.md") -> Article:
    blocks = [("text", p) for p in body.split("\n\n")] if body else []
    return build_article(article_id, {"title": "T", "outlet": outlet}, blocks)


@pytest.mark.parametrize(
    ("left_body", "right_body", "note"),
    [
        ("", "", "no text"),
        ("", "A sentence about shells.", "no text"),
        ("One sentence only about the artillery shells.", "", "no text"),
        ("Один. Два три.", "Une phrase en français sur les obus.", "share no content words"),
        ("!!! ??? ...", "A sentence.", "no words"),
    ],
)
def test_degenerate_input_gives_a_note_not_an_exception(
    left_body: str, right_body: str, note: str
) -> None:
    result = compare(article(left_body, article_id="l.md"), article(right_body, article_id="r.md"))
    assert any(note in n for n in result.notes), result.notes
    json.dumps(result.to_json())


def test_one_sentence_articles_link() -> None:
    result = compare(
        article("North Korea sent more than a million artillery shells to Russia.", "A", "a.md"),
        article("Pyongyang shipped over a million artillery rounds to Moscow.", "B", "b.md"),
    )
    assert [row.kind for row in result.rows] == ["reworded"]


def test_text_without_punctuation_still_aligns() -> None:
    words = "north korea shipped artillery shells to russia by rail and sea across the border"
    body = " ".join(f"{words} batch {i}" for i in range(40))
    result = compare(article(body, "A", "a.md"), article(body, "B", "b.md"))
    assert len(result.rows) > 1
    assert all(row.kind == "same" for row in result.rows)


def test_non_english_text_compares() -> None:
    left = "Северная Корея отправила в Россию более миллиона снарядов. Об этом сообщила разведка."
    right = "Северная Корея отправила в Россию более миллиона снарядов. Сеул обеспокоен."
    result = compare(article(left, "A", "a.md"), article(right, "B", "b.md"))
    assert result.rows[0].kind == "same"
    assert {row.kind for row in result.rows} >= {"left-only", "right-only"}


def test_fifty_thousand_word_articles_compare() -> None:
    rng = random.Random(7)
    syllables = [c + v for c in "bcdfgklmnprstvz" for v in "aeiou"]
    vocabulary = ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(4000)]
    sentences = [
        " ".join(rng.choices(vocabulary, k=rng.randint(12, 22))).capitalize() + "."
        for _ in range(3300)
    ]
    left = " ".join(sentences[:3000])
    kept = sentences[:2000]
    rng.shuffle(kept)
    right = " ".join(kept + sentences[3000:])
    assert len(left.split()) > 45_000
    result = compare(article(left, "A", "a.md"), article(right, "B", "b.md"))
    assert result.summary.counts["same"] >= 1990
    assert result.summary.counts["left-only"] >= 950
    assert result.summary.counts["right-only"] >= 280


def _version(outlet: str, sentence: str) -> Article:
    return build_article(
        f"{outlet}.md", {"title": "Shipments", "outlet": outlet}, [("text", sentence)]
    )


def test_a_different_count_of_the_same_thing_is_flagged() -> None:
    result = compare(
        _version(
            "a", "Officials said about 2,000 containers were shipped from Rason to Vladivostok."
        ),
        _version(
            "b", "Officials said about 1,000 containers were shipped from Rason to Vladivostok."
        ),
    )
    (row,) = [r for r in result.rows if r.left and r.right]
    assert row.numbers_differ
    (note,) = [n for n in result.numbers if n.kind == "differs"]
    assert [c.text for c in note.left] == ["about 2,000 containers"]
    assert [c.text for c in note.right] == ["about 1,000 containers"]
    # said once, as a difference, not again as a claim of each side alone
    assert [n.kind for n in result.numbers] == ["differs"]


def test_numbers_of_different_kinds_are_not_a_difference(outlets: dict[str, Article]) -> None:
    """The Irish News dates the million shells ("since August"); Financial World counts the
    shipments ("approximately ten"): each is a claim of one side, not a disagreement."""
    result = compare(outlets[IRISH], outlets[FW])
    row = row_with(result, "approximately ten shipments", "right")
    assert row.left is not None
    assert not row.numbers_differ
    assert not [n for n in result.numbers if n.kind == "differs"]
    assert "approximately ten shipments" in [
        c.text for n in result.numbers if n.kind == "right-only" for c in n.right
    ]

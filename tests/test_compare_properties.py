"""Whatever the text, comparison returns rows covering every passage once, and never raises."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from index.article import build_article
from index.compare import compare
from index.passages import passages

WORDS = st.sampled_from(
    [
        "North",
        "Korea",
        "sent",
        "a",
        "million",
        "artillery",
        "shells",
        "to",
        "Russia",
        "since",
        "August",
        ".",
        ",",
        ";",
        ":",
        "—",
        "U.S.",
        "Mr.",
        "Sept.",
        "1,000",
        "2,000",
        "ten",
        "two",
        "months",
        "“quoted”",
        "(aside)",
        "Северная",
        "Корея",
        "北朝鮮",
        "!",
        "?",
        "…",
        "\u200b",
        "é",
    ]
)
BODIES = st.lists(st.lists(WORDS, max_size=40).map(" ".join), max_size=5)


@settings(max_examples=60, deadline=None)
@given(BODIES, BODIES)
def test_rows_cover_every_passage_exactly_once(left_body: list[str], right_body: list[str]) -> None:
    left = build_article("l.md", {"title": "L", "outlet": "L"}, [("text", p) for p in left_body])
    right = build_article("r.md", {"title": "R", "outlet": "R"}, [("text", p) for p in right_body])
    result = compare(left, right)
    shown_left = [row.left.index for row in result.rows if row.left is not None]
    shown_right = sorted(row.right.index for row in result.rows if row.right is not None)
    assert shown_left == list(range(len(passages(left))))
    assert shown_right == list(range(len(passages(right))))
    for row in result.rows:
        if row.left is not None:
            assert left.body[row.left.start : row.left.end] == row.left.text
        if row.right is not None:
            assert right.body[row.right.start : row.right.end] == row.right.text
    assert 0.0 <= result.summary.left_shared <= 1.0
    json.dumps(result.to_json())

"""Re-anchoring a passage after its article changed: pure functions, no store."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from index.anchors import (
    DIFF_MIN_SIMILARITY,
    FUZZY_MIN_SCORE,
    closest_passage,
    locate_quote,
    make_anchor,
    reanchor,
    similarity,
)

BODY = (
    "South Korea's spy agency told lawmakers on Wednesday that North Korea had shipped more "
    "than a million artillery shells to Russia since August.\n\n"
    "The agency said the shells were sent by ship and by transport plane, and that "
    "Pyongyang had received technical help for its satellite programme in return.\n\n"
    "Both Moscow and Pyongyang deny any arms transfer."
)
PASSAGE = "the shells were sent by ship and by transport plane"


def anchor_of(body: str, passage: str):
    start = body.index(passage)
    return make_anchor(body, start, start + len(passage))


def test_anchor_keeps_quote_context_offsets_and_hash():
    anchor = anchor_of(BODY, PASSAGE)
    assert anchor.quote == PASSAGE
    assert BODY[anchor.start : anchor.end] == PASSAGE
    assert BODY.endswith(anchor.suffix, 0, anchor.end + len(anchor.suffix))
    assert len(anchor.prefix) == 32 and len(anchor.suffix) == 32
    assert anchor.prefix.endswith("The agency said ")


def test_unchanged_body_keeps_offsets():
    anchor = anchor_of(BODY, PASSAGE)
    result = reanchor(anchor, BODY, BODY)
    assert (result.status, result.method) == ("anchored", "unchanged")
    assert (result.start, result.end) == (anchor.start, anchor.end)


def test_text_inserted_before_the_passage_shifts_it():
    anchor = anchor_of(BODY, PASSAGE)
    new = "UPDATED 10:14. " + BODY.replace("Wednesday", "Wednesday afternoon")
    for old in (BODY, None):
        result = reanchor(anchor, new, old)
        assert result.status == "anchored"
        assert new[result.start : result.end] == PASSAGE
        assert result.method == ("diff" if old else "exact")


def test_text_inserted_inside_the_passage_is_a_change_with_both_texts():
    anchor = anchor_of(BODY, PASSAGE)
    new = BODY.replace("by ship and by transport plane", "by ship, by rail and by transport plane")
    result = reanchor(anchor, new, BODY)
    assert result.status == "changed"
    assert result.text == "the shells were sent by ship, by rail and by transport plane"
    assert anchor.quote == PASSAGE  # the saved quote is untouched


def test_a_changed_number_inside_the_quote_is_visible():
    passage = "more than a million artillery shells to Russia since August"
    anchor = anchor_of(BODY, passage)
    new = BODY.replace("a million", "1.3 million")
    for old in (BODY, None):
        result = reanchor(anchor, new, old)
        assert result.status == "changed", old
        assert result.text == "more than 1.3 million artillery shells to Russia since August"


def test_passage_reworded_slightly_without_the_old_text_is_found_fuzzily():
    anchor = anchor_of(BODY, PASSAGE)
    new = BODY.replace(PASSAGE, "the shells had been sent by ship and by transport aircraft")
    result = reanchor(anchor, new, None)
    assert (result.status, result.method) == ("changed", "fuzzy")
    assert result.text == "the shells had been sent by ship and by transport aircraft"
    assert result.score >= FUZZY_MIN_SCORE


def test_deleted_passage_is_orphaned():
    anchor = anchor_of(BODY, PASSAGE)
    paragraph = BODY.split("\n\n")[1]
    new = BODY.replace(paragraph + "\n\n", "")
    for old in (BODY, None):
        result = reanchor(anchor, new, old)
        assert result.status == "orphaned"
        assert result.start is None and result.text is None


def test_rewritten_passage_is_orphaned_not_moved_to_a_lookalike():
    # hypothesis/client#7571: with no minimum score, a note jumped to a similar sentence.
    body = (
        "Officials said 1,000 containers left Rason in August. "
        "Analysts are sceptical of the claim. "
        "Later reports said 2,000 containers left Rason in September."
    )
    passage = "Officials said 1,000 containers left Rason in August."
    anchor = anchor_of(body, passage)
    new = body.replace(passage + " ", "")
    for old in (body, None):
        result = reanchor(anchor, new, old)
        assert result.status == "orphaned", (old is not None, result)


def test_short_quote_is_never_matched_fuzzily():
    body = "The ministry cited 1,000 containers. Other figures were lower."
    anchor = anchor_of(body, "1,000 containers")
    new = "The ministry cited 2,000 boxes. Other figures were lower."
    assert reanchor(anchor, new, None).status == "orphaned"


def test_short_quote_elsewhere_in_another_context_is_not_taken():
    body = "Kim met Putin in Vostochny. The talks lasted four hours. Kim left by train."
    start = body.index("Kim left")
    anchor = make_anchor(body, start, start + 3)
    new = "Kim met Putin in Vostochny. The talks lasted four hours."
    assert reanchor(anchor, new, None).status == "orphaned"


def test_short_quote_with_several_copies_goes_to_the_one_in_its_context():
    body = "Kim met Putin in Vostochny. The talks lasted four hours. Kim left by train."
    start = body.index("Kim left")
    anchor = make_anchor(body, start, start + 3)
    new = "Reports: " + body.replace("four hours", "about four hours")
    result = reanchor(anchor, new, None)
    assert result.status == "anchored"
    assert new[result.start : result.end + 5] == "Kim left"[:3] + " left"


def test_moved_paragraph_is_followed():
    anchor = anchor_of(BODY, PASSAGE)
    first, second, third = BODY.split("\n\n")
    new = "\n\n".join([third, first, second])
    result = reanchor(anchor, new, BODY)
    assert result.status == "anchored"
    assert new[result.start : result.end] == PASSAGE


def test_old_text_that_does_not_match_the_hash_is_ignored():
    anchor = anchor_of(BODY, PASSAGE)
    new = "Intro. " + BODY
    result = reanchor(anchor, new, "something else entirely")
    assert result.status == "anchored" and result.method == "exact"


@settings(max_examples=60, deadline=None)
@given(
    before=st.text(min_size=0, max_size=40),
    after=st.text(min_size=0, max_size=40),
    cut=st.integers(min_value=0, max_value=len(BODY)),
)
def test_edits_outside_the_passage_never_lose_it(before: str, after: str, cut: int):
    anchor = anchor_of(BODY, PASSAGE)
    # An insertion somewhere outside the passage (before it or after it).
    at = cut if cut <= anchor.start or cut >= anchor.end else anchor.end
    new = before + BODY[:at] + after + BODY[at:]
    result = reanchor(anchor, new, BODY)
    assert result.status == "anchored"
    assert new[result.start : result.end] == PASSAGE


def test_locate_quote_exact_and_tolerant_of_typography():
    body = "South Korea’s military said the “farewell” visits — to Angola — were last week."
    exact = locate_quote(body, "military said")
    assert [(m.start, m.end, m.exact) for m in exact] == [(14, 27, True)]
    typed = locate_quote(body, 'korea\'s  MILITARY said the "farewell" visits - to angola')
    assert len(typed) == 1 and not typed[0].exact
    assert body[typed[0].start : typed[0].end] == (
        "Korea’s military said the “farewell” visits — to Angola"
    )
    assert locate_quote(body, "   ") == []


def test_closest_passage_for_a_misquote():
    closest = closest_passage(BODY, "the shells were shipped by sea and by cargo plane")
    assert closest is not None
    assert "by ship and by transport plane" in closest.text
    assert closest_passage(BODY, "zebra quantum xylophone") is None


def test_repeated_passage_resolves_to_the_copy_in_its_own_context():
    sentence = "The ministry declined to comment on the reports."
    body = (
        f"Seoul briefed lawmakers on Wednesday. {sentence} Analysts were divided.\n\n"
        f"Tokyo raised the issue at the summit. {sentence} Markets barely moved."
    )
    second = body.rindex(sentence)
    anchor = make_anchor(body, second, second + len(sentence))
    new = "Live updates. " + body.replace("Analysts were divided.", "Analysts disagreed.")
    result = reanchor(anchor, new, None)
    assert result.status == "anchored"
    assert result.start == new.rindex(sentence)


@settings(max_examples=80, deadline=None)
@given(
    cut=st.integers(min_value=0, max_value=len(BODY)),
    length=st.integers(min_value=0, max_value=120),
    text=st.text(max_size=60),
    with_old=st.booleans(),
)
def test_any_edit_gives_the_passage_or_an_orphan_never_a_doubtful_match(
    cut: int, length: int, text: str, with_old: bool
):
    anchor = anchor_of(BODY, PASSAGE)
    new = BODY[:cut] + text + BODY[cut + length :]
    result = reanchor(anchor, new, BODY if with_old else None)
    if result.status == "orphaned":
        return
    assert new[result.start : result.end] == result.text
    assert similarity(result.text, PASSAGE) >= DIFF_MIN_SIMILARITY
    if PASSAGE in new and new.count(PASSAGE) == 1 and result.status == "changed":
        # The passage survived whole: it must have been found, not a neighbour of it.
        raise AssertionError(f"found {result.text!r} though the passage is intact")

"""Numeric claims: values normalised, units found, dates read, noise ignored."""

from __future__ import annotations

from index.numbers import extract_numbers, unmatched


def claims(text: str) -> list[tuple[str, str, str, str | None]]:
    return [(c.text, c.kind, c.value, c.head) for c in extract_numbers(text)]


def test_words_and_digits_give_the_same_value() -> None:
    words = extract_numbers("more than a million artillery shells")[0]
    digits = extract_numbers("over 1,000,000 artillery rounds")[0]
    assert words.value == digits.value == "1000000"
    assert words.qualifier == digits.qualifier == "more than"
    assert words.matches(digits)  # rounds and shells are the same unit


def test_quantities_keep_their_unit_and_context() -> None:
    assert claims("around 2,000 containers filled with ammunition") == [
        ("around 2,000 containers", "count", "2000", "container")
    ]
    assert claims("in approximately ten separate shipments to Russia") == [
        ("approximately ten separate shipments", "count", "10", "shipment")
    ]
    assert claims("two months’ supplies") == [("two months", "duration", "2", "month")]
    assert claims("a 5% rise and $3.5 million") == [
        ("5%", "percent", "5", "%"),
        ("$3.5 million", "money", "3500000", None),
    ]


def test_dates_are_read_with_and_without_day_or_year() -> None:
    found = claims("between September 7 and October 1, on Sept. 13, 2023, since early August")
    assert [(t, v) for t, _, v, _ in found] == [
        ("September 7", "--09-07"),
        ("October 1", "--10-01"),
        ("Sept. 13, 2023", "2023-09-13"),
        ("early August", "--08"),
    ]
    assert claims("as early as mid-2022.") == [("mid-2022", "date", "2022", None)]


def test_model_numbers_times_modal_may_and_back_references_are_not_claims() -> None:
    assert claims("the Kh-35 and GeumSeong-3 missiles at 23:52") == []
    assert claims("North Korea may close more missions") == []
    assert claims("between the two countries") == []
    assert claims("One of the concerns") == []


def test_offsets_point_at_the_claim() -> None:
    text = "It sent about 2,000 containers."
    claim = extract_numbers(text, offset=100)[0]
    assert (claim.start, claim.end) == (108, 130)
    assert text[claim.start - 100 : claim.end - 100] == claim.text


def test_unmatched_lists_claims_the_other_side_lacks() -> None:
    left = extract_numbers("more than 1,000 containers and about 2,000 containers")
    right = extract_numbers("over a thousand containers")
    assert [c.text for c in unmatched(left, right)] == ["about 2,000 containers"]

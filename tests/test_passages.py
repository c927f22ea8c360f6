"""Sentence splitting: abbreviations, initialisms, numbers and quotes keep sentences whole."""

from __future__ import annotations

from index.article import build_article
from index.passages import MAX_PASSAGE_WORDS, passages, split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_titles_months_and_numbers_do_not_end_sentences() -> None:
    text = "Mr. Yoo met Gen. Kim on Sept. 13, 2023, with 1,000 aides and 3.5 tonnes. Then he left."
    assert sentences(text) == [
        "Mr. Yoo met Gen. Kim on Sept. 13, 2023, with 1,000 aides and 3.5 tonnes.",
        "Then he left.",
    ]


def test_initialisms_end_a_sentence_only_before_a_sentence_opener() -> None:
    assert sentences("Talks with the U.S. and Japan stalled. The U.N. Security Council met.") == [
        "Talks with the U.S. and Japan stalled.",
        "The U.N. Security Council met.",
    ]
    assert sentences("It refused talks with the U.S. The economy is reeling.") == [
        "It refused talks with the U.S.",
        "The economy is reeling.",
    ]


def test_closing_quotes_stay_with_their_sentence() -> None:
    assert sentences('He said "We will stop." They added: ‘No.’ Nothing else?') == [
        'He said "We will stop."',
        "They added: ‘No.’",
        "Nothing else?",
    ]


def test_lower_case_after_a_full_stop_is_not_a_new_sentence() -> None:
    assert len(sentences("The deal, worth approx. ten million, was signed.")) == 1


def test_text_without_punctuation_is_cut_into_readable_passages() -> None:
    text = " ".join(f"word{i}" for i in range(500))
    found = sentences(text)
    assert len(found) > 1
    assert all(len(s.split()) <= MAX_PASSAGE_WORDS for s in found)
    assert " ".join(found) == text


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert sentences("") == []
    assert sentences("   ") == []


def test_passages_skip_captions_and_point_into_the_body() -> None:
    article = build_article(
        "a.md",
        {"title": "T", "outlet": "O"},
        [
            ("text", "First sentence here. Second one, Mr. Lee said."),
            ("caption", "A photo caption. With two sentences."),
            ("heading", "A subheading"),
            ("text", "Last paragraph."),
        ],
    )
    found = passages(article)
    assert [p.text for p in found] == [
        "First sentence here.",
        "Second one, Mr. Lee said.",
        "A subheading",
        "Last paragraph.",
    ]
    for passage in found:
        assert article.body[passage.start : passage.end] == passage.text
    assert [p.paragraph for p in found] == [0, 0, 2, 3]
    assert [p.index for p in found] == [0, 1, 2, 3]

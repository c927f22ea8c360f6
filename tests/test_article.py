"""The article format: front matter, captions, offsets and a lossless round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.article import build_article, parse_article, render_article
from index.errors import ArticleError
from index.library import Library
from index.sanitize import clean_text


def test_paragraph_offsets_index_the_body() -> None:
    source = render_article(
        {"title": "T", "outlet": "O", "published": "2023-11-02"},
        [
            ("text", "First paragraph."),
            ("caption", "A photo (AP)"),
            ("heading", "Sub"),
            ("text", "Last."),
        ],
    )
    article = parse_article(source, "a.md")
    assert [p.kind for p in article.paragraphs] == ["text", "caption", "heading", "text"]
    for p in article.paragraphs:
        assert article.body[p.start : p.end] == p.text
    assert [p.text for p in article.text_paragraphs()] == ["First paragraph.", "Sub", "Last."]
    assert article.published_iso == "2023-11-02"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1))
def test_any_paragraph_text_round_trips(text: str) -> None:
    expected = " ".join(clean_text(text).split())
    source = render_article({"title": "T", "outlet": "O"}, [("text", text)])
    article = parse_article(source, "x.md")
    assert article.body == expected


def test_unknown_keys_are_kept() -> None:
    article = build_article(
        "x.md", {"title": "T", "outlet": "O", "desk": "Asia"}, [("text", "Hi.")]
    )
    assert article.extra == {"desk": "Asia"}


@pytest.mark.parametrize(
    ("source", "line", "fragment"),
    [
        ("---\ntitle: T\noutlet: [unclosed\n---\n\nBody\n", 3, "malformed front matter"),
        (
            '---\ntitle: "Unclosed title\noutlet: O\nurl: https://x\n---\n\nBody\n',
            2,
            "a quoted value is never closed",
        ),
        (
            "---\ntitle: T\noutlet: 'Unclosed\nurl: https://x\nauthor: A\n---\n\nBody\n",
            3,
            "a quoted value is never closed",
        ),
        (
            "---\ntitle: T\noutlet: [one, two\nurl: https://x\n---\n\nBody\n",
            3,
            "a '[' list is never closed",
        ),
        ("---\ntitle: T\noutlet: a: b\nurl: https://x\n---\n\nBody\n", 3, "mapping values"),
        ("---\ntitle: T\n---\n\nBody\n", 1, "lacks outlet"),
        ("No front matter here.\n", 1, "no front matter"),
        (
            "---\ntitle: T\noutlet: O\npublished: yesterday\n---\n\nBody\n",
            None,
            "not an ISO 8601 date",
        ),
        (
            "---\ntitle: T\noutlet: O\npublished: 2023-13-45\n---\n\nBody\n",
            None,
            "published is '2023-13-45', not an ISO 8601 date",
        ),
    ],
)
def test_bad_front_matter_is_reported_with_its_line(
    source: str, line: int | None, fragment: str
) -> None:
    with pytest.raises(ArticleError) as info:
        parse_article(source, "bad.md")
    assert fragment in str(info.value)
    if line is not None:
        assert info.value.line == line


def test_library_loads_good_files_and_reports_bad_ones(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("---\ntitle: Good\noutlet: O\n---\n\nFine.\n")
    (tmp_path / "bad.md").write_text("---\ntitle: [\n---\n\nx\n")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "month13.md").write_text(
        "---\ntitle: T\noutlet: O\npublished: 2023-13-45\n---\n\nx\n"
    )
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "latin.md").write_bytes(
        "---\ntitle: Café\noutlet: O\n---\n\nDéjà vu.\n".encode("cp1252")
    )
    (tmp_path / "escape.md").write_text(
        "---\ntitle: \x1b[31mRed\x1b[0m\noutlet: O\n---\n\nA\x1b]0;pwned\x07 b\x9b2J.\n"
    )
    articles, problems = Library(tmp_path).load_all()
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {"good.md", "latin.md", "escape.md"}
    assert by_id["latin.md"].body == "Déjà vu."
    assert by_id["escape.md"].title == "Red" and by_id["escape.md"].body == "A b."
    messages = {p.path: p.message for p in problems}
    assert "malformed front matter" in messages["bad.md"]
    assert "empty" in messages["empty.md"]
    assert "published is '2023-13-45'" in messages["month13.md"]
    assert "binary" in messages["binary.md"]
    assert "Windows-1252" in messages["latin.md"]

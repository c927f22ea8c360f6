"""Whatever a save holds, the article the importer writes reads back as the same blocks."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.article import parse_article
from index.errors import ArticleError
from index.importer import ImportOverrides, import_text

PIECES = st.sampled_from(
    [
        *"abcXYZ .,;:!?'\"()[]*_#>-+=~`<&\\/©0123456789",
        "\n",
        "\n\n",
        "\t",
        "\u00a0",
        "’",
        "“",
        "—",
        "\x1b[31m",
        "\x07",
        "By ",
        "Photo: ",
        "(AP)",
        " (Name/AP)",
        "http://x.jp/a.jpg",
        "Related",
        "2 Nov 2023",
        "::: caption",
        "---",
        "1. ",
        "# ",
        "![a](b)",
        "North Korea ",
        "said the agency on Wednesday. ",
    ]
)


@settings(max_examples=300, suppress_health_check=list(HealthCheck), deadline=None)
@given(text=st.lists(PIECES, max_size=50).map("".join), markdown=st.booleans())
def test_written_article_reads_back_as_the_kept_blocks(text: str, markdown: bool) -> None:
    name = "save.md" if markdown else "save.txt"
    try:
        result = import_text(
            text, source_name=name, overrides=ImportOverrides(outlet="O", title="T")
        )
    except ArticleError:
        return  # malformed front matter: reported, never a crash
    article = parse_article(result.render(), "x.md")
    assert [(p.kind, p.text) for p in article.paragraphs] == [
        (kind, " ".join(text.split())) for kind, text in result.blocks if text.strip()
    ]
    assert "\x1b" not in article.body and "\x07" not in article.body

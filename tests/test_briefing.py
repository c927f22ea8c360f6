"""The briefing export: golden files for the five bundled reports, escaping, JSON round trip."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from index.article import Article
from index.bookmarks import Bookmark, BookmarkStore, Source, normalize_tags
from index.briefing import ImportFileError, export_json, export_markdown, import_json, parse_export
from index.library import Library

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("BRIEF_UPDATE_GOLDEN") == "1"
TODAY = date(2023, 11, 6)
SAVED = datetime(2023, 11, 3, 9, 30, tzinfo=UTC)
STORY = ("north-korea-arms", "North Korea's arms shipments to Russia")

PASSAGES = [
    (
        "The Irish News",
        "more than a million artillery shells have been given to Russia since August",
        "Wire copy (PA): the spies' claim, backed by the military.",
        ["shells", "nis"],
    ),
    (
        "The Hill",
        "more than a million North Korean artillery shells have been sent via ship and "
        "transport plane to Russia since August",
        "Adds *how*: ship **and** transport plane.\n\nSource: AP.",
        ["shells", "logistics"],
    ),
    (
        "ICARO Media Group",
        "North Korea shipped over a million artillery shells to Russia since August",
        "",
        ["shells"],
    ),
    (
        "GDC",
        "it confirmed North Korea’s plan to close its embassies in Uganda, Angola and Spain "
        "and a consulate in Hong Kong",
        "Only GDC has the embassy closures.",
        ["diplomacy"],
    ),
    (
        "Financial World",
        "around 2,000 containers filled with ammunition were transported from Rason port in "
        "northeastern North Korea to Vladivostok in the Russian Far East",
        "Only Financial World: ~2,000 containers, Rason -> Vladivostok (Kyodo).",
        ["logistics", "numbers"],
    ),
]


def by_outlet(library: Library, outlet: str) -> Article:
    articles, _ = library.load_all()
    return next(a for a in articles if a.outlet == outlet)


def fixed(bookmark: Bookmark, n: int) -> Bookmark:
    """Times and uid pinned, so that golden files do not depend on the clock."""
    return replace(bookmark, created=SAVED, updated=SAVED, uid=f"golden-{n}")


@pytest.fixture
def lib(library: Path) -> Library:
    return Library(library)


@pytest.fixture
def store(library: Path) -> BookmarkStore:
    with BookmarkStore(library=library) as opened:
        yield opened


@pytest.fixture
def five(store: BookmarkStore, lib: Library) -> list[Bookmark]:
    bookmarks = []
    for n, (outlet, quote, note, tags) in enumerate(PASSAGES, 1):
        article = by_outlet(lib, outlet)
        start = article.body.index(quote)
        added = store.add(article, start, start + len(quote), note=note, tags=tags)
        bookmarks.append(fixed(added, n))
    return sorted(bookmarks, key=lambda b: (b.article, b.start))


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs (BRIEF_UPDATE_GOLDEN=1)"


def test_golden_briefing_by_outlet(five: list[Bookmark], lib: Library):
    text = export_markdown(five, lib, story_of=lambda _: STORY, group_by="outlet", today=TODAY)
    check_golden("briefing-by-outlet.md", text)
    assert text.startswith("# Briefing: North Korea's arms shipments to Russia\n")
    assert "Prepared 6 November 2023. 5 passages from 5 reports by 5 outlets." in text
    # One section per outlet, oldest report first (ICARO is dated 1 November).
    outlets = [line[4:] for line in text.splitlines() if line.startswith("### ")]
    assert outlets[0] == "ICARO Media Group" and len(outlets) == 5
    assert "> around 2,000 containers filled with ammunition" in text
    assert "<https://thehill.com/policy/international/4289605-" in text


def test_golden_briefing_by_tag(five: list[Bookmark], lib: Library):
    text = export_markdown(five, lib, story_of=lambda _: STORY, group_by="tag", today=TODAY)
    check_golden("briefing-by-tag.md", text)
    tags = [line[4:] for line in text.splitlines() if line.startswith("### ")]
    assert tags == ["diplomacy", "logistics", "nis", "numbers", "shells"]
    assert text.count("> more than a million North Korean artillery shells") == 2


def test_golden_json_export(five: list[Bookmark], store: BookmarkStore):
    texts = store.texts(b.content_hash for b in five)
    assert {b.library for b in five} == {store.library}
    pinned = [replace(b, library="/home/analyst/news") for b in five]
    text = export_json(pinned, texts, exported=datetime(2023, 11, 6, 12, 0, tzinfo=UTC))
    check_golden("bookmarks-export.json", text)
    data = json.loads(text)
    assert data["format"] == "brief-bookmarks" and len(data["bookmarks"]) == 5
    assert set(data["texts"]) == {b.content_hash for b in five}


def test_articles_without_a_story_each_get_their_own_section(five: list[Bookmark], lib: Library):
    text = export_markdown(five, lib, today=TODAY)
    sections = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert sections[0] == "Sources"
    assert len(sections) == 6
    assert (
        "South Korea's Intelligence Agency Believes North Korea Sent Over a Million"
        in (sections[1])
    )
    assert text.startswith("# Briefing\n")


def test_changed_and_orphaned_passages_say_so(five: list[Bookmark], lib: Library):
    changed = replace(five[0], status="changed", current_text="around 2,500 containers")
    orphaned = replace(five[1], status="orphaned", current_text=None)
    text = export_markdown([changed, orphaned], lib, today=TODAY)
    assert "**Edited since it was saved** on 3 November 2023; the article now reads:" in text
    assert "> around 2,500 containers" in text
    assert "**Passage not found in the article any more**: the passage above is quoted" in text
    lib.path_of(orphaned.article).unlink()
    text = export_markdown([orphaned], lib, today=TODAY)
    assert "**Article removed from the library**: the passage above is quoted as saved" in text


def test_deleted_article_is_still_cited_from_the_store(five: list[Bookmark], lib: Library):
    gdc = next(b for b in five if b.outlet == "GDC")
    lib.path_of(gdc.article).unlink()
    text = export_markdown([gdc], lib, today=TODAY)
    assert "### GDC" in text and gdc.title in text.replace("\\", "")


HOSTILE = "# not a heading *not bold* [x](http://evil) <script>alert(1)</script> `tick` \\ 1. a"


def hostile_bookmark() -> Bookmark:
    quote = f"{HOSTILE}\n\n> not a quote\n\n---\n\n```"
    return Bookmark(
        id=1,
        article="odd/[x].md",
        quote=quote,
        prefix="",
        suffix="",
        start=0,
        end=len(quote),
        content_hash="",
        note="# note heading\n```\nunclosed fence\n\n<b>raw</b>\n[ref]: http://evil\n\x1b[31m",
        tags=("*star*", "[b]"),
        created=SAVED,
        updated=SAVED,
        status="anchored",
        current_text=None,
        uid="u1",
        source=Source(title="Title *with* [markup]", outlet="Outlet <b>", url="javascript:x()"),
    )


def test_markdown_export_escapes_what_would_break_the_document():
    bookmark = hostile_bookmark()
    text = export_markdown([bookmark, replace(bookmark, id=2, uid="u2")], None, today=TODAY)
    parser = MarkdownIt("commonmark")
    env: dict = {}
    tokens = parser.parse(text, env)
    # The document's own headings: a heading written in a note stays inside its list item.
    headings = [
        (t.tag, tokens[i + 1].content)
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.level == 0
    ]
    assert headings == [
        ("h1", "Briefing: Title \\*with\\* \\[markup\\]"),
        ("h2", "Sources"),
        ("h2", "Title \\*with\\* \\[markup\\]"),
        ("h3", "Outlet \\<b>"),
    ]
    assert not [t for t in tokens if t.type in ("hr", "fence", "code_block") and t.level == 0]
    assert not any(t.type in ("html_block", "html_inline") for t in _all(tokens))
    assert env.get("references", {}) == {}
    assert "\x1b" not in text
    # The quote reads back as the literal text, paragraph by paragraph.
    rendered = parser.render(text)
    assert "# not a heading *not bold* [x](http://evil) &lt;script&gt;" in rendered
    assert "javascript:" not in rendered.replace("javascript:x()", "")
    assert 'href="javascript' not in rendered
    # The note's unclosed fence stays inside its item: both bookmarks' tags still render.
    assert rendered.count("<strong>Tags:</strong>") == 2
    assert rendered.count("<blockquote>") == 2


def _all(tokens):
    for token in tokens:
        yield token
        yield from _all(token.children or [])


# -- JSON round trip and import ------------------------------------------------------------------


def test_json_round_trip_is_exact_and_never_duplicates(
    five: list[Bookmark], store: BookmarkStore, tmp_path: Path
):
    weird = '[bold]x[/] \x1b[31m\x9b2J é 北 🚀 \u2028 "quotes" \\n\ttab\r\n'
    store.update(five[0].id, note=weird, tags=["[b]", "ünï"])
    originals = store.list()
    exported = export_json(originals, store.texts(b.content_hash for b in originals))
    assert "\x9b" not in exported and "\x1b" not in exported

    with BookmarkStore(tmp_path / "other.sqlite") as other:
        report = import_json(other, exported)
        assert len(report.added) == 5 and report.duplicates == 0
        copies = {b.uid: b for b in other.list()}
        for original in originals:
            copy = copies[original.uid]
            for name in ("article", "quote", "prefix", "suffix", "start", "end", "note", "tags"):
                assert getattr(copy, name) == getattr(original, name), name
            assert (copy.created, copy.updated) == (original.created, original.updated)
            assert copy.source == original.source
            assert other.text_of(copy.content_hash) is not None
        again = import_json(other, exported)
        assert again.added == [] and again.duplicates == 5
        assert len(other.list()) == 5

        # A newer copy of a bookmark updates its note and tags instead of duplicating.
        store.update(five[1].id, note="revised", tags=["late"])
        newer = export_json(store.list())
        merged = import_json(other, newer)
        assert len(merged.updated) == 1 and merged.added == []
        assert {b.note for b in other.list()} >= {"revised"}


def test_list_json_output_imports_without_duplicates(five: list[Bookmark], store: BookmarkStore):
    listing = json.dumps({"bookmarks": [b.to_json() for b in store.list()]})
    with BookmarkStore(store.path.with_name("fresh.sqlite")) as fresh:
        assert len(import_json(fresh, listing).added) == 5
        assert import_json(fresh, listing).duplicates == 5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"bookmarks": [', "not valid JSON: Expecting value at line 1, column 16"),
        ("[1, 2]", 'expected an object with a "bookmarks" list'),
        ('{"format": "other", "bookmarks": []}', "format 'other'"),
        ('{"version": 9, "bookmarks": []}', "newer than this Brief reads"),
        ('{"bookmarks": [{"article": "a.md", "start": 0, "end": 3}]}', "bookmark 1: 'quote'"),
        (
            '{"bookmarks": [{"article": "a.md", "quote": "q", "start": "0", "end": 3}]}',
            "bookmark 1: 'start' must be a whole number",
        ),
        (
            '{"bookmarks": [{"article": "a.md", "quote": "q", "start": 5, "end": 3}]}',
            "'end' (3) must be after 'start' (5)",
        ),
        (
            '{"bookmarks": [{"article": "a.md", "quote": "q", "start": 0, "end": 1, '
            '"status": "lost"}]}',
            "'status' is 'lost'",
        ),
        (
            '{"bookmarks": [{"article": "a.md", "quote": "q", "start": 0, "end": 1, '
            '"created": "yesterday"}]}',
            "'created' is 'yesterday', not an ISO 8601 time",
        ),
    ],
)
def test_bad_imports_are_refused_clearly_and_import_nothing(
    store: BookmarkStore, text: str, message: str
):
    with pytest.raises(ImportFileError, match=_escape(message)):
        import_json(store, text)
    assert store.list() == []


def test_a_bad_record_imports_nothing_at_all(store: BookmarkStore):
    good = {"article": "a.md", "quote": "q", "start": 0, "end": 1}
    text = json.dumps({"bookmarks": [good, {**good, "tags": "notalist"}]})
    with pytest.raises(ImportFileError, match="bookmark 2: 'tags'"):
        import_json(store, text)
    assert store.list() == []


def _escape(text: str) -> str:
    import re

    return re.escape(text)


ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


@settings(max_examples=60, deadline=None)
@given(
    quote=ANY_TEXT.filter(lambda q: q != ""),
    note=ANY_TEXT,
    tags=st.lists(ANY_TEXT, max_size=4),
    title=ANY_TEXT,
)
def test_any_text_round_trips_through_json(quote: str, note: str, tags: list[str], title: str):
    bookmark = replace(
        hostile_bookmark(),
        quote=quote,
        end=len(quote),
        note=note,
        tags=normalize_tags(tags),
        source=Source(title=title, outlet="O"),
    )
    (back,), _ = parse_export(export_json([bookmark]))
    assert back == bookmark

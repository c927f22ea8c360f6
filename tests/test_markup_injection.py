"""Article text that looks like markup or carries escape sequences is shown literally in
every view: results, reader, entities, notifications, log, command palette, compare, facts,
bookmarks and the note editor, and nothing it says is acted upon (the app keeps running)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from app_pilot import ready, settle, type_query
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content

from index.article import render_article
from index.bookmarks import BookmarkStore
from tui.app import BriefApp

NASTY_TITLE = "Shells [bold red]seized[/] at [@click=app.quit]port[/]"
NASTY_BODY = (
    "Officials said [bold red]two thousand[/] shells and [link=https://evil.example]click[/link] "
    "were moved [@click=app.quit]quit[/] by rail. \x1b[31mRed\x1b[0m text and \x1b]8;;http://x\x07link "
    "and a bell \x07 stayed inert. North Korea denied it."
)
LITERALS = ("[bold red]seized[/]", "[@click=app.quit]port[/]")
BODY_LITERALS = (
    "[bold red]two thousand[/]",
    "[link=https://evil.example]click[/link]",
    "[@click=app.quit]quit[/]",
)


def screen_text(app: BriefApp) -> str:
    """What the terminal shows, as plain text (from the SVG export)."""
    svg = app.export_screenshot()
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(texts)).replace("\xa0", " ")


@pytest.fixture
def nasty_library(library: Path) -> Path:
    meta = {
        "title": NASTY_TITLE,
        "outlet": "[b]Outlet[/b] Shells",
        "published": "2023-11-03",
        "author": "[i]Mallory[/i]",
        "url": "https://example.com/[red]x[/red]",
        "story": "nasty",
    }
    (library / "nasty.md").write_text(
        render_article(
            meta, [("text", NASTY_BODY), ("text", "Second paragraph, [dim]plain[/dim].")]
        ),
        encoding="utf-8",
    )
    (library / "nasty-twin.md").write_text(
        render_article(
            {**meta, "outlet": "[reverse]Twin[/reverse]", "title": "Twin " + NASTY_TITLE},
            [
                ("text", NASTY_BODY.replace("rail", "[u]road[/u]")),
                ("text", "Only here: [blink]x[/blink]."),
            ],
        ),
        encoding="utf-8",
    )
    (library / "[@click=app.quit]bad.md").write_text("---\ntitle: [x\n---\n", encoding="utf-8")
    return library


async def test_markup_in_articles_is_displayed_literally(
    nasty_library: Path, tmp_path: Path
) -> None:
    store_path = tmp_path / "b.sqlite"
    app = BriefApp(nasty_library, bookmarks_path=store_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(app, pilot)
        # notifications and the log: the bad file's name is literal
        assert any("[@click=app.quit]bad.md" in n.message for n in app._notifications)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "[@click=app.quit]bad.md" in screen_text(app)
        await pilot.press("escape")

        # results (browse and search)
        await type_query(app, pilot, "seized")
        shown = screen_text(app)
        assert "[bold red]seized[/]" in shown
        assert "[b]Outlet[/b] Shells" in shown

        # reader, opened at the hit
        await pilot.press("enter")
        await settle(app, pilot)
        shown = screen_text(app)
        for literal in (*BODY_LITERALS, "[i]Mallory[/i]", "https://example.com/[red]x[/red]"):
            assert literal in shown, literal
        assert "\x1b" not in shown and "\x07" not in shown

        # the command palette, matching an article title
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Open: Shells")
        await settle(app, pilot)
        assert "[bold red]seized[/]" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()

        # the note editor holds the quote literally
        reader = app.main_screen.query_one("#reader")
        reader.focus()
        await pilot.press("b")
        await pilot.pause()
        assert "[bold red]two thousand[/]" in screen_text(app)
        await pilot.press(*"note [bold]x[/bold]")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        # bookmarks screen
        await pilot.press("B")
        await settle(app, pilot)
        shown = screen_text(app)
        assert "[bold red]two thousand[/]" in shown
        assert "note [bold]x[/bold]" in shown
        await pilot.press("escape")
        await pilot.pause()

        # compare with its twin
        article = app.main_screen.article
        twin = next(a.id for a in app.article_summaries if a.outlet == "[reverse]Twin[/reverse]")
        from tui.screens.compare import CompareScreen

        await app.push_screen(CompareScreen(app.workspace, article.id, twin, app.bookmarks))
        await settle(app, pilot)
        shown = screen_text(app)
        assert "[reverse]Twin[/reverse]" in shown
        assert "[bold red]two thousand[/]" in shown or "[u]road[/u]" in shown
        app.pop_screen()
        await pilot.pause()
        assert app.is_running
    assert BookmarkStore(store_path).list()[0].note == "note [bold]x[/bold]"


FACT_SENTENCES = (
    "Officials said [bold red]x[/] shells were moved to the port of Rason by rail.",
    "A spokesman [@click=app.quit]denied[/] that any of the shells crossed the border.",
    "\x1b[31mCustoms\x1b[0m officers counted \x1b]8;;http://x\x07the containers twice.",
)
FACT_LITERALS = (
    "Officials said [bold red]x[/] shells",
    "A spokesman [@click=app.quit]denied[/] that",
    "Customs officers counted the containers",
)


@pytest.fixture
def nasty_facts_library(library: Path) -> Path:
    """Two versions of one story sharing sentences full of markup and escape sequences."""
    for name, outlet, extra in (
        ("facts-a.md", "[b]Wire[/b]", "Only the first wire adds [blink]this[/blink] line here."),
        (
            "facts-b.md",
            "[i]Post[/i]",
            "The second version ends with a quote from a [dim]diplomat[/dim].",
        ),
    ):
        meta = {
            "title": f"Port [bold red]x[/] {name}",
            "outlet": outlet,
            "published": "2023-11-04",
            "story": "nasty-facts",
        }
        paragraphs = [("text", sentence) for sentence in FACT_SENTENCES] + [("text", extra)]
        text = render_article(meta, paragraphs)
        # the escape sequences reach the file raw, not as Markdown-escaped brackets
        (library / name).write_text(text.replace("\x1b\\", "\x1b"), encoding="utf-8")
    return library


async def test_facts_screen_shows_markup_literally(
    nasty_facts_library: Path, tmp_path: Path
) -> None:
    from textual.widgets import DataTable

    from tui.screens.facts import FactsScreen

    app = BriefApp(nasty_facts_library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(200, 60)) as pilot:
        await ready(app, pilot)
        article = next(a for a in app.article_summaries if a.outlet == "[b]Wire[/b]")
        await app.open_article(article.id)
        await settle(app, pilot)
        app.action_facts()
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, FactsScreen)
        assert screen.loaded is not None
        shared = [f for f in screen.loaded.facts if len(f.passages) == 2]
        assert len(shared) >= 3, "the three shared sentences are facts of both versions"

        shown = screen_text(app)
        assert "[b]Wire[/b]" in shown and "[i]Post[/i]" in shown
        assert "Port [bold red]x[/]" in shown
        for literal in FACT_LITERALS:
            assert literal in shown, literal

        # each fact's passages, shown below the matrix as the cursor moves over the rows
        seen = ""
        for _ in range(screen.query_one(DataTable).row_count):
            seen += screen_text(app)
            await pilot.press("down")
            await pilot.pause()
        for sentence in FACT_SENTENCES:
            assert sentence.replace("\x1b[31m", "").replace("\x1b[0m", "").replace(
                "\x1b]8;;http://x\x07", ""
            ) in " ".join(seen.split()), sentence
        assert "\x1b" not in seen and "\x07" not in seen
        assert app.is_running


HOSTILE_OUTLETS = (
    "[link=https://evil.example]Evil Outlet[/link]",
    "[bold red]Red Outlet[/] [@click=app.quit]QUIT[/]",
)


async def test_an_outlet_name_written_as_markup_is_a_name(library: Path, tmp_path: Path) -> None:
    """The outlet is shown in the reader's title and in the palette's hits: as text there too
    (a `[link=` outlet used to crash the app, a `[@click=` one to quit it when clicked)."""
    for n, outlet in enumerate(HOSTILE_OUTLETS):
        meta = {"title": f"Injected report {n}", "outlet": outlet, "published": "2023-11-05"}
        (library / f"hostile-{n}.md").write_text(
            render_article(meta, [("text", "Shells were moved by rail to the border.")]),
            encoding="utf-8",
        )
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(app, pilot)
        for outlet in HOSTILE_OUTLETS:
            article = next(a for a in app.article_summaries if a.outlet == outlet)
            await app.open_article(article.id)
            await settle(app, pilot)
            reader = app.main_screen.query_one("#reader")
            assert outlet in screen_text(app)
            # the title is kept as markup that escapes the name: it reads as the name
            assert Content.from_markup(reader.border_title or "").plain == outlet

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Injected")
        await settle(app, pilot)
        shown = screen_text(app)
        assert app.is_running
        assert "Open: Injected report 0" in shown
        for outlet in HOSTILE_OUTLETS:
            assert outlet in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


MARKUP_BITS = (
    "[bold]x[/]",
    "[@click=app.quit]y[/]",
    "[bold red]",
    "[/]",
    "[link=https://evil.example]z[/link]",
    "[b]bold[/b]",
    "[i]",
    "[@click=app.bell]",
)
PLAIN_WORDS = [
    "officials",
    "said",
    "shells",
    "were",
    "moved",
    "by",
    "rail",
    "to",
    "the",
    "port",
    "of",
    "Rason",
    "near",
    "the",
    "border",
    "while",
    "analysts",
    "counted",
    "containers",
    "and",
    "ministers",
    "denied",
    "every",
    "report",
]


def unbracketed(text: str) -> str:
    """``text`` with the characters that make it look like markup swapped for other
    punctuation: what the comparison should make of it is unchanged."""
    return text.translate(str.maketrans("[]@=/", "()#:|"))


def article_of(article_id: str, outlet: str, paragraphs: list[str]):
    from index.article import build_article

    return build_article(
        article_id,
        {"title": f"Report {outlet}", "outlet": outlet},
        [("text", p) for p in paragraphs],
    )


def comparison_shape(left, right) -> list[tuple]:
    from index.compare import compare

    result = compare(left, right)
    return [
        (row.kind, round(row.similarity, 6), row.left_span, row.right_span, [
            (op.op, op.left_span, op.right_span) for op in row.diff
        ])
        for row in result.rows
    ]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(PLAIN_WORDS + list(MARKUP_BITS)), min_size=4, max_size=18),
        min_size=1,
        max_size=4,
    ),
    st.lists(st.tuples(st.integers(0, 80), st.sampled_from(PLAIN_WORDS + list(MARKUP_BITS)))),
    st.lists(st.integers(0, 80), max_size=3),
)
def test_markup_looking_text_compares_like_any_other_text(
    sentences: list[list[str]], replacements: list[tuple[int, str]], cuts: list[int]
) -> None:
    """Two versions full of markup-looking text align, classify (same / reworded) and
    diff exactly as the same versions with other punctuation in its place."""
    left = [" ".join(words).capitalize() + "." for words in sentences]
    words = [list(s) for s in sentences]
    flat = [(i, j) for i, ws in enumerate(words) for j in range(len(ws))]
    for at, word in replacements:
        i, j = flat[at % len(flat)]
        words[i][j] = word
    for at in cuts:
        i, j = flat[at % len(flat)]
        words[i][j] = ""
    right = [" ".join(w for w in ws if w).capitalize() + "." for ws in words]
    as_markup = comparison_shape(article_of("a", "A", left), article_of("b", "B", right))
    as_plain = comparison_shape(
        article_of("a", "A", [unbracketed(p) for p in left]),
        article_of("b", "B", [unbracketed(p) for p in right]),
    )
    assert as_markup == as_plain


async def test_compare_screen_rates_markup_passages_like_plain_ones(
    nasty_library: Path, tmp_path: Path
) -> None:
    """The nasty pair and the same pair with the brackets swapped for parentheses show the
    same rows with the same kinds; the markup is shown as typed."""
    from screen_host import ScreenHost, make_setup

    from tui.screens.compare import CompareScreen
    from tui.widgets.compare_view import CompareView

    for name in ("nasty.md", "nasty-twin.md"):
        text = (nasty_library / name).read_text(encoding="utf-8")
        head, body = text.split("\n---\n", 1)
        head = head.replace("story: nasty", "story: plain").replace("outlet: ", "outlet: Plain ")
        (nasty_library / f"plain-{name}").write_text(
            head + "\n---\n" + unbracketed(body), encoding="utf-8"
        )
    setup = make_setup(nasty_library, tmp_path / "b.sqlite")
    kinds: dict[str, list[tuple[str, str | None, str | None]]] = {}
    try:
        for tag, left, right in (
            ("markup", "nasty.md", "nasty-twin.md"),
            ("plain", "plain-nasty.md", "plain-nasty-twin.md"),
        ):
            app = ScreenHost(
                lambda left=left, right=right: CompareScreen(
                    setup.workspace, left, right, setup.store
                )
            )
            async with app.run_test(size=(160, 50)) as pilot:
                await app.workers.wait_for_complete()
                await pilot.pause()
                view = app.screen.query_one(CompareView)
                kinds[tag] = [
                    (line.kind, line.left and unbracketed(line.left),
                     line.right and unbracketed(line.right))
                    for line in view.lines
                ]  # fmt: skip
                shown = screen_text(app)
                if tag == "markup":
                    assert "[bold red]two thousand[/]" in shown
                    assert "[u]road[/u]" in shown
        assert kinds["markup"] == kinds["plain"]
        assert any(kind == "same" for kind, _, _ in kinds["markup"])
    finally:
        setup.close()

"""The facts screen as an analyst uses it: pick a fact and an outlet, read that outlet's
passage, compare it with another outlet, bookmark it with a note."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from screen_host import ScreenHost, Setup, make_setup, settle
from textual.widgets import DataTable, Static

from tui.screens.bookmark_editor import BookmarkEditor
from tui.screens.compare import CompareScreen
from tui.screens.facts import FactsScreen


@pytest.fixture
def setup(library: Path, tmp_path: Path) -> Iterator[Setup]:
    made = make_setup(library, tmp_path / "bookmarks.db")
    yield made
    made.close()


def shown(widget: Static) -> str:
    return str(widget.render())


def host(setup: Setup) -> ScreenHost:
    return ScreenHost(lambda: FactsScreen(setup.workspace, setup.story_id(), setup.store))


async def put_cursor_on(app: ScreenHost, snippet: str, outlet: str | None) -> None:
    """Move to the fact holding ``snippet``, in ``outlet``'s column (None: the fact column)."""
    screen = app.screen
    assert isinstance(screen, FactsScreen) and screen.loaded is not None
    row = next(
        n
        for n, f in enumerate(screen.visible_facts())
        if any(snippet in t for t in f.passages.values())
    )
    column = 0
    if outlet is not None:
        column = 1 + next(n for n, c in enumerate(screen.loaded.columns) if c.outlet == outlet)
    screen.query_one(DataTable).move_cursor(row=row, column=column)


async def test_enter_reads_the_chosen_outlets_passage(setup: Setup) -> None:
    app = host(setup)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await put_cursor_on(app, "munitions factories at full capacity", "ICARO Media Group")
        await pilot.pause()
        detail = shown(app.screen.query_one("#facts-passages", Static))
        assert "▸ ICARO Media Group" in detail
        await pilot.press("enter")
        await settle(app, pilot)
        icaro = setup.by_outlet("ICARO Media Group")
        [(article_id, start, end)] = app.opened
        assert article_id == icaro.id
        assert start is not None and end is not None
        assert "munitions factories at full capacity" in icaro.body[start:end]


async def test_an_outlet_that_does_not_report_the_fact_is_said_so(setup: Setup) -> None:
    app = host(setup)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await put_cursor_on(app, "Uganda, Angola and Spain", "The Irish News")
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.opened == []
        assert any("does not report" in str(n.message) for n in app._notifications)


async def test_c_compares_the_chosen_outlet_with_another_reporting_the_fact(setup: Setup) -> None:
    app = host(setup)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await put_cursor_on(app, "more than 1,000 containers", None)
        await pilot.press("c")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        reporting = {setup.by_outlet(o).id for o in ("Financial World", "ICARO Media Group")}
        assert {screen.left_id, screen.right_id} == reporting


async def test_b_bookmarks_the_passage_with_a_note(setup: Setup) -> None:
    app = host(setup)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await put_cursor_on(app, "weapons experts to Russia in October", "The Irish News")
        await pilot.press("b")
        await settle(app, pilot)
        assert isinstance(app.screen, BookmarkEditor)
        await pilot.press(*"experts sent", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, FactsScreen)
        [saved] = setup.store.list()
        irish = setup.by_outlet("The Irish News")
        assert saved.article == irish.id and saved.note == "experts sent"
        assert "weapons experts to Russia in October" in irish.body[saved.start : saved.end]


async def test_the_flag_sits_on_the_outlet_whose_number_is_the_odd_one(
    setup: Setup, library: Path
) -> None:
    wires = (("a", "1,000"), ("b", "1,000"), ("c", "2,000"), ("d", "1,000"))
    for name, count in wires:
        (library / f"{name}.md").write_text(
            f"---\ntitle: Shipments {name}\noutlet: Wire {name}\nstory: port-shipments\n---\n\n"
            f"Officials said {count} containers of shells were shipped from Rason to "
            "Vladivostok by rail.\n",
            encoding="utf-8",
        )
    setup.workspace.sync()
    story = setup.workspace.story_of("a.md")
    assert story is not None and len(story.articles) == 4
    app = ScreenHost(lambda: FactsScreen(setup.workspace, story.id, setup.store))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, FactsScreen) and screen.loaded is not None
        assert len(screen.loaded.facts) == 1
        table = screen.query_one(DataTable)
        marks = {
            column.outlet: str(cell).strip()
            for column, cell in zip(screen.loaded.columns, table.get_row_at(0)[1:], strict=True)
        }
        assert marks == {"Wire a": "●", "Wire b": "●", "Wire c": "⚑", "Wire d": "●"}
        detail = shown(screen.query_one("#facts-passages", Static))
        assert "Wire c: 2,000 containers" in detail
        assert "Wire a, Wire b, Wire d: 1,000 containers" in detail

"""The compare and facts screens driven through Pilot on a real library, index and store."""

from __future__ import annotations

from pathlib import Path

import pytest
from screen_host import ScreenHost, Setup, make_setup, settle
from textual.widgets import DataTable, OptionList, Static

from index.compare import compare
from tui.screens.bookmark_editor import BookmarkEditor
from tui.screens.compare import CompareScreen
from tui.screens.compare_picker import VersionPicker
from tui.screens.facts import FactsScreen
from tui.widgets.compare_view import CompareCell, CompareRow, CompareView


@pytest.fixture
def setup(library: Path, tmp_path: Path) -> Setup:
    made = make_setup(library, tmp_path / "bookmarks.sqlite")
    yield made
    made.close()


def compare_host(setup: Setup, left: str, right: str) -> ScreenHost:
    left_id, right_id = setup.by_outlet(left).id, setup.by_outlet(right).id
    return ScreenHost(lambda: CompareScreen(setup.workspace, left_id, right_id, setup.store))


def shown(widget: Static) -> str:
    return str(widget.visual)


def current_row(app: ScreenHost) -> CompareRow:
    rows = list(app.screen.query("CompareRow.-current").results(CompareRow))
    assert len(rows) == 1, "exactly one row carries the cursor"
    return rows[0]


def cell_text(row: CompareRow, side: str) -> str:
    return shown(row.query_one(f".cell-{side}", CompareCell))


def on_screen(app: ScreenHost, row: CompareRow) -> bool:
    view = app.screen.query_one(CompareView)
    return row.region.overlaps(view.region)


async def test_compare_shows_both_versions_with_summary_and_headings(setup: Setup) -> None:
    app = compare_host(setup, "The Irish News", "ICARO Media Group")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert shown(screen.query_one("#compare-heading-left", Static)).startswith("The Irish News")
        assert shown(screen.query_one("#compare-heading-right", Static)).startswith(
            "ICARO Media Group"
        )
        summary = shown(screen.query_one("#compare-summary", Static))
        expected = compare(setup.by_outlet("The Irish News"), setup.by_outlet("ICARO Media Group"))
        assert f"{round(expected.summary.left_shared * 100)}% of left" in summary
        assert f"{expected.summary.counts['reworded']} reworded" in summary
        rows = list(screen.query(CompareRow))
        assert len(rows) == len(expected.rows)
        assert not screen.has_class("-stacked")


async def test_next_and_previous_difference_move_to_differing_rows(setup: Setup) -> None:
    left, right = setup.by_outlet("The Irish News"), setup.by_outlet("ICARO Media Group")
    expected = compare(left, right)
    differences = expected.differences()
    assert len(differences) >= 3
    app = compare_host(setup, "The Irish News", "ICARO Media Group")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = app.screen.query_one(CompareView)
        start = view.cursor
        targets = [d for d in differences if d > start]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        row = current_row(app)
        assert row.index == targets[0]
        engine_row = expected.rows[targets[0]]
        assert engine_row.kind != "same" or engine_row.numbers_differ
        assert cell_text(row, "left") == (engine_row.left_text or "")
        assert cell_text(row, "right") == (engine_row.right_text or "")
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert current_row(app).index == targets[2]
        assert on_screen(app, current_row(app))
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert current_row(app).index == targets[1]


async def test_jumping_far_down_scrolls_both_columns_together(setup: Setup) -> None:
    app = compare_host(setup, "GDC", "Financial World")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = app.screen.query_one(CompareView)
        await pilot.press("end")
        await pilot.pause()
        row = current_row(app)
        assert row.index == len(view.lines) - 1
        assert view.scroll_y > 0
        assert on_screen(app, row)
        # both passages of a row share one line of the scroll: they are on screen together
        left, right = row.query_one(".cell-left"), row.query_one(".cell-right")
        assert left.region.y == right.region.y


async def test_swap_puts_the_other_version_on_the_left(setup: Setup) -> None:
    app = compare_host(setup, "The Irish News", "ICARO Media Group")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        screen = app.screen
        assert shown(screen.query_one("#compare-heading-left", Static)).startswith("ICARO")
        assert shown(screen.query_one("#compare-heading-right", Static)).startswith(
            "The Irish News"
        )
        swapped = compare(setup.by_outlet("ICARO Media Group"), setup.by_outlet("The Irish News"))
        first = next(iter(screen.query(CompareRow).results(CompareRow)))
        assert cell_text(first, "left") == (swapped.rows[0].left_text or "")


async def test_bookmark_a_passage_from_the_right_side(setup: Setup) -> None:
    right = setup.by_outlet("ICARO Media Group")
    app = compare_host(setup, "The Irish News", "ICARO Media Group")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = app.screen.query_one(CompareView)
        target = next(i for i, line in enumerate(view.lines) if line.right and line.left)
        view.move_to(target, side="right")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, BookmarkEditor)
        assert editor.quote == view.lines[target].right
        await pilot.press(*"compare with Yonhap")
        await pilot.click("#bookmark-tags")
        await pilot.press(*"nis, shells")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        saved = setup.store.list()
        assert len(saved) == 1
        assert saved[0].article == right.id
        assert saved[0].quote == view.lines[target].right
        assert saved[0].note == "compare with Yonhap"
        assert saved[0].tags == ("nis", "shells")


async def test_bookmark_editor_escape_saves_nothing(setup: Setup) -> None:
    app = compare_host(setup, "The Irish News", "ICARO Media Group")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BookmarkEditor)
        await pilot.press(*"draft", "escape")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert setup.store.list() == []


async def test_other_version_replaces_the_right_side(setup: Setup) -> None:
    app = compare_host(setup, "The Irish News", "ICARO Media Group")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, VersionPicker)
        outlets = {choice.outlet for choice in picker.choices}
        assert outlets == {"The Hill", "GDC", "Financial World"}
        options = picker.query_one(OptionList)
        gdc = next(i for i, c in enumerate(picker.choices) if c.outlet == "GDC")
        options.highlighted = gdc
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        assert shown(app.screen.query_one("#compare-heading-right", Static)).startswith("GDC")


async def test_narrow_terminal_stacks_rows_and_keeps_text(setup: Setup) -> None:
    app = compare_host(setup, "The Irish News", "Financial World")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert screen.has_class("-stacked")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        row = current_row(app)
        shown_cells = [c for c in row.query(CompareCell) if c.display]
        assert shown_cells, "a stacked row shows its passages"
        for cell in shown_cells:
            assert cell.region.width >= 70, "stacked passages use the full width"
        assert on_screen(app, row)


async def test_facts_view_from_compare_shows_who_reports_what(setup: Setup) -> None:
    app = compare_host(setup, "The Irish News", "ICARO Media Group")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, FactsScreen)
        table = screen.query_one(DataTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert labels[0] == "Fact"
        outlets = ["The Irish News", "The Hill", "ICARO Media Group", "GDC", "Financial World"]
        assert len(labels) == 6
        for outlet in outlets:  # long names are cut with an ellipsis to fit the column
            assert any(outlet.startswith(label.rstrip("…")) for label in labels[1:]), outlet
        assert table.row_count == len(screen.loaded.facts) > 5
        # Only Financial World reports the 2,000 containers shipped from Rason.
        containers = next(
            f for f in screen.loaded.facts if "2,000" in " ".join(f.passages.values())
        )
        fw = setup.by_outlet("Financial World").id
        assert list(containers.passages) == [fw]
        row = screen.visible_facts().index(containers)
        cells = [str(c).strip() for c in table.get_row_at(row)]
        column_ids = [c.id for c in screen.loaded.columns]
        assert cells[1 + column_ids.index(fw)] in ("●", "⚑")
        assert all(cells[1 + i] == "·" for i, cid in enumerate(column_ids) if cid != fw)
        await pilot.press("u")
        await pilot.pause()
        assert all(len(f.passages) == 1 for f in screen.visible_facts())
        assert table.row_count == len(screen.visible_facts()) < len(screen.loaded.facts)
        table.move_cursor(row=screen.visible_facts().index(containers))
        await pilot.pause()
        detail = shown(screen.query_one("#facts-passages", Static))
        assert "Financial World" in detail and "2,000" in detail
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)


async def test_unknown_article_is_reported_not_raised(setup: Setup) -> None:
    app = ScreenHost(lambda: CompareScreen(setup.workspace, "missing.md", "gone.md", setup.store))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        summary = shown(app.screen.query_one("#compare-summary", Static))
        assert "missing.md" in summary
        assert app.is_running


async def test_click_and_enter_open_the_passage_of_the_clicked_side(setup: Setup) -> None:
    right = setup.by_outlet("ICARO Media Group")
    app = compare_host(setup, "The Irish News", "ICARO Media Group")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = app.screen.query_one(CompareView)
        row = next(r for r in app.screen.query(CompareRow).results(CompareRow) if r.line.right)
        await pilot.click(row.query_one(".cell-right"))
        await pilot.pause()
        assert view.cursor == row.index and view.side == "right"
        assert row.has_class("-active-right")
        await pilot.press("enter")
        await pilot.pause()
        start, end = row.line.right_span
        assert app.opened == [(right.id, start, end)]
        assert right.body[start:end] == row.line.right


async def test_markup_and_escapes_in_article_text_are_shown_literally(
    setup: Setup, library: Path
) -> None:
    injection = "[bold red]loud[/] [@click=app.quit]quit[/] [link=https://x.test]x[/link]"
    for outlet in ("The Irish News", "ICARO Media Group"):
        article = setup.by_outlet(outlet)
        path = library / article.id
        text = path.read_text(encoding="utf-8")
        first = article.text_paragraphs()[0].text
        path.write_text(
            text.replace(first[:20], f"{injection} \x1b[2J\x1b]0;pwned\x07 {first[:20]}", 1),
            encoding="utf-8",
        )
    setup.workspace.sync()
    app = compare_host(setup, "The Irish News", "ICARO Media Group")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        texts = [
            cell_text(row, side)
            for row in app.screen.query(CompareRow).results(CompareRow)
            for side in ("left", "right")
        ]
        assert sum(injection in text for text in texts) >= 2
        assert not any("\x1b" in text or "\x07" in text for text in texts)
        await pilot.click(app.screen.query_one(CompareView))
        await pilot.pause()
        assert app.is_running


async def test_long_versions_mount_in_batches_and_jumps_reach_the_end(
    setup: Setup, library: Path
) -> None:
    words = [
        "alpha",
        "bravo",
        "charlie",
        "delta",
        "echo",
        "foxtrot",
        "golf",
        "hotel",
        "india",
        "juliet",
        "kilo",
        "lima",
    ]

    def sentence(i: int, variant: str) -> str:
        picked = " ".join(words[(i + k) % len(words)] for k in range(8))
        return f"Report {i} says {picked} {variant} near checkpoint {i * 7}."

    left = [sentence(i, "quietly") for i in range(160)]
    right = [
        sentence(i, "quietly")
        if i % 5
        else f"Officials denied it, citing fog and fuel, on day {i}."
        for i in range(160)
    ]
    for name, body in (("long-left.md", left), ("long-right.md", right)):
        paragraphs = "\n\n".join(" ".join(body[i : i + 4]) for i in range(0, len(body), 4))
        (library / name).write_text(
            f"---\ntitle: Long {name}\noutlet: Wire {name}\n---\n\n{paragraphs}\n", encoding="utf-8"
        )
    setup.workspace.sync()
    app = ScreenHost(
        lambda: CompareScreen(setup.workspace, "long-left.md", "long-right.md", setup.store)
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = app.screen.query_one(CompareView)
        assert len(view.lines) >= 150
        for _ in range(20):
            if view.fully_mounted:
                break
            await pilot.pause(0.1)
        assert view.fully_mounted
        await pilot.press("end")
        await settle(app, pilot)
        row = current_row(app)
        assert row.index == len(view.lines) - 1
        assert on_screen(app, row)
        assert "159" in cell_text(row, "left") or "159" in cell_text(row, "right")
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert view.lines[current_row(app).index].is_difference


async def test_command_palette_offers_the_compare_actions(setup: Setup) -> None:
    app = compare_host(setup, "The Irish News", "ICARO Media Group")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Compare: Swap")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        assert shown(app.screen.query_one("#compare-heading-left", Static)).startswith("ICARO")


async def test_bookmarking_a_passage_twice_edits_the_first_bookmark(setup: Setup) -> None:
    app = compare_host(setup, "The Irish News", "ICARO Media Group")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for note in ("first", " and second"):
            await pilot.press("b")
            await pilot.pause()
            await pilot.press(*note, "ctrl+s")
            await settle(app, pilot)
        [saved] = setup.store.list()
        assert saved.note == "first and second"


async def test_facts_flag_numbers_that_differ_between_outlets(setup: Setup, library: Path) -> None:
    shared = "Customs officers in the port counted the cargo twice before the ships left."
    for name, outlet, count in (("a.md", "Wire A", "2,000"), ("b.md", "Wire B", "1,000")):
        (library / name).write_text(
            f"---\ntitle: Shipments {outlet}\noutlet: {outlet}\nstory: port-shipments\n---\n\n"
            f"Officials said {count} containers were shipped from Rason to Vladivostok. "
            f"{shared}\n",
            encoding="utf-8",
        )
    setup.workspace.sync()
    story = setup.workspace.story_of("a.md")
    assert story is not None and {m.id for m in story.articles} == {"a.md", "b.md"}
    app = ScreenHost(lambda: FactsScreen(setup.workspace, story.id))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        flagged = [f for f in screen.loaded.facts if f.differs]
        assert flagged, "the containers count differs between the two wires"
        row = screen.visible_facts().index(flagged[0])
        table = screen.query_one(DataTable)
        cells = [str(c).strip() for c in table.get_row_at(row)]
        assert cells[1:] == ["⚑", "⚑"]
        table.move_cursor(row=row)
        await pilot.pause()
        detail = shown(screen.query_one("#facts-passages", Static))
        assert "2,000" in detail and "1,000" in detail and "⚑" in detail
        title = shown(screen.query_one("#facts-title", Static))
        assert "1 with different numbers" in title


async def test_an_engine_failure_is_reported_and_the_app_keeps_running(
    setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.compare

    def broken(left: object, right: object) -> object:
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(index.compare, "compare", broken)
    app = compare_host(setup, "The Irish News", "ICARO Media Group")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.is_running
        summary = shown(app.screen.query_one("#compare-summary", Static))
        assert "the comparison failed" in summary and "engine exploded" in summary


async def test_an_empty_version_gives_an_empty_view_with_the_engines_note(
    setup: Setup, library: Path
) -> None:
    (library / "empty.md").write_text("---\ntitle: Empty\noutlet: Nobody\n---\n", encoding="utf-8")
    setup.workspace.sync()
    left = setup.by_outlet("GDC").id
    app = ScreenHost(lambda: CompareScreen(setup.workspace, left, "empty.md", setup.store))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = app.screen.query_one(CompareView)
        assert all(line.kind == "left-only" for line in view.lines)
        summary = shown(app.screen.query_one("#compare-summary", Static))
        assert "0 same" in summary
        await pilot.press("right_square_bracket", "s")
        await settle(app, pilot)
        assert app.is_running
        assert view.lines and all(line.kind == "right-only" for line in view.lines)

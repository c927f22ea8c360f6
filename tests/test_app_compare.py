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
from tui.widgets.compare_view import CompareView


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


def view_of(app: ScreenHost) -> CompareView:
    return app.screen.query_one(CompareView)


def words(text: str | None) -> str:
    """Text with its whitespace normalised (wrapped lines are joined by one space)."""
    return " ".join((text or "").split())


def current_row(app: ScreenHost) -> int:
    """The cursor's row, checked to be on screen with the cursor bar drawn beside it."""
    view = view_of(app)
    assert on_screen(app, view.cursor), "the cursor row is on screen"
    assert any(line.lstrip().startswith("┃") or "┃" in line for line in view.screen_lines())
    return view.cursor


def cell_text(app: ScreenHost, index: int, side: str) -> str:
    return view_of(app).shown_passage(index, side)  # type: ignore[arg-type]


def on_screen(app: ScreenHost, index: int) -> bool:
    return index in view_of(app).visible_rows()


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
        view = view_of(app)
        assert len(view.lines) == len(expected.rows)
        assert not screen.has_class("-stacked") and not view.stacked
        # the first row is drawn with both its passages, side by side
        first = expected.rows[0]
        top = view.screen_lines()[0]
        for text in (first.left_text, first.right_text):
            if text:
                assert text.split()[0] in top


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
        assert row == targets[0]
        engine_row = expected.rows[targets[0]]
        assert engine_row.kind != "same" or engine_row.numbers_differ
        assert cell_text(app, row, "left") == words(engine_row.left_text)
        assert cell_text(app, row, "right") == words(engine_row.right_text)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert current_row(app) == targets[2]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert current_row(app) == targets[1]


async def test_jumping_far_down_scrolls_both_columns_together(setup: Setup) -> None:
    app = compare_host(setup, "GDC", "Financial World")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = view_of(app)
        await pilot.press("end")
        await pilot.pause()
        assert current_row(app) == len(view.lines) - 1
        assert view.scroll_y > 0
        # both passages of a row share one line of the scroll: they are on screen together
        paired = max(i for i, line in enumerate(view.lines) if line.left and line.right)
        view.move_to(paired)
        await pilot.pause()
        left, right = view.side_offset(paired, "left"), view.side_offset(paired, "right")
        assert left is not None and right is not None and left.y == right.y
        line = view.screen_lines()[left.y]
        assert view.lines[paired].left.split()[0] in line
        assert view.lines[paired].right.split()[0] in line


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
        assert cell_text(app, 0, "left") == words(swapped.rows[0].left_text)


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
        await pilot.press("y")  # the editor asks before throwing the typed note away
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
        view = view_of(app)
        assert view.stacked
        row = current_row(app)
        line = view.lines[row]
        assert view.layout is not None and view.layout.geometry.text_width("left") >= 70
        for side in ("left", "right"):
            assert cell_text(app, row, side) == words(line.text(side)), "nothing is cut off"
        # a stacked passage's lines run the full width of the terminal
        longest = max(len(text.rstrip()) for text in view.screen_lines())
        assert longest >= 70


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
        view = view_of(app)
        index = next(
            i for i in view.visible_rows() if view.lines[i].right and i != view.cursor and i > 0
        )
        offset = view.side_offset(index, "right")
        assert offset is not None
        await pilot.click(view, offset=offset)
        await pilot.pause()
        assert view.cursor == index and view.side == "right"
        # the cursor bar is drawn at the right passage's edge
        assert view.screen_lines()[offset.y][offset.x - 2] == "┃"
        await pilot.press("enter")
        await pilot.pause()
        start, end = view.lines[index].right_span
        assert app.opened == [(right.id, start, end)]
        assert right.body[start:end] == view.lines[index].right


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
        view = view_of(app)
        texts = [
            cell_text(app, index, side)
            for index in range(len(view.lines))
            for side in ("left", "right")
        ]
        assert sum(injection in text for text in texts) >= 2
        assert not any("\x1b" in text or "\x07" in text for text in texts)
        # on screen too, exactly as written
        view.move_to(next(i for i, text in enumerate(texts) if injection in text) // 2)
        await pilot.pause()
        assert any("[bold red]loud[/]" in line for line in view.screen_lines())
        await pilot.click(view)
        await pilot.pause()
        assert app.is_running


CALL_SIGNS = [
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


@pytest.fixture
def long_pair(setup: Setup, library: Path) -> tuple[str, str]:
    """Two versions of 160 sentences: most shared, every fifth rewritten on the right."""

    def sentence(i: int) -> str:
        picked = " ".join(CALL_SIGNS[(i + k) % len(CALL_SIGNS)] for k in range(8))
        return f"Report {i} says {picked} quietly near checkpoint {i * 7}."

    left = [sentence(i) for i in range(160)]
    right = [
        sentence(i) if i % 5 else f"Officials denied it, citing fog and fuel, on day {i}."
        for i in range(160)
    ]
    for name, body in (("long-left.md", left), ("long-right.md", right)):
        paragraphs = "\n\n".join(" ".join(body[i : i + 4]) for i in range(0, len(body), 4))
        (library / name).write_text(
            f"---\ntitle: Long {name}\noutlet: Wire {name}\n---\n\n{paragraphs}\n", encoding="utf-8"
        )
    setup.workspace.sync()
    return "long-left.md", "long-right.md"


def long_host(setup: Setup, pair: tuple[str, str]) -> ScreenHost:
    return ScreenHost(lambda: CompareScreen(setup.workspace, *pair, setup.store))


async def test_long_versions_are_laid_out_at_once_and_jumps_reach_the_end(
    setup: Setup, long_pair: tuple[str, str]
) -> None:
    app = long_host(setup, long_pair)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = view_of(app)
        assert len(view.lines) >= 150
        assert view.laid_out
        # every passage is drawn whole: row heights match the wrapping of their text
        for index, line in enumerate(view.lines):
            for side in ("left", "right"):
                assert cell_text(app, index, side) == words(line.text(side))
        await pilot.press("end")
        await pilot.pause()
        row = current_row(app)
        assert row == len(view.lines) - 1
        assert "159" in cell_text(app, row, "left") or "159" in cell_text(app, row, "right")
        assert any("159" in text for text in view.screen_lines())
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert view.lines[current_row(app)].is_difference


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


async def test_resizing_rewraps_the_rows_and_keeps_the_cursor_row_on_screen(
    setup: Setup, long_pair: tuple[str, str]
) -> None:
    app = long_host(setup, long_pair)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = view_of(app)
        view.move_to(80, side="right", center=True)
        await pilot.pause()
        assert view.layout is not None
        wide = view.layout
        await pilot.resize_terminal(80, 24)
        await settle(app, pilot)
        assert view.stacked and app.screen.has_class("-stacked")
        assert view.layout is not None and view.layout.geometry.width < wide.geometry.width
        assert view.layout.height > wide.height, "stacked rows take more lines"
        assert current_row(app) == 80 and view.side == "right"
        for side in ("left", "right"):
            assert cell_text(app, 80, side) == words(view.lines[80].text(side))
        await pilot.resize_terminal(120, 40)
        await settle(app, pilot)
        assert not view.stacked and view.layout == wide
        assert current_row(app) == 80


async def scroll_wheel(app: ScreenHost, pilot: object, view: CompareView, notches: int) -> None:
    """Turn the mouse wheel over the view, as the terminal reports it."""
    from textual import events
    from textual.pilot import _get_mouse_message_arguments

    for _ in range(notches):
        arguments = _get_mouse_message_arguments(view, (10, 3))
        app.screen._forward_event(events.MouseScrollDown(**arguments))
        await pilot.pause()  # type: ignore[attr-defined]


async def test_wheel_scrolls_and_next_difference_starts_from_the_screen(
    setup: Setup, long_pair: tuple[str, str]
) -> None:
    app = long_host(setup, long_pair)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = view_of(app)
        view.move_to(0)
        await pilot.pause()
        await scroll_wheel(app, pilot, view, 40)
        assert view.scroll_y > 40
        shown = view.visible_rows()
        assert 0 not in shown and view.cursor == 0, "the wheel scrolls without moving the cursor"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        row = current_row(app)
        assert row >= shown.start and view.lines[row].is_difference
        assert not any(view.lines[i].is_difference for i in range(shown.start, row))


async def test_page_down_moves_about_a_screen_and_up_keys_come_back(
    setup: Setup, long_pair: tuple[str, str]
) -> None:
    app = long_host(setup, long_pair)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = view_of(app)
        view.move_to(0)
        await pilot.pause()
        await pilot.press("pagedown")
        await pilot.pause()
        row = current_row(app)
        region = view.row_region(row)
        assert region is not None
        assert view.size.height // 2 <= region.y <= view.size.height + 1
        await pilot.press("pageup")
        await pilot.pause()
        assert current_row(app) == 0
        await pilot.press("down", "down", "up")
        await pilot.pause()
        assert current_row(app) == 1


async def test_theme_change_recolours_the_rows(setup: Setup) -> None:
    app = compare_host(setup, "The Irish News", "ICARO Media Group")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = view_of(app)
        offset = view.side_offset(view.cursor, view.side)
        assert offset is not None

        def cursor_background() -> object:
            strip = view.render_line(offset.y)
            cell = strip.crop(offset.x, offset.x + 1)
            return next(iter(cell)).style.bgcolor

        dark = cursor_background()
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        assert cursor_background() != dark


async def test_pairs_already_compared_are_not_compared_again(
    setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.compare

    calls: list[tuple[str, str]] = []
    real = index.compare.compare

    def counting(left: object, right: object) -> object:
        calls.append((left.id, right.id))  # type: ignore[attr-defined]
        return real(left, right)  # type: ignore[arg-type]

    left, right = setup.by_outlet("The Irish News"), setup.by_outlet("ICARO Media Group")
    given = real(left, right)
    monkeypatch.setattr(index.compare, "compare", counting)
    app = ScreenHost(
        lambda: CompareScreen(setup.workspace, left.id, right.id, setup.store, comparison=given)
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert calls == [], "the caller's comparison is used"
        assert len(view_of(app).lines) == len(given.rows)
        await pilot.press("s")
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        assert calls == [(right.id, left.id)], "swapping back shows the first comparison again"
        heading = shown(app.screen.query_one("#compare-heading-left", Static))
        assert heading.startswith("The Irish News")

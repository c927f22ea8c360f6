"""Small things a tester noticed on screen: the note editor's footer, the compare screen's
cut title, the numbers flag, and story rows that wrap."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_pilot import article_id_of, ready, screen_lines, settle
from screen_host import ScreenHost, Setup, make_setup

from tui.app import BriefApp
from tui.screens.compare import CompareScreen
from tui.screens.help import HelpScreen
from tui.widgets.compare_view import CompareView


@pytest.fixture
def setup(library: Path, tmp_path: Path) -> Setup:
    made = make_setup(library, tmp_path / "bookmarks.sqlite")
    yield made
    made.close()


async def test_note_editor_footer_offers_the_keys_that_work_there(
    library: Path, tmp_path: Path
) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await app.open_article(article_id_of(library, "GDC"))
        await settle(app, pilot)
        await pilot.press("b")
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "Save" in footer and "Cancel" in footer
        assert footer.count("Keys") == 1, footer
        assert "f1 Keys" in footer and "? Keys" not in footer
        assert "Compare" not in footer, "keys of the screen beneath do nothing here"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen), "the key the footer offers works"


async def test_compare_title_cut_at_80_columns_ends_with_an_ellipsis(setup: Setup) -> None:
    left, right = setup.by_outlet("ICARO Media Group").id, setup.by_outlet("GDC").id
    app = ScreenHost(lambda: CompareScreen(setup.workspace, left, right, setup.store))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        lines = screen_lines(app)
        title = lines[0].rstrip()
        assert title.startswith(" Compare  ·  story:")
        assert title.endswith("…"), title
        # the stacked headings name outlet and title on one line each, cut the same way
        headings = [line for line in lines if "ICARO Media Group ·" in line or "GDC ·" in line]
        assert len(headings) == 2 and all(line.rstrip().endswith("…") for line in headings)


async def test_numbers_only_one_side_gives_are_not_flagged(setup: Setup) -> None:
    left, right = setup.by_outlet("GDC").id, setup.by_outlet("The Irish News").id
    app = ScreenHost(lambda: CompareScreen(setup.workspace, left, right, setup.store))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        comparison = app.screen.loaded
        assert comparison is not None
        one_sided = [
            i
            for i, line in enumerate(view.lines)
            if line.kind in ("left-only", "right-only") and any(ch.isdigit() for ch in
                                                                 line.left or line.right or "")
        ]  # fmt: skip
        assert one_sided, "the versions have passages with numbers only one of them gives"
        for index in one_sided:
            view.move_to(index, center=True)
            await pilot.pause()
            region = view.row_region(index)
            top = region.y - round(view.scroll_y)
            first = "".join(segment.text for segment in view.render_line(top))
            assert "⚑" not in first, first
            line = view.lines[index]
            assert not [m for m in (*line.left_marks, *line.right_marks) if m.role == "number"]
        assert not any(line.number_note for line in view.lines)
        assert "different numbers" not in str(app.screen.query_one("#compare-summary").visual)


async def test_story_rows_that_wrap_hang_under_their_title(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        results = app.main_screen.query_one("#results")
        region = results.content_region
        lines = [line[region.x : region.right] for line in screen_lines(app)]
        lines = lines[region.y : region.bottom]
        title = app.workspace.article(article_id_of(library, "GDC")).title
        first = next(n for n, line in enumerate(lines) if title[:30] in line)
        column = lines[first].index(title[:30])
        header = lines[first - 1]
        assert column > len(header) - len(header.lstrip()), "indented under its story"
        following = lines[first + 1]
        assert title[:30] not in following and following.strip() in title, "the title wraps"
        assert len(following) - len(following.lstrip()) == column, (lines[first], following)

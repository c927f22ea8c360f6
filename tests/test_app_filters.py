"""The search bar's filters and the results list as an analyst uses them: outlet and entity
choices keep every count while one is chosen, "any" is listed once, entities show their
type, and a new search opens on its first hit."""

from __future__ import annotations

from pathlib import Path

from app_pilot import ready, screen_lines, settle, type_query
from textual.widgets import OptionList, Select

from tests.test_index import write
from tui.app import BriefApp
from tui.widgets.results import ResultsList

OUTLETS = {"Financial World", "GDC", "ICARO Media Group", "The Hill", "The Irish News"}


def results_of(app: BriefApp) -> ResultsList:
    return app.main_screen.query_one("#results", ResultsList)


def hit_outlets(app: BriefApp) -> set[str]:
    return {app.workspace.article(i).outlet for i in app.main_screen.hits}


def choices(app: BriefApp, select_id: str) -> list[str]:
    """The lines of a filter's dropdown, as the user reads them."""
    overlay = app.main_screen.query_one(f"{select_id} OptionList", OptionList)
    return [option.prompt.plain for option in overlay.options]


async def choose(app: BriefApp, pilot, select_id: str, starting: str) -> None:
    """Open a filter's dropdown with the keyboard and pick the line starting with
    ``starting`` (moving the highlight there with the arrow keys), then let it search."""
    select = app.main_screen.query_one(select_id, Select)
    select.focus()
    await pilot.press("enter")
    overlay = select.query_one(OptionList)
    lines = choices(app, select_id)
    target = next(n for n, line in enumerate(lines) if line.startswith(starting))
    while overlay.highlighted != target:
        await pilot.press("down" if (overlay.highlighted or 0) < target else "up")
    await pilot.press("enter")
    await settle(app, pilot)


async def test_choosing_an_outlet_keeps_every_outlet_listed_with_its_count(
    library: Path, tmp_path: Path
) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "korea")
        assert hit_outlets(app) == OUTLETS
        await choose(app, pilot, "#outlet", "Outlet: GDC")
        assert hit_outlets(app) == {"GDC"}
        listed = choices(app, "#outlet")
        for outlet in OUTLETS:
            assert f"Outlet: {outlet} (1)" in listed
        # straight to another outlet, without going back to "any" first
        await choose(app, pilot, "#outlet", "Outlet: The Hill")
        assert hit_outlets(app) == {"The Hill"}
        assert str(app.main_screen.query_one("#status").render()).startswith("1 hit")


async def test_choosing_an_entity_keeps_the_other_entities_and_counts_outlets_for_it(
    library: Path, tmp_path: Path
) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "korea")
        before = choices(app, "#entity")
        await choose(app, pilot, "#entity", "Entity: Yoo Sang-bum")
        naming = app.main_screen.hits
        assert 0 < len(naming) < 5
        assert choices(app, "#entity") == before
        outlets = [line for line in choices(app, "#outlet") if line.endswith(")")]
        assert len(outlets) == len(naming)


async def test_any_is_listed_once_in_every_filter(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "korea")
        for select_id, label in (("#outlet", "Outlet"), ("#entity", "Entity")):
            lines = choices(app, select_id)
            assert lines.count(f"{label}: any") == 1, lines
            assert not [line for line in lines if not line.strip()], lines
        # choosing "any" again lifts the filter
        await choose(app, pilot, "#outlet", "Outlet: GDC")
        assert hit_outlets(app) == {"GDC"}
        await choose(app, pilot, "#outlet", "Outlet: any")
        assert hit_outlets(app) == OUTLETS
        assert choices(app, "#outlet").count("Outlet: any") == 1


async def test_entity_choices_show_each_entity_type(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "korea")
        lines = choices(app, "#entity")
        assert any(line.startswith("Entity: Yoo Sang-bum · person (") for line in lines)
        assert any(line.startswith("Entity: North Korea · place (") for line in lines)
        assert any(line.startswith("Entity: National Intelligence Service · organisation (")
                   for line in lines)  # fmt: skip
        await choose(app, pilot, "#entity", "Entity: North Korea")
        shown = app.main_screen.query_one("#entity", Select)
        assert "North Korea · place" in str(shown.query_one("#label").render())


def long_library(library: Path) -> None:
    """Forty more reports on the story, so a result runs past the screen."""
    for n in range(40):
        write(
            library,
            f"wires/report-{n:02}.md",
            f"Wire report {n} on the artillery shells",
            f"Wire {n % 7}",
            "North Korea sent artillery shells to Russia, officials said. " * (1 + n % 3),
            "Officials in Seoul gave no figures. " * (1 + n % 4),
            published=f"2023-11-{1 + n % 20:02}",
        )


def assert_opens_on_first_hit(app: BriefApp) -> None:
    """The first hit is highlighted and its title is the list's top line."""
    results = results_of(app)
    first = next(iter(app.main_screen.hits))
    assert results.highlighted == 0
    assert results.highlighted_option is not None
    assert results.highlighted_option.id == first
    assert results.scroll_y == 0
    title = app.workspace.article(first).title
    assert title[:20] in results.render_line(0).text


async def test_a_search_typed_over_the_library_list_opens_on_its_first_hit(
    library: Path, tmp_path: Path
) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        results = results_of(app)
        results.focus()
        await pilot.press("end")  # to the last article of the story
        await settle(app, pilot)
        last = results.highlighted_option
        assert last is not None and results.highlighted == results.option_count - 1
        await type_query(app, pilot, "korea")
        assert last.id in app.main_screen.hits and len(app.main_screen.hits) == 5
        assert_opens_on_first_hit(app)


async def test_a_new_search_opens_on_its_first_hit_at_the_top(
    library: Path, tmp_path: Path
) -> None:
    long_library(library)
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "artillery")
        results = results_of(app)
        await pilot.press("escape")  # from the search box to the results
        assert app.focused is results
        for _ in range(8):
            await pilot.press("down")
        await settle(app, pilot)
        far = results.highlighted_option
        assert far is not None and results.highlighted == 8 and results.scroll_y > 0

        # a new search whose hits include the article under the cursor, as the entities
        # panel's "search the library for it" starts one
        app.main_screen.search_for("artillery shells")
        await settle(app, pilot)
        assert far.id in app.main_screen.hits
        assert_opens_on_first_hit(app)


async def test_more_hits_of_the_same_search_keep_the_cursor(library: Path, tmp_path: Path) -> None:
    long_library(library)
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "artillery")
        results = results_of(app)
        await pilot.press("escape", "down", "down", "down")
        await settle(app, pilot)
        chosen = results.highlighted_option
        assert chosen is not None and results.highlighted > 0
        # the same search listed again (the index changed meanwhile): the cursor stays
        app.main_screen.run_search(app.main_screen.request)
        await settle(app, pilot)
        assert results.highlighted_option is not None
        assert results.highlighted_option.id == chosen.id


def drawn_lines(widget) -> list[str]:
    """The widget's lines as the terminal shows them (cut where they are cut)."""
    region = widget.content_region
    rows = screen_lines(widget.app)[region.y : region.bottom]
    return [row[region.x : region.right] for row in rows]


async def test_filters_that_remove_every_hit_say_so_and_clear_with_enter(
    library: Path, tmp_path: Path
) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "korea")
        total = len(app.main_screen.hits)
        await choose(app, pilot, "#outlet", "Outlet: GDC")
        since = app.main_screen.query_one("#since")
        since.focus()
        await pilot.press(*"2024-01-01")
        await settle(app, pilot)
        assert not app.main_screen.hits
        shown = " ".join(" ".join(drawn_lines(results_of(app))).split())
        assert "No hits for ‘korea’ with Outlet: GDC since 2024-01-01" in shown
        assert f"{total} hits without the filters" in shown
        assert "Search without the filters" in shown
        # enter on that row brings the hits back
        results_of(app).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert len(app.main_screen.hits) == total
        assert app.main_screen.query_one("#outlet", Select).value == Select.NULL
        assert not app.main_screen.query_one("#since").value


async def test_no_hits_without_filters_says_what_was_searched(
    library: Path, tmp_path: Path
) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "zzqx [bold]w[/]")
        assert not app.main_screen.hits
        shown = " ".join(" ".join(drawn_lines(results_of(app))).split())
        assert "No hits for ‘zzqx [bold]w[/]’" in shown
        assert "without the filters" not in shown


async def test_a_chosen_entity_keeps_its_type_in_view(library: Path, tmp_path: Path) -> None:
    for size in ((120, 40), (80, 24)):
        app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
        async with app.run_test(size=size) as pilot:
            await ready(app, pilot)
            await type_query(app, pilot, "korea")
            await choose(app, pilot, "#entity", "Entity: artillery shell")
            select = app.main_screen.query_one("#entity", Select)
            [drawn] = drawn_lines(select.query_one("#label"))
            assert drawn.rstrip().endswith("· weapon"), (size, drawn)
            # as much of the name as fits before it (all of it with room to spare)
            wide = size[0] >= 120
            assert drawn.startswith("Entity: artillery" if wide else "ar"), (size, drawn)

"""An empty result with filters set, as an analyst meets it while typing: it counts the
hits the filters hide as the search without them would list them, counts them once per
query, and its "clear filters" row is never taken for an article by compare or facts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app_pilot import ready, settle, type_query
from textual.widgets import Select

from tests.test_app_filters import choose, drawn_lines, results_of
from tui.app import BriefApp
from tui.widgets.results import CLEAR_FILTERS_ID


def shown_text(app: BriefApp) -> str:
    """The results list as drawn, its lines joined and spaces collapsed."""
    return " ".join(" ".join(drawn_lines(results_of(app))).split())


async def empty_with_outlet(app: BriefApp, pilot, word: str) -> None:
    """Choose the outlet Financial World (it never mentions shells), then type ``word``."""
    await type_query(app, pilot, "korea")
    await choose(app, pilot, "#outlet", "Outlet: Financial World")
    await type_query(app, pilot, word)


async def test_a_word_being_typed_counts_its_completions_hidden_by_the_filters(
    library: Path, tmp_path: Path
) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        hidden = app.workspace.search("shel*", limit=None).total
        assert hidden and not app.workspace.search("shel", limit=None).total
        await empty_with_outlet(app, pilot, "shel")
        assert not app.main_screen.hits
        shown = shown_text(app)
        assert "No hits for ‘shel’ with Outlet: Financial World" in shown
        assert f"{hidden} hits without the filters" in shown, shown
        assert "None without the filters either" not in shown
        assert f"Search without the filters ({hidden} hits)" in shown
        # and that is what clearing them lists
        results_of(app).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.main_screen.query_one("#outlet", Select).value == Select.NULL
        assert len(app.main_screen.hits) == hidden


def count_unfiltered_searches(app: BriefApp) -> list[str]:
    """Record the queries the app searches without any filter from now on."""
    searched: list[str] = []
    search: Callable[..., object] = app.workspace.search

    def counting(query: str, **options: object) -> object:
        if not any(options.get(name) for name in ("outlets", "entities", "since", "until")):
            searched.append(query)
        return search(query, **options)

    app.workspace.search = counting  # type: ignore[method-assign]
    return searched


async def test_the_hidden_hits_are_counted_once_per_query(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await empty_with_outlet(app, pilot, "shel")
        assert "hits without the filters" in shown_text(app)
        searched = count_unfiltered_searches(app)
        # the same words with other filters that hide them too: the count is known
        await choose(app, pilot, "#sort", "Sort: date")
        since = app.main_screen.query_one("#since")
        since.focus()
        await pilot.press(*"2020-01-01")
        await settle(app, pilot)
        assert not app.main_screen.hits
        assert "hits without the filters" in shown_text(app)
        assert searched == [], searched


async def test_compare_and_facts_ignore_the_clear_filters_row(
    library: Path, tmp_path: Path
) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    # narrow: no preview opens an article, so the highlighted row is what c and f act on
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(app, pilot)
        await empty_with_outlet(app, pilot, "shel")
        results = results_of(app)
        results.focus()
        await settle(app, pilot)
        assert results.highlighted_option is not None
        assert results.highlighted_option.id == CLEAR_FILTERS_ID
        assert app.main_screen.current_article_id() is None
        await pilot.press("c")
        await settle(app, pilot)
        await app.run_action("facts")
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
        assert not [n for n in app._notifications if n.severity == "error"], messages
        assert not any("clear-filters" in m or "part of a story" in m for m in messages)
        assert app.screen is app.main_screen  # no compare picker or facts screen opened
        assert app.main_screen.article is None  # and nothing was opened as an article


async def test_checking_the_keys_does_not_look_up_the_search_box(
    library: Path, tmp_path: Path
) -> None:
    """The footer checks each binding on every key: that must not walk the widget tree."""
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        main = app.main_screen
        looked_up: list[object] = []
        query_one = main.query_one

        def counting(*args: object, **kwargs: object) -> object:
            looked_up.append(args[0])
            return query_one(*args, **kwargs)  # type: ignore[arg-type]

        main.query_one = counting  # type: ignore[method-assign]
        for action, parameters in (
            ("focus_search", ()),
            ("results_from_query", ()),
            ("back", ("query",)),
        ):
            main.check_action(action, parameters)
        assert looked_up == [], looked_up
        assert main.check_action("focus_search", ()) is True  # the empty box at launch
        await pilot.press("k")
        await settle(app, pilot)
        looked_up.clear()  # typing searched and listed: only the checks count from here
        assert main.check_action("focus_search", ()) is False  # "/" is text now
        assert main.check_action("results_from_query", ()) is True
        assert looked_up == [], looked_up

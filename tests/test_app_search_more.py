"""The app's results as an analyst uses them: listing more than the first hits of a long
result, an entity search showing (and the reader counting) the entity's mentions, and a
word of the query replaced by its completion being said so."""

from __future__ import annotations

from pathlib import Path

from app_pilot import ready, settle, type_query

from index.entities.names import name_key
from tests.test_index import write
from tui.app import BriefApp
from tui.screens.main import RESULT_LIMIT
from tui.widgets.reader import Reader
from tui.widgets.results import ResultsList

EXTRA = RESULT_LIMIT + 15


def results_of(app: BriefApp) -> ResultsList:
    return app.main_screen.query_one("#results", ResultsList)


def hit_ids(app: BriefApp) -> list[str]:
    return [o.id for o in results_of(app).options if o.id and not o.id.startswith("story:")]


def add_convoy_reports(library: Path) -> None:
    for n in range(EXTRA):
        write(
            library,
            f"wire/convoy-{n:02d}.md",
            f"Convoy report {n}",
            f"Wire {n % 7}",
            f"A convoy of {n + 3} trucks crossed the border at dawn, officials said.",
            "Nothing else was reported.",
            published=f"2023-10-{n % 28 + 1:02d}",
        )


async def test_scrolling_to_the_end_lists_the_rest_of_a_long_result(
    library: Path, tmp_path: Path
) -> None:
    add_convoy_reports(library)
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "convoy")
        results = results_of(app)
        assert len(hit_ids(app)) == RESULT_LIMIT
        more = results.options[-1]
        assert more.disabled and more.id is None
        assert f"{EXTRA - RESULT_LIMIT} more" in more.prompt.plain
        assert f"{EXTRA} hits (top {RESULT_LIMIT})" in str(results.border_title)
        results.focus()
        await pilot.press("end")  # the cursor reaches the last hit listed
        await settle(app, pilot)
        ids = hit_ids(app)
        assert len(ids) == EXTRA
        assert len(set(ids)) == EXTRA
        assert all(not o.disabled for o in results.options)
        assert str(results.border_title) == f"{EXTRA} hits"
        # the cursor stays on the hit it reached, and goes on down into the new ones
        assert results.highlighted_option is not None
        assert results.highlighted_option.id == ids[RESULT_LIMIT - 1]
        await pilot.press("down")
        assert results.highlighted_option.id == ids[RESULT_LIMIT]


async def test_scrolling_the_list_down_with_the_mouse_wheel_loads_more(
    library: Path, tmp_path: Path
) -> None:
    add_convoy_reports(library)
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "convoy")
        results = results_of(app)
        results.focus()
        results.scroll_end(animate=False, immediate=True)
        await settle(app, pilot)
        assert len(hit_ids(app)) == EXTRA


async def test_an_entity_search_shows_and_counts_its_mentions(
    library: Path, tmp_path: Path
) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, 'entity:"Yoo Sang-bum"')
        first = results_of(app).options[0]
        assert "Yoo Sang-bum" in first.prompt.plain
        await pilot.press("enter")
        await settle(app, pilot)
        reader = app.main_screen.query_one("#reader", Reader)
        assert reader.article is not None
        body = reader.article.body
        mentions = {
            (m.start, m.end)
            for m in reader.mentions
            if name_key(m.entity) == name_key("Yoo")
            or name_key(m.entity) == name_key("Yoo Sang-bum")
        }
        assert mentions
        assert set(reader.hits) == mentions
        assert all(body[s:e] != "bum" and body[s:e] != "Sang" for s, e in reader.hits)
        passage = reader.current_passage
        assert passage is not None
        assert any(passage.start <= s < passage.end for s, _e in mentions)


async def test_an_alias_acronym_marks_the_entity_not_use(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "US ")
        assert hit_ids(app)
        await pilot.press("enter")
        await settle(app, pilot)
        reader = app.main_screen.query_one("#reader", Reader)
        assert reader.article is not None
        marked = {reader.article.body[s:e] for s, e in reader.hits}
        assert marked
        assert not marked & {"use", "using", "used", "us"}


async def test_a_completed_word_is_said_in_the_status(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "Vladivos")
        assert hit_ids(app)
        status = str(app.main_screen.query_one("#status").render())
        assert "for Vladivos*" in status
        await type_query(app, pilot, "Vladivostock")
        status = str(app.main_screen.query_one("#status").render())
        assert "did you mean Vladivostok" in status


async def test_a_fuzzy_word_is_said_in_the_status(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "Vladivostock~")
        assert hit_ids(app)
        status = str(app.main_screen.query_one("#status").render())
        assert "vladivostock~ as vladivostok" in status

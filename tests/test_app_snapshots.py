"""SVG snapshots of the main screen (browse, search, reader with entities), the keys screen
and the log screen at 120x40 and 80x24, on a temporary copy of the bundled library.

Regenerate after a deliberate change with ``pytest tests/test_app_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from app_pilot import article_id_of, ready, settle, type_query
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import BriefApp

SIZES = [(120, 40), (80, 24)]


async def steady(pilot: Pilot) -> None:
    """No blinking cursor, no toast, workers done: the same picture every run."""
    app = pilot.app
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    app.clear_notifications()
    await settle(app, pilot)  # type: ignore[arg-type]
    # repaint everything at once, so the picture does not depend on which partial
    # updates happened to run on a busy machine
    for widget in app.screen.walk_children(with_self=True):
        widget.refresh()
    await pilot.pause(0.1)
    await pilot.pause()


def scenario(
    steps: Callable[[BriefApp, Pilot], Awaitable[None]],
) -> Callable[[Pilot], Awaitable[None]]:
    async def run_before(pilot: Pilot) -> None:
        app: BriefApp = pilot.app  # type: ignore[assignment]
        await ready(app, pilot)
        await steps(app, pilot)
        await steady(pilot)

    return run_before


@pytest.fixture
def make_app(library: Path, tmp_path: Path) -> Callable[[], BriefApp]:
    return lambda: BriefApp(library, bookmarks_path=tmp_path / "bookmarks.sqlite")


async def browse(app: BriefApp, pilot: Pilot) -> None:
    return None


async def search(app: BriefApp, pilot: Pilot) -> None:
    await type_query(app, pilot, "containers")


async def reader(app: BriefApp, pilot: Pilot) -> None:
    await type_query(app, pilot, "artillery shells")
    await app.open_article(article_id_of(app.library_root, "The Irish News"))
    await settle(app, pilot)


async def entities(app: BriefApp, pilot: Pilot) -> None:
    await reader(app, pilot)
    await pilot.press("e")
    await settle(app, pilot)


async def keys(app: BriefApp, pilot: Pilot) -> None:
    await pilot.press("down", "question_mark")
    await settle(app, pilot)


async def problems(app: BriefApp, pilot: Pilot) -> None:
    await pilot.press("ctrl+l")
    await settle(app, pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    "steps",
    [browse, search, reader, entities, keys],
    ids=lambda f: f.__name__,
)
def test_main_screens(snap_compare, make_app, steps, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=scenario(steps))


def test_log_screen(snap_compare, library: Path, tmp_path: Path) -> None:
    (library / "broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    app = BriefApp(library, bookmarks_path=tmp_path / "bookmarks.sqlite")

    async def steps(app: BriefApp, pilot: Pilot) -> None:
        app.library_root = Path("library")  # the temp path differs from run to run
        await problems(app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=scenario(steps))

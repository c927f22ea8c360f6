"""Helpers for driving the real app through Pilot: wait for the library to be synced and
for searches to land, find articles by outlet."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from tui.app import BriefApp


async def settle(app: BriefApp, pilot: Pilot, rounds: int = 3) -> None:
    """Let timers fire and workers finish (searches are debounced, then threaded)."""
    for _ in range(rounds):
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
    await pilot.pause()


async def ready(app: BriefApp, pilot: Pilot) -> None:
    """Wait until the index sync finished and the list is filled."""
    for _ in range(200):
        await app.workers.wait_for_complete()
        if app.synced:
            break
        await pilot.pause(0.05)
    assert app.synced, "the library never finished syncing"
    await settle(app, pilot)


def article_id_of(library: Path, outlet: str) -> str:
    """The id of the bundled article from ``outlet`` (never a hard-coded file name)."""
    from index.library import Library

    articles, _ = Library(library).load_all()
    return next(a.id for a in articles if a.outlet == outlet)


async def type_query(app: BriefApp, pilot: Pilot, text: str) -> None:
    await pilot.press("slash")
    query = app.main_screen.query_one("#query")
    query.value = ""
    await pilot.press(*text) if text else None
    await settle(app, pilot)


def screen_lines(app: App[object]) -> list[str]:
    """The screen as the terminal shows it, line by line (what the compositor drew)."""
    return [
        "".join(segment.text for segment in strip)
        for strip in app.screen._compositor.render_strips()
    ]

"""SVG snapshots of the compare, facts and bookmarks screens and the bookmark editor at
120x40 and 80x24 (pytest-textual-snapshot: ``snap_compare`` runs only in sync tests).

Update after a deliberate change with ``pytest tests/test_app_snapshots_f2.py --snapshot-update``
and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from screen_host import ScreenHost, Setup, freeze_cursors, make_setup, settle
from textual.screen import Screen

from tui.screens.bookmark_editor import BookmarkEditor
from tui.screens.bookmarks import BookmarksScreen
from tui.screens.compare import CompareScreen
from tui.screens.facts import FactsScreen

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


@pytest.fixture
def setup(library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Setup:
    monkeypatch.delenv("NO_COLOR", raising=False)  # snapshots show the colours users see
    made = make_setup(library, tmp_path / "bookmarks.sqlite")
    yield made
    made.close()


def ready(*keys: str) -> Callable[[Any], Any]:
    """A ``run_before`` that waits for workers, presses ``keys`` and freezes cursor blink."""

    async def run_before(pilot: Any) -> None:
        await settle(pilot.app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot.app, pilot)
        freeze_cursors(pilot.app)
        await pilot.pause()

    return run_before


def hosted(make: Callable[[], Screen[Any]]) -> ScreenHost:
    return ScreenHost(make)


@pytest.mark.parametrize("size", SIZES)
def test_compare_snapshot(snap_compare: Any, setup: Setup, size: tuple[int, int]) -> None:
    left, right = setup.by_outlet("The Irish News").id, setup.by_outlet("ICARO Media Group").id
    app = hosted(lambda: CompareScreen(setup.workspace, left, right, setup.store))
    assert snap_compare(app, terminal_size=size, run_before=ready("right_square_bracket"))


@pytest.mark.parametrize("size", SIZES)
def test_facts_snapshot(snap_compare: Any, setup: Setup, size: tuple[int, int]) -> None:
    story = setup.story_id()
    app = hosted(lambda: FactsScreen(setup.workspace, story))
    assert snap_compare(app, terminal_size=size, run_before=ready("down"))


@pytest.mark.parametrize("size", SIZES)
def test_bookmarks_snapshot(snap_compare: Any, setup: Setup, size: tuple[int, int]) -> None:
    gdc = setup.by_outlet("GDC")
    phrase = "operating its munitions factories at full capacity"
    start = gdc.body.index(phrase)
    setup.store.add(
        gdc, start, start + len(phrase), note="matches NIS briefing; check Yonhap", tags=("nis",)
    )
    fw = setup.by_outlet("Financial World")
    start = fw.body.index("It is estimated")
    setup.store.add(fw, start, start + 80, note="[bold red]only FW[/] has this", tags=("numbers",))
    hill = setup.by_outlet("The Hill")
    sentence = next(p.text for p in hill.text_paragraphs() if "spy agency" in p.text)
    start = hill.body.index(sentence)
    setup.store.add(hill, start, start + len(sentence), note="will be orphaned")
    path = setup.library / hill.id
    path.write_text(path.read_text(encoding="utf-8").replace(sentence, "Gone."), encoding="utf-8")
    path = setup.library / gdc.id
    path.write_text(
        path.read_text(encoding="utf-8").replace(phrase, phrase.replace("full", "half")),
        encoding="utf-8",
    )
    app = hosted(lambda: BookmarksScreen(setup.workspace, setup.store))
    assert snap_compare(app, terminal_size=size, run_before=ready())


@pytest.mark.parametrize("size", SIZES)
def test_bookmark_editor_snapshot(
    snap_compare: Any, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = hosted(
        lambda: BookmarkEditor(
            "operating its munitions factories at full capacity [@click=app.quit]",
            "GDC · 2 Nov 2023 · South Korea, the U.S., and Japan strongly condemned",
            note="matches NIS briefing",
            tags=("production", "nis"),
        )
    )
    assert snap_compare(app, terminal_size=size, run_before=ready())

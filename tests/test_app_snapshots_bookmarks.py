"""SVG snapshots of the bookmarks screen when other libraries hold bookmarks too: the title
counts them and the footer offers L (120x40 and 80x24).

Update after a deliberate change with
``pytest tests/test_app_snapshots_bookmarks.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from screen_host import ScreenHost, Setup, freeze_cursors, make_setup, settle

from index.bookmarks import BookmarkStore
from index.library import Library
from tui.screens.bookmarks import BookmarksScreen

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


@pytest.fixture
def setup(library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Setup:
    monkeypatch.delenv("NO_COLOR", raising=False)  # snapshots show the colours users see
    made = make_setup(library, tmp_path / "bookmarks.sqlite")
    made.store.close()
    made.store = BookmarkStore(made.store.path, library=library)  # as the app opens it
    yield made
    made.close()


async def run_before(pilot: Any) -> None:
    await settle(pilot.app, pilot)
    freeze_cursors(pilot.app)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_bookmarks_with_others_elsewhere_snapshot(
    snap_compare: Any, setup: Setup, tmp_path: Path, size: tuple[int, int]
) -> None:
    gdc = setup.by_outlet("GDC")
    phrase = "operating its munitions factories at full capacity"
    start = gdc.body.index(phrase)
    setup.store.add(gdc, start, start + len(phrase), note="this library's", tags=("nis",))
    second = tmp_path / "second"
    shutil.copytree(setup.library, second)
    with BookmarkStore(setup.store.path, library=second) as theirs:
        fw = Library(second).load(setup.by_outlet("Financial World").id)
        for quote in ("It is estimated", "around 2,000 containers"):
            start = fw.body.index(quote)
            theirs.add(fw, start, start + 60, note="another library's")
    app = ScreenHost(lambda: BookmarksScreen(setup.workspace, setup.store))
    assert snap_compare(app, terminal_size=size, run_before=run_before)

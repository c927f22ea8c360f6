"""An orphaned or changed bookmark is explained in the same words in the app's bookmarks
screen, in `brief bookmarks list` and in `brief bookmarks check`: what happened (the
article was removed, or the passage is no longer found in it) and what the user can do."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from screen_host import ScreenHost, settle
from textual.widgets import OptionList

from index.bookmark_status import ARTICLE_GONE, EDITED, PASSAGE_GONE, status_note
from index.bookmarks import BookmarkStore
from index.library import Library
from index.workspace import Workspace
from tui.cli import main
from tui.screens.bookmarks import BookmarksScreen

REMOVED = "close its embassies in Uganda, Angola and Spain"  # GDC: its file is deleted
EDITED_AWAY = "around 2,000 containers filled with ammunition"  # Financial World


def _article(library: Path, outlet: str):
    articles, _ = Library(library).load_all()
    return next(a for a in articles if a.outlet == outlet)


@pytest.fixture
def orphans(library: Path) -> dict[str, int]:
    """Three bookmarks of the current library: one whose article file is then deleted,
    one whose passage is then edited out of its article, one whose passage is reworded."""
    store = BookmarkStore(library=library)
    ids = {}
    for name, outlet, phrase in (
        ("removed", "GDC", REMOVED),
        ("edited", "Financial World", EDITED_AWAY),
        ("reworded", "The Irish News", None),
    ):
        article = _article(library, outlet)
        if phrase is None:
            phrase = next(p.text for p in article.text_paragraphs() if "million" in p.text)
            phrase = phrase[: phrase.index("million") + len("million")]
        start = article.body.index(phrase)
        ids[name] = store.add(article, start, start + len(phrase)).id
    store.close()
    (library / _article(library, "GDC").id).unlink()
    for outlet, old, new in (
        ("Financial World", EDITED_AWAY, "a few boxes"),
        ("The Irish News", "million", "billion"),
    ):
        path = library / _article(library, outlet).id
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return ids


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def blocks(listing: str) -> dict[int, str]:
    """`brief bookmarks list` output -> bookmark id -> its lines."""
    found: dict[int, str] = {}
    current = None
    for line in listing.splitlines():
        if line.startswith("#"):
            current = int(line[1:].split()[0])
            found[current] = ""
        if current is not None:
            found[current] += line + "\n"
    return found


async def test_the_app_and_the_command_line_say_the_same_about_each_orphan(
    library: Path, orphans: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--library", str(library), "bookmarks", "list")
    assert code == 0, err
    listed = blocks(out)
    expected = {
        orphans["removed"]: ARTICLE_GONE,
        orphans["edited"]: PASSAGE_GONE,
        orphans["reworded"]: EDITED,
    }
    for bookmark_id, note in expected.items():
        assert f"{note.label}. {note.advice}" in " ".join(listed[bookmark_id].split())
    assert "article removed from the library (#1)" in err
    assert "passage not found in the article any more (#2)" in err

    workspace = Workspace.open(library)
    workspace.sync()
    store = BookmarkStore(library=library)
    app = ScreenHost(lambda: BookmarksScreen(workspace, store))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, BookmarksScreen)
            options = screen.query_one(OptionList)
            shown = {
                int(str(options.get_option_at_index(i).id)): str(
                    options.get_option_at_index(i).prompt
                )
                for i in range(options.option_count)
            }
            for bookmark_id, note in expected.items():
                entry = " ".join(shown[bookmark_id].split())
                assert note.label in entry, entry
                if note.status == "orphaned":
                    assert note.advice in entry
            # Enter on the removed article's bookmark says so, and opens nothing.
            options.highlighted = screen.items.index(
                next(b for b in screen.items if b.id == orphans["removed"])
            )
            await pilot.press("enter")
            await pilot.pause()
            assert app.opened == []
            assert any(ARTICLE_GONE.what in str(n.message) for n in app._notifications)
    finally:
        store.close()
        workspace.close()


def test_check_names_the_removed_ones_apart(
    library: Path, orphans: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--library", str(library), "bookmarks", "check", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert sorted(report["orphaned"]) == sorted([orphans["removed"], orphans["edited"]])
    assert report["article_removed"] == [orphans["removed"]]
    assert report["changed"] == [orphans["reworded"]]


def test_an_orphan_whose_library_is_not_recorded_is_looked_up_where_it_is_shown(
    library: Path, orphans: dict[str, int]
) -> None:
    store = BookmarkStore(library=library)
    try:
        store.reanchor(Library(library))
        removed = store.get(orphans["removed"])
    finally:
        store.close()
    assert status_note(removed) is ARTICLE_GONE
    unrecorded = replace(removed, library="")
    assert status_note(unrecorded) is PASSAGE_GONE  # nowhere to look: not said to be gone
    assert status_note(unrecorded, library=str(library)) is ARTICLE_GONE
    assert status_note(unrecorded, article_present=True) is PASSAGE_GONE

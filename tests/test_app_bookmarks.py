"""The bookmarks screen and the bookmark editor driven through Pilot on a real store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from screen_host import ScreenHost, Setup, make_setup, settle
from textual.app import App
from textual.widgets import Input, OptionList, Select, Static, TextArea

from index.article import Article
from index.bookmarks import Bookmark, BookmarkStore
from index.library import Library
from tui.screens.bookmark_editor import BookmarkDraft, BookmarkEditor, parse_tags
from tui.screens.bookmarks import BookmarksScreen
from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.export_dialog import ExportDialog

INJECTION = "[bold red]loud[/] [@click=app.quit]quit[/] [link=https://x.test]x[/link]"


@pytest.fixture
def setup(library: Path, tmp_path: Path) -> Setup:
    made = make_setup(library, tmp_path / "bookmarks.sqlite")
    yield made
    made.close()


def mark(
    setup: Setup, outlet: str, phrase: str, note: str = "", tags: tuple[str, ...] = ()
) -> Bookmark:
    article = setup.by_outlet(outlet)
    start = article.body.index(phrase)
    return setup.store.add(article, start, start + len(phrase), note=note, tags=tags)


def host(setup: Setup) -> ScreenHost:
    return ScreenHost(lambda: BookmarksScreen(setup.workspace, setup.store))


def entries(app: App[None]) -> list[str]:
    options = app.screen.query_one("#bookmarks-list", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def sentence_with(article: Article, word: str) -> str:
    paragraph = next(p.text for p in article.text_paragraphs() if word in p.text)
    return paragraph.split(". ")[0]


async def test_list_shows_quote_outlet_title_note_tags_and_status(setup: Setup) -> None:
    gdc = setup.by_outlet("GDC")
    quote = "operating its munitions factories at full capacity"
    mark(
        setup, "GDC", quote, note="matches NIS briefing; check against Yonhap", tags=("production",)
    )
    app = host(setup)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        [entry] = entries(app)
        assert entry.startswith("● GDC")
        assert gdc.title[:40] in entry
        assert f"“{quote}”" in entry
        assert "note  matches NIS briefing; check against Yonhap" in entry
        assert "#production" in entry
        title = str(app.screen.query_one("#bookmarks-title", Static).visual)
        assert title.startswith("Bookmarks  ·  1") and "tag:" not in title


async def test_enter_opens_the_article_at_the_passage(setup: Setup) -> None:
    saved = mark(setup, "The Hill", sentence_with(setup.by_outlet("The Hill"), "spy agency"))
    app = host(setup)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.opened == [(saved.article, saved.start, saved.end)]


async def test_edit_note_and_tags(setup: Setup) -> None:
    saved = mark(setup, "GDC", "operating its munitions factories", note="first", tags=("a",))
    app = host(setup)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, BookmarkEditor)
        assert editor.query_one(TextArea).text == "first"
        assert editor.query_one(Input).value == "a"
        editor.query_one(TextArea).text = "second thoughts"
        editor.query_one(Input).value = "production, NIS, production"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        updated = setup.store.get(saved.id)
        assert updated.note == "second thoughts"
        assert updated.tags == ("production", "NIS")
        [entry] = entries(app)
        assert "second thoughts" in entry and "#production" in entry and "#NIS" in entry


async def test_delete_asks_first_then_undo_restores(setup: Setup) -> None:
    saved = mark(setup, "GDC", "operating its munitions factories", note="keep me")
    app = host(setup)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(app, pilot)
        assert [b.id for b in setup.store.list()] == [saved.id]
        assert len(entries(app)) == 1

        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert setup.store.list() == []
        assert entries(app) == []
        empty = app.screen.query_one("#bookmarks-empty", Static)
        assert empty.display and "No bookmarks yet" in str(empty.visual)

        await pilot.press("u")
        await settle(app, pilot)
        [restored] = setup.store.list()
        assert restored.note == "keep me" and restored.quote == saved.quote
        assert len(entries(app)) == 1


async def test_filter_by_tag(setup: Setup) -> None:
    mark(setup, "GDC", "operating its munitions factories", tags=("production",))
    mark(
        setup, "The Hill", sentence_with(setup.by_outlet("The Hill"), "spy agency"), tags=("seoul",)
    )
    app = host(setup)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert len(entries(app)) == 2
        app.screen.query_one("#bookmarks-tag", Select).value = "seoul"
        await settle(app, pilot)
        [entry] = entries(app)
        assert entry.startswith("● The Hill") and "#seoul" in entry
        title = str(app.screen.query_one("#bookmarks-title", Static).visual)
        assert "1 of 2" in title and "tag: seoul" in title


async def test_export_writes_the_briefing_and_refuses_to_overwrite_unasked(
    setup: Setup, tmp_path: Path
) -> None:
    quote = "operating its munitions factories at full capacity"
    mark(setup, "GDC", quote, note="matches NIS briefing", tags=("production",))
    target = tmp_path / "out" / "briefing.md"
    target.parent.mkdir()
    app = host(setup)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-path", Input).value.endswith(".md")
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        text = target.read_text(encoding="utf-8")
        assert quote in text and "matches NIS briefing" in text and "GDC" in text

        target.write_text("my own notes", encoding="utf-8")
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog), "an existing file needs a second yes"
        warning = str(dialog.query_one("#export-warning", Static).visual)
        assert "exists" in warning
        assert target.read_text(encoding="utf-8") == "my own notes"
        await pilot.press("escape")
        await settle(app, pilot)
        assert target.read_text(encoding="utf-8") == "my own notes"

        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert quote in target.read_text(encoding="utf-8")

        as_json = tmp_path / "out" / "bookmarks.json"
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(as_json)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert json.loads(as_json.read_text(encoding="utf-8"))["bookmarks"][0]["quote"] == quote


async def test_orphaned_and_changed_bookmarks_are_shown_as_such(setup: Setup) -> None:
    hill = setup.by_outlet("The Hill")
    gone = sentence_with(hill, "spy agency")
    mark(setup, "The Hill", gone, note="will lose its passage")
    gdc = setup.by_outlet("GDC")
    phrase = "operating its munitions factories at full capacity"
    mark(setup, "GDC", phrase)
    hill_file = setup.library / hill.id
    hill_file.write_text(hill_file.read_text(encoding="utf-8").replace(gone, "Nothing here."))
    gdc_file = setup.library / gdc.id
    gdc_file.write_text(
        gdc_file.read_text(encoding="utf-8").replace(phrase, phrase.replace("full", "half"))
    )
    app = host(setup)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        shown = entries(app)
        orphan = next(e for e in shown if "The Hill" in e)
        assert orphan.startswith("○")
        assert "orphaned: passage not found in the article any more\n  Quote kept" in orphan
        assert gone[:60] in orphan
        changed = next(e for e in shown if "GDC" in e)
        assert changed.startswith("◐")
        assert "saved “operating its munitions factories at full capacity”" in changed
        assert "now   “operating its munitions factories at half capacity”" in changed
        title = str(app.screen.query_one("#bookmarks-title", Static).visual)
        assert "1 changed" in title and "1 orphaned" in title
        app.screen.query_one(OptionList).highlighted = shown.index(changed)
        await pilot.press("a")
        await settle(app, pilot)
        accepted = next(b for b in setup.store.list() if b.article == gdc.id)
        assert accepted.status == "anchored"
        assert accepted.quote == "operating its munitions factories at half capacity"
        shown = entries(app)
        assert next(e for e in shown if "GDC" in e).startswith("●")
        orphan_index = shown.index(orphan)
        app.screen.query_one(OptionList).highlighted = orphan_index
        await pilot.press("enter")
        await pilot.pause()
        assert app.opened == [(hill.id, None, None)], "an orphan opens its article at the top"


async def test_markup_in_notes_tags_and_article_text_is_shown_literally(
    setup: Setup, library: Path
) -> None:
    article = setup.by_outlet("Financial World")
    path = library / article.id
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "It is estimated", f"It is {INJECTION} \x1b[31mred\x1b[0m estimated", 1
        ),
        encoding="utf-8",
    )
    setup.workspace.sync()
    fresh = setup.workspace.article(article.id)
    start = fresh.body.index("It is [bold red]")
    # a note can hold control characters (imported from a colleague's JSON export)
    note = f"note {INJECTION} \x1b[41mRED BG\x1b[0m"
    setup.store.add(fresh, start, start + 140, note=note, tags=("[b]tag[/b]",))
    app = host(setup)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        [entry] = entries(app)
        assert INJECTION[:60] in entry
        assert f"note {INJECTION}" in entry
        assert "␛[41mRED BG␛[0m" in entry
        assert "#[b]tag[/b]" in entry
        assert "\x1b" not in entry
        assert app.is_running


async def test_bookmark_editor_returns_a_draft_or_none() -> None:
    results: list[BookmarkDraft | None] = []

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(
                BookmarkEditor(INJECTION, "GDC · 2 Nov 2023", "old", ("x",)), results.append
            )

    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        quote = str(app.screen.query_one("#bookmark-quote", Static).visual)
        assert INJECTION in quote
        await pilot.press(*" and new")
        await pilot.click("#bookmark-save")
        await pilot.pause()
    assert results == [BookmarkDraft(note="old and new", tags=("x",))]

    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert results[-1] is None

    # escape after typing asks before the note is thrown away
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*" typed", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, BookmarkEditor)
        assert app.screen.query_one("#bookmark-note", TextArea).text == "old typed"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, BookmarkEditor)
    assert len(results) == 3 and results[-1] is None


def test_tags_are_trimmed_and_deduplicated() -> None:
    assert parse_tags(" nis ,  production,, NIS , two  words ") == (
        "nis",
        "production",
        "two words",
    )
    assert parse_tags("") == ()


async def test_real_app_bookmark_from_compare_then_open_it_from_the_bookmarks_screen(
    library: Path, tmp_path: Path
) -> None:
    from app_pilot import article_id_of, ready

    from tui.app import BriefApp
    from tui.screens.compare import CompareScreen
    from tui.widgets.compare_view import CompareView

    app = BriefApp(library, bookmarks_path=tmp_path / "bookmarks.sqlite")
    left = article_id_of(library, "The Irish News")
    right = article_id_of(library, "Financial World")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        app.push_screen(CompareScreen(app.workspace, left, right, app.bookmarks))
        await settle(app, pilot)
        view = app.screen.query_one(CompareView)
        target = next(i for i, line in enumerate(view.lines) if line.right and not line.left)
        view.move_to(target, side="right")
        await pilot.press("b")
        await pilot.pause()
        await pilot.press(*"only FW has it")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [saved] = app.bookmarks.list()
        assert saved.article == right and saved.quote == view.lines[target].right

        await pilot.press("B")
        await settle(app, pilot)
        assert isinstance(app.screen, BookmarksScreen)
        [entry] = entries(app)
        assert entry.startswith("● Financial World") and "only FW has it" in entry
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is app.main_screen
        assert app.main_screen.article is not None
        assert app.main_screen.article.id == right


# -- bookmarks belong to their library ----------------------------------------------------


def scoped(setup: Setup) -> BookmarkStore:
    """Reopen the setup's store for its library, as the app opens it."""
    setup.store.close()
    setup.store = BookmarkStore(setup.store.path, library=setup.library)
    return setup.store


async def test_other_libraries_bookmarks_are_counted_and_shown_on_request(
    setup: Setup, tmp_path: Path
) -> None:
    second = tmp_path / "second"
    shutil.copytree(setup.library, second)
    store = scoped(setup)
    mark(setup, "GDC", "operating its munitions factories at full capacity", note="mine")
    with BookmarkStore(store.path, library=second) as theirs:
        gdc = Library(second).load(setup.by_outlet("GDC").id)
        start = gdc.body.index("close its embassies")
        theirs.add(gdc, start, start + 19, note="from the second library")
    app = host(setup)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        [entry] = entries(app)
        assert "mine" in entry and "second library" not in entry
        title = str(app.screen.query_one("#bookmarks-title", Static).visual)
        assert "1 more in other libraries (L)" in title
        await pilot.press("L")
        await settle(app, pilot)
        both = entries(app)
        assert len(both) == 2
        other = next(e for e in both if "from the second library" in e)
        assert f"library {second.resolve()}" in other and other.startswith("● GDC")
        title = str(app.screen.query_one("#bookmarks-title", Static).visual)
        assert title.startswith("Bookmarks of all libraries  ·  2")
        # A bookmark of another library is not opened in this one (its id may name
        # another text here): the user is told where it lives.
        options = app.screen.query_one("#bookmarks-list", OptionList)
        options.highlighted = next(i for i, e in enumerate(both) if e == other) * 2
        await pilot.press("enter")
        await pilot.pause()
        assert app.opened == []
        await pilot.press("L")
        await settle(app, pilot)
        assert len(entries(app)) == 1


async def test_a_moved_library_gets_its_bookmarks_back_with_R(
    library: Path, tmp_path: Path
) -> None:
    store_path = tmp_path / "bookmarks.sqlite"
    with BookmarkStore(store_path, library=library) as before:
        gdc = next(a for a in Library(library).load_all()[0] if a.outlet == "GDC")
        start = gdc.body.index("close its embassies")
        saved = before.add(gdc, start, start + 19, note="before the move")
    moved = tmp_path / "moved"
    library.rename(moved)
    made = make_setup(moved, store_path)
    try:
        store = scoped(made)
        app = host(made)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            assert entries(app) == []
            empty = str(app.screen.query_one("#bookmarks-empty", Static).visual)
            assert "No bookmarks in this library. 1 in other libraries" in empty
            await pilot.press("R")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await settle(app, pilot)
            [entry] = entries(app)
            assert entry.startswith("● GDC") and "before the move" in entry
            assert store.get(saved.id).library == str(moved.resolve())
    finally:
        made.close()


async def test_real_app_on_a_second_library_does_not_show_the_first_ones_as_orphans(
    library: Path, tmp_path: Path
) -> None:
    from app_pilot import ready

    from tui.app import BriefApp

    store_path = tmp_path / "bookmarks.sqlite"
    with BookmarkStore(store_path, library=library) as first:
        gdc = next(a for a in Library(library).load_all()[0] if a.outlet == "GDC")
        start = gdc.body.index("close its embassies")
        first.add(gdc, start, start + 19)
    second = tmp_path / "second"
    second.mkdir()
    fw = next(library.glob("financial-world/*.md"))
    shutil.copy(fw, second / fw.name)
    app = BriefApp(second, bookmarks_path=store_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        app.action_bookmarks()  # B, from wherever the focus is
        await settle(app, pilot)
        assert isinstance(app.screen, BookmarksScreen)
        assert entries(app) == []
        empty = str(app.screen.query_one("#bookmarks-empty", Static).visual)
        assert "1 in other libraries: press L" in empty
    with BookmarkStore(store_path) as everything:
        assert [b.status for b in everything.list()] == ["anchored"]


async def test_export_to_a_missing_folder_is_refused_not_created(
    setup: Setup, tmp_path: Path
) -> None:
    mark(setup, "GDC", "operating its munitions factories at full capacity")
    target = tmp_path / "nonexistent" / "dir" / "brief.md"
    app = host(setup)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportDialog), "the dialog stays open to fix the path"
        warning = str(dialog.query_one("#export-warning", Static).visual)
        assert f"No such folder: {target.parent}" in warning
        assert not (tmp_path / "nonexistent").exists()


def undo_bar(app: App[None]) -> str:
    bar = app.screen.query_one("#bookmarks-undo", Static)
    return " ".join(str(bar.visual).split()) if bar.display else ""


async def delete_current(app: App[None], pilot) -> None:
    await pilot.press("d")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmDialog)
    await pilot.press("y")
    await settle(app, pilot)


async def test_undo_lasts_a_few_seconds_and_says_so(
    setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Undo is offered while a line says so, for UNDO_SECONDS; after that neither the
    line nor the key claims it, and u restores nothing."""
    from tui.screens import bookmarks

    monkeypatch.setattr(bookmarks, "UNDO_SECONDS", 0.6)
    saved = mark(setup, "GDC", "operating its munitions factories", note="keep me")
    app = host(setup)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await delete_current(app, pilot)
        assert setup.store.list() == []
        assert undo_bar(app).startswith("Deleted the bookmark of GDC")
        assert "u to undo" in undo_bar(app)
        assert "u" in app.screen.active_bindings
        await pilot.pause(1.0)
        await settle(app, pilot)
        assert undo_bar(app) == ""
        assert "u" not in app.screen.active_bindings
        await pilot.press("u")
        await settle(app, pilot)
        assert setup.store.list() == [], "undo restored a deletion after its time was up"
        assert saved.id not in {b.id for b in setup.store.list()}


async def test_undo_ends_with_the_next_change_and_restores_only_the_last_delete(
    setup: Setup,
) -> None:
    mark(setup, "GDC", "operating its munitions factories", note="first")
    mark(setup, "The Hill", sentence_with(setup.by_outlet("The Hill"), "spy agency"), note="2nd")
    mark(setup, "Financial World", "around 2,000 containers", note="third")
    app = host(setup)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await delete_current(app, pilot)
        first_gone = {"first", "2nd", "third"} - {b.note for b in setup.store.list()}
        await delete_current(app, pilot)
        second_gone = {"first", "2nd", "third"} - {b.note for b in setup.store.list()}
        assert len(second_gone) == 2
        await pilot.press("u")
        await settle(app, pilot)
        notes = {b.note for b in setup.store.list()}
        assert notes == {"first", "2nd", "third"} - first_gone, "only the last delete comes back"
        assert undo_bar(app) == ""
        await pilot.press("u")
        await settle(app, pilot)
        assert {b.note for b in setup.store.list()} == notes, "an older delete came back"

        # A delete, then another change (an edit saved): undo is over.
        await delete_current(app, pilot)
        assert len(setup.store.list()) == 1
        assert "u to undo" in undo_bar(app)
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, BookmarkEditor)
        editor.query_one(TextArea).text = "edited after the delete"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert undo_bar(app) == ""
        before = {b.note for b in setup.store.list()}
        await pilot.press("u")
        await settle(app, pilot)
        assert {b.note for b in setup.store.list()} == before

"""Bookmarks belong to their library: two libraries share one store without seeing each
other's bookmarks, a store from before libraries were recorded is migrated, and a moved
library folder is followed with ``relocate``."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from index.article import Article
from index.bookmarks import SCHEMA_VERSION, BookmarkStore, library_key
from index.briefing import export_json, export_markdown, import_json
from index.errors import BriefError, NotFoundError
from index.library import Library

GOLDEN = Path(__file__).parent / "golden"
STORE_V2 = GOLDEN / "bookmarks-store-v2.sqlite"
"""A store written by Brief's schema-2 code (commit 70c81a6, before libraries were recorded):
one bookmark on each of the five bundled articles (note "note on OUTLET *md* [x]", tags
"arms" and the outlet), all made in a copy of the bundled library, and #6 on "hill-copy.md",
an article that only a second library had."""

EMBASSIES = "close its embassies in Uganda, Angola and Spain"
CONTAINERS = "around 2,000 containers filled with ammunition were transported"


def by_outlet(library: Library, outlet: str) -> Article:
    articles, _ = library.load_all()
    return next(a for a in articles if a.outlet == outlet)


def add_quote(store: BookmarkStore, article: Article, quote: str, **kwargs):
    start = article.body.index(quote)
    return store.add(article, start, start + len(quote), **kwargs)


@pytest.fixture
def two(library: Path, tmp_path: Path) -> tuple[Library, Library]:
    """The bundled library and a second copy of it: same article ids, another folder."""
    other = tmp_path / "second"
    shutil.copytree(library, other)
    return Library(library), Library(other)


def test_each_library_sees_only_its_own_bookmarks(two: tuple[Library, Library]):
    first, second = two
    with (
        BookmarkStore(library=first.root) as a,
        BookmarkStore(library=second.root) as b,
    ):
        mine = add_quote(a, by_outlet(first, "GDC"), EMBASSIES, note="first", tags=["one"])
        theirs = add_quote(b, by_outlet(second, "Financial World"), CONTAINERS, note="second")
        # The same passage of the same article id may be bookmarked in each library.
        twin = add_quote(b, by_outlet(second, "GDC"), EMBASSIES, note="second's GDC")
        assert a.path == b.path
        assert [x.id for x in a.list()] == [mine.id]
        assert {x.id for x in b.list()} == {theirs.id, twin.id}
        assert mine.library == library_key(first.root) != twin.library
        assert a.find(mine.article, mine.start, mine.end).id == mine.id
        assert b.find(mine.article, mine.start, mine.end).id == twin.id
        assert a.tags() == [("one", 1)] and b.tags() == []
        assert len(a.list(all_libraries=True)) == 3 == len(BookmarkStore(a.path).list())
        assert (a.count_elsewhere(), b.count_elsewhere()) == (2, 1)
        assert b.list(article=mine.article)[0].note == "second's GDC"


def test_reanchoring_one_library_never_touches_the_others(two: tuple[Library, Library]):
    first, second = two
    with (
        BookmarkStore(library=first.root) as a,
        BookmarkStore(library=second.root) as b,
    ):
        fw = add_quote(a, by_outlet(first, "Financial World"), CONTAINERS)
        gdc = add_quote(b, by_outlet(second, "GDC"), EMBASSIES)
        # The second library lacks the first's article: before, its check orphaned it.
        second.path_of(fw.article).unlink()
        report = b.reanchor(second)
        assert report.checked == 1 and report.orphaned == [] and not report.messages()
        assert a.get(fw.id).status == "anchored"
        report = a.reanchor(first)
        assert report.checked == 1 and report.unchanged == 1
        assert b.get(gdc.id).status == "anchored"


def test_a_library_whose_folder_is_gone_is_reported_and_its_bookmarks_kept(
    two: tuple[Library, Library], tmp_path: Path
):
    first, second = two
    with BookmarkStore(library=second.root) as b:
        kept = add_quote(b, by_outlet(second, "GDC"), EMBASSIES, note="keep me")
    moved_to = tmp_path / "moved"
    second.root.rename(moved_to)
    with BookmarkStore(library=first.root) as a:
        report = a.reanchor(first)
        (gone,) = report.gone
        assert (gone.library, gone.count, gone.exists) == (library_key(second.root), 1, False)
        assert gone.here == 1  # the first library has an article with that id
        assert any("no longer exists; they are kept" in line for line in report.messages())
        assert a.get(kept.id).note == "keep me" and a.get(kept.id).status == "anchored"
        listing = {c.library: c for c in a.libraries()}
        assert listing[library_key(second.root)].exists is False

        # Moving the folder back, or relocating the bookmarks to it, is survivable.
        assert a.relocate(second.root, moved_to) == 1
    with BookmarkStore(library=moved_to) as moved:
        (bookmark,) = moved.list()
        assert bookmark.id == kept.id and bookmark.note == "keep me"
        assert bookmark.source is not None and bookmark.source.outlet == "GDC"
        report = moved.reanchor(Library(moved_to))
        assert report.checked == 1 and report.gone == []
        assert moved.get(kept.id).status == "anchored"


def test_relocate_refuses_what_it_cannot_do(two: tuple[Library, Library], tmp_path: Path):
    first, second = two
    with BookmarkStore(library=first.root) as a:
        add_quote(a, by_outlet(first, "GDC"), EMBASSIES)
        with pytest.raises(NotFoundError, match="is not a folder"):
            a.relocate(first.root, tmp_path / "nowhere")
        with pytest.raises(NotFoundError, match=r"no bookmarks belong to a library .*Libraries"):
            a.relocate(tmp_path / "never-used", second.root)
        with pytest.raises(BriefError, match="already there"):
            a.relocate(first.root, first.root)
        assert a.list()[0].library == library_key(first.root)


def test_a_store_of_the_previous_schema_is_migrated_keeping_everything(
    library: Path, tmp_path: Path
):
    path = tmp_path / "bookmarks.sqlite"
    shutil.copy(STORE_V2, path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    lib = Library(library)
    with BookmarkStore(path, library=library) as store:
        assert store.schema_version == SCHEMA_VERSION
        # Every bookmark whose article this library has is now this library's...
        mine = store.list()
        assert [b.id for b in mine] == [1, 2, 3, 4, 5] and store.claimed == [1, 2, 3, 4, 5]
        assert {b.library for b in mine} == {library_key(library)}
        assert {b.outlet for b in mine} == {a.outlet for a in lib.load_all()[0]}
        assert all(b.note.endswith("*md* [x]") and b.tags[0] == "arms" for b in mine)
        # ...and the one made in another library is kept, with no library, unchecked.
        everything = store.list(all_libraries=True)
        assert len(everything) == 6
        (stray,) = [b for b in everything if b.id == 6]
        assert stray.library == "" and stray.note == "made in the other library"
        assert stray.source is not None and stray.source.outlet == "The Hill"
        report = store.reanchor(lib)
        assert report.checked == 5 and report.orphaned == [] and report.unchanged == 5
        assert store.get(6).status == "anchored"
        # Bookmarks with no library can be given to a library explicitly.
        other = tmp_path / "other"
        other.mkdir()
        assert store.relocate(None, other) == 1
        assert store.get(6).library == library_key(other)
    # The migrated store opens again as it is.
    with BookmarkStore(path, library=library) as again:
        assert again.claimed == [] and len(again.list(all_libraries=True)) == 6


def test_old_bookmarks_go_to_the_first_library_that_has_their_article(
    library: Path, tmp_path: Path
):
    path = tmp_path / "bookmarks.sqlite"
    shutil.copy(STORE_V2, path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with BookmarkStore(path, library=elsewhere) as unrelated:
        assert unrelated.claimed == [] and unrelated.list() == []
        assert unrelated.count_elsewhere() == 6
        assert unrelated.reanchor(Library(elsewhere)).checked == 0
    with BookmarkStore(path) as everything:
        assert {b.status for b in everything.list()} == {"anchored"}  # nothing was orphaned


def test_export_keeps_to_the_library_and_import_returns_bookmarks_home(
    two: tuple[Library, Library], tmp_path: Path
):
    first, second = two
    with (
        BookmarkStore(library=first.root) as a,
        BookmarkStore(library=second.root) as b,
    ):
        add_quote(a, by_outlet(first, "GDC"), EMBASSIES, note="first's note")
        add_quote(b, by_outlet(second, "GDC"), EMBASSIES, note="second's note")
        briefing = export_markdown(a.list(), first)
        assert "first's note" in briefing and "second's note" not in briefing
        everything = export_markdown(a.list(all_libraries=True), first)
        assert "first's note" in everything and "second's note" in everything
        backup = export_json(a.list(all_libraries=True))

    # Restored into a new store: each bookmark goes back to its own library when it exists.
    with BookmarkStore(tmp_path / "restored.sqlite", library=first.root) as restored:
        report = import_json(restored, backup)
        assert len(report.added) == 2 and len(report.elsewhere) == 1
        assert [x.note for x in restored.list()] == ["first's note"]
        assert "went back to their own library" in report.message()
    shutil.rmtree(second.root)
    # A library that is not on this machine: its bookmarks join the importing library.
    with BookmarkStore(tmp_path / "colleague.sqlite", library=first.root) as colleague:
        report = import_json(colleague, backup)
        assert len(report.added) == 2 and report.elsewhere == []
        assert sorted(x.note for x in colleague.list()) == ["first's note", "second's note"]

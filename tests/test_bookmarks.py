"""The bookmark store: records, tags, undo, re-anchoring against real files, schema safety."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index import locations
from index.article import Article, article_blocks, article_meta, render_article
from index.bookmarks import (
    APPLICATION_ID,
    MIGRATIONS,
    BookmarkStore,
    DuplicateBookmarkError,
    StoreError,
    normalize_tags,
)
from index.errors import NotFoundError
from index.library import Library

CONTAINERS = "around 2,000 containers filled with ammunition were transported"
EMBASSIES = "close its embassies in Uganda, Angola and Spain"


def by_outlet(library: Library, outlet: str) -> Article:
    articles, _ = library.load_all()
    return next(a for a in articles if a.outlet == outlet)


def add_quote(store: BookmarkStore, article: Article, quote: str, **kwargs):
    start = article.body.index(quote)
    return store.add(article, start, start + len(quote), **kwargs)


def rewrite(article: Article, library: Library, body_edit) -> None:
    """Write ``article`` back to its file with each paragraph passed through ``body_edit``."""
    blocks = [(kind, body_edit(text)) for kind, text in article_blocks(article)]
    path = library.path_of(article.id)
    path.write_text(render_article(article_meta(article), blocks), encoding="utf-8")


@pytest.fixture
def lib(library: Path) -> Library:
    return Library(library)


@pytest.fixture
def store(library: Path) -> BookmarkStore:
    with BookmarkStore(library=library) as opened:
        yield opened


def test_store_lives_in_the_user_data_dir_in_wal_mode(store: BookmarkStore):
    assert store.path == locations.bookmarks_db()
    assert store.path.exists()
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == max(MIGRATIONS)
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_add_get_list_update_delete_restore(store: BookmarkStore, lib: Library):
    gdc = by_outlet(lib, "GDC")
    fw = by_outlet(lib, "Financial World")
    first = add_quote(store, gdc, EMBASSIES, note="only GDC has this", tags=["Diplomacy", "gdc"])
    second = add_quote(store, fw, CONTAINERS, tags=["numbers, diplomacy"])
    assert first.quote == EMBASSIES and first.status == "anchored"
    assert first.outlet == "GDC" and first.title == gdc.title
    assert gdc.body[first.start : first.end] == EMBASSIES
    assert first.prefix == gdc.body[first.start - 32 : first.start]
    assert first.content_hash == gdc.content_hash
    assert store.get(first.id) == first

    # Reading order: by article id, then place in the article.
    assert [b.id for b in store.list(tag="DIPLOMACY")] == [second.id, first.id]
    assert [b.id for b in store.list(article=fw.id)] == [second.id]
    assert store.tags() == [("Diplomacy", 2), ("gdc", 1), ("numbers", 1)]

    edited = store.update(first.id, note="checked against Yonhap", tags=["embassies"])
    assert edited.note == "checked against Yonhap" and edited.tags == ("embassies",)
    assert edited.updated > first.updated and edited.created == first.created
    assert store.update(first.id, tags=None).tags == ("embassies",)

    deleted = store.delete(first.id)
    with pytest.raises(NotFoundError, match=f"no bookmark #{first.id}"):
        store.get(first.id)
    restored = store.restore(deleted)
    assert restored == deleted  # same id, note, tags and times: a true undo
    assert store.restore(deleted) == restored  # undoing twice does not duplicate


def test_restore_takes_a_new_id_when_the_old_one_is_taken(store: BookmarkStore, lib: Library):
    gdc = by_outlet(lib, "GDC")
    first = add_quote(store, gdc, EMBASSIES)
    deleted = store.delete(first.id)
    with sqlite3.connect(store.path) as conn:  # another process reused the id meanwhile
        conn.execute(
            'INSERT INTO bookmarks (id, uid, article, quote, prefix, suffix, start, "end", '
            "content_hash, status, note, created, updated) VALUES (?, 'x', 'a', 'q', '', '', "
            "0, 1, '', 'anchored', '', '2023-01-01T00:00:00+00:00', '2023-01-01T00:00:00+00:00')",
            (first.id,),
        )
    restored = store.restore(deleted)
    assert restored.id != first.id and restored.quote == EMBASSIES


def test_add_rejects_bad_offsets_whitespace_and_duplicates(store: BookmarkStore, lib: Library):
    gdc = by_outlet(lib, "GDC")
    with pytest.raises(ValueError, match="outside"):
        store.add(gdc, 10, len(gdc.body) + 5)
    with pytest.raises(ValueError, match="outside"):
        store.add(gdc, 20, 10)
    gap = gdc.body.index("\n\n")
    with pytest.raises(ValueError, match="only whitespace"):
        store.add(gdc, gap, gap + 2)
    start = gdc.body.index(EMBASSIES)
    padded = store.add(gdc, start - 1, start + len(EMBASSIES) + 1)
    assert padded.quote == gdc.body[start - 1 : start + len(EMBASSIES) + 1].strip()
    with pytest.raises(DuplicateBookmarkError) as caught:
        store.add(gdc, padded.start, padded.end)
    assert caught.value.existing.id == padded.id
    assert len(store.list()) == 1


def test_normalize_tags():
    assert normalize_tags(["a, b", " B ", "two  words", "", "#x"]) == ("a", "b", "two words", "#x")


TRICKY = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=80
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=TRICKY)
def test_any_note_round_trips_exactly(store: BookmarkStore, lib: Library, note: str):
    gdc = by_outlet(lib, "GDC")
    existing = store.find(gdc.id, *_span(gdc, EMBASSIES))
    bookmark = existing or add_quote(store, gdc, EMBASSIES)
    assert store.update(bookmark.id, note=note).note == note
    assert store.get(bookmark.id).note == note


def test_markup_and_escapes_round_trip(store: BookmarkStore, lib: Library):
    gdc = by_outlet(lib, "GDC")
    note = "[bold red]x[/] [@click=app.quit]y[/] \x1b[31mred\x1b[0m `code` <b>é 北 🚀\ttab\r\n"
    bookmark = add_quote(store, gdc, EMBASSIES, note=note, tags=["[b]", "ünï"])
    again = BookmarkStore(store.path, library=store.library)
    assert again.get(bookmark.id).note == note
    assert again.get(bookmark.id).tags == ("[b]", "ünï")
    again.close()


def _span(article: Article, quote: str) -> tuple[int, int]:
    start = article.body.index(quote)
    return start, start + len(quote)


# -- re-anchoring against the library ---------------------------------------------------------


def test_reanchor_follows_inserted_text_and_reports_nothing_when_unchanged(
    store: BookmarkStore, lib: Library
):
    fw = by_outlet(lib, "Financial World")
    bookmark = add_quote(store, fw, CONTAINERS, note="only FW")
    report = store.reanchor(lib)
    assert (report.checked, report.unchanged) == (1, 1)
    assert not report.messages()

    rewrite(fw, lib, lambda text: "Editor's note: updated. " + text)
    report = store.reanchor(lib)
    after = store.get(bookmark.id)
    assert report.reanchored == [bookmark.id]
    assert after.status == "anchored" and after.current_text is None
    new_body = lib.load(fw.id).body
    assert new_body[after.start : after.end] == CONTAINERS
    assert after.start > bookmark.start and after.note == "only FW"


def test_changed_number_is_marked_changed_with_both_texts(store: BookmarkStore, lib: Library):
    fw = by_outlet(lib, "Financial World")
    bookmark = add_quote(store, fw, CONTAINERS)
    rewrite(fw, lib, lambda text: text.replace("2,000 containers", "2,500 containers"))
    report = store.reanchor(lib)
    after = store.get(bookmark.id)
    assert report.changed == [bookmark.id]
    assert any("changed" in line for line in report.messages())
    assert after.status == "changed"
    assert after.quote == CONTAINERS
    assert after.current_text == CONTAINERS.replace("2,000", "2,500")
    # A second edit elsewhere keeps tracking the passage as it now reads.
    rewrite(lib.load(fw.id), lib, lambda text: "Update: " + text)
    store.reanchor(lib)
    again = store.get(bookmark.id)
    assert again.status == "changed" and again.current_text == after.current_text
    # Reverting the edit brings it back to anchored.
    rewrite(lib.load(fw.id), lib, lambda text: text.replace("2,500 containers", "2,000 containers"))
    report = store.reanchor(lib)
    assert store.get(bookmark.id).status == "anchored"
    assert report.reanchored == [bookmark.id]


def test_accept_takes_the_new_text_as_the_quote(store: BookmarkStore, lib: Library):
    fw = by_outlet(lib, "Financial World")
    bookmark = add_quote(store, fw, CONTAINERS)
    rewrite(fw, lib, lambda text: text.replace("2,000 containers", "2,500 containers"))
    store.reanchor(lib)
    accepted = store.accept(bookmark.id)
    assert accepted.status == "anchored" and accepted.current_text is None
    assert accepted.quote == CONTAINERS.replace("2,000", "2,500")
    assert store.reanchor(lib).unchanged == 1


def test_deleted_passage_is_orphaned_and_kept(store: BookmarkStore, lib: Library):
    gdc = by_outlet(lib, "GDC")
    bookmark = add_quote(store, gdc, EMBASSIES, note="keep me")
    rewrite(gdc, lib, lambda text: "" if EMBASSIES in text else text)
    report = store.reanchor(lib)
    after = store.get(bookmark.id)
    assert report.orphaned == [bookmark.id]
    assert after.status == "orphaned" and after.quote == EMBASSIES and after.note == "keep me"
    assert store.reanchor(lib).orphaned == []  # not reported twice


def test_unchanged_files_are_checked_by_stat_alone(store: BookmarkStore, lib: Library, monkeypatch):
    gdc = by_outlet(lib, "GDC")
    add_quote(store, gdc, EMBASSIES)
    store.reanchor(lib)

    def no_loading(*args, **kwargs):
        raise AssertionError("an unchanged file was parsed again")

    monkeypatch.setattr(Library, "load", no_loading)
    assert store.reanchor(lib).unchanged == 1


def test_renamed_file_is_followed_by_content(store: BookmarkStore, lib: Library):
    gdc = by_outlet(lib, "GDC")
    bookmark = add_quote(store, gdc, EMBASSIES)
    old = lib.path_of(gdc.id)
    target = lib.root / "archive" / "gdc-report.md"
    target.parent.mkdir()
    old.rename(target)
    report = store.reanchor(lib)
    after = store.get(bookmark.id)
    assert report.moved == [(bookmark.id, gdc.id, "archive/gdc-report.md")]
    assert after.article == "archive/gdc-report.md" and after.status == "anchored"
    assert store.list(article="archive/gdc-report.md") == [after]


def test_renamed_and_edited_file_is_followed(store: BookmarkStore, lib: Library):
    fw = by_outlet(lib, "Financial World")
    bookmark = add_quote(store, fw, CONTAINERS)
    rewrite(fw, lib, lambda text: text.replace("2,000 containers", "2,500 containers"))
    lib.path_of(fw.id).rename(lib.root / "fw.md")
    store.reanchor(lib)
    after = store.get(bookmark.id)
    assert after.article == "fw.md"
    assert after.status == "changed" and "2,500" in (after.current_text or "")


def test_deleted_file_orphans_its_bookmarks_until_it_returns(store: BookmarkStore, lib: Library):
    gdc = by_outlet(lib, "GDC")
    bookmark = add_quote(store, gdc, EMBASSIES)
    path = lib.path_of(gdc.id)
    saved = path.read_bytes()
    path.unlink()
    report = store.reanchor(lib)
    assert report.orphaned == [bookmark.id]
    assert store.get(bookmark.id).status == "orphaned"
    path.write_bytes(saved)
    store.reanchor(lib)
    assert store.get(bookmark.id).status == "anchored"


def test_empty_or_missing_library_changes_nothing(store: BookmarkStore, lib: Library, tmp_path):
    gdc = by_outlet(lib, "GDC")
    bookmark = add_quote(store, gdc, EMBASSIES)
    lib.root.rename(tmp_path / "unmounted")
    lib.root.mkdir()
    report = store.reanchor(lib)
    assert report.problems and store.get(bookmark.id).status == "anchored"
    lib.root.rmdir()
    report = store.reanchor(lib)
    assert report.problems and store.get(bookmark.id).status == "anchored"


# -- two stores, crashes, damaged and newer files ---------------------------------------------


def test_two_connections_see_each_others_changes(store: BookmarkStore, lib: Library):
    gdc = by_outlet(lib, "GDC")
    other = BookmarkStore(store.path, library=store.library)
    mine = add_quote(store, gdc, EMBASSIES)
    assert other.get(mine.id).quote == EMBASSIES
    other.update(mine.id, note="from the app")
    assert store.get(mine.id).note == "from the app"
    other.delete(mine.id)
    assert store.list() == []
    other.close()


def test_damaged_store_is_moved_aside_with_a_message(tmp_path: Path):
    path = tmp_path / "bookmarks.sqlite"
    path.write_bytes(b"this is not a database at all, it is a text file" * 100)
    store = BookmarkStore(path)
    assert store.notice and "moved aside" in store.notice
    aside = list(tmp_path.glob("bookmarks.sqlite.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not a database")
    assert store.list() == []
    store.close()


def test_store_from_a_newer_brief_is_refused_and_untouched(tmp_path: Path):
    path = tmp_path / "bookmarks.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE future (x)")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA user_version = 99")
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"newer Brief \(schema version 99"):
        BookmarkStore(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.damaged-*"))


def test_foreign_sqlite_file_is_refused(tmp_path: Path):
    path = tmp_path / "bookmarks.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE photos (x)")
    with pytest.raises(StoreError, match="not a Brief bookmarks store"):
        BookmarkStore(path)


def test_older_store_is_migrated_keeping_its_bookmarks(tmp_path: Path, lib: Library):
    path = tmp_path / "bookmarks.sqlite"
    with BookmarkStore(path) as old:
        add_quote(old, by_outlet(lib, "GDC"), EMBASSIES, note="v1 note")

    def add_colour(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE bookmarks ADD COLUMN colour TEXT")

    future = max(MIGRATIONS) + 1
    with BookmarkStore(path, migrations={**MIGRATIONS, future: add_colour}) as new:
        assert new.schema_version == future
        assert [b.note for b in new.list()] == ["v1 note"]
    # The old Brief now refuses the migrated store instead of damaging it.
    with pytest.raises(StoreError, match="newer Brief"):
        BookmarkStore(path)


def test_a_failed_write_changes_nothing_and_says_why(store: BookmarkStore, lib: Library):
    gdc = by_outlet(lib, "GDC")
    bookmark = add_quote(store, gdc, EMBASSIES, note="before")
    with sqlite3.connect(store.path) as conn:  # a broken trigger stands in for a full disk
        conn.execute(
            "CREATE TRIGGER fail BEFORE UPDATE ON bookmarks "
            "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    with pytest.raises(StoreError, match=r"could not save .* disk full; nothing was changed"):
        store.update(bookmark.id, note="after", tags=["new"])
    assert store.get(bookmark.id).note == "before" and store.get(bookmark.id).tags == ()
    with sqlite3.connect(store.path) as conn:
        conn.execute("DROP TRIGGER fail")
    assert store.update(bookmark.id, note="after").note == "after"

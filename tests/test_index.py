"""The index on disk: sync (add, edit, delete), locks, corruption recovery, bad files."""

from __future__ import annotations

import os
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from index import locations
from index.article import render_article
from index.searchindex import LOCK_NAME, IndexLockedError
from index.workspace import Workspace


def write(root: Path, rel: str, title: str, outlet: str, *paragraphs: str, **meta: object) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    blocks = [("text", p) for p in paragraphs]
    path.write_text(render_article({"title": title, "outlet": outlet, **meta}, blocks), "utf-8")
    return path


def bump_mtime(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


@pytest.fixture
def ws(library: Path) -> Workspace:
    workspace = Workspace.open(library, finder="builtin")
    workspace.sync()
    yield workspace
    workspace.close()


def ids(results) -> set[str]:
    return {hit.id for hit in results.hits}


def test_sync_indexes_every_bundled_article(ws: Workspace) -> None:
    summaries = ws.articles()
    assert {s.outlet for s in summaries} == {
        "The Irish News",
        "The Hill",
        "ICARO Media Group",
        "GDC",
        "Financial World",
    }
    assert all(s.title for s in summaries)
    assert ws.search("artillery").total >= 4


def test_second_sync_reindexes_nothing(ws: Workspace) -> None:
    report = ws.sync()
    assert not report.changed
    assert report.unchanged == 5


def test_touched_but_identical_file_is_not_reindexed(ws: Workspace, library: Path) -> None:
    bump_mtime(next(library.rglob("*.md")))
    report = ws.sync()
    assert not report.changed
    assert report.unchanged == 5


def test_add_edit_delete_are_reflected_in_search(ws: Workspace, library: Path) -> None:
    path = write(library, "extra/zebra.md", "Zebra crossing", "Local Paper", "A zebra escaped.")
    report = ws.sync()
    assert report.added == ["extra/zebra.md"]
    assert ids(ws.search("zebra")) == {"extra/zebra.md"}

    write(library, "extra/zebra.md", "Giraffe sighting", "Local Paper", "A giraffe escaped.")
    bump_mtime(path)
    report = ws.sync()
    assert report.updated == ["extra/zebra.md"]
    assert ws.search("zebra").total == 0
    assert ids(ws.search("giraffe")) == {"extra/zebra.md"}
    assert any(s.title == "Giraffe sighting" for s in ws.articles())

    path.unlink()
    report = ws.sync()
    assert report.removed == ["extra/zebra.md"]
    assert ws.search("giraffe").total == 0
    assert len(ws.articles()) == 5


def test_edit_updates_spelling_vocabulary(ws: Workspace, library: Path) -> None:
    path = write(library, "x/a.md", "Aardvark", "Local Paper", "Quokkas everywhere.")
    ws.sync()
    assert "quokkas" in ws.vocabulary()
    path.unlink()
    ws.sync()
    assert "quokkas" not in ws.vocabulary()


def test_search_from_another_thread_sees_new_articles(ws: Workspace, library: Path) -> None:
    found: list[int] = []

    def worker() -> None:
        found.append(ws.search("artillery").total)
        write(library, "x/b.md", "Wombat news", "Local Paper", "A wombat appeared.")
        ws.sync()
        found.append(ws.search("wombat").total)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert found[0] >= 4
    assert found[1] == 1
    assert ws.search("wombat").total == 1  # the main thread's searcher is refreshed too


def test_leftover_lock_file_is_normal_and_kept(library: Path) -> None:
    folder = locations.index_dir(library)
    folder.mkdir(parents=True)
    (folder / LOCK_NAME).write_text("")
    with Workspace.open(library, finder="builtin") as ws:
        report = ws.sync()
        assert len(report.added) == 5
    assert (folder / LOCK_NAME).exists()


def test_lock_held_by_another_writer_gives_clear_error_and_readers_work(
    ws: Workspace, library: Path
) -> None:
    from whoosh.util.filelock import FcntlLock

    other = FcntlLock(str(locations.index_dir(library) / LOCK_NAME))
    assert other.acquire()
    try:
        write(library, "x/c.md", "Okapi", "Local Paper", "An okapi.")
        began = time.monotonic()
        with pytest.raises(IndexLockedError, match="another Brief is updating the index"):
            ws.sync(lock_timeout=0.5)
        assert time.monotonic() - began >= 0.5
        assert ws.search("artillery").total >= 4
    finally:
        other.release()
    assert ws.sync().added == ["x/c.md"]


def test_writer_waits_for_a_lock_released_in_time(ws: Workspace, library: Path) -> None:
    from whoosh.util.filelock import FcntlLock

    other = FcntlLock(str(locations.index_dir(library) / LOCK_NAME))
    assert other.acquire()
    threading.Timer(0.5, other.release).start()
    write(library, "x/d.md", "Tapir", "Local Paper", "A tapir.")
    assert ws.sync(lock_timeout=10).added == ["x/d.md"]


def _segment_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.suffix in (".trm", ".pst", ".seg", ".col")]


@pytest.mark.parametrize("damage", ["garble-segments", "empty-toc", "garble-toc"])
def test_corrupt_index_is_rebuilt_with_a_message(library: Path, damage: str) -> None:
    with Workspace.open(library, finder="builtin") as ws:
        ws.sync()
    folder = locations.index_dir(library)
    if damage == "garble-segments":
        targets = _segment_files(folder)
        assert targets
        for path in targets:
            path.write_bytes(b"\x00garbage" * 7)
    else:
        (toc,) = folder.glob("_MAIN_*.toc")
        toc.write_bytes(b"" if damage == "empty-toc" else b"\x80\x04not a pickle")
    with Workspace.open(library, finder="builtin") as ws:
        assert any("rebuilding" in m for m in ws.messages)
        report = ws.sync()
        assert report.rebuilt
        assert len(report.added) == 5
        assert ws.search("artillery").total >= 4


def test_schema_version_change_rebuilds(library: Path) -> None:
    with Workspace.open(library, finder="builtin") as ws:
        ws.sync()
        ws.catalog.set_meta("schema_version", "0")
    with Workspace.open(library, finder="builtin") as ws:
        assert any("another version of Brief" in m for m in ws.messages)
        assert len(ws.sync().added) == 5


def test_rebuild_reindexes_everything(ws: Workspace) -> None:
    report = ws.sync(rebuild=True)
    assert report.rebuilt and len(report.added) == 5
    assert ws.search("artillery").total >= 4


def test_bad_files_are_reported_and_the_rest_indexed(library: Path) -> None:
    (library / "empty.md").write_text("")
    (library / "binary.md").write_bytes(b"\x00\x01\x02" * 100)
    (library / "bad.md").write_text("---\ntitle: [unclosed\noutlet: X\n---\n\nBody.\n")
    (library / "latin1.md").write_bytes(
        "---\ntitle: Café\noutlet: Le Monde\n---\n\nUn café à Paris.\n".encode("cp1252")
    )
    with Workspace.open(library, finder="builtin") as ws:
        report = ws.sync()
        by_path = {p.path: p for p in report.problems}
        assert by_path["empty.md"].skipped and "empty" in by_path["empty.md"].message
        assert by_path["binary.md"].skipped and "binary" in by_path["binary.md"].message
        assert by_path["bad.md"].skipped and by_path["bad.md"].line is not None
        assert not by_path["latin1.md"].skipped and "UTF-8" in by_path["latin1.md"].message
        assert len(ws.articles()) == 6
        assert ids(ws.search("cafe")) == {"latin1.md"}


def test_a_file_that_turns_bad_leaves_the_index(ws: Workspace, library: Path) -> None:
    path = write(library, "x/e.md", "Ibex", "Local Paper", "An ibex.")
    ws.sync()
    path.write_text("---\ntitle: [broken\n---\n")
    bump_mtime(path)
    report = ws.sync()
    assert "x/e.md" in report.removed
    assert ws.search("ibex").total == 0


def test_articles_summaries_and_dates(ws: Workspace, library: Path) -> None:
    write(
        library,
        "x/f.md",
        "Dated",
        "Local Paper",
        "Text.",
        published="2024-01-05T10:30",
        author="A. Writer",
        url="https://example.org/f",
        story="my-story",
    )
    ws.sync()
    summary = next(s for s in ws.articles() if s.id == "x/f.md")
    assert summary.published == datetime(2024, 1, 5, 10, 30)
    assert summary.to_json() == {
        "id": "x/f.md",
        "title": "Dated",
        "outlet": "Local Paper",
        "published": "2024-01-05T10:30",
        "author": "A. Writer",
        "url": "https://example.org/f",
        "story": "my-story",
    }
    assert ws.articles()[0].id == "x/f.md"  # newest first


def test_mentions_are_stored_and_entity_field_searchable(ws: Workspace) -> None:
    irish = next(s for s in ws.articles() if s.outlet == "The Irish News")
    mentions = ws.mentions(irish.id)
    assert any(m.entity == "Kim Jong Un" for m in mentions)
    body = ws.article(irish.id).body
    assert all(body[m.start : m.end] == m.text for m in mentions)
    hits = ws.search('entity:"kim jong un"')
    assert irish.id in ids(hits)
    assert ws.search("artillery", entities=["Kim Jong Un"]).total >= 1
    assert "Kim Jong Un" in ws.search("artillery").facets["entity"]


def test_expected_whoosh_fork_is_installed() -> None:
    from index.searchindex import whoosh_distribution_warning

    assert whoosh_distribution_warning() is None


def test_wrong_whoosh_fork_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    from index import searchindex

    def fake_version(name: str) -> str:
        if name == "Whoosh":
            return "2.7.4"
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(searchindex.metadata, "version", fake_version)
    warning = searchindex.whoosh_distribution_warning()
    assert warning is not None
    assert "Whoosh 2.7.4" in warning and "whoosh-reloaded==2.7.5" in warning


def test_search_does_not_wait_for_a_sync_in_another_thread(ws: Workspace, library: Path) -> None:
    ws.search("artillery")  # this thread's searcher is open
    started = threading.Event()
    release = threading.Event()

    def slow_progress(progress: object) -> None:
        started.set()
        release.wait(10)

    write(library, "x/g.md", "Gnu", "Local Paper", "A gnu.")
    thread = threading.Thread(target=lambda: ws.sync(slow_progress))
    thread.start()
    try:
        assert started.wait(10)
        assert ws.search("artillery").total >= 4  # answered while the sync is paused
    finally:
        release.set()
        thread.join()
    assert ws.search("gnu").total == 1

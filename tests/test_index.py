"""The index on disk: sync (add, edit, delete), locks, corruption recovery, bad files."""

from __future__ import annotations

import os
import shutil
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# -- indexing speed paths: same results as the plain ones ---------------------------------


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
@settings(max_examples=200, deadline=None)
def test_fast_text_postings_are_whooshs_own(text: str) -> None:
    from whoosh.fields import TEXT

    from index.searchindex import build_schema

    schema = build_schema()
    for name in ("body", "title", "outlet", "author"):
        field = schema[name]
        assert sorted(field.index(text)) == sorted(TEXT.index(field, text))


def test_length_table_gives_the_segment_lengths(library: Path) -> None:
    from whoosh.codec.whoosh3 import W3PerDocReader

    from index.searchindex import _LengthTable

    with Workspace.open(library, finder="builtin", workers=0) as ws:
        ws.sync()
        (segment,) = ws.index._segments()
        reader = W3PerDocReader(ws.index.storage, segment)
        table = _LengthTable(W3PerDocReader(ws.index.storage, segment))
        for docnum in range(segment.doc_count_all()):
            for name in ("body", "title", "outlet", "entity", "author"):
                assert table.doc_field_length(docnum, name) == reader.doc_field_length(docnum, name)
        assert table.doc_count_all() == reader.doc_count_all()


class CrashingTagger:
    """The built-in tagger, except on articles whose title contains CRASH."""

    def __init__(self) -> None:
        from index.entities import EntityTagger

        self._inner = EntityTagger(None, "builtin")

    @property
    def fingerprint(self) -> str:
        return self._inner.fingerprint

    def tag(self, article):  # type: ignore[no-untyped-def]
        if "CRASH" in article.title:
            raise RuntimeError("tagger fell over")
        return self._inner.tag(article)


def _generated(library: Path, count: int = 40) -> None:
    from benchmarks.generate import generate

    generate(count, library / "generated")


def _snapshot(ws: Workspace) -> dict[str, object]:
    """What a user sees of an index: rows, mentions, searches, facets, stories, words."""
    queries = ["artillery", "north korea", '"ballistic missiles"', "minist*", "russia OR ukraine"]
    searches = {}
    for query in queries:
        results = ws.search(query, limit=None)
        searches[query] = (
            results.total,
            sorted((hit.id, round(hit.score, 6)) for hit in results.hits),
            results.facets,
        )
    return {
        "rows": ws.catalog.rows(),
        "mentions": {s.id: ws.mentions(s.id) for s in ws.articles()},
        "entities": ws.entities(),
        "searches": searches,
        "entity search": ids(ws.search('entity:"north korea"', limit=None)),
        "stories": sorted(sorted(m.id for m in s.articles) for s in ws.stories()),
        "words": ws.vocabulary(),
    }


def test_worker_processes_build_the_same_index_as_one_process(
    library: Path, tmp_path: Path
) -> None:
    _generated(library)
    other = tmp_path / "copy"
    shutil.copytree(library, other)
    with Workspace.open(library, finder="builtin", workers=0) as serial:
        report = serial.sync()
        expected = _snapshot(serial)
    with Workspace.open(other, finder="builtin", workers=2) as parallel:
        parallel_report = parallel.sync()
        assert len(parallel.index._segments()) == 2  # one per worker
        got = _snapshot(parallel)
    assert parallel_report.added == report.added
    assert len(report.added) == 45
    for key in expected:
        if key == "rows":
            assert {k: (r.summary, r.hash, r.entities) for k, r in got[key].items()} == {
                k: (r.summary, r.hash, r.entities) for k, r in expected[key].items()
            }
        else:
            assert got[key] == expected[key], key
    assert expected["mentions"] and expected["searches"]["artillery"][0] >= 4


def test_later_syncs_of_a_parallel_build_edit_and_delete(library: Path) -> None:
    _generated(library)
    with Workspace.open(library, finder="builtin", workers=2) as ws:
        ws.sync()
        path = write(library, "x/zebra.md", "Zebra crossing", "Local Paper", "A zebra escaped.")
        assert ws.sync().added == ["x/zebra.md"]
        victim = next(p for p in sorted((library / "generated").rglob("*.md")))
        victim_id = victim.relative_to(library).as_posix()
        assert ws.mentions(victim_id)
        victim.unlink()
        write(library, "x/zebra.md", "Giraffe sighting", "Local Paper", "A giraffe escaped.")
        bump_mtime(path)
        report = ws.sync(rebuild=False)
        assert report.removed == [victim_id] and report.updated == ["x/zebra.md"]
        assert ws.search("zebra").total == 0 and ids(ws.search("giraffe")) == {"x/zebra.md"}
        assert ws.mentions(victim_id) == []
        assert len(ws.articles()) == 45


def test_a_tagger_crash_in_a_worker_is_a_problem_not_a_lost_build(tmp_path: Path) -> None:
    import functools

    from index.indexing_pool import IndexingPool
    from index.indexjob import FileJob
    from index.searchindex import commit_segments, create_index, index_writer

    library = tmp_path / "lib"
    _generated(library, 30)
    write(library, "bad.md", "CRASH here", "Local Paper", "Kim Jong Un visited Moscow.")
    jobs = [
        FileJob(p.relative_to(library).as_posix(), str(p), 0, 0, None)
        for p in sorted(library.rglob("*.md"))
    ]
    folder = tmp_path / "index"
    ix = create_index(folder)
    tagger = CrashingTagger()
    with (
        index_writer(ix) as writer,
        IndexingPool(
            folder, functools.partial(CrashingTagger), tagger.fingerprint, workers=2
        ) as pool,
    ):
        results = {r.id: r for r in pool.run(jobs)}
        commit_segments(writer, pool.segments)
    assert len(results) == 31
    bad = results["bad.md"]
    assert bad.status == "indexed" and bad.mentions == []
    assert [p.message for p in bad.problems] == [
        "entity tagging failed: RuntimeError: tagger fell over"
    ]
    assert all(r.mentions for i, r in results.items() if i != "bad.md")
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 31


def test_a_worker_that_dies_is_reported(tmp_path: Path) -> None:
    import functools

    from index.indexing_pool import IndexingPool, PoolError
    from index.indexjob import FileJob
    from index.searchindex import create_index

    library = tmp_path / "lib"
    _generated(library, 10)
    jobs = [
        FileJob(p.relative_to(library).as_posix(), str(p), 0, 0, None)
        for p in sorted(library.rglob("*.md"))
    ]
    folder = tmp_path / "index"
    create_index(folder)
    with (
        pytest.raises(PoolError, match="stopped unexpectedly"),
        IndexingPool(folder, functools.partial(DyingTagger), "dies", workers=2) as pool,
    ):
        list(pool.run(jobs))


class DyingTagger:
    """A tagger whose process dies the moment it is asked to tag."""

    fingerprint = "dies"

    def tag(self, article):  # type: ignore[no-untyped-def]
        os._exit(3)


def test_failing_workers_fall_back_to_indexing_in_this_process(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index import workspace as workspace_module
    from index.indexing_pool import PoolError

    class BrokenPool:
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def __enter__(self) -> BrokenPool:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def run(self, jobs: list[object]):  # type: ignore[no-untyped-def]
            yield from ()
            raise PoolError("an indexing worker stopped unexpectedly (exit code -9)")

    monkeypatch.setattr(workspace_module, "IndexingPool", BrokenPool)
    with Workspace.open(library, finder="builtin", workers=2) as ws:
        report = ws.sync()
        assert any("indexing in this process instead" in m for m in report.messages)
        assert len(report.added) == 5 and report.unchanged == 0
        assert ws.search("artillery").total >= 4
        assert len(ws.stories()) == 1


def test_an_interrupted_parallel_build_leaves_a_usable_index(library: Path) -> None:
    with Workspace.open(library, finder="builtin", workers=0) as ws:
        ws.sync()
        before = ws.entities()
        bundled = {s.id for s in ws.articles()}
    _generated(library)

    def interrupt(step: object) -> None:
        if getattr(step, "phase", "") == "index" and getattr(step, "done", 0) == 20:
            raise KeyboardInterrupt

    with Workspace.open(library, finder="builtin", workers=2) as ws:
        with pytest.raises(KeyboardInterrupt):
            ws.sync(interrupt)
        assert len(ws.articles()) == 5
        assert ws.search("artillery").total >= 4
        assert ids(ws.search("ministry OR officials", limit=None)) <= bundled
    for path in (library / "generated").rglob("*.md"):
        path.unlink()  # gone before the next sync: their stored mentions must go too
    with Workspace.open(library, finder="builtin", workers=2) as ws:
        report = ws.sync()
        assert not report.changed
        assert ws.entities() == before
        assert len(ws.articles()) == 5


def test_a_workers_segment_is_written_as_whoosh_writes_it(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker's postings writer fills Whoosh's block writer directly (its private
    fields): with every block compressed, as Whoosh does, the segment files must be byte
    for byte those of Whoosh's own pool, or a Whoosh upgrade has moved those internals."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.writing import PostingPool

    from index import searchindex
    from index.indexjob import FileJob, prepare_file
    from index.library import Library

    class NoTags:
        fingerprint = "none"

        def tag(self, article: object) -> list[object]:
            return []

    documents = []
    for entry in Library(library).entries():
        stat = os.stat(entry.path)
        job = FileJob(entry.id, str(entry.path), stat.st_mtime_ns, stat.st_size, None)
        documents.append(prepare_file(job, NoTags(), retag=False)[1])  # type: ignore[arg-type]
    monkeypatch.setattr(searchindex, "SMALL_BLOCK", 1)

    def segment_files(own_pool: bool) -> dict[str, bytes]:
        folder = tmp_path / ("own" if own_pool else "whoosh")
        folder.mkdir()
        storage = FileStorage(str(folder))
        storage.create_index(searchindex.build_schema(), indexname=searchindex.INDEX_NAME)
        writer = searchindex.segment_writer(folder)
        if not own_pool:
            writer.pool = PostingPool(writer._tempstorage, writer.newsegment, limitmb=64)
        for document in documents:
            writer.add_document(**document)
        segment = searchindex.finish_segment(writer)
        assert segment is not None
        return {
            path.name.replace(segment.segid, "SEGMENT"): path.read_bytes()
            for path in folder.iterdir()
            if segment.segid in path.name
        }

    own, whoosh = segment_files(own_pool=True), segment_files(own_pool=False)
    assert own.keys() == whoosh.keys() and any(name.endswith(".pst") for name in own)
    assert own == whoosh

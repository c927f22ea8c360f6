"""Two processes on one store, and a process killed while it writes."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from index.bookmarks import BookmarkStore
from index.library import Library

REPO = Path(__file__).resolve().parent.parent

# Bookmarks word number i of the library (thousands), with note and tag saying i.
WRITER = """
import re, sys
from pathlib import Path
from index.bookmarks import BookmarkStore
from index.library import Library

store_path, library_root, first, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
articles, _ = Library(Path(library_root)).load_all()
words = [(a, w) for a in articles for w in re.finditer(r"\\w+", a.body)]
store = BookmarkStore(Path(store_path), library=library_root)
for i in range(first, min(first + count, len(words))):
    article, word = words[i]
    bookmark = store.add(
        article, word.start(), word.end(), note=f"note {i} " + "x" * 4000, tags=[f"t{i}"]
    )
    print(bookmark.id, flush=True)
"""


def writer(store: Path, library: Path, first: int, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store), str(library), str(first), str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def test_two_processes_write_at_once_and_see_each_other(tmp_path: Path, library: Path):
    store_path = tmp_path / "bookmarks.sqlite"
    BookmarkStore(store_path).close()
    first = writer(store_path, library, 0, 40)
    second = writer(store_path, library, 300, 40)
    out_a, err_a = first.communicate(timeout=120)
    out_b, err_b = second.communicate(timeout=120)
    assert first.returncode == 0, err_a
    assert second.returncode == 0, err_b
    ids = [int(x) for x in (out_a + out_b).split()]
    assert len(ids) == 80 and len(set(ids)) == 80
    with BookmarkStore(store_path) as store:
        bookmarks = store.list()
        assert sorted(b.id for b in bookmarks) == sorted(ids)
        numbers = sorted(int(b.tags[0][1:]) for b in bookmarks)
        assert numbers == [*range(40), *range(300, 340)]


def test_process_killed_mid_write_loses_nothing_committed(tmp_path: Path, library: Path):
    store_path = tmp_path / "bookmarks.sqlite"
    BookmarkStore(store_path).close()
    proc = writer(store_path, library, 0, 100_000)  # more than it can write before the kill
    assert proc.stdout is not None
    committed: list[int] = []
    for line in proc.stdout:
        committed.append(int(line))
        if len(committed) >= 60:
            break
    proc.send_signal(signal.SIGKILL)
    rest, _ = proc.communicate(timeout=30)
    committed += [int(x) for x in rest.split()]
    assert proc.returncode == -signal.SIGKILL

    with sqlite3.connect(store_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with BookmarkStore(store_path) as store:
        assert store.notice is None
        present = {b.id for b in store.list()}
        assert set(committed) <= present
        # Nothing half-written: every bookmark has its whole note and its tag.
        for bookmark in store.list():
            number = bookmark.tags[0][1:]
            assert bookmark.note == f"note {number} " + "x" * 4000
        # And the store still takes writes (two words: never one of the writer's passages).
        article = Library(library).load(next(Library(library).entries()).id)
        assert store.add(article, 0, 11).id > max(committed)


def test_two_processes_migrate_an_old_store_at_once_keeping_everything(
    tmp_path: Path, library: Path
):
    """Two Brief processes (two libraries) opening a schema-2 store together: it is migrated
    once, each writes to its own library, and no old bookmark is lost or duplicated."""
    store_path = tmp_path / "bookmarks.sqlite"
    shutil.copy(Path(__file__).parent / "golden" / "bookmarks-store-v2.sqlite", store_path)
    second = tmp_path / "second"
    shutil.copytree(library, second)
    first_writer = writer(store_path, library, 1000, 20)
    second_writer = writer(store_path, second, 2000, 20)
    out_a, err_a = first_writer.communicate(timeout=120)
    out_b, err_b = second_writer.communicate(timeout=120)
    assert first_writer.returncode == 0, err_a
    assert second_writer.returncode == 0, err_b
    with BookmarkStore(store_path) as store:
        everything = store.list()
        assert len(everything) == 6 + 40
        assert {b.id for b in everything} >= {1, 2, 3, 4, 5, 6}
        old = [b for b in everything if b.id <= 6]
        # Whichever library opened first took the five old bookmarks, all of them.
        assert len({b.library for b in old if b.id <= 5}) == 1
    for root, out in ((library, out_a), (second, out_b)):
        with BookmarkStore(store_path, library=root) as mine:
            written = {int(x) for x in out.split()}
            assert written <= {b.id for b in mine.list()}

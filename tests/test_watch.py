"""Noticing a library folder change: files added, changed and removed between checks, a
file still being written left for a later check, and nothing lost when a sync fails."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from index.watch import LibraryChanges, LibraryWatch, scan_stamps
from index.workspace import scan_library

ARTICLE = "---\ntitle: {title}\noutlet: Test Wire\n---\n\n{body}\n"


def write(path: Path, title: str, body: str = "Some text.", *, age: float = 10.0) -> None:
    """Write an article whose mtime is ``age`` seconds ago (0: just written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(title=title, body=body), encoding="utf-8")
    if age:
        stamp = time.time() - age
        os.utime(path, (stamp, stamp))


def test_scan_follows_the_library_rules(library: Path) -> None:
    write(library / "sub" / "deeper" / "x.markdown", "X")
    write(library / ".hidden" / "y.md", "Y")
    write(library / ".z.md", "Z")
    (library / "notes.txt").write_text("not an article")
    stamps = scan_stamps(library)
    scanned = scan_library(library)
    assert set(stamps) == set(scanned)
    assert "sub/deeper/x.markdown" in stamps
    assert all(stamps[i] == (s.mtime_ns, s.size) for i, s in scanned.items())


def test_added_changed_and_removed_are_reported_once_accepted(library: Path) -> None:
    watch = LibraryWatch(library)
    watch.start()
    assert not watch.check()
    first = next(iter(sorted(scan_stamps(library))))
    write(library / "new.md", "New")
    write(library / first, "Edited", "Quite different text now.")
    second = sorted(scan_stamps(library))[-1]
    (library / second).unlink()
    changes = watch.check()
    assert changes.added == ("new.md",)
    assert changes.changed == (first,)
    assert changes.removed == (second,)
    assert changes.describe() == "1 new article, 1 updated, 1 removed"
    # not accepted (say the sync failed): the next check reports the same again
    assert watch.check() == changes
    watch.accept(changes)
    assert not watch.check()


def test_a_file_being_written_waits_until_it_settles(library: Path) -> None:
    now = [time.time()]
    watch = LibraryWatch(library, settle=1.0, clock=lambda: now[0])
    watch.start()
    path = library / "half.md"
    path.write_text("---\ntitle: Half", encoding="utf-8")  # written this instant
    changes = watch.check()
    assert not changes and changes.waiting == ("half.md",)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\noutlet: Test Wire\n---\n\nThe rest of it.\n")
    future = now[0] + 3600  # a clock-skewed file server
    os.utime(path, (future, future))
    changes = watch.check()
    assert not changes and changes.waiting == ("half.md",)
    now[0] += 0.5
    changes = watch.check()
    assert not changes and changes.waiting == ("half.md",)
    # the same stamp for the settle time by this clock: settled, whatever its mtime
    now[0] += 0.6
    changes = watch.check()
    assert changes.added == ("half.md",) and not changes.waiting
    watch.accept(changes)
    # or an mtime old enough
    now[0] = time.time()
    write(library / "other.md", "Other", age=0)
    assert watch.check().waiting == ("other.md",)
    now[0] += 5
    assert watch.check().added == ("other.md",)


def test_a_missing_folder_is_not_an_emptied_library(library: Path, tmp_path: Path) -> None:
    watch = LibraryWatch(library)
    watch.start()
    moved = tmp_path / "elsewhere"
    shutil.move(library, moved)
    assert not watch.check()
    shutil.move(moved, library)
    assert not watch.check()


def test_the_interval_grows_with_the_cost_of_a_scan(library: Path) -> None:
    watch = LibraryWatch(library, min_interval=2.0)
    watch.start()
    assert watch.interval == 2.0  # five files: the minimum
    watch.scan_seconds = 0.1  # a big or slow folder
    assert watch.interval == 5.0
    watch.scan_seconds = 10.0
    assert watch.interval == 30.0


def test_changes_between_two_index_states() -> None:
    before = {"a.md": "1", "b.md": "2", "c.md": "3"}
    after = {"a.md": "1", "b.md": "9", "d.md": "4", "e.md": "5"}
    changes = LibraryChanges.between(before, after)
    assert changes.added == ("d.md", "e.md")
    assert changes.changed == ("b.md",)
    assert changes.removed == ("c.md",)
    assert changes.describe() == "2 new articles, 1 updated, 1 removed"
    assert not LibraryChanges.between(before, dict(before))


def test_an_article_at_a_new_path_with_the_same_text_was_moved() -> None:
    before = {"a.md": "1", "b.md": "2", "twin-1.md": "7", "twin-2.md": "7"}
    after = {"archive/a.md": "1", "b.md": "2", "x.md": "7", "y.md": "7"}
    changes = LibraryChanges.between(before, after)
    assert changes.moved == {"a.md": "archive/a.md"}
    # two articles with one text left and arrived: which went where is unknown
    assert changes.removed == ("twin-1.md", "twin-2.md")
    assert changes.added == ("x.md", "y.md")
    assert changes.describe() == "2 new articles, 1 moved, 2 removed"

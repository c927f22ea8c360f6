"""The problem log: what each file's last reading found, kept between runs."""

from __future__ import annotations

from pathlib import Path

from index.library import Problem
from index.problems import ProblemLog

WARNING = Problem("latin1.md", "not valid UTF-8; decoded as Windows-1252", skipped=False)
SKIP = Problem("bad.md", "malformed front matter; skipped", 2)


def log_in(tmp_path: Path) -> ProblemLog:
    root = tmp_path / "lib"
    root.mkdir()
    for name in ("latin1.md", "bad.md"):
        (root / name).write_text("x", encoding="utf-8")
    return ProblemLog(root, tmp_path / "cache" / "problems.json")


def test_problems_of_unread_files_are_kept_and_not_new(tmp_path: Path) -> None:
    log = log_in(tmp_path)
    first = log.merge([WARNING, SKIP], ["latin1.md"])
    assert first.new == [WARNING, SKIP] and first.current == [SKIP, WARNING]
    later = log.merge([SKIP], [])  # a sync reads only the skipped file again
    assert later.current == [SKIP, WARNING] and later.new == []
    assert later.summary() == "1 file skipped, 1 file read with a warning"


def test_a_file_read_again_without_problems_loses_them(tmp_path: Path) -> None:
    log = log_in(tmp_path)
    log.merge([WARNING, SKIP], ["latin1.md"])
    update = log.merge([], ["latin1.md", "bad.md"])
    assert update.current == [] and update.summary() == ""


def test_a_deleted_file_loses_its_problems(tmp_path: Path) -> None:
    log = log_in(tmp_path)
    log.merge([WARNING, SKIP], ["latin1.md"])
    (log.library_root / "bad.md").unlink()
    assert log.merge([], []).current == [WARNING]


def test_an_unreadable_log_counts_as_empty(tmp_path: Path) -> None:
    log = log_in(tmp_path)
    log.path.parent.mkdir(parents=True)
    log.path.write_text("{not json", encoding="utf-8")
    assert log.load() == []
    assert log.merge([SKIP], []).new == [SKIP]

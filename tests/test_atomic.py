"""Files Brief writes for the user (exports, config) are replaced whole and keep sensible
permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from index.atomic import write_atomic


def test_a_new_file_gets_the_permissions_the_umask_gives(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        target = tmp_path / "briefing.md"
        write_atomic(target, "# Briefing\n")
    finally:
        os.umask(previous)
    assert target.read_text() == "# Briefing\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # colleagues can read an export


def test_replacing_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "private.md"
    target.write_text("old")
    target.chmod(0o600)
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["private.md"]  # no temp file left


def test_a_missing_folder_is_an_error_when_asked(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such folder"):
        write_atomic(tmp_path / "typo" / "brief.md", "x", make_parents=False)
    assert not (tmp_path / "typo").exists()

"""Notices about the index (made by another version, unreadable, rebuilt) are printed once
by every command that brings the index in step, never twice and never swallowed. The CLI
runs in a subprocess, as a user runs it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from index import locations
from tests.test_cli_library import brief

OTHER_VERSION = "the index was made by another version of Brief"


def pretend_an_older_brief_made_the_index(library: Path) -> None:
    with sqlite3.connect(locations.index_dir(library) / "catalog.sqlite") as db:
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")


@pytest.mark.parametrize(
    "command",
    [
        ("list",),
        ("search", "shells"),
        ("search", "shells", "--json"),
        ("entities",),
        ("entities", "--json"),
        ("stories",),
    ],
    ids=" ".join,
)
def test_the_index_of_another_version_is_announced_once(
    library: Path, command: tuple[str, ...]
) -> None:
    assert brief(library, "index").returncode == 0
    pretend_an_older_brief_made_the_index(library)
    result = brief(library, *command)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(OTHER_VERSION) == 1, result.stderr
    assert OTHER_VERSION not in result.stdout
    if "--json" in command:
        json.loads(result.stdout)
    again = brief(library, *command)
    assert OTHER_VERSION not in again.stderr  # rebuilt: nothing more to say


def test_an_unreadable_index_is_announced_once(library: Path) -> None:
    assert brief(library, "index").returncode == 0
    for toc in locations.index_dir(library).glob("_MAIN_*.toc"):
        toc.write_bytes(b"broken")
    result = brief(library, "list")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("could not be read") == 1, result.stderr
    assert "5 article(s)" in result.stdout

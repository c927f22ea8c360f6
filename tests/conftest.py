"""Shared fixtures: every test runs with its own config, data and cache folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = Path(__file__).resolve().parent / "seeds"
"""The five raw saves the bundled library was imported from (copied from shared/seeds)."""
BUNDLED = REPO / "articles"


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point platformdirs (via XDG_*) at a fresh folder so no test touches the user's files."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        (home / sub).mkdir()
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.delenv("BRIEF_LIBRARY", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return home


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A temporary copy of the bundled library, free to edit."""
    target = tmp_path / "library"
    shutil.copytree(BUNDLED, target)
    return target

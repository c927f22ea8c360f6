"""The listing the app draws before its search index opens: the same articles and stories
as the workspace lists, read with SQLite alone (no Whoosh, NumPy or article parser)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from index.listing import read_listing
from index.locations import index_dir
from index.workspace import Workspace
from tui.presenting import story_groups

REPO = Path(__file__).resolve().parent.parent


def synced(library: Path) -> Workspace:
    workspace = Workspace.open(library)
    workspace.sync()
    return workspace


def outline(stories: list) -> list[tuple[str, str, list[str]]]:
    return [(s.id, s.title, [m.id for m in s.articles]) for s in stories]


def test_no_index_lists_nothing_and_creates_nothing(library: Path) -> None:
    folder = index_dir(library)
    listing = read_listing(folder)
    assert listing.articles == [] and listing.stories == []
    assert not (folder / "catalog.sqlite").exists()


def test_lists_what_the_workspace_lists(library: Path) -> None:
    with synced(library) as workspace:
        listing = read_listing(index_dir(library))
        assert listing.articles == workspace.articles()
        assert len(listing.articles) == 5
        assert outline(listing.stories) == outline(workspace.stories())
        assert len(listing.stories) == 1  # the bundled reports are one story
        # the list groups them the same whichever of the two it is given
        ours = story_groups(listing.stories, listing.articles)
        theirs = story_groups(workspace.stories(), workspace.articles())
        assert [(g.key, g.title, [a.id for a in g.articles]) for g in ours] == [
            (g.key, g.title, [a.id for a in g.articles]) for g in theirs
        ]


def test_follows_a_sync_that_adds_a_story(library: Path) -> None:
    (library / "zz-other.md").write_text(
        "---\ntitle: Ferry timetable changes for the winter\noutlet: Harbour Gazette\n"
        "published: 2024-02-03\nstory: winter-ferries\n---\n\n"
        "The ferry company publishes its winter timetable with fewer crossings.\n",
        encoding="utf-8",
    )
    with synced(library) as workspace:
        listing = read_listing(index_dir(library))
        assert [a.id for a in listing.articles] == [a.id for a in workspace.articles()]
        assert listing.articles[0].outlet == "Harbour Gazette"  # newest first
        assert outline(listing.stories) == outline(workspace.stories())
        assert len(listing.stories) == 2


def test_a_story_store_not_built_yet_lists_articles_without_stories(library: Path) -> None:
    with synced(library):
        pass
    (index_dir(library) / "stories.sqlite").unlink()
    listing = read_listing(index_dir(library))
    assert len(listing.articles) == 5
    assert listing.stories == []


def test_importing_it_loads_no_search_engine_nor_parser() -> None:
    code = (
        "import json, sys; import index.listing;"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert not loaded & {"whoosh", "numpy", "markdown_it", "yaml", "spacy", "rapidfuzz"}
    assert "index" in loaded

"""Stories are kept with the index: every sync regroups what changed, for CLI and app alike."""

from __future__ import annotations

from pathlib import Path

from index.article import render_article
from index.workspace import Workspace

UNRELATED = [
    (
        "text",
        "A magnitude 6.1 earthquake struck off the coast of Chile on Tuesday, the national "
        "seismological centre said, shaking buildings in Valparaiso and Santiago.",
    ),
    ("text", "There were no immediate reports of casualties or tsunami warnings in the region."),
]


def test_sync_groups_the_bundled_reports_and_follows_changes(library: Path) -> None:
    with Workspace.open(library, finder="builtin") as workspace:
        report = workspace.sync()
        assert len(report.added) == 5
        stories = workspace.stories()
        assert len(stories) == 1
        assert {m.outlet for m in stories[0].articles} == {
            "The Irish News",
            "The Hill",
            "ICARO Media Group",
            "GDC",
            "Financial World",
        }
        some_id = stories[0].articles[0].id
        assert workspace.story_of(some_id) == stories[0]
        assert workspace.story(stories[0].id[:6]) == stories[0]

        quake = library / "wire" / "chile-quake.md"
        quake.parent.mkdir()
        quake.write_text(
            render_article(
                {"title": "Quake shakes Chile", "outlet": "Wire", "published": "2023-11-02"},
                UNRELATED,
            )
        )
        workspace.sync()
        assert len(workspace.stories()) == 2
        assert len(workspace.story_of("wire/chile-quake.md").articles) == 1

        quake.unlink()
        workspace.sync()
        assert workspace.story_of("wire/chile-quake.md") is None
        assert len(workspace.stories()) == 1


def test_a_lost_story_store_is_regrouped_from_the_library(library: Path) -> None:
    with Workspace.open(library, finder="builtin") as workspace:
        workspace.sync()
        (workspace.index_folder / "stories.sqlite").unlink()
        report = workspace.sync()
        assert not report.changed
        assert [len(s.articles) for s in workspace.stories()] == [5]

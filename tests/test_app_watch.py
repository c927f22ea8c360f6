"""The app notices the library changing while it is open: a new file (saved by hand or by
`brief add` in another terminal) is listed and found, an edited article being read shows
its new text with the cursor kept on its passage, a deleted one says so, and a broken or
half-written file becomes a problem entry, never a crash."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from app_pilot import article_id_of, ready, settle, type_query
from textual.pilot import Pilot

from tui.app import IDLE_PAUSE, BriefApp
from tui.widgets.reader import Reader
from tui.widgets.results import ResultsList

NEW_ARTICLE = """---
title: Harbour cranes idle at Rason
outlet: Test Wire
published: 2023-11-04
---

Dockworkers at Rason said the zanzibarite cranes had not moved for a week.
"""


def make_app(library: Path, tmp_path: Path) -> BriefApp:
    return BriefApp(library, bookmarks_path=tmp_path / "b.sqlite", watch_every=0.2)


async def until(app: BriefApp, pilot: Pilot, condition: Callable[[], bool]) -> None:
    """Wait for ``condition`` while the app runs its checks (fails if it never holds; the
    bound is generous: the first article tagged in a process loads the spaCy model)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if condition():
            await settle(app, pilot, rounds=1)
            return
        await pilot.pause(0.1)
    raise AssertionError(f"the app never noticed the change (index: {app.index_status})")


def listed_ids(app: BriefApp) -> list[str]:
    results = app.main_screen.query_one("#results", ResultsList)
    return [o.id for o in results.options if o.id and not o.id.startswith("story:")]


def messages(app: BriefApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_new_file_is_listed_and_found(library: Path, tmp_path: Path) -> None:
    app = make_app(library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert len(listed_ids(app)) == 5
        (library / "test-wire").mkdir()
        (library / "test-wire" / "rason.md").write_text(NEW_ARTICLE, encoding="utf-8")
        await until(app, pilot, lambda: "test-wire/rason.md" in listed_ids(app))
        assert "1 new article" in messages(app)
        title = str(app.main_screen.query_one("#title").render())
        assert "6 articles" in title
        status = str(app.main_screen.query_one("#index-status").render())
        assert "index ✓ (1 new article)" in status
        await type_query(app, pilot, "zanzibarite")
        assert listed_ids(app) == ["test-wire/rason.md"]


async def test_brief_add_in_another_terminal_shows_up(library: Path, tmp_path: Path) -> None:
    save = tmp_path / "save.txt"
    save.write_text(
        "Harbour cranes idle at Rason\n\nBy Kim Ode\n\n"
        "Dockworkers at Rason said the zanzibarite cranes had not moved for a week.\n",
        encoding="utf-8",
    )
    app = make_app(library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        command = [sys.executable, "-m", "tui.cli", "--library", str(library), "add"]
        done = subprocess.run(
            [*command, str(save), "--outlet", "Test Wire", "--published", "2023-11-04"],
            capture_output=True,
            text=True,
            env=os.environ.copy(),
        )
        assert done.returncode == 0, done.stderr
        await until(app, pilot, lambda: len(listed_ids(app)) == 6)
        assert "1 new article" in messages(app)
        await type_query(app, pilot, "zanzibarite")
        assert len(listed_ids(app)) == 1


async def test_the_open_article_edited_shows_its_new_text(library: Path, tmp_path: Path) -> None:
    article_id = article_id_of(library, "Financial World")
    path = library / article_id
    app = make_app(library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await app.open_article(article_id)
        await settle(app, pilot)
        reader = app.main_screen.query_one("#reader", Reader)
        for _ in range(4):
            await pilot.press("down")
        passage = reader.current_passage
        assert passage is not None and reader.cursor == 4
        quote = reader.article.body[passage.start : passage.end]
        text = path.read_text(encoding="utf-8")
        head, _, body = text.partition("\n---\n")
        added = "A zanzibarite paragraph was added at the top of the report."
        path.write_text(f"{head}\n---\n\n{added}\n\n{body.lstrip()}", encoding="utf-8")
        await until(app, pilot, lambda: added in reader.article.body)
        moved = reader.current_passage
        assert reader.article.body[moved.start : moved.end] == quote, "the cursor kept its passage"
        assert reader.has_focus, "the reader keeps the focus"
        assert any("changed on disk" in m and "same passage" in m for m in messages(app))
        # the new text is searchable too, and the query's words are marked in the reader
        await type_query(app, pilot, "zanzibarite")
        assert listed_ids(app) == [article_id]


async def test_the_open_article_deleted_says_so(library: Path, tmp_path: Path) -> None:
    article_id = article_id_of(library, "Financial World")
    app = make_app(library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await app.open_article(article_id)
        await settle(app, pilot)
        reader = app.main_screen.query_one("#reader", Reader)
        title = reader.article.title
        (library / article_id).unlink()
        await until(app, pilot, lambda: article_id not in listed_ids(app))
        gone = [m for m in messages(app) if "was removed from the library" in m]
        assert gone and title in gone[0]
        assert "1 removed" in messages(app)
        assert reader.article is not None and reader.article.id == article_id, "text stays"
        assert "removed" in str(reader.border_title)


async def test_a_broken_file_is_a_problem_then_an_article_once_fixed(
    library: Path, tmp_path: Path
) -> None:
    app = make_app(library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        path = library / "half.md"
        path.write_text(NEW_ARTICLE[:40], encoding="utf-8")  # cut inside the front matter
        stamp = time.time() - 30  # not being written any more: read at once
        os.utime(path, (stamp, stamp))
        await until(app, pilot, lambda: any(p.path == "half.md" for p in app.problems))
        assert len(listed_ids(app)) == 5
        assert any("half.md" in m for m in messages(app))
        status = str(app.main_screen.query_one("#index-status").render())
        assert "1 problem" in status
        path.write_text(NEW_ARTICLE, encoding="utf-8")
        await until(app, pilot, lambda: "half.md" in listed_ids(app))
        assert not any(p.path == "half.md" for p in app.problems)


async def test_a_file_still_being_written_is_not_announced_as_broken(
    library: Path, tmp_path: Path
) -> None:
    app = make_app(library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        path = library / "slow.md"
        with path.open("w", encoding="utf-8") as handle:
            handle.write(NEW_ARTICLE[:40])
            handle.flush()
            await pilot.pause(0.6)  # several checks see it half-written
            handle.write(NEW_ARTICLE[40:])
        await until(app, pilot, lambda: "slow.md" in listed_ids(app))
        assert not any("slow.md" in m for m in messages(app))
        assert not any(p.path == "slow.md" for p in app.problems)


async def test_changes_wait_while_the_user_types(library: Path, tmp_path: Path) -> None:
    app = make_app(library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert app.main_screen.query_one("#query").has_focus
        path = library / "rason.md"
        path.write_text(NEW_ARTICLE, encoding="utf-8")
        stamp = time.time() - 30
        os.utime(path, (stamp, stamp))
        typed = 0
        began = last = time.monotonic()
        while time.monotonic() - began < 3:  # typing: many checks would have run meanwhile
            await pilot.press("x", "backspace")
            await pilot.pause(0.1)
            now = time.monotonic()
            if now - last >= IDLE_PAUSE * 0.8:  # keys further apart than this
                break  # an overloaded machine paused the typing: the app may show it
            typed += 1
            assert "rason.md" not in {a.id for a in app.article_summaries}
            last = now
        assert typed, "the keys never came in quick succession"
        await until(app, pilot, lambda: "rason.md" in listed_ids(app))
        assert "1 new article" in messages(app)


async def test_the_open_article_moved_is_followed(library: Path, tmp_path: Path) -> None:
    article_id = article_id_of(library, "The Hill")
    app = make_app(library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await app.open_article(article_id)
        await settle(app, pilot)
        reader = app.main_screen.query_one("#reader", Reader)
        await pilot.press("down", "down")
        quote = reader.article.body[reader.current_passage.start : reader.current_passage.end]
        (library / "archive").mkdir()
        (library / article_id).rename(library / "archive" / "hill.md")
        await until(app, pilot, lambda: reader.article.id == "archive/hill.md")
        moved = reader.current_passage
        assert reader.article.body[moved.start : moved.end] == quote
        assert "1 moved" in messages(app)
        assert any("was moved to archive/hill.md" in m for m in messages(app))
        assert not any("removed" in m for m in messages(app))
        assert "archive/hill.md" in listed_ids(app) and article_id not in listed_ids(app)


async def test_bookmarks_of_the_edited_article_are_marked_where_they_went(
    library: Path, tmp_path: Path
) -> None:
    article_id = article_id_of(library, "The Irish News")
    path = library / article_id
    app = make_app(library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await app.open_article(article_id)
        await settle(app, pilot)
        reader = app.main_screen.query_one("#reader", Reader)
        passage = reader.passages[3]
        quote = reader.article.body[passage.start : passage.end]
        app.bookmarks.add(reader.article, passage.start, passage.end, note="check this")
        await app.open_article(article_id)  # shows the mark
        body = reader.article.body
        assert [body[s:e] for s, e in reader.bookmarks] == [quote]
        head, _, rest = path.read_text(encoding="utf-8").partition("\n---\n")
        added = "A new first paragraph pushes every passage down."
        path.write_text(f"{head}\n---\n\n{added}\n\n{rest.lstrip()}", encoding="utf-8")
        await until(app, pilot, lambda: added in reader.article.body)
        body = reader.article.body
        assert [body[s:e] for s, e in reader.bookmarks] == [quote]

"""Helpers for the compare, facts and bookmarks screen tests: a real workspace, story index
and bookmark store on a temporary library, and a small app that hosts one screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen

from index.article import Article
from index.bookmarks import BookmarkStore
from index.library import Library
from index.workspace import Workspace


@dataclass
class Setup:
    """Everything the screens need, all real and on disk."""

    library: Path
    workspace: Workspace
    store: BookmarkStore
    articles: dict[str, Article] = field(default_factory=dict)

    def by_outlet(self, outlet: str) -> Article:
        return self.articles[outlet]

    def story_id(self) -> str:
        story = self.workspace.story_of(next(iter(self.articles.values())).id)
        assert story is not None
        return story.id

    def close(self) -> None:
        self.store.close()
        self.workspace.close()


def make_setup(library: Path, store_path: Path) -> Setup:
    """Index the library (which groups its stories) and open a bookmark store at ``store_path``."""
    workspace = Workspace.open(library)
    workspace.sync()
    articles, problems = Library(library).load_all()
    assert articles, problems
    return Setup(library, workspace, BookmarkStore(store_path), {a.outlet: a for a in articles})


class ScreenHost(App[None]):
    """Opens one screen on mount; records ``open_article`` calls as the real app would get."""

    def __init__(self, make_screen: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.opened: list[tuple[str, int | None, int | None]] = []

    def on_mount(self) -> None:
        self.push_screen(self.make_screen())

    async def open_article(
        self, article_id: str, start: int | None = None, end: int | None = None
    ) -> None:
        self.opened.append((article_id, start, end))


async def settle(app: App[Any], pilot: Any) -> None:
    """Wait until workers are done and the screen has refreshed."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def freeze_cursors(app: App[Any]) -> None:
    """Stop cursor blinking so snapshots do not depend on timing."""
    from textual.widgets import Input, TextArea

    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    for widget in app.screen.query(TextArea):
        widget.cursor_blink = False

"""The compare screen: two outlets' versions of a story, aligned row by row.

Rows come from :func:`index.compare.compare`; this screen only presents them: colours per kind
with a legend, the word diff inside reworded pairs, numbers that differ flagged, a summary line,
``]``/``[`` between differences, swap, another version of the story, bookmark a passage from
either side, and the story's "who reports what" view.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from index.errors import BriefError
from tui.screens.compare_adapter import lines_from_comparison, summary_content
from tui.screens.compare_picker import VersionChoice, VersionPicker, short_date
from tui.screens.screen_commands import ScreenCommands
from tui.widgets.compare_view import CompareLayout, CompareLine, CompareView, Side, layout_rows
from tui.widgets.legend import colour_is_scarce

if TYPE_CHECKING:
    from index.article import Article
    from index.bookmarks import BookmarkStore
    from index.compare import Comparison
    from index.workspace import Workspace

STACK_BELOW_COLUMNS = 100
KEPT_COMPARISONS = 4
"""Pairs compared on this screen kept for going back to them (swap twice, another version)."""


@dataclass
class Loaded:
    """What the worker computed for the screen."""

    left: Article
    right: Article
    lines: list[CompareLine]
    summary: Content
    story_id: str | None
    story_title: str | None
    versions: list[VersionChoice]
    layout: CompareLayout | None = None


def legend_content(colour: bool = True) -> Content:
    """The key to the row colours, written out so it also reads without colour; without
    colour (``colour=False``) the coloured squares, which would all look alike, are left
    out and the rows' own labels say their kind."""

    def square(style: str) -> tuple[str, str] | str:
        return ("■ ", style) if colour else ""

    return Content.assemble(
        square("$text-muted"),
        "same  ",
        square("$text-warning"),
        "reworded (",
        ("changed words", "bold underline"),
        ")  ",
        square("$text-error"),
        "left only  ",
        square("$text-success"),
        "right only  ",
        ("⚑", "bold $text-warning"),
        " numbers differ",
    )


def heading_content(article: Article, *, one_line: bool = False) -> Content:
    """A column heading: outlet in bold, then date and title (the title on a line of its
    own, unless ``one_line``)."""
    parts: list[str | tuple[str, str]] = [(article.outlet, "bold")]
    if article.published:
        parts.append((f" · {short_date(article.published)}", "$text-muted"))
    parts.append(("  ·  ", "$text-muted") if one_line else "\n")
    parts.append((article.title, "italic"))
    return Content.assemble(*parts)


def clamp(content: Content, width: int, lines: int) -> Content:
    """``content`` in at most ``lines`` lines of ``width`` cells, the last ending in "…"
    when some was left out (a heading cut at its last row looked complete)."""
    if width <= 1:
        return content
    wrapped = content.wrap(width)
    if len(wrapped) <= lines:
        return content
    last = wrapped[lines - 1].rstrip()
    last = last.truncate(width - 1).rstrip() + Content("…")
    return Content("\n").join([*wrapped[: lines - 1], last])


class Heading(Static):
    """A column heading drawn in at most ``lines`` lines, cut with "…"."""

    def __init__(self, *, lines: int, id: str, classes: str) -> None:
        super().__init__(Content(""), id=id, classes=classes)
        self.lines = lines

    def render(self) -> Content:
        visual = self.visual
        if not isinstance(visual, Content):
            return visual  # type: ignore[return-value]
        return clamp(visual, self.content_region.width, self.lines)


class CompareScreen(Screen[None]):
    """Two versions side by side (stacked when narrow), scrolling together row by row."""

    COMMANDS: ClassVar[set[Any]] = {ScreenCommands}
    CSS_PATH = str(Path(__file__).with_name("compare.tcss"))
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right_square_bracket", "difference(1)", "Next diff", key_display="]"),
        Binding("left_square_bracket", "difference(-1)", "Prev", key_display="["),
        Binding("s", "swap", "Swap"),
        Binding("o", "other_version", "Other version"),
        Binding("b", "bookmark", "Bookmark"),
        Binding("f", "facts", "Facts"),
        Binding("enter", "open", "Open", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(
        self,
        workspace: Workspace,
        left_id: str,
        right_id: str,
        bookmarks: BookmarkStore | None,
        comparison: Comparison | None = None,
    ) -> None:
        """``comparison``, if the caller already compared this pair, spares computing it again."""
        super().__init__()
        self.workspace = workspace
        self.left_id = left_id
        self.right_id = right_id
        self.bookmarks = bookmarks
        self.loaded: Loaded | None = None
        self._keep_cursor = 0
        self._given = comparison
        self._kept: dict[tuple[str, str], Loaded] = {}

    def compose(self) -> ComposeResult:
        yield Static(Content("Compare"), id="compare-title")
        yield Static(Content("comparing…"), id="compare-summary")
        yield Static(legend_content(not colour_is_scarce(self.app)), id="compare-legend")
        with Horizontal(id="compare-headings"):
            yield Heading(lines=3, id="compare-heading-left", classes="compare-heading")
            yield Heading(lines=3, id="compare-heading-right", classes="compare-heading")
        yield CompareView(id="compare-view")
        yield Footer()

    def on_mount(self) -> None:
        self._apply_width(self.app.size.width)
        self._reload()

    def on_resize(self) -> None:
        self._apply_width(self.app.size.width)

    def _apply_width(self, width: int) -> None:
        stacked = width < STACK_BELOW_COLUMNS
        self.set_class(stacked, "-stacked")
        self.query_one(CompareView).stacked = stacked
        self._show_headings()

    def _show_headings(self) -> None:
        """The two headings: one line each when stacked, else up to three."""
        stacked = self.has_class("-stacked")
        for side in ("left", "right"):
            heading = self.query_one(f"#compare-heading-{side}", Heading)
            heading.lines = 1 if stacked else 3
            if self.loaded is not None:
                article = self.loaded.left if side == "left" else self.loaded.right
                heading.update(heading_content(article, one_line=stacked))

    def _reload(self) -> None:
        """Show the current pair: at once if compared before, else compared in a worker."""
        kept = self._kept.get((self.left_id, self.right_id))
        if kept is not None:
            self._show(kept)
            return
        view = self.query_one(CompareView)
        view.loading = True
        width = view.scrollable_content_region.width or view.expected_width(self.app.size.width)
        self.load(self.left_id, self.right_id, width, view.stacked)

    @work(thread=True, exclusive=True, group="compare")
    def load(self, left_id: str, right_id: str, width: int, stacked: bool) -> None:
        """Load both versions, compare them and wrap the rows (off the UI thread)."""
        try:
            loaded = self._compute(left_id, right_id)
            loaded.layout = layout_rows(loaded.lines, width, stacked)
        except BriefError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # a bug below must not take the app down with it
            self.app.call_from_thread(self._failed, f"the comparison failed: {exc!r}")
            return
        self.app.call_from_thread(self._show, loaded)

    def _compute(self, left_id: str, right_id: str) -> Loaded:
        from index.compare import compare
        from tui.screens.compare_adapter import story_versions

        left = self.workspace.article(left_id)
        right = self.workspace.article(right_id)
        given = self._given
        if given is not None and (given.left.id, given.right.id) == (left_id, right_id):
            comparison = given
        else:
            comparison = compare(left, right)
        story_id, story_title, versions = story_versions(self.workspace, left_id)
        return Loaded(
            left=left,
            right=right,
            lines=lines_from_comparison(comparison),
            summary=summary_content(comparison),
            story_id=story_id,
            story_title=story_title,
            versions=versions,
        )

    def _failed(self, message: str) -> None:
        view = self.query_one(CompareView)
        view.loading = False
        self.query_one("#compare-summary", Static).update(Content.styled(message, "$text-error"))
        self.notify(Content(message), title="Cannot compare", severity="error")

    def _show(self, loaded: Loaded) -> None:
        if (loaded.left.id, loaded.right.id) != (self.left_id, self.right_id):
            return  # a pair the user has since moved away from
        self._kept.pop((self.left_id, self.right_id), None)
        self._kept[(self.left_id, self.right_id)] = loaded
        while len(self._kept) > KEPT_COMPARISONS:
            del self._kept[next(iter(self._kept))]
        self.loaded = loaded
        title = Content.assemble(("Compare", "bold"))
        if loaded.story_title:
            title = Content.assemble(title, ("  ·  story: ", "$text-muted"), loaded.story_title)
        self.query_one("#compare-title", Static).update(title)
        self.query_one("#compare-summary", Static).update(loaded.summary)
        self._show_headings()
        view = self.query_one(CompareView)
        view.show(loaded.lines, cursor=self._keep_cursor, layout=loaded.layout)
        view.loading = False
        view.focus()

    def action_difference(self, step: int) -> None:
        view = self.query_one(CompareView)
        if not view.next_difference(step):
            where = "after" if step > 0 else "before"
            self.notify(f"No difference {where} this row.", timeout=2)

    def action_swap(self) -> None:
        if self.loaded is None:
            return
        view = self.query_one(CompareView)
        self._keep_cursor = view.cursor
        view.side = "right" if view.side == "left" else "left"
        self.left_id, self.right_id = self.right_id, self.left_id
        self._reload()

    def action_other_version(self) -> None:
        if self.loaded is None:
            return
        choices = [v for v in self.loaded.versions if v.id not in (self.left_id, self.right_id)]
        if not choices:
            self.notify("This story has no other version to compare.", timeout=3)
            return

        def chosen(article_id: str | None) -> None:
            if article_id:
                self.right_id = article_id
                self._keep_cursor = 0
                self._reload()

        self.app.push_screen(VersionPicker(self.loaded.left.outlet, choices), chosen)

    def action_bookmark(self) -> None:
        if self.loaded is None:
            return
        view = self.query_one(CompareView)
        line = view.current
        if line is None:
            return
        side: Side = view.side
        text, span = line.text(side), line.span(side)
        if not text or span is None:
            self.notify("Nothing to bookmark on this side of the row.", timeout=3)
            return
        store = self.bookmarks
        if store is None:
            self.notify("Bookmarks are not available.", severity="warning", timeout=3)
            return
        article = self.loaded.left if side == "left" else self.loaded.right
        from tui.screens.bookmark_editor import bookmark_passage

        bookmark_passage(self.app, store, article, *span)

    def action_facts(self) -> None:
        if self.loaded is None:
            return
        if not self.loaded.story_id:
            self.notify("These versions are not grouped in a story.", timeout=3)
            return
        from tui.screens.facts import FactsScreen

        self.app.push_screen(FactsScreen(self.workspace, self.loaded.story_id))

    def action_open(self) -> None:
        """Read the passage under the cursor in its article (the app's reader)."""
        if self.loaded is None or not hasattr(self.app, "open_article"):
            return
        view = self.query_one(CompareView)
        line = view.current
        span = line.span(view.side) if line is not None else None
        article = self.loaded.left if view.side == "left" else self.loaded.right
        start, end = span if span is not None else (None, None)
        # call_later awaits the app's open_article whether it is a coroutine or not.
        self.app.call_later(self.app.open_article, article.id, start=start, end=end)

    def action_back(self) -> None:
        self.dismiss(None)

    @on(CompareView.CursorMoved)
    def _cursor_moved(self, event: CompareView.CursorMoved) -> None:
        self._keep_cursor = event.index

"""Who reports what: a story's facts as rows, its outlets as columns.

● marks an outlet reporting the fact, ⚑ an outlet whose numbers for it differ from the others'.
The highlighted fact's passages are shown below the matrix, outlet by outlet, so the wording
can be checked without leaving the screen. The cursor picks a fact and an outlet (the fact
column stands for its first outlet): enter reads that outlet's passage in the reader, ``c``
compares that version with another outlet reporting the fact, ``b`` bookmarks the passage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from index.errors import BriefError
from tui.screens.facts_adapter import Column, FactLine, fact_lines, story_articles
from tui.screens.screen_commands import ScreenCommands

if TYPE_CHECKING:
    from index.article import Article
    from index.bookmarks import BookmarkStore
    from index.workspace import Workspace

REPORTS = "●"
CHOSEN = "▸"
DIFFERS = "⚑"
FACT_COLUMN_WIDTH = 48
FACT_COLUMN_MIN = 40
OUTLET_COLUMN_MAX = 17
OUTLET_COLUMN_MIN = 6


def column_widths(width: int, versions: int) -> tuple[int, int]:
    """(fact column, outlet column) widths so that every outlet column fits on screen."""
    if versions == 0:
        return max(FACT_COLUMN_MIN, width - 4), OUTLET_COLUMN_MIN
    outlet = (width - FACT_COLUMN_MIN - 4) // versions - 2
    outlet = max(OUTLET_COLUMN_MIN, min(OUTLET_COLUMN_MAX, outlet))
    fact = max(24, min(72, width - 4 - versions * (outlet + 2)))
    return fact, outlet


@dataclass
class FactsLoaded:
    """What the worker computed: the story's title, its outlets and its facts."""

    title: str
    columns: list[Column]
    facts: list[FactLine]
    articles: dict[str, Article] = field(default_factory=dict)


def cell_mark(fact: FactLine, version: str, width: int = 1) -> Text:
    """The matrix cell: ⚑ when this outlet's numbers differ, ● when it reports, else a dot.

    DataTable cells are rich renderables: plain ``Text`` with styles, never a markup string.
    """
    if version in fact.differs:
        glyph, style = DIFFERS, "bold yellow"
    elif version in fact.passages:
        glyph, style = REPORTS, "green"
    else:
        glyph, style = "·", "dim"
    return Text(f"{glyph:^{width}}", style=style)


def fact_label(fact: FactLine, width: int = FACT_COLUMN_WIDTH) -> Text:
    """The fact's representative wording, cut to the column; single-outlet facts in italic."""
    text = " ".join(fact.text.split())
    if len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return Text(text, style="italic" if len(fact.passages) == 1 else "", no_wrap=True)


def detail_content(fact: FactLine, columns: list[Column], chosen: str | None = None) -> Content:
    """Every version's passage for the fact, outlet first, then how the numbers differ;
    the ``chosen`` version (what enter and ``b`` act on) is marked."""
    outlets = {c.id: c.outlet for c in columns}
    parts: list[str | tuple[str, str] | Content] = [(f"{fact.id}  ", "bold $text-muted")]
    if len(fact.passages) == 1:
        parts.append(("only one outlet reports this", "italic $text-warning"))
    else:
        parts.append((f"{len(fact.passages)} outlets report this", "$text-muted"))
    for difference in fact.differences:
        parts.append(("\n⚑ ", "bold $text-warning"))
        parts.append(Content(difference))
    for article_id, passage in fact.passages.items():
        parts.append("\n\n")
        if article_id == chosen:
            parts.append((f"{CHOSEN} ", "bold $accent"))
        parts.append((outlets.get(article_id, article_id), "bold"))
        if article_id in fact.differs:
            parts.append(("  ⚑", "bold $text-warning"))
        parts.append("\n")
        parts.append(Content(passage))
    return Content.assemble(*parts)


def column_label(outlet: str, width: int = 14) -> Text:
    return Text(outlet if len(outlet) <= width else outlet[: width - 1] + "…", style="bold")


class FactsScreen(Screen[None]):
    """The fact matrix of one story; ``u`` shows only facts a single outlet reports."""

    COMMANDS: ClassVar[set[Any]] = {ScreenCommands}
    CSS_PATH = str(Path(__file__).with_name("facts.tcss"))
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Read", priority=True),
        Binding("c", "compare", "Compare"),
        Binding("b", "bookmark", "Bookmark"),
        Binding("u", "toggle_unique", "Single-outlet only"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(
        self, workspace: Workspace, story_id: str, bookmarks: BookmarkStore | None = None
    ) -> None:
        """``bookmarks`` defaults to the app's store (its ``bookmarks`` attribute)."""
        super().__init__()
        self.workspace = workspace
        self.story_id = story_id
        self._bookmarks = bookmarks
        self.loaded: FactsLoaded | None = None
        self.unique_only = False
        self._laid_out_for = 0

    def compose(self) -> ComposeResult:
        yield Static(Content("Who reports what"), id="facts-title")
        yield Static(Content(""), id="facts-story")
        yield Static(
            Content.assemble(
                (REPORTS, "$text-success"),
                " reports  ",
                (DIFFERS, "bold $text-warning"),
                " gives a number the others do not  ",
                ("italic", "italic"),
                ": one outlet only",
            ),
            id="facts-legend",
        )
        table: DataTable[Text] = DataTable(id="facts-table", cursor_type="cell", zebra_stripes=True)
        yield table
        with VerticalScroll(id="facts-detail"):
            yield Static(Content(""), id="facts-passages")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).loading = True
        self.load()

    @work(thread=True, exclusive=True, group="facts")
    def load(self) -> None:
        """Load the story's versions and cluster their passages into facts (off the UI thread)."""
        from index.facts import facts

        try:
            title, articles = story_articles(self.workspace, self.story_id)
            columns, lines = fact_lines(facts(articles))
        except BriefError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # a bug below must not take the app down with it
            self.app.call_from_thread(self._failed, f"the fact matrix failed: {exc!r}")
            return
        loaded = FactsLoaded(title, columns, lines, {a.id: a for a in articles})
        self.app.call_from_thread(self._show, loaded)

    def _failed(self, message: str) -> None:
        self.query_one(DataTable).loading = False
        self.query_one("#facts-title", Static).update(Content.styled(message, "$text-error"))
        self.notify(Content(message), title="Cannot show the facts", severity="error")

    def _show(self, loaded: FactsLoaded) -> None:
        self.loaded = loaded
        self._fill()
        self.query_one(DataTable).loading = False
        self.query_one(DataTable).focus()

    def visible_facts(self) -> list[FactLine]:
        if self.loaded is None:
            return []
        if self.unique_only:
            return [f for f in self.loaded.facts if len(f.passages) == 1]
        return list(self.loaded.facts)

    def _fill(self) -> None:
        assert self.loaded is not None
        loaded = self.loaded
        facts = self.visible_facts()
        single = sum(1 for f in loaded.facts if len(f.passages) == 1)
        differing = sum(1 for f in loaded.facts if f.differs)
        self.query_one("#facts-title", Static).update(
            Content.assemble(
                ("Who reports what", "bold"),
                ("  ·  ", "$text-muted"),
                f"{len(loaded.facts)} facts · {len(loaded.columns)} versions · "
                f"{single} single-outlet · {differing} with different numbers",
                ("  · showing single-outlet only" if self.unique_only else "", "$text-warning"),
            )
        )
        self.query_one("#facts-story", Static).update(
            Content.assemble(("story: ", "$text-muted"), (loaded.title, "italic"))
        )
        fact_width, outlet_width = column_widths(self.app.size.width, len(loaded.columns))
        self._laid_out_for = self.app.size.width
        table: DataTable[Text] = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_column(Text("Fact", style="bold"), width=fact_width, key="fact")
        labels = [column_label(c.outlet, outlet_width) for c in loaded.columns]
        for column, label in zip(loaded.columns, labels, strict=True):
            table.add_column(label, key=column.id)
        for index, fact in enumerate(facts):
            table.add_row(
                fact_label(fact, fact_width),
                *[
                    cell_mark(fact, c.id, len(label))
                    for c, label in zip(loaded.columns, labels, strict=True)
                ],
                key=str(index),
            )
        self._show_detail(0)

    def on_resize(self) -> None:
        if self.loaded is not None and self.app.size.width != self._laid_out_for:
            row = self.query_one(DataTable).cursor_row
            self._fill()
            self.query_one(DataTable).move_cursor(row=row)

    def _show_detail(self, row: int) -> None:
        facts = self.visible_facts()
        passages = self.query_one("#facts-passages", Static)
        if 0 <= row < len(facts):
            columns = self.loaded.columns if self.loaded else []
            passages.update(detail_content(facts[row], columns, self.chosen_version()))
        else:
            passages.update(Content.styled("No fact to show.", "$text-muted"))
        self.query_one("#facts-detail").scroll_home(animate=False)

    @on(DataTable.CellHighlighted, "#facts-table")
    def _highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._show_detail(event.coordinate.row)

    def current_fact(self) -> FactLine | None:
        facts = self.visible_facts()
        row = self.query_one(DataTable).cursor_coordinate.row
        return facts[row] if 0 <= row < len(facts) else None

    def chosen_version(self) -> str | None:
        """The article id the cursor's column stands for (the fact column: its first outlet),
        or None when that outlet does not report the fact."""
        fact = self.current_fact()
        if fact is None or self.loaded is None:
            return None
        column = self.query_one(DataTable).cursor_coordinate.column
        if column == 0:
            return next((c.id for c in self.loaded.columns if c.id in fact.passages), None)
        version = self.loaded.columns[column - 1].id
        return version if version in fact.passages else None

    def _chosen_passage(self) -> tuple[FactLine, str] | None:
        """The fact and version the cursor picks, or None (with a word why)."""
        fact = self.current_fact()
        if fact is None or self.loaded is None:
            return None
        version = self.chosen_version()
        if version is None:
            column = self.query_one(DataTable).cursor_coordinate.column
            outlet = self.loaded.columns[column - 1].outlet
            self.notify(
                Content(f"{outlet} does not report {fact.id}; move to an outlet marked ●."),
                timeout=3,
            )
            return None
        return fact, version

    def action_open(self) -> None:
        """Read the chosen outlet's passage for this fact in the app's reader."""
        picked = self._chosen_passage()
        if picked is None or not hasattr(self.app, "open_article"):
            return
        fact, version = picked
        start, end = fact.spans.get(version, (None, None))
        # call_later awaits the app's open_article whether it is a coroutine or not.
        self.app.call_later(self.app.open_article, version, start=start, end=end)

    def action_compare(self) -> None:
        """Compare the chosen outlet's version with the next outlet reporting this fact
        (or, for a fact one outlet has, with the story's next version)."""
        picked = self._chosen_passage()
        if picked is None or self.loaded is None:
            return
        fact, version = picked
        ids = [c.id for c in self.loaded.columns]
        if len(ids) < 2:
            self.notify("This story has one version only.", timeout=3)
            return
        after = ids[ids.index(version) + 1 :] + ids[: ids.index(version)]
        other = next((i for i in after if i in fact.passages), after[0])
        from tui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(self.workspace, version, other, self.bookmark_store()))

    def bookmark_store(self) -> BookmarkStore | None:
        if self._bookmarks is not None:
            return self._bookmarks
        store = getattr(self.app, "bookmarks", None)
        return store if store is not None and hasattr(store, "add") else None

    def action_bookmark(self) -> None:
        """Bookmark the chosen outlet's passage for this fact, with a note (editing the
        bookmark already there, as the compare screen does)."""
        picked = self._chosen_passage()
        if picked is None or self.loaded is None:
            return
        fact, version = picked
        article = self.loaded.articles.get(version)
        span = fact.spans.get(version)
        if article is None or span is None:
            return
        store = self.bookmark_store()
        if store is None:
            self.notify("Bookmarks are not available.", severity="warning", timeout=3)
            return
        from tui.screens.bookmark_editor import bookmark_passage

        bookmark_passage(self.app, store, article, *span, where=f" ({fact.id})")

    def action_toggle_unique(self) -> None:
        if self.loaded is None:
            return
        self.unique_only = not self.unique_only
        self._fill()

    def action_back(self) -> None:
        self.dismiss(None)

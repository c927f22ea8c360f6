"""The entities panel: this article's entities grouped by type with mention counts.
Choosing one (enter, or a click) highlights its mentions in the reader; ``s`` (or the
button) searches the library for it.

The list is one widget painting only the rows in view (Textual's line API): filling it for
a new article builds no widgets, and its rows are laid out for the width they get, names
wrapped under themselves and counts in a right-hand column.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich._wrap import divide_line
from rich.segment import Segment
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Button, Static

from index.mentions import ENTITY_TYPES, Mention
from tui.messages import EntityChosen, SearchFor
from tui.widgets.legend import (
    CHOSEN_ENTITY_STYLE,
    ENTITY_LABELS,
    ENTITY_STYLES,
    Legend,
    legend_items,
)

CAPTION_NOTE = "+n: mentions in captions"
NO_ARTICLE = "Open an article to see its entities."
NO_ENTITIES = "No entities found in this article."


@dataclass(frozen=True, slots=True)
class EntityEntry:
    """An entity of the open article: its mentions in the body and in captions."""

    name: str
    type: str
    mentions: int
    in_captions: int


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of the list before it is wrapped: a type heading (with the type's total),
    an entity, or a note."""

    kind: Literal["type", "entity", "note"]
    text: str
    type: str = ""
    total: int = 0
    entry: EntityEntry | None = None


def tally(mentions: Sequence[Mention]) -> list[EntityEntry]:
    """Entities of ``mentions`` with their counts, by type (in the core's type order), most
    mentioned first, then by name."""
    counts: dict[str, list] = {}
    for mention in mentions:
        entry = counts.setdefault(mention.entity, [mention.type, 0, 0])
        entry[2 if mention.in_caption else 1] += 1
    order = {t: n for n, t in enumerate(ENTITY_TYPES)}
    entries = [EntityEntry(name, t, n, c) for name, (t, n, c) in counts.items()]
    entries.sort(key=lambda e: (order.get(e.type, len(order)), -e.mentions, e.name.lower()))
    return entries


def list_items(entries: Sequence[EntityEntry], *, article: bool = True) -> list[ListItem]:
    """The list as shown: each type's heading followed by its entities, then a note on
    caption counts when any are shown."""
    if not article:
        return [ListItem("note", NO_ARTICLE)]
    if not entries:
        return [ListItem("note", NO_ENTITIES)]
    items: list[ListItem] = []
    for entity_type in dict.fromkeys(e.type for e in entries):
        members = [e for e in entries if e.type == entity_type]
        total = sum(e.mentions for e in members)
        label = ENTITY_LABELS.get(entity_type, entity_type.lower()).upper()
        items.append(ListItem("type", label, entity_type, total))
        items.extend(ListItem("entity", e.name, e.type, entry=e) for e in members)
    if any(e.in_captions for e in entries):
        items.append(ListItem("note", CAPTION_NOTE))
    return items


def item_rows(item: ListItem, width: int, chosen: bool = False) -> list[Content]:
    """``item`` laid out in rows of ``width`` cells: a name wraps under itself, its counts
    stay on its first row, right-aligned."""
    width = max(8, width)
    if item.kind == "note":
        text = item.text
        cuts = [0, *divide_line(text, width), len(text)]
        return [
            Content(text[a:b].rstrip()).stylize("italic $text-muted")
            for a, b in itertools.pairwise(cuts)
        ]
    style = ENTITY_STYLES.get(item.type, "")
    if item.kind == "type":
        return [heading_row(item, width)]
    entry = item.entry
    assert entry is not None
    counts = Content(str(entry.mentions))
    if entry.in_captions:
        counts = counts + Content(f" +{entry.in_captions}").stylize("$text-muted")
    name_width = max(4, width - 2 - counts.cell_length - 1)
    name = entry.name
    cuts = [0, *divide_line(name, name_width), len(name)]
    pieces = [name[a:b].rstrip() for a, b in itertools.pairwise(cuts)]
    name_style = f"{style} {CHOSEN_ENTITY_STYLE}" if chosen else style
    rows: list[Content] = []
    for n, piece in enumerate(pieces):
        indent = ("▸ " if chosen else "  ") if n == 0 else "    "
        row = Content(indent) + Content(piece).stylize(name_style)
        if n == 0:
            row = row + Content(" " * max(1, width - row.cell_length - counts.cell_length)) + counts
        rows.append(row)
    return rows


def heading_row(item: ListItem, width: int) -> Content:
    """A type's heading: ``PERSON ──────── 11``, its label in the type's colour but none of
    the attributes its mentions carry (a bold PERSON or an underlined ORGANISATION heading
    looked like a mention where colour is scarce); the rule makes it a heading."""
    count = Content(str(item.total)).stylize("dim")
    colour = " ".join(word for word in ENTITY_STYLES.get(item.type, "").split() if "$" in word)
    label = Content(item.text[: max(1, width - count.cell_length - 3)]).stylize(colour)
    rule = width - label.cell_length - count.cell_length - 2
    return Content.assemble(label, " ", Content("─" * max(0, rule)).stylize("dim"), " ", count)


class EntityList(ScrollView, can_focus=True):
    """The entities of the open article by type; only entity rows take the highlight."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "first", "First entity", show=False),
        Binding("end", "last", "Last entity", show=False),
        Binding("enter", "select", "Highlight", show=False),
        Binding("s", "search_entity", "Search library"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"entity-list--highlighted"}

    DEFAULT_CSS = """
    EntityList { overflow-x: hidden; scrollbar-gutter: stable; }
    EntityList > .entity-list--highlighted {
        background: $block-cursor-blurred-background;
    }
    EntityList:focus > .entity-list--highlighted {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
    }
    """

    class Selected(Message):
        """An entity was chosen (enter or a click)."""

        def __init__(self, entry: EntityEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[ListItem] = list_items([], article=False)
        self.highlighted: int | None = None
        """Index into ``items`` of the highlighted entity."""
        self.chosen: str | None = None
        self._width = 0
        self._rows: list[tuple[int, Content]] = []
        self._first_rows: list[int] = []
        self._strips: dict[int, Strip] = {}

    # -- content --------------------------------------------------------------------

    def set_entries(self, entries: Sequence[EntityEntry], *, article: bool = True) -> None:
        """Show ``entries``; the first is highlighted, none chosen."""
        self.items = list_items(entries, article=article)
        self.highlighted = next(
            (n for n, item in enumerate(self.items) if item.kind == "entity"), None
        )
        self.chosen = None
        self._width = 0
        self._lay_out()
        self.scroll_to(y=0, animate=False, immediate=True, force=True)

    @property
    def entries(self) -> list[EntityEntry]:
        """The entities in list order."""
        return [item.entry for item in self.items if item.entry is not None]

    @property
    def highlighted_entry(self) -> EntityEntry | None:
        if self.highlighted is None:
            return None
        return self.items[self.highlighted].entry

    def highlight(self, name: str) -> None:
        """Move the highlight to the entity called ``name``."""
        for n, item in enumerate(self.items):
            if item.entry is not None and item.entry.name == name:
                self._move_to(n)
                return

    def set_chosen(self, name: str | None) -> None:
        self.chosen = name
        self._width = 0
        self._lay_out()

    def row_text(self) -> list[str]:
        """The rows as plain text, as laid out at the current width."""
        return [content.plain for _, content in self._rows]

    # -- layout and painting ----------------------------------------------------------------

    def _lay_out(self) -> bool:
        width = self.scrollable_content_region.width
        if width <= 0:
            self._width = 0
            return False
        if width == self._width:
            return True
        self._width = width
        self._rows = []
        self._first_rows = []
        for n, item in enumerate(self.items):
            self._first_rows.append(len(self._rows))
            chosen = item.entry is not None and item.entry.name == self.chosen
            self._rows.extend((n, row) for row in item_rows(item, width, chosen))
        self._strips.clear()
        self.virtual_size = Size(width, len(self._rows))
        self.refresh()
        return True

    def on_resize(self, event: events.Resize) -> None:
        if self._lay_out():
            self._scroll_to_highlight()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def on_focus(self) -> None:
        self._refresh_item(self.highlighted)

    def on_blur(self) -> None:
        self._refresh_item(self.highlighted)

    def _item_rows(self, index: int) -> range:
        first = self._first_rows[index]
        last = self._first_rows[index + 1] if index + 1 < len(self._first_rows) else len(self._rows)
        return range(first, last)

    def _refresh_item(self, index: int | None) -> None:
        if index is None or not self._first_rows or index >= len(self._first_rows):
            return
        rows = self._item_rows(index)
        for row in rows:
            self._strips.pop(row, None)
        self.refresh_lines(rows.start, len(rows))

    def render_line(self, y: int) -> Strip:
        self._lay_out()
        width = self._width
        style = self.visual_style
        row = int(self.scroll_y) + y
        if row >= len(self._rows):
            return Strip.blank(width, style.rich_style)
        strip = self._strips.get(row)
        if strip is None:
            index, content = self._rows[row]
            if index == self.highlighted:
                style = style + self.get_visual_style("entity-list--highlighted")
            segments = [Segment(text, s.rich_style) for text, s in content.render(style, end="")]
            strip = Strip(segments, content.cell_length).extend_cell_length(width, style.rich_style)
            self._strips[row] = strip
        return strip

    # -- moving and choosing ------------------------------------------------------------------

    def _entity_indexes(self) -> list[int]:
        return [n for n, item in enumerate(self.items) if item.kind == "entity"]

    def _move_to(self, index: int) -> None:
        before, self.highlighted = self.highlighted, index
        self._refresh_item(before)
        self._refresh_item(index)
        self._scroll_to_highlight()

    def _scroll_to_highlight(self) -> None:
        if self.highlighted is None or not self._lay_out():
            return
        rows = self._item_rows(self.highlighted)
        # the type heading above the first entity of a type comes into view with it
        above = self.items[self.highlighted - 1] if self.highlighted else None
        top = rows.start - 1 if above is not None and above.kind == "type" else rows.start
        self.scroll_to_region(
            Region(0, max(0, top), 1, rows.stop - max(0, top)),
            animate=False,
            immediate=True,
            force=True,
        )

    def action_cursor(self, step: int) -> None:
        indexes = self._entity_indexes()
        if not indexes:
            return
        if self.highlighted not in indexes:
            self._move_to(indexes[0])
            return
        position = indexes.index(self.highlighted) + step
        self._move_to(indexes[max(0, min(position, len(indexes) - 1))])

    def action_page(self, direction: int) -> None:
        indexes = self._entity_indexes()
        if not indexes or not self._lay_out():
            return
        here = self._first_rows[self.highlighted] if self.highlighted is not None else 0
        target = here + direction * max(1, self.scrollable_content_region.height - 1)
        rows = [self._first_rows[n] for n in indexes]
        best = min(range(len(indexes)), key=lambda k: abs(rows[k] - target))
        self._move_to(indexes[best])

    def action_first(self) -> None:
        if indexes := self._entity_indexes():
            self._move_to(indexes[0])

    def action_last(self) -> None:
        if indexes := self._entity_indexes():
            self._move_to(indexes[-1])

    def action_select(self) -> None:
        entry = self.highlighted_entry
        if entry is not None:
            self.post_message(self.Selected(entry))

    def action_search_entity(self) -> None:
        panel = next((a for a in self.ancestors if isinstance(a, EntitiesPanel)), None)
        if panel is not None:
            panel.search_highlighted()

    def on_click(self, event: events.Click) -> None:
        where = event.get_content_offset(self)
        if where is None:
            return
        row = int(self.scroll_y) + where.y
        if not 0 <= row < len(self._rows):
            return
        index = self._rows[row][0]
        if self.items[index].kind != "entity":
            return
        self._move_to(index)
        self.action_select()


class EntitiesPanel(Vertical):
    """Entities of the open article, by type."""

    DEFAULT_CSS = """
    EntitiesPanel { width: 30; border-left: solid $primary-muted; height: 1fr; }
    EntitiesPanel #entities-title { padding: 0 1; }
    EntitiesPanel EntityList { height: 1fr; padding: 0 0 0 1; }
    EntitiesPanel #entities-legend { margin: 1 0 0 0; }
    EntitiesPanel #entity-search { width: 100%; margin: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entities: dict[str, tuple[str, int, int]] = {}
        self.chosen: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(
            Content("Entities")
            .stylize("bold")
            .append(Content(" · mentions").stylize("$text-muted")),
            id="entities-title",
        )
        yield EntityList(id="entity-list")
        # the type headings above show each type's colour; the legend adds the other marks
        yield Legend(legend_items((), with_chosen=True), id="entities-legend")
        yield Button(
            Content("Choose an entity (enter)"), id="entity-search", compact=True, disabled=True
        )

    def show(self, mentions: Sequence[Mention]) -> None:
        """Fill the list from an article's mentions (captions counted apart)."""
        entries = tally(mentions)
        self.entities = {e.name: (e.type, e.mentions, e.in_captions) for e in entries}
        self.query_one(EntityList).set_entries(entries)
        self.chosen = None
        self._update_button()

    def on_entity_list_selected(self, event: EntityList.Selected) -> None:
        event.stop()
        name = event.entry.name
        self.chosen = None if self.chosen == name else name
        self.query_one(EntityList).set_chosen(self.chosen)
        self._update_button()
        self.post_message(EntityChosen(self.chosen or "", event.entry.type))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.search_highlighted()

    def search_highlighted(self) -> None:
        entry = self.query_one(EntityList).highlighted_entry
        name = entry.name if entry is not None else self.chosen
        if name:
            self.post_message(SearchFor(name))

    def _update_button(self) -> None:
        button = self.query_one("#entity-search", Button)
        if self.chosen:
            button.label = Content("Search library for it (s)")
            button.disabled = False
        else:
            button.label = Content("Choose an entity (enter)")
            button.disabled = True

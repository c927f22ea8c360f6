"""Entity colours and their legend. Colours come from the theme's text-* variables, which
Textual tunes for contrast against the background of both dark and light themes; each type
also carries a text attribute so types stay apart in 16 colours and under NO_COLOR."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from index.mentions import ENTITY_TYPES

ENTITY_STYLES: dict[str, str] = {
    "PERSON": "bold $text-accent",
    "ORG": "underline $text-primary",
    "PLACE": "$text-success",
    "WEAPON": "bold underline $text-error",
    "DATE": "italic $text-secondary",
    "QUANTITY": "italic $text-warning",
}
ENTITY_LABELS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organisation",
    "PLACE": "place",
    "WEAPON": "weapon",
    "DATE": "date",
    "QUANTITY": "quantity",
}
HIT_STYLE = "bold reverse"
CHOSEN_ENTITY_STYLE = "reverse"
CURSOR_STYLE = "on $boost"
BOOKMARK_STYLE = "on $warning-muted"


def legend_items(
    types: tuple[str, ...] = ENTITY_TYPES, *, with_marks: bool = True, with_chosen: bool = False
) -> list[Content]:
    """Each entity type named in its own style, then the other marks."""
    items = [Content(ENTITY_LABELS[t]).stylize(ENTITY_STYLES[t]) for t in types]
    if with_marks:
        items.append(Content("query hit").stylize(HIT_STYLE))
        items.append(Content("bookmarked").stylize(BOOKMARK_STYLE))
    if with_chosen:
        items.append(Content("chosen entity").stylize(CHOSEN_ENTITY_STYLE))
    return items


def legend_content(
    types: tuple[str, ...] = ENTITY_TYPES, *, with_marks: bool = True, per_line: int = 0
) -> Content:
    """The legend's items; ``per_line`` items to a line (0: all on one line)."""
    parts = legend_items(types, with_marks=with_marks)
    if not per_line:
        return Content(" · ").join(parts)
    rows = [parts[i : i + per_line] for i in range(0, len(parts), per_line)]
    return Content("\n").join(Content(" · ").join(row) for row in rows)


def flow(items: list[Content], width: int, separator: str = " · ") -> Content:
    """``items`` joined by ``separator`` in lines of at most ``width`` cells, an item
    never cut across two lines."""
    lines: list[list[Content]] = [[]]
    used = 0
    for item in items:
        needed = item.cell_length + (len(separator) if lines[-1] else 0)
        if lines[-1] and used + needed > width:
            lines.append([])
            used, needed = 0, item.cell_length
        lines[-1].append(item)
        used += needed
    return Content("\n").join(Content(separator).join(line) for line in lines)


class Legend(Widget):
    """The colour key for entity types, query hits and bookmarks, its items flowed into
    as many lines as the width needs (none cut in two)."""

    DEFAULT_CSS = """
    Legend { height: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, items: list[Content] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items = legend_items() if items is None else items

    def render(self) -> Content:
        return flow(self.items, self.size.width or 80)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(flow(self.items, width).plain.split("\n"))

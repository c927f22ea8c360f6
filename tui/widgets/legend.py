"""Entity colours and their legend. Colours come from the theme's text-* variables, which
Textual tunes for contrast against the background of both dark and light themes. Every
mark also carries its own text attributes (bold, italic, underline, double underline,
reverse), so types, hits, bookmarks and the cursor stay apart where colour cannot carry
them: in 16 colours, where the theme's tints fall to the same few colours, and under
NO_COLOR, where Textual shows greys only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from index.mentions import ENTITY_TYPES

if TYPE_CHECKING:
    from textual.app import App

# Bold, italic and underline in six combinations, one per type. An underlined type clears
# the double underline of a bookmarked passage, so it still reads as single inside one.
ENTITY_STYLES: dict[str, str] = {
    "PERSON": "bold $text-accent",
    "ORG": "underline not underline2 $text-primary",
    "PLACE": "italic $text-success",
    "WEAPON": "bold underline not underline2 $text-error",
    "DATE": "italic underline not underline2 $text-secondary",
    "QUANTITY": "bold italic $text-warning",
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
CHOSEN_ENTITY_STYLE = "reverse underline2"
BOOKMARK_STYLE = "underline2 on $warning-muted"
CURSOR_STYLE = "on $foreground 15%"
"""The passage cursor where the theme's background tints show (256 colours and more);
not $boost, which is transparent in every built-in theme but textual-dark. At 8% a
256-colour terminal drew it one grey step from the background (234 on 233)."""
PLAIN_CURSOR_STYLE = "reverse"
"""The passage cursor in 16 colours and under NO_COLOR, where a tint would not show."""
PLAIN_CAPTION_STYLE = "dim"
"""Captions in 16 colours and under NO_COLOR: dim, not italic, which marks places."""


def colour_is_scarce(app: App) -> bool:
    """True under NO_COLOR, in a terminal of 16 colours or fewer, or with an ANSI theme:
    there a background tint falls to the screen's own colour (or has none to blend with),
    so marks must rest on text attributes."""
    if app.no_color or app.native_ansi_color:
        return True
    return app.console.color_system in (None, "standard", "windows")


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
    """The key to entity types, query hits, bookmarks and the passage cursor, its items
    flowed into as many lines as the width needs (none cut in two). The cursor item is
    drawn as this terminal draws the cursor (a tint, or reverse where colour is scarce)."""

    DEFAULT_CSS = """
    Legend { height: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(
        self, items: list[Content] | None = None, *, cursor: bool = True, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.items = legend_items() if items is None else items
        self.cursor = cursor

    def shown_items(self) -> list[Content]:
        if not self.cursor:
            return self.items
        style = PLAIN_CURSOR_STYLE if colour_is_scarce(self.app) else CURSOR_STYLE
        return [*self.items, Content("cursor").stylize(style)]

    def render(self) -> Content:
        return flow(self.shown_items(), self.size.width or 80)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(flow(self.shown_items(), width).plain.split("\n"))

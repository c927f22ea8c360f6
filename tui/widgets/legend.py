"""Entity colours and their legend. Colours come from the theme's text-* variables, which
Textual tunes for contrast against the background of both dark and light themes; each type
also carries a text attribute so types stay apart in 16 colours and under NO_COLOR."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

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


def legend_content(
    types: tuple[str, ...] = ENTITY_TYPES, *, with_marks: bool = True, per_line: int = 0
) -> Content:
    """Each entity type named in its own style, then the other marks; ``per_line`` items
    to a line (0: all on one line)."""
    parts: list[Content] = []
    for entity_type in types:
        parts.append(Content(ENTITY_LABELS[entity_type]).stylize(ENTITY_STYLES[entity_type]))
    if with_marks:
        parts.append(Content("query hit").stylize(HIT_STYLE))
        parts.append(Content("bookmarked").stylize(BOOKMARK_STYLE))
    if not per_line:
        return Content(" · ").join(parts)
    rows = [parts[i : i + per_line] for i in range(0, len(parts), per_line)]
    return Content("\n").join(Content(" · ").join(row) for row in rows)


class Legend(Static):
    """The colour key for entity types, query hits and bookmarks."""

    DEFAULT_CSS = """
    Legend { height: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, *, per_line: int = 0, id: str | None = None) -> None:
        super().__init__(legend_content(per_line=per_line), id=id)

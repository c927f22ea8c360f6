"""The entities panel: this article's entities grouped by type with mention counts.
Choosing one highlights its mentions in the reader; ``s`` (or the button) searches the
library for it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from index.mentions import ENTITY_TYPES, Mention
from tui.messages import EntityChosen, SearchFor
from tui.widgets.legend import ENTITY_LABELS, ENTITY_STYLES, Legend


class EntityList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("s", "search_entity", "Search library")]

    def action_search_entity(self) -> None:
        panel = next((a for a in self.ancestors if isinstance(a, EntitiesPanel)), None)
        if panel is not None:
            panel.search_highlighted()


class EntitiesPanel(Vertical):
    """Entities of the open article, by type."""

    DEFAULT_CSS = """
    EntitiesPanel { width: 30; border-left: solid $primary-muted; height: 1fr; }
    EntitiesPanel #entities-title { padding: 0 1; text-style: bold; }
    EntitiesPanel EntityList, EntitiesPanel EntityList:focus { height: 1fr; border: none; }
    EntitiesPanel #entity-search { width: 100%; margin: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entities: dict[str, tuple[str, int, int]] = {}
        self.chosen: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content("Entities · mentions (+cap. in captions)"), id="entities-title")
        yield Legend(per_line=2, id="entities-legend")
        yield EntityList(id="entity-list")
        yield Button(
            Content("Search library for entity"), id="entity-search", compact=True, disabled=True
        )

    def show(self, mentions: Sequence[Mention]) -> None:
        """Fill the list from an article's mentions (captions counted apart)."""
        tally: dict[str, list] = {}
        for mention in mentions:
            entry = tally.setdefault(mention.entity, [mention.type, 0, 0])
            entry[2 if mention.in_caption else 1] += 1
        self.entities = {name: (t, n, c) for name, (t, n, c) in tally.items()}
        options: list[Option | None] = []
        for entity_type in ENTITY_TYPES:
            names = sorted(
                (name for name, v in self.entities.items() if v[0] == entity_type),
                key=lambda name: (-self.entities[name][1], name.lower()),
            )
            if not names:
                continue
            total = sum(self.entities[name][1] for name in names)
            header = Content(f"{ENTITY_LABELS[entity_type].upper()} ({total})")
            options.append(
                Option(header.stylize(f"bold {ENTITY_STYLES[entity_type]}"), disabled=True)
            )
            for name in names:
                _, body_count, caption_count = self.entities[name]
                line = Content("  ").append(Content(name).stylize(ENTITY_STYLES[entity_type]))
                line = line.append(Content(f" {body_count}").stylize("$text-muted"))
                if caption_count:
                    line = line.append(Content(f" +{caption_count} cap.").stylize("$text-muted"))
                options.append(Option(line, id=f"entity:{name}"))
        entity_list = self.query_one(EntityList)
        entity_list.clear_options()
        if not options:
            options.append(Option(Content("No entities found in this article."), disabled=True))
        entity_list.add_options(options)
        self.chosen = None
        self._update_button()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if not option_id.startswith("entity:"):
            return
        name = option_id.removeprefix("entity:")
        self.chosen = None if self.chosen == name else name
        self._update_button()
        self.post_message(EntityChosen(self.chosen or "", self.entities.get(name, ("", 0, 0))[0]))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.search_highlighted()

    def search_highlighted(self) -> None:
        entity_list = self.query_one(EntityList)
        option = entity_list.highlighted_option
        name = self.chosen
        if option is not None and (option.id or "").startswith("entity:"):
            name = option.id.removeprefix("entity:")  # type: ignore[union-attr]
        if name:
            self.post_message(SearchFor(name))

    def _update_button(self) -> None:
        button = self.query_one("#entity-search", Button)
        if self.chosen:
            button.label = (
                Content("Search library for ")
                .append(Content(self.chosen).stylize("bold"))
                .append(" (s)")
            )
            button.disabled = False
        else:
            button.label = Content("Choose an entity (enter)")
            button.disabled = True

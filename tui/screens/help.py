"""The keys screen (``?``, or ``f1`` from a text box): every key of the screen underneath
and of the app."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

GENERAL_KEYS: tuple[tuple[str, str], ...] = (
    ("/", "search the library (in the box, ? and / are typed as text)"),
    ("enter", "open the highlighted result in the reader"),
    ("↑ ↓  j k", "reader: move the passage cursor by sentence"),
    ("{ }  ctrl+↑ ↓", "reader: move by paragraph"),
    ("mouse drag", "reader: select text to bookmark"),
    ("n / N", "reader: next / previous query hit"),
    ("b", "bookmark the passage or selection, with a note and tags"),
    ("e", "entities panel: enter highlights an entity, s searches for it"),
    ("c", "compare with another version of the story (most different first)"),
    ("] / [", "compare: next / previous difference"),
    ("B", "bookmarks: notes, tags, export the briefing"),
    ("ctrl+y", "search for the did-you-mean suggestion"),
    ("ctrl+l", "library problems"),
    ("ctrl+p", "command palette: every action and every article"),
    ("? / f1", "this list (f1 also while typing in a box)"),
    ("escape", "back; from the search box, to the results"),
    ("q", "quit"),
)


def keys_content(rows: list[tuple[str, str]]) -> Content:
    width = max((len(key) for key, _ in rows), default=0) + 2
    return Content("\n").join(
        Content(key.ljust(width)).stylize("bold $text-accent").append(Content(text))
        for key, text in rows
    )


def _own_actions(widget_class: type) -> set[str]:
    """Actions bound by Brief's own classes in ``widget_class``'s ancestry."""
    actions: set[str] = set()
    for cls in widget_class.__mro__:
        if cls.__module__.startswith("tui."):
            for binding in cls.__dict__.get("BINDINGS", []):
                actions.add(binding.action if isinstance(binding, Binding) else binding[1])
    return actions


class HelpScreen(ModalScreen[None]):
    """All keys; escape, ?, f1 or q closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "dismiss", "Close")
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen #help-body {
        width: 84; max-width: 100%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    HelpScreen .help-section { margin: 1 0 0 0; text-style: bold; color: $text-primary; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "escape closes"
            yield Static(keys_content(list(GENERAL_KEYS)))
            screen_keys = self._screen_keys()
            if screen_keys:
                yield Static(Content("On this screen"), classes="help-section")
                yield Static(keys_content(screen_keys))

    def _screen_keys(self) -> list[tuple[str, str]]:
        """The keys that work right now on the screen underneath: its focused widget's and
        their containers', each action once with all its keys ("↓ j", not "down,j")."""
        stack = self.app.screen_stack
        below = stack[-2] if len(stack) >= 2 else None
        if below is None:
            return []
        keys_by_action: dict[tuple[int, str], list[str]] = {}
        descriptions: dict[tuple[int, str], str] = {}
        for active in below.active_bindings.values():
            node, binding = active.node, active.binding
            if node is self.app or binding.action not in _own_actions(type(node)):
                continue  # app keys are listed above; Textual's scrolling keys would bury ours
            if not binding.description or not active.enabled or "(" in binding.action:
                continue  # a footer-only variant of a key listed by its plain binding
            slot = (id(node), binding.action)
            display = binding.key_display or self.app.get_key_display(binding)
            keys = keys_by_action.setdefault(slot, [])
            if display not in keys:
                keys.append(display)
            descriptions.setdefault(slot, binding.description)
        return [(" ".join(keys), descriptions[slot]) for slot, keys in keys_by_action.items()][:30]

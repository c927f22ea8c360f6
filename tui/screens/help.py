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
    ("e", "entities panel: enter highlights an entity, s searches the library for it"),
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
        stack = self.app.screen_stack
        below = stack[-2] if len(stack) >= 2 else None
        if below is None:
            return []
        rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        for node in [below, *below.query("*")]:
            if not type(node).__module__.startswith("tui."):
                continue  # Textual's own editing keys would bury Brief's
            for binding in type(node).__dict__.get("BINDINGS", []):
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                if "(" in binding.action:
                    continue  # a footer-only variant of a key listed by its plain binding
                key = binding.key_display or self.app.get_key_display(binding)
                if key in seen:
                    continue
                seen.add(key)
                rows.append((key, binding.description))
        return rows[:30]

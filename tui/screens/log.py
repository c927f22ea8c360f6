"""The log screen: every library problem (skipped files, bad front matter, decoding
warnings, index errors), one per line with file and line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

if TYPE_CHECKING:
    from index.library import Problem


def problem_content(problem: Problem) -> Content:
    where = f"{problem.path}:{problem.line}" if problem.line else problem.path
    mark = Content("skipped  " if problem.skipped else "warning  ").stylize(
        "bold $text-error" if problem.skipped else "bold $text-warning"
    )
    return (
        mark.append(Content(where).stylize("bold"))
        .append("\n         ")
        .append(Content(problem.message))
    )


class LogScreen(Screen[None]):
    """Library problems, so a notification that went by can still be read."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    DEFAULT_CSS = """
    LogScreen #log-title { padding: 0 1; text-style: bold; background: $panel; }
    LogScreen #log-body { padding: 0 1; }
    LogScreen .problem { margin: 0 0 1 0; }
    """

    def __init__(self, problems: Sequence[Problem], library: Path) -> None:
        super().__init__()
        self.problems = list(problems)
        self.library = library

    def compose(self) -> ComposeResult:
        count = len(self.problems)
        title = Content(f"Library problems · {count} · ").append(Content(str(self.library)))
        yield Static(title, id="log-title")
        with VerticalScroll(id="log-body"):
            if not self.problems:
                yield Static(Content("No problems: every file in the library was read cleanly."))
            for problem in self.problems:
                yield Static(problem_content(problem), classes="problem")
        yield Footer()

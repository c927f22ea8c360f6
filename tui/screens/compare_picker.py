"""A small modal listing the other versions of a story, to compare one of them instead."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class VersionChoice:
    """One version of the story: the article id and what identifies it to a reader."""

    id: str
    outlet: str
    title: str
    published: datetime | str | None = None

    def prompt(self) -> Content:
        date = f" · {short_date(self.published)}" if self.published else ""
        return Content.assemble(
            (self.outlet, "bold"), (date, "$text-muted"), "\n", (self.title, "italic")
        )


def short_date(value: datetime | str | None) -> str:
    """``2 Nov 2023`` from a datetime or an ISO string; the string itself if unparsable."""
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    return f"{value.day} {value:%b %Y}"


class VersionPicker(ModalScreen[str | None]):
    """Choose the version to put on the right-hand side; escape keeps the current one."""

    CSS_PATH = str(Path(__file__).with_name("compare.tcss"))
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, left_outlet: str, choices: Sequence[VersionChoice]) -> None:
        super().__init__()
        self.left_outlet = left_outlet
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-dialog") as dialog:
            dialog.border_title = "Compare with…"
            yield Static(
                Content.assemble("Put beside ", (self.left_outlet, "bold"), ":"),
                id="picker-intro",
            )
            yield OptionList(
                *[Option(choice.prompt(), id=choice.id) for choice in self.choices],
                id="picker-options",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

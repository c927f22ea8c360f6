"""Where to write the briefing and how to group it; an existing file needs a second yes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

GroupBy = Literal["outlet", "tag"]


@dataclass(frozen=True)
class ExportRequest:
    """The user's choices: target file, grouping, and whether replacing the file is agreed."""

    path: Path
    group_by: GroupBy
    overwrite: bool


def default_export_path(today: date | None = None) -> Path:
    """``briefing-YYYY-MM-DD.md`` in the current folder: where a user looks for it first."""
    today = today or date.today()
    return Path.cwd() / f"briefing-{today.isoformat()}.md"


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Ask for the briefing's file; refuse to replace an existing file unless confirmed."""

    CSS_PATH = str(Path(__file__).with_name("bookmarks.tcss"))
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "export", "Export"),
    ]

    def __init__(self, default_path: Path, count: int, scope: str) -> None:
        super().__init__()
        self.default_path = default_path
        self.count = count
        self.scope = scope
        self.confirmed_path: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog") as dialog:
            dialog.border_title = "Export briefing"
            noun = "bookmark" if self.count == 1 else "bookmarks"
            yield Static(
                Content.assemble((f"{self.count} {noun}", "bold"), f" ({self.scope})"),
                id="export-scope",
            )
            yield Label(
                "File (.md: the briefing; .json: everything, to re-import)", classes="field-label"
            )
            yield Input(str(self.default_path), id="export-path")
            yield Label("Group by", classes="field-label")
            with RadioSet(id="export-group"):
                yield RadioButton("story, then outlet", value=True, id="group-outlet")
                yield RadioButton("story, then tag", id="group-tag")
            yield Static(Content(""), id="export-warning")
            with Horizontal(id="export-buttons"):
                yield Button("Cancel  esc", id="export-cancel")
                yield Button("Export  ctrl+s", variant="primary", id="export-go")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def chosen_path(self) -> Path | None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            return None
        path = Path(raw).expanduser()
        return path if path.is_absolute() else Path.cwd() / path

    def group_by(self) -> GroupBy:
        pressed = self.query_one("#export-group", RadioSet).pressed_button
        return "tag" if pressed is not None and pressed.id == "group-tag" else "outlet"

    def _warn(self, message: str) -> None:
        self.query_one("#export-warning", Static).update(
            Content.styled(message, "bold $text-warning") if message else Content("")
        )

    def action_export(self) -> None:
        path = self.chosen_path()
        if path is None:
            self._warn("Type the file to write.")
            return
        if path.is_dir():
            self._warn("That is a folder: name a file inside it.")
            return
        if not path.parent.is_dir():
            self._warn(f"No such folder: {path.parent}")
            return
        if path.exists() and self.confirmed_path != path:
            self.confirmed_path = path
            self._warn(f"{path.name} exists. Press Overwrite to replace it.")
            self.query_one("#export-go", Button).label = "Overwrite  ctrl+s"
            self.query_one("#export-go", Button).variant = "error"
            return
        self.dismiss(ExportRequest(path, self.group_by(), overwrite=path.exists()))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        if self.confirmed_path is not None and self.chosen_path() != self.confirmed_path:
            self.confirmed_path = None
            self._warn("")
            self.query_one("#export-go", Button).label = "Export  ctrl+s"
            self.query_one("#export-go", Button).variant = "primary"

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def _go(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self) -> None:
        self.action_cancel()

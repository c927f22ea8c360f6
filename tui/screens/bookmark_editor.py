"""The bookmark note editor: a modal holding the quoted passage, its source, a note and tags.

It returns a :class:`BookmarkDraft` (saved) or ``None`` (cancelled); the caller stores it, so
the same modal serves new bookmarks and edits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static, TextArea

from index.errors import BriefError
from index.sanitize import visible_controls
from tui.screens.confirm_dialog import ConfirmDialog

if TYPE_CHECKING:
    from textual.binding import ActiveBinding

    from index.article import Article
    from index.bookmarks import BookmarkStore

QUOTE_PREVIEW_CHARS = 600


@dataclass(frozen=True)
class BookmarkDraft:
    """What the user typed: the note (Markdown text) and the tags, cleaned and deduplicated."""

    note: str
    tags: tuple[str, ...]


def parse_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags as typed -> trimmed, non-empty, first spelling kept, in order."""
    seen: set[str] = set()
    tags: list[str] = []
    for raw in text.split(","):
        tag = " ".join(raw.split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tuple(tags)


def quote_content(quote: str, limit: int = QUOTE_PREVIEW_CHARS) -> Content:
    """The quoted passage in curly quotes, cut with an ellipsis when very long; never markup."""
    text = " ".join(quote.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return Content.assemble(("“", "$text-muted"), (text, "italic"), ("”", "$text-muted"))


class BookmarkEditor(ModalScreen[BookmarkDraft | None]):
    """Edit a bookmark's note and tags; ctrl+s or Save saves, escape or Cancel cancels."""

    CSS_PATH = str(Path(__file__).with_name("bookmark_editor.tcss"))
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
        # a modal screen's keys stop at the screen: the app's ? and f1 never reach here
        Binding("f1", "app.help", "Keys"),
    ]

    def __init__(self, quote: str, source: str, note: str = "", tags: Sequence[str] = ()) -> None:
        super().__init__()
        self.quote = quote
        self.source = source
        # a control character in a stored note would reach the terminal through the editor
        self.initial_note = visible_controls(note)
        self.initial_tags = tuple(visible_controls(tag) for tag in tags)

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmark-dialog") as dialog:
            dialog.border_title = "Bookmark"
            yield Static(quote_content(self.quote), id="bookmark-quote")
            yield Static(Content.styled(self.source, "$text-muted"), id="bookmark-source")
            yield Label("Note (Markdown)", classes="field-label")
            note = TextArea(self.initial_note, id="bookmark-note", soft_wrap=True)
            note.show_line_numbers = False
            yield note
            yield Label("Tags (comma separated)", classes="field-label")
            yield Input(
                ", ".join(self.initial_tags),
                placeholder="e.g. production, nis",
                id="bookmark-tags",
            )
            with Horizontal(id="bookmark-buttons"):
                yield Button("Cancel  esc", id="bookmark-cancel")
                yield Button("Save  ctrl+s", variant="primary", id="bookmark-save")
        # its own footer: the one of the screen beneath listed that screen's keys (c
        # Compare, b Bookmark...), which do nothing here, and both "? Keys" and "f1 Keys"
        yield Footer()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The footer's keys, less any a text box would take as text."""
        from tui.screens.main import types_text

        bindings = super().active_bindings
        if not isinstance(self.focused, (Input, TextArea)):
            return bindings
        return {key: active for key, active in bindings.items() if not types_text(key)}

    def on_mount(self) -> None:
        note = self.query_one("#bookmark-note", TextArea)
        note.move_cursor(note.document.end)
        note.focus()

    def draft(self) -> BookmarkDraft:
        """The draft as the fields hold it now."""
        note = self.query_one("#bookmark-note", TextArea).text.strip()
        tags = parse_tags(self.query_one("#bookmark-tags", Input).value)
        return BookmarkDraft(note=note, tags=tags)

    def action_save(self) -> None:
        self.dismiss(self.draft())

    def action_cancel(self) -> None:
        """Close without saving; ask first when the note or tags were changed."""
        draft = self.draft()
        if draft.note == self.initial_note.strip() and draft.tags == parse_tags(
            ", ".join(self.initial_tags)
        ):
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                "Discard changes?",
                Content("The note and tags you typed will not be saved."),
                action="Discard",
            ),
            answered,
        )

    @on(Button.Pressed, "#bookmark-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#bookmark-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted, "#bookmark-tags")
    def _tags_submitted(self) -> None:
        self.action_save()


def source_line(article: Article) -> str:
    """Outlet · date · title, as the bookmark editor shows the source."""
    from tui.screens.compare_picker import short_date

    bits = [article.outlet]
    if article.published:
        bits.append(short_date(article.published))
    bits.append(article.title)
    return " · ".join(bits)


def bookmark_passage(
    app: App[object],
    store: BookmarkStore,
    article: Article,
    start: int,
    end: int,
    *,
    where: str = "",
    saved: Callable[[], None] | None = None,
) -> None:
    """Open the note editor on ``article.body[start:end]`` (with the note and tags of the
    bookmark already there, if any), then add or update the bookmark and say so.
    ``where`` ends the confirmation (" (F3)"); ``saved`` runs after a save."""
    try:
        existing = store.find(article.id, start, end)
    except BriefError:
        existing = None

    def save(draft: BookmarkDraft | None) -> None:
        if draft is None:
            return
        try:
            if existing is not None:
                store.update(existing.id, note=draft.note, tags=draft.tags)
            else:
                store.add(article, start, end, note=draft.note, tags=draft.tags)
        except (BriefError, ValueError, OSError) as exc:
            app.notify(Content(str(exc)), title="Bookmark not saved", severity="error")
            return
        if saved is not None:
            saved()
        verb = "Updated the bookmark" if existing is not None else "Bookmarked a passage"
        app.notify(
            Content(f"{verb} of {article.outlet}{where}. B lists your bookmarks."), timeout=3
        )

    note, tags = (existing.note, existing.tags) if existing is not None else ("", ())
    app.push_screen(BookmarkEditor(article.body[start:end], source_line(article), note, tags), save)

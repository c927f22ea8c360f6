"""The bookmarks screen: every saved passage with its source, note, tags and anchoring status.

Statuses: ● anchored (the passage is where it was saved), ◐ changed (the article was edited
and the passage now reads differently: both texts are shown), ○ orphaned (the passage could
not be found again: the saved quote is shown). From here the user opens a bookmark at its
passage, edits its note and tags, deletes it (with confirmation and undo), filters by tag and
exports the briefing. It shows the open library's bookmarks; ``L`` shows every library's (the
title counts those elsewhere), and ``R`` brings here the bookmarks of a library whose folder
is gone when this library has their articles (the folder was moved or renamed).
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, OptionList, Select, Static
from textual.widgets.option_list import Option

from index.bookmark_status import ARTICLE_GONE, StatusNote, status_note
from index.errors import BriefError
from index.sanitize import visible_controls
from tui.screens.bookmark_editor import BookmarkDraft, BookmarkEditor
from tui.screens.compare_picker import short_date
from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.export_dialog import ExportDialog, ExportRequest, default_export_path
from tui.screens.screen_commands import ScreenCommands

if TYPE_CHECKING:
    from index.bookmarks import Bookmark, BookmarkStore, LibraryCount
    from index.workspace import Workspace

ALL_TAGS = "\x00all"
STATUS_GLYPHS = {"anchored": "●", "changed": "◐", "orphaned": "○"}
STATUS_STYLES = {
    "anchored": "$text-success",
    "changed": "bold $text-warning",
    "orphaned": "bold $text-error",
}
QUOTE_CHARS = 240
UNDO_SECONDS = 10.0
"""How long a deleted bookmark can be brought back with ``u`` (unless something else is
done first): the undo line counts it down."""
CHANGED_STYLE = "bold underline $text-warning"
NOTE_CHARS = 240


@dataclass(frozen=True)
class SourceInfo:
    """What the list shows of a bookmark's article: outlet, title, date."""

    outlet: str
    title: str
    published: str


def clip(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, cut at a word with an ellipsis; control
    characters (a note imported from someone else's export) shown, never sent."""
    text = " ".join(visible_controls(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip() + "…"


def bookmark_prompt(
    bookmark: Bookmark,
    source: SourceInfo,
    elsewhere: str = "",
    note: StatusNote | None = None,
) -> Content:
    """A bookmark as a list entry; every piece of article or user text stays plain text.

    ``elsewhere`` names the bookmark's library when it is not the open one; ``note`` says
    why it is changed or orphaned (looked up when not given)."""
    status = bookmark.status
    if note is None:
        note = status_note(bookmark)
    parts: list[str | tuple[str, str] | Content] = [
        (STATUS_GLYPHS.get(status, "?") + " ", STATUS_STYLES.get(status, "")),
        (source.outlet or bookmark.article, "bold"),
    ]
    if source.published:
        parts.append((f" · {source.published}", "$text-muted"))
    if source.title:
        parts.append((" · ", "$text-muted"))
        parts.append((clip(source.title, 70), "italic"))
    if bookmark.tags:
        parts.append(("   ", ""))
        for i, tag in enumerate(bookmark.tags):
            if i:
                parts.append((" ", ""))
            parts.append((f"#{tag}", "$text-accent"))
    parts.append("\n")
    if status == "changed":
        parts.append("  ")
        parts.append(_status_line(note))
        parts.append(("  (a: keep the new text)", "$text-muted"))
        parts.append("\n")
        parts.append("  ")
        saved, now = changed_words(
            clip(bookmark.quote, QUOTE_CHARS), clip(bookmark.current_text or "", QUOTE_CHARS)
        )
        parts.append(("saved ", "$text-muted"))
        parts.append(_quote(saved))
        parts.append("\n")
        parts.append("  ")
        parts.append(("now   ", "$text-muted"))
        parts.append(_quote(now))
    elif status == "orphaned":
        parts.append("  ")
        parts.append(_status_line(note))
        parts.append("\n")
        parts.append("  ")
        parts.append((note.advice if note else "", "$text-muted"))
        parts.append("\n")
        parts.append("  ")
        parts.append(("saved ", "$text-muted"))
        parts.append(_quote(bookmark.quote))
    else:
        parts.append("  ")
        parts.append(_quote(bookmark.quote))
    if bookmark.note:
        parts.append("\n")
        parts.append("  ")
        parts.append(("note  ", "$text-muted"))
        parts.append(Content(clip(bookmark.note, NOTE_CHARS)))
    if elsewhere:
        parts.append("\n")
        parts.append("  ")
        parts.append((elsewhere, "italic $text-muted"))
    return Content.assemble(*parts)


def _status_line(note: StatusNote | None) -> Content:
    """``orphaned: article removed from the library``, in the status's style."""
    if note is None:
        return Content("")
    return Content.styled(note.label, f"bold {STATUS_STYLES[note.status].split()[-1]}")


def library_label(library: str) -> str:
    """Where a bookmark of another library lives, for its list entry."""
    if not library:
        return "library not recorded (saved by an older Brief)"
    if not Path(library).is_dir():
        return f"library {library} (folder no longer exists)"
    return f"library {library}"


def _quote(text: str | Content) -> Content:
    body = text if isinstance(text, Content) else Content(clip(text, QUOTE_CHARS))
    return Content.assemble(("“", "$text-muted"), body, ("”", "$text-muted"))


def changed_words(saved: str, now: str) -> tuple[Content, Content]:
    """Both texts of a changed bookmark with the words that differ marked (a changed number
    must catch the eye)."""
    saved_words = [(m.start(), m.end()) for m in re.finditer(r"\S+", saved)]
    now_words = [(m.start(), m.end()) for m in re.finditer(r"\S+", now)]
    matcher = SequenceMatcher(
        None,
        [saved[a:b] for a, b in saved_words],
        [now[a:b] for a, b in now_words],
        autojunk=False,
    )
    saved_content, now_content = Content(saved), Content(now)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            saved_content = saved_content.stylize(
                CHANGED_STYLE, saved_words[i1][0], saved_words[i2 - 1][1]
            )
        if j2 > j1:
            now_content = now_content.stylize(CHANGED_STYLE, now_words[j1][0], now_words[j2 - 1][1])
    return saved_content, now_content


class BookmarkList(OptionList):
    """The list of bookmarks; enter opens the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Open")]


class BookmarksScreen(Screen[None]):
    """All bookmarks; enter opens one at its passage in the reader."""

    COMMANDS: ClassVar[set[Any]] = {ScreenCommands}
    CSS_PATH = str(Path(__file__).with_name("bookmarks.tcss"))
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "delete", "Delete"),
        Binding("u", "undo", "Undo"),
        Binding("a", "accept", "Accept change", show=False),
        Binding("t", "tags", "Tags"),
        Binding("x", "export", "Export"),
        Binding("L", "toggle_libraries", "Libraries"),
        Binding("R", "relocate", "Bring here", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, workspace: Workspace, bookmarks: BookmarkStore) -> None:
        super().__init__()
        self.workspace = workspace
        self.bookmarks = bookmarks
        self.items: list[Bookmark] = []
        self.notes: dict[int, StatusNote | None] = {}
        """Why each changed or orphaned bookmark is so, by id (looked up off the UI thread)."""
        self.sources: dict[str, SourceInfo] = {}
        self.tag: str | None = None
        self.undoable: Bookmark | None = None
        """The bookmark just deleted, while ``u`` can still bring it back."""
        self._undo_until = 0.0
        self._undo_timer: Timer | None = None
        self.total = 0
        self.all_libraries = False
        """Show every library's bookmarks, not only the open library's."""
        self.elsewhere = 0
        """Bookmarks of other libraries (not shown unless ``all_libraries``)."""
        self.gone: list[LibraryCount] = []
        """Libraries whose folder is gone but whose articles this library has (moved here?)."""
        self._reanchored = False
        self._select_id: int | None = None

    @property
    def library(self) -> str:
        """The open library, as the store names it."""
        from index.bookmarks import library_key

        return self.bookmarks.library or library_key(self.workspace.library.root)

    def compose(self) -> ComposeResult:
        with Horizontal(id="bookmarks-bar"):
            yield Static(Content("Bookmarks"), id="bookmarks-title")
            yield Select[str](
                [(Content("all tags"), ALL_TAGS)],
                value=ALL_TAGS,
                allow_blank=False,
                id="bookmarks-tag",
                compact=True,
            )
        yield BookmarkList(id="bookmarks-list")
        yield Static(Content(""), id="bookmarks-empty")
        yield Static(Content(""), id="bookmarks-undo")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).loading = True
        self.refresh_list()

    @work(thread=True, exclusive=True, group="bookmarks")
    def refresh_list(self) -> None:
        """Re-anchor (once per visit), then read bookmarks, tags and sources off the UI thread."""
        problems: list[str] = []
        try:
            gone: list[LibraryCount] | None = None
            if not self._reanchored:
                report = self.bookmarks.reanchor(self.workspace.library)
                problems = list(report.problems)
                gone = [g for g in report.gone if g.here]
                problems += [
                    f"{g.count} bookmarks belong to {g.library}, whose folder no longer exists; "
                    f"{g.here} of their articles are in this library. If the folder was moved "
                    f"here, press R to bring them here."
                    for g in gone
                ]
                self._reanchored = True
            everywhere = self.all_libraries
            items = self.bookmarks.list(tag=self.tag, all_libraries=everywhere)
            total = len(self.bookmarks.list(all_libraries=everywhere)) if self.tag else len(items)
            tags = self.bookmarks.tags(all_libraries=everywhere)
            elsewhere = self.bookmarks.count_elsewhere()
            sources = self._sources(items)
            here = self.library
            notes = {b.id: status_note(b, library=here) for b in items if b.status != "anchored"}
        except BriefError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # a bug below must not take the app down with it
            self.app.call_from_thread(self._failed, f"reading the bookmarks failed: {exc!r}")
            return
        self.app.call_from_thread(
            self._show, items, total, tags, sources, problems, elsewhere, gone, notes
        )

    def _sources(self, items: list[Bookmark]) -> dict[tuple[str, str], SourceInfo]:
        """(library, article id) -> what to show of the article: the open library's from
        its index, other libraries' (and vanished articles') from what the store saw last."""
        here = self.library
        known = {}
        try:
            for summary in self.workspace.articles():
                known[(here, summary.id)] = SourceInfo(
                    summary.outlet, summary.title, short_date(summary.published)
                )
        except BriefError:
            pass
        for bookmark in items:
            source = bookmark.source
            key = (bookmark.library, bookmark.article)
            if key not in known and source is not None:
                known[key] = SourceInfo(source.outlet, source.title, short_date(source.published))
        return known

    def _failed(self, message: str) -> None:
        self.query_one(OptionList).loading = False
        self.notify(Content(message), title="Bookmarks", severity="error")

    def _show(
        self,
        items: list[Bookmark],
        total: int,
        tags: list[tuple[str, int]],
        sources: dict[tuple[str, str], SourceInfo],
        problems: list[str],
        elsewhere: int = 0,
        gone: list[LibraryCount] | None = None,
        notes: dict[int, StatusNote | None] | None = None,
    ) -> None:
        self.items = items
        self.notes = notes or {}
        self.total = total
        self.sources = sources
        self.elsewhere = elsewhere
        if gone is not None:
            self.gone = gone
        self.refresh_bindings()
        here = self.library
        options = self.query_one(OptionList)
        previous = options.highlighted
        options.clear_options()
        entries: list[Option | None] = []
        for bookmark in items:
            if entries:
                entries.append(None)
            elsewhere = "" if bookmark.library == here else library_label(bookmark.library)
            prompt = bookmark_prompt(
                bookmark, self.source_of(bookmark), elsewhere, self.notes.get(bookmark.id)
            )
            entries.append(Option(prompt, id=str(bookmark.id)))
        options.add_options(entries)
        options.loading = False
        target = 0
        if self._select_id is not None:
            target = next((i for i, b in enumerate(items) if b.id == self._select_id), 0)
            self._select_id = None
        elif previous is not None:
            target = min(previous, len(items) - 1)
        if items:
            options.highlighted = max(target, 0)
        self._update_tags(tags)
        self._update_title()
        empty = self.query_one("#bookmarks-empty", Static)
        empty.display = not items
        if self.tag:
            message = "No bookmark has this tag."
        elif self.elsewhere and not self.all_libraries:
            message = (
                f"No bookmarks in this library. {self.elsewhere} in other libraries: "
                f"press L to show them. To bookmark, press b on a passage in the reader."
            )
        else:
            message = "No bookmarks yet. In the reader or compare view, press b on a passage."
        empty.update(Content.styled(message, "$text-muted"))
        options.focus()
        for problem in problems:
            self.notify(Content(problem), title="Bookmarks", severity="warning")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the libraries toggle only when another library has bookmarks, and undo only
        after a delete (the footer has no room for keys that do nothing)."""
        if action == "toggle_libraries":
            return bool(self.elsewhere or self.all_libraries)
        if action == "undo":
            return self.undoable is not None
        return True

    def source_of(self, bookmark: Bookmark) -> SourceInfo:
        key = (bookmark.library, bookmark.article)
        return self.sources.get(key) or SourceInfo("", "", "")

    def _update_title(self) -> None:
        counts = {"changed": 0, "orphaned": 0}
        for bookmark in self.items:
            if bookmark.status in counts:
                counts[bookmark.status] += 1
        parts: list[str | tuple[str, str]] = [("Bookmarks", "bold")]
        if self.all_libraries:
            parts.append((" of all libraries", "bold"))
        parts += [
            ("  ·  ", "$text-muted"),
            f"{len(self.items)}" + (f" of {self.total}" if self.tag else ""),
        ]
        if self.elsewhere and not self.all_libraries:
            parts += [
                ("  ·  ", "$text-muted"),
                (f"{self.elsewhere} more in other libraries (L)", "$text-muted"),
            ]
        if self.tag:
            parts += [("  ·  tag: ", "$text-muted"), (self.tag, "$text-accent")]
        if counts["changed"]:
            parts += [
                ("  ·  ", "$text-muted"),
                (f"◐ {counts['changed']} changed", STATUS_STYLES["changed"]),
            ]
        if counts["orphaned"]:
            parts += [
                ("  ·  ", "$text-muted"),
                (f"○ {counts['orphaned']} orphaned", STATUS_STYLES["orphaned"]),
            ]
        self.query_one("#bookmarks-title", Static).update(Content.assemble(*parts))

    def _update_tags(self, tags: list[tuple[str, int]]) -> None:
        select = self.query_one("#bookmarks-tag", Select)
        options: list[tuple[Content, str]] = [(Content(f"all tags ({self.total})"), ALL_TAGS)]
        options += [(Content(f"#{tag} ({count})"), tag) for tag, count in tags]
        with select.prevent(Select.Changed):
            select.set_options(options)
            values = {value for _, value in options}
            select.value = self.tag if self.tag in values else ALL_TAGS

    def current(self) -> Bookmark | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self.items):
            return None
        return self.items[index]

    @on(Select.Changed, "#bookmarks-tag")
    def _tag_chosen(self, event: Select.Changed) -> None:
        value = event.value
        tag = None if value in (ALL_TAGS, Select.BLANK) else str(value)
        if tag != self.tag:
            self._end_undo()
            self.tag = tag
            self.refresh_list()

    @on(OptionList.OptionSelected, "#bookmarks-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        bookmark = self.current()
        if bookmark is None:
            return
        if bookmark.library != self.library:
            self.notify(
                Content(
                    f"This bookmark belongs to another library "
                    f"({library_label(bookmark.library)}). "
                    f"Open that library to read it: brief --library FOLDER"
                ),
                timeout=6,
            )
            return
        if bookmark.status == "orphaned":
            note = self.notes.get(bookmark.id) or status_note(bookmark, library=self.library)
            if note is ARTICLE_GONE:
                self.notify(Content(str(note)), title="Cannot open", timeout=6)
                return
            self.notify(
                Content(f"{note}\nOpening the article at its start."),
                title="Orphaned bookmark",
                timeout=6,
            )
            self._end_undo()
            self.app.call_later(self.app.open_article, bookmark.article)  # type: ignore[attr-defined]
            return
        self._end_undo()
        # call_later awaits the app's open_article whether it is a coroutine or not.
        self.app.call_later(
            self.app.open_article,  # type: ignore[attr-defined]
            bookmark.article,
            start=bookmark.start,
            end=bookmark.end,
        )

    def action_edit(self) -> None:
        bookmark = self.current()
        if bookmark is None:
            return
        source = self.source_of(bookmark)
        line = " · ".join(x for x in (source.outlet, source.published, source.title) if x)

        def save(draft: BookmarkDraft | None) -> None:
            if draft is None:
                return
            self._end_undo()
            try:
                self.bookmarks.update(bookmark.id, note=draft.note, tags=draft.tags)
            except BriefError as exc:
                self.notify(Content(str(exc)), title="Not saved", severity="error")
                return
            self._select_id = bookmark.id
            self.notify("Bookmark saved.", timeout=2)
            self.refresh_list()

        self.app.push_screen(
            BookmarkEditor(bookmark.text, line or bookmark.article, bookmark.note, bookmark.tags),
            save,
        )

    def action_delete(self) -> None:
        bookmark = self.current()
        if bookmark is None:
            return
        message = Content.assemble(
            "Delete the bookmark of ",
            (self.source_of(bookmark).outlet or bookmark.article, "bold"),
            "?\n",
            _quote(bookmark.quote),
            (f"\nYou can undo with u for {UNDO_SECONDS:.0f} seconds.", "$text-muted"),
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                removed = self.bookmarks.delete(bookmark.id)
            except BriefError as exc:
                self.notify(Content(str(exc)), title="Not deleted", severity="error")
                return
            self._offer_undo(removed)
            self.refresh_list()

        self.app.push_screen(ConfirmDialog("Delete bookmark", message), answered)

    def _offer_undo(self, bookmark: Bookmark) -> None:
        """Offer to bring ``bookmark`` back for :data:`UNDO_SECONDS`, on a line that counts
        down; an earlier delete can no longer be undone."""
        self._end_undo()
        self.undoable = bookmark
        self._undo_until = time.monotonic() + UNDO_SECONDS
        self._undo_timer = self.set_interval(min(1.0, UNDO_SECONDS / 4), self._tick_undo)
        self._tick_undo()
        self.refresh_bindings()

    def _tick_undo(self) -> None:
        bookmark = self.undoable
        left = self._undo_until - time.monotonic()
        if bookmark is None or left <= 0:
            self._end_undo()
            return
        bar = self.query_one("#bookmarks-undo", Static)
        bar.update(
            Content.assemble(
                "Deleted the bookmark of ",
                (self.source_of(bookmark).outlet or bookmark.article, "bold"),
                " ",
                _quote(Content(clip(bookmark.quote, 50))),
                ("  ·  ", "$text-muted"),
                ("u", "bold $text-accent"),
                f" to undo ({math.ceil(left)} s)",
            )
        )
        bar.display = True

    def _end_undo(self) -> None:
        """Undo is over (its time is up, or the user did something else): the line goes,
        and ``u`` leaves the footer."""
        if self._undo_timer is not None:
            self._undo_timer.stop()
            self._undo_timer = None
        if self.undoable is None:
            return
        self.undoable = None
        self.query_one("#bookmarks-undo", Static).display = False
        self.refresh_bindings()

    def action_undo(self) -> None:
        bookmark = self.undoable
        if bookmark is None or time.monotonic() >= self._undo_until:
            self._end_undo()
            return
        self._end_undo()
        try:
            restored = self.bookmarks.restore(bookmark)
        except BriefError as exc:
            self.notify(Content(str(exc)), title="Not restored", severity="error")
            return
        self._select_id = restored.id
        self.notify("Bookmark restored.", timeout=3)
        self.refresh_list()

    def action_accept(self) -> None:
        bookmark = self.current()
        if bookmark is None or bookmark.status != "changed":
            return
        self._end_undo()
        accepted = self.bookmarks.accept(bookmark.id)
        self._select_id = accepted.id
        self.notify("The passage's current text is now the bookmark's quote.", timeout=3)
        self.refresh_list()

    def action_tags(self) -> None:
        select = self.query_one("#bookmarks-tag", Select)
        select.focus()
        select.expanded = True

    def action_export(self) -> None:
        if not self.items:
            self.notify("No bookmarks to export.", timeout=3)
            return
        scope = f"tag {self.tag}" if self.tag else "all tags"
        scope += ", all libraries" if self.all_libraries else ", this library"
        dialog = ExportDialog(default_export_path(), len(self.items), scope)
        self.app.push_screen(dialog, self._export_chosen)

    def _export_chosen(self, request: ExportRequest | None) -> None:
        if request is not None:
            self._end_undo()
            self.export(request, list(self.items))

    @work(thread=True, exclusive=True, group="export")
    def export(self, request: ExportRequest, items: list[Bookmark]) -> None:
        """Write the briefing (off the UI thread); never replaces a file not confirmed."""
        from index.atomic import write_atomic
        from index.briefing import export_json, export_markdown

        try:
            if request.path.exists() and not request.overwrite:
                raise BriefError(f"{request.path} exists; not replaced")
            if request.path.suffix.lower() == ".json":
                hashes = (b.content_hash for b in items)
                text = export_json(items, self.bookmarks.texts(hashes))
            else:
                text = export_markdown(
                    items,
                    self.workspace.library,
                    story_of=_story_lookup(self.workspace),
                    group_by=request.group_by,
                )
            write_atomic(request.path, text, make_parents=False)
        except (BriefError, OSError) as exc:
            message = str(exc)
            self.app.call_from_thread(
                self.notify, Content(message), title="Export failed", severity="error"
            )
            return
        noun = "bookmark" if len(items) == 1 else "bookmarks"
        self.app.call_from_thread(
            self.notify, Content(f"Wrote {len(items)} {noun} to {request.path}"), title="Exported"
        )

    def action_toggle_libraries(self) -> None:
        """Show every library's bookmarks, or the open library's again."""
        self._end_undo()
        self.all_libraries = not self.all_libraries
        self.notify(
            "Showing every library's bookmarks."
            if self.all_libraries
            else "Showing this library's bookmarks.",
            timeout=2,
        )
        self.refresh_list()

    def action_relocate(self) -> None:
        """Bring here the bookmarks of a library whose folder is gone (it was moved here)."""
        if not self.gone:
            self.notify("No bookmarks of a moved library to bring here.", timeout=3)
            return
        gone = self.gone[0]
        message = Content.assemble(
            f"Bring {gone.count} bookmarks of ",
            (gone.library, "bold"),
            " (its folder no longer exists) to this library?\n",
            (
                f"{gone.here} of their articles are here. Their passages are checked at once; "
                "nothing is deleted.",
                "$text-muted",
            ),
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self._end_undo()
            try:
                moved = self.bookmarks.relocate(gone.library, self.workspace.library.root)
            except BriefError as exc:
                self.notify(Content(str(exc)), title="Not moved", severity="error")
                return
            self.gone = [g for g in self.gone if g.library != gone.library]
            self._reanchored = False
            self.notify(f"Brought {moved} bookmarks to this library.", timeout=4)
            self.refresh_list()

        self.app.push_screen(
            ConfirmDialog("Bring bookmarks here", message, action="Bring here"), answered
        )

    def action_back(self) -> None:
        self._end_undo()
        self.dismiss(None)


def _story_lookup(workspace: Workspace) -> Callable[[str], tuple[str, str] | None]:
    """article id -> (story id, story title), from the workspace's stories."""

    def story_of(article_id: str) -> tuple[str, str] | None:
        story = workspace.story_of(article_id)
        return (story.id, story.title) if story is not None else None

    return story_of

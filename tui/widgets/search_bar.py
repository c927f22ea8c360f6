"""The search bar: the query box and one row of filters (outlet, entity, date range, sort)
whose choices show facet counts from the current result set."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Input, Select, Static
from textual.widgets._select import SelectCurrent

from index.date_filter import SHORT_FORMS, DateFilterError, could_become_date, parse_date_filter
from tui.widgets.legend import ENTITY_LABELS, ENTITY_STYLES
from tui.widgets.ordered_input import OrderedInput


@dataclass(frozen=True)
class SearchRequest:
    """What the user asked for: the query and the filters."""

    query: str
    outlet: str | None
    entity: str | None
    since: date | None
    until: date | None
    sort: str


DATE_BOXES = {"since": "since", "until": "until"}
"""The date boxes by id, with the name a hint gives each."""


def date_problem(box: str, text: str, *, typing: bool = False) -> str | None:
    """Why the text of date box ``box`` filters nothing, for the hint under the filters;
    None when it is a date or blank, or while ``typing`` a date that is not finished."""
    try:
        parse_date_filter(text)
    except DateFilterError as exc:
        if typing and could_become_date(text):
            return None
        return (
            f"{DATE_BOXES[box]} ‘{text.strip()}’ is not a date ({exc.reason}): type "
            f"{SHORT_FORMS}. Not filtering by it."
        )
    return None


def date_bound(text: str, *, end: bool = False) -> date | None:
    """The first day (``end``: the last) of the date typed, or None when it is none."""
    try:
        span = parse_date_filter(text)
    except DateFilterError:
        return None
    if span is None:
        return None
    return span.last if end else span.first


class SearchBar(Vertical):
    """Query box and filters; posts :class:`SearchBar.Changed` on every edit."""

    DEFAULT_CSS = """
    SearchBar { height: auto; border: round $primary-muted; border-title-color: $text-primary; }
    SearchBar:focus-within { border: round $primary; }
    SearchBar #query-row { height: 1; }
    SearchBar #query { width: 1fr; }
    SearchBar #status { width: auto; max-width: 50%; padding: 0 1; color: $text-muted; }
    SearchBar #filters { height: 1; }
    SearchBar #filters Select { width: 1fr; max-width: 36; margin-right: 1; }
    SearchBar #filters #sort { width: 18; }
    SearchBar #filters Input { width: 13; margin-right: 1; }
    /* A date box that is not a date: marked beyond the tint (16 colours, NO_COLOR) and
    explained on a line of its own, shown only then. */
    SearchBar #filters Input.-invalid { text-style: bold underline; color: $text-error; }
    SearchBar #date-hint { height: auto; display: none; color: $text-error; }
    /* A choice with its count (and type) reads on one line: an overlay may be wider. */
    SearchBar #filters #outlet > SelectOverlay, SearchBar #filters #entity > SelectOverlay {
        width: 60;
    }
    /* The chosen value on its one row, cut with "…" in a narrow terminal (it wrapped
    onto hidden rows, and the box looked empty at 80 columns). */
    SearchBar #filters SelectCurrent { height: 1; }
    SearchBar #filters SelectCurrent #label { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    class Changed(Message):
        def __init__(self, request: SearchRequest) -> None:
            super().__init__()
            self.request = request

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._status_width = 0
        self._filled: dict[str, list[tuple[str, int]]] = {}
        """Each filter's choices as last filled (name, count)."""
        self._date_problems: dict[str, str | None] = {}
        """Why each date box filters nothing, while it does not (shown under the filters)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="query-row"):
            yield OrderedInput(
                placeholder='search: words, "phrases", prefix*, outlet:…, -not',
                id="query",
                compact=True,
            )
            yield Static(Content(""), id="status")
        with Horizontal(id="filters"):
            yield Select[str]([], prompt="Outlet: any", id="outlet", compact=True)
            yield EntitySelect([], prompt="Entity: any", id="entity", compact=True)
            yield OrderedInput(placeholder="since", id="since", compact=True, max_length=10)
            yield OrderedInput(placeholder="until", id="until", compact=True, max_length=10)
            yield Select[str](
                [(Content("Sort: relevance"), "relevance"), (Content("Sort: date"), "date")],
                value="relevance",
                allow_blank=False,
                id="sort",
                compact=True,
            )
        yield Static(Content(""), id="date-hint")

    def on_mount(self) -> None:
        self.border_title = "/ search"

    @property
    def query_input(self) -> Input:
        return self.query_one("#query", Input)

    def request(self) -> SearchRequest:
        def chosen(select_id: str) -> str | None:
            value = self.query_one(select_id, Select).value
            return value if isinstance(value, str) else None

        return SearchRequest(
            query=self.query_input.value,
            outlet=chosen("#outlet"),
            entity=chosen("#entity"),
            since=date_bound(self.query_one("#since", Input).value),
            until=date_bound(self.query_one("#until", Input).value, end=True),
            sort=str(self.query_one("#sort", Select).value or "relevance"),
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        box = event.input
        if box.id in DATE_BOXES:
            self._check_date(box, typing=box.has_focus)
            typed = event.value.strip()
            if typed and date_bound(typed) is None and could_become_date(typed):
                return  # a date being typed: no search until it is one, or the box is left
        self.post_message(self.Changed(self.request()))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "query":
            event.stop()
        if event.input.id in DATE_BOXES:
            self._left_date(event.input)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, Input) and event.widget.id in DATE_BOXES:
            self._left_date(event.widget)

    def _left_date(self, box: Input) -> None:
        """A date box left (or enter pressed) with an unfinished date: it filters nothing,
        so it is marked, and the results are searched again without it."""
        if self._check_date(box, typing=False) and could_become_date(box.value):
            self.post_message(self.Changed(self.request()))

    def _check_date(self, box: Input, *, typing: bool) -> bool:
        """Mark ``box`` invalid or not and update the hint; whether it is invalid."""
        problem = date_problem(str(box.id), box.value, typing=typing)
        box.set_class(problem is not None, "-invalid")
        self._date_problems[str(box.id)] = problem
        shown = [p for p in (self._date_problems.get(b) for b in DATE_BOXES) if p]
        hint = self.query_one("#date-hint", Static)
        hint.update(Content("\n".join(shown)))
        hint.display = bool(shown)
        return problem is not None

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self.request()))

    def set_status(self, content: Content) -> None:
        status = self.query_one("#status", Static)
        # The status is as wide as its text: the row is laid out again only when that
        # width changes (a layout redraws the whole screen, between two keystrokes).
        width = self._status_width
        self._status_width = content.cell_length
        status.update(content, layout=content.cell_length != width)

    def set_facets(
        self,
        facets: Mapping[str, Mapping[str, int]],
        types: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """Refill the outlet and entity choices with counts, keeping the current choice;
        ``types`` gives each entity's types (PERSON, PLACE...), shown beside its name."""
        self._fill("#outlet", "Outlet", facets.get("outlet", {}))
        self._fill("#entity", "Entity", facets.get("entity", {}), types or {}, limit=40)

    def _fill(
        self,
        select_id: str,
        label: str,
        counts: Mapping[str, int],
        types: Mapping[str, Sequence[str]] | None = None,
        limit: int = 100,
    ) -> None:
        select = self.query_one(select_id, Select)
        current = select.value if isinstance(select.value, str) else None
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower()))[:limit]
        names = [name for name, _ in ranked]
        if current and current not in names:
            names.append(current)
        kinds = types or {}
        chosen = [(name, counts.get(name, 0), tuple(kinds.get(name, ()))) for name in names]
        if self._filled.get(select_id) == chosen:
            return  # the same choices: rebuilding them would redraw the whole screen
        self._filled[select_id] = chosen
        # "any" is the Select's own blank choice (its prompt): no second one is listed.
        options = [(choice_prompt(label, *choice), choice[0]) for choice in chosen]
        if isinstance(select, EntitySelect):
            select.choices = {name: (count, kinds) for name, count, kinds in chosen}
        with select.prevent(Select.Changed):
            select.set_options(options)
            if current:
                select.value = current


def choice_prompt(label: str, name: str, count: int, types: Sequence[str] = ()) -> Content:
    """``Entity: Georgia · place (12)``: the name as plain text (never markup), its types in
    their legend styles, and how many hits choosing it gives."""
    prompt = Content(f"{label}: ").append(Content(name))
    if types:
        kinds = Content("/").join(
            Content(ENTITY_LABELS.get(kind, kind.lower())).stylize(ENTITY_STYLES.get(kind, ""))
            for kind in types
        )
        prompt = prompt.append(" · ").append(kinds)
    return prompt.append(f" ({count})")


def fitted_choice(label: str, name: str, count: int, types: Sequence[str], width: int) -> Content:
    """The chosen value of a filter in ``width`` cells, its types always in view: the
    count goes first, then the name is cut with "…" (a cut at the end took the type).
    Measured in cells, not characters: a CJK name takes two cells a character."""
    full = choice_prompt(label, name, count, types)
    if not types or full.cell_length <= width:
        return full
    uncounted = full[: len(full.plain) - len(f" ({count})")]
    if uncounted.cell_length <= width:
        return uncounted
    prefix = Content(f"{label}: ")
    kinds = uncounted[len(prefix.plain) + len(name) :]  # " · weapon", in its legend style
    room = width - prefix.cell_length - kinds.cell_length
    if room < 4:  # too narrow for the label as well: the name and its type alone
        prefix, room = Content(""), width - kinds.cell_length
    return prefix.append(Content(cut_to_cells(name, room))).append(kinds)


def cut_to_cells(text: str, cells: int) -> str:
    """``text`` in at most ``cells`` screen cells: whole, or cut with "…" after as many
    characters as fit (a wide character is never split)."""
    if cell_len(text) <= cells:
        return text
    kept: list[str] = []
    used = 0
    for character in text:
        used += cell_len(character)
        if used > cells - 1:
            break
        kept.append(character)
    return "".join(kept).rstrip() + "…"


class EntitySelect(Select[str]):
    """The entity filter: its chosen value keeps the entity's type in view, however
    narrow the filter, by shortening the name instead."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices: dict[str, tuple[int, tuple[str, ...]]] = {}
        """Each listed entity's hit count and types, as last filled."""

    def _watch_value(self, value: object) -> None:
        super()._watch_value(value)  # type: ignore[arg-type]
        self._fit_chosen()

    def on_resize(self) -> None:
        self._fit_chosen()

    def _fit_chosen(self) -> None:
        value = self.value
        if not isinstance(value, str) or value not in self.choices:
            return
        try:
            current = self.query_one(SelectCurrent)
        except NoMatches:
            return
        width = current.query_one("#label").size.width
        if width <= 0:
            return  # laid out later: the resize fits it
        count, types = self.choices[value]
        current.update(fitted_choice("Entity", value, count, types, width))

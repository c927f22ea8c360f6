"""Marks that hold without colour: under NO_COLOR (Textual draws greys only) and in a
16-colour terminal (the theme's tints fall to the screen's own colour) every entity type,
the query hits, the bookmarked passages and the passage cursor must still look different,
and the legend must show the same cues. Read from the cells the app actually draws."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_pilot import article_id_of, ready, settle, type_query
from rich.color import ColorSystem
from rich.style import Style
from screen_host import ScreenHost, Setup, make_setup
from textual.geometry import Offset, Region

from index.mentions import ENTITY_TYPES
from tui.app import BriefApp
from tui.screens.compare import CompareScreen
from tui.widgets.compare_view import CompareView
from tui.widgets.legend import ENTITY_LABELS
from tui.widgets.reader import Reader

ATTRIBUTES = ("bold", "dim", "italic", "underline", "underline2", "reverse", "strike", "blink")
Cell = tuple[str, Style]


def attributes(style: Style) -> frozenset[str]:
    """What a terminal without colour still shows of a cell: its text attributes."""
    return frozenset(name for name in ATTRIBUTES if getattr(style, name))


def sixteen(style: Style) -> tuple[frozenset[str], int | None, int | None]:
    """What a 16-colour terminal gets: attributes and colours cut down to the 16."""

    def number(color) -> int | None:
        return None if color is None else color.downgrade(ColorSystem.STANDARD).number

    return attributes(style), number(style.color), number(style.bgcolor)


def screen_rows(app) -> list[list[Cell]]:
    """The whole screen as sent to the terminal (after NO_COLOR's filter), cell by cell."""
    rows = []
    for strip in app.screen._compositor.render_strips():
        rows.append([(char, seg.style or Style()) for seg in strip for char in seg.text])
    return rows


def body_cells(app, reader: Reader) -> dict[int, Style]:
    """The style of each body character on screen, by its offset in the body."""
    region: Region = reader.content_region
    rows = screen_rows(app)
    cells: dict[int, Style] = {}
    for y in range(region.y, region.bottom):
        for x in range(region.x, region.right):
            offset = reader.body_offset_at(Offset(x - region.x, y - region.y))
            if offset is not None and offset < len(reader.article.body):
                row = reader.rows_of(offset, offset + 1)
                if row and x - region.x < len(rows[y]):
                    cells.setdefault(offset, rows[y][x][1])
    return cells


def cells_of_text(app, region: Region, text: str) -> list[Style]:
    """The styles of the first place ``text`` is drawn inside ``region``."""
    for row in screen_rows(app)[region.y : region.bottom]:
        line = "".join(char for char, _ in row)
        at = line.find(text, region.x, region.right)
        if at >= 0:
            return [style for _, style in row[at : at + len(text)]]
    raise AssertionError(f"{text!r} is not on screen")


async def look_at(app, pilot, reader: Reader, start: int, end: int) -> dict[int, Style]:
    """Scroll ``body[start:end]`` into view and return the body cells on screen."""
    rows = reader.rows_of(start, end)
    reader.scroll_to(y=max(0, rows.start - 2), animate=False, immediate=True)
    await pilot.pause()
    return body_cells(app, reader)


def looks(cells: dict[int, Style], body: str, start: int, end: int, key=attributes) -> set:
    """The distinct looks of the visible characters of ``body[start:end]``."""
    return {key(cells[i]) for i in range(start, end) if not body[i].isspace() and i in cells}


class Marked:
    """Which body offsets carry which mark in the reader right now."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        article = reader.article
        self.special = set()  # captions and headings have a style of their own
        for p in article.paragraphs:
            if p.kind != "text":
                self.special.update(range(p.start, p.end))
        self.hit = {i for s, e in reader.hits for i in range(s, e)}
        self.bookmark = {i for s, e in reader.bookmarks for i in range(s, e)}
        cursor = reader.current_passage
        self.cursor = set(range(cursor.start, cursor.end)) if cursor else set()
        self.mention = {i for m in reader.mentions for i in range(m.start, m.end)}

    def clean(self, start: int, end: int, *, allow: tuple[str, ...] = ()) -> bool:
        span = set(range(start, end))
        for name in ("special", "hit", "bookmark", "cursor"):
            if name not in allow and span & getattr(self, name):
                return False
        return True

    def mention_of(self, type_: str, *, within: str | None = None):
        """A mention of ``type_`` outside every other mark (or inside ``within`` only)."""
        allow = (within,) if within else ()
        for m in self.reader.mentions:
            if m.type != type_ or not self.clean(m.start, m.end, allow=allow):
                continue
            if within and not set(range(m.start, m.end)) <= getattr(self, within):
                continue
            others = [o for o in self.reader.mentions if o is not m]
            if any(o.start < m.end and m.start < o.end for o in others):
                continue
            return m
        return None

    def plain_word(self, *, within: str | None = None) -> tuple[int, int]:
        """A word of plain body text, outside every mark (or inside ``within`` only)."""
        import re

        body = self.reader.article.body
        allow = (within,) if within else ()
        for match in re.finditer(r"[A-Za-z]{4,}", body):
            a, b = match.span()
            span = set(range(a, b))
            if span & self.mention or not self.clean(a, b, allow=allow):
                continue
            if within and not span <= getattr(self, within):
                continue
            return a, b
        raise AssertionError(f"no plain word {'in ' + within if within else ''}")


async def open_marked_reader(app: BriefApp, pilot, library: Path) -> Reader:
    """ICARO's version (all six entity types) with the query "korea", its second sentence
    bookmarked through the note editor and the cursor moved two sentences further."""
    await ready(app, pilot)
    await type_query(app, pilot, "korea")
    await app.open_article(article_id_of(library, "ICARO Media Group"))
    await settle(app, pilot)
    reader = app.main_screen.query_one("#reader", Reader)
    reader.focus()
    reader.move_cursor(0)
    await pilot.press("down")
    await pilot.press("b")
    await pilot.pause()
    await pilot.press("ctrl+s")
    await settle(app, pilot)
    assert reader.bookmarks, "the bookmark is marked in the reader"
    await pilot.press("down", "down")
    await pilot.pause()
    assert {t for t in ENTITY_TYPES} <= {m.type for m in reader.mentions}
    assert reader.hits
    return reader


async def marks_look(app, pilot, reader: Reader, key) -> dict[str, object]:
    """The look (by ``key``) of each kind of mark in the reader, each checked uniform."""
    body = reader.article.body
    marked = Marked(reader)
    found: dict[str, object] = {}

    async def look(name: str, start: int, end: int) -> None:
        cells = await look_at(app, pilot, reader, start, end)
        seen = looks(cells, body, start, end, key)
        assert len(seen) == 1, f"{name} ({body[start:end]!r}) is drawn one way: {seen}"
        found[name] = seen.pop()

    await look("plain", *marked.plain_word())
    for type_ in ENTITY_TYPES:
        mention = marked.mention_of(type_)
        assert mention is not None, f"a clean {type_} mention"
        await look(type_, mention.start, mention.end)
    await look("cursor", *marked.plain_word(within="cursor"))
    await look("bookmark", *marked.plain_word(within="bookmark"))
    plain_hits = [
        (s, e)
        for s, e in reader.hits
        if marked.clean(s, e, allow=("hit",)) and not set(range(s, e)) & marked.mention
    ]
    if plain_hits:
        await look("hit", *plain_hits[0])
    # a hit inside a mention: the mention's look with the hit's on top
    for s, e in reader.hits:
        inside = [m for m in reader.mentions if m.start <= s and e <= m.end]
        if inside and marked.clean(s, e, allow=("hit",)):
            await look(f"hit in {inside[0].type}", s, e)
            found["hit type"] = inside[0].type
            break
    return found


async def test_no_color_every_mark_differs_in_text_attributes(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.no_color
        reader = await open_marked_reader(app, pilot, library)
        found = await marks_look(app, pilot, reader, attributes)
        kinds = ["plain", *ENTITY_TYPES, "cursor", "bookmark"]
        shown = {kind: found[kind] for kind in kinds}
        assert len(set(shown.values())) == len(kinds), f"all marks look different: {shown}"
        hit_type = found["hit type"]
        hit_look = found[f"hit in {hit_type}"]
        assert hit_look != found[hit_type], "a hit differs from the same entity not hit"
        assert hit_look not in shown.values(), "a hit looks like no other mark"
        assert found[hit_type] <= hit_look, "a hit keeps its entity's attributes"
        if "hit" in found:
            assert found["hit"] not in shown.values(), "a hit on a plain word too"


async def test_no_color_marks_inside_the_cursor_and_bookmark_stay_apart(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_marked_reader(app, pilot, library)
        body = reader.article.body
        # put the cursor on a sentence holding a query hit and an entity
        for n, passage in enumerate(reader.passages):
            spans = [(s, e) for s, e in reader.hits if passage.start <= s and e <= passage.end]
            if spans and not Marked(reader).special & set(range(passage.start, passage.end)):
                reader.move_cursor(n)
                break
        await pilot.pause()
        marked = Marked(reader)
        passage = reader.current_passage
        cells = await look_at(app, pilot, reader, passage.start, passage.end)
        cursor_plain = looks(cells, body, *marked.plain_word(within="cursor"))
        hit = next((s, e) for s, e in reader.hits if passage.start <= s and e <= passage.end)
        assert looks(cells, body, *hit) != cursor_plain, "a hit shows inside the cursor"
        in_cursor = {
            m.type: looks(cells, body, m.start, m.end)
            for m in reader.mentions
            if passage.start <= m.start
            and m.end <= passage.end
            and not set(range(m.start, m.end)) & marked.hit
        }
        assert in_cursor, "the cursor sentence holds an entity"
        for type_, look in in_cursor.items():
            assert look != cursor_plain, f"a {type_} shows inside the cursor"
        # inside the bookmarked passage, an underlined type keeps a single underline
        bookmark_start, bookmark_end = reader.bookmarks[0]
        cells = await look_at(app, pilot, reader, bookmark_start, bookmark_end)
        plain = looks(cells, body, *marked.plain_word(within="bookmark"))
        for m in reader.mentions:
            if bookmark_start <= m.start and m.end <= bookmark_end:
                assert looks(cells, body, m.start, m.end) != plain, f"{m.type} in a bookmark"


async def test_no_color_legend_shows_the_cues_the_text_uses(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_marked_reader(app, pilot, library)
        found = await marks_look(app, pilot, reader, attributes)
        # the header's entity tally is the reader's key to the types
        reader.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        region = reader.content_region
        for type_ in ENTITY_TYPES:
            count = sum(1 for m in reader.mentions if m.type == type_ and not m.in_caption)
            label = f"{type_} {count}"
            seen = {attributes(s) for s in cells_of_text(app, region, label)}
            assert seen == {found[type_]}, f"the header shows {type_} as the text does"
        # the entities panel's legend: hits, bookmarks, chosen entity, cursor
        if (
            not app.main_screen.query("#entities-legend")
            or not app.main_screen.query_one("#entities-legend").display
        ):
            await pilot.press("e")
            await pilot.pause()
        legend = app.main_screen.query_one("#entities-legend")
        region = legend.content_region
        bookmarked = {attributes(s) for s in cells_of_text(app, region, "bookmarked")}
        assert bookmarked == {found["bookmark"]}
        cursor = {attributes(s) for s in cells_of_text(app, region, "cursor")}
        assert cursor == {found["cursor"]}
        hit = {attributes(s) for s in cells_of_text(app, region, "query hit")}
        hit_type = found["hit type"]
        assert hit == {found[f"hit in {hit_type}"] - found[hit_type]}
        chosen = {attributes(s) for s in cells_of_text(app, region, "chosen entity")}
        assert chosen != hit and chosen != cursor, "the legend's marks differ"
        assert len(ENTITY_LABELS) == len(ENTITY_TYPES)


async def test_sixteen_colours_cursor_and_marks_are_visible(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.setenv("TERM", "xterm-16color")
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        assert not app.no_color
        assert app.console.color_system == "standard", "Textual picks 16 colours from TERM"
        reader = await open_marked_reader(app, pilot, library)
        found = await marks_look(app, pilot, reader, sixteen)
        kinds = ["plain", *ENTITY_TYPES, "cursor", "bookmark"]
        shown = {kind: found[kind] for kind in kinds}
        assert len(set(shown.values())) == len(kinds), f"all marks look different: {shown}"
        # the types differ by attributes alone, not only by what colour survives
        assert len({look[0] for kind, look in shown.items() if kind in ENTITY_TYPES}) == 6
        assert found["cursor"][0] != found["plain"][0], "the cursor is more than a tint"


@pytest.fixture
def setup(library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Setup:
    monkeypatch.setenv("NO_COLOR", "1")
    made = make_setup(library, tmp_path / "bookmarks.sqlite")
    yield made
    made.close()


def row_cells(view: CompareView, index: int) -> list[list[Cell]]:
    """The lines of compare row ``index`` as drawn, cell by cell."""
    region = view.row_region(index)
    assert region is not None
    top = region.y - round(view.scroll_y)
    lines = []
    for y in range(max(0, top), min(view.scrollable_content_region.height, top + region.height)):
        strip = view.render_line(y)
        lines.append([(char, seg.style or Style()) for seg in strip for char in seg.text])
    return lines


def word_look(lines: list[list[Cell]], word: str, *, after: int = 0) -> frozenset[str]:
    """The attributes of ``word`` where it is first drawn at or right of column ``after``."""
    for cells in lines:
        text = "".join(char for char, _ in cells)
        at = text.find(word, after)
        if at >= 0:
            seen = {attributes(style) for _, style in cells[at : at + len(word)]}
            assert len(seen) == 1, f"{word!r} is drawn one way"
            return seen.pop()
    raise AssertionError(f"{word!r} is not drawn in the row")


def lone_word(text: str, start: int, end: int) -> str | None:
    """The longest word of ``text[start:end]`` found only once in ``text``."""
    import re

    words = sorted(re.findall(r"[A-Za-z]{3,}", text[start:end]), key=len, reverse=True)
    return next((w for w in words if len(re.findall(rf"\b{w}\b", text)) == 1), None)


async def test_no_color_compare_kinds_and_marks_read_without_colour(setup: Setup) -> None:
    left, right = setup.by_outlet("GDC").id, setup.by_outlet("The Irish News").id
    app = ScreenHost(lambda: CompareScreen(setup.workspace, left, right, setup.store))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.no_color
        view = app.screen.query_one(CompareView)
        labels = {"same": "same", "reworded": "reworded", "left-only": "left only"}
        labels["right-only"] = "right only"
        assert {line.kind for line in view.lines} == set(labels)
        for kind, label in labels.items():
            index = next(i for i, line in enumerate(view.lines) if line.kind == kind)
            view.move_to(index, center=True)
            await pilot.pause()
            first = "".join(char for char, _ in row_cells(view, index)[0])
            assert label in first, f"a {kind} row says so in words"
            assert "┃" in first, "the cursor row has its bar, not only a tint"
            other = next(i for i in view.visible_rows() if i != index)
            assert "┃" not in "".join(c for c, _ in row_cells(view, other)[0])
        # changed words and differing numbers differ from the rest by their attributes
        index = next(
            i
            for i, line in enumerate(view.lines)
            if line.kind == "reworded"
            and any(
                m.role == "diff" and lone_word(line.left, m.start, m.end) for m in line.left_marks
            )
        )
        view.move_to(index, center=True)
        await pilot.pause()
        line = view.lines[index]
        lines = row_cells(view, index)
        marked = {i for m in line.left_marks for i in range(m.start, m.end)}
        changed = next(
            w
            for m in line.left_marks
            if m.role == "diff" and (w := lone_word(line.left, m.start, m.end))
        )
        kept = next(
            w
            for w in sorted(set(line.left.split()), key=len, reverse=True)
            if w.isalpha()
            and len(w) > 3
            and line.left.count(w) == 1
            and not set(range(line.left.index(w), line.left.index(w) + len(w))) & marked
        )
        changed_look = word_look(lines, changed)
        assert changed_look != word_look(lines, kept), "changed words stand out"


async def test_no_color_differing_numbers_read_without_colour(setup: Setup) -> None:
    shared = "Customs officers in the port counted the cargo twice before the ships left."
    for name, outlet, count in (("a.md", "Wire A", "2,000"), ("b.md", "Wire B", "1,000")):
        (setup.library / name).write_text(
            f"---\ntitle: Shipments {outlet}\noutlet: {outlet}\nstory: port-shipments\n---\n\n"
            f"Officials said {count} containers were shipped from Rason to Vladivostok. "
            f"{shared}\n",
            encoding="utf-8",
        )
    setup.workspace.sync()
    app = ScreenHost(lambda: CompareScreen(setup.workspace, "a.md", "b.md", setup.store))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.no_color
        view = app.screen.query_one(CompareView)
        flagged = [i for i, row in enumerate(view.lines) if row.number_note]
        assert len(flagged) == 1, "the containers row is flagged, the shared sentence not"
        index = flagged[0]
        view.move_to(index, center=True)
        await pilot.pause()
        lines = row_cells(view, index)
        drawn = ["".join(c for c, _ in cells) for cells in lines]
        assert "⚑" in drawn[0], "a row whose numbers differ is flagged by a glyph"
        column = view.layout.geometry.cell_widths[0]
        for side, number, after in (("left", "2,000", 0), ("right", "1,000", column)):
            assert [m.role for m in view.lines[index].marks(side)] == ["number"]
            number_look = word_look(lines, number, after=after)
            plain_look = word_look(lines, "Vladivostok", after=after)
            assert number_look != plain_look, f"the {side} number stands out without colour"


def full_look(style: Style) -> tuple[frozenset[str], str | None, str | None]:
    """What a truecolour terminal gets: attributes and both colours."""
    return attributes(style), str(style.color), str(style.bgcolor)


@pytest.mark.parametrize(
    "theme", ["textual-dark", "textual-light", "nord", "solarized-light", "ansi-dark"]
)
async def test_cursor_shows_in_every_theme(
    theme: str, library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$boost, the tint the cursor once used, is transparent in all themes but one."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLORTERM", "truecolor")
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.console.color_system == "truecolor"
        await ready(app, pilot)
        await app.open_article(article_id_of(library, "ICARO Media Group"))
        await settle(app, pilot)
        app.theme = theme
        await pilot.pause()
        reader = app.main_screen.query_one("#reader", Reader)
        reader.move_cursor(1)
        await pilot.pause()
        marked = Marked(reader)
        body = reader.article.body
        inside, outside = marked.plain_word(within="cursor"), marked.plain_word()
        cursor = looks(await look_at(app, pilot, reader, *inside), body, *inside, key=full_look)
        plain = looks(await look_at(app, pilot, reader, *outside), body, *outside, key=full_look)
        assert len(cursor) == 1 and len(plain) == 1, "both are on screen, drawn one way"
        assert cursor != plain, f"the cursor shows in {theme}"
        if app.native_ansi_color:
            assert "reverse" in cursor.pop()[0], "an ANSI theme has no tint to blend"


async def panel_looks(app, pilot, key) -> tuple[dict[str, object], dict[str, object]]:
    """The look (by ``key``) of each type heading and of each type's first entity name in
    the entities panel, as drawn."""
    from tui.widgets.entities_panel import EntityList

    screen = app.main_screen
    panel = screen.query_one("#entities")
    if not panel.display:
        await pilot.press("e")
        await pilot.pause()
    entity_list = screen.query_one(EntityList)
    headings: dict[str, object] = {}
    names: dict[str, object] = {}
    for n, item in enumerate(entity_list.items):
        if item.kind == "note" or (item.kind == "entity" and item.type in names):
            continue
        entity_list.scroll_to(y=entity_list._first_rows[n], animate=False, immediate=True)
        await pilot.pause()
        region = entity_list.content_region
        text = item.text if item.kind == "type" else item.text.split()[0]
        seen = {key(style) for style in cells_of_text(app, region, text)}
        assert len(seen) == 1, f"{text!r} is drawn one way: {seen}"
        (headings if item.kind == "type" else names)[item.type] = seen.pop()
    assert set(headings) == set(names) == set(ENTITY_TYPES)
    return headings, names


@pytest.mark.parametrize("mode", ["no-color", "16-colours"])
async def test_entities_panel_headings_look_like_headings_and_names_like_mentions(
    mode: str, library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if mode == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.delenv("COLORTERM", raising=False)
        monkeypatch.setenv("TERM", "xterm-16color")
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_marked_reader(app, pilot, library)
        in_text = await marks_look(app, pilot, reader, attributes)
        headings, names = await panel_looks(app, pilot, attributes)
        assert len(set(headings.values())) == 1, f"every heading looks alike: {headings}"
        heading = next(iter(headings.values()))
        for type_ in ENTITY_TYPES:
            assert names[type_] == in_text[type_], f"{type_} names look like their mentions"
            assert heading != in_text[type_], f"a heading does not look like a {type_} mention"

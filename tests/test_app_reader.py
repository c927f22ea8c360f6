"""The reader through the real app: the header, entity colours, hit jumps, opening at the
passage, the passage cursor and scrolling, clicks and mouse selection, the entities panel
and the bookmark flow through the note editor into the store."""

from __future__ import annotations

from pathlib import Path

from app_pilot import article_id_of, ready, settle, type_query
from rich.cells import cell_len
from textual.geometry import Offset

from index.bookmarks import BookmarkStore
from tui.app import BriefApp
from tui.widgets.entities_panel import EntityList
from tui.widgets.legend import BOOKMARK_STYLE, CHOSEN_ENTITY_STYLE, ENTITY_STYLES
from tui.widgets.reader import Reader


def reader_of(app: BriefApp) -> Reader:
    return app.main_screen.query_one("#reader", Reader)


def styled_words(reader: Reader, style: str) -> list[str]:
    """The body's words carrying ``style`` (as laid on, before they reach the screen)."""
    words = []
    for paragraph in reader.article.paragraphs:
        content = reader.paragraph_content(paragraph.index)
        words += [content.plain[s.start : s.end] for s in content.spans if s.style == style]
    return words


def shown_rows(widget) -> list[str]:
    """The rows the widget paints right now, as text."""
    return [
        widget.render_line(y).text.rstrip() for y in range(widget.scrollable_content_region.height)
    ]


def header_rows(reader: Reader) -> list[str]:
    """The rows above the body (the first blank row ends them)."""
    reader.scroll_to(y=0, animate=False)
    rows = shown_rows(reader)
    return rows[: rows.index("")] if "" in rows else rows


def visible_rows(reader: Reader) -> range:
    top = int(reader.scroll_y)
    return range(top, top + reader.scrollable_content_region.height)


def cell_of(reader: Reader, offset: int) -> Offset:
    """Where body ``offset`` is on screen, relative to the reader widget (for the mouse)."""
    rows = reader.rows_of(offset, offset + 1)
    layout = reader._layout
    row = layout.rows[rows.start]
    column = cell_len(layout.text[row.start : offset + reader._body_base])
    gutter = reader.styles.gutter
    return Offset(gutter.left + column, gutter.top + rows.start - int(reader.scroll_y))


async def open_outlet(app: BriefApp, pilot, library: Path, outlet: str) -> Reader:
    await app.open_article(article_id_of(library, outlet))
    await settle(app, pilot)
    return reader_of(app)


async def test_entity_mentions_are_coloured_by_type(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        reader = await open_outlet(app, pilot, library, "Financial World")
        assert reader.mentions, "stored mentions reach the reader"
        places = styled_words(reader, ENTITY_STYLES["PLACE"])
        assert "Vladivostok" in places
        assert "North Korea" in places
        article = reader.article
        header = "\n".join(header_rows(reader))
        assert article.title[:20] in header
        assert "Financial World" in header and "PLACE" in header
        if article.url:
            assert article.url[:20] in header
        # the colours reach the screen: a mention's cells differ in style from plain text
        vladivostok = article.body.index("Vladivostok")
        reader.scroll_to(y=reader.rows_of(vladivostok, vladivostok + 1).start, animate=False)
        await pilot.pause()
        strip = reader.render_line(cell_of(reader, vladivostok).y - reader.styles.gutter.top)
        styles = {seg.text.strip(): seg.style for seg in strip if seg.text.strip()}
        assert any("Vladivostok" in text for text in styles)
        plain = next(st for text, st in styles.items() if "Vladivostok" not in text)
        assert next(st for t, st in styles.items() if "Vladivostok" in t).color != plain.color


async def test_header_shows_author_date_and_url(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        for summary in app.article_summaries:
            reader = await open_outlet(app, pilot, library, summary.outlet)
            article = reader.article
            header = " ".join(header_rows(reader))
            assert article.outlet in header
            if article.author:
                assert article.author in header
            if article.published:
                assert str(article.published.year) in header


async def test_n_and_shift_n_jump_between_hits(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "Russia")
        await pilot.press("enter")
        await settle(app, pilot)
        reader = reader_of(app)
        assert len(reader.hits) >= 3
        body = reader.article.body
        seen = []
        for _ in range(3):
            await pilot.press("n")
            passage = reader.current_passage
            assert "russia" in body[passage.start : passage.end].lower()
            seen.append(reader.cursor)
        assert len(set(seen)) >= 2, "n moves on to further hits"
        before = reader.cursor
        await pilot.press("N")
        assert reader.cursor < before or before == seen[0]
        assert "hits · n/N" in reader.border_subtitle


async def test_reader_opens_at_the_matching_passage_in_view(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        article_id = article_id_of(library, "The Hill")
        article = app.workspace.article(article_id)
        last = article.text_paragraphs()[-1]
        await app.open_article(article_id, start=last.start)
        await settle(app, pilot)
        reader = reader_of(app)
        assert reader.current_passage.paragraph == last.index
        passage = reader.current_passage
        rows = reader.rows_of(passage.start, passage.end)
        assert rows.start in visible_rows(reader), "the passage is on screen"
        assert reader.scroll_y > 0
        shown = " ".join(shown_rows(reader))
        assert article.body[passage.start : passage.end].split()[0] in shown


async def test_cursor_keeps_in_view_while_reading_down(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        reader = await open_outlet(app, pilot, library, "GDC")
        assert reader.region.width > 60, "at 80 columns the reader takes the width"
        reader.focus()
        for _ in range(len(reader.passages) + 2):
            await pilot.press("down")
            passage = reader.current_passage
            rows = reader.rows_of(passage.start, passage.end)
            assert rows.start in visible_rows(reader) or rows.stop - 1 in visible_rows(reader)
        assert reader.cursor == len(reader.passages) - 1
        assert reader.scroll_y == reader.max_scroll_y
        await pilot.press("home")
        await pilot.pause()
        assert reader.scroll_y == 0
        width = reader.scrollable_content_region.width
        for _ in range(3):
            assert all(cell_len(row) <= width for row in shown_rows(reader))
            await pilot.press("pagedown")
            await pilot.pause()
        assert reader.scroll_y > 0


async def test_resizing_rewraps_and_keeps_the_text_in_view(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        reader = await open_outlet(app, pilot, library, "ICARO Media Group")
        reader.focus()
        for _ in range(8):
            await pilot.press("down")
        passage = reader.current_passage
        await pilot.resize_terminal(160, 40)
        await settle(app, pilot)
        width = reader.scrollable_content_region.width
        assert reader._layout.width == width
        assert all(cell_len(row) <= width for row in shown_rows(reader))
        rows = reader.rows_of(passage.start, passage.end)
        assert rows.start in visible_rows(reader) or rows.stop - 1 in visible_rows(reader)


async def test_passage_cursor_moves_by_sentence_and_paragraph(
    library: Path, tmp_path: Path
) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        reader = await open_outlet(app, pilot, library, "The Irish News")
        reader.focus()
        await pilot.pause()
        assert reader.cursor == 0
        await pilot.press("down")
        assert reader.cursor == 1
        first_paragraph = reader.passages[0].paragraph
        await pilot.press("home")
        reader.move_cursor(0)
        await pilot.press("right_curly_bracket")
        assert reader.current_passage.paragraph != first_paragraph
        await pilot.press("left_curly_bracket")
        assert reader.current_passage.paragraph == first_paragraph


async def test_entities_panel_highlights_and_searches(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        reader = await open_outlet(app, pilot, library, "The Irish News")
        reader.focus()
        await pilot.press("e")
        await pilot.pause()
        entity_list = app.main_screen.query_one(EntityList)
        assert app.focused is entity_list
        rows = shown_rows(entity_list)
        assert any(row.startswith("PERSON") for row in rows)
        assert any(row.startswith("PLACE") for row in rows)
        # moving down skips the type headings
        await pilot.press("down")
        assert entity_list.highlighted_entry is entity_list.entries[1]
        entity_list.highlight("North Korea")
        await pilot.press("enter")
        await pilot.pause()
        assert reader.chosen_entity == "North Korea"
        chosen = styled_words(reader, CHOSEN_ENTITY_STYLE)
        assert "North Korea" in chosen
        count = sum(1 for m in reader.mentions if m.entity == "North Korea")
        assert len(chosen) == count
        first = min(m.start for m in reader.mentions if m.entity == "North Korea")
        assert reader.current_passage.start <= first < reader.current_passage.end
        assert any(row.lstrip().startswith("▸ North Korea") for row in shown_rows(entity_list))
        await pilot.press("enter")  # enter again: no entity chosen
        await pilot.pause()
        assert reader.chosen_entity is None and not styled_words(reader, CHOSEN_ENTITY_STYLE)
        await pilot.press("s")
        await settle(app, pilot)
        assert app.main_screen.query_one("#query").value == 'entity:"North Korea"'
        assert len(app.main_screen.hits) >= 4


async def test_entities_panel_rows_fit_its_width(library: Path, tmp_path: Path) -> None:
    """Counts sit in a right-hand column; a long name wraps under itself, never under
    the type heading's indent, and no row runs past the panel."""
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await open_outlet(app, pilot, library, "The Irish News")
        entity_list = app.main_screen.query_one(EntityList)
        width = entity_list.scrollable_content_region.width
        rows = entity_list.row_text()
        assert all(cell_len(row) <= width for row in rows)
        for entry in entity_list.entries:
            if len(entry.name) > width - 8:
                continue  # wrapped: checked below
            first = next(r for r in rows if r.startswith(f"  {entry.name} "))
            assert first.rstrip().endswith(
                f"{entry.mentions} +{entry.in_captions}"
                if entry.in_captions
                else str(entry.mentions)
            )
        long_name = next(e.name for e in entity_list.entries if len(e.name) > width - 6)
        at = next(n for n, r in enumerate(rows) if r.startswith("  " + long_name.split()[0]))
        assert rows[at + 1].startswith("    ") and rows[at + 1].strip() in long_name
        assert any("+n: mentions in captions" in r for r in rows)
        # clicking an entity chooses it
        gutter = entity_list.styles.gutter
        await pilot.click(entity_list, offset=Offset(gutter.left + 3, gutter.top + at))
        await pilot.pause()
        assert reader_of(app).chosen_entity == long_name


async def test_bookmark_flow_through_the_note_editor(library: Path, tmp_path: Path) -> None:
    store_path = tmp_path / "b.sqlite"
    app = BriefApp(library, bookmarks_path=store_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        reader = await open_outlet(app, pilot, library, "GDC")
        reader.focus()
        await pilot.press("down")
        passage = reader.current_passage
        quote = reader.article.body[passage.start : passage.end]
        await pilot.press("b")
        await pilot.pause()
        from tui.screens.bookmark_editor import BookmarkEditor

        assert isinstance(app.screen, BookmarkEditor)
        await pilot.press(*"check against Yonhap")
        app.screen.query_one("#bookmark-tags").value = "production, nis"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is app.main_screen
        assert styled_words(reader, BOOKMARK_STYLE), "the bookmarked passage is marked"
    saved = BookmarkStore(store_path).list()
    assert len(saved) == 1
    assert saved[0].quote == quote.strip()
    assert saved[0].note == "check against Yonhap"
    assert saved[0].tags == ("production", "nis")


async def test_bookmark_cancel_saves_nothing(library: Path, tmp_path: Path) -> None:
    store_path = tmp_path / "b.sqlite"
    app = BriefApp(library, bookmarks_path=store_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        reader = await open_outlet(app, pilot, library, "GDC")
        reader.focus()
        await pilot.press("b")
        await pilot.pause()
        await pilot.press(*"scratch")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # the editor asks before throwing the typed note away
        await settle(app, pilot)
        assert app.screen is app.main_screen
    assert BookmarkStore(store_path).list() == []


async def test_compare_key_offers_the_story_versions(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        reader = await open_outlet(app, pilot, library, "The Irish News")
        reader.focus()
        await pilot.press("c")
        await settle(app, pilot, rounds=5)
        from tui.screens.compare import CompareScreen
        from tui.screens.compare_picker import VersionPicker

        assert isinstance(app.screen, VersionPicker)
        ids = [o.id for o in app.screen.query_one("#picker-options").options]
        assert len(ids) == 4 and reader.article.id not in ids
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.right_id == ids[0]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main_screen


async def test_mouse_selection_is_what_b_bookmarks(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        reader = await open_outlet(app, pilot, library, "The Hill")
        body = reader.article.body
        paragraph = reader.article.text_paragraphs()[1]
        start = paragraph.start + paragraph.text.index(" ") + 1  # the second word
        end = start + 30
        while body[end - 1] == " ":
            end -= 1
        reader.scroll_to(y=reader.rows_of(start, end).start, animate=False)
        await pilot.pause()
        # a drag from the first selected character to the last one
        await pilot.mouse_down(reader, offset=cell_of(reader, start))
        await pilot.hover(reader, offset=cell_of(reader, end - 1))
        await pilot.mouse_up(reader, offset=cell_of(reader, end - 1))
        await pilot.pause()
        assert app.screen.get_selected_text() == body[start:end]
        assert reader.bookmark_span() == (start, end)
        # a double click selects the sentence under the pointer, a single click moves the
        # cursor there (and b then bookmarks the passage)
        sentence = reader.passages[reader.passage_index_at(start)]
        await pilot.double_click(reader, offset=cell_of(reader, start))
        await pilot.pause()
        assert reader.bookmark_span() == (sentence.start, sentence.end)
        later = reader.passages[-1]
        reader.scroll_to(y=reader.rows_of(later.start, later.end).start, animate=False)
        await pilot.pause()
        await pilot.click(reader, offset=cell_of(reader, later.start + 2))
        await pilot.pause()
        assert reader.current_passage == later
        assert reader.bookmark_span() == (later.start, later.end)

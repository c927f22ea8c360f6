"""The reader through the real app: entity colours, hit jumps, the passage cursor, the
entities panel and the bookmark flow through the note editor into the store."""

from __future__ import annotations

from pathlib import Path

from app_pilot import article_id_of, ready, settle, type_query

from index.bookmarks import BookmarkStore
from tui.app import BriefApp
from tui.widgets.entities_panel import EntityList
from tui.widgets.legend import BOOKMARK_STYLE, CHOSEN_ENTITY_STYLE, ENTITY_STYLES
from tui.widgets.reader import ParagraphView, Reader


def reader_of(app: BriefApp) -> Reader:
    return app.main_screen.query_one("#reader", Reader)


def styled_words(reader: Reader, style: str) -> list[str]:
    words = []
    for view in reader.query(ParagraphView):
        content = view.content
        words += [content.plain[s.start : s.end] for s in content.spans if s.style == style]
    return words


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
        header = str(reader.query_one("#reader-meta").render())
        assert "Financial World" in header and "PLACE" in header


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
        labels = [o.prompt.plain for o in entity_list.options]
        assert any(label.startswith("PERSON") for label in labels)
        assert any(label.startswith("PLACE") for label in labels)
        target = next(i for i, o in enumerate(entity_list.options) if o.id == "entity:North Korea")
        entity_list.highlighted = target
        await pilot.press("enter")
        await pilot.pause()
        assert reader.chosen_entity == "North Korea"
        chosen = styled_words(reader, CHOSEN_ENTITY_STYLE)
        assert "North Korea" in chosen
        count = sum(1 for m in reader.mentions if m.entity == "North Korea")
        assert len(chosen) == count
        await pilot.press("s")
        await settle(app, pilot)
        assert app.main_screen.query_one("#query").value == 'entity:"North Korea"'
        assert len(app.main_screen.hits) >= 4


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
    from textual.geometry import Offset
    from textual.selection import Selection

    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        reader = await open_outlet(app, pilot, library, "The Hill")
        paragraph = reader.article.text_paragraphs()[1]
        view = reader.paragraph_view(paragraph.index)
        app.screen.selections = {view: Selection(Offset(0, 0), Offset(12, 0))}
        span = reader.bookmark_span()
        assert span is not None
        start, end = span
        assert start == paragraph.start
        assert reader.article.body[start:end] == paragraph.text[: end - start].strip()
        assert 8 <= end - start <= 12

"""The main screen through the real app: launch, search as you type, filters, did you mean,
open at the passage, narrow terminals, problems, palette, keys and theme persistence."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from app_pilot import article_id_of, ready, screen_lines, settle, type_query
from textual.widgets import Select

from index.config import load_config
from tui.app import BriefApp
from tui.widgets.legend import HIT_STYLE
from tui.widgets.reader import Reader
from tui.widgets.results import ResultsList


def results_of(app: BriefApp) -> ResultsList:
    return app.main_screen.query_one("#results", ResultsList)


def article_ids(app: BriefApp) -> list[str]:
    return [o.id for o in results_of(app).options if o.id and not o.id.startswith("story:")]


async def test_launch_lists_articles_grouped_by_story(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        ids = article_ids(app)
        assert len(ids) == 5
        headers = [o for o in results_of(app).options if (o.id or "").startswith("story:")]
        assert headers, "the empty query shows story headers"
        assert all(o.disabled for o in headers)
        # the five bundled reports are one story: one header above all five
        assert len(headers) == 1
        assert "5 versions" in str(headers[0].prompt)
        title = str(app.main_screen.query_one("#title").render())
        assert "5 articles" in title


async def test_header_and_list_count_the_same_stories(library: Path, tmp_path: Path) -> None:
    """An article no other outlet reports is a story of its own, in the header as in the
    list's title (the header counted only stories of several versions: 2,410 against the
    list's 3,221 at 10,000 articles)."""
    (library / "lone-report.md").write_text(
        "---\ntitle: Harbour fire in Valparaíso\noutlet: Coast Daily\n"
        "published: 2024-02-03\n---\n\nA warehouse burned at the port overnight.\n",
        encoding="utf-8",
    )
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert results_of(app).border_title == "6 articles · 2 stories, newest first"
        assert "6 articles · 2 stories" in str(app.main_screen.query_one("#title").render())


async def test_a_query_typed_at_once_after_slash_goes_to_the_search_box(
    library: Path, tmp_path: Path
) -> None:
    """Keys sent in one burst, as a terminal delivers fast typing: "/", ctrl+u and a word
    typed right after it land in the search box, not in the reader that had the focus."""
    from textual import events

    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "shells")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.focused, Reader)

        def burst(*keys: tuple[str, str | None]) -> None:
            for key, char in keys:
                event = events.Key(key, char)
                event.set_sender(app)
                app._driver.send_message(event)  # queued together, handled one by one

        burst(("slash", "/"), ("ctrl+u", None), *[(c, c) for c in "evil"])
        await settle(app, pilot)
        assert app.main_screen.query_one("#query").value == "evil"
        # an editing key among letters acts where it was typed, not after them
        burst(("ctrl+u", None), *[(c, c) for c in "artillerz"], ("backspace", None), ("y", "y"))
        await settle(app, pilot)
        assert app.main_screen.query_one("#query").value == "artillery"


async def test_typing_a_query_shows_highlighted_hits(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "containers")
        ids = article_ids(app)
        outlets = {app.workspace.article(i).outlet for i in ids}
        assert outlets == {"ICARO Media Group", "Financial World"}
        prompt = results_of(app).options[0].prompt
        plain = prompt.plain
        hit_words = [plain[s.start : s.end] for s in prompt.spans if s.style == HIT_STYLE]
        assert hit_words and all(w.lower() == "containers" for w in hit_words)
        status = str(app.main_screen.query_one("#status").render())
        assert "2 hits" in status


async def test_outlet_filter_with_facet_counts(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "containers")
        outlet = app.main_screen.query_one("#outlet", Select)
        labels = [str(prompt) for prompt, _ in outlet._options]
        assert any(label.startswith("Outlet: Financial World (1)") for label in labels)
        outlet.value = "Financial World"
        await settle(app, pilot)
        ids = article_ids(app)
        assert [app.workspace.article(i).outlet for i in ids] == ["Financial World"]


async def test_did_you_mean_and_accepting_it(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "artilery")
        status = str(app.main_screen.query_one("#status").render())
        assert "did you mean artillery" in status
        await pilot.press("ctrl+y")
        await settle(app, pilot)
        assert app.main_screen.query_one("#query").value == "artillery"
        assert len(article_ids(app)) >= 2


async def test_enter_opens_the_reader_at_the_matching_passage(
    library: Path, tmp_path: Path
) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "Vladivostok")
        await pilot.press("enter")
        await settle(app, pilot)
        reader = app.main_screen.query_one("#reader", Reader)
        assert reader.article is not None
        assert reader.article.outlet == "Financial World"
        assert app.focused is reader
        passage = reader.current_passage
        assert passage is not None
        assert "Vladivostok" in reader.article.body[passage.start : passage.end]
        assert any(reader.article.body[s:e] == "Vladivostok" for s, e in reader.hits)


async def test_narrow_terminal_takes_turns_and_escape_goes_back(
    library: Path, tmp_path: Path
) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "containers")
        reader = app.main_screen.query_one("#reader", Reader)
        results = results_of(app)
        assert results.display and results.region.width > 60
        assert reader.region.width == 0
        await pilot.press("enter")
        await settle(app, pilot)
        assert reader.region.width > 60 and results.region.width == 0
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is results
        assert results.region.width > 60


async def test_library_with_bad_files_still_opens(library: Path, tmp_path: Path) -> None:
    (library / "broken.md").write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    (library / "binary.md").write_bytes(b"\x00\x01\x02" * 100)
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert len(article_ids(app)) == 5
        paths = {p.path for p in app.problems}
        assert {"broken.md", "binary.md"} <= paths
        messages = [n.message for n in app._notifications]
        assert any("broken.md" in m for m in messages)
        await pilot.press("ctrl+l")
        await pilot.pause()
        text = " ".join(str(s.render()) for s in app.screen.query(".problem"))
        assert "broken.md:2" in text and "binary.md" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main_screen


async def test_problems_are_in_the_log_on_later_launches_and_notified_once(
    library: Path, tmp_path: Path
) -> None:
    (library / "latin1.md").write_bytes(
        "---\ntitle: Caf\xe9\noutlet: Le Caf\xe9\n---\n\nA caf\xe9 report.\n".encode("latin-1")
    )
    (library / "broken.md").write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    first = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with first.run_test(size=(120, 40)) as pilot:
        await ready(first, pilot)
        assert any("latin1.md" in n.message for n in first._notifications)
    again = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(again, pilot)
        assert {"latin1.md", "broken.md"} <= {p.path for p in again.problems}
        assert not any(".md" in n.message for n in again._notifications), "shown once"
        await pilot.press("ctrl+l")
        await pilot.pause()
        text = " ".join(str(s.render()) for s in again.screen.query(".problem"))
        assert "latin1.md" in text and "broken.md:2" in text


async def test_missing_library_folder_shows_an_empty_list(tmp_path: Path) -> None:
    app = BriefApp(tmp_path / "nowhere", bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, rounds=5)
        assert article_ids(app) == []


async def test_keys_screen_and_palette_list_every_action(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("down")  # out of the search box, where ? is typed
        await pilot.press("question_mark")
        await pilot.pause()
        keys_text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        for word in ("search", "compare", "bookmark", "entities", "next / previous query hit"):
            assert word in keys_text
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"bookm")
        await settle(app, pilot)
        from textual.command import CommandList

        options = app.screen.query_one(CommandList).options
        titles = [o.prompt.plain if hasattr(o.prompt, "plain") else str(o.prompt) for o in options]
        assert any("Bookmark this passage" in t for t in titles)
        assert any("Bookmarks" in t for t in titles)


async def test_palette_opens_an_article_by_title(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Open: Russia likely")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        reader = app.main_screen.query_one("#reader", Reader)
        assert reader.article is not None and reader.article.outlet == "The Hill"


async def test_theme_choice_persists(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        app.theme = "textual-light"
        await pilot.pause()
    assert load_config().theme == "textual-light"
    again = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"


async def test_open_article_api_puts_cursor_on_span(library: Path, tmp_path: Path) -> None:
    target = article_id_of(library, "The Hill")
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        article = app.workspace.article(target)
        start = article.paragraphs[-1].start
        await app.open_article(target, start=start, end=start + 10)
        await settle(app, pilot)
        reader = app.main_screen.query_one("#reader", Reader)
        assert reader.article.id == target
        assert reader.current_passage.paragraph == article.paragraphs[-1].index


async def test_date_range_and_sort_by_date(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "Russia")
        outlets = {app.workspace.article(i).outlet for i in article_ids(app)}
        assert "ICARO Media Group" in outlets  # published 1 Nov
        since = app.main_screen.query_one("#since")
        since.value = "2023-11-02"
        await settle(app, pilot)
        outlets = {app.workspace.article(i).outlet for i in article_ids(app)}
        assert "ICARO Media Group" not in outlets and outlets
        since.value = "2023-13-45"
        await settle(app, pilot)
        assert since.has_class("-invalid")
        since.value = ""
        app.main_screen.query_one("#sort", Select).value = "date"
        await settle(app, pilot)
        dates = [app.workspace.article(i).published for i in article_ids(app)]
        known = [d for d in dates if d is not None]
        assert known == sorted(known, reverse=True)


async def test_a_word_being_typed_finds_its_completions(library: Path, tmp_path: Path) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "Vladivos")
        ids = article_ids(app)
        assert [app.workspace.article(i).outlet for i in ids] == ["Financial World"]
        prompt = results_of(app).options[0].prompt
        hit_words = [prompt.plain[s.start : s.end] for s in prompt.spans if s.style == HIT_STYLE]
        assert "Vladivostok" in hit_words


def footer_keys(app: BriefApp) -> dict[str, str]:
    """What the footer offers: key as shown -> description."""
    return {
        app.get_key_display(active.binding): active.binding.description
        for active in app.screen.active_bindings.values()
        if active.binding.show
    }


async def test_search_box_takes_question_mark_and_slash_as_text(
    library: Path, tmp_path: Path
) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        query = app.main_screen.query_one("#query")
        assert app.focused is query
        # the footer offers only keys that act in the box: not ? / q c, which are typed
        offered = footer_keys(app)
        assert offered.get("f1") == "Keys" and offered.get("esc") == "Results"
        assert not {"?", "/", "q", "c", "e", "B"} & offered.keys()

        await pilot.press(*"wom?n 24/7")
        await settle(app, pilot)
        assert query.value == "wom?n 24/7"
        assert app.screen is app.main_screen

        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        keys_text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "f1 also while typing" in keys_text
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is query

        # escape leaves the box for the results, keeping the query; there ? and / act
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is results_of(app)
        assert query.value == "wom?n 24/7"
        offered = footer_keys(app)
        assert offered.get("?") == "Keys" and offered.get("/") == "Search"
        assert "f1" not in offered
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused is query and query.value == "wom?n 24/7"


async def test_slash_in_the_empty_search_box_starts_a_search_instead_of_being_typed(
    library: Path, tmp_path: Path
) -> None:
    """At launch the search box has the focus; a user presses "/" to search anyway."""
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        query = app.main_screen.query_one("#query")
        assert app.focused is query
        await pilot.press("slash", *"shells")
        await settle(app, pilot)
        assert query.value == "shells"
        screen = "\n".join(screen_lines(app))
        assert "4 hits" in screen and "did you mean" not in screen
        # once something is typed, "/" is text again
        await pilot.press("slash")
        await settle(app, pilot)
        assert query.value == "shells/"


async def test_first_launch_lists_the_library_before_the_index_is_built(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no index yet, the articles are listed from their files while the sync runs."""
    from index.workspace import Workspace

    release = threading.Event()
    real_sync = Workspace.sync

    def slow_sync(self: Workspace, *args: object, **kwargs: object) -> object:
        release.wait(10)
        return real_sync(self, *args, **kwargs)

    monkeypatch.setattr(Workspace, "sync", slow_sync)
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if article_ids(app):
                break
        assert not app.synced
        assert len(article_ids(app)) == 5
        assert "5 articles" in str(app.main_screen.query_one("#title").render())
        # stories are not known before the first sync: no header claims one per article
        listing = results_of(app)
        assert listing.border_title == "5 articles · indexing…, newest first"
        assert not any((o.id or "").startswith("story:") for o in listing.options)
        assert "stor" not in str(app.main_screen.query_one("#title").render())
        release.set()
        await ready(app, pilot)
        assert len(article_ids(app)) == 5
        # then the grouped view: the five reports are one story
        assert results_of(app).border_title == "5 articles · 1 story, newest first"
        headers = [o for o in results_of(app).options if (o.id or "").startswith("story:")]
        assert len(headers) == 1


async def test_launch_lists_stories_from_the_index_before_it_opens(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With an index already built, the grouped list is drawn before the search index
    opens; a query typed meanwhile is searched as soon as it does."""
    from index.workspace import Workspace

    with Workspace.open(library) as workspace:
        workspace.sync()
    release = threading.Event()
    real_open = Workspace.open.__func__

    def slow_open(cls: type[Workspace], *args: object, **kwargs: object) -> Workspace:
        release.wait(10)
        return real_open(cls, *args, **kwargs)

    monkeypatch.setattr(Workspace, "open", classmethod(slow_open))
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if article_ids(app):
                break
        assert app.workspace is None
        assert len(article_ids(app)) == 5
        assert results_of(app).border_title == "5 articles · 1 story, newest first"
        assert "5 articles · 1 story" in str(app.main_screen.query_one("#title").render())
        await pilot.press(*"containers")
        await pilot.pause(0.1)
        assert len(article_ids(app)) == 5  # still the listing: nothing to search with yet
        release.set()
        await ready(app, pilot)
        outlets = {app.workspace.article(i).outlet for i in article_ids(app)}
        assert outlets == {"ICARO Media Group", "Financial World"}


async def test_typing_lists_a_screenful_then_the_rest_when_typing_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While typing, a search lists a screenful of hits (their snippets are most of its
    cost); leaving the box (or a pause) lists the rest."""
    import tui.screens.main as main_module
    from benchmarks.generate import generate

    monkeypatch.setenv("BRIEF_ENTITY_FINDER", "builtin")
    monkeypatch.setattr(main_module, "PREVIEW_WHILE_TYPING", 60.0)  # no pause in this test
    library = tmp_path / "generated"
    generate(60, library)
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press(*"the")
        await settle(app, pilot)
        results = results_of(app)
        assert len(article_ids(app)) == main_module.TYPING_LIMIT
        assert results.border_title.endswith(f"(top {main_module.TYPING_LIMIT})")
        await pilot.press("down")  # into the results: the typing is over
        await settle(app, pilot)
        assert app.focused is results
        assert len(article_ids(app)) == main_module.RESULT_LIMIT
        assert results.border_title.endswith(f"(top {main_module.RESULT_LIMIT})")


async def test_the_index_status_counts_a_first_build_in_words(tmp_path: Path) -> None:
    """'index ✓ (1 article indexed)' for a library of one, not '1 articles'."""
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "port.md").write_text(
        "---\ntitle: Port fire\noutlet: Wire\npublished: 2024-02-03\n---\n\nA fire.\n",
        encoding="utf-8",
    )
    app = BriefApp(folder, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await settle(app, pilot)
        assert app.index_status == "index ✓ (1 article indexed)"

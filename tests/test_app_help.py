"""The keys screen lists what works where the user is, in the keys they press."""

from __future__ import annotations

from pathlib import Path

from app_pilot import article_id_of, ready, settle

from tui.app import BriefApp


async def test_keys_screen_over_the_reader_lists_its_keys_as_typed(
    library: Path, tmp_path: Path
) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await app.open_article(article_id_of(library, "The Irish News"))
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "HelpScreen"
        shown = "\n".join(str(s.render()) for s in app.screen.query("Static"))
        on_screen = shown.split("On this screen", 1)[1]
        lines = [line.split() for line in on_screen.splitlines() if line.strip()]
        keys = {" ".join(words[:2]) for words in lines}
        assert "↓ j" in keys and "n" in {words[0] for words in lines}
        assert "down,j" not in shown and "right_curly_bracket" not in on_screen
        # Textual's own scrolling keys are not Brief's to explain
        assert "Scroll Left" not in on_screen and "Page Right" not in on_screen

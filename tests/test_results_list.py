"""The results list draws a long library a screenful first and the rest right after."""

from __future__ import annotations

from datetime import datetime

from textual.app import App, ComposeResult

from index.catalog import ArticleSummary
from tui.presenting import StoryGroup
from tui.widgets.results import FIRST_SCREENFUL, ResultsList


def groups(count: int, prefix: str = "s") -> list[StoryGroup]:
    return [
        StoryGroup(
            f"{prefix}{n}",
            f"Story {n}",
            [
                ArticleSummary(
                    f"{prefix}{n}/{k}.md",
                    f"Title {n}.{k}",
                    "Outlet",
                    datetime(2023, 11, 2),
                    None,
                    None,
                    None,
                )
                for k in range(2)
            ],
        )
        for n in range(count)
    ]


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield ResultsList(id="results")


async def test_a_long_listing_ends_complete_and_a_newer_one_replaces_its_rest() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.query_one(ResultsList)
        many = groups(200)
        listing.show_stories(many)
        assert listing.option_count == FIRST_SCREENFUL  # a screenful before the frame
        await pilot.pause()
        await pilot.pause()
        assert listing.option_count == 200 * 3  # header and two versions per story
        assert listing.highlighted_option is not None
        assert listing.highlighted_option.id == "s0/0.md"

        # a second listing before the first one's rest landed: nothing of the first stays
        listing.show_stories(groups(200, prefix="a"))
        listing.show_stories(groups(3, prefix="b"))
        await pilot.pause()
        await pilot.pause()
        ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        assert len(ids) == 9 and all(i.startswith(("b", "story:b")) for i in ids)

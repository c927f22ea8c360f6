"""The compare view on its own: wrapping, tall rows, wide and control characters."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui.widgets.compare_view import CompareLine, CompareView, Mark, layout_rows, wrap_offsets


class ViewHost(App[None]):
    def __init__(self, lines: list[CompareLine]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        yield CompareView()

    def on_mount(self) -> None:
        self.query_one(CompareView).show(self.lines)


def pieces(text: str, width: int) -> list[str]:
    offsets = wrap_offsets(text, width)
    return [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)], strict=True)]


def test_wrapping_keeps_words_whole_and_lines_within_the_width() -> None:
    text = "The quick brown fox jumps over the lazy dog’s “kennel” — twice, in 2024."
    for width in range(6, 40):
        lines = pieces(text, width)
        assert "".join(lines) == text
        assert all(len(line.rstrip()) <= width for line in lines)
        assert all(not line[:1].isspace() for line in lines[1:])
    assert pieces("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5], "a long word is folded"


def test_wide_characters_take_two_cells() -> None:
    from rich.cells import cell_len

    text = "北朝鮮がロシアに砲弾を送ったと韓国の情報機関が発表した 2023年"
    for width in (5, 9, 20):
        assert all(cell_len(line.rstrip()) <= width for line in pieces(text, width))


def test_layout_heights_follow_the_wrapping() -> None:
    lines = [
        CompareLine("reworded", "one two three four five six", "one two"),
        CompareLine("left-only", "short", None),
        CompareLine("same", "x", "x", number_note="2 vs 3"),
    ]
    side = layout_rows(lines, 40, stacked=False)  # text width (40 - 14) // 2 - 2 = 11
    assert [box.body for box in side.boxes] == [3, 1, 1]
    assert side.boxes[2].note == 1
    assert side.tops == (0, 4, 6)
    assert side.height == 6 + 1 + 1 + 1
    stacked = layout_rows(lines, 40, stacked=True)
    assert [box.body for box in stacked.boxes] == [1 + 1 + 1, 1 + 1, 1 + 1 + 1]
    assert stacked.row_at(0) == 0 and stacked.row_at(4) == 1 and stacked.row_at(999) is None


async def test_a_row_taller_than_the_screen_is_read_through_before_moving_on() -> None:
    long = " ".join(f"word{i}" for i in range(120))
    lines = [
        CompareLine("reworded", long, long.replace("word1", "term1")),
        *[CompareLine("same", f"after {i}", f"after {i}") for i in range(5)],
    ]
    app = ViewHost(lines)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        view = app.query_one(CompareView)
        view.stacked = True
        view.focus()
        await pilot.pause()
        region = view.row_region(0)
        assert region is not None and region.height > view.size.height
        seen: set[str] = set()
        for _ in range(20):
            seen.update(view.screen_lines())
            if view.cursor:
                break
            await pilot.press("down")
            await pilot.pause()
        assert view.cursor == 1, "down leaves the tall row once its end was shown"
        text = " ".join(seen)
        assert "word119" in text and "word0" in text
        await pilot.press("up")
        await pilot.pause()
        assert view.cursor == 0


async def test_control_characters_and_marks_are_drawn_as_plain_cells() -> None:
    left = "Said \x1b[31mred\x1b[0m [bold]loud[/bold] \x07 now."
    right = "Said red [bold]quiet[/bold] now."
    line = CompareLine(
        "reworded",
        left,
        right,
        left_marks=(Mark(left.index("loud"), left.index("loud") + 4, "diff"),),
        right_marks=(Mark(right.index("quiet"), right.index("quiet") + 5, "diff"),),
    )
    app = ViewHost([line])
    async with app.run_test(size=(120, 10)) as pilot:
        await pilot.pause()
        view = app.query_one(CompareView)
        shown = "\n".join(view.screen_lines())
        assert "\x1b" not in shown and "\x07" not in shown
        assert "[bold]loud[/bold]" in shown and "[bold]quiet[/bold]" in shown
        assert view.shown_passage(0, "left").startswith("Said  [31mred")
        strip = view.render_line(0)
        underlined = [seg.text for seg in strip if seg.style is not None and seg.style.underline]
        assert underlined == ["loud", "quiet"], "only the changed words are marked"


async def test_assigning_the_cursor_or_side_redraws_the_cursor_bar() -> None:
    lines = [CompareLine("reworded", f"left {i}", f"right {i}") for i in range(3)]
    app = ViewHost(lines)
    async with app.run_test(size=(100, 12)) as pilot:
        await pilot.pause()
        view = app.query_one(CompareView)
        view.cursor = 1
        view.side = "right"
        await pilot.pause()
        row = view.row_region(1)
        assert row is not None
        line = view.screen_lines()[row.y]
        assert line.index("┃") > line.index("left 1"), "the bar is beside the right passage"
        assert "┃" not in view.screen_lines()[0]


async def test_clicking_a_stacked_passage_picks_its_side() -> None:
    lines = [CompareLine("reworded", f"left words {i}", f"right words {i}") for i in range(4)]
    app = ViewHost(lines)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(CompareView)
        view.stacked = True
        await pilot.pause()
        for index, side in ((2, "right"), (1, "left"), (3, "right")):
            offset = view.side_offset(index, side)
            assert offset is not None
            assert f"{side} words {index}" in view.screen_lines()[offset.y]
            await pilot.click(view, offset=offset)
            await pilot.pause()
            assert (view.cursor, view.side) == (index, side)

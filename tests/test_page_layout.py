"""The reader's wrapping: every character of the document is on exactly one row, rows fit
the width, and offsets map to rows and back (clicks, selections and scrolling rely on it)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.widgets.page_layout import PageLayout

TEXT = (
    "North Korea likely sent missiles\n\n"
    "South Korea's military has backed reports made by secret agents that indicate "
    "the arms trade between Pyongyang and Moscow is active.\n\n"
    "Short."
)


def test_rows_cut_at_word_boundaries_within_the_width() -> None:
    layout = PageLayout(TEXT, 30)
    shown = [TEXT[r.start : r.end] for r in layout.rows]
    assert shown[0] == "North Korea likely sent"
    assert shown[1] == "missiles"
    assert shown[2] == ""  # the blank line between paragraphs is a row of its own
    assert all(len(s) <= 30 for s in shown)
    assert not any(s.endswith(" ") for s in shown)
    assert shown[-1] == "Short."
    # logical lines are the text's lines, as text selection numbers them
    assert [r.line for r in layout.rows][:3] == [0, 0, 1]
    assert layout.rows[-1].line == len(TEXT.splitlines()) - 1


def test_offsets_map_to_their_rows_and_back() -> None:
    layout = PageLayout(TEXT, 30)
    agents = TEXT.index("agents")
    row = layout.rows[layout.row_of(agents)]
    assert "agents" in TEXT[row.start : row.end]
    line = layout.line_of(agents)
    assert layout.offset_at(line, agents - layout.line_starts[line]) == agents
    # a column past the end of a line is its end, a line past the last is the last
    assert layout.offset_at(0, 999) == TEXT.index("\n")
    assert layout.offset_at(99, 0) == TEXT.index("Short.")
    start, end = TEXT.index("South"), TEXT.index("active.") + 7
    span = layout.rows_of(start, end)
    assert layout.rows[span.start].start == start
    assert layout.rows[span.stop - 1].end == end


def test_a_word_longer_than_the_width_is_folded() -> None:
    text = "see https://example.com/a-very-long-address-that-never-ends here"
    layout = PageLayout(text, 16)
    shown = [text[r.start : r.end] for r in layout.rows]
    assert all(cell_len(s) <= 16 for s in shown)
    assert "".join(shown).replace(" ", "") == text.replace(" ", "")


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("abc defg\n ,.-–é漢")),
        max_size=300,
    ),
    st.integers(min_value=1, max_value=40),
)
def test_every_character_is_on_one_row(text: str, width: int) -> None:
    layout = PageLayout(text, width)
    covered: list[int] = []
    for row in layout.rows:
        assert cell_len(text[row.start : row.end]) <= max(width, 2)  # a wide char in 1 cell
        covered.extend(range(row.start, row.end))
    assert covered == sorted(set(covered)), "rows never overlap and keep reading order"
    visible = {i for i, ch in enumerate(text) if not ch.isspace()}
    assert visible <= set(covered), "no visible character is dropped"
    for offset in visible:
        row = layout.rows[layout.row_of(offset)]
        assert row.start <= offset < row.end

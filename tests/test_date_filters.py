"""Search date filters as users type them: `brief search --since/--until` and the app's
since and until boxes read a day, a month or a year; anything else is refused with the
reason and the forms accepted (the app marks the box, says why, and does not filter by
it), never quietly ignored."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from app_pilot import ready, settle, type_query
from textual.widgets import Input, Static

from index.date_filter import (
    DateFilterError,
    DateSpan,
    could_become_date,
    parse_date_filter,
)
from tests.test_cli_library import brief
from tui.app import BriefApp
from tui.widgets.results import ResultsList


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2023-11-02", DateSpan(date(2023, 11, 2), date(2023, 11, 2))),
        (" 2023-11 ", DateSpan(date(2023, 11, 1), date(2023, 11, 30))),
        ("2024-02", DateSpan(date(2024, 2, 1), date(2024, 2, 29))),
        ("2023", DateSpan(date(2023, 1, 1), date(2023, 12, 31))),
        ("", None),
    ],
)
def test_a_day_a_month_or_a_year(text: str, span: DateSpan | None) -> None:
    assert parse_date_filter(text) == span


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-13-45", "there is no month 13"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("yesterdayish", "not in a form Brief reads"),
        ("2023/11/2", "write it 2023-11-02"),
        ("2023-1-5", "write it 2023-01-05"),
        ("02/11/2023", "the year comes first"),
        ("2023-11-0", "it is unfinished"),
        ("20231101", "not in a form Brief reads"),  # fromisoformat took it, and weeks
        ("2023-W44-3", "not in a form Brief reads"),
        ("0000", "there is no year 0"),
        # digits Python counts as digits but a user does not type as a date: refused with
        # a reason, never a crash (int("²") raises) or another date (int("٢٠٢٣") is 2023)
        ("²²²²", "not in a form Brief reads"),
        ("2023-1²", "not in a form Brief reads"),
        ("٢٠٢٣-١١", "not in a form Brief reads"),
    ],
)
def test_anything_else_says_why_and_what_is_accepted(text: str, reason: str) -> None:
    with pytest.raises(DateFilterError) as caught:
        parse_date_filter(text)
    assert caught.value.reason.startswith(reason)
    assert str(caught.value).startswith(f"{text!r} is not a date: {reason}")
    assert str(caught.value).endswith(
        "Use YYYY-MM-DD, YYYY-MM (a whole month) or YYYY (a whole year)"
    )


@pytest.mark.parametrize(
    "text", ["2", "2023", "2023-", "2023-1", "2023-11-", "2023-11-3", "2024-02-2"]
)
def test_a_date_being_typed_can_still_become_one(text: str) -> None:
    assert could_become_date(text)


@pytest.mark.parametrize(
    "text",
    ["x", "2023-2", "2023-13", "2023-11-4", "2023-02-3", "202-", "2023-11-02-", "²", "2023-1²"],
)
def test_a_date_no_typing_can_mend_is_wrong_at_once(text: str) -> None:
    assert not could_become_date(text)


def test_the_command_line_refuses_a_bad_date_naming_it_and_the_forms(library: Path) -> None:
    for flag, value, reason in (
        ("--since", "2023-13-45", "there is no month 13"),
        ("--since", "yesterdayish", "not in a form Brief reads"),
        ("--until", "2023-02-30", "February 2023 has 28 days"),
        ("--since", "²²²²", "not in a form Brief reads"),
    ):
        result = brief(library, "search", "korea", flag, value)
        assert result.returncode == 1, result.stdout
        assert f"brief: {flag} '{value}' is not a date: {reason}." in result.stderr
        assert "YYYY-MM-DD, YYYY-MM (a whole month) or YYYY (a whole year)" in result.stderr
        assert result.stdout == ""
    backwards = brief(library, "search", "korea", "--since", "2023-11-03", "--until", "2023-11-02")
    assert backwards.returncode == 1 and "is after --until" in backwards.stderr


def test_a_month_or_a_year_covers_all_its_days(library: Path) -> None:
    import json

    def total(*args: str) -> int:
        result = brief(library, "search", "korea", "--json", *args)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)["total"]

    everything = total()
    dated_in_november = total("--since", "2023-11-01", "--until", "2023-11-30")
    assert dated_in_november and dated_in_november < everything  # one report is undated
    assert total("--until", "2023-11") == dated_in_november  # to the month's last day
    assert total("--since", "2023", "--until", "2023") == dated_in_november
    assert total("--since", "2023-11-02") < dated_in_november
    assert total("--since", "2024") == 0


def hits(app: BriefApp) -> int:
    options = app.main_screen.query_one("#results", ResultsList).options
    return sum(1 for o in options if o.id and not o.id.startswith("story:"))


def hint(app: BriefApp) -> str:
    shown = app.main_screen.query_one("#date-hint", Static)
    return " ".join(str(shown.visual).split()) if shown.display else ""


async def test_the_app_marks_a_bad_date_says_why_and_does_not_filter_by_it(
    library: Path, tmp_path: Path
) -> None:
    app = BriefApp(library, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "korea")
        everything = hits(app)
        since = app.main_screen.query_one("#since", Input)
        since.focus()
        await pilot.press(*"2023-11-02")
        await settle(app, pilot)
        filtered = hits(app)
        assert 0 < filtered < everything
        assert not since.has_class("-invalid") and hint(app) == ""

        await pilot.press("ctrl+u", *"2023-13-45")
        await settle(app, pilot)
        assert since.has_class("-invalid")
        assert hint(app) == (
            "since ‘2023-13-45’ is not a date (there is no month 13): type YYYY-MM-DD, "
            "YYYY-MM or YYYY. Not filtering by it."
        )
        assert hits(app) == everything  # not the day typed before, not nothing

        # Typing a good date: no complaint on the way, the filter once it is one.
        await pilot.press("ctrl+u", *"2023-11-0")
        await settle(app, pilot)
        assert not since.has_class("-invalid") and hint(app) == ""
        await pilot.press("2")
        await settle(app, pilot)
        assert hits(app) == filtered and hint(app) == ""

        # Left unfinished, it is marked and filters nothing; the query still searches.
        await pilot.press("backspace", "tab")
        await settle(app, pilot)
        assert since.has_class("-invalid") and "(it is unfinished)" in hint(app)
        assert hits(app) == everything
        until = app.main_screen.query_one("#until", Input)
        until.value = "yesterdayish"
        await settle(app, pilot)
        assert until.has_class("-invalid")
        assert "until ‘yesterdayish’ is not a date" in hint(app)
        assert "since ‘2023-11-0’" in hint(app)
        await type_query(app, pilot, "korea shells")
        assert hits(app) > 0 and since.has_class("-invalid")

        since.value = ""
        until.value = "2023-11"
        await settle(app, pilot)
        assert hint(app) == "" and not until.has_class("-invalid")
        assert app.main_screen.request.until == date(2023, 11, 30)

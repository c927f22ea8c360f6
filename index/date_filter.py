"""The dates a search is filtered by, as the user types them (`brief search --since/--until`,
the app's since and until boxes): a day, a month or a year, read strictly, so that a
mistyped date is refused with a reason instead of being quietly ignored."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from index.errors import BriefError

FORMS = "YYYY-MM-DD, YYYY-MM (a whole month) or YYYY (a whole year)"
"""The accepted forms, as messages name them."""
SHORT_FORMS = "YYYY-MM-DD, YYYY-MM or YYYY"
"""The accepted forms where room is short (a hint under the app's date boxes)."""

# ASCII digits only: ``\d`` and ``str.isdigit`` also take "²" and "٢", which ``int`` refuses
# or reads as another number than the user sees.
_FULL = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_SLASHED = re.compile(r"([0-9]{4})[/.]([0-9]{1,2})[/.]([0-9]{1,2})")
_UNPADDED = re.compile(r"([0-9]{4})-([0-9]{1,2})(?:-([0-9]{1,2}))?")
_DAY_FIRST = re.compile(r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}")


class DateFilterError(BriefError, ValueError):
    """A date filter that is not a date of an accepted form; ``reason`` says what is wrong."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"{text!r} is not a date: {reason}. Use {FORMS}")
        self.text = text
        self.reason = reason


@dataclass(frozen=True, slots=True)
class DateSpan:
    """The days a typed date covers: one day, a month or a year. ``since`` filters from
    ``first``, ``until`` up to and including ``last``."""

    first: date
    last: date


def parse_date_filter(text: str) -> DateSpan | None:
    """The span of days ``text`` names (YYYY-MM-DD, YYYY-MM or YYYY); None when blank.

    Raises :class:`DateFilterError` naming what is wrong (``there is no month 13``)."""
    text = text.strip()
    if not text:
        return None
    match = _FULL.fullmatch(text)
    if match is None:
        raise DateFilterError(text, _why_not(text))
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if year == 0:
        raise DateFilterError(text, "there is no year 0")
    if month is None:
        return DateSpan(date(year, 1, 1), date(year, 12, 31))
    if not 1 <= month <= 12:
        raise DateFilterError(text, f"there is no month {month}")
    days = calendar.monthrange(year, month)[1]
    if day is None:
        return DateSpan(date(year, month, 1), date(year, month, days))
    if not 1 <= day <= days:
        name = calendar.month_name[month]
        raise DateFilterError(text, f"{name} {year} has {days} days")
    return DateSpan(date(year, month, day), date(year, month, day))


def _why_not(text: str) -> str:
    """What is wrong with a text that has none of the accepted shapes."""
    for pattern in (_SLASHED, _UNPADDED):
        match = pattern.fullmatch(text)
        if match is not None:
            parts = [match.group(1), *(f"{int(p):02d}" for p in match.groups()[1:] if p)]
            padded = "-".join(parts)
            try:
                parse_date_filter(padded)
            except DateFilterError:
                break
            return f"write it {padded}"
    if could_become_date(text):
        return "it is unfinished"
    if _DAY_FIRST.fullmatch(text):
        return "the year comes first (day-first and month-first dates read alike)"
    return "not in a form Brief reads"


def could_become_date(text: str) -> bool:
    """Whether ``text`` is the start of a date still being typed (``2023-1``, ``2023-02-``),
    that more characters can make valid; False for one that none can (``2023-13``)."""
    text = text.strip()
    parts = text.split("-")
    if len(parts) > 3 or not all((p.isascii() and p.isdigit()) or not p for p in parts):
        return False
    widths = (4, 2, 2)
    if any(len(p) > w for p, w in zip(parts, widths, strict=False)):
        return False
    if any(len(p) != w for p, w in zip(parts[:-1], widths, strict=False)):
        return False  # a field followed by '-' must be whole
    year = parts[0]
    if len(year) == 4 and int(year) == 0:
        return False
    if len(parts) > 1 and parts[1]:
        month = parts[1]
        if len(month) == 1:
            return month in "01"
        if not 1 <= int(month) <= 12:
            return False
    if len(parts) > 2 and parts[2]:
        day = parts[2]
        days = calendar.monthrange(int(year), int(parts[1]))[1]
        if len(day) == 1:
            return int(day) * 10 <= days
        return 1 <= int(day) <= days
    return True

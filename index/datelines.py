"""Dates as news saves print them: find one in a line, and tell a date line from prose.

Formats read: ISO 8601 ("2023-11-02", "2023-11-02T10:14:00Z"), day-first numeric
("01/11/2023 23h52", "02.11.2023"), "2 November 2023", "Nov. 2, 2023 10:14 am ET",
"Thursday 2 November 2023 10:14 GMT", and French, German and Spanish month names
("2 novembre 2023 à 10h14"). A numeric date such as 01/11/2023 is read day first
unless that is impossible (11/25/2023) or the line uses a 12-hour clock (am/pm),
which marks the US month-first style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

MONTHS: dict[str, int] = {}
for number, names in enumerate(
    (
        "january jan janvier janv enero ene januar jänner",
        "february feb février fevrier févr fevr febrero februar",
        "march mar mars marzo märz maerz",
        "april apr avril avr abril",
        "may mai mayo",
        "june jun juin junio juni",
        "july jul juillet juil julio juli",
        "august aug août aout agosto",
        "september sep sept septembre septiembre",
        "october oct octobre octubre oktober okt",
        "november nov novembre noviembre",
        "december dec décembre decembre déc diciembre dezember dez",
    ),
    start=1,
):
    for name in names.split():
        MONTHS[name] = number

_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))

ZONES: dict[str, int] = {
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "bst": 60,
    "cet": 60,
    "cest": 120,
    "eet": 120,
    "eest": 180,
    "msk": 180,
    "ist": 330,
    "kst": 540,
    "jst": 540,
    "est": -300,
    "edt": -240,
    "cst": -360,
    "cdt": -300,
    "pst": -480,
    "pdt": -420,
}
_ZONE = "|".join(sorted(ZONES, key=len, reverse=True))

_ISO = re.compile(
    r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?(?![\d-])"
)
_NUMERIC = re.compile(r"(?<![\d/.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})(?![\d/])")
_DAY_MONTH = re.compile(
    rf"(?<!\w)(?P<d>\d{{1,2}})(?:st|nd|rd|th|er)?\.?\s+(?:of\s+|de\s+)?(?P<mon>{_MONTH})\.?,?\s+(?:de\s+)?(?P<y>\d{{4}})\b",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"(?<!\w)(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(?<![\d/.:])(?P<H>\d{1,2})(?:(?P<sep>[:h.])(?P<M>\d{2})|(?P<hmark>h)(?!\w))?"
    r"(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?(?![\w])"
    rf"(?:\s*\(?(?P<zone>{_ZONE})(?P<zoneoff>[+-]\d{{1,2}}(?::?\d{{2}})?)?\)?(?![\w+])"
    r"|\s*(?P<offset>[+-]\d{2}:?\d{2}))?",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"^(?:(?:published|updated|posted|last updated)\s*:?\s*)?"
    r"(?:(?:\d+|an?|one)\s+(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago"
    r"|just now|yesterday|today|il y a \d+\s+\w+|hier|aujourd'hui)\.?$",
    re.IGNORECASE,
)
_RELATIVE_PART = re.compile(
    r"\b(?:(?:updated|published)\s*:?\s*)?(?:\d+|an?|one)\s+"
    r"(?:second|minute|min|hour|hr|day|week)s?\s+ago\b"
    r"|\b\d+\s*min(?:ute)?s?\s+read\b|\blecture\s*:?\s*\d+\s*min\b",
    re.IGNORECASE,
)
_FILLER = re.compile(
    r"""(?ix)\b(?:published|updated|last|posted|first|on|at|date|dated|time|the|of
    |publié|publiée|publie|mis|à|a|jour|le|modifié|modifie|veröffentlicht|am|um|uhr|aktualisiert
    |publicado|actualizado|el|de|las|h
    |monday|tuesday|wednesday|thursday|friday|saturday|sunday
    |mon|tue|tues|wed|thu|thurs|fri|sat|sun
    |lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche
    |montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag
    |lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b"""
)
_LOOSE_TIME = re.compile(
    rf"(?<![\w/.:])\d{{1,2}}(?:[:h.]\d{{2}}\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?|h(?!\w))"
    rf"(?:\s*(?:{_ZONE}|ET|PT|CT|MT)(?:[+-]\d{{1,2}}(?::?\d{{2}})?)?)?(?![\w])",
    re.IGNORECASE,
)
_PUNCT_ONLY = re.compile(r"^[\s,.;:|/·•—–()\[\]-]*$")


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in a line: the moment and the span of the line it took."""

    when: datetime
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DateLine:
    """A line that is only a date: ``when`` is None for relative dates ("3 hours ago")."""

    when: datetime | None
    author: str | None = None


def find_date(text: str) -> FoundDate | None:
    """The first date (with its time of day, if printed next to it) in ``text``."""
    candidates = []
    for pattern in (_ISO, _NUMERIC, _DAY_MONTH, _MONTH_DAY):
        for match in pattern.finditer(text):
            found = _from_match(pattern, match, text)
            if found is not None:
                candidates.append(found)
                break
    if not candidates:
        return None
    return min(candidates, key=lambda f: f.start)


def parse_dateline(line: str) -> DateLine | None:
    """Read ``line`` as a date line ("Published 2 November 2023 10:14 GMT", "Posted on
    Nov 2, 2023 by admin"); None when the line says anything besides a date."""
    text = line.strip()
    if not text or len(text) > 160:
        return None
    if _RELATIVE.match(text):
        return DateLine(None)
    author = None
    by = re.search(r"\s+(?:by|par|von|por)\s+(?P<name>[^|,]+?)\s*$", text, re.IGNORECASE)
    if by:
        author = by.group("name").strip()
        text = text[: by.start()]
    text = _RELATIVE_PART.sub(" ", text)
    found = find_date(text)
    if found is None:
        return None
    when = found.when
    before, after = text[: found.start], text[found.end :]
    # A time printed before the date: "Updated at 10:14 a.m. ET on November 2, 2023".
    if when.hour == when.minute == 0 and when.tzinfo is None:
        for time in _LOOSE_TIME.finditer(before):
            parsed = _time_after(before, time.start())
            if parsed is not None:
                (hour, minute, tz), _end = parsed
                when = when.replace(hour=hour, minute=minute, tzinfo=tz)
                before = before[: time.start()] + " " + before[time.end() :]
                break
    rest = before + " " + after
    # A second date on the line ("modifié le ...") is allowed: the first is the publication.
    while (again := find_date(rest)) is not None:
        rest = rest[: again.start] + " " + rest[again.end :]
    rest = _LOOSE_TIME.sub(" ", rest)
    rest = re.sub(r"\b(?:modifié|modifie|updated|mis à jour)\b", " ", rest, flags=re.IGNORECASE)
    rest = _FILLER.sub(" ", rest)
    if not _PUNCT_ONLY.match(rest):
        return None
    return DateLine(when, author)


def _from_match(pattern: re.Pattern[str], match: re.Match[str], text: str) -> FoundDate | None:
    try:
        if pattern is _ISO:
            when = datetime(int(match["y"]), int(match["m"]), int(match["d"]))
            if match["H"] is not None:
                when = when.replace(hour=int(match["H"]), minute=int(match["M"]))
                if match["tz"]:
                    when = when.replace(tzinfo=_offset(match["tz"]))
                return FoundDate(when, match.start(), match.end())
        elif pattern is _NUMERIC:
            a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
            year = year + 2000 if year < 100 else year
            twelve_hour = re.search(r"\b[ap]\.?m\b", text, re.IGNORECASE) is not None
            day, month = (a, b)
            if b > 12 or (a <= 12 and twelve_hour):
                day, month = b, a
            when = datetime(year, month, day)
        else:
            month = MONTHS[match["mon"].lower()]
            when = datetime(int(match["y"]), month, int(match["d"]))
    except ValueError:
        return None
    end = match.end()
    time = _time_after(text, end)
    if time is not None:
        (hour, minute, tz), end = time
        when = when.replace(hour=hour, minute=minute, tzinfo=tz)
    return FoundDate(when, match.start(), end)


def _time_after(text: str, pos: int) -> tuple[tuple[int, int, timezone | None], int] | None:
    """A time of day right after a date: "23h52", ", 10:14 am ET", "à 10h14", "at 9.30pm"."""
    gap = re.match(r"[\s,|·•-]*(?:(?:at|à|um|a las|,)\s*)?", text[pos:], re.IGNORECASE)
    start = pos + (gap.end() if gap else 0)
    match = _TIME.match(text, start)
    if not match or (not match["M"] and not match["ampm"] and not match["hmark"]):
        return None
    hour, minute = int(match["H"]), int(match["M"] or 0)
    ampm = (match["ampm"] or "").replace(".", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    tz = None
    if match["zone"]:
        minutes = ZONES[match["zone"].lower()]
        if match["zoneoff"]:
            sign = -1 if match["zoneoff"][0] == "-" else 1
            hours, _, mins = match["zoneoff"][1:].partition(":")
            if len(hours) > 2:
                hours, mins = hours[:2], hours[2:]
            minutes += sign * (int(hours) * 60 + int(mins or 0))
        tz = timezone(timedelta(minutes=minutes))
    elif match["offset"]:
        tz = _offset(match["offset"])
    return (hour, minute, tz), match.end()


def _offset(text: str) -> timezone:
    if text.upper() == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))

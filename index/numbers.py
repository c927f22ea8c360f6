"""Numeric claims in text: quantities, durations and dates, with their unit and context.

"more than a million artillery shells", "2,000 containers", "approximately ten separate
shipments", "two months", "September 7", "mid-2022": each becomes a :class:`NumberClaim`
holding the normalised value (so "a million" equals "1,000,000"), the unit's head noun
(so "artillery shells" and "shells" compare equal) and the words around it, so that a
comparison can say which claims one version carries and the other does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

ClaimKind = Literal["count", "duration", "percent", "money", "date"]

WORD_VALUES: dict[str, int] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
MULTIPLIERS: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
DURATION_UNITS = frozenset(
    ["second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "century"]
)
UNIT_SYNONYMS = {
    "round": "shell",
    "munition": "shell",
    "delivery": "shipment",
    "consignment": "shipment",
    "soldier": "troop",
    "percent": "%",
}
QUALIFIERS = (
    "more than", "over", "about", "around", "approximately", "roughly", "nearly", "almost",
    "at least", "up to", "some", "fewer than", "less than", "as many as", "as much as",
    "an estimated", "estimated", "just over", "just under", "well over", "just", "only",
    "under", "below", "above", "close to", "upwards of", "an approximate",
)  # fmt: skip
_QUALIFIER_CANON = {
    "over": "more than",
    "just over": "more than",
    "well over": "more than",
    "above": "more than",
    "upwards of": "more than",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "an approximate": "about",
    "close to": "nearly",
    "almost": "nearly",
    "under": "less than",
    "below": "less than",
    "just under": "less than",
    "fewer than": "less than",
}
UNIT_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "via",
        "into",
        "onto",
        "than",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "your",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "not",
        "no",
        "per",
        "each",
        "every",
        "abroad",
        "ago",
        "earlier",
        "later",
        "before",
        "after",
        "since",
        "until",
        "during",
        "between",
        "among",
        "more",
        "less",
        "most",
        "least",
        "over",
        "under",
        "about",
        "around",
        "so",
        "such",
        "then",
        "there",
        "here",
        "also",
        "only",
        "just",
        "even",
        "still",
        "yet",
        "while",
        "when",
        "where",
        "if",
        "because",
        "though",
        "although",
        "whereas",
        "against",
        "toward",
        "towards",
        "across",
        "through",
        "within",
        "without",
        "along",
        "beyond",
        "behind",
        "above",
        "below",
        "up",
        "down",
        "out",
        "off",
        "again",
        "all",
        "both",
        "either",
        "neither",
        "other",
        "another",
        "same",
        "own",
        "any",
        "some",
        "many",
        "much",
        "few",
        "several",
    ]
)

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = "|".join(sorted(WORD_VALUES, key=len, reverse=True))
_MULT = "|".join(MULTIPLIERS)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_QUAL = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))

_DATE = re.compile(
    rf"\b(?P<part>(?:early|mid|late|end of|beginning of|start of)[\s-]+)?"
    rf"(?:(?P<dday>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmonth>{_MONTH})\b\.?(?:,?\s+(?P<dyear>\d{{4}}))?"
    rf"|(?P<month>{_MONTH})\b\.?(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>\d{{4}})\b)?"
    rf"|(?P<ayear>(?:19|20)\d{{2}})(?!,\d)\b(?!\s*(?:{_MULT}|%|percent)))",
    re.IGNORECASE,
)
_DATE_HINT = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|(?:19|20)\d\d\b)")
_QUANTITY = re.compile(
    rf"(?P<money>[$€£])?"
    rf"(?P<num>\b(?:{_NUM})|\b(?:{_WORDNUM})\b|\b(?:a|one)(?=[\s-]+(?:{_MULT})s?\b))"
    rf"(?:(?:\s+|-)(?P<mult>{_MULT})s?\b)?"
    rf"(?P<pct>\s*%|\s+per\s?cent\b|\s+percent\b)?",
    re.IGNORECASE,
)
_QUALIFIER_BEFORE = re.compile(rf"\b(?P<qual>{_QUAL})\s+$", re.IGNORECASE)
_ANAPHORIC = re.compile(r"\b(?:the|its|their|these|those|both|all)\s+$", re.IGNORECASE)
_UNIT_WORD = re.compile(r"\s*[-\s]?([A-Za-z][A-Za-z-]*)(’s|'s|’|')?")


@dataclass(frozen=True, slots=True)
class NumberClaim:
    """A number in context; ``start``/``end`` cover ``text`` (qualifier, number, unit)."""

    start: int
    end: int
    text: str
    kind: ClaimKind
    value: str
    """Normalised value: "1000000", "2.5", or for dates "2023-09-07", "--09-07", "--08"."""
    unit: str | None
    qualifier: str | None

    @property
    def head(self) -> str | None:
        """The unit's head noun, singular and with synonyms merged ("rounds" -> "shell")."""
        if not self.unit:
            return None
        last = self.unit.split()[-1].lower()
        single = _singular(last)
        return UNIT_SYNONYMS.get(single, single)

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.kind, self.value, self.head)

    def matches(self, other: NumberClaim) -> bool:
        """Same kind and value, and units that agree (or one side names none)."""
        if self.kind != other.kind or self.value != other.value:
            return False
        return self.head is None or other.head is None or self.head == other.head

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "kind": self.kind,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "start": self.start,
            "end": self.end,
        }


def extract_numbers(text: str, offset: int = 0) -> list[NumberClaim]:
    """Numeric claims in ``text`` in order; offsets are shifted by ``offset``."""
    claims: list[NumberClaim] = []
    taken: list[tuple[int, int]] = []
    for match in _DATE.finditer(text) if _DATE_HINT.search(text) else ():
        claim = _date_claim(text, match)
        if claim is not None:
            claims.append(_shift(claim, offset))
            taken.append((match.start(), match.end()))
    for match in _QUANTITY.finditer(text):
        start, end = match.start("num"), match.end()
        if any(a < end and start < b for a, b in taken):
            continue
        qualifier = _QUALIFIER_BEFORE.search(text, max(0, match.start() - 24), match.start())
        claim = _quantity_claim(text, match, qualifier)
        if claim is not None:
            claims.append(_shift(claim, offset))
            taken.append((claim.start, claim.end))
    claims.sort(key=lambda c: c.start)
    return claims


def unmatched(claims: Iterable[NumberClaim], others: Iterable[NumberClaim]) -> list[NumberClaim]:
    """The claims of the first list that no claim of the second matches (first of each key)."""
    heads: dict[tuple[str, str], set[str | None]] = {}
    for other in others:
        heads.setdefault((other.kind, other.value), set()).add(other.head)
    seen: set[tuple[str, str, str | None]] = set()
    out = []
    for claim in claims:
        if claim.key in seen:
            continue
        seen.add(claim.key)
        found = heads.get((claim.kind, claim.value))
        if not found or not (claim.head is None or None in found or claim.head in found):
            out.append(claim)
    return out


def _shift(claim: NumberClaim, offset: int) -> NumberClaim:
    if not offset:
        return claim
    return NumberClaim(
        claim.start + offset,
        claim.end + offset,
        claim.text,
        claim.kind,
        claim.value,
        claim.unit,
        claim.qualifier,
    )


def _date_claim(text: str, match: re.Match[str]) -> NumberClaim | None:
    month_word = match.group("month") or match.group("dmonth")
    if month_word is not None:
        if not month_word[0].isupper():
            return None
        day = match.group("day") or match.group("dday")
        year = match.group("year") or match.group("dyear")
        if month_word.lower() in ("may", "mar") and not (day or year):
            return None  # the verb "may", the noun "march"
        month = MONTHS[month_word.lower()]
        if day and not 1 <= int(day) <= 31:
            return None
        value = f"{year or '-'}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    else:
        year = match.group("ayear")
        if year is None:
            return None
        value = year
    part = (match.group("part") or "").strip(" -").lower() or None
    end = match.end()
    if text[end - 1] == "." and not (month_word and len(month_word) <= 4):
        end -= 1  # a sentence's full stop, not an abbreviation's
    return NumberClaim(match.start(), end, text[match.start() : end], "date", value, None, part)


def _quantity_claim(
    text: str, match: re.Match[str], qualifier: re.Match[str] | None
) -> NumberClaim | None:
    raw = match.group("num")
    mult_word = match.group("mult")
    lowered = raw.lower()
    if lowered in ("a", "one") and not mult_word:
        return None
    if raw[0].isdigit():
        number = float(raw.replace(",", ""))
        if _is_clock_or_code(text, match):
            return None
    else:
        number = float(WORD_VALUES.get(lowered, 1))
    if mult_word:
        number *= MULTIPLIERS[mult_word.lower()]
    end = match.end()
    kind: ClaimKind = "count"
    unit: str | None = None
    if match.group("pct"):
        kind, unit = "percent", "%"
    else:
        unit, end = _unit_after(text, end)
        if match.group("money"):
            kind = "money"
        elif unit and _singular(unit.split()[-1].lower()) in DURATION_UNITS:
            kind = "duration"
    if kind == "count" and unit is None and not raw[0].isdigit() and not mult_word:
        return None  # a bare "ten" or "two" with nothing counted is not a claim
    if not raw[0].isdigit() and _ANAPHORIC.search(text, 0, match.start()):
        return None  # "the two countries" refers back; it claims nothing new
    qual = qualifier.group("qual").lower() if qualifier else None
    canonical = _QUALIFIER_CANON.get(qual, qual) if qual else None
    start = qualifier.start() if qualifier else match.start()
    value = f"{number:.6g}" if number < 1e6 else str(round(number))
    if number == int(number):
        value = str(int(number))
    return NumberClaim(start, end, text[start:end], kind, value, unit, canonical)


def _unit_after(text: str, position: int) -> tuple[str | None, int]:
    """Up to four words naming what is counted, ending at a function word or a possessive."""
    words: list[str] = []
    end = position
    cursor = position
    while len(words) < 4:
        match = _UNIT_WORD.match(text, cursor)
        if match is None:
            break
        if words and text[cursor : match.start(1)].strip(" -"):
            break
        word = match.group(1)
        low = word.lower()
        if low in UNIT_STOPWORDS or low in MULTIPLIERS:
            break
        if words and (low.endswith("ed") or low.endswith("ing")) and low not in ("ceasing",):
            break
        if not words and low.endswith("ing") and low not in ("missing", "building"):
            break
        words.append(word)
        end = match.end(1)
        cursor = match.end()
        if match.group(2):
            break
    return (" ".join(words) if words else None), end


def _is_clock_or_code(text: str, match: re.Match[str]) -> bool:
    """Times ("23:52"), numbers glued to letters ("Kh-35", "GeumSeong-3") and ids are not claims."""
    start, end = match.start("num"), match.end("num")
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before in ":/-" or before.isalpha() or after in ":/" or after.isalpha()


def _singular(word: str) -> str:
    word = word.strip("’'")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word

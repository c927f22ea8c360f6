"""Bylines: "by Sededin Dedovic", "By Frances Mao, BBC News", "Par Philippe Mesmer (Tokyo)".

A byline names the author and sometimes the outlet. A line only counts as one when
what follows "by" reads as names, so prose such as "By the end of the year, ..." is
left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from index.datelines import find_date

_LEAD = re.compile(
    r"^(?:by|par|von|por|words by|written by|author\s*:|auteur\s*:|autor\s*:)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_JOINERS = frozenset({"and", "&", "et", "und", "y", "e"})
_PARTICLES = frozenset(
    {"de", "da", "del", "van", "von", "der", "den", "bin", "al", "el", "le", "la", "du"}
)
# Handles that sign blog posts but are no one's name.
GENERIC_AUTHORS = frozenset(
    {"admin", "administrator", "editor", "staff", "webmaster", "guest", "team"}
)


@dataclass(frozen=True, slots=True)
class Byline:
    """What a byline says: the author's name(s) and, if it was printed too, the outlet."""

    author: str | None
    outlet: str | None = None
    published: datetime | None = None


def parse_byline(line: str) -> Byline | None:
    """Read ``line`` as a byline, or None when it is not one."""
    match = _LEAD.match(line.strip())
    if not match:
        return None
    rest = re.sub(r"\s*\([^)]*\)\s*$", "", match.group("rest")).strip(" .|-–—")
    parts = [p.strip() for p in re.split(r"\s*(?:,|\||\s[-–—]\s)\s*", rest) if p.strip()]
    if not parts:
        return None
    published = None
    kept = []
    for part in parts:
        found = find_date(part)
        if found is not None and kept:
            published = published or found.when
        else:
            kept.append(part)
    parts = kept
    names, outlet = parts[0], None
    if len(parts) > 1 and looks_like_name(parts[1]) and not _is_outlet_name(parts[1]):
        names = f"{parts[0]} and {parts[1]}"
        parts = [names, *parts[2:]]
    if len(parts) > 1 and _looks_titled(parts[1]):
        outlet = parts[1]
    if names.lower() in GENERIC_AUTHORS:
        return Byline(None, outlet, published)
    if not looks_like_name(names):
        return None
    return Byline(names, outlet, published)


_PLACED = re.compile(
    r"^(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,3}) (?:in|at|en|à|aus|in der) "
    r"(?P<place>[A-Z][\w'’ -]{1,40})$"
)


def parse_placed_byline(line: str) -> Byline | None:
    """A byline without "by", as some papers print it: "Justin McCurry in Tokyo"."""
    match = _PLACED.match(line.strip())
    if not match or len(match.group("place").split()) > 3:
        return None
    return Byline(match.group("name"))


def looks_like_name(text: str) -> bool:
    """Capitalised words, with joiners ("and", "&") and particles ("de", "van") allowed."""
    words = text.split()
    if not 1 <= len(words) <= 9 or text.endswith((".", "?", "!", ":")):
        return False
    named = 0
    for word in words:
        bare = word.strip(",")
        if bare.lower() in _JOINERS or bare.lower() in _PARTICLES:
            continue
        if not (bare[:1].isupper() and any(ch.isalpha() for ch in bare)):
            return False
        named += 1
    return named >= 1


_OUTLET_WORDS = re.compile(
    r"\b(?:news|times|post|press|herald|journal|daily|tribune|gazette|telegraph|guardian|media|"
    r"group|reuters|associated|agency|network|broadcasting|radio|tv|television|wire|magazine|"
    r"monde|figaro|zeitung|país|world|report|review|observer|independent|express|mail|"
    r"chronicle|standard|bulletin|insider|today|online|weekly|globe|star|sun|mirror|blog|"
    r"watch|dispatch|courier|post|wire|agence|presse|nachrichten|diario|noticias)\b",
    re.IGNORECASE,
)


def _is_outlet_name(text: str) -> bool:
    acronym = text.isupper() and len(text.split()) <= 2 and "'" not in text and "’" not in text
    return bool(_OUTLET_WORDS.search(text)) or acronym


def looks_like_outlet(text: str) -> bool:
    """A short capitalised name with a word newspapers and agencies use ("ICARO Media Group")."""
    words = text.split()
    return 1 <= len(words) <= 6 and _looks_titled(text) and _is_outlet_name(text)


def _looks_titled(text: str) -> bool:
    words = [w for w in text.split() if w.lower() not in _JOINERS | _PARTICLES | {"the", "of"}]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)

"""Spelling keys for entity names, so one entity spelled differently by two outlets is one.

"Yoo Sang Bum" and "Yoo Sang-bum", "Sergei SHOIGU" and "Sergei Shoigu", "José" and "Jose",
"J.D. Vance" and "JD Vance", "F-16" and "F16" share a key; "Kim Jong Un" and "Kim Jong Il",
"Lee" and "Li", "Kim Jong Un" and "Kim Yo Jong", "Pierre Lee" and "Lee Pierre" do not.
The key never guesses: two names share it only when they are the same letters and digits
in the same order, differing in case, accents, or the punctuation and spaces between
their parts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from whoosh.support.charset import accent_map

from index.searchindex import fold_accents

_ACCENT_TABLE = dict(accent_map)
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc`\u00b4]")
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The spelling-insensitive key of an entity name (the same for every spelling of it).

    Case, accents and apostrophes are folded; hyphens, periods and spaces between words
    are ignored; letters and digits split ("F16" = "F-16"); runs of initials join
    ("J. D." = "JD"). Word order counts: "Pierre Lee" is not "Lee Pierre" (on a generated
    10,000-article library, turning words around merged different people), so a
    family name moved to the other end ("Sang-bum Yoo") stays a spelling of its own. The key is
    stable under the search index's folding: ``name_key(fold(x)) == name_key(x)``."""
    folded = name.casefold()
    if not folded.isascii():
        folded = fold_accents(folded).translate(_ACCENT_TABLE).casefold()
    tokens = _TOKEN.findall(_APOSTROPHES.sub("", folded))
    if not tokens:
        return " ".join(folded.split())
    words: list[str] = []
    initials = False  # the last word is a run of single letters ("U.S." -> "us")
    for token in tokens:
        single = len(token) == 1 and token.isalpha()
        if single and initials:
            words[-1] += token
        else:
            words.append(token)
            initials = single
    return " ".join(words)


def spelling_rank(spelling: str) -> tuple[int, int, str, str]:
    """Order among spellings seen equally often: written in normal case before shouted
    ("Sergei Shoigu" before "Sergei SHOIGU"), with accents before without ("José" before
    "Jose"), then alphabetical, so every part of Brief picks the same one."""
    words = _WORD.findall(spelling)
    shouted = any(w.isupper() and len(w) >= 5 for w in words) or (
        len(words) > 1 and all(w.isupper() for w in words)
    )
    accents = 0 if spelling.isascii() else sum(1 for c in spelling if c > "~" and c.isalpha())
    return (int(shouted), -accents, spelling.casefold(), spelling)


def choose_name(articles: Mapping[str, int]) -> str:
    """The name to show for spellings of one entity: the one the most articles use
    (``articles`` maps spelling -> number of articles), ties by :func:`spelling_rank`."""
    return min(articles, key=lambda s: (-articles[s], spelling_rank(s)))

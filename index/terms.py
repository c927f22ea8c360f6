"""Content terms: the words that carry a sentence's claim, reduced to rough stems.

Comparison, fact clustering and story grouping all measure overlap of content words
("shipped" ~ "shipments", "mobilising" ~ "mobilizing"), weighted by how rare a term is
among the texts compared. Function words are dropped; numbers become ``#value`` terms so
that "a million" and "1,000,000" meet.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from index.numbers import NumberClaim, extract_numbers

STEM_LENGTH = 7
"""Stems are cut to this many characters: a cheap way to merge "technolog-y/-ical"."""

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "across",
        "after",
        "afterwards",
        "again",
        "against",
        "all",
        "almost",
        "alone",
        "along",
        "already",
        "also",
        "although",
        "always",
        "am",
        "among",
        "amongst",
        "an",
        "and",
        "another",
        "any",
        "anyhow",
        "anyone",
        "anything",
        "anyway",
        "anywhere",
        "are",
        "around",
        "as",
        "at",
        "back",
        "be",
        "became",
        "because",
        "become",
        "becomes",
        "becoming",
        "been",
        "before",
        "beforehand",
        "behind",
        "being",
        "below",
        "beside",
        "besides",
        "between",
        "beyond",
        "both",
        "but",
        "by",
        "can",
        "cannot",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "down",
        "during",
        "each",
        "either",
        "else",
        "elsewhere",
        "enough",
        "etc",
        "even",
        "ever",
        "every",
        "everyone",
        "everything",
        "everywhere",
        "except",
        "few",
        "for",
        "former",
        "formerly",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "hence",
        "her",
        "here",
        "hereafter",
        "hereby",
        "herein",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "indeed",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "last",
        "latter",
        "least",
        "less",
        "made",
        "many",
        "may",
        "me",
        "meanwhile",
        "might",
        "mine",
        "more",
        "moreover",
        "most",
        "mostly",
        "much",
        "must",
        "my",
        "myself",
        "namely",
        "neither",
        "never",
        "nevertheless",
        "next",
        "no",
        "nobody",
        "none",
        "noone",
        "nor",
        "not",
        "nothing",
        "now",
        "nowhere",
        "of",
        "off",
        "often",
        "on",
        "once",
        "one",
        "only",
        "onto",
        "or",
        "other",
        "others",
        "otherwise",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "per",
        "perhaps",
        "please",
        "put",
        "rather",
        "re",
        "same",
        "say",
        "said",
        "says",
        "see",
        "seem",
        "seemed",
        "seeming",
        "seems",
        "several",
        "she",
        "should",
        "since",
        "so",
        "some",
        "somehow",
        "someone",
        "something",
        "sometime",
        "sometimes",
        "somewhere",
        "still",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "thence",
        "there",
        "thereafter",
        "thereby",
        "therefore",
        "therein",
        "thereupon",
        "these",
        "they",
        "this",
        "those",
        "though",
        "through",
        "throughout",
        "thru",
        "thus",
        "to",
        "together",
        "too",
        "toward",
        "towards",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "used",
        "very",
        "via",
        "was",
        "we",
        "well",
        "were",
        "what",
        "whatever",
        "when",
        "whence",
        "whenever",
        "where",
        "whereafter",
        "whereas",
        "whereby",
        "wherein",
        "whereupon",
        "wherever",
        "whether",
        "which",
        "while",
        "whither",
        "who",
        "whoever",
        "whole",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "yet",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "s",
        "t",
        "don",
        "nt",
        "ll",
        "ve",
        "re",
        "d",
        "m",
        "according",
        "reported",
        "reportedly",
        "told",
    ]
)
SYNONYMS: dict[str, str] = {
    # Words news rewrites swap for one another, mapped onto one stem.
    "shipped": "send", "ship": "send", "sent": "send", "sending": "send", "sends": "send",
    "delivered": "send", "deliver": "send", "delivering": "send", "transported": "send",
    "transport": "send", "dispatched": "send", "dispatch": "send", "supplied": "send",
    "supply": "send", "supplying": "send", "given": "send", "transfer": "send",
    "transferred": "send", "deliveries": "send", "delivery": "send", "shipments": "send",
    "shipment": "send", "supplies": "send",
    "shells": "munition", "shell": "munition", "rounds": "munition", "munitions": "munition",
    "ammunition": "munition", "ammo": "munition",
    "denied": "deny", "denies": "deny", "dismissed": "deny", "rejected": "deny",
    "baseless": "deny", "denial": "deny",
    "signs": "indication", "indications": "indication", "sign": "indication",
    "weapons": "arms", "weapon": "arms", "weaponry": "arms", "armaments": "arms",
    "spy": "intel", "intelligence": "intel", "secret": "intel", "spies": "intel",
    "agents": "intel", "reconnaissance": "intel",
    "lawmaker": "legislat", "lawmakers": "legislat", "politician": "legislat",
    "parliamentary": "legislat", "legislators": "legislat", "mps": "legislat",
    "technological": "technology", "technologies": "technology",
    "summit": "meet", "meeting": "meet", "met": "meet", "visit": "meet", "visited": "meet",
    "kremlin": "russia", "moscow": "russia", "russian": "russia", "russians": "russia",
    "pyongyang": "korea", "dprk": "korea",
    "seoul": "south",
    "nis": "intel",
    "believes": "believe", "suspected": "believe", "suspicions": "believe", "assessed": "believe",
    "approximately": "about", "roughly": "about", "around": "about",
}  # fmt: skip
_ABBREVIATION = re.compile(
    r"\bU\.S\.(?:A\.)?|\bU\.N\.|\bU\.K\.|\bE\.U\.|\b(?:United States|USA|US|United Nations"
    r"|UN|United Kingdom|UK|Britain|European Union|EU)\b"
)
_ABBREVIATION_TERMS = {
    **dict.fromkeys(("u.s.", "u.s.a.", "united states", "usa", "us"), " unitedstates "),
    **dict.fromkeys(("u.n.", "united nations", "un"), " unitednations "),
    **dict.fromkeys(("u.k.", "united kingdom", "uk", "britain"), " unitedkingdom "),
    **dict.fromkeys(("e.u.", "european union", "eu"), " europeanunion "),
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_SUFFIXES = (
    ("ational", "ate"),
    ("ization", "ize"),
    ("isation", "ize"),
    ("ising", "ize"),
    ("izing", "ize"),
    ("ised", "ize"),
    ("ized", "ize"),
    ("ise", "ize"),
    ("ments", ""),
    ("ment", ""),
    ("ness", ""),
    ("ingly", ""),
    ("edly", ""),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ed", ""),
    ("ly", ""),
    ("es", ""),
    ("s", ""),
)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A rough, fast stem: lower case, common English suffixes stripped, cut short."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'")
    if len(word) > 4:
        for suffix, replacement in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                if suffix == "s" and word.endswith(("ss", "us", "is")):
                    continue
                word = word[: -len(suffix)] + replacement
                break
        if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
            word = word[:-1]
    return word[:STEM_LENGTH]


@lru_cache(maxsize=200_000)
def _term(word: str) -> str:
    """A word's term, or "" for a function word."""
    low = word.lower().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    if low in STOPWORDS or len(low) < 2:
        return ""
    term = SYNONYMS.get(low) or stem(low)
    return "" if term in STOPWORDS else term


def content_terms(
    text: str, numbers: bool = True, claims: Sequence[NumberClaim] | None = None
) -> list[str]:
    """The stems of ``text``'s content words, plus ``#value`` terms for its numbers
    (``claims`` if already extracted from ``text``)."""
    text = _ABBREVIATION.sub(lambda m: _ABBREVIATION_TERMS[m.group(0).lower()], text)
    out = [term for term in map(_term, _WORD.findall(text)) if term]
    if numbers:
        # A month alone ("in October") is weak evidence of the same claim; full dates and
        # quantities are strong.
        out.extend(
            f"#{c.value}"
            for c in (extract_numbers(text) if claims is None else claims)
            if not (c.kind == "date" and c.value.startswith("--") and c.value.count("-") == 2)
        )
    return out


def idf_weights(documents: Iterable[Iterable[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of every term of ``documents``."""
    df: Counter[str] = Counter()
    count = 0
    for terms in documents:
        count += 1
        df.update(set(terms))
    return {term: max(0.05, math.log((count + 1) / (n + 0.5))) for term, n in df.items()}


def weighted_vector(
    terms: Sequence[str], idf: dict[str, float], default: float = 1.0
) -> dict[str, float]:
    """Binary term presence weighted by idf (repeats in a sentence add little meaning)."""
    return {t: math.sqrt(idf.get(t, default)) for t in set(terms)}

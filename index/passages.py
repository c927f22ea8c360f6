"""Passages: the sentences of an article's report, kept within their paragraphs.

Comparison and fact clustering work on passages. Captions are left out (they are debris
for comparison); headings are kept as one passage each. Sentence splitting knows titles
("Mr", "Gen."), month abbreviations ("Sept. 13"), initialisms ("U.S.", "U.N.") and
closing quotes; a run-on without punctuation is cut at clause marks or word counts so that
no passage grows unreadably long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.article import Article

MAX_PASSAGE_WORDS = 80
"""A "sentence" longer than this is cut at commas/semicolons, then at word counts."""

TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "adm",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "hon",
        "pres",
        "supt",
        "insp",
        "det",
        "amb",
        "sec",
    ]
)
MONTH_ABBREVIATIONS = frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
OTHER_ABBREVIATIONS = frozenset(
    [
        "inc",
        "corp",
        "ltd",
        "co",
        "jr",
        "sr",
        "no",
        "nos",
        "vs",
        "etc",
        "approx",
        "est",
        "dept",
        "univ",
        "fig",
        "al",
        "ca",
        "cf",
        "ed",
        "eds",
        "vol",
    ]
)
SENTENCE_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "i",
        "this",
        "that",
        "these",
        "those",
        "there",
        "in",
        "on",
        "at",
        "but",
        "and",
        "or",
        "so",
        "however",
        "meanwhile",
        "also",
        "after",
        "before",
        "when",
        "while",
        "if",
        "as",
        "his",
        "her",
        "their",
        "our",
        "one",
        "some",
        "many",
        "both",
        "according",
    ]
)

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+)")
_WORD_BEFORE = re.compile(r"([\w.’'-]+)$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]*([\w’'-]+)")
_INITIALISM = re.compile(r"[A-Za-z](?:\.[A-Za-z])*")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Passage:
    """One sentence of the body: ``article.body[start:end] == text``."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (whitespace trimmed, none empty)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if _is_boundary(text, match.start(), end):
            spans.append((start, end))
            start = end
    spans.append((start, len(text)))
    trimmed = []
    for a, b in spans:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if b - trail > a + lead:
            trimmed.append((a + lead, b - trail))
    out: list[tuple[int, int]] = []
    for a, b in trimmed:
        out.extend(_cut_long(text, a, b))
    return out


def passages(article: Article) -> list[Passage]:
    """The article's passages in reading order, captions excluded."""
    result: list[Passage] = []
    for paragraph in article.text_paragraphs():
        if paragraph.kind == "heading":
            spans = [(0, len(paragraph.text))]
        else:
            spans = split_sentences(paragraph.text)
        for a, b in spans:
            start = paragraph.start + a
            end = paragraph.start + b
            result.append(
                Passage(len(result), paragraph.index, start, end, article.body[start:end])
            )
    return result


def _is_boundary(text: str, mark_start: int, mark_end: int) -> bool:
    """Whether the punctuation at ``text[mark_start:mark_end]`` ends a sentence."""
    if text[mark_start] != ".":
        return True
    if mark_end - mark_start > 1 and text[mark_start:mark_end].startswith(".."):
        return True  # ellipsis
    before = _WORD_BEFORE.search(text, max(0, mark_start - 64), mark_start)
    word = before.group(1) if before else ""
    bare = word.lower().strip(".’'-")
    following = _NEXT_WORD.match(text, mark_end)
    next_word = following.group(1) if following else ""
    if not next_word:
        return True
    if next_word[0].islower():
        return False
    if bare in TITLES:
        return False
    if bare in MONTH_ABBREVIATIONS or bare in ("no", "nos", "vol", "fig"):
        return not next_word[0].isdigit()
    if bare in OTHER_ABBREVIATIONS:
        return next_word.lower() in SENTENCE_STARTERS
    if _INITIALISM.fullmatch(word):
        # Initialisms ("U.S.") and initials ("Kim J. Un"): a break only before a
        # word that usually opens a sentence.
        return next_word.lower() in SENTENCE_STARTERS
    return True


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an over-long sentence at clause marks, then at word counts."""
    words = list(_WORD.finditer(text, start, end))
    if len(words) <= MAX_PASSAGE_WORDS:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    count = 0
    for word in words:
        count += 1
        at_clause = word.group()[-1] in ",;:" or word.group() in ("—", "–")
        if (count >= MAX_PASSAGE_WORDS // 2 and at_clause) or count >= MAX_PASSAGE_WORDS:
            pieces.append((piece_start, word.end()))
            piece_start = word.end()
            count = 0
    if piece_start < end:
        pieces.append((piece_start, end))
    out = []
    for a, b in pieces:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            out.append((a + lead, a + len(piece.rstrip())))
    return out

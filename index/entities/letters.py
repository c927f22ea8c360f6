"""Unicode letter classes for the finders' regular expressions, and accent folding.

Python's ``re`` has no ``\\p{Lu}``, and ``[A-Z]`` cuts "José" to "Jos"; these classes list
every upper-case, lower-case and word character of the Basic Multilingual Plane (letters,
combining marks, digits) as ranges, so a pattern reads ``rf"[{UPPER}][{WORD}]*"``.
"""

from __future__ import annotations

import re
import unicodedata

_PLANE = 0x10000
# Letters NFD does not decompose to an ASCII base, for same-length accent folding.
_EXTRA_FOLDS = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ħ": "h"}


def _char_classes() -> dict[str, str]:
    """Bodies of character classes (no brackets) for each group below, over the BMP.

    Each character's general category becomes one letter of a string, and each class is
    the runs of a regex over that string, so the work stays in C (import time matters)."""
    letters = {"Lu": "U", "Lt": "U", "Ll": "l", "Lm": "o", "Lo": "o"}
    letters |= {cat: "m" for cat in ("Mn", "Mc", "Me")} | {c: "n" for c in ("Nd", "Nl", "No")}
    shapes = "".join(letters.get(unicodedata.category(chr(code)), "-") for code in range(_PLANE))
    groups = {
        # Upper-case and title-case letters: "J", "Ł", "Ş", "ǅ".
        "upper": "[U]+",
        # Lower-case letters and combining marks (a decomposed "é" is "e" + U+0301).
        "lower": "[lm]+",
        # Any letter (cased or not) or combining mark.
        "letter": "[Ulom]+",
        # What ``\w`` should have been for names: letters, marks and digits, no underscore.
        "word": "[Ulomn]+",
    }
    classes = {}
    for group, runs in groups.items():
        parts = []
        for match in re.finditer(runs, shapes):
            first, last = re.escape(chr(match.start())), re.escape(chr(match.end() - 1))
            parts.append(first if match.end() - match.start() == 1 else f"{first}-{last}")
        classes[group] = "".join(parts)
    return classes


_CLASSES = _char_classes()
UPPER = _CLASSES["upper"]
LOWER = _CLASSES["lower"]
LETTER = _CLASSES["letter"]
WORD = _CLASSES["word"]

_FOLDS = {
    ch: base
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))
    if (ch := chr(code)).isalpha()
    and (base := _EXTRA_FOLDS.get(ch) or unicodedata.normalize("NFD", ch)[0]).isascii()
    and base != ch
}
_ACCENTED = re.compile("[" + "".join(re.escape(ch) for ch in _FOLDS) + "]")


def fold_accents(text: str) -> str:
    """Same-length copy of ``text`` with accented Latin letters replaced by their base letter
    ("Erdoğan" -> "Erdogan", "Łódź" -> "Lodz"), so "Bogotá" matches a listed "Bogota"."""
    if text.isascii():
        return text
    return _ACCENTED.sub(lambda match: _FOLDS[match.group()], text)


def is_letters(word: str) -> bool:
    """``str.isalpha`` that also accepts combining marks."""
    return bool(word) and all(ch.isalpha() or unicodedata.category(ch)[0] == "M" for ch in word)

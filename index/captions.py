"""Photo captions and credits: "... (Vladimir Smirnov/AP)", "... Photograph: Name/AFP",
"© Name / Getty Images", "Image source, Getty Images", "Image caption, ...".

A caption describes a picture and is worth keeping (searchable, but outside the
report); a bare credit names only who took it and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CAPTION_CHARS = 1200
"""Longer lines are report, never a caption (and long lines stay cheap to test)."""

_AGENCY = (
    r"(?:AP|AFP|Reuters|REUTERS|Getty Images|Getty|EPA|EPA-EFE|Shutterstock|Alamy|Bloomberg"
    r"|Sputnik|KCNA|Xinhua|Yonhap|PA|PA Wire|PA Images|Anadolu|TASS|Kyodo|NurPhoto|SOPA Images"
    r"|ZUMA|Imago|dpa|ANSA|Planet Labs|Maxar|Pool|Kremlin)"
)
_CREDIT_WORDS = re.compile(
    rf"/|\bvia\b|\bphoto\b|\bpool\b|\bgetty\b|\bcredit\b|^{_AGENCY}$", re.IGNORECASE
)
_PAREN_CREDIT = re.compile(r"\s*\((?P<credit>[^()]{2,120})\)\s*$")
_LABELLED_CREDIT = re.compile(
    r"(?:^|\s+|[.,;]\s*)(?P<credit>(?:Photograph|Photo|Photos|Picture|Image|Foto|Credit"
    r"|Photo credit|Crédits? photos?|Crédit)\s*:\s*[^:]{2,100}?)\s*$",
    re.IGNORECASE,
)
_PHOTO_BY = re.compile(r"(?:^|\s+)(?P<credit>(?:Photo|Photograph|Picture)s? by\s+[^.]{2,80})$")
_SLASH_CREDIT = re.compile(
    rf"(?:^|\s+)[-–—]?\s*(?P<credit>(?:AP Photo|{_AGENCY})\s*/\s*[A-Z][\w.' -]{{1,60}}"
    rf"(?:/[A-Z][\w.' -]{{1,40}})?|(?:[A-Z][\w.'-]{{0,30}}\s+){{0,3}}[A-Z][\w.'-]{{0,30}}\s*/\s*"
    rf"(?:AFP via |AP via )?{_AGENCY})"
    r"\s*$"
)
_BARE_AGENCY = re.compile(rf"^(?:©\s*)?{_AGENCY}(?:\s*/\s*.+)?$")
_IMAGE_SOURCE = re.compile(r"^(?:image source|media source|source image)\s*[,:]\s*.+$", re.I)
_IMAGE_CAPTION = re.compile(r"^(?:image caption|media caption|caption|légende)\s*[,:]\s*", re.I)


@dataclass(frozen=True, slots=True)
class PhotoLine:
    """A line carrying a photo credit: the describing text before it (may be empty)."""

    caption: str
    credit: str

    @property
    def bare(self) -> bool:
        """Only a credit: nothing that describes the picture."""
        return len(self.caption.strip(" ©-–—,.").split()) < 3


def photo_line(line: str) -> PhotoLine | None:
    """Read ``line`` as a photo caption and/or credit, or None when it is neither."""
    text = line.strip()
    if len(text) > MAX_CAPTION_CHARS:
        return None
    if _IMAGE_SOURCE.match(text):
        return PhotoLine("", text)
    labelled = _IMAGE_CAPTION.match(text)
    if labelled:
        inner = photo_line(text[labelled.end() :])
        return inner or PhotoLine(text[labelled.end() :], "")
    if _BARE_AGENCY.match(text):
        return PhotoLine("", text)
    for pattern in (_PAREN_CREDIT, _LABELLED_CREDIT, _PHOTO_BY, _SLASH_CREDIT):
        match = pattern.search(text)
        if not match:
            continue
        credit = match.group("credit")
        if pattern is _PAREN_CREDIT and not _CREDIT_WORDS.search(credit):
            continue
        before = text[: match.start()].strip()
        if len(before.split()) > 90:
            return None
        return PhotoLine(before, credit)
    return None


def caption_text(line: str) -> str:
    """The caption as kept: the line without a leading "Image caption," label."""
    labelled = _IMAGE_CAPTION.match(line.strip())
    return line.strip()[labelled.end() :] if labelled else line.strip()


def collapse_repeats(line: str) -> str:
    """A line that is one text said several times over ("X X X") becomes that text once."""
    text = line.strip()
    length = len(text)
    for count in range(2, 6):
        unit_len = (length - (count - 1)) / count
        if unit_len < 10 or unit_len != int(unit_len):
            continue
        unit = text[: int(unit_len)]
        if " ".join([unit] * count) == text:
            return unit
    return text

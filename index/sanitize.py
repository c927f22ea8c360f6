"""Turn untrusted bytes into safe text: decode, refuse binary or huge files, strip controls.

Nothing in an article may reach the terminal raw, so every C0/C1 control character
except newline and tab, and every escape sequence, is removed when text is loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_ARTICLE_BYTES = 5 * 1024 * 1024

# ESC-introduced sequences (CSI, OSC, DCS, SOS/PM/APC strings and two-byte escapes),
# and their 8-bit C1 forms, removed whole so no parameter debris is left behind.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]                         # CSI ... final byte
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)  # OSC/DCS/SOS/PM/APC strings
    | \x1b[ -/]*[0-~]                                        # other two-byte escapes
    """,
    re.VERBOSE | re.DOTALL,
)
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


class NotTextError(ValueError):
    """The bytes are not an article: binary, empty or too large."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    warning: str | None = None


def clean_text(text: str) -> str:
    """Remove escape sequences and control characters; normalise line ends to ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _CONTROL.sub("", text)


_SHOWN_CONTROLS = {
    **{code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)},
    0x7F: "\u2421",
    **{code: "\ufffd" for code in range(0x80, 0xA0)},
}


def visible_controls(text: str) -> str:
    """Show control characters as symbols (ESC as ␛), one character for one, so text that
    did not come through :func:`clean_text` (a typed query, an imported note) can be
    printed without the terminal obeying it and styles by offset still line up."""
    return text.translate(_SHOWN_CONTROLS)


def decode_bytes(data: bytes, *, limit: int = MAX_ARTICLE_BYTES) -> DecodedText:
    """Decode an article file's bytes, trying UTF-8 first, then Windows-1252.

    Raises :class:`NotTextError` for empty, oversized or binary data.
    """
    if len(data) > limit:
        raise NotTextError(f"file is {len(data) / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit")
    if not data.strip():
        raise NotTextError("file is empty")
    if looks_binary(data):
        raise NotTextError("file looks binary, not text")
    try:
        return DecodedText(clean_text(data.decode("utf-8-sig")), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    text = data.decode("cp1252", errors="replace")
    return DecodedText(
        clean_text(text),
        "cp1252",
        f"not valid UTF-8 (first bad byte at offset {first_bad}); decoded as Windows-1252",
    )


def looks_binary(data: bytes) -> bool:
    """Binary if it holds NUL bytes or is more than 10% non-text control bytes."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12, 27))
    return controls > len(sample) * 0.10

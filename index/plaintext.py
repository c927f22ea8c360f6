"""Reading a plain-text save of a news page: which lines are the report, which are debris.

Every line is first tested for what it is on its own, wherever it stands: a date line,
a byline, a photo caption or credit, an image or page URL, or page furniture (comment
boxes, share buttons, "Related", copyright notices, publisher disclaimers). Position
decides the rest. The title is the first free line shaped like one. The *header* runs
from the top to the first line of prose (twelve words or more ending a sentence, with
a verb in its first sentence unless it runs past 25 words; in copy made only of short
sentences, the first sentence with a verb); in it, short lines are section labels or the outlet's
name, longer ones the standfirst (kept as the first paragraph) or, when verbless, the
lead photo's caption. In the body, a short line without final punctuation followed by
more report is a subheading; runs of capitalised words with no report after them, or
repeated at the head of the next line, are tag debris. Captions are kept once, as a
caption block; bare credits, image URLs and repeats of the title, a caption or a
paragraph are dropped. The rules look at line shape and position only, never at a
particular outlet's wording, so they carry over to outlets Brief has not seen.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from index.article import ParagraphKind
from index.boilerplate import copyright_owner, furniture_reason
from index.bylines import GENERIC_AUTHORS, looks_like_outlet, parse_byline, parse_placed_byline
from index.captions import caption_text, collapse_repeats, photo_line
from index.datelines import parse_dateline

SECTION_LABELS = frozenset(
    label.lower()
    for label in (
        "World",
        "World news",
        "International",
        "Politics",
        "Business",
        "Economy",
        "Markets",
        "Finance",
        "Opinion",
        "Analysis",
        "Comment",
        "Sport",
        "Sports",
        "Tech",
        "Technology",
        "Science",
        "Health",
        "Culture",
        "Entertainment",
        "Lifestyle",
        "Europe",
        "Asia",
        "Asia-Pacific",
        "Asia Pacific",
        "Africa",
        "Americas",
        "Middle East",
        "US",
        "US news",
        "UK",
        "UK news",
        "News",
        "Local",
        "National",
        "Defense",
        "Defence",
        "Security",
        "Military",
        "Breaking",
        "Breaking News",
        "Latest",
        "Monde",
        "Politique",
        "Économie",
        "Asie-Pacifique",
        "Welt",
        "Ausland",
        "Politik",
        "Wirtschaft",
        "Mundo",
        "Internacional",
        "Política",
        "Home",
    )
)

TERMINAL = (".", "!", "?", "…", '"', "”", "’", "»", ")", "]", ":", ";")
_URL = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.IGNORECASE)
_IMAGE_URL = re.compile(
    r"(?:\.(?:jpe?g|png|gif|webp|avif|svg|bmp)(?:[?#]\S*)?$"
    r"|/(?:images?|photos?|media|img|uploads|thumbnails?)/)",
    re.IGNORECASE,
)
_LABELLED_URL = re.compile(
    r"^(?:source|url|link|original|lien|quelle)\s*:\s*<?(https?://\S+?)>?$", re.IGNORECASE
)
_MD_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_MD_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\((?:[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*)(?=\S)(.+?)(?<=\S)\1")
_WIRE_DATELINE = re.compile(
    r"^[A-Z][\w .,'’-]{1,60}?\((?P<agency>Reuters|AP|AFP|Bloomberg|Yonhap|dpa|UPI|PA)\)\s*[-–—]"
)
# Wire copy closes with "(END)", sometimes on the last paragraph's own line.
_TRAILING_END_MARK = re.compile(r"\s+(\(END\)|-30-)$")
_WIRE_NAMES = {"AP": "Associated Press", "PA": "PA Media"}
_DATE_LABEL = re.compile(
    r"^(?:published|updated|posted|last updated|publié|mis à jour|veröffentlicht|publicado)\s*:?$",
    re.IGNORECASE,
)
_WITH_AGENCIES = re.compile(
    r"^(?P<outlet>[A-Z][\w'’ .-]{1,40}?) (?:avec|with|mit|con) (?:l'|the )?"
    r"(?:AFP|AP|Reuters|agencies|agences|dpa|EFE)(?: (?:et|and|und|y) (?:AFP|AP|Reuters))?$"
)
_TRAILER_AUTHOR = re.compile(r"^\(?reporting by ([^;]+)", re.IGNORECASE)
_VERBS = {
    "en": frozenset(
        [
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
            "can",
            "could",
            "may",
            "might",
            "shall",
            "should",
            "must",
            "said",
            "says",
            "say",
            "told",
            "tells",
            "tell",
            "shows",
            "show",
            "showed",
            "appears",
            "appear",
            "appeared",
            "seems",
            "seem",
            "make",
            "makes",
            "made",
            "take",
            "takes",
            "took",
            "get",
            "gets",
            "got",
            "give",
            "gives",
            "gave",
            "go",
            "goes",
            "went",
            "come",
            "comes",
            "came",
            "see",
            "sees",
            "saw",
            "know",
            "knows",
            "knew",
            "think",
            "thinks",
            "thought",
            "want",
            "wants",
            "find",
            "finds",
            "found",
            "become",
            "becomes",
            "became",
            "leave",
            "leaves",
            "left",
            "meet",
            "meets",
            "met",
            "hold",
            "holds",
            "held",
            "keep",
            "keeps",
            "kept",
            "send",
            "sends",
            "sent",
            "run",
            "runs",
            "ran",
            "warn",
            "warns",
            "warned",
            "claim",
            "claims",
            "deny",
            "denies",
        ]
    ),
    "fr": frozenset(
        [
            "a",
            "ont",
            "est",
            "sont",
            "était",
            "étaient",
            "avait",
            "avaient",
            "aurait",
            "auraient",
            "sera",
            "seront",
            "serait",
            "fait",
            "font",
            "dit",
            "disent",
            "affirme",
            "affirment",
            "indique",
            "indiquent",
            "annonce",
            "déclare",
        ]
    ),
    "de": frozenset(
        [
            "ist",
            "sind",
            "war",
            "waren",
            "hat",
            "haben",
            "hatte",
            "hatten",
            "wird",
            "werden",
            "wurde",
            "wurden",
            "sagte",
            "sagt",
            "soll",
            "sollen",
            "habe",
        ]
    ),
    "es": frozenset(
        [
            "es",
            "son",
            "fue",
            "fueron",
            "ha",
            "han",
            "había",
            "habían",
            "será",
            "dijo",
            "dice",
            "afirmó",
            "está",
            "están",
        ]
    ),
}
_VERB_ENDINGS = {
    "en": ("ed",),
    "fr": ("é", "ée", "és", "ées", "ait", "aient"),
    "de": ("te", "ten"),
    "es": ("ó", "ado", "ada", "ido", "ida"),
}
_STOPWORDS = {
    "en": frozenset(["the", "of", "and", "to", "in", "is", "that", "has", "with", "for"]),
    "fr": frozenset(["le", "la", "les", "des", "du", "et", "est", "une", "que", "dans", "pour"]),
    "de": frozenset(["der", "die", "das", "und", "ist", "nicht", "mit", "den", "ein", "eine"]),
    "es": frozenset(["el", "los", "las", "del", "y", "que", "una", "por", "con", "para"]),
}
# "All News", "Latest World news": a qualifier before a section name is still a section.
_SECTION_QUALIFIER = re.compile(r"^(?:all|latest|top|more|more from)\s+(?=\S)", re.IGNORECASE)
_TAG_JOINERS = frozenset({"and", "&", "of", "the", "de", "la", "le", "et", "y", "und"})


@dataclass(frozen=True, slots=True)
class Dropped:
    """A line of the save left out of the article, and why."""

    line_no: int
    text: str
    reason: str


@dataclass
class Reading:
    """What a plain-text save says: the fields it gives and its kept and dropped lines."""

    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    url: str | None = None
    author: str | None = None
    section: str | None = None
    standfirst: str | None = None
    blocks: list[tuple[ParagraphKind, str]] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)


@dataclass
class _Line:
    no: int
    text: str
    chunk: int
    original: str
    kind: str = ""  # "" while free; else title|text|standfirst|heading|caption|drop|joined
    reason: str = ""
    md_level: int = 0
    removed: str = ""


def read_plain_text(text: str, *, markdown: bool = False) -> Reading:
    """Read a plain-text (or front-matter-less Markdown) save of a news page."""
    return _Reader(text, markdown=markdown).read()


class _Reader:
    """One reading: the save's lines and the facts gathered from them so far."""

    def __init__(self, text: str, *, markdown: bool) -> None:
        self.lines = _split_lines(text, markdown=markdown)
        self.lang = language(text)
        self.facts: dict[str, Any] = {}

    def read(self) -> Reading:
        for line in self.lines:
            self._classify_alone(line)
        _join_wrapped(self.lines)
        title = self._find_title()
        body_start = self._body_start(title)
        if (
            body_start < len(self.lines)
            and self.facts.get("url_line", 0) > self.lines[body_start].no
        ):
            self.facts.pop("url", None)  # a link inside the report is not the page's address
        standfirst = None
        for line in self.lines[:body_start]:
            if not line.kind:
                self._classify_header(line, title)
                if line.kind == "standfirst" and standfirst is None:
                    standfirst = line.text
        self._classify_body(body_start, title)
        reading = self._assemble()
        reading.title = title.text if title else None
        reading.standfirst = standfirst
        return reading

    # -- each line on its own -------------------------------------------------------------

    def _classify_alone(self, line: _Line) -> None:
        text = line.text
        facts = self.facts
        words = len(text.split())
        if _MD_IMAGE.match(text):
            line.kind, line.reason = "drop", "image"
            return
        if _URL.match(text):
            if _IMAGE_URL.search(text):
                line.kind, line.reason = "drop", "image URL"
            else:
                line.kind, line.reason = "drop", "page URL"
                if "url" not in facts:
                    facts["url"], facts["url_line"] = text.strip("<>"), line.no
            return
        labelled_url = _LABELLED_URL.match(text)
        if labelled_url:
            line.kind, line.reason = "drop", "page URL"
            if "url" not in facts:
                facts["url"], facts["url_line"] = labelled_url.group(1), 0  # labelled: anywhere
            return
        collapsed = collapse_repeats(text)
        photo = photo_line(collapsed)
        if photo is not None:
            if photo.bare:
                line.kind, line.reason = "drop", "photo credit"
            else:
                line.text = caption_text(collapsed)
                line.kind = "caption"
                if collapsed != text:
                    line.removed = text[len(collapsed) :].strip()
                    line.reason = "caption repeated on one line"
            return
        reason = furniture_reason(text)
        if reason:
            line.kind, line.reason = "drop", reason
            if reason == "copyright notice":
                owner = copyright_owner(text)
                if owner:
                    facts.setdefault("copyright_outlet", owner)
            elif reason == "credits trailer":
                names = _TRAILER_AUTHOR.match(text)
                if names:
                    facts.setdefault("trailer_author", names.group(1).strip(" .)"))
            return
        if _DATE_LABEL.match(text):
            line.kind, line.reason = "drop", "date line"
            return
        agencies = _WITH_AGENCIES.match(text)
        if agencies:
            line.kind, line.reason = "drop", "outlet credit"
            facts.setdefault("credit_outlet", agencies.group("outlet"))
            return
        if words <= 25:
            dateline = parse_dateline(text)
            if dateline is not None:
                line.kind, line.reason = "drop", "date line"
                if dateline.when is not None:
                    facts.setdefault("published", dateline.when)
                if dateline.author and dateline.author.lower() not in GENERIC_AUTHORS:
                    facts.setdefault("author", dateline.author)
                return
        if words <= 14:
            byline = parse_byline(text)
            if byline is not None:
                line.kind, line.reason = "drop", "byline"
                if byline.author:
                    facts.setdefault("author", byline.author)
                if byline.outlet:
                    facts.setdefault("byline_outlet", byline.outlet)
                if byline.published:
                    facts.setdefault("published", byline.published)

    # -- position ---------------------------------------------------------------------------

    def _find_title(self) -> _Line | None:
        free = [ln for ln in self.lines if not ln.kind]
        marked = next((ln for ln in free if ln.md_level == 1), None)
        candidates = []
        for line in free[:8]:
            if self._is_prose(line.text) and line.text.endswith("."):
                break  # the report has begun: a title comes before it
            if (
                _title_shaped(line.text)
                and not is_section(line.text)
                and not looks_like_outlet(line.text)
            ):
                candidates.append(line)
        title = (
            marked
            or next((ln for ln in candidates if len(ln.text.split()) >= 4), None)
            or next(iter(candidates), None)
        )
        if title is not None:
            title.kind = "title"
        return title

    def _body_start(self, title: _Line | None) -> int:
        """Index of the report's first line: the first prose line after the title or, in
        copy of short sentences only, its first sentence with a verb."""
        after_title = [
            i
            for i, ln in enumerate(self.lines)
            if not ln.kind and (title is None or ln.no > title.no)
        ]
        for i in after_title:
            if self._is_prose(self.lines[i].text):
                return i
        for i in after_title:
            text = self.lines[i].text
            if (
                text.endswith((".", "!", "?", "”", '"'))
                and len(text.split()) >= 4
                and has_verb(first_sentence(text), self.lang)
            ):
                return i
        return len(self.lines)

    def _is_prose(self, text: str) -> bool:
        words = len(text.split())
        return (
            words >= 12
            and text.endswith(TERMINAL)
            and (words >= 25 or has_verb(first_sentence(text), self.lang))
        )

    def _classify_header(self, line: _Line, title: _Line | None) -> None:
        text = line.text
        words = text.split()
        after_title = title is None or line.no > title.no
        if title is not None and _norm(text) == _norm(title.text):
            line.kind, line.reason = "drop", "title repeated"
        elif is_section(text):
            line.kind, line.reason = "drop", "section label"
            section = re.split(r"\s*[>|/›»]\s*", text)[-1]
            self.facts.setdefault("section", _uncapped(section))
        elif looks_like_outlet(text) and "outlet" not in self.facts:
            line.kind, line.reason = "drop", "outlet name"
            self.facts["outlet"] = text
        elif (placed := parse_placed_byline(text)) is not None and after_title:
            line.kind, line.reason = "drop", "byline"
            self.facts.setdefault("author", placed.author)
        elif len(words) <= 3 and not text.endswith(TERMINAL) and _capitalised(words):
            if after_title:
                line.kind, line.reason = "drop", "short header line (not a sentence)"
            else:  # a kicker above the headline names the section or topic
                line.kind, line.reason = "drop", "section label"
                self.facts.setdefault("section", _uncapped(text))
        elif (
            after_title
            and len(words) <= 35
            and text.endswith((".", "!"))
            and not has_verb(first_sentence(text), self.lang)
        ):
            line.kind = "caption"
        elif after_title and len(words) >= 8:
            line.kind = "standfirst"
        else:
            line.kind = "text"

    def _classify_body(self, body_start: int, title: _Line | None) -> None:
        lines = self.lines
        free = [i for i, ln in enumerate(lines) if i >= body_start and not ln.kind]
        last_prose = max((i for i in free if self._is_prose(lines[i].text)), default=-1)
        author = self.facts.get("author") or ""
        author_words = {w.casefold() for w in re.findall(r"\w+", author)}
        signed_off = False
        for i in free:
            line = lines[i]
            text = line.text
            words = text.split()
            following = lines[i + 1] if i + 1 < len(lines) else None
            prefixes_next = following is not None and following.text.startswith(text + " ")
            if title is not None and _norm(text) == _norm(title.text):
                line.kind, line.reason = "drop", "title repeated"
            elif i > last_prose and author and _norm(text) == _norm(author):
                line.kind, line.reason = "drop", "author's name repeated"
                signed_off = True
            elif (
                signed_off and len(words) <= 40 and words[0].strip(",.").casefold() in author_words
            ):
                line.kind, line.reason = "drop", "author's biography"
            elif line.md_level >= 2:
                line.kind = "heading"
            elif len(words) <= 6 and not text.endswith(TERMINAL) and _capitalised(words):
                if i > last_prose or prefixes_next or (following and following.kind == "caption"):
                    line.kind, line.reason = "drop", "tag debris"
                    if following is not None and prefixes_next:
                        _strip_tag_prefix(following, text)
                else:
                    line.kind = "heading"
            elif i < last_prose and _heading_shaped(text):
                line.kind = "heading"
            elif i > last_prose and len(words) <= 5 and not text.endswith(TERMINAL):
                line.kind, line.reason = "drop", "trailing debris"
            else:
                line.kind = "text"

    def _assemble(self) -> Reading:
        facts = self.facts
        reading = Reading()
        seen_captions: set[str] = set()
        seen_text: set[str] = set()
        for line in self.lines:
            key = _norm(line.text)
            if line.kind == "caption":
                if key in seen_captions:
                    reading.dropped.append(Dropped(line.no, line.original, "repeated caption"))
                    continue
                seen_captions.add(key)
                reading.blocks.append(("caption", line.text))
                if line.removed:
                    reason = line.reason or "tag debris before a caption"
                    reading.dropped.append(Dropped(line.no, line.removed, reason))
            elif line.kind in ("text", "heading", "standfirst"):
                marker = _TRAILING_END_MARK.search(line.text)
                if marker:
                    line.text = line.text[: marker.start()]
                    key = _norm(line.text)
                    reading.dropped.append(Dropped(line.no, marker.group(1), "wire end marker"))
                if key in seen_text:
                    reading.dropped.append(Dropped(line.no, line.original, "repeated paragraph"))
                    continue
                seen_text.add(key)
                reading.blocks.append(("heading" if line.kind == "heading" else "text", line.text))
            elif line.kind == "drop":
                reading.dropped.append(Dropped(line.no, line.original, line.reason))
        outlet = (
            facts.get("outlet")
            or facts.get("byline_outlet")
            or facts.get("credit_outlet")
            or facts.get("copyright_outlet")
        )
        first = next((text for kind, text in reading.blocks if kind == "text"), "")
        wire = _WIRE_DATELINE.match(first)
        owner = facts.get("copyright_outlet")
        if not outlet and wire:
            outlet = _WIRE_NAMES.get(wire["agency"], wire["agency"])
        elif (
            wire
            and owner
            and wire["agency"].casefold() in owner.casefold().split()
            and wire["agency"].casefold() not in (outlet or "").casefold().split()
        ):
            # The agency's dateline and its copyright notice agree: a short header line
            # naming something else is a label of the page, not the outlet.
            outlet = owner
        reading.outlet = outlet
        reading.published = facts.get("published")
        reading.url = facts.get("url")
        reading.author = facts.get("author") or facts.get("trailer_author")
        reading.section = facts.get("section")
        return reading


def _split_lines(text: str, *, markdown: bool) -> list[_Line]:
    lines: list[_Line] = []
    chunk = 0
    for no, raw in enumerate(text.split("\n"), 1):
        stripped = re.sub(r"\s+", " ", raw).strip()
        if not stripped:
            chunk += 1
            continue
        line = _Line(no, stripped, chunk, original=stripped)
        if markdown:
            heading = _MD_HEADING.match(stripped)
            if heading:
                line.md_level = len(heading.group(1))
                line.text = heading.group(2)
            if not _MD_IMAGE.match(line.text):
                line.text = _MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", line.text))
        lines.append(line)
    return lines


def _join_wrapped(lines: list[_Line]) -> None:
    """Join hard-wrapped prose back into paragraphs.

    A run of free lines in one block is wrapped when every line but the last fills
    most of the width (the longest line, at most 100 characters); a line starting
    in lower case also continues an unfinished line before it.
    """
    runs: list[list[_Line]] = []
    for line in lines:
        if (
            not line.kind
            and not line.md_level
            and runs
            and runs[-1][-1].chunk == line.chunk
            and runs[-1][-1].no == line.no - 1
        ):
            runs[-1].append(line)
        elif not line.kind and not line.md_level:
            runs.append([line])
    for run in runs:
        if len(run) < 2:
            continue
        width = max(len(ln.text) for ln in run)
        wrapped = width <= 100 and all(len(ln.text) >= max(40, width * 0.7) for ln in run[:-1])
        head = run[0]
        for line in run[1:]:
            unfinished = not head.text.endswith(TERMINAL) and len(head.text) >= 40
            if wrapped or (unfinished and line.text[:1].islower()):
                head.text = f"{head.text} {line.text}"
                line.kind = "joined"
            else:
                head = line


def _title_shaped(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 30 and not (text.endswith(".") and len(words) > 8)


def _heading_shaped(text: str) -> bool:
    """A subheading: short, capitalised, and either unpunctuated or a short question."""
    words = text.split()
    if not text[:1].isupper() or len(words) > 20:
        return False
    if text.endswith("?"):
        return len(words) <= 10
    return not text.endswith(TERMINAL)


def language(text: str) -> str:
    """The save's language among those with verb hints here (English unless clearly other)."""
    words = re.findall(r"\w+", text.lower())
    counts = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] > counts["en"] else "en"


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(?:\s+[A-Z\"“«]|$)", text)
    return match.group(1) if match else text


def has_verb(sentence: str, lang: str = "en") -> bool:
    """Whether a sentence likely has a finite verb: a verbless line is a caption or label."""
    verbs = _VERBS["en"] | _VERBS.get(lang, frozenset())
    endings = _VERB_ENDINGS.get(lang, ()) + _VERB_ENDINGS["en"]
    for word in re.findall(r"[^\W\d_][\w'’]*", sentence):
        lower = word.lower()
        if lower in verbs or (word.islower() and len(word) > 4 and lower.endswith(endings)):
            return True
    return False


def is_section(text: str) -> bool:
    """A section label or breadcrumb: "World", "All News", "News > World > Asia"."""
    parts = [p.strip() for p in re.split(r"\s*[>|/›»]\s*", text) if p.strip()]
    return bool(parts) and all(
        _SECTION_QUALIFIER.sub("", p).lower() in SECTION_LABELS for p in parts
    )


def _uncapped(label: str) -> str:
    """An all-capitals label as words ("WORLD NEWS" -> "World News"); others as printed."""
    return string.capwords(label) if label.isupper() else label


def _capitalised(words: Sequence[str]) -> bool:
    named = [w for w in words if w.lower() not in _TAG_JOINERS]
    return bool(named) and all(w[:1].isupper() for w in named)


def _strip_tag_prefix(line: _Line, prefix: str) -> None:
    """ "North Korea Russia A North Korean artillery drill (KCNA/AP)" -> the caption alone."""
    rest = line.text[len(prefix) :].strip()
    photo = photo_line(rest)
    if photo is not None and not photo.bare:
        line.text, line.kind = caption_text(rest), "caption"
    elif photo is None:
        line.text = rest
    line.removed, line.reason = prefix, "tag debris before a caption"


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()

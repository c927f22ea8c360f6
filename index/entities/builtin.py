"""The built-in name finder: capitalised spans typed by titles, keywords and context.

It runs when spaCy is not installed. It reads capitalised word runs, drops ordinary
words that only look capitalised because they start a sentence, strips titles
("President", "Mr") and types each span by what surrounds it: a title or first name
makes a PERSON, an organisation keyword an ORG, a place keyword or locative context
a PLACE. Title-case headlines and shouted all-caps text get no guesses at all.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from index.entities.candidates import Candidate, Taken
from index.entities.gazetteer import NORP, Gazetteer
from index.entities.letters import LETTER, LOWER, UPPER, WORD, is_letters

NAMES_FILE = Path(__file__).with_name("names.toml")

# Letters are Unicode letters and marks ("José", "Łukasz", "Sơn"), never just A-Z.
_WORD = re.compile(rf"[{UPPER}][{WORD}'’]*(?:[-.][{WORD}'’]+)*\.?")
_LOWER_WORD = re.compile(rf"(?<![{WORD}'’-])[{LOWER}][{LOWER}'’-]*")
_UPPER = re.compile(rf"[{UPPER}]")
_LOWER = re.compile(rf"[{LOWER}]")
_FOLLOWING_WORD = re.compile(rf" ([{UPPER}][{LETTER}'-]*)")
_ALPHA_WORD = re.compile(rf"[{LETTER}][{LETTER}'’-]*")

# Wire-service markers and all-caps labels: "(END)", "EDITOR'S NOTE", "UPDATE 2".
WIRE_LABELS = frozenset(
    [
        "END",
        "MORE",
        "UPDATE",
        "UPDATED",
        "UPDATES",
        "CORRECTED",
        "CORRECTION",
        "CORRECTS",
        "EDITOR",
        "EDITORS",
        "NOTE",
        "ADVISORY",
        "BREAKING",
        "URGENT",
        "FLASH",
        "BULLETIN",
        "EXCLUSIVE",
        "ANALYSIS",
        "OPINION",
        "EDITORIAL",
        "WATCH",
        "VIDEO",
        "PHOTO",
        "PHOTOS",
        "LIVE",
        "REFILE",
        "RECASTS",
        "ADDS",
        "WRITETHRU",
        "EMBARGOED",
        "SIDEBAR",
        "FILE",
        "LEAD",
        "NEWS",
        "REPEATS",
        "FACTBOX",
        "EXPLAINER",
        "INSIGHT",
        "COLUMN",
        "REVIEW",
        "WRAPUP",
        "ROUNDUP",
        "TOP",
        "STORY",
        "SUMMARY",
    ]
)
# Words that start sentences or headings and are never names on their own.
COMMON = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "in",
        "on",
        "at",
        "of",
        "for",
        "from",
        "to",
        "with",
        "by",
        "as",
        "about",
        "after",
        "before",
        "during",
        "since",
        "until",
        "while",
        "when",
        "where",
        "why",
        "how",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "if",
        "but",
        "and",
        "or",
        "nor",
        "so",
        "yet",
        "also",
        "however",
        "although",
        "though",
        "despite",
        "according",
        "following",
        "outside",
        "inside",
        "under",
        "over",
        "between",
        "among",
        "through",
        "across",
        "further",
        "additionally",
        "meanwhile",
        "moreover",
        "last",
        "next",
        "earlier",
        "later",
        "recent",
        "recently",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "some",
        "any",
        "all",
        "both",
        "each",
        "every",
        "many",
        "much",
        "more",
        "most",
        "several",
        "few",
        "no",
        "not",
        "one",
        "two",
        "three",
        "first",
        "second",
        "third",
        "there",
        "here",
        "such",
        "other",
        "another",
        "only",
        "just",
        "even",
        "still",
        "then",
        "now",
        "once",
        "again",
        "other",
        "photograph",
        "photo",
        "image",
        "video",
        "read",
        "related",
        "more",
        "advertisement",
        "analysis",
        "opinion",
        "comment",
        "editorial",
        "update",
        "breaking",
        "exclusive",
        "live",
        "watch",
        "listen",
        "click",
        "share",
        "it's",
        "there's",
        "that's",
        "we'll",
        "we've",
        "i'm",
        "let's",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
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
        "should",
        "may",
        "might",
        "must",
        "shall",
        "new",
        "old",
        "big",
        "top",
        "key",
        "main",
        "major",
        "concern",
        "concerns",
        "speculation",
        "reports",
        "report",
        "officials",
        "official",
        "sources",
        "source",
        "lawmakers",
        "military",
        "government",
        "state",
        "states",
        "people",
    ]
)
ORG_KEYWORDS = frozenset(
    [
        "Ministry",
        "Department",
        "Agency",
        "Service",
        "Services",
        "Council",
        "Committee",
        "Commission",
        "Office",
        "Bureau",
        "Party",
        "Union",
        "Association",
        "Organization",
        "Organisation",
        "Institute",
        "Institution",
        "Foundation",
        "Fund",
        "University",
        "College",
        "School",
        "Academy",
        "Bank",
        "Corporation",
        "Corp",
        "Corp.",
        "Inc",
        "Inc.",
        "Ltd",
        "Ltd.",
        "LLC",
        "PLC",
        "PBC",
        "Company",
        "Co.",
        "Group",
        "Holdings",
        "Industries",
        "Technologies",
        "Systems",
        "Airlines",
        "Airways",
        "Labs",
        "Laboratories",
        "Media",
        "News",
        "Press",
        "Times",
        "Post",
        "Journal",
        "Herald",
        "Tribune",
        "Telegraph",
        "Gazette",
        "Images",
        "Television",
        "TV",
        "Radio",
        "Network",
        "Forces",
        "Force",
        "Army",
        "Navy",
        "Command",
        "Guard",
        "Guards",
        "Corps",
        "Brigade",
        "Regiment",
        "Division",
        "Battalion",
        "Court",
        "Parliament",
        "Assembly",
        "Congress",
        "Senate",
        "Cabinet",
        "Secretariat",
        "Authority",
        "Administration",
        "Federation",
        "Alliance",
        "Coalition",
        "Front",
        "Movement",
        "Society",
        "Club",
        "Team",
        "Center",
        "Centre",
        "Board",
        "Church",
        "Hospital",
        "Police",
        "Directorate",
        "Embassy",
        "Consulate",
        "Mission",
        "Museum",
        "Exchange",
        "Reserve",
        "Treasury",
        "Initiative",
        "Programme",
        "Program",
        "Project",
        "Observatory",
        "Forum",
        "Trust",
        "Studies",
    ]
)
# Words that open an organisation's name continued by "of"/"for"/"on" ("Center for
# Strategic and International Studies", "Ministry of Defence").
ORG_HEADS = frozenset(
    [
        "Ministry",
        "Department",
        "Bank",
        "University",
        "Institute",
        "Office",
        "Bureau",
        "Council",
        "Committee",
        "Center",
        "Centre",
        "Agency",
        "Commission",
        "Organization",
        "Organisation",
        "Foundation",
        "Federation",
        "Association",
        "Union",
        "League",
        "Court",
        "Academy",
        "College",
        "School",
        "Society",
        "Fund",
    ]
)
PLACE_KEYWORDS = frozenset(
    [
        "Province",
        "Region",
        "Oblast",
        "County",
        "District",
        "Prefecture",
        "State",
        "City",
        "Town",
        "Village",
        "Island",
        "Islands",
        "Peninsula",
        "River",
        "Sea",
        "Ocean",
        "Lake",
        "Bay",
        "Gulf",
        "Strait",
        "Mountains",
        "Mountain",
        "Mount",
        "Valley",
        "Desert",
        "Plateau",
        "Coast",
        "Border",
        "Port",
        "Harbor",
        "Harbour",
        "Airport",
        "Airbase",
        "Base",
        "Cosmodrome",
        "Station",
        "Square",
        "Street",
        "Avenue",
        "Road",
        "Bridge",
        "Dam",
        "Canal",
        "Forest",
        "Park",
        "Plain",
        "Delta",
        "Hills",
        "Heights",
    ]
)
PLACE_PREFIXES = frozenset(["Mount", "Lake", "Port", "Cape", "Gulf", "Fort", "Saint", "St", "St."])
PLACE_NOUNS_AFTER = frozenset(
    [
        "region",
        "province",
        "port",
        "city",
        "town",
        "village",
        "border",
        "county",
        "district",
        "oblast",
        "prefecture",
        "river",
        "island",
        "airport",
        "airbase",
        "base",
        "facility",
        "rail",
        "railway",
        "station",
        "peninsula",
        "area",
        "coast",
        "cosmodrome",
        "harbor",
        "harbour",
    ]
)
ORG_NOUNS_AFTER = frozenset(
    [
        "agency",
        "ministry",
        "party",
        "group",
        "company",
        "newspaper",
        # "Eskom spokesman Daphne Mokwena": who speaks for a body, or runs it
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chairman",
        "chairwoman",
        "executives",
        "shareholders",
        "employees",
    ]
)
# "Fingrid, the grid operator,": an appositive that calls the name a company or a body.
ORG_APPOSITIVE = re.compile(
    r", (?:the|a|an) (?:[a-z-]+ ){0,3}(?:operator|company|firm|group|agency|utility|carrier|"
    r"airline|manufacturer|maker|producer|broadcaster|bank|lender|insurer|regulator|retailer|"
    r"developer|giant|startup|start-up|newspaper|charity|watchdog|militia|party|union|"
    r"conglomerate|contractor|shipbuilder|automaker|supplier|distributor|exporter|importer)\b"
)
LOCATIVE = frozenset(
    [
        "in",
        "at",
        "near",
        "from",
        "to",
        "into",
        "outside",
        "across",
        "toward",
        "towards",
        "via",
        "around",
        "throughout",
        "visited",
    ]
)
PLACE_OF = re.compile(
    r"(?:city|town|village|region|province|state|port|capital|island|county|district|residents"
    r"|inhabitants|citizens|outskirts|suburbs|streets|mayor|governor"
    r"|(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)) of\s+$"
)
# Direction words before a name: "in northern Luzon", "across eastern Sri Lanka".
DIRECTIONS = frozenset(
    [
        "northern",
        "southern",
        "eastern",
        "western",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north-eastern",
        "north-western",
        "south-eastern",
        "south-western",
        "central",
    ]
)
SPEECH = re.compile(r"^\s*(?:said|says|told|added|stated|wrote|noted|argued|warned)\b")
# Capitalised tokens that are never names and never part of one.
NOT_NAME = frozenset(
    [
        "I",
        "I'm",
        "I've",
        "I'd",
        "I'll",
        "OK",
        "TV",
        "AM",
        "PM",
        "CEO",
        "GDP",
        "AI",
        "UFO",
        "RSS",
        "FAQ",
        "PDF",
        "URL",
        "Pool",
        "Photo",
        "Photograph",
        "Getty",
        "Copyright",
        "Related",
        "Politics",
        "Opinion",
        "Video",
        "Read",
        "Share",
        "Subscribe",
        "Comment",
        "Comments",
        "Reply",
        "Updated",
        "Published",
        "Breaking",
        "News",
        "Live",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
    ]
)
SHOUTY_RATIO = 0.6
_ORG_HEAD_OF = re.compile(r"\b(?:" + "|".join(sorted(ORG_HEADS)) + r") (?:of|for|on) ")
# Who speaks for a body or sits in it: the name after is an organisation.
_ORG_BEFORE = re.compile(
    r"\b(?:spokes(?:man|woman|person)|representative|member|members|lawmakers?|deputy|"
    r"deputies|chief executive|chairman|chairwoman|director) (?:for|of) the $|"
    r"\bspokes(?:man|woman|person) for $"
)
_LOWER_NEXT = re.compile(rf" [{LOWER}]")  # "member of the Kennedy family"
# Articles of other languages that open names of papers, bodies and places, never of
# people ("El Tiempo", "Le Monde", "Die Zeit"; a place has its own context: "in La Paz").
_NAME_ARTICLES = frozenset(
    ["El", "La", "Le", "Les", "Los", "Las", "Die", "Der", "Das", "Il", "Lo", "Gli"]
)
_TO_IDIOMS = frozenset(["according", "due", "thanks", "owing", "close", "next", "said"])
_ORG_CONNECTORS = (" of ", " for ", " on ", " of the ", " for the ")
# What an organisation head takes after it: " of International Affairs", " for Peace".
_ORG_HEAD_TAIL = re.compile(
    rf"(?: (?:of|for|on)(?: the)?)(?: [{UPPER}][{LETTER}'-]*(?: and| &)?){{1,4}}(?<! and)(?<! &)"
)


@dataclass(frozen=True)
class NameLists:
    """First names, person titles and lower-case roles (from ``names.toml``)."""

    first_names: frozenset[str]
    titles: tuple[tuple[str, ...], ...]
    roles: tuple[str, ...]
    titles_by_first: dict[str, tuple[tuple[str, ...], ...]]
    role_at_end: re.Pattern[str]


@cache
def name_lists() -> NameLists:
    data = tomllib.loads(NAMES_FILE.read_text(encoding="utf-8"))
    titles = sorted((tuple(t.split()) for t in data["titles"]), key=len, reverse=True)
    roles = sorted(data["roles"], key=len, reverse=True)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for title in titles:
        by_first.setdefault(title[0], []).append(title)
    role_at_end = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(r) for r in roles) + r")\s*,?\s*$", re.IGNORECASE
    )
    return NameLists(
        frozenset(data["first_names"]),
        tuple(titles),
        tuple(roles),
        {k: tuple(v) for k, v in by_first.items()},
        role_at_end,
    )


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str


class BuiltinFinder:
    """Rule-based PERSON/ORG/PLACE finder for text the gazetteer does not cover."""

    name = "builtin"

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.names = name_lists()

    def find(self, text: str, norm: str, taken: Taken) -> list[Candidate]:
        """Candidates in the free parts of ``text`` (``norm``: apostrophe-normalised copy)."""
        lower_words = {w.rstrip("'") for w in _LOWER_WORD.findall(norm)}
        found: list[Candidate] = []
        for block_start, block_end in _blocks(norm):
            block = norm[block_start:block_end]
            if _looks_shouted_or_headline(block):
                continue
            for run in self._runs(norm, block_start, block_end, taken):
                candidate = self._classify(norm, run, lower_words)
                if candidate is not None and taken.claim(candidate.start, candidate.end):
                    found.append(candidate)
        return found

    def _runs(self, norm: str, start: int, end: int, taken: Taken) -> list[list[_Token]]:
        """Runs of capitalised words joined by single spaces (or name particles)."""
        runs: list[list[_Token]] = []
        current: list[_Token] = []
        for match in _WORD.finditer(norm, start, end):
            text = match.group()
            token_end = match.end()
            if text.endswith(".") and not _keeps_period(text):
                text = text[:-1]
                token_end -= 1
            token = _Token(match.start(), token_end, text)
            if not taken.free(token.start, token.end) or token.text in NOT_NAME:
                if current:
                    runs.append(current)
                current = []
                continue
            if current and _joined(norm[current[-1].end : token.start]):
                current.append(token)
            else:
                if current:
                    runs.append(current)
                current = [token]
        if current:
            runs.append(current)
        return _join_org_names(norm, runs, self._opens_person)

    def _classify(self, norm: str, run: list[_Token], lower_words: set[str]) -> Candidate | None:
        # Possessive 's belongs to the sentence, not the name.
        last = run[-1]
        if last.text.endswith("'s") or last.text.endswith("s'"):
            cut = 2 if last.text.endswith("'s") else 1
            run[-1] = _Token(last.start, last.end - cut, last.text[:-cut])
        person = False
        # Sentence-initial ordinary words: "According", "Despite", "The".
        while run and _sentence_initial(norm, run[0].start):
            word = run[0].text
            if (word.lower() in COMMON or word.lower() in lower_words) and not (
                self.gazetteer.lookup(word) or word in self.names.first_names
            ):
                if self._title_length(run) and len(run) > 1:
                    break
                run = run[1:]
            else:
                break
        while run and run[0].text.lower() in ("the", "a", "an"):
            run = run[1:]
        if not run:
            return None
        titled = self._title_length(run)
        while titled and titled < len(run):
            # Titles stack: "Chief Justice", "Former Prime Minister".
            run = run[titled:]
            person = True
            titled = self._title_length(run)
        if titled:
            return None
        start, end = run[0].start, run[-1].end
        text = norm[start:end]
        words = [t.text for t in run]
        before = norm[max(0, start - 40) : start]
        after = norm[end : end + 30]
        if not person:
            person = self._after_role(before)
        known = self.gazetteer.lookup(text)
        if known is not None:
            if known.type == NORP:
                return None
            return Candidate(start, end, known.type, known)
        if is_wire_label(text):
            return None
        if len(run) == 1 and _is_acronym(words[0]):
            return Candidate(start, end, "ORG") if len(words[0]) >= 2 else None
        if person and _plausible_person(words):
            return Candidate(start, end, "PERSON")
        if (
            words[-1] in ORG_KEYWORDS
            or (len(words) > 1 and words[0] in ORG_HEADS)
            or _ORG_HEAD_OF.search(text)
        ):
            return Candidate(start, end, "ORG")
        if words[-1] in PLACE_KEYWORDS or (len(words) > 1 and words[0] in PLACE_PREFIXES):
            return Candidate(start, end, "PLACE")
        if words[0] in self.names.first_names and len(words) > 1:
            return Candidate(start, end, "PERSON")
        next_word = after.split(maxsplit=1)[0].strip(",.;:").lower() if after.split() else ""
        if after[:1] == " " and next_word in PLACE_NOUNS_AFTER:
            return Candidate(start, end, "PLACE")
        if after[:1] == " " and next_word in ORG_NOUNS_AFTER:
            return Candidate(start, end, "ORG")
        if ORG_APPOSITIVE.match(norm, end):
            return Candidate(start, end, "ORG")
        if PLACE_OF.search(before):
            return Candidate(start, end, "PLACE")
        previous_words = before.lower().split()[-2:]
        previous = previous_words[-1] if previous_words else ""
        # "according to Yoo Sang-bum", "thanks to": a source or cause, not a destination.
        idiom = previous == "to" and len(previous_words) == 2 and previous_words[0] in _TO_IDIOMS
        if (
            (previous in LOCATIVE and not idiom) or previous in DIRECTIONS
        ) and not _sentence_initial(norm, start):
            return Candidate(start, end, "PLACE")
        if _ORG_BEFORE.search(before) and not _LOWER_NEXT.match(after):
            return Candidate(start, end, "ORG")  # "a spokesman for Rheinmetall", "the Sejm"
        if len(words) > 1 and words[0] in _NAME_ARTICLES:
            return Candidate(start, end, "ORG", guess=True)  # "El Tiempo", "Le Monde"
        if 2 <= len(words) <= 4 and _plausible_person(words):
            return Candidate(start, end, "PERSON", guess=True)
        if len(words) == 1 and SPEECH.match(after) and _plausible_person(words):
            return Candidate(start, end, "PERSON")
        # A lone capitalised word: kept only if resolution ties it to a name in the text.
        return Candidate(start, end, None) if len(words) == 1 else None

    def _opens_person(self, run: list[_Token]) -> bool:
        """A run that starts with a title or a first name names a person, not an organisation
        ("Superintendent Robin Lardot" of the National Bureau)."""
        return bool(self._title_length(run)) or run[0].text in self.names.first_names

    def _title_length(self, run: list[_Token]) -> int:
        words = tuple(t.text for t in run)
        for title in self.names.titles_by_first.get(words[0], ()):
            if words[: len(title)] == title:
                return len(title)
        return 0

    def _after_role(self, before: str) -> bool:
        return self.names.role_at_end.search(before) is not None


def org_extension(norm: str, end: int) -> int | None:
    """End of an organisation name that continues a place or nationality word:
    "Kenya" + " Defence Forces", "North Korean" + " Foreign Ministry"."""
    best = None
    head = False
    for count, match in enumerate(_FOLLOWING_WORD.finditer(norm, end)):
        if match.start() != end or count == 5:
            break
        if match.group(1) in ORG_KEYWORDS:
            best = match.end()
            head = match.group(1) in ORG_HEADS
        end = match.end()
    if best is not None and best == end and head:
        # "Polish Institute" + " of International Affairs": a head that takes "of"/"for".
        tail = _ORG_HEAD_TAIL.match(norm, best)
        if tail:
            best = tail.end()
    return best


def _join_org_names(
    norm: str, runs: list[list[_Token]], opens_person: Callable[[list[_Token]], bool]
) -> list[list[_Token]]:
    """Join runs across "of"/"and"/"for" when the result is an organisation's name:
    "Disaster and Emergency Management Authority", "Ministry of Defence", "National Bureau
    of Investigation"; never onto a person's name."""
    joined: list[list[_Token]] = []
    connected = False  # the last joined run already crossed an "of"/"for" after an org head
    for run in runs:
        if joined:
            previous = joined[-1]
            gap = norm[previous[-1].end : run[0].start]
            heads = previous[0].text in ORG_HEADS or previous[-1].text in ORG_HEADS
            if opens_person(previous):
                pass
            elif (
                (
                    gap in (" of ", " and ", " for ", " of the ", " on ")
                    and run[-1].text in ORG_KEYWORDS
                )
                or (gap in _ORG_CONNECTORS and heads)
                or (gap == " and " and heads and connected)
            ):
                previous.extend(run)
                connected = connected or (heads and gap in _ORG_CONNECTORS)
                continue
        joined.append(run)
        connected = False
    return joined


def _blocks(norm: str) -> list[tuple[int, int]]:
    """Paragraph-like blocks (split at line breaks) so headline detection is local."""
    blocks = []
    start = 0
    for match in re.finditer(r"\n+", norm):
        blocks.append((start, match.start()))
        start = match.end()
    blocks.append((start, len(norm)))
    return [(s, e) for s, e in blocks if e > s]


def _looks_shouted_or_headline(block: str) -> bool:
    upper, lower = _letter_cases(block)
    shouted = bool(upper + lower) and upper / (upper + lower) > SHOUTY_RATIO
    if not shouted and block.rstrip()[-1:] in '.!?"”':
        return False  # a sentence's end: not a headline
    words = _ALPHA_WORD.findall(block)
    if len(words) < 4:
        return False
    if shouted:
        return True
    long_words = [w for w in words if len(w) > 3]
    if len(long_words) < 4:
        return False
    return sum(w[0].isupper() for w in long_words) / len(long_words) > 0.8


def _letter_cases(block: str) -> tuple[int, int]:
    """How many upper-case and lower-case letters ``block`` has (counted in C for ASCII,
    as most text is: a regex list of single letters per paragraph was 3% of a build)."""
    if block.isascii():
        raw = block.encode("ascii")
        return (
            len(raw) - len(raw.translate(None, _ASCII_UPPER)),
            len(raw) - len(raw.translate(None, _ASCII_LOWER)),
        )
    return len(_UPPER.findall(block)), len(_LOWER.findall(block))


_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))


def _joined(gap: str) -> bool:
    return gap == " " or gap in (" de ", " van ", " von ", " der ", " bin ", " al-", " da ")


def _keeps_period(word: str) -> bool:
    """'U.S.', 'St.' and initials keep their period; a sentence's full stop does not."""
    return "." in word[:-1] or (len(word) <= 3 and word[0].isupper() and is_letters(word[:-1]))


def _sentence_initial(norm: str, offset: int) -> bool:
    i = offset - 1
    while i >= 0 and norm[i] in " \t\"“‘'([—-–":
        if norm[i] in "—–-" and i > 0 and norm[i - 1] == " ":
            return True
        i -= 1
    if i < 0:
        return True
    return norm[i] in ".!?:;\n" and not (norm[i] == "." and _abbreviation_before(norm, i))


def _abbreviation_before(norm: str, dot: int) -> bool:
    start = dot
    while start > 0 and not norm[start - 1].isspace():
        start -= 1
    word = norm[start : dot + 1]
    return word in ("U.S.", "U.N.", "U.K.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Gen.", "Sen.")


def is_wire_label(text: str) -> bool:
    """True for all-caps wire markers and labels ("END", "EDITOR'S NOTE", "MORE"): every
    word upper-case and a marker or a common English word, so not an organisation's name."""
    words = text.replace("'S", "").replace("'", "").split()
    return bool(words) and all(
        w.isupper() and (w in WIRE_LABELS or w.lower() in COMMON) for w in words
    )


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _plausible_person(words: list[str]) -> bool:
    """Name-shaped: 1–4 words, letters (and inner hyphens/apostrophes), none a common word."""
    if not 1 <= len(words) <= 4:
        return False
    for word in words:
        bare = word.replace("-", "").replace("'", "").replace(".", "")
        if not is_letters(bare) or word.lower() in COMMON or (word.isupper() and len(word) > 2):
            return False
        if word in ORG_KEYWORDS or word in PLACE_KEYWORDS:
            return False
    return True

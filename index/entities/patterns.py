"""Rule layers shared by both finders: dates, quantities and weapon phrases.

These are regular enough that rules beat the statistical model, and running the same
rules under both finders keeps DATE and QUANTITY spans identical for the number
comparison, whichever finder is installed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from index.entities.letters import UPPER, WORD

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept\\.|Sep\\.|Oct\\.|Nov\\.|Dec\\."
)
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    "eighty|ninety|hundred|dozen|dozens|hundreds|thousands|a dozen|a hundred|a thousand|"
    "a million|a billion|half a million|several|a few"
)
SMALL_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    "fifty|a dozen|dozens|hundreds|thousands"
).replace(" ", r"\s+")
SCALES = "hundred|thousand|million|billion|trillion|bn|m"
APPROX = (
    "more than|less than|fewer than|over|under|about|around|approximately|roughly|nearly|"
    "almost|some|up to|at least|at most|as many as|as much as|just over|just under|just around"
)
UNITS = (
    "kilometers|kilometres|km|miles|mile|meters|metres|feet|tons|tonnes|percent|per cent|"
    "containers|shipments|shells|rounds|missiles|troops|soldiers|people|countries|nations|"
    "months|weeks|days|years|hours|minutes|posts|vehicles|tanks|drones|aircraft|ships|"
    "dollars|euros|won|rubles|roubles|barrels|units|launchers|casualties|civilians|workers"
)

_YEAR = r"(?:1[89]\d\d|20\d\d)"


def _words(alternatives: str) -> str:
    r"""Alternatives safe inside a VERBOSE pattern: spaces become ``\s+``."""
    return alternatives.replace(" ", r"\s+")


DATE_RE = re.compile(
    rf"""
    # One word-start check for every branch: a mid-word position fails at once (and
    # "blast week" is not "last week").
    (?<![\w-])
    (?:
        (?:(?:early|mid|late)[- ])?(?:{MONTHS})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+{_YEAR})?
          (?![\w-])
      | \d{{1,2}}\s+(?:{MONTHS})(?:\s+{_YEAR})?
      | (?:{WEEKDAYS})(?![\w-])
      | (?:[Ll]ast|[Nn]ext|[Tt]his|[Ee]arlier\ this|[Ll]ater\ this)\s+(?:week|month|year|weekend)(?![\w-])
      | (?:mid|early|late)-{_YEAR}s?
      | \d{{4}}-\d{{2}}-\d{{2}}
      | \d{{1,2}}/\d{{1,2}}/{_YEAR}
      # Times of day are dates, not counts: "10:42 p.m.", "9 am", "14:30 GMT".
      | (?:(?:[01]?\d|2[0-3]):[0-5]\d|1[0-2](?=\s*[ap]\.?m\b)|[1-9](?=\s*[ap]\.?m\b))
        (?:\s*(?:[ap]\.m\.|[AP]\.M\.|[ap]m|[AP]M)(?![\w-]))?(?:\s+(?:GMT|UTC|local\s+time))?
        (?![\w:])
      | (?<![.,$]){_YEAR}s?(?=\s*[,.;)]|\s+(?:and|to|through)\b|$)
    )
    """,
    re.VERBOSE,
)

QUANTITY_RE = re.compile(
    rf"""
    (?<![\w.,$€£-])(?:((?:{_words(APPROX)}))\s+)?
    (?:
        [$€£]\s?\d[\d,]*(?:\.\d+)?(?:\s+(?:{SCALES})\b)?
      | \d[\d,]*(?:\.\d+)?(?:\s*(?:%|(?:{SCALES})\b))?(?:\s+(?:{_words(UNITS)})\b)?
      | (?:a|one|two|three|several|a\ few|half\ a)\s+(?:million|billion|thousand|hundred)
        (?:\s+(?:{_words(UNITS)})\b)?
      | (?:{_words(NUMBER_WORDS)})\s+(?:{_words(UNITS)})\b
      # A bare number word counts when an approximator comes before it ("at least six",
      # "approximately ten") or a plural noun after it ("two recent attempts", "two frigates").
      | (?:{SMALL_NUMBER_WORDS})(?![\w-])(?(1)|(?=\s+(?:[a-z]+\s+)?[a-z]{{2,}}s(?![\w'’-])))
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
# "the two countries", "the three nations": a definite description, not an amount.
_DEFINITE_BEFORE = re.compile(r"(?:^|\W)the\s+$", re.IGNORECASE)

WEAPON_MODIFIERS = (
    "short-range|medium-range|intermediate-range|long-range|close-range|ballistic|cruise|"
    "hypersonic|supersonic|guided|unguided|precision-guided|anti-tank|anti-air|"
    "anti-aircraft|anti-ship|anti-armor|anti-armour|anti-personnel|surface-to-air|"
    "air-to-air|air-to-surface|surface-to-surface|ground-to-air|portable|man-portable|"
    "shoulder-fired|submarine-launched|intercontinental|tactical|strategic|nuclear-capable|"
    "artillery|mortar|rocket|fighter|attack|bomber|stealth|combat|kamikaze|loitering|"
    "multiple|self-propelled|armored|armoured|battle|naval|nuclear|chemical|biological|"
    "sniper|assault|automatic|heavy|light|machine|main|infantry|fighting|surveillance|"
    "reconnaissance|spy|unmanned|military|interceptor|rocket-propelled|anti-ship"
)
WEAPON_HEADS = (
    "missiles?|rockets?|shells?|rounds|launchers?|jets?|aircraft|drones?|bombs?|warheads?|"
    "howitzers?|tanks?|rifles?|guns?|grenades?|mines|torpedo(?:es)?|artillery|mortars?|"
    "submarines?|warships?|destroyers?|frigates?|helicopters?|bombers?|munitions|weapons?|"
    "interceptors?|vehicles?|systems?"
)
# A head that names a weapon on its own only with one of these in front.
_WEAK_HEADS = {"vehicle", "system", "weapon", "gun", "aircraft", "artillery", "munition"}
_WEAK_ONLY_MODIFIERS = {"military", "heavy", "light", "main", "combat", "naval", "spy"}

WEAPON_MODIFIER_SET = frozenset(WEAPON_MODIFIERS.split("|"))
WEAPON_HEAD_RE = re.compile(rf"(?<![\w-])(?:{WEAPON_HEADS})(?![\w-])", re.IGNORECASE)
_WEAPON_HEAD_LOWER = re.compile(rf"(?<![\w-])(?:{WEAPON_HEADS})(?![\w-])")
# Bare class nouns that are weapons by themselves (not "missiles": too vague).
WEAPON_NOUN_RE = re.compile(
    r"\b(?:rifles|mortars|howitzers|grenades|landmines|warships|frigates|destroyers|submarines"
    r"|corvettes)\b"
)
DESIGNATION_RE = re.compile(
    r"(?<![\w-])(?:[A-Z][A-Za-z]{0,11}|[A-Z]{1,4})-\d{1,4}[A-Z]{0,2}(?![\w-])"
)
# Designation-shaped codes that are not weapons.
NOT_DESIGNATIONS = {"COVID-19", "Covid-19", "G-7", "G-20", "H-1B", "K-12", "A-1", "B-2B"}


@dataclass(frozen=True, slots=True)
class RuleSpan:
    start: int
    end: int
    type: str
    entity: str
    core_end: int = 0
    """Where a shorter span that still holds (the number without its counted noun) ends; 0 if none."""


def _first_words(*alternatives: str) -> list[str]:
    """The words the ``|``-separated phrases in ``alternatives`` begin with."""
    found = {phrase.split()[0] for group in alternatives for phrase in group.split("|")}
    return sorted(found, key=lambda word: (-len(word), word))


def find_dates(text: str) -> list[RuleSpan]:
    return [
        RuleSpan(m.start(), m.end(), "DATE", _clean(m.group()))
        for m in _matches(DATE_RE, _DATE_START, text)
    ]


def _matches(
    pattern: re.Pattern[str], starts: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """The non-empty matches of ``pattern.finditer(text)``, trying ``pattern`` only where
    ``starts`` says one can begin: the date and quantity patterns' many alternatives, tried
    at every word, were a fifth of the time spent tagging."""
    reached = 0
    for start in starts.finditer(text):
        if start.start() < reached:
            continue
        match = pattern.match(text, start.start())
        if match is not None and match.end() > match.start():
            reached = match.end()
            yield match


def _starts(
    words: list[str], *, not_after: str, word_end: str, symbols: str = "", any_case: bool = False
) -> re.Pattern[str]:
    """Where a pattern can match whose matches begin with a digit, one of ``symbols`` or
    one of ``words`` (followed by ``word_end``), not right after a character of the class
    ``not_after``. The first characters alone rule out most places, before the
    look-behind and the words are tried (each pattern tried at every word cost a fifth
    of the time spent tagging)."""
    firsts = {word[0] for word in words}
    if any_case:
        firsts |= {c.upper() for c in firsts}
    alternatives = "|".join(words)
    if any_case:
        alternatives = f"(?i:{alternatives})"
    return re.compile(
        rf"(?=[\d{symbols}{''.join(sorted(firsts))}])(?<![{not_after}])"
        rf"(?=[\d{symbols}]|(?:{alternatives}){word_end})"
    )


# Where DATE_RE can match: a word start with a digit, or one of the words its branches
# begin with (a month, a weekday, "early/mid/late", "last/next/this/earlier/later"); the
# pattern is case-sensitive.
_DATE_FIRST_WORDS = _first_words(
    MONTHS.replace("\\.", ""), WEEKDAYS, "early|mid|late|last|next|this|earlier|later"
)
_DATE_FIRST_WORDS += [w.capitalize() for w in _DATE_FIRST_WORDS if w.islower()]
_DATE_START = _starts(_DATE_FIRST_WORDS, not_after=r"\w-", word_end=r"(?![^\W\d_])")


def find_quantities(text: str) -> list[RuleSpan]:
    spans = []
    lowered = text.lower()
    found = (
        _matches(_QUANTITY_LOWER, _QUANTITY_START_LOWER, lowered)
        if len(lowered) == len(text)  # see find_weapons
        else _matches(QUANTITY_RE, _QUANTITY_START, text)
    )
    for m in found:
        value = text[m.start() : m.end()].rstrip(",.")
        counting_word = value.lower() in _COUNTING_WORDS
        if not any(ch.isdigit() for ch in value):
            if not counting_word and not re.search(
                r"million|billion|thousand|hundred|\s", value, re.IGNORECASE
            ):
                continue
            if _DEFINITE_BEFORE.search(text, max(0, m.start() - 6), m.start()):
                continue
        end = m.start() + len(value)
        core_end = 0
        if value[-1:].isdigit() or counting_word or _SCALE_END.search(value):
            noun = _COUNTED_NOUN.match(text, end)
            if noun and noun.group(1) not in _NOT_COUNTED:
                core_end, end = end, noun.end()
        spans.append(RuleSpan(m.start(), end, "QUANTITY", _clean(text[m.start() : end]), core_end))
    return spans


# Where QUANTITY_RE can match: a digit, a currency sign, or one of the words its phrases
# begin with (approximators, number words).
_QUANTITY_FIRST_WORDS = _first_words(APPROX, NUMBER_WORDS, "a|one|two|three|several|a few|half a")
_QUANTITY_START = _starts(
    _QUANTITY_FIRST_WORDS,
    symbols="$€£",
    not_after=r"\w.,$€£-",
    word_end=r"(?![\w-])",
    any_case=True,
)
_QUANTITY_LOWER = re.compile(QUANTITY_RE.pattern, re.VERBOSE)
_QUANTITY_START_LOWER = _starts(
    _QUANTITY_FIRST_WORDS, symbols="$€£", not_after=r"\w.,$€£-", word_end=r"(?![\w-])"
)
_SCALE_END = re.compile(r"\d\s+(?:million|billion|thousand|hundred)$", re.IGNORECASE)
_COUNTING_WORDS = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
    ]
)
# A plural noun right after a number is what it counts: "600 vessels", "9,000 rescuers".
_COUNTED_NOUN = re.compile(r" ([a-z][a-z-]{2,}s)(?![\w'’-])")
_NOT_COUNTED = frozenset(
    [
        "this",
        "has",
        "was",
        "does",
        "its",
        "his",
        "plus",
        "less",
        "across",
        "versus",
        "thus",
        "whereas",
        "perhaps",
        "always",
        "sometimes",
        "besides",
        "towards",
        "afterwards",
        "unless",
        "goes",
        "says",
        "remains",
        "seems",
        "means",
        "includes",
        "comes",
        "makes",
        "takes",
        "gives",
        "shows",
        "lies",
        "stands",
        "ends",
        "begins",
        "falls",
        "rises",
        "runs",
        "gets",
        "puts",
        "sets",
        "needs",
        "uses",
        "lets",
        "yes",
    ]
)


def find_weapons(
    text: str,
    is_other_name: Callable[[str], bool] | None = None,
    is_first_name: Callable[[str], bool] = lambda word: False,
) -> list[RuleSpan]:
    """Named designations (Kh-35) and typed weapon phrases (short-range ballistic missiles);
    with ``is_other_name``, also model names before a phrase (see ``named_weapon``)."""
    spans = [
        RuleSpan(m.start(), m.end(), "WEAPON", m.group())
        for m in DESIGNATION_RE.finditer(text)
        if m.group() not in NOT_DESIGNATIONS
    ]
    lowered = text.lower()
    # Lower-cased text and a case-sensitive pattern find the same heads twice as fast;
    # the rare text whose lower case changes length keeps the case-blind pattern.
    heads = (
        _WEAPON_HEAD_LOWER.finditer(lowered)
        if len(lowered) == len(text)
        else WEAPON_HEAD_RE.finditer(text)
    )
    for m in heads:
        start = _modifiers_start(text, m.start())
        if is_other_name is not None and text[m.start() : m.end()] in NAMED_HEADS:
            named = named_weapon(
                text, m.start() if start is None else start, is_other_name, is_first_name
            )
            if named is not None:
                spans.append(named)
        if start is None:
            continue
        words = text[start : m.end()].lower().split()
        head = singular(words[-1])
        modifiers = set(words[:-1])
        if head in _WEAK_HEADS and modifiers <= _WEAK_ONLY_MODIFIERS:
            continue
        if head == "weapon" and "nuclear" not in modifiers:
            continue
        spans.append(RuleSpan(start, m.end(), "WEAPON", weapon_name(text[start : m.end()])))
    for m in WEAPON_NOUN_RE.finditer(text):
        spans.append(RuleSpan(m.start(), m.end(), "WEAPON", weapon_name(m.group())))
    return spans


# Heads a maker's or model name can stand in front of ("BrahMos anti-ship cruise missiles",
# "Bayraktar TB2 drones", "Leopard tanks").
NAMED_HEADS = frozenset(
    [
        "missile",
        "missiles",
        "rocket",
        "rockets",
        "drone",
        "drones",
        "jet",
        "jets",
        "tanks",
        "howitzer",
        "howitzers",
        "launcher",
        "launchers",
        "bomb",
        "bombs",
        "torpedo",
        "torpedoes",
        "helicopter",
        "helicopters",
        "interceptor",
        "interceptors",
        "warhead",
        "warheads",
        "rifle",
        "rifles",
        "submarine",
        "submarines",
        "frigate",
        "frigates",
    ]
)
_POSSESSIVE = re.compile(r"['’]s?$")
# A model name's words: "BrahMos", "Bayraktar", "TB2", "Storm", "Shadow" (not "Iran-made").
_MODEL_WORD = re.compile(rf"[{UPPER}][{WORD}]*(?:-[{UPPER}0-9][{WORD}]*)*")


def named_weapon(
    text: str,
    end: int,
    is_other_name: Callable[[str], bool],
    is_first_name: Callable[[str], bool] = lambda word: False,
) -> RuleSpan | None:
    """The capitalised model name ending right before ``end``, the start of a weapon phrase:
    "BrahMos" in "BrahMos anti-ship cruise missiles". ``is_other_name(word)`` says a word is
    a known non-weapon name or a nationality ("Russian", "Hamas"), which a weapon phrase
    often opens with instead; a person's name ("Tatiana Singh tanks") is not a model."""
    words: list[tuple[int, int]] = []
    blocked = ""
    pos = end
    while len(words) < 3 and pos >= 2 and text[pos - 1] == " ":
        word_end = pos - 1
        word_start = word_end
        while word_start > 0 and not text[word_start - 1].isspace():
            word_start -= 1
        word = text[word_start:word_end]
        if not _MODEL_WORD.fullmatch(word) or is_other_name(word):
            blocked = word
            break
        words.append((word_start, word_end))
        pos = word_start
    if not words:
        return None
    found = [text[s:e] for s, e in words]
    if any(is_first_name(word) for word in found):
        return None
    coded = any(ch.isdigit() or ch == "-" for word in found for ch in word)
    owner = _POSSESSIVE.sub("", blocked)
    if owner[:1].isupper() and not is_other_name(owner) and not coded:
        return None  # the name goes on to the left: a place or person, not a model
    start, stop = words[-1][0], words[0][1]
    first = text[start : words[-1][1]]
    if _opens_sentence(text, start) and not any(ch.isdigit() or ch.isupper() for ch in first[1:]):
        return None  # a sentence's first word needs a model-like shape ("TB2", "BrahMos")
    return RuleSpan(start, stop, "WEAPON", _clean(text[start:stop]))


def _opens_sentence(text: str, offset: int) -> bool:
    i = offset - 1
    while i >= 0 and text[i] in " \t\"“‘'(":
        i -= 1
    return i < 0 or text[i] in ".!?:;\n"


def _modifiers_start(text: str, head_start: int) -> int | None:
    """Start of the run of weapon modifiers right before a head noun (None if there is none).
    Walking back from the rare head nouns is far cheaper than a regex at every word."""
    begin = None
    pos = head_start
    while pos > 0:
        gap = pos
        while gap > 0 and text[gap - 1] in " \t":
            gap -= 1
        if gap == pos or gap == 0:
            break
        word_start = gap
        while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "-"):
            word_start -= 1
        if word_start > 0 and text[word_start - 1].isalnum():
            break
        if text[word_start:gap].lower() not in WEAPON_MODIFIER_SET:
            break
        begin = pos = word_start
    return begin


def weapon_name(phrase: str) -> str:
    """Canonical weapon class: lower case, singular ("Anti-tank missiles" -> "anti-tank missile")."""
    words = _clean(phrase).split(" ")
    words[-1] = singular(words[-1].lower())
    return " ".join(w if w.isupper() else w.lower() for w in words)


def singular(word: str) -> str:
    if word.endswith("oes"):
        return word[:-2]
    if word.endswith("ss") or word in {"aircraft", "artillery", "munitions", "rounds"}:
        return "round" if word == "rounds" else word
    if word.endswith("s") and len(word) > 3:
        return word[:-1]
    return word


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()

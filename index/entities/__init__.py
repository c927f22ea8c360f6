"""Entity tagging: find, type and resolve mentions of people, organisations, places,
weapons, dates and quantities in an article's body.

The index calls ``EntityTagger(library_root).tag(article)`` for each changed article
and re-tags everything when ``fingerprint`` changes. Layers, strongest first: the
gazetteer (known names, aliases), dates and weapon designations, the name finder
(spaCy NER when installed, else the built-in rules), weapon phrases, quantities;
then resolution gives each span its canonical entity.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import cast

from index.article import Article
from index.entities.builtin import NAMES_FILE, ORG_KEYWORDS, BuiltinFinder, org_extension
from index.entities.candidates import Candidate, Taken
from index.entities.gazetteer import Gazetteer, normalize_text
from index.entities.letters import UPPER, WORD
from index.entities.patterns import (
    RuleSpan,
    find_dates,
    find_quantities,
    find_weapons,
)
from index.entities.resolve import resolve
from index.entities.spacy_finder import SpacyFinder, model_package
from index.entities.store import EntitySummary, MentionStore
from index.errors import BriefError
from index.locations import user_entities_files
from index.mentions import EntityType, Mention

__all__ = [
    "FINDERS",
    "EntitySummary",
    "EntityTagger",
    "MentionStore",
    "available_finders",
    "tag_text",
]

FINDERS = ("auto", "builtin", "spacy")
FINDER_ENV = "BRIEF_ENTITY_FINDER"
# Bump when tagging rules change in a way that should re-tag stored libraries.
RULES_VERSION = "3"
# Known types that can open an organisation's name ("Kenya Defence Forces").
_ORG_STEMS = ("PLACE", "NORP")


def available_finders() -> list[str]:
    """Finders usable here: always "builtin", and "spacy" when spaCy and its model are."""
    return ["spacy", "builtin"] if model_package() else ["builtin"]


class EntityTagger:
    """Finds entity mentions in article bodies, with one gazetteer and one finder."""

    def __init__(self, library_root: Path | None = None, finder: str = "auto") -> None:
        if finder not in FINDERS:
            raise BriefError(f"unknown entity finder {finder!r}; use one of {', '.join(FINDERS)}")
        if finder == "auto":
            # Lets a user (or a benchmark) pick the finder for every Brief command at once.
            finder = os.environ.get(FINDER_ENV, "auto").strip().lower() or "auto"
            if finder not in FINDERS:
                raise BriefError(f"{FINDER_ENV}={finder!r}: use one of {', '.join(FINDERS)}")
        self.library_root = library_root
        self.user_files = user_entities_files(library_root)
        self.gazetteer = Gazetteer(self.user_files)
        use_spacy = finder == "spacy" or (finder == "auto" and model_package() is not None)
        self._rules = BuiltinFinder(self.gazetteer)
        self._finder: BuiltinFinder | SpacyFinder = (
            SpacyFinder(self.gazetteer) if use_spacy else self._rules
        )

    @property
    def finder_name(self) -> str:
        """ "builtin" or "spacy:en_core_web_sm 3.8.0"."""
        return self._finder.name

    @property
    def fingerprint(self) -> str:
        """Changes whenever the gazetteer, user entity files, rules or the finder change."""
        digest = hashlib.sha256()
        for part in (
            RULES_VERSION,
            self.finder_name,
            self.gazetteer.fingerprint,
            hashlib.sha256(NAMES_FILE.read_bytes()).hexdigest(),
        ):
            digest.update(part.encode() + b"\0")
        return digest.hexdigest()[:20]

    def _rule_names(self, text: str, norm: str, taken: Taken) -> list[Candidate]:
        """What the built-in rules find with evidence (a title, a keyword, a place context)
        in what the model left: "arrived in Aleppo" that the small model misses."""
        return [
            c
            for c in self._rules.find(text, norm, taken.copy())
            if c.type in ("PLACE", "ORG", "PERSON")
            and not c.guess
            and c.known is None
            and taken.claim(c.start, c.end)
        ]

    def _other_name(self, word: str) -> bool:
        """A word that is not a weapon's model name: a known non-weapon name, a nationality,
        or an acronym (organisations: "SDF drones")."""
        known = self.gazetteer.lookup(word)
        if known is not None:
            return known.type != "WEAPON"
        return word.isalpha() and word.isupper()

    def tag(self, article: Article) -> list[Mention]:
        """The article body's mentions, sorted and non-overlapping; captions flagged."""
        return self.tag_many([article])[0]

    def tag_many(self, articles: list[Article]) -> list[list[Mention]]:
        """Mentions for several articles at once (spaCy batches them through ``nlp.pipe``)."""
        found = self._tag_texts([a.body for a in articles])
        result = []
        for article, mentions in zip(articles, found, strict=True):
            captions = [(p.start, p.end) for p in article.paragraphs if p.kind == "caption"]
            result.append(
                [
                    Mention(
                        m.start,
                        m.end,
                        m.text,
                        m.type,
                        m.entity,
                        any(s <= m.start < e for s, e in captions),
                    )
                    for m in mentions
                ]
            )
        return result

    def tag_text(self, text: str) -> list[Mention]:
        """Mentions in plain ``text`` (no captions): for tests, benchmarks and tools."""
        return self._tag_texts([text])[0]

    def _tag_texts(self, texts: list[str]) -> list[list[Mention]]:
        texts = [t if isinstance(t, str) else "" for t in texts]
        norms = [normalize_text(t) for t in texts]
        takens = [Taken() for _ in texts]
        candidates: list[list[Candidate]] = [[] for _ in texts]
        first_names = self._rules.names.first_names
        weapons = [find_weapons(norm, self._other_name, first_names.__contains__) for norm in norms]
        for i, norm in enumerate(norms):
            if not isinstance(self._finder, BuiltinFinder):
                # Known names the model's ruler cannot see because only their accents differ
                # ("Recep Tayyip Erdoğan" listed as "Erdogan"): claimed before the model runs.
                for hit in self.gazetteer.find(norm):
                    if not self.gazetteer.listed(norm[hit.start : hit.end]) and takens[i].claim(
                        hit.start, hit.end
                    ):
                        candidates[i].append(
                            Candidate(hit.start, hit.end, hit.known.type, hit.known)
                        )
            if isinstance(self._finder, BuiltinFinder):
                for hit in self.gazetteer.find(norm):
                    longer = org_extension(norm, hit.end) if hit.known.type in _ORG_STEMS else None
                    if longer is not None and takens[i].claim(hit.start, longer):
                        candidates[i].append(Candidate(hit.start, longer, "ORG"))
                    elif takens[i].claim(hit.start, hit.end):
                        candidates[i].append(
                            Candidate(hit.start, hit.end, hit.known.type, hit.known)
                        )
            for rule in (
                *_datelines(norm, self.gazetteer),
                *find_dates(norm),
                *_designations(weapons[i]),
            ):
                if takens[i].claim(rule.start, rule.end):
                    candidates[i].append(
                        Candidate(rule.start, rule.end, rule.type, None, rule.entity)
                    )
        if isinstance(self._finder, SpacyFinder):
            names = self._finder.find_many(texts, norms, takens)
            for i, norm in enumerate(norms):
                # Known names the model's tokens hid from the ruler ("U.S.-led").
                names[i].extend(
                    Candidate(hit.start, hit.end, hit.known.type, hit.known)
                    for hit in self.gazetteer.find(norm)
                    if takens[i].claim(hit.start, hit.end)
                )
                names[i].extend(self._rule_names(texts[i], norm, takens[i]))
        else:
            names = [
                self._finder.find(t, n, k) for t, n, k in zip(texts, norms, takens, strict=True)
            ]
        results = []
        for i, norm in enumerate(norms):
            candidates[i].extend(names[i])
            candidates[i].extend(_name_echoes(norm, candidates[i], takens[i]))
            for rule in (*_phrases(weapons[i]), *find_quantities(norm)):
                if takens[i].claim(rule.start, rule.end):
                    candidates[i].append(
                        Candidate(rule.start, rule.end, rule.type, None, rule.entity)
                    )
                elif rule.core_end and takens[i].claim(rule.start, rule.core_end):
                    # "two frigates": the noun is a weapon already; the number stays a count
                    text = norm[rule.start : rule.core_end]
                    candidates[i].append(
                        Candidate(rule.start, rule.core_end, rule.type, None, text)
                    )
            merged = _one_sense(norm, _org_of_place(norm, candidates[i]))
            resolved = resolve(norm, merged, self.gazetteer)
            results.append(
                sorted(
                    (
                        Mention(
                            r.start,
                            r.end,
                            texts[i][r.start : r.end],
                            cast(EntityType, r.type),
                            r.entity,
                        )
                        for r in resolved
                    ),
                    key=lambda m: (m.start, m.end),
                )
            )
        return results


_DATELINE = re.compile(
    # Capitals are Unicode upper-case letters ("GDAŃSK, Poland", "MALMÖ, Sweden").
    rf"^([{UPPER}][{UPPER}'.-]+(?: [{UPPER}][{UPPER}'.-]+){{0,3}})"
    rf"(?=,\s+[{UPPER}][{WORD}.]*(?:\s+[{UPPER}][{WORD}.]*){{0,3}}\s*[—–-])",
    re.MULTILINE,
)


def _datelines(norm: str, gazetteer: Gazetteer) -> list[RuleSpan]:
    """'ANTAKYA, Turkey —' opening a paragraph: the capitalised word is a city."""
    spans = []
    for match in _DATELINE.finditer(norm):
        known = gazetteer.lookup(match.group(1))
        name = known.name if known is not None and known.type == "PLACE" else match.group(1).title()
        spans.append(RuleSpan(match.start(1), match.end(1), "PLACE", name))
    return spans


def _name_echoes(norm: str, candidates: list[Candidate], taken: Taken) -> list[Candidate]:
    """Untagged repeats of a full name's first or last word ("Yusuf told...") as
    name candidates; resolution ties them to the full name."""
    words = {
        word
        for c in candidates
        if c.type == "PERSON" and " " in norm[c.start : c.end].strip()
        for word in norm[c.start : c.end].split()
        if word[:1].isupper() and len(word) > 2
    }
    echoes: list[Candidate] = []
    # Whole-word occurrences, the longest first where two start alike, taken left to right
    # without overlap (as one alternation regex would, without compiling one per article).
    found = []
    for word in words:
        start = norm.find(word)
        while start >= 0:
            end = start + len(word)
            if not (start and _WORDISH.match(norm, start - 1)) and not _WORDISH.match(norm, end):
                found.append((start, -end))
            start = norm.find(word, start + 1)
    reached = 0
    for start, negative_end in sorted(found):
        if start >= reached:
            reached = -negative_end
            if taken.claim(start, reached):
                echoes.append(Candidate(start, reached, None))
    return echoes


_WORDISH = re.compile(r"[\w-]")


_OF_GAP = re.compile(r" of (?:the )?")
# Words that name a place together with "of" and another place ("Gulf of Finland").
_PLACE_OF_HEADS = frozenset(
    ["Gulf", "Bay", "Sea", "Strait", "Straits", "Isle", "Cape", "Lake", "Port", "Mouth"]
)


def _org_of_place(norm: str, candidates: list[Candidate]) -> list[Candidate]:
    """An organisation or a sea named with "of" and a place is one name: "Armed Forces" +
    " of the " + "Philippines" -> "Armed Forces of the Philippines"; "Gulf of Finland"."""
    ordered = sorted(candidates, key=lambda c: c.start)
    merged: list[Candidate] = []
    for candidate in ordered:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.type == "ORG"
            and previous.known is None
            and candidate.type == "PLACE"
            and _OF_GAP.fullmatch(norm, previous.end, candidate.start)
            and norm[previous.start : previous.end].split()[-1] in ORG_KEYWORDS
        ):
            merged[-1] = Candidate(previous.start, candidate.end, "ORG")
            continue
        if (
            previous is not None
            and previous.type == "PLACE"
            and candidate.type == "PLACE"
            and norm[previous.start : previous.end] in _PLACE_OF_HEADS
            and _OF_GAP.fullmatch(norm, previous.end, candidate.start)
        ):
            merged[-1] = Candidate(previous.start, candidate.end, "PLACE")
            continue
        merged.append(candidate)
    return merged


def _one_sense(norm: str, candidates: list[Candidate]) -> list[Candidate]:
    """A name typed by evidence somewhere in the text (an organisation keyword, a place
    context) keeps that type where it stands alone or was typed by shape only: "Eskom must
    restore power" once "Eskom spokesman" has made it an organisation."""
    typed: dict[str, str] = {}
    for c in candidates:
        if c.type in ("ORG", "PLACE") and not c.guess and c.known is None:
            typed.setdefault(norm[c.start : c.end], c.type)
    if typed:
        for c in candidates:
            if (c.type is None or c.guess) and c.known is None:
                etype = typed.get(norm[c.start : c.end])
                if etype is not None:
                    c.type, c.guess = etype, False
    return candidates


def _designations(weapons: list[RuleSpan]) -> list[RuleSpan]:
    """Named weapons ("Kh-35", "BrahMos"): claimed before the name finder sees them."""
    return [w for w in weapons if w.entity[:1].isupper()]


def _phrases(weapons: list[RuleSpan]) -> list[RuleSpan]:
    """Typed weapon phrases ("artillery shells"): claimed after names."""
    return [w for w in weapons if not w.entity[:1].isupper()]


def tag_text(text: str, finder: str = "builtin", library_root: Path | None = None) -> list[Mention]:
    """One-off tagging of plain text (builds a tagger each call: use EntityTagger in loops)."""
    return EntityTagger(library_root, finder).tag_text(text)

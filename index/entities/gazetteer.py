"""The known-entity layer: canonical names with aliases, matched in one pass.

Brief ships ``gazetteer.toml``; users add ``entities.toml`` files (config folder, then
library folder; later files win). Matching is one Aho-Corasick scan (pyahocorasick),
case-sensitive, on word boundaries, so "US" never matches inside "USA" or "us".
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from index.entities.letters import fold_accents
from index.errors import BriefError

SHIPPED = Path(__file__).with_name("gazetteer.toml")
USER_TYPES = ("PERSON", "ORG", "PLACE", "WEAPON", "NORP")
# NORP entries (nationality words) block the name finder but are never reported.
NORP = "NORP"

_KEY_DROP = re.compile(r"[\W_]+")
LOOKUPS_KEPT = 100_000
"""Words whose :meth:`Gazetteer.lookup` answer is remembered (a few MB at most)."""


def normalize_text(text: str) -> str:
    """Same-length copy of ``text`` with curly apostrophes straightened, for matching."""
    # str.replace runs in C; translate() with a dict looks up every character in Python
    # objects (~8 ms on a 60 kB text, a tenth of the tagging time).
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")


def name_key(name: str) -> str:
    """A spelling-insensitive key: "Kim Jong-un", "Kim Jong Un" and "KIM JONG UN" agree."""
    return _KEY_DROP.sub("", fold_accents(normalize_text(name)).casefold())


@dataclass(frozen=True, slots=True)
class Known:
    """A known entity: canonical name, type, and for capitals the state it stands for."""

    name: str
    type: str
    state: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    known: Known


class Gazetteer:
    """Known entities from the shipped list plus any user ``entities.toml`` files."""

    def __init__(self, user_files: Iterable[Path] = ()) -> None:
        self.files = [SHIPPED, *user_files]
        self._aliases: dict[str, Known] = {}
        self._by_key: dict[str, Known] = {}
        self._looked_up: dict[str, Known | None] = {}
        """Answers of :meth:`lookup`: the name finder asks about the same words all along."""
        digest = hashlib.sha256()
        for path in self.files:
            try:
                raw = path.read_bytes()
            except OSError as exc:
                raise BriefError(f"cannot read entity list {path}: {exc.strerror}") from exc
            digest.update(path.name.encode() + b"\0" + raw + b"\0")
            self._load(path, raw)
        self.fingerprint = digest.hexdigest()[:16]
        # The automaton reads accent-folded text, so "Erdoğan" finds a listed "Erdogan" and
        # the reverse; an alias as listed wins over another that folds to the same letters.
        folded: dict[str, Known] = {}
        for alias, known in self._aliases.items():
            key = fold_accents(alias)
            if key == alias or key not in folded:
                folded[key] = known
        self._folded = folded
        self._automaton = ahocorasick.Automaton()
        for alias, known in folded.items():
            self._automaton.add_word(alias, (len(alias), known))
        if folded:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._aliases)

    def lookup(self, text: str) -> Known | None:
        """The known entity written ``text`` exactly, else one whose spelling key matches."""
        answers = self._looked_up
        if text in answers:
            return answers[text]
        normal = normalize_text(text)
        known = (
            self._aliases.get(normal)
            or self._folded.get(fold_accents(normal))
            or self._by_key.get(name_key(normal))
        )
        if len(answers) >= LOOKUPS_KEPT:
            answers.clear()
        answers[text] = known
        return known

    def listed(self, text: str) -> bool:
        """True when ``text`` is written exactly as an alias (not only once accents fold)."""
        return normalize_text(text) in self._aliases

    def names(self) -> list[tuple[str, Known]]:
        """Every (alias, entity) pair, for building spaCy ruler patterns."""
        return list(self._aliases.items())

    def find(self, text: str) -> list[Hit]:
        """Leftmost-longest, non-overlapping whole-word matches in ``text``."""
        if not self._aliases or not text:
            return []
        norm = fold_accents(normalize_text(text))
        candidates: list[Hit] = []
        for end_index, (length, known) in self._automaton.iter(norm):
            end = end_index + 1
            start = end - length
            if _boundary(norm, start, end):
                candidates.append(Hit(start, end, known))
        candidates.sort(key=lambda h: (h.start, -(h.end - h.start)))
        hits: list[Hit] = []
        last_end = -1
        for hit in candidates:
            if hit.start >= last_end:
                hits.append(hit)
                last_end = hit.end
        return hits

    def _load(self, path: Path, raw: bytes) -> None:
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise BriefError(f"entity list {path} is not valid TOML: {exc}") from exc
        for section, entries in data.items():
            if section == "entity":
                self._load_records(path, entries)
            elif section == "capitals":
                for city, state in _table(path, section, entries).items():
                    self._add(Known(str(city), "PLACE", str(state)), [])
            elif section.upper() in USER_TYPES:
                for name, aliases in _table(path, section, entries).items():
                    self._add(Known(str(name), section.upper()), _alias_list(path, name, aliases))
            else:
                raise BriefError(
                    f"entity list {path}: unknown section [{section}]; use [[entity]], "
                    f"[capitals] or one of {', '.join(USER_TYPES)}"
                )

    def _load_records(self, path: Path, entries: object) -> None:
        if not isinstance(entries, list):
            raise BriefError(f"entity list {path}: write entities as [[entity]] tables")
        for record in entries:
            if not isinstance(record, dict) or not str(record.get("name", "")).strip():
                raise BriefError(f"entity list {path}: every [[entity]] needs a name")
            name = str(record["name"]).strip()
            etype = str(record.get("type", "")).upper()
            if etype not in USER_TYPES:
                raise BriefError(
                    f"entity list {path}: {name!r} has type {record.get('type')!r}; "
                    f"use one of {', '.join(USER_TYPES)}"
                )
            self._add(Known(name, etype), _alias_list(path, name, record.get("aliases", [])))

    def _add(self, known: Known, aliases: list[str]) -> None:
        for alias in (known.name, *aliases):
            alias = normalize_text(alias.strip())
            if not alias:
                continue
            self._aliases[alias] = known
            self._by_key.setdefault(name_key(alias), known)
            if known.type == "WEAPON" and not known.name[:1].isupper():
                self._aliases.setdefault(alias[:1].upper() + alias[1:], known)


def _table(path: Path, section: str, entries: object) -> dict[str, object]:
    if not isinstance(entries, dict):
        raise BriefError(f"entity list {path}: [{section}] must be a table of names")
    return entries


def _alias_list(path: Path, name: object, aliases: object) -> list[str]:
    if isinstance(aliases, str):
        return [aliases]
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise BriefError(f"entity list {path}: aliases of {name!r} must be a list of strings")
    return aliases


def _boundary(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is not part of a longer word (hyphens count as breaks,
    so "U.S.-led" and "Kremlin-backed" still name their entity)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or after.isalnum() or unicodedata.combining(after):
        return False
    # "U.S." ends in a period; "U.S" inside "U.S.A." must not match alone.
    return not (after == "." and end + 1 < len(text) and text[end + 1].isalnum())

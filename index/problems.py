"""The library's file problems as they stand, kept beside its index between runs.

A sync only reads the files that changed, so its report names the problems of those files
alone: a file read with a warning (decoded as Latin-1) was reported once, on the sync that
first read it, and never again; a skipped file, read again by every sync, was reported on
every command. :class:`ProblemLog` keeps what each file's last reading found, so a caller
can show every current problem (``brief index``, the app's log) and tell which ones are new
since the last run (to print those in full once and summarise the rest).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from index import locations
from index.atomic import write_atomic
from index.library import Problem

if TYPE_CHECKING:
    from index.workspace import SyncReport

LOG_NAME = "problems.json"


@dataclass(frozen=True, slots=True)
class ProblemsUpdate:
    """Every file problem the library has now, and those no earlier run had seen."""

    current: list[Problem]
    new: list[Problem]

    @property
    def skipped_files(self) -> int:
        return len({p.path for p in self.current if p.skipped})

    @property
    def warned_files(self) -> int:
        """Files loaded, but with a warning (and not also skipped)."""
        skipped = {p.path for p in self.current if p.skipped}
        return len({p.path for p in self.current if not p.skipped} - skipped)

    def summary(self) -> str:
        """One line for the problems already shown once: "2 files skipped, 1 read with a
        warning"; empty when there are none."""
        parts = []
        if self.skipped_files:
            parts.append(_count(self.skipped_files, "file") + " skipped")
        if self.warned_files:
            parts.append(f"{_count(self.warned_files, 'file')} read with a warning")
        return ", ".join(parts)


class ProblemLog:
    """The file problems of one library, in a JSON file in its index folder."""

    def __init__(self, library_root: Path, path: Path | None = None) -> None:
        self.library_root = Path(library_root)
        self.path = path or locations.index_dir(self.library_root) / LOG_NAME

    def load(self) -> list[Problem]:
        """The problems recorded by the last run; none when the log is missing or unreadable
        (it is derived data: the next full index rebuilds it)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return [
                Problem(str(p["path"]), str(p["message"]), p.get("line"), bool(p["skipped"]))
                for p in data["problems"]
            ]
        except (OSError, ValueError, KeyError, TypeError):
            return []

    def record(self, report: SyncReport) -> ProblemsUpdate:
        """Merge one sync's report: files it read get what it found, files it did not read
        keep their earlier problems, files gone lose theirs. Returns the result."""
        return self.merge(report.problems, [*report.added, *report.updated, *report.removed])

    def merge(self, found: Sequence[Problem], read: Iterable[str]) -> ProblemsUpdate:
        """Like :meth:`record`, from the problems ``found`` by reading the files ``read``."""
        earlier = self.load()
        touched = set(read) | {p.path for p in found}
        kept = [
            p for p in earlier if p.path not in touched and (self.library_root / p.path).is_file()
        ]
        current = sorted([*kept, *found], key=lambda p: (p.path, p.line or 0))
        known = {_key(p) for p in earlier}
        new = [p for p in found if _key(p) not in known]
        if current != earlier:
            self._save(current)
        return ProblemsUpdate(current, new)

    def _save(self, problems: list[Problem]) -> None:
        data = {
            "problems": [
                {"path": p.path, "message": p.message, "line": p.line, "skipped": p.skipped}
                for p in problems
            ]
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1))
        except OSError:
            pass  # a cache the next run can rebuild: never fail a command over it


def _key(problem: Problem) -> tuple[str, str, int | None, bool]:
    return (problem.path, problem.message, problem.line, problem.skipped)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"

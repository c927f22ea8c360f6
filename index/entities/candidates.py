"""Candidate spans: what a finder proposes before resolution names and merges them."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from index.entities.gazetteer import Known


@dataclass(slots=True)
class Candidate:
    """A proposed span; ``type`` None means "a name, kind unknown" (kept only if resolved)."""

    start: int
    end: int
    type: str | None
    known: Known | None = None
    entity: str | None = None
    guess: bool = False
    """Typed by shape alone (a two-word capitalised name read as a person): context may retype it."""


class Taken:
    """Sorted, non-overlapping intervals already claimed by a stronger layer."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start)
        if i > 0 and self._ends[i - 1] > start:
            return False
        return not (i < len(self._starts) and self._starts[i] < end)

    def copy(self) -> Taken:
        """An independent copy, to try a layer without committing its claims."""
        twin = Taken()
        twin._starts, twin._ends = list(self._starts), list(self._ends)
        return twin

    def claim(self, start: int, end: int) -> bool:
        """Claim ``[start, end)`` if nothing overlaps it; True when claimed."""
        if end <= start or not self.free(start, end):
            return False
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return True

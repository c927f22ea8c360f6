"""Noticing a library folder change while it is open: article files added, changed and
removed, found by a periodic scan of the folder's names, mtimes and sizes.

A scan rather than OS file events: it sees every file system the same way (network
shares and container mounts deliver no inotify events), needs no package per platform,
and costs little (about 30-80 ms of one core for 10,000 files, so a 2 s interval that
grows with the library keeps it near 2% of a core, see :data:`CPU_SHARE`).

A file may be read while it is being written. So a changed file is reported only once
it has settled (its mtime at least :data:`SETTLE_SECONDS` old, or its stamp the same on
checks that long apart: a clock-skewed mtime in the future still settles), and what a check reports becomes the known state only when :meth:`accept`
says the index took it: a failed sync, or a file indexed half-written, is seen again
by a later check.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from index.library import ARTICLE_SUFFIXES

SETTLE_SECONDS = 1.0
"""A file written more recently than this may still be being written: it waits."""
CPU_SHARE = 0.02
"""The share of one core scans may take: the interval is the scan's cost divided by it."""
MIN_INTERVAL = 2.0
"""Seconds between checks of a small library (a new file shows within about this)."""
MAX_INTERVAL = 30.0
"""Seconds between checks at most, however large or slow the folder."""

Stamp = tuple[int, int]
"""A file's (mtime in ns, size in bytes): when either moves, the file changed."""


def scan_stamps(root: Path) -> dict[str, Stamp]:
    """Every article file under ``root`` by id with its stamp, by the rules of
    :func:`index.workspace.scan_library` (hidden files and folders skipped, Markdown
    suffixes, ids relative with ``/``), as plain tuples so two scans compare in C."""
    found: dict[str, Stamp] = {}
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = os.scandir(folder)
        except OSError:
            continue
        with entries:
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                try:
                    if entry.is_dir():
                        stack.append((entry.path, f"{prefix}{name}/"))
                        continue
                    if not name.lower().endswith(ARTICLE_SUFFIXES):
                        continue
                    stat = entry.stat()
                except OSError:
                    continue  # gone between listing and stat: the next scan knows
                found[prefix + name] = (stat.st_mtime_ns, stat.st_size)
    return found


@dataclass(frozen=True)
class LibraryChanges:
    """Article ids added, changed and removed (sorted), articles moved to another path
    (``moved``: old id -> new id, only from :meth:`between`), and files seen changing
    that have not settled yet (``waiting``: reported by a later check)."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    waiting: tuple[str, ...] = ()
    moved: Mapping[str, str] = field(default_factory=dict)
    stamps: Mapping[str, Stamp] = field(default_factory=dict, repr=False, compare=False)
    """The stamps of the added and changed files, for :meth:`LibraryWatch.accept`."""

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.moved)

    @classmethod
    def between(cls, before: Mapping[str, str], after: Mapping[str, str]) -> LibraryChanges:
        """What changed from one state of the index to another, each a map of article id
        to content hash (whoever synced the index: this app or ``brief index`` elsewhere).
        An article that left one path as the same text arrived at another was moved."""
        added = after.keys() - before.keys()
        removed = before.keys() - after.keys()
        arrived: dict[str, list[str]] = {}
        for article_id in added:
            arrived.setdefault(after[article_id], []).append(article_id)
        moved: dict[str, str] = {}
        for article_id in sorted(removed):
            same = arrived.get(before[article_id])
            if same and len(same) == 1:  # two copies of the text: which one is it?
                moved[article_id] = same.pop()
        return cls(
            added=tuple(sorted(added - set(moved.values()))),
            changed=tuple(sorted(k for k in after.keys() & before.keys() if after[k] != before[k])),
            removed=tuple(sorted(removed - moved.keys())),
            moved=moved,
        )

    def describe(self) -> str:
        """``2 new articles, 1 updated, 1 moved, 1 removed`` (empty when nothing changed)."""
        parts = []
        if self.added:
            n = len(self.added)
            parts.append(f"{n} new article{'s' if n != 1 else ''}")
        if self.changed:
            parts.append(f"{len(self.changed)} updated")
        if self.moved:
            parts.append(f"{len(self.moved)} moved")
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        return ", ".join(parts)


class LibraryWatch:
    """Tells what changed in a library folder since the state it last accepted.

    Not thread-safe: one thread at a time checks and accepts (the app's sync worker)."""

    def __init__(
        self,
        root: Path,
        *,
        settle: float = SETTLE_SECONDS,
        min_interval: float = MIN_INTERVAL,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.root = Path(root)
        self.settle = settle
        self.min_interval = min_interval
        self.scan_seconds = 0.0
        """The CPU time the last scan took (CPU, not wall: a machine busy with other work
        must not make the app slow to notice changes)."""
        self._clock = clock
        self._known: dict[str, Stamp] = {}
        self._seen: dict[str, tuple[Stamp, float]] = {}
        """Files that differ from the known state: the stamp the last check saw, and when
        a check first saw that stamp."""

    @property
    def interval(self) -> float:
        """Seconds to wait before the next check: the last scan's cost over
        :data:`CPU_SHARE`, between ``min_interval`` and :data:`MAX_INTERVAL`."""
        return min(MAX_INTERVAL, max(self.min_interval, self.scan_seconds / CPU_SHARE))

    def start(self) -> None:
        """Take the folder as it is now as the known state (call it before the sync that
        brings the index in step with it: what changes during that sync is seen later)."""
        self._known = self._scan()
        self._seen = {}

    def check(self) -> LibraryChanges:
        """What differs from the known state and has settled. Nothing is reported while
        the library folder is missing (an unmounted drive is not a library emptied)."""
        if not self.root.is_dir():
            return LibraryChanges()
        current = self._scan()
        known = self._known
        now = self._clock()
        now_ns = int(now * 1e9)
        settle_ns = int(self.settle * 1e9)
        seen: dict[str, tuple[Stamp, float]] = {}
        added: list[str] = []
        changed: list[str] = []
        waiting: list[str] = []
        stamps: dict[str, Stamp] = {}
        differ = current.items() - known.items()
        for article_id, stamp in differ:
            before = self._seen.get(article_id)
            since = before[1] if before is not None and before[0] == stamp else now
            seen[article_id] = (stamp, since)
            settled = now_ns - stamp[0] >= settle_ns or now - since >= self.settle
            if not settled:
                waiting.append(article_id)
                continue
            stamps[article_id] = stamp
            (changed if article_id in known else added).append(article_id)
        self._seen = seen
        return LibraryChanges(
            added=tuple(sorted(added)),
            changed=tuple(sorted(changed)),
            removed=tuple(sorted(known.keys() - current.keys())),
            waiting=tuple(sorted(waiting)),
            stamps=stamps,
        )

    def accept(self, changes: LibraryChanges) -> None:
        """The index took ``changes``: they are the known state from now on."""
        self._known.update(changes.stamps)
        for article_id in changes.removed:
            self._known.pop(article_id, None)

    def _scan(self) -> dict[str, Stamp]:
        began = time.thread_time()
        found = scan_stamps(self.root)
        self.scan_seconds = time.thread_time() - began
        return found

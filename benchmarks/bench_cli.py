"""Command-line speed on a big library: what ``brief entities``, ``brief stories``,
``brief list`` and ``brief search`` cost end to end, and the mention store's part in them.

    python benchmarks/bench_cli.py [--library DIR | --articles 10000] [--repeat 3]

Builds (or brings up to date) the library's index first, with the built-in finder unless
BRIEF_ENTITY_FINDER says otherwise, then prints for each command its wall-clock time
(min and median of ``--repeat`` runs, a fresh process each, output piped as into
``less``), and for the mention store: the library entity listing (``entities()``) in wall
and CPU time, the one-time working out of its tallies for a store written before them,
and storing mentions (``replace_many``, tallies included) in articles per CPU-second.
The load average is printed with each figure: the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPO = Path(__file__).resolve().parent.parent


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def timed(run: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each of ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        began, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def spread(values: list[float]) -> str:
    return f"min {min(values):.2f} s, median {statistics.median(values):.2f} s"


def command(library: Path, args: list[str], repeat: int) -> str:
    """A ``brief`` command's wall time in a fresh process, stdout piped and discarded."""
    argv = [sys.executable, "-m", "tui.cli", "--library", str(library), *args]
    walls = []
    for _ in range(repeat):
        began = time.perf_counter()
        done = subprocess.run(argv, cwd=REPO, capture_output=True)
        walls.append(time.perf_counter() - began)
        if done.returncode != 0:
            return f"failed: {done.stderr.decode(errors='replace')[-300:]}"
    lines = done.stdout.count(b"\n")
    return f"{spread(walls)} ({lines:,} lines; {load()})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, help="a generated library (else one is made)")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("BRIEF_ENTITY_FINDER", "builtin")
    with tempfile.TemporaryDirectory() as tmp:
        library = args.library
        if library is None:
            from benchmarks.generate import generate

            library = Path(tmp) / "library"
            generate(args.articles, library)
        run(library.resolve(), args.repeat, Path(tmp))
    return 0


def run(library: Path, repeat: int, tmp: Path) -> None:
    from index.entities.store import MentionStore
    from index.mentions import Mention
    from index.workspace import Workspace

    with Workspace.open(library) as workspace:
        began = time.perf_counter()
        report = workspace.sync()
        print(
            f"index in step: {len(report.added)} added, {report.unchanged} unchanged in "
            f"{time.perf_counter() - began:.1f} s ({load()})",
            flush=True,
        )
        store_path = workspace.index_folder / "mentions.sqlite"
    for args in (
        ["entities"],
        ["entities", "--json"],
        ["entities", "--type", "WEAPON"],
        ["stories"],
        ["list"],
        ["search", "artillery", "shells"],
    ):
        print(f"brief {' '.join(args):28} {command(library, args, repeat)}", flush=True)

    copy = tmp / "mentions.sqlite"
    with sqlite3.connect(store_path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with MentionStore(copy) as store:
        walls, cpus = timed(store.entities, repeat)
        count = len(store.entities())
        print(
            f"entities() listing of {count:,} entities: wall {spread(walls)}; "
            f"CPU {spread(cpus)} ({load()})",
            flush=True,
        )
    with sqlite3.connect(copy) as db:  # as a store written before the tallies left it
        db.execute("DROP TABLE IF EXISTS entity_outlets")
        db.execute("DROP TABLE IF EXISTS entity_texts")
        db.execute("DELETE FROM meta WHERE key = 'tallies'")
    with MentionStore(copy) as store:
        walls, cpus = timed(store.entities, 1)
        print(
            f"first listing of a store written before the tallies: wall {walls[0]:.2f} s, "
            f"CPU {cpus[0]:.2f} s, once ({load()})",
            flush=True,
        )
        articles: dict[str, tuple[str, list[Mention]]] = {}
        for row in store._db.execute(
            'SELECT article_id, outlet, start, "end", text, type, entity, in_caption '
            "FROM mentions ORDER BY article_id, start"
        ):
            articles.setdefault(row[0], (row[1], []))[1].append(
                Mention(row[2], row[3], row[4], row[5], row[6], bool(row[7]))
            )
    items = [(article_id, outlet, found) for article_id, (outlet, found) in articles.items()]
    fresh = tmp / "fresh.sqlite"
    with MentionStore(fresh) as store:
        began, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(items), 256):
            store.replace_many(items[start : start + 256])
        wall, cpu = time.perf_counter() - began, time.process_time() - cpu
        mentions = sum(len(found) for _i, _o, found in items)
        print(
            f"storing the mentions of {len(items):,} articles ({mentions:,} mentions, 256 per "
            f"transaction, tallies kept): {wall:.1f} s wall, {cpu:.1f} s CPU = "
            f"{len(items) / cpu:,.0f} articles per CPU-second ({load()})",
            flush=True,
        )


if __name__ == "__main__":
    sys.exit(main())

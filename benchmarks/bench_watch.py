"""What noticing library changes costs, and how soon the app shows them.

    python benchmarks/bench_watch.py --library DIR [--checks 20] [--no-app]

Set XDG_CACHE_HOME (and BRIEF_ENTITY_FINDER=builtin for a big library) as when the
library's index was built: the app part opens that index (building it first if there is
none, which takes minutes at 10,000 articles).

Prints:

* one check (scan of the folder's names, mtimes and sizes, compared with the last):
  wall and CPU ms, min / p50 / p95 / max over ``--checks`` runs, and the interval the watch
  chooses from that cost (a check may take :data:`index.watch.CPU_SHARE` of one core);
* in the real app (headless, 120x40, the library synced): from writing a new article to
  it being listed (this includes the settle wait of a just-written file and the wait for
  the next check), from saving an edit of the article being read to the reader showing
  it, and from deleting it to the list losing it; for each, the longest the app's event
  loop was held up meanwhile (what a user typing or scrolling then would feel).

The new article is removed again at the end. Asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

NEW_ID = "zz-bench-watch/new-report.md"
ARTICLE = """---
title: Cranes idle at Rason harbour
outlet: Bench Wire
published: 2023-11-04
---

Dockworkers at Rason said the zanzibarite cranes had not moved for a week.

{extra}
"""


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def spread(values: list[float]) -> str:
    return (
        f"min {min(values):.1f} · p50 {pct(values, 50):.1f} · p95 {pct(values, 95):.1f} · "
        f"max {max(values):.1f} ms"
    )


def load() -> str:
    return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def bench_checks(library: Path, checks: int) -> None:
    from index.watch import CPU_SHARE, LibraryWatch, scan_stamps

    files = len(scan_stamps(library))
    watch = LibraryWatch(library)
    watch.start()
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(checks):
        began, began_cpu = time.perf_counter(), time.thread_time()
        changes = watch.check()
        wall.append((time.perf_counter() - began) * 1000)
        cpu.append((time.thread_time() - began_cpu) * 1000)
        assert not changes, "the library changed during the benchmark"
    print(f"one check of {files} files ({load()}):")
    print(f"  wall {spread(wall)}")
    print(f"  cpu  {spread(cpu)}")
    print(
        f"  interval chosen after the last: {watch.interval:.1f} s "
        f"(checks take <= {CPU_SHARE:.0%} of a core, 2 s at least)"
    )


class Lag:
    """Measures how late a 5 ms ticker on the app's event loop runs: a stall's length."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        while True:
            began = time.perf_counter()
            await asyncio.sleep(0.005)
            self.worst = max(self.worst, time.perf_counter() - began - 0.005)

    def start(self) -> None:
        self.worst = 0.0
        self._task = asyncio.get_running_loop().create_task(self._tick())

    def stop(self) -> float:
        if self._task is not None:
            self._task.cancel()
        return self.worst * 1000


async def bench_app(library: Path) -> None:
    from tui.app import BriefApp
    from tui.widgets.reader import Reader
    from tui.widgets.results import ResultsList

    app = BriefApp(library)
    path = library / NEW_ID
    lag = Lag()

    async def until(what: str, condition) -> None:  # type: ignore[no-untyped-def]
        began = time.perf_counter()
        lag.start()
        while not condition():
            if time.perf_counter() - began > 120:
                lag.stop()
                print(f"  {what}: not seen within 120 s; status {app.index_status!r}")
                for note in app._notifications:
                    print(f"    notification: {note.message}")
                return
            await asyncio.sleep(0.01)
        worst = lag.stop()
        took = time.perf_counter() - began
        print(f"  {what}: {took:.2f} s; event loop held up at most {worst:.0f} ms ({load()})")

    def listed() -> set[str]:
        results = app.main_screen.query_one("#results", ResultsList)
        return {o.id for o in results.options if o.id}

    try:
        async with app.run_test(size=(120, 40)) as pilot:
            while not app.synced:
                await pilot.pause(0.1)
            await pilot.pause(1.0)
            print(f"app on {len(app.article_summaries)} articles, synced:")
            path.parent.mkdir(exist_ok=True)
            path.write_text(ARTICLE.format(extra=""), encoding="utf-8")
            await until("new file -> listed", lambda: NEW_ID in listed())
            await pilot.pause(1.0)  # a preview of the list's cursor would replace it
            await app.open_article(NEW_ID)
            await pilot.pause(0.5)
            reader = app.main_screen.query_one("#reader", Reader)
            assert reader.article is not None and reader.article.id == NEW_ID
            path.write_text(ARTICLE.format(extra="An added zanzibarite line."), encoding="utf-8")
            await until(
                "edit of the open article -> reader shows it",
                lambda: reader.article is not None and "added" in reader.article.body,
            )
            path.unlink()
            await until("deleted -> gone from the list", lambda: NEW_ID not in listed())
    finally:
        path.unlink(missing_ok=True)
        with_parent = path.parent
        if with_parent.is_dir() and not any(with_parent.iterdir()):
            with_parent.rmdir()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--checks", type=int, default=20)
    parser.add_argument("--no-app", action="store_true", help="time the checks only")
    args = parser.parse_args()
    library = args.library.resolve()
    bench_checks(library, args.checks)
    if not args.no_app:
        asyncio.run(bench_app(library))
    return 0


if __name__ == "__main__":
    sys.exit(main())

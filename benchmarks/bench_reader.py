"""Where the time of opening an article in the reader goes: loading it and its mentions from
the store, filling the reader, filling the entities panel, and the frame that shows them
(the messages the change posted, layout and paint), each timed apart over many articles.

    python benchmarks/bench_reader.py LIBRARY [--opens 40] [--size 120x40] [--profile]

LIBRARY must already be indexed (``brief index`` or ``benchmarks/bench_app.py``), with the
same XDG_* directories as then. Prints milliseconds (p50, p95, max per phase and in all:
wall clock, and the app thread's CPU time, which the machine's load disturbs less) with the
load average; ``--profile`` adds a pyinstrument tree of the opens.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PHASES = ("load", "reader", "panel", "frame", "total", "cpu")
CPU_PHASES = ("load", "reader", "panel", "frame")


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def measure(library: Path, opens: int, size: tuple[int, int], profile: bool) -> None:
    from tui.app import BriefApp
    from tui.presenting import bookmark_spans
    from tui.widgets.entities_panel import EntitiesPanel
    from tui.widgets.reader import Reader

    bookmarks = Path(tempfile.mkdtemp(prefix="bench-reader-")) / "b.sqlite"
    app = BriefApp(library, bookmarks_path=bookmarks)
    async with app.run_test(size=size) as pilot:
        for _ in range(6000):
            if app.synced:
                break
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        main = app.main_screen
        workspace = app.workspace
        assert workspace is not None
        main.highlight_query = "north korea artillery"
        ids = [s.id for s in app.article_summaries[: opens + 1]]
        reader = main.query_one("#reader", Reader)
        panel = main.query_one("#entities", EntitiesPanel)
        figures: dict[str, list[float]] = {phase: [] for phase in PHASES}
        cpu_figures: dict[str, list[float]] = {phase: [] for phase in CPU_PHASES}
        profiler = None
        if profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
        for n, article_id in enumerate(ids):
            if n == 1 and profiler is not None:
                profiler.start()
            began = time.perf_counter()
            cpu = [time.thread_time()]  # the app's thread only: workers are not the open
            article = workspace.article(article_id)
            mentions = list(workspace.mentions(article_id))
            hits = main._hit_spans(article)
            marks = bookmark_spans(app.bookmarks, article_id)
            loaded = time.perf_counter()
            cpu.append(time.thread_time())
            main.article = article
            await reader.show(article, mentions, hits=hits, bookmarks=marks, at=None)
            shown = time.perf_counter()
            cpu.append(time.thread_time())
            panel.show(mentions)
            main._apply_width(main.size.width)
            reader.focus()
            filled = time.perf_counter()
            cpu.append(time.thread_time())
            # the messages the change posted, then the frame (layout and paint) they ask for
            await pilot._wait_for_screen()
            app.screen._on_timer_update()
            painted = time.perf_counter()
            cpu.append(time.thread_time())
            if n == 0:
                continue  # the first open warms caches: not what a reader feels next
            figures["load"].append(loaded - began)
            figures["reader"].append(shown - loaded)
            figures["panel"].append(filled - shown)
            figures["frame"].append(painted - filled)
            figures["total"].append(painted - began)
            figures["cpu"].append(cpu[-1] - cpu[0])
            for phase, (a, b) in zip(CPU_PHASES, itertools.pairwise(cpu), strict=True):
                cpu_figures[phase].append(b - a)
            await pilot.pause(0.02)
        if profiler is not None:
            profiler.stop()
    load = os.getloadavg()[0]
    print(f"{len(figures['total'])} opens at {size[0]}x{size[1]}, load average {load:.2f}")
    print("  wall clock (cpu: the app thread's CPU time in all, and per phase below)")
    for phase in PHASES:
        values = [v * 1000 for v in figures[phase]]
        print(
            f"  {phase:9} p50 {statistics.median(values):6.1f} ms"
            f"  p95 {pct(values, 95):6.1f} ms  max {max(values):6.1f} ms"
        )
    for phase in CPU_PHASES:
        values = [v * 1000 for v in cpu_figures[phase]]
        print(
            f"  cpu {phase:5} p50 {statistics.median(values):6.1f} ms"
            f"  p95 {pct(values, 95):6.1f} ms  max {max(values):6.1f} ms"
        )
    if profiler is not None:
        print(profiler.output_text(unicode=False, color=False, show_all=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library", type=Path)
    parser.add_argument("--opens", type=int, default=40)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    width, height = (int(x) for x in args.size.split("x"))
    asyncio.run(measure(args.library.resolve(), args.opens, (width, height), args.profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())

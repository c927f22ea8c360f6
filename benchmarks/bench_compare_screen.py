"""Time the compare screen as a reader feels it: opening it (first frame with rows, and fully
usable), ``]`` to the next difference (while the screen is still settling and after), mouse
wheel and page-down scrolling, and ``end``, for the bundled pair and two generated pairs of
long versions (about 2,000 and 20,000 words each).

    python benchmarks/bench_compare_screen.py [--words 2000 20000] [--runs 3] [--size 120x40]

Prints figures (milliseconds; median and worst of the repeated keys, ranges over runs) with
the machine's load; asserts nothing. Each key's figure is from the key press until the screen
has refreshed in Textual's headless test harness; a key bound to nothing shows the share of
the harness and of one refresh of the screen. The comparison engine's time is printed apart: the screen waits for it before
its first frame.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

WHEEL_EVENTS = 20
PAGE_KEYS = 10
JUMP_KEYS = 15


def write_long_pair(library: Path, words: int, seed: int = 7) -> tuple[str, str]:
    """Two versions of one long report, about ``words`` words each: sentences shared, reworded,
    dropped and added as the generated library's versions are."""
    from bench_compare import version_paragraphs
    from generate import Generator

    from index.article import render_article

    gen = Generator(seed=seed, tail_words=5_000)
    pool = [gen.sentence() for _ in range(max(30, words // 14))]
    ids = []
    for side in ("left", "right"):
        blocks = version_paragraphs(gen, pool, words, kept=0.5, reworded=0.3)
        name = f"long-{words}-{side}.md"
        meta = {
            "title": f"A long report ({words} words, {side})",
            "outlet": f"Wire {side.title()}",
            "published": "2024-05-0" + ("1" if side == "left" else "2"),
            "story": f"long-{words}",
        }
        (library / name).write_text(render_article(meta, blocks), encoding="utf-8")
        ids.append(name)
    return ids[0], ids[1]


@dataclass
class Figures:
    """One opening of the screen and the keys pressed on it (seconds)."""

    rows: int = 0
    first_frame: float = 0.0
    usable: float = 0.0
    jump_while_settling: float = 0.0
    jumps: list[float] = field(default_factory=list)
    wheel: list[float] = field(default_factory=list)
    pages: list[float] = field(default_factory=list)
    end: float = 0.0
    resize: float = 0.0
    floor: list[float] = field(default_factory=list)


async def time_screen(workspace: Any, left: str, right: str, size: tuple[int, int]) -> Figures:
    from textual import events
    from textual.app import App
    from textual.pilot import _get_mouse_message_arguments

    from index.bookmarks import BookmarkStore
    from tui.screens.compare import CompareScreen
    from tui.widgets.compare_view import CompareView

    store = BookmarkStore(Path(tempfile.mkdtemp()) / "b.sqlite")
    figures = Figures()

    class Host(App[None]):
        pass

    app = Host()
    async with app.run_test(size=size) as pilot:

        async def timed_key(key: str) -> float:
            began = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            return time.perf_counter() - began

        # the first opening also parses the screen's CSS: open once, close, then time
        await app.push_screen(CompareScreen(workspace, left, right, store))
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()

        began = time.perf_counter()
        await app.push_screen(CompareScreen(workspace, left, right, store))
        view = app.screen.query_one(CompareView)
        while not view.lines or view.loading:
            await asyncio.sleep(0.002)
        await pilot.pause()
        figures.first_frame = time.perf_counter() - began
        figures.rows = len(view.lines)
        figures.jump_while_settling = await timed_key("right_square_bracket")
        while not view.laid_out:
            await pilot.pause(0.005)
        await pilot.pause()
        figures.usable = time.perf_counter() - began

        for _ in range(JUMP_KEYS):
            figures.jumps.append(await timed_key("right_square_bracket"))
        view.move_to(0)
        await pilot.pause()
        for _ in range(WHEEL_EVENTS):
            began = time.perf_counter()
            arguments = _get_mouse_message_arguments(view, (10, 5))
            app.mouse_position = (arguments["x"], arguments["y"])
            app.screen._forward_event(events.MouseScrollDown(**arguments))
            await pilot.pause()
            figures.wheel.append(time.perf_counter() - began)
        for _ in range(PAGE_KEYS):
            figures.pages.append(await timed_key("pagedown"))
        figures.end = await timed_key("end")
        for _ in range(JUMP_KEYS):
            figures.floor.append(await timed_key("x"))  # bound to nothing
        began = time.perf_counter()
        await pilot.resize_terminal(size[0] - 30, size[1])
        await pilot.pause()
        figures.resize = time.perf_counter() - began
    store.close()
    return figures


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def ms(values: list[float]) -> str:
    """A range of milliseconds: ``12`` or ``12-15``."""
    low, high = min(values) * 1000, max(values) * 1000
    return f"{low:.0f}" if round(low) == round(high) else f"{low:.0f}-{high:.0f}"


def report(label: str, runs: list[Figures]) -> None:
    def over_runs(pick: Any) -> str:
        return ms([pick(f) for f in runs])

    print(f"{label}: {runs[0].rows} rows  ({load()})")
    print(f"  open -> first frame with rows   {over_runs(lambda f: f.first_frame):>11} ms")
    print(f"  open -> fully usable            {over_runs(lambda f: f.usable):>11} ms")
    print(f"  ] while the screen settles      {over_runs(lambda f: f.jump_while_settling):>11} ms")
    for name, pick in (
        ("] next difference", lambda f: f.jumps),
        ("mouse wheel (one notch)", lambda f: f.wheel),
        ("page down", lambda f: f.pages),
    ):
        medians = over_runs(lambda f, pick=pick: statistics.median(pick(f)))
        worst = over_runs(lambda f, pick=pick: max(pick(f)))
        print(f"  {name:31} {medians:>11} ms median, {worst} ms worst")
    print(f"  end (last row)                  {over_runs(lambda f: f.end):>11} ms")
    print(f"  terminal 30 columns narrower    {over_runs(lambda f: f.resize):>11} ms")
    floor = over_runs(lambda f: statistics.median(f.floor))
    print(f"  (a key bound to nothing         {floor:>11} ms: the harness and a refresh)")


def engine_time(workspace: Any, left: str, right: str) -> str:
    from index.compare import compare

    a, b = workspace.article(left), workspace.article(right)
    times = []
    for _ in range(3):
        began = time.perf_counter()
        compare(a, b)
        times.append(time.perf_counter() - began)
    return ms(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="*", default=[2000, 20000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", default="120x40", help="terminal size, e.g. 80x24")
    parser.add_argument("--skip-bundled", action="store_true")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))

    os.environ.setdefault("BRIEF_ENTITY_FINDER", "builtin")
    home = Path(tempfile.mkdtemp(prefix="brief-bench-compare-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(home / var.lower())
    library = home / "library"
    shutil.copytree(REPO / "articles", library)
    pairs: dict[str, tuple[str, str]] = {}

    from index.library import Library
    from index.workspace import Workspace

    if not args.skip_bundled:
        by_outlet = {a.outlet: a.id for a in Library(library).load_all()[0]}
        pairs["bundled (The Irish News / ICARO)"] = (
            by_outlet["The Irish News"],
            by_outlet["ICARO Media Group"],
        )
    for words in args.words:
        pairs[f"two versions of ~{words:,} words"] = write_long_pair(library, words)

    workspace = Workspace.open(library)
    workspace.sync()
    print(f"terminal {width}x{height}, {args.runs} runs each")
    for label, (left, right) in pairs.items():
        engine = engine_time(workspace, left, right)
        runs = [
            asyncio.run(time_screen(workspace, left, right, (width, height)))
            for _ in range(args.runs)
        ]
        report(label, runs)
        print(f"  (comparison engine alone        {engine:>11} ms)")
    workspace.close()
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()

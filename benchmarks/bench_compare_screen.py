"""Time the compare screen: from opening it to the first frame with rows, and a jump to the
next difference, for the bundled pair and for two long generated versions.

    python benchmarks/bench_compare_screen.py [--sentences 120] [--runs 3]

Prints figures; asserts nothing (the machine's load decides them).
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
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def long_versions(library: Path, sentences: int) -> tuple[str, str]:
    """Two versions of a long report: most sentences shared, every fifth rewritten."""
    words = [
        "alpha",
        "bravo",
        "charlie",
        "delta",
        "echo",
        "foxtrot",
        "golf",
        "hotel",
        "india",
        "juliet",
        "kilo",
        "lima",
    ]

    def sentence(i: int) -> str:
        picked = " ".join(words[(i + k) % len(words)] for k in range(10))
        return f"Report {i} says {picked} near checkpoint {i * 7}."

    left = [sentence(i) for i in range(sentences)]
    right = [
        sentence(i) if i % 5 else f"Officials denied it, citing fog and fuel, on day {i}."
        for i in range(sentences)
    ]
    for name, body in (("long-left.md", left), ("long-right.md", right)):
        paragraphs = "\n\n".join(" ".join(body[i : i + 4]) for i in range(0, len(body), 4))
        (library / name).write_text(
            f"---\ntitle: {name}\noutlet: Wire {name}\n---\n\n{paragraphs}\n", encoding="utf-8"
        )
    return "long-left.md", "long-right.md"


async def time_screen(workspace: object, left: str, right: str) -> tuple[float, float, int]:
    from textual.app import App

    from index.bookmarks import BookmarkStore
    from tui.screens.compare import CompareScreen
    from tui.widgets.compare_view import CompareRow, CompareView

    store = BookmarkStore(Path(tempfile.mkdtemp()) / "b.sqlite")

    class Host(App[None]):
        pass

    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        # the first opening also parses the screen's CSS: open once, close, then time
        await app.push_screen(CompareScreen(workspace, left, right, store))
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        started = time.perf_counter()
        await app.push_screen(CompareScreen(workspace, left, right, store))
        view = app.screen.query_one(CompareView)
        while not list(view.query(CompareRow)):
            await pilot.pause(0.005)
        await pilot.pause()
        first_frame = time.perf_counter() - started
        while not view.fully_mounted:
            await pilot.pause(0.01)
        started = time.perf_counter()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        jump = time.perf_counter() - started
        rows = len(view.lines)
    store.close()
    return first_frame, jump, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=120)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="brief-bench-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(home / var.lower())
    library = home / "library"
    shutil.copytree(REPO / "articles", library)
    long_left, long_right = long_versions(library, args.sentences)

    from index.library import Library
    from index.workspace import Workspace

    workspace = Workspace.open(library)
    workspace.sync()
    by_outlet = {a.outlet: a.id for a in Library(library).load_all()[0]}
    pairs = {
        "bundled (The Irish News / ICARO)": (
            by_outlet["The Irish News"],
            by_outlet["ICARO Media Group"],
        ),
        f"long ({args.sentences} sentences each)": (long_left, long_right),
    }
    for label, (left, right) in pairs.items():
        figures = [asyncio.run(time_screen(workspace, left, right)) for _ in range(args.runs)]
        first = statistics.median(f[0] for f in figures)
        jump = statistics.median(f[1] for f in figures)
        print(
            f"{label:38} rows {figures[0][2]:4d}   open->first frame {first * 1000:7.0f} ms"
            f"   next difference {jump * 1000:5.0f} ms"
        )
    workspace.close()
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()

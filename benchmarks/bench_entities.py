"""Entity tagging speed: characters per second per finder, and articles per second when
tagging a generated library (``benchmarks/generate.py``) with entities on.

    python benchmarks/bench_entities.py [--articles 10000] [--finder builtin|spacy|both]
        [--index [--sizes 1000,10000] [--spacy-size 1000] [--serial]] [--workdir DIR]

Without ``--index`` it times the tagger alone over the generated articles (the part of the
index build that entities add). With ``--index`` it times full first builds
(``Workspace.sync()`` into an empty cache: scan, parse, tag, Whoosh, catalog, mentions,
stories) of generated libraries of each size with the built-in finder, and of
``--spacy-size`` articles with spaCy: articles per second of wall-clock time and per
CPU-second (this process and its indexing workers), with the load average, since the
machine may be shared. ``--serial`` also times the one-process build for comparison.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.entities import EntityTagger, available_finders
from index.library import Library

REPO = Path(__file__).resolve().parent.parent


def chars_per_second(tagger: EntityTagger, text: str, rounds: int) -> tuple[float, float]:
    """(wall-clock, CPU-time) characters per second of ``tag_text``."""
    tagger.tag_text(text[:2000])  # warm-up: loads the model once
    began, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        tagger.tag_text(text)
    chars = len(text) * rounds
    return chars / (time.perf_counter() - began), chars / (time.process_time() - cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--finder", choices=("builtin", "spacy", "both"), default="both")
    parser.add_argument("--index", action="store_true", help="time full Workspace builds")
    parser.add_argument("--sizes", default="1000,10000", help="library sizes for --index")
    parser.add_argument("--spacy-size", type=int, default=1000, help="0: no spaCy build")
    parser.add_argument("--serial", action="store_true", help="also time one-process builds")
    parser.add_argument("--workdir", type=Path, help="keep generated libraries here")
    parser.add_argument("--library", type=Path, help="reuse a generated library folder")
    args = parser.parse_args(argv)
    if args.index:
        with tempfile.TemporaryDirectory() as tmp:
            index_builds(args, args.workdir or Path(tmp))
        return 0
    finders = ["builtin", "spacy"] if args.finder == "both" else [args.finder]
    finders = [f for f in finders if f in available_finders()]

    bundled = Library(REPO / "articles")
    sample = "\n\n".join(bundled.load(e.id).body for e in bundled.entries())
    for finder in finders:
        tagger = EntityTagger(None, finder)
        wall, cpu = chars_per_second(tagger, sample, rounds=20 if finder == "builtin" else 3)
        print(
            f"{tagger.finder_name:28} {wall:10,.0f} chars/s on the bundled reports "
            f"({cpu:,.0f} chars/s of CPU time)"
        )

    with tempfile.TemporaryDirectory() as tmp:
        library = args.library
        if library is None:
            from benchmarks.generate import generate

            library = Path(tmp) / "library"
            began = time.perf_counter()
            generate(args.articles, library)
            print(f"generated {args.articles} articles in {time.perf_counter() - began:.1f}s")
        articles, _ = Library(library).load_all()
        chars = sum(len(a.body) for a in articles)
        for finder in finders:
            tagger = EntityTagger(library, finder)
            tagger.tag_text("warm up")
            began = time.perf_counter()
            cpu = time.process_time()
            mentions = 0
            for start in range(0, len(articles), 256):
                mentions += sum(len(m) for m in tagger.tag_many(articles[start : start + 256]))
            seconds = time.perf_counter() - began
            cpu = time.process_time() - cpu
            print(
                f"{tagger.finder_name:28} tagged {len(articles)} articles ({chars:,} chars, "
                f"{mentions:,} mentions) in {seconds:.1f}s: {len(articles) / seconds:,.0f} "
                f"articles/s, {chars / seconds:,.0f} chars/s (CPU time {cpu:.1f}s: "
                f"{len(articles) / cpu:,.0f} articles/s on an unshared core)"
            )
    return 0


def build(library: Path, finder: str, cache: Path, workers: int | None) -> str:
    """Time one first build of ``library`` into an empty cache; a line of figures."""
    import os
    import shutil

    from index.workspace import SyncProgress, Workspace

    shutil.rmtree(cache, ignore_errors=True)
    os.environ["XDG_CACHE_HOME"] = str(cache)
    phases: dict[str, float] = {}
    mark = [time.perf_counter(), "scan"]

    def progress(step: SyncProgress) -> None:
        now = time.perf_counter()
        if step.phase != mark[1]:
            phases[str(mark[1])] = phases.get(str(mark[1]), 0.0) + now - float(mark[0])
            mark[:] = [now, step.phase]

    load = os.getloadavg()[0]
    times = os.times()
    began = time.perf_counter()
    with Workspace.open(library, finder=finder, workers=workers) as workspace:
        report = workspace.sync(progress)
        segments = len(workspace.index._segments())
    wall = time.perf_counter() - began
    after = os.times()
    own = (after.user - times.user) + (after.system - times.system)
    children = (after.children_user - times.children_user) + (
        after.children_system - times.children_system
    )
    count = len(report.added)
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    phases["peak RSS MB, this process"] = peak
    phases["worker"] = worker_peak
    split = ", ".join(
        f"{k} {v:.1f}s" if k in ("scan", "index", "commit", "stories") else f"{k} {v:.0f}"
        for k, v in phases.items()
        if v >= 0.05
    )
    mode = "one process" if workers == 0 else f"{segments} segment(s)"
    return (
        f"{finder:8} {count:6} articles, {mode:13}: {wall:6.1f}s wall = {count / wall:5.0f}/s; "
        f"CPU {own + children:6.1f}s (workers {children:.1f}s) = "
        f"{count / (own + children):4.0f}/CPU-s; load {load:.1f}->{os.getloadavg()[0]:.1f} "
        f"[{split}]"
    )


def index_builds(args: argparse.Namespace, workdir: Path) -> None:
    """First-build figures for each size (built-in finder) and for spaCy at one size."""
    from benchmarks.generate import generate

    runs = [("builtin", int(n)) for n in args.sizes.split(",") if n.strip()]
    if args.spacy_size and "spacy" in available_finders():
        runs.append(("spacy", args.spacy_size))
    for finder, size in runs:
        library = workdir / f"library-{size}"
        if not library.exists():
            generate(size, library)
        for workers in (None, 0) if args.serial else (None,):
            print(build(library, finder, workdir / "cache", workers), flush=True)


if __name__ == "__main__":
    sys.exit(main())

"""Filtered-search benchmark: query latency with the search bar's filters chosen (outlet,
entity, date range), where every facet is counted without its own filter, next to the same
queries unfiltered.

``python benchmarks/bench_filters.py --library DIR --cache DIR [--queries 40]`` on a library
from ``benchmarks/generate.py`` whose index was built in ``DIR`` (``brief index`` with
``XDG_CACHE_HOME=DIR``); an index missing there is built first.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def percentiles(samples: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True, help="XDG cache home of the index")
    parser.add_argument("--queries", type=int, default=40, help="queries per kind")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each kind")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    os.environ["XDG_CACHE_HOME"] = str(args.cache)
    os.environ.setdefault("BRIEF_ENTITY_FINDER", "builtin")
    rng = random.Random(args.seed)

    from index.workspace import Workspace

    ws = Workspace.open(args.library.resolve(), finder=os.environ["BRIEF_ENTITY_FINDER"])
    report = ws.sync()
    articles = report.unchanged + len(report.added) + len(report.updated)
    print(f"library: {args.library} ({articles} articles)")
    began = time.perf_counter()
    ws.prepare_search()
    print(f"prepare: {(time.perf_counter() - began) * 1000:.0f} ms")

    freqs = ws.vocabulary()
    floor = max(1, articles // 300)
    mid = [
        w
        for w, df in freqs.items()
        if w.isalpha() and len(w) >= 4 and floor <= df <= max(floor, articles // 3)
    ]
    words = [rng.choice(mid) for _ in range(args.queries)]
    broad = ws.search("the", limit=0)
    outlets = list(broad.facets["outlet"])[:10]
    entities = list(broad.facets["entity"])[:10]

    def pick(names: list[str]) -> Callable[[], tuple[str, ...]]:
        return lambda: (rng.choice(names),)

    kinds: list[tuple[str, list[str], dict[str, Callable[[], object]]]] = [
        ("word", words, {}),
        ("word + outlet", words, {"outlets": pick(outlets)}),
        ("word + entity", words, {"entities": pick(entities)}),
        (
            "word + outlet + entity + dates",
            words,
            {
                "outlets": pick(outlets),
                "entities": pick(entities),
                "since": lambda: "2022-06-01",
                "until": lambda: "2023-06-30",
            },
        ),
        ("empty query + outlet", [""] * args.queries, {"outlets": pick(outlets)}),
        ("empty query + entity", [""] * args.queries, {"entities": pick(entities)}),
        ("phrase + outlet", [f'"{w} {w}"' for w in words], {"outlets": pick(outlets)}),
    ]
    print(
        f"\ntop 25 with snippets and facets, {args.rounds} rounds (load {os.getloadavg()[0]:.1f}):"
    )
    for name, queries, filters in kinds:
        ws.search(queries[0], limit=25, **{k: f() for k, f in filters.items()})  # warm up
        samples = []
        for _ in range(args.rounds):
            for q in queries:
                chosen = {k: f() for k, f in filters.items()}
                t0 = time.perf_counter()
                ws.search(q, limit=25, suggest=False, **chosen)
                samples.append(time.perf_counter() - t0)
        p50, p95 = percentiles(samples)
        print(f"  {name:<32} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms", flush=True)
    print(f"(load average after: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

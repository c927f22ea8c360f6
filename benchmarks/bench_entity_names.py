"""What merging entity spellings across the library costs, on a (generated) library.

``python benchmarks/bench_entity_names.py --library DIR [--cache DIR] [--finder builtin]``
builds (or reuses) the index, then prints: how many spellings merge; the facet codes'
build time (paid once per index change, in the background); searches filtered by an
entity and ``entity:"..."`` queries (per keystroke in the app); opening an article's
mentions with library-wide names; the ``brief entities`` listing; and the mention store's
write cost with the names table kept up to date, against the same writes without it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(func: Callable[[object], object], items: Sequence[object]) -> list[float]:
    samples = []
    for item in items:
        began = time.perf_counter()
        func(item)
        samples.append(time.perf_counter() - began)
    return samples


def line(name: str, samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return (
        f"  {name:<34} median {statistics.median(ms):7.2f} ms  p95 {p95:7.2f} ms  "
        f"max {ms[-1]:7.2f} ms  (n={len(ms)}; load {os.getloadavg()[0]:.1f})"
    )


def respell(name: str) -> str:
    """Another spelling of ``name`` an outlet might use."""
    if "-" in name:
        return name.replace("-", " ")
    if " " in name:
        first, _, rest = name.partition(" ")
        return f"{first} {rest.upper()}"
    return name.upper()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--cache", type=Path, help="cache folder to keep the index in")
    parser.add_argument("--finder", default="builtin")
    parser.add_argument("--samples", type=int, default=40)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument(
        "--no-sync", action="store_true", help="use the index as it is (no re-tagging)"
    )
    args = parser.parse_args(argv)
    cache = args.cache or Path(tempfile.mkdtemp(prefix="brief-bench-"))
    os.environ["XDG_CACHE_HOME"] = str(cache)
    rng = random.Random(args.seed)

    from index.entities.names import name_key
    from index.entities.store import MentionStore
    from index.search import FacetCodes
    from index.workspace import Workspace

    library = args.library.resolve()
    ws = Workspace.open(library, finder=args.finder)
    if args.no_sync:
        print(f"library: {library}; index used as it is")
    else:
        began = time.perf_counter()
        report = ws.sync()
        print(
            f"library: {library}; sync {time.perf_counter() - began:.1f} s "
            f"({len(report.added) + len(report.updated)} indexed, {report.unchanged} unchanged)"
        )
    _searcher, data = ws._searcher()

    # -- how much merges -------------------------------------------------------------------
    spellings = {name for names in data.entities for name in names}
    keys: dict[str, set[str]] = {}
    for name in spellings:
        keys.setdefault(name_key(name), set()).add(name)
    merged = {k: v for k, v in keys.items() if len(v) > 1}
    print(
        f"spellings in the index: {len(spellings)}; entities after merging: {len(keys)}; "
        f"entities with more than one spelling: {len(merged)}"
    )
    for key in sorted(merged, key=lambda k: -len(merged[k]))[:5]:
        print(f"  e.g. {sorted(merged[key])}")

    # -- facet codes (once per index change) -----------------------------------------------
    samples = []
    for _ in range(3):
        name_key.cache_clear()
        began = time.perf_counter()
        FacetCodes.build(data.outlets, data.entities, data.live)
        samples.append(time.perf_counter() - began)
    print("facet codes, built once per index change (in the background):")
    print(line("build, name keys not cached", samples))
    # The generated library spells every name one way; respell a third of the documents'
    # names (case, hyphens) to see what merging many variants costs.
    respelled = [
        tuple(respell(n) for n in names) if i % 3 == 0 else names
        for i, names in enumerate(data.entities)
    ]
    samples = []
    for _ in range(3):
        name_key.cache_clear()
        began = time.perf_counter()
        variant_codes = FacetCodes.build(data.outlets, respelled, data.live)
        samples.append(time.perf_counter() - began)
    print(line(f"build, {len(variant_codes.variants)} entities respelled", samples))

    # -- per keystroke ------------------------------------------------------------------------
    codes = data.facet_codes()
    common = [codes.entity_names[i] for i in range(min(len(codes.entity_names), 2000))]
    chosen = rng.sample(common, min(args.samples, len(common)))
    variants = [rng.choice(codes.variants[c]) for c in list(codes.variants)[: args.samples]]
    words = [w for w, df in ws.vocabulary().items() if w.isalpha() and 30 <= df <= 3000]
    paired = list(zip(chosen, rng.sample(words, len(chosen)), strict=True))
    print("searches (as the app runs them on every keystroke):")
    ws.search("", entities=[chosen[0]])
    print(line("filter by entity, no words", timed(lambda n: ws.search("", entities=[n]), chosen)))
    print(
        line(
            "filter by entity + a word",
            timed(lambda p: ws.search(p[1], entities=[p[0]]), paired),  # type: ignore[index]
        )
    )
    print(line('entity:"..." query', timed(lambda n: ws.search(f'entity:"{n}"'), chosen)))
    if variants:
        print(
            line(
                'entity:"..." query, a variant',
                timed(lambda n: ws.search(f'entity:"{n}"'), variants),
            )
        )
    print(
        line(
            "no filter, one word (facets)",
            timed(ws.search, [w for _n, w in paired]),
        )
    )

    # -- opening an article, listing -----------------------------------------------------------
    store = ws._mention_store()
    ids = rng.sample(data.ids, min(args.samples, len(data.ids)))
    print("reading the mention store:")
    print(line("mentions(article), merged names", timed(store.mentions, ids)))
    print(
        line("mentions(article), as tagged", timed(lambda i: store.mentions(i, merged=False), ids))
    )
    print(line("entities() (brief entities)", timed(lambda _x: store.entities(), range(3))))

    # -- writing ---------------------------------------------------------------------------------
    sample = [(i, data.outlets[data.ids.index(i)], store.mentions(i, merged=False)) for i in ids]
    with tempfile.TemporaryDirectory() as folder:
        with MentionStore(Path(folder) / "with.sqlite") as fresh:
            with_names = timed(lambda row: fresh.replace(*row), sample)  # type: ignore[misc]
        with MentionStore(Path(folder) / "without.sqlite") as fresh:
            fresh._count_names = lambda old, new: None  # type: ignore[method-assign]
            without = timed(lambda row: fresh.replace(*row), sample)  # type: ignore[misc]
    print("writing one article's mentions (the index build does this per article):")
    print(line("with the names table", with_names))
    print(line("without it", without))
    ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

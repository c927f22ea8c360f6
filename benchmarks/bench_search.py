"""Search benchmark: index build, open, query latencies, did-you-mean, re-index; with SQLite
FTS5 over the same library as the reference to approach.

``python benchmarks/bench_search.py --library DIR [--queries 40] [--finder builtin]``
(generate a library first with ``benchmarks/generate.py``). The index goes to a temporary
cache folder unless ``--cache`` names one (reusing it skips the build).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

AS_TYPED = ("artillery shells", "north korea", "missiles russia", "containers", "ammunition")
"""Queries typed key by key (as in ``bench_app.py``), with a few generated words."""
TARGETS = {
    "one word": 50,
    "two words": 50,
    "phrase": 100,
    "3-letter prefix": 100,
    "fuzzy": 100,
    "facets + date filter": 100,
    "did-you-mean": 100,
}


def percentiles(samples: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return p50 * 1000, p95 * 1000


def timed(func: Callable[[str], object], queries: Sequence[str]) -> list[float]:
    out = []
    for q in queries:
        began = time.perf_counter()
        func(q)
        out.append(time.perf_counter() - began)
    return out


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def line(name: str, samples: Sequence[float], target: float | None = None) -> str:
    p50, p95 = percentiles(samples)
    mark = ""
    if target is not None:
        mark = f"  target p95 <= {target:.0f} ms: {'met' if p95 <= target else 'MISSED'}"
    return f"  {name:<22} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms{mark}"


def misspell(word: str, rng: random.Random) -> str:
    """One edit: delete, insert, substitute or transpose a letter (not the first)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    i = rng.randrange(1, len(word))
    kind = rng.choice(["delete", "insert", "substitute", "transpose"])
    if kind == "delete":
        return word[:i] + word[i + 1 :]
    if kind == "insert":
        return word[:i] + rng.choice(letters) + word[i:]
    if kind == "substitute":
        return word[:i] + rng.choice([c for c in letters if c != word[i]]) + word[i + 1 :]
    if i == len(word) - 1:
        i -= 1
    if i < 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=40, help="queries per kind")
    parser.add_argument("--finder", default="builtin", help="entity finder used while indexing")
    parser.add_argument("--cache", type=Path, help="cache folder to keep the index in")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    cache = args.cache or Path(tempfile.mkdtemp(prefix="brief-bench-"))
    os.environ["XDG_CACHE_HOME"] = str(cache)
    rng = random.Random(args.seed)

    from index import locations
    from index.library import Library
    from index.workspace import Workspace

    library = args.library.resolve()
    files = list(Library(library).entries())
    print(f"library: {library} ({len(files)} articles); cache: {cache}")

    # -- build ---------------------------------------------------------------------------
    ws = Workspace.open(library, finder=args.finder)
    began, times = time.perf_counter(), os.times()
    report = ws.sync()
    build, after = time.perf_counter() - began, os.times()
    workers = after.children_user + after.children_system - times.children_user
    workers -= times.children_system
    cpu = after.user + after.system - times.user - times.system + workers
    indexed = len(report.added) + len(report.updated)
    if indexed:
        print(
            f"build: {indexed} articles in {build:.1f} s = {indexed / build:.0f} articles/s "
            f"(finder {args.finder}; target >= 100/s); {cpu:.1f} s of CPU (indexing "
            f"workers {workers:.1f} s) = {indexed / cpu:.0f} articles per CPU-second (the "
            f"machine is shared: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} "
            f"cores); {len(ws.index._segments())} segment(s)"
        )
    else:
        print(f"build: reused the existing index ({report.unchanged} articles)")
    ws.close()
    print(f"index size: {folder_size(locations.index_dir(library)) / 1e6:.1f} MB")

    # -- open ----------------------------------------------------------------------------
    began = time.perf_counter()
    ws = Workspace.open(library, finder=args.finder)
    opened = time.perf_counter() - began
    ws.search("report")
    first = time.perf_counter() - began
    print(f"open: {opened * 1000:.1f} ms; open to first result: {first * 1000:.1f} ms")

    # -- query sets ----------------------------------------------------------------------
    freqs = ws.vocabulary()
    pool = [w for w, df in freqs.items() if w.isalpha() and len(w) >= 4 and df >= 30]
    mid = [w for w in pool if freqs[w] <= len(files) // 3]
    n = args.queries
    one = rng.sample(mid, n)
    two = [f"{a} {b}" for a, b in zip(rng.sample(mid, n), rng.sample(mid, n), strict=True)]
    sample_ids = rng.sample([f.id for f in files], n)
    phrases = []
    for article_id in sample_ids:
        body_words = re.findall(r"[^\W\d_]{4,}", ws.article(article_id).body)
        start = rng.randrange(0, max(1, len(body_words) - 2))
        phrases.append(f'"{body_words[start]} {body_words[start + 1]}"')
    prefixes = [w[:3] + "*" for w in rng.sample(pool, n)]
    fuzzy = [misspell(w, rng) + "~" for w in rng.sample(mid, n)]
    faceted = rng.sample(mid, n)
    misspelled_words = [w for w in rng.sample(pool, n * 3) if len(w) >= 5][: n * 2]
    misspelled = [(w, misspell(w, rng)) for w in misspelled_words]

    def brief_search(q: str) -> object:
        return ws.search(q, limit=20)

    def brief_faceted(q: str) -> object:
        return ws.search(q, since="2022-06-01", until="2023-06-30", limit=20)

    print("\nBrief (Whoosh), top 20 with snippets:")
    for name, queries, func in (
        ("one word", one, brief_search),
        ("two words", two, brief_search),
        ("phrase", phrases, brief_search),
        ("3-letter prefix", prefixes, brief_search),
        ("fuzzy", fuzzy, brief_search),
        ("facets + date filter", faceted, brief_faceted),
    ):
        brief_search(queries[0])  # warm the caches this kind of query uses
        print(line(name, timed(func, queries), TARGETS[name]), flush=True)

    # As the app searches while typing: every keystroke of real queries, 25 hits with
    # snippets, a word being typed that finds nothing tried again as a prefix.
    from tui.screens.main import RESULT_LIMIT, as_you_type

    def keystroke(q: str) -> object:
        typing = as_you_type(q)
        results = ws.search(q, limit=RESULT_LIMIT, suggest=typing is None)
        if not results.total and typing:
            results = ws.search(typing, limit=RESULT_LIMIT)
            if not results.total:
                results = ws.search(q, limit=RESULT_LIMIT)
        return results

    typed = [
        phrase[:n]
        for phrase in (*AS_TYPED, *rng.sample(mid, 5))
        for n in range(1, len(phrase) + 1)
        if phrase[:n].strip()
    ]
    samples = timed(keystroke, typed)
    print(line(f"as typed ({len(typed)} keystrokes)", samples, 100), flush=True)
    worst = sorted(zip(samples, typed, strict=True), reverse=True)[:5]
    print("  slowest: " + ", ".join(f"{q!r} {sec * 1000:.0f} ms" for sec, q in worst))

    right = 0
    samples = []
    for word, typo in misspelled:
        began = time.perf_counter()
        suggestion = ws.suggest(typo)
        samples.append(time.perf_counter() - began)
        right += suggestion == word
    print(line("did-you-mean", samples, TARGETS["did-you-mean"]))
    print(
        f"  did-you-mean right on {right}/{len(misspelled)} single-edit misspellings "
        f"= {100 * right / len(misspelled):.0f}% (target >= 80%)"
    )

    # -- re-index after one change -------------------------------------------------------
    victim = files[len(files) // 2].path
    original = victim.read_text(encoding="utf-8")
    try:
        victim.write_text(original + "\nOne more sentence about artillery.\n", encoding="utf-8")
        began = time.perf_counter()
        report = ws.sync()
        reindex = time.perf_counter() - began
        print(
            f"\nre-index after one change: {reindex * 1000:.0f} ms "
            f"({len(report.updated)} updated; target <= 1000 ms)"
        )
    finally:
        victim.write_text(original, encoding="utf-8")
        ws.sync()
    ws.close()

    # -- SQLite FTS5 reference -----------------------------------------------------------
    fts_dir = Path(tempfile.mkdtemp(prefix="brief-fts-"))
    db = sqlite3.connect(fts_dir / "fts.sqlite")
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, outlet UNINDEXED, "
        "published UNINDEXED, tokenize='porter unicode61 remove_diacritics 2')"
    )
    lib = Library(library)
    began = time.perf_counter()
    with db:
        for entry in files:
            article = lib.load(entry.id)
            db.execute(
                "INSERT INTO docs VALUES (?, ?, ?, ?, ?)",
                (
                    article.id,
                    article.title,
                    article.body,
                    article.outlet,
                    article.published_iso or "",
                ),
            )
    fts_build = time.perf_counter() - began
    print(
        f"\nSQLite FTS5 reference: build {len(files)} articles in {fts_build:.1f} s = "
        f"{len(files) / fts_build:.0f} articles/s, size "
        f"{folder_size(fts_dir) / 1e6:.1f} MB"
    )

    def fts_query(q: str) -> str:
        if q.startswith('"'):
            return q
        if q.endswith("~"):
            return q[:-1]  # FTS5 has no fuzzy matching: the typo as a word
        return " AND ".join(q.split())

    def fts(q: str, where: str = "", params: tuple = ()) -> object:
        match = fts_query(q)
        rows = db.execute(
            "SELECT id, title, outlet, snippet(docs, 2, '[', ']', '…', 30) FROM docs "
            f"WHERE docs MATCH ? {where} ORDER BY bm25(docs, 0, 2.0, 1.0) LIMIT 20",
            (match, *params),
        ).fetchall()
        db.execute(
            f"SELECT outlet, count(*) FROM docs WHERE docs MATCH ? {where} GROUP BY outlet",
            (match, *params),
        ).fetchall()
        return rows

    def fts_faceted(q: str) -> object:
        return fts(q, "AND published BETWEEN ? AND ?", ("2022-06-01", "2023-06-30T23:59"))

    for name, queries, func in (
        ("one word", one, fts),
        ("two words", two, fts),
        ("phrase", phrases, fts),
        ("3-letter prefix", prefixes, fts),
        ("fuzzy (as a word)", fuzzy, fts),
        ("facets + date filter", faceted, fts_faceted),
    ):
        print(line(name, timed(func, queries)))
    db.close()
    shutil.rmtree(fts_dir, ignore_errors=True)
    if args.cache is None:
        shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

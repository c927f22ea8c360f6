"""Speed of comparison, fact matrices and story grouping; prints figures against targets.

``python benchmarks/bench_compare.py [--articles 10000] [--library DIR] [--skip-grouping]``

Targets (issue 4): two 2,000-word versions compared in <= 150 ms; the fact matrix of a
20-version story in <= 2 s; grouping the 10,000-article generated library in <= 60 s from
scratch and <= 1 s for one new article. Grouping ignores the generated ``story:`` keys (it
would otherwise just read them) and reports how well it recovered them.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import Generator, generate

from index.article import Article, build_article
from index.compare import compare
from index.facts import facts
from index.library import Library
from index.stories import StoryIndex


def timed(fn: Callable[[], object], repeat: int = 5) -> tuple[float, object]:
    """Median wall time in seconds over ``repeat`` runs, and the last result."""
    times = []
    result: object = None
    for _ in range(repeat):
        began = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def version_paragraphs(
    gen: Generator, sentences: list[str], words: int, *, kept: float = 0.45, reworded: float = 0.3
) -> list[tuple[str, str]]:
    """Paragraphs of a version that keeps a share of ``sentences``, rewords another share and
    adds new ones until it is about ``words`` words long."""
    chosen: list[str] = []
    for sentence in sentences:
        roll = gen.rng.random()
        if roll < kept:
            chosen.append(sentence)
        elif roll < kept + reworded:
            chosen.append(gen.reword(sentence))
    count = sum(len(s.split()) for s in chosen)
    while count < words:
        extra = gen.sentence()
        chosen.insert(gen.rng.randrange(len(chosen) + 1), extra)
        count += len(extra.split())
    return [("text", " ".join(chosen[i : i + 3])) for i in range(0, len(chosen), 3)]


def version_of(gen: Generator, sentences: list[str], words: int, name: str) -> Article:
    """A version sharing, rewording and adding sentences, about ``words`` words long."""
    blocks = version_paragraphs(gen, sentences, words)
    return build_article(f"{name}.md", {"title": name, "outlet": name}, blocks)


def bench_pair() -> None:
    gen = Generator(seed=4)
    sentences = [gen.sentence() for _ in range(150)]
    left = version_of(gen, sentences, 2000, "left")
    right = version_of(gen, sentences, 2000, "right")
    seconds, result = timed(lambda: compare(left, right), repeat=7)
    assert hasattr(result, "summary")
    summary = result.summary  # type: ignore[attr-defined]
    print(
        f"compare two versions ({len(left.body.split())} / {len(right.body.split())} words): "
        f"{seconds * 1000:.0f} ms (target <= 150 ms) · {summary.links} links, "
        f"counts {summary.counts}"
    )


def bench_facts() -> None:
    for words in (800, 2000):
        gen = Generator(seed=5)
        sentences = [gen.sentence() for _ in range(60 if words < 1000 else 150)]
        versions = [version_of(gen, sentences, words, f"outlet{n:02d}") for n in range(20)]
        seconds, matrix = timed(lambda versions=versions: facts(versions), repeat=3)
        found = matrix.facts  # type: ignore[attr-defined]
        shared = sum(1 for f in found if f.outlets > 1)
        print(
            f"fact matrix of 20 versions of ~{words} words "
            f"({sum(len(v.body.split()) for v in versions)} words): "
            f"{seconds:.2f} s (target <= 2 s) · {len(found)} facts, {shared} shared"
        )


def bench_grouping(count: int, library: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = library or Path(tmp) / "library"
        if not root.exists() or not any(root.iterdir()):
            began = time.perf_counter()
            generate(count, root, seed=1)
            print(f"generated {count} articles in {time.perf_counter() - began:.1f} s")
        began = time.perf_counter()
        loaded, _ = Library(root).load_all()
        print(f"loaded {len(loaded)} articles in {time.perf_counter() - began:.1f} s")
        truth = {a.id: a.story for a in loaded}
        articles = [dataclasses.replace(a, story=None) for a in loaded]
        newest = max(articles, key=lambda a: (a.published is not None, a.published, a.id))
        rest = [a for a in articles if a.id != newest.id]
        index = StoryIndex(Path(tmp) / "stories.sqlite")
        began = time.perf_counter()
        stories = index.rebuild(rest)
        scratch = time.perf_counter() - began
        print(
            f"grouping {len(rest)} articles from scratch: {scratch:.1f} s (target <= 60 s) · "
            f"{stories} stories for {len(set(truth.values()))} generated"
        )
        _report_quality(index, truth)
        began = time.perf_counter()
        index.update([newest])
        one = time.perf_counter() - began
        joined = index.story_of(newest.id)
        mates = {truth[m.id] for m in joined.articles} if joined else set()
        print(
            f"adding one article incrementally: {one * 1000:.0f} ms (target <= 1 s) · "
            f"joined a story of {len(joined.articles) if joined else 0} "
            f"({'right' if mates == {truth[newest.id]} else 'check'} story)"
        )


def _report_quality(index: StoryIndex, truth: dict[str, str | None]) -> None:
    """Pairwise precision/recall of the grouping against the generated story keys."""
    found = {m.id: s.id for s in index.stories() for m in s.articles}
    same_found = Counter((found[i], truth[i]) for i in found)
    per_found = Counter(found.values())
    per_truth = Counter(truth[i] for i in found)

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    both = sum(pairs(n) for n in same_found.values())
    predicted = sum(pairs(n) for n in per_found.values())
    actual = sum(pairs(n) for n in per_truth.values())
    precision = both / predicted if predicted else 1.0
    recall = both / actual if actual else 1.0
    print(f"  grouping quality: pair precision {precision:.3f}, pair recall {recall:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--library", type=Path, help="reuse (or create) a generated library here")
    parser.add_argument("--skip-grouping", action="store_true")
    args = parser.parse_args(argv)
    bench_pair()
    bench_facts()
    if not args.skip_grouping:
        bench_grouping(args.articles, args.library)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Entity tagging speed: characters per second per finder, and articles per second when
tagging a generated library (``benchmarks/generate.py``) with entities on.

    python benchmarks/bench_entities.py [--articles 10000] [--finder builtin|spacy|both]
        [--index]

Without ``--index`` it times the tagger alone over the generated articles (the part of the
index build that entities add); with ``--index`` it times a full ``Workspace.sync()`` build.
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
    parser.add_argument("--index", action="store_true", help="time a full Workspace build too")
    parser.add_argument("--library", type=Path, help="reuse a generated library folder")
    args = parser.parse_args(argv)
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
        if args.index:
            import os

            from index.workspace import Workspace

            os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
            if args.finder != "both":
                os.environ["BRIEF_ENTITY_FINDER"] = args.finder
            began = time.perf_counter()
            with Workspace.open(library) as workspace:
                workspace.sync()
            seconds = time.perf_counter() - began
            print(
                f"index build with entities ({EntityTagger(library).finder_name}): "
                f"{len(articles)} articles in {seconds:.1f}s = {len(articles) / seconds:,.0f}/s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Bookmark store and briefing figures on a generated library.

``python benchmarks/bench_bookmarks.py [--articles 300] [--bookmarks 1000]`` prints: time to
add bookmarks (one transaction each), to list them, to re-anchor them when nothing changed,
after a tenth of the bookmarked articles were edited, and after a file was renamed; the
cost of one re-anchoring by strategy (diff, exact, fuzzy); Markdown/JSON export and JSON
import times; and, with a second library's bookmarks in the same store, listing and
re-anchoring one library, and opening a store whose bookmarks have no library recorded yet
(a store from before libraries were recorded: they are claimed on open). Everything runs in
a temporary folder.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate
from index.anchors import make_anchor, reanchor
from index.article import article_blocks, article_meta, render_article
from index.bookmarks import BookmarkStore
from index.briefing import export_json, export_markdown, import_json
from index.library import Library


def timed(label: str, action: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = action()
    print(f"{label:<48} {time.perf_counter() - start:8.3f} s")
    return result


def per_call(label: str, action: Callable[[], object], runs: int) -> None:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    print(f"{label:<48} p50 {statistics.median(samples):7.2f} ms   p95 {p95:7.2f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--bookmarks", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "library"
        generate(args.articles, root, seed=args.seed)
        library = Library(root)
        articles, _ = library.load_all()
        store = BookmarkStore(Path(tmp) / "bookmarks.sqlite", library=root)
        print(f"{len(articles)} articles, {args.bookmarks} bookmarks\n")

        chosen = []
        for _ in range(args.bookmarks):
            article = rng.choice(articles)
            sentences = [m.span() for m in re.finditer(r"[^.!?]+[.!?]", article.body)]
            chosen.append((article, *rng.choice(sentences)))

        def add_all(target: BookmarkStore = store) -> None:
            for article, start, end in chosen:
                try:
                    target.add(article, start, end, note="note", tags=["t"])
                except Exception:  # the same sentence drawn twice
                    continue

        timed("add (one transaction each)", add_all)
        bookmarks = store.list()
        per_call("list all", store.list, 20)
        timed("re-anchor, nothing changed (first: parses)", lambda: store.reanchor(library))
        timed("re-anchor, nothing changed (stat only)", lambda: store.reanchor(library))

        bookmarked = sorted({b.article for b in bookmarks})
        edited = bookmarked[: max(1, len(bookmarked) // 10)]
        for article_id in edited:
            article = library.load(article_id)
            blocks = [
                (kind, f"Update {n}: {text}" if n % 3 == 0 else text)
                for n, (kind, text) in enumerate(article_blocks(article))
            ]
            library.path_of(article_id).write_text(
                render_article(article_meta(article), blocks), encoding="utf-8"
            )
        report = timed(
            f"re-anchor after editing {len(edited)} articles", lambda: store.reanchor(library)
        )
        print(
            f"{'':<48} reanchored {len(report.reanchored)}, changed {len(report.changed)}, "
            f"orphaned {len(report.orphaned)}"
        )
        victim = bookmarked[-1]
        library.path_of(victim).rename(root / "renamed.md")
        report = timed("re-anchor after renaming one file", lambda: store.reanchor(library))
        print(f"{'':<48} followed {len(report.moved)} bookmarks")

        sample = rng.choice(articles)
        start = len(sample.body) // 2
        anchor = make_anchor(sample.body, start, start + 120)
        edited_body = "Intro. " + sample.body[: start - 40] + "More. " + sample.body[start - 40 :]
        per_call(
            "one re-anchor through the diff", lambda: reanchor(anchor, edited_body, sample.body), 50
        )
        per_call("one re-anchor by exact quote", lambda: reanchor(anchor, edited_body), 50)
        words = anchor.quote.split(" ")
        words[len(words) // 2] = "REWORDED"
        reworded = edited_body.replace(anchor.quote, " ".join(words))
        per_call("one re-anchor by fuzzy match", lambda: reanchor(anchor, reworded), 50)

        bookmarks = store.list()
        text = timed("export Markdown briefing", lambda: export_markdown(bookmarks, library))
        texts = store.texts(b.content_hash for b in bookmarks)
        exported = timed("export JSON", lambda: export_json(bookmarks, texts))
        print(
            f"{'':<48} Markdown {len(str(text)) / 1e6:.2f} MB, JSON {len(str(exported)) / 1e6:.2f} MB"
        )
        other = BookmarkStore(Path(tmp) / "other.sqlite")
        timed("import JSON into an empty store", lambda: import_json(other, str(exported)))
        timed(
            "import the same JSON again (all duplicates)", lambda: import_json(other, str(exported))
        )
        other.close()

        print()
        second_root = Path(tmp) / "second"
        shutil.copytree(root, second_root)
        second = BookmarkStore(store.path, library=second_root)
        timed("add as many to a second library, same store", lambda: add_all(second))
        mine = len(store.list())
        per_call(f"list this library ({mine} of {mine + len(second.list())})", store.list, 20)
        timed("re-anchor this library, nothing changed", lambda: store.reanchor(library))
        second.close()
        store.close()

        legacy_path = Path(tmp) / "legacy.sqlite"
        with BookmarkStore(legacy_path) as legacy:  # records no library, as before schema 3
            add_all(legacy)
        timed(
            "open for a library, claiming the unassigned",
            lambda: BookmarkStore(legacy_path, library=root).close(),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Regenerate the README screenshots from the real app on the bundled library.

Runs Brief headless at 120x40 on a temporary copy of ``articles/`` (with temporary config,
data and cache folders, so your own bookmarks and theme are untouched) and writes one SVG
per screen here, plus a PNG of each when ``rsvg-convert`` is installed::

    python screenshots/make_screenshots.py [--size 120x40] [--theme textual-dark]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def isolate(base: Path) -> Path:
    """Point every Brief folder into ``base`` and copy the bundled library there."""
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        (base / var).mkdir(parents=True, exist_ok=True)
        os.environ[var] = str(base / var)
    os.environ.pop("NO_COLOR", None)
    os.environ.pop("BRIEF_LIBRARY", None)
    library = base / "library"
    shutil.copytree(REPO / "articles", library)
    return library


async def shoot(library: Path, size: tuple[int, int], theme: str, out: Path) -> list[Path]:
    sys.path.insert(0, str(REPO))
    from textual.widgets import Input

    from index.library import Library
    from tui.app import BriefApp
    from tui.widgets.reader import Reader

    articles, _ = Library(library).load_all()
    by_outlet = {a.outlet: a for a in articles}
    written: list[Path] = []
    app = BriefApp(library, bookmarks_path=library.parent / "bookmarks.sqlite")
    async with app.run_test(size=size) as pilot:

        async def settle(rounds: int = 4) -> None:
            for _ in range(rounds):
                await pilot.pause(0.2)
                await app.workers.wait_for_complete()

        async def save(name: str) -> None:
            for widget in app.screen.query(Input):
                widget.cursor_blink = False
            app.clear_notifications()
            await settle(2)
            path = out / f"{name}.svg"
            path.write_text(app.export_screenshot(title=f"Brief · {name}"), encoding="utf-8")
            written.append(path)

        app.theme = theme
        for _ in range(300):
            if app.synced:
                break
            await pilot.pause(0.05)
        await settle()
        await save("browse")

        app.main_screen.query_one("#query", Input).focus()
        await pilot.press(*"artillery shells")
        await settle()
        await save("search")

        irish = by_outlet["The Irish News"]
        await app.open_article(irish.id)
        await settle()
        await pilot.press("n")
        await pilot.press("e")
        await settle()
        entity_list = app.main_screen.query_one("#entity-list")
        entity_list.highlight("North Korea")
        entity_list.focus()
        await pilot.press("enter")
        await settle()
        await save("reader-entities")

        store = app.bookmarks
        gdc = by_outlet["GDC"]
        for article, needle, note, tags in (
            (
                gdc,
                "full capacity",
                "Matches the NIS briefing; check against Yonhap.",
                ["production", "nis"],
            ),
            (irish, "artillery shells", "Million-shell claim, sourced to lawmakers.", ["shells"]),
        ):
            at = article.body.find(needle)
            if at >= 0 and store is not None:
                from index.passages import passages

                passage = next(p for p in passages(article) if p.start <= at < p.end)
                store.add(article, passage.start, passage.end, note=note, tags=tags)
        await app.open_article(irish.id)
        await settle()
        app.main_screen.query_one("#reader", Reader).focus()
        await pilot.press("c")
        await settle(6)
        await pilot.press("enter")
        await settle(6)
        await pilot.press("right_square_bracket")
        await save("compare")

        await pilot.press("escape")
        await settle()
        await pilot.press("B")
        await settle()
        await save("bookmarks")
    return written


def to_png(svgs: list[Path]) -> list[Path]:
    converter = shutil.which("rsvg-convert")
    if converter is None:
        print("rsvg-convert not found: SVG only (apt-get install librsvg2-bin for PNGs)")
        return []
    pngs = []
    for svg in svgs:
        png = svg.with_suffix(".png")
        subprocess.run([converter, str(svg), "-o", str(png)], check=True)
        pngs.append(png)
    return pngs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="120x40", help="terminal size, WIDTHxHEIGHT")
    parser.add_argument("--theme", default="textual-dark")
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory(prefix="brief-shots-") as tmp:
        library = isolate(Path(tmp))
        svgs = asyncio.run(shoot(library, (width, height), args.theme, args.out))
    for path in [*svgs, *to_png(svgs)]:
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

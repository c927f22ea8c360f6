"""`brief entities`: who and what the library (or one article) names, and how often."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from index.mentions import ENTITY_TYPES

TERMINAL_ROWS = 100
"""Entities listed on a terminal unless ``--limit`` says otherwise: a big library names
tens of thousands, more than anyone reads there (and a table of them takes a minute to
lay out); a pipe or a file gets them all."""
OUTLETS_SHOWN = 5
"""Outlets named per entity on a terminal (the most mentioning first) when more name it."""

if TYPE_CHECKING:
    from index.entities import EntitySummary, EntityTagger
    from index.mentions import Mention


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``brief entities``."""
    parser = sub.add_parser(
        "entities",
        help="list entity mentions of one article, or the library's entities per outlet",
        description=(
            "Without ARTICLE: every entity the library names, with mention counts per outlet "
            "(captions not counted). With ARTICLE (an id such as 'the-hill/x.md' or a file "
            "path): its mentions and entities."
        ),
    )
    parser.add_argument("article", nargs="?", metavar="ARTICLE", help="article id or file")
    parser.add_argument(
        "--type",
        "-t",
        type=str.upper,
        choices=ENTITY_TYPES,
        metavar="TYPE",
        help=f"only this type: {', '.join(ENTITY_TYPES)}",
    )
    parser.add_argument(
        "--limit",
        type=int,
        metavar="N",
        help=(
            "list only the library's N most mentioned entities (0: all; default: all, "
            f"or the {TERMINAL_ROWS} most mentioned on a terminal)"
        ),
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--about", action="store_true", help="say which finder and entity lists are in use"
    )
    parser.add_argument(
        "--finder",
        choices=("auto", "builtin", "spacy"),
        default=None,
        help="tag afresh with this finder instead of reading the index",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from index.entities import EntityTagger
    from index.locations import resolve_library

    library = resolve_library(args.library)
    if args.limit is not None and args.limit < 0:
        from tui.output import fail

        fail("--limit must be 0 (all) or more")
    if args.about:
        return _about(EntityTagger(library, args.finder or "auto"), args.json)
    if args.article:
        return _one_article(args, library)
    return _library(args, library)


def _about(tagger: EntityTagger, as_json: bool) -> int:
    from index.entities import available_finders
    from index.locations import config_dir
    from tui.output import console, print_json

    info = {
        "finder": tagger.finder_name,
        "available": available_finders(),
        "known_entities": len(tagger.gazetteer),
        "entity_files": [str(p) for p in tagger.gazetteer.files],
        "fingerprint": tagger.fingerprint,
        "user_files": [
            str(config_dir() / "entities.toml"),
            str((tagger.library_root or Path(".")) / "entities.toml"),
        ],
    }
    if as_json:
        print_json(info)
        return 0
    out = console()
    out.print(f"finder: {info['finder']}")
    if "spacy" not in info["available"]:
        out.print("  (spaCy is not installed: pip install 'brief[ner]' for the statistical model)")
    out.print(f"known names and aliases: {info['known_entities']}")
    out.print("entity lists, later ones win:")
    for path in info["entity_files"]:
        out.print(f"  {path}")
    out.print(f"add your own ([[entity]] name, type, aliases) in: {', '.join(info['user_files'])}")
    out.print(f"fingerprint: {info['fingerprint']}")
    return 0


def _one_article(args: argparse.Namespace, library: Path) -> int:
    from index.entities import EntityTagger
    from index.errors import NotFoundError
    from index.library import Library, load_file

    given = Path(args.article).expanduser()
    lib = Library(library)
    article_id = args.article
    if given.is_file() and not _inside(given, library):
        result = load_file(given, given.name)
        if result.article is None:
            raise NotFoundError(
                result.problems[0].message if result.problems else f"cannot read {given}"
            )
        article = result.article
        tagger = EntityTagger(library, args.finder or "auto")
        mentions = tagger.tag(article)
        finder = tagger.finder_name
    else:
        if given.is_file():
            article_id = given.resolve().relative_to(library.resolve()).as_posix()
        article = lib.load(article_id)
        if args.finder:
            tagger = EntityTagger(library, args.finder)
            mentions, finder = tagger.tag(article), tagger.finder_name
        else:
            mentions, finder = _stored_mentions(library, article.id, quiet=args.json)
    if args.type:
        mentions = [m for m in mentions if m.type == args.type]
    summaries = summarize(mentions, article.outlet)
    if args.json:
        from tui.output import print_json

        print_json(
            {
                "article": article.id,
                "finder": finder,
                "mentions": [m.to_json() for m in mentions],
                "entities": [s.to_json() for s in summaries],
            }
        )
        return 0
    _print_article(article.title, article.outlet, finder, mentions, summaries)
    return 0


def _library(args: argparse.Namespace, library: Path) -> int:
    from index.entities import EntityTagger
    from index.workspace import Workspace
    from tui.syncing import sync_for_command

    if args.finder:
        from index.library import Library

        tagger = EntityTagger(library, args.finder)
        articles, _problems = Library(library).load_all()
        tagged = tagger.tag_many(articles)
        summaries = merge_summaries(
            summarize([m for m in mentions if not args.type or m.type == args.type], a.outlet)
            for a, mentions in zip(articles, tagged, strict=True)
        )
        finder = tagger.finder_name
    else:
        with Workspace.open(library) as workspace:
            sync_for_command(workspace, quiet=args.json)
            summaries = workspace.entities(args.type)
        finder = EntityTagger(library).finder_name
    if args.json:
        from tui.output import print_json

        print_json(
            {
                "article": None,
                "finder": finder,
                "mentions": [],
                "entities": [s.to_json() for s in summaries[: args.limit or None]],
            }
        )
        return 0
    _print_library(finder, summaries, args.limit)
    return 0


def _stored_mentions(
    library: Path, article_id: str, *, quiet: bool = False
) -> tuple[list[Mention], str]:
    """Mentions from the index (synced first), so nothing is re-tagged needlessly."""
    from index.entities import EntityTagger
    from index.workspace import Workspace
    from tui.syncing import sync_for_command

    with Workspace.open(library) as workspace:
        sync_for_command(workspace, quiet=quiet)
        mentions = workspace.mentions(article_id)
    return mentions, EntityTagger(library).finder_name


def summarize(mentions: Iterable[Mention], outlet: str) -> list[EntitySummary]:
    """One article's entities: aliases seen, body mention count (captions excluded)."""
    from index.entities import EntitySummary

    groups: dict[tuple[str, str], list[Mention]] = {}
    for mention in mentions:
        groups.setdefault((mention.entity, mention.type), []).append(mention)
    summaries = []
    for (name, etype), group in groups.items():
        count = sum(1 for m in group if not m.in_caption)
        aliases = sorted({m.text for m in group if m.text != name}, key=str.casefold)
        summaries.append(
            EntitySummary(name, etype, aliases, count, {outlet: count} if count else {})
        )
    summaries.sort(key=lambda s: (-s.count, s.type, s.name.casefold()))
    return summaries


def merge_summaries(groups: Iterable[list[EntitySummary]]) -> list[EntitySummary]:
    """Add per-article summaries up into library-wide ones, merging the spellings of one
    entity (same type and name key) under the one the most articles use, as the index does."""
    from index.entities import EntitySummary
    from index.entities.names import choose_name, name_key

    merged: dict[tuple[str, str], _Merging] = {}
    for group in groups:
        for s in group:
            tally = merged.setdefault((s.type, name_key(s.name)), _Merging())
            tally.articles[s.name] = tally.articles.get(s.name, 0) + (1 if s.count else 0)
            tally.aliases.update(s.aliases)
            tally.aliases.add(s.name)
            tally.count += s.count
            for outlet, n in s.outlets.items():
                tally.outlets[outlet] = tally.outlets.get(outlet, 0) + n
    summaries = []
    for (etype, _key), tally in merged.items():
        name = choose_name(tally.articles)
        summaries.append(
            EntitySummary(
                name,
                etype,
                sorted(tally.aliases - {name}, key=str.casefold),
                tally.count,
                dict(sorted(tally.outlets.items())),
            )
        )
    return sorted(summaries, key=lambda s: (-s.count, s.type, s.name.casefold()))


@dataclass
class _Merging:
    """One entity's spellings (with the number of articles using each) being added up."""

    articles: dict[str, int] = field(default_factory=dict)
    aliases: set[str] = field(default_factory=set)
    count: int = 0
    outlets: dict[str, int] = field(default_factory=dict)


def _print_article(
    title: str,
    outlet: str,
    finder: str,
    mentions: list[Mention],
    summaries: list[EntitySummary],
) -> None:
    from rich.text import Text

    from tui.output import Column, console, print_table

    out = console()
    out.print(Text(f"{title} — {outlet}", style="bold"))
    out.print(Text(f"finder: {finder}", style="dim"))
    if not mentions:
        out.print("no entity mentions")
        return
    in_captions: dict[tuple[str, str], int] = {}
    for m in mentions:
        if m.in_caption:
            in_captions[(m.entity, m.type)] = in_captions.get((m.entity, m.type), 0) + 1
    print_table(
        out,
        [
            Column("type"),
            Column("entity"),
            Column("in body", right=True),
            Column("in captions", right=True),
            Column("also written"),
        ],
        (
            (
                s.type,
                s.name,
                str(s.count),
                str(in_captions.get((s.name, s.type), 0)),
                ", ".join(s.aliases),
            )
            for s in summaries
        ),
    )
    out.print()
    for m in mentions:
        where = " (caption)" if m.in_caption else ""
        line = Text(f"{m.start:>6}-{m.end:<6} {m.type:<8} ")
        line.append(m.text, style="bold")
        if m.entity != m.text:
            line.append(f" → {m.entity}")
        line.append(where, style="dim")
        out.print(line)


def _print_library(finder: str, summaries: list[EntitySummary], limit: int | None) -> None:
    from rich.text import Text

    from tui.output import Column, console, is_tty, print_table

    out = console()
    if limit is None:
        limit = TERMINAL_ROWS if is_tty(out) else 0
    shown = summaries[:limit] if limit else summaries
    out.print(Text(f"finder: {finder}", style="dim"))
    if not summaries:
        out.print("no entities")
        return
    out.print(Text("mentions in article bodies; captions not counted", style="dim"))
    print_table(
        out,
        [
            Column("type"),
            Column("entity"),
            Column("mentions", right=True),
            Column("outlets"),
            Column("also written"),
        ],
        (
            (
                s.type,
                s.name,
                str(s.count),
                _outlets_cell(s.outlets, whole=not is_tty(out)),
                ", ".join(s.aliases),
            )
            for s in shown
        ),
    )
    if len(shown) < len(summaries):
        out.print(
            Text(
                f"the {len(shown)} most mentioned of {len(summaries):,} entities: --limit N for "
                "more (0: all), or pipe the output for every one (tab-separated)",
                style="dim",
            )
        )


def _outlets_cell(outlets: dict[str, int], *, whole: bool) -> str:
    """Mentions per outlet; on a terminal an entity many outlets name shows the ones that
    name it most and how many more (a cell of fifty outlets fills a screen)."""
    if whole or len(outlets) <= OUTLETS_SHOWN:
        return ", ".join(f"{o} {n}" for o, n in outlets.items())
    most = sorted(outlets.items(), key=lambda item: (-item[1], item[0]))[:OUTLETS_SHOWN]
    shown = ", ".join(f"{o} {n}" for o, n in most)
    return f"{shown} and {len(outlets) - OUTLETS_SHOWN} more outlets"


def _inside(path: Path, library: Path) -> bool:
    return path.resolve().is_relative_to(library.resolve())

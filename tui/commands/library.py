"""`brief index`, `brief list` and `brief search`: keep the index in step, list, search."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

    from index.library import Problem
    from index.problems import ProblemsUpdate
    from index.workspace import SyncReport, Workspace


def register(sub: argparse._SubParsersAction) -> None:
    """Add `index`, `list` and `search` to the `brief` parser."""
    index = sub.add_parser(
        "index",
        help="bring the search index in step with the library",
        description="Add new articles to the index, re-index changed ones, drop deleted ones.",
    )
    index.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")
    index.add_argument("--json", action="store_true", help="print what changed as JSON")
    index.set_defaults(handler=run_index)

    listing = sub.add_parser("list", help="list the articles in the library")
    listing.add_argument("--outlet", action="append", default=[], metavar="O", help="only O")
    listing.add_argument("--story", metavar="S", help="only articles of story S")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=run_list)

    search = sub.add_parser(
        "search",
        help="full-text search",
        description=(
            'Words are AND-ed; "exact phrases", OR, NOT or -word, prefix*, fuzzy~, '
            "title:, outlet:, author:, story:, entity:, published:[2023-11-01 TO 2023-11-03]."
        ),
    )
    search.add_argument("query", nargs="+", help="the query")
    search.add_argument("--outlet", action="append", default=[], metavar="O", help="only O")
    search.add_argument("--entity", action="append", default=[], metavar="E", help="mentions E")
    search.add_argument(
        "--since",
        metavar="DATE",
        help="published on or after DATE: YYYY-MM-DD, or YYYY-MM or YYYY from its first day",
    )
    search.add_argument(
        "--until",
        metavar="DATE",
        help="published on or before DATE: YYYY-MM-DD, or YYYY-MM or YYYY to its last day",
    )
    search.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(handler=run_search)


def open_synced(args: argparse.Namespace, *, rebuild: bool = False) -> tuple[Workspace, SyncReport]:
    """Open the library's workspace and sync it, with progress on stderr when it is a terminal."""
    from index.locations import resolve_library
    from index.workspace import Workspace

    library = resolve_library(args.library)
    if not library.is_dir():
        from index.errors import BriefError

        raise BriefError(f"the library folder {library} does not exist")
    from tui.syncing import sync_for_command

    workspace = Workspace.open(library)
    report = sync_for_command(workspace, rebuild=rebuild, quiet=getattr(args, "json", False))
    return workspace, report


def _file_problems(report: SyncReport) -> ProblemsUpdate:
    """Every file problem the library has now (not only those of the files this sync read)."""
    from index.problems import ProblemsUpdate

    if report.file_problems is not None:
        return report.file_problems
    return ProblemsUpdate(list(report.problems), list(report.problems))  # not recorded


def _print_problems(problems: Iterable[Problem]) -> None:
    from tui.output import console

    err = console(stderr=True)
    for problem in problems:
        err.print(f"warning: {problem}", style="yellow", soft_wrap=True)


def _report_problems(report: SyncReport) -> None:
    """For a query: problems new since the last run in full, the rest as one line, so
    the same warnings are not reprinted by every search."""
    from tui.output import console

    problems = _file_problems(report)
    _print_problems(problems.new)
    if len(problems.new) < len(problems.current):
        summary = problems.summary()
        console(stderr=True).print(
            f"brief: {summary} (brief index for details)", style="yellow", soft_wrap=True
        )


def run_index(args: argparse.Namespace) -> int:
    from tui.output import console, print_json

    workspace, report = open_synced(args, rebuild=args.rebuild)
    try:
        problems = _file_problems(report).current
        if args.json:
            print_json(
                {
                    "library": str(workspace.library.root),
                    "added": report.added,
                    "updated": report.updated,
                    "removed": report.removed,
                    "unchanged": report.unchanged,
                    "rebuilt": report.rebuilt,
                    "seconds": round(report.seconds, 3),
                    "problems": [
                        {"path": p.path, "line": p.line, "message": p.message, "skipped": p.skipped}
                        for p in problems
                    ],
                    "messages": report.messages,
                }
            )
            return 0
        _print_problems(problems)
        out = console()
        verb = "rebuilt" if report.rebuilt else "updated"
        out.print(
            f"index {verb} for {workspace.library.root}: {len(report.added)} added, "
            f"{len(report.updated)} updated, {len(report.removed)} removed, "
            f"{report.unchanged} unchanged ({report.seconds:.1f} s)",
            soft_wrap=True,
        )
        skipped = len({p.path for p in problems if p.skipped})
        if skipped:
            out.print(f"{skipped} file(s) skipped: see the warnings above", style="yellow")
        return 0
    finally:
        workspace.close()


def run_list(args: argparse.Namespace) -> int:
    from tui.output import console, print_json

    workspace, report = open_synced(args)
    try:
        if not args.json:
            _report_problems(report)
        outlets = {o.casefold() for o in args.outlet}
        # The story of each article as `brief stories` prints it; front matter names a
        # story only when the writer set one.
        story_of = {m.id: s.id for s in workspace.stories() for m in s.articles}
        wanted = None
        if args.story is not None:
            chosen = workspace.story(args.story)
            wanted = {m.id for m in chosen.articles} if chosen else set()
        rows = [
            a
            for a in workspace.articles()
            if (not outlets or a.outlet.casefold() in outlets)
            and (
                wanted is None
                or a.id in wanted
                or (a.story or "").casefold() == args.story.casefold()
            )
        ]
        if args.json:
            print_json(
                {"articles": [{**a.to_json(), "story": story_of.get(a.id, a.story)} for a in rows]}
            )
            return 0
        out = console()
        if not out.is_terminal:
            for a in rows:
                date = a.published.date().isoformat() if a.published else "----------"
                story = story_of.get(a.id, a.story)
                extra = "".join(f" · {v}" for v in (a.author, story) if v)
                out.print(f"{date} · {a.outlet} · {a.title}{extra} · {a.id}", soft_wrap=True)
            out.print(f"{len(rows)} article(s)", soft_wrap=True)
            return 0
        from rich.table import Table

        table = Table(box=None, pad_edge=False, show_edge=False)
        for column in ("published", "outlet", "title", "author", "story", "id"):
            table.add_column(column, overflow="fold")
        for a in rows:
            table.add_row(
                a.published.date().isoformat() if a.published else "",
                a.outlet,
                a.title,
                a.author or "",
                story_of.get(a.id, a.story) or "",
                a.id,
            )
        out.print(table)
        out.print(f"{len(rows)} article(s)", style="dim")
        return 0
    finally:
        workspace.close()


def run_search(args: argparse.Namespace) -> int:
    from tui.output import console, fail, print_json

    text = " ".join(args.query)
    since = _date_arg(args.since, "--since")
    until = _date_arg(args.until, "--until", end=True)
    if since is not None and until is not None and since > until:
        fail(f"--since {args.since} is after --until {args.until}: nothing could match")
    if args.limit < 1:
        fail("--limit must be at least 1")
    workspace, report = open_synced(args)
    try:
        results = workspace.search(
            text,
            outlets=args.outlet,
            entities=args.entity,
            since=since,
            until=until,
            sort=args.sort,
            limit=args.limit,
        )
        if args.json:
            print_json(results.to_json())
            return 0
        _report_problems(report)
        _print_results(console(), results)
        return 0
    finally:
        workspace.close()


def _date_arg(value: str | None, flag: str, *, end: bool = False) -> date | None:
    """The first day (or with ``end``, the last) of the date ``flag`` was given; a date
    that is not one fails the command, naming it and the forms accepted."""
    from index.date_filter import FORMS, DateFilterError, parse_date_filter
    from tui.output import fail

    try:
        span = parse_date_filter(value or "")
    except DateFilterError as exc:
        fail(f"{flag} {exc}")
    if span is None:
        if value is not None:
            fail(f"{flag} is empty: give a date, {FORMS}")
        return None
    return span.last if end else span.first


def _print_results(out: object, results: object) -> None:
    from rich.text import Text

    r = results
    header = Text()
    header.append(f"{r.total} result{'s' if r.total != 1 else ''} for ")  # type: ignore[attr-defined]
    header.append(r.query, style="bold")  # type: ignore[attr-defined]
    out.print(header, soft_wrap=True)  # type: ignore[attr-defined]
    for word, matched in getattr(r, "fuzzy", {}).items():
        note = Text("Showing results for ", style="dim")
        note.append(word, style="bold")
        note.append(" as ")
        note.append(", ".join(matched), style="bold cyan")
        out.print(note, soft_wrap=True)  # type: ignore[attr-defined]
    if r.suggestion:  # type: ignore[attr-defined]
        hint = Text("Did you mean: ")
        hint.append(r.suggestion, style="bold cyan")  # type: ignore[attr-defined]
        hint.append(f" ({r.suggestion_total} results)?")  # type: ignore[attr-defined]
        out.print(hint, soft_wrap=True)  # type: ignore[attr-defined]
    for number, hit in enumerate(r.hits, 1):  # type: ignore[attr-defined]
        out.print()  # type: ignore[attr-defined]
        title = Text(f"{number:>2}. ", style="dim")
        title.append(_marked(hit.title, hit.title_highlights, "bold"))
        out.print(title, soft_wrap=True)  # type: ignore[attr-defined]
        where = [hit.outlet]
        if hit.published:
            where.append(hit.published.date().isoformat())
        if hit.passage:
            where.append(f"paragraph {hit.passage.index + 1}")
        where.append(hit.id)
        where.append(f"score {hit.score:.2f}")
        out.print(Text("    " + " · ".join(where), style="dim"), soft_wrap=True)  # type: ignore[attr-defined]
        snippet = Text("    ")
        snippet.append(_marked(hit.snippet, hit.highlights, ""))
        out.print(snippet, soft_wrap=True)  # type: ignore[attr-defined]
    outlets = r.facets.get("outlet", {})  # type: ignore[attr-defined]
    if outlets:
        out.print()  # type: ignore[attr-defined]
        line = Text("Outlets: ", style="dim")
        line.append(" · ".join(f"{name} {count}" for name, count in outlets.items()))
        out.print(line, soft_wrap=True)  # type: ignore[attr-defined]


def _marked(text: str, spans: tuple[tuple[int, int], ...], base: str) -> object:
    """Untrusted text as a rich Text with matched words styled by offset (never markup)."""
    from rich.text import Text

    styled = Text(text, style=base)
    for start, end in spans:
        styled.stylize("bold reverse", start, end)
    return styled

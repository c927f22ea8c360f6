"""`brief add PATH...`: import raw saves into the library, showing what was guessed and dropped."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index.importer import ImportOutcome, ImportOverrides

FIELDS = ("title", "outlet", "published", "url", "author", "section")


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the `brief` parser."""
    parser = sub.add_parser(
        "add",
        help="import saved news pages (.txt, .md, folders) into the library",
        description=(
            "Import raw saves of news pages into the library as clean articles. For each "
            "file Brief shows what it guessed (title, outlet, date...) and every line it "
            "dropped with the reason, so you can check. Flags override the guesses. "
            "Existing articles are never overwritten, and a report already in the "
            "library is refused; to correct a wrong guess, add the same save again with "
            "the corrected flags and --replace."
        ),
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help=".txt or .md file, folder, or - for standard input"
    )
    parser.add_argument("--title", help="title, instead of the guessed one")
    parser.add_argument("--outlet", help="outlet name, instead of the guessed one")
    parser.add_argument(
        "--published", metavar="DATE", help="publication date (2023-11-02, 2023-11-02T10:14...)"
    )
    parser.add_argument("--url", help="address of the original page")
    parser.add_argument("--author", help="author, instead of the guessed one")
    parser.add_argument("--section", help="section, instead of the guessed one")
    parser.add_argument(
        "--replace",
        action="store_true",
        help=(
            "replace the article already in the library with the same text (or the same "
            "--url) by this import, e.g. to correct a wrong outlet; the replaced id is shown"
        ),
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run_add)


def run_add(args: argparse.Namespace) -> int:
    from index.importer import ImportOverrides, import_paths
    from index.locations import resolve_library
    from tui.output import fail

    several = len(args.paths) > 1 or any(Path(p).is_dir() for p in args.paths)
    if several and (args.title or args.url):
        fail("--title and --url name a single article: give one file with them")
    published = None
    if args.published:
        published = parse_date_flag(args.published)
        if published is None:
            fail(f"--published {args.published!r} is not a date (try 2023-11-02)")
    overrides = ImportOverrides(
        title=args.title,
        outlet=args.outlet,
        published=published,
        url=args.url,
        author=args.author,
        section=args.section,
    )
    library = resolve_library(args.library)
    if "-" in args.paths:
        if len(args.paths) > 1:
            fail("'-' (a save on standard input) cannot be mixed with files")
        outcomes = [read_stdin(library, overrides, dry_run=args.dry_run, replace=args.replace)]
    else:
        outcomes = import_paths(
            args.paths, library, overrides, dry_run=args.dry_run, replace=args.replace
        )
    if args.json:
        from tui.output import print_json

        print_json(
            {
                "library": str(library),
                "dry_run": args.dry_run,
                "files": [outcome_json(o) for o in outcomes],
            }
        )
    else:
        show_outcomes(outcomes, overrides, str(library), dry_run=args.dry_run)
    return 1 if any(not o.ok for o in outcomes) else 0


def read_stdin(
    library: Path, overrides: ImportOverrides, *, dry_run: bool, replace: bool = False
) -> ImportOutcome:
    """Import one save piped in (``brief add - --outlet X < save.txt``)."""
    import sys

    from index.importer import import_data
    from index.sanitize import MAX_ARTICLE_BYTES

    data = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
    return import_data(data, Path("stdin"), library, overrides, dry_run=dry_run, replace=replace)


def parse_date_flag(value: str) -> datetime | None:
    """An ISO date or date-time, or any date line the importer reads ("2 November 2023")."""
    from index.datelines import parse_dateline

    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        pass
    line = parse_dateline(value)
    return line.when if line else None


def outcome_json(outcome: ImportOutcome) -> dict[str, Any]:
    result = outcome.result
    data: dict[str, Any] = {
        "source": str(outcome.source),
        "ok": outcome.ok,
        "id": outcome.article_id,
        "path": str(outcome.path) if outcome.path else None,
        "written": outcome.written,
        "error": outcome.error,
        "duplicate_of": outcome.duplicate_of,
        "replaced": outcome.replaced,
        "warnings": outcome.warnings,
    }
    if result is not None:
        data["fields"] = {name: _value(getattr(result, name)) for name in FIELDS}
        data["guessed"] = {name: _value(result.guessed.get(name)) for name in FIELDS}
        data["standfirst"] = result.standfirst
        data["blocks"] = [{"kind": kind, "text": text} for kind, text in result.blocks]
        data["dropped"] = [
            {"line": d.line_no, "text": d.text, "reason": d.reason} for d in result.dropped
        ]
    return data


def show_outcomes(
    outcomes: list[ImportOutcome], overrides: ImportOverrides, library: str, *, dry_run: bool
) -> None:
    from rich.text import Text

    from tui.output import console, is_tty

    out = console()
    out.soft_wrap = True  # ids and paths stay whole, to copy and grep
    on_terminal = is_tty(out)  # a dropped line is cut short only on a terminal
    for outcome in outcomes:
        head = Text(str(outcome.source), style="bold")
        if outcome.ok:
            verb = "would write" if dry_run else "wrote"
            head.append(f"  {verb} ", style="green")
            head.append(outcome.article_id or "")
            if outcome.replaced:
                head.append("  replacing ", style="yellow")
                head.append(outcome.replaced)
        else:
            head.append("  not imported: ", style="red")
            head.append(outcome.error or "")
        out.print(head)
        result = outcome.result
        if result is not None:
            for name in FIELDS:
                value = getattr(result, name)
                if value in (None, "") and name in ("url", "section"):
                    continue
                line = Text(f"  {name:<10} ", style="dim")
                line.append(_value(value) or "—")
                origin = _origin(name, result.guessed.get(name), overrides)
                if origin:
                    line.append(f"  ({origin})", style="dim")
                out.print(line)
            kept = len(result.blocks)
            captions = sum(1 for kind, _ in result.blocks if kind == "caption")
            summary = f"  kept {kept} blocks"
            if captions:
                summary += f" ({captions} caption{'s' if captions > 1 else ''})"
            if result.standfirst:
                summary += ", standfirst as first paragraph"
            out.print(Text(summary, style="dim"))
            if result.dropped:
                out.print(Text(f"  dropped {len(result.dropped)} lines:", style="dim"))
                for dropped in result.dropped:
                    line = Text(f"    line {dropped.line_no:>3}  ", style="dim")
                    line.append(f"{dropped.reason}: ", style="yellow")
                    line.append(_shorten(dropped.text, 90) if on_terminal else dropped.text)
                    out.print(line)
        for warning in outcome.warnings:
            out.print(Text(f"  warning: {warning}", style="yellow"))
    done = sum(1 for o in outcomes if o.ok)
    failed = len(outcomes) - done
    verb = "would import" if dry_run else "imported"
    summary = (
        f"{verb} {done} of {len(outcomes)} file{'s' if len(outcomes) != 1 else ''} into {library}"
    )
    replaced = sum(1 for o in outcomes if o.ok and o.replaced)
    if replaced:
        summary += f", replacing {replaced} article{'s' if replaced != 1 else ''}"
    if failed:
        summary += f"; {failed} not imported"
    out.print(Text(summary, style="bold red" if failed else "bold"))


def _origin(name: str, guessed: Any, overrides: ImportOverrides) -> str:
    if getattr(overrides, name) not in (None, ""):
        return f"from --{name}"
    if guessed not in (None, ""):
        return "guessed"
    if name == "title":
        return "from the file name"
    return ""


def _value(value: Any) -> str | None:
    if isinstance(value, datetime):
        if value.time() == datetime.min.time() and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(timespec="minutes")
    return value


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

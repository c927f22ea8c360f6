"""`brief bookmarks ...`: list, add, edit, remove, check, export and import bookmarks.

Every command that shows bookmarks first checks them against the library's current files
(re-anchoring), so what it prints is what the articles say now. Bookmarks belong to the
library they were made in: commands show the current library's (``--library``), and
``--all-libraries`` shows every library's. ``relocate`` follows a library folder that moved.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console
    from rich.text import Text

    from index.article import Article
    from index.bookmarks import Bookmark, BookmarkStore, ReanchorReport
    from index.library import Library

STATUS_MARK = {"anchored": "●", "changed": "◐", "orphaned": "○"}
QUOTE_PREVIEW = 240


def register(sub: argparse._SubParsersAction) -> None:
    """Add `brief bookmarks` and its subcommands to the `brief` parser."""
    parser = sub.add_parser(
        "bookmarks",
        help="saved passages with notes and tags; export a sourced briefing",
        description=(
            "Bookmarks are passages of articles saved with a note and tags. They follow "
            "their passage when an article is edited (status 'changed' shows the new "
            "text beside the saved one) or renamed; a passage that disappears is kept as "
            "'orphaned', never deleted or moved to a doubtful match. Each bookmark belongs "
            "to the library it was made in (see --library); commands show the current "
            "library's bookmarks, --all-libraries every library's. If you move or rename a "
            "library folder, `brief bookmarks relocate OLD NEW` takes its bookmarks along."
        ),
    )
    parser.set_defaults(handler=lambda args: _help(parser))
    commands = parser.add_subparsers(dest="bookmarks_command", metavar="SUBCOMMAND")

    listing = commands.add_parser("list", help="list bookmarks", description="List bookmarks.")
    listing.add_argument("--tag", metavar="T", help="only bookmarks with this tag")
    listing.add_argument("--article", metavar="ID", help="only bookmarks of this article")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    _all_libraries_option(listing)
    listing.set_defaults(handler=run_list)

    show = commands.add_parser(
        "show",
        help="one bookmark in full, with the passage in its context",
        description="Show one bookmark in full: quote, context, current text, note, source.",
    )
    show.add_argument("id", type=_bookmark_id, metavar="ID")
    show.add_argument("--json", action="store_true", help="print every stored field as JSON")
    show.set_defaults(handler=run_show)

    tags = commands.add_parser(
        "tags", help="every tag with its number of bookmarks", description="List tags."
    )
    tags.add_argument("--json", action="store_true", help="print one JSON object")
    _all_libraries_option(tags)
    tags.set_defaults(handler=run_tags)

    add = commands.add_parser(
        "add",
        help="bookmark a passage of an article",
        description=(
            "Bookmark a passage, given by its text (--quote) or by character offsets into "
            "the article's body (--start/--end). ARTICLE is an article id, a unique start "
            "of one, or an outlet name that has a single article."
        ),
    )
    add.add_argument("article", metavar="ARTICLE")
    add.add_argument("--quote", metavar="TEXT", help="the passage's text, as in the article")
    add.add_argument("--start", type=int, metavar="N", help="first character of the passage")
    add.add_argument("--end", type=int, metavar="N", help="character after the passage")
    _note_options(add)
    add.add_argument("--tag", action="append", default=[], metavar="T", help="tag (repeatable)")
    add.add_argument("--json", action="store_true", help="print the new bookmark as JSON")
    add.set_defaults(handler=run_add)

    edit = commands.add_parser(
        "edit", help="change a bookmark's note or tags", description="Edit a bookmark."
    )
    edit.add_argument("id", type=_bookmark_id, metavar="ID")
    _note_options(edit)
    edit.add_argument("--tag", action="append", default=[], metavar="T", help="add a tag")
    edit.add_argument("--untag", action="append", default=[], metavar="T", help="remove a tag")
    edit.add_argument(
        "--accept",
        action="store_true",
        help="take a changed passage's current text as its quote (status back to anchored)",
    )
    edit.add_argument("--json", action="store_true", help="print the bookmark as JSON")
    edit.set_defaults(handler=run_edit)

    remove = commands.add_parser(
        "rm", help="delete bookmarks", description="Delete bookmarks (asks first on a terminal)."
    )
    remove.add_argument("ids", type=_bookmark_id, nargs="+", metavar="ID")
    remove.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    remove.set_defaults(handler=run_rm)

    check = commands.add_parser(
        "check",
        help="re-anchor the library's bookmarks against its files and report what moved",
        description=(
            "Check the library's bookmarks against its current article files. With "
            "--all-libraries, check every library's bookmarks against their own folder; a "
            "library whose folder is gone is reported and its bookmarks kept as they are."
        ),
    )
    check.add_argument("--json", action="store_true", help="print one JSON object")
    _all_libraries_option(check)
    check.set_defaults(handler=run_check)

    export = commands.add_parser(
        "export",
        help="write a sourced briefing (Markdown) or a JSON export",
        description=(
            "Export bookmarks as a Markdown briefing grouped by story, then by outlet or by "
            "tag, with every passage sourced; or as JSON that `brief bookmarks import` "
            "reads back. Prints to standard output unless -o is given."
        ),
    )
    export.add_argument("--format", choices=("md", "json"), help="default: md, or from -o's suffix")
    export.add_argument("--tag", metavar="T", help="only bookmarks with this tag")
    export.add_argument("--story", metavar="S", help="only this story (id, start of id, or title)")
    export.add_argument(
        "--group-by", choices=("outlet", "tag"), default="outlet", help="within each story"
    )
    export.add_argument("--title", help="the briefing's title")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    _all_libraries_option(export)
    export.set_defaults(handler=run_export)

    importing = commands.add_parser(
        "import",
        help="merge a JSON export back in (no duplicates)",
        description=(
            "Merge bookmarks from a JSON export; ones already here are skipped. They join "
            "the current library, except those whose export names a library folder that "
            "exists on this machine, which go back to it (restoring a backup of all)."
        ),
    )
    importing.add_argument("file", metavar="FILE.json")
    importing.add_argument("--json", action="store_true", help="print one JSON object")
    importing.set_defaults(handler=run_import)

    libraries = commands.add_parser(
        "libraries",
        help="the libraries holding bookmarks, with counts; which folders are gone",
        description="List every library that holds bookmarks, and whether its folder exists.",
    )
    libraries.add_argument("--json", action="store_true", help="print one JSON object")
    libraries.set_defaults(handler=run_libraries)

    relocate = commands.add_parser(
        "relocate",
        help="take a moved or renamed library's bookmarks to its new folder",
        description=(
            "Give the bookmarks of library OLD (a folder that was moved or renamed; see "
            "`brief bookmarks libraries`) to the library folder NEW (default: the current "
            "library). With --unassigned, take the bookmarks saved before Brief recorded "
            "libraries whose article no library has claimed. Passages are checked against "
            "NEW's files at once; nothing is deleted."
        ),
    )
    relocate.add_argument("old", nargs="?", metavar="OLD", help="the library's old folder")
    relocate.add_argument(
        "new", nargs="?", metavar="NEW", help="its new folder (default: the current library)"
    )
    relocate.add_argument(
        "--unassigned",
        action="store_true",
        help="move the bookmarks that have no library recorded (then only NEW is given)",
    )
    relocate.set_defaults(handler=run_relocate)


def _all_libraries_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--all-libraries",
        action="store_true",
        help="every library's bookmarks, not only the current library's",
    )


def _note_options(parser: argparse.ArgumentParser) -> None:
    notes = parser.add_mutually_exclusive_group()
    notes.add_argument("--note", metavar="N", help="the note (Markdown); '-' reads standard input")
    notes.add_argument("--note-file", metavar="FILE", help="read the note from FILE")


def _bookmark_id(value: str) -> int:
    try:
        number = int(value.lstrip("#"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a bookmark id (a number)") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a bookmark id (a number from 1)")
    return number


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


# -- handlers -------------------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    everywhere = args.all_libraries
    with _open_store(args) as store:
        library = _library(args)
        _reanchor(store, library)
        article = None
        if args.article:
            # An article that has gone from the library still names its bookmarks.
            known = {b.article for b in store.list(all_libraries=everywhere)}
            article = args.article if args.article in known else None
            article = article or _resolve_article(library, args.article).id
        bookmarks = store.list(tag=args.tag, article=article, all_libraries=everywhere)
        elsewhere = 0 if everywhere else store.count_elsewhere()
    if args.json:
        _print_json({"bookmarks": [b.to_json() for b in bookmarks]})
        return 0
    out = _console()
    fit = _Fit.of(out)
    if not bookmarks:
        what = " matching" if args.tag or args.article else ""
        where = "" if everywhere else " in this library"
        out.print(
            f"No{what} bookmarks{where}. Add one with: brief bookmarks add ARTICLE --quote TEXT"
        )
    shown: str | None = None
    for bookmark in bookmarks:
        if everywhere and bookmark.library != shown:
            shown = bookmark.library
            out.print(_library_heading(bookmark.library, library), style="bold")
        out.print(_describe(bookmark, fit, here=store.library))
    if elsewhere:
        out.print(
            f"({elsewhere} more {'bookmark' if elsewhere == 1 else 'bookmarks'} in other "
            f"libraries: add --all-libraries to list them)",
            style="dim",
        )
    return 0


def run_show(args: argparse.Namespace) -> int:
    from rich.text import Text

    from index.bookmarks import passage_context

    with _open_store(args) as store:
        library = _library(args)
        _reanchor(store, library)
        bookmark = store.get(args.id)
    if args.json:
        record = bookmark.to_json()
        context = passage_context(bookmark, _load_or_none(library, bookmark.article))
        record.update(
            context={
                "before": context.before,
                "passage": context.passage,
                "after": context.after,
                "current": context.current,
            },
            uid=bookmark.uid,
            prefix=bookmark.prefix,
            suffix=bookmark.suffix,
            content_hash=bookmark.content_hash,
            source=None
            if bookmark.source is None
            else {
                "title": bookmark.source.title,
                "outlet": bookmark.source.outlet,
                "published": bookmark.source.published,
                "url": bookmark.source.url,
                "author": bookmark.source.author,
            },
        )
        _print_json(record)
        return 0
    out = _console()
    out.print(_describe(bookmark, _Fit.of(out), whole_quote=True, here=store.library))
    if bookmark.library != store.library:
        out.print(Text(f"   in {_library_name(bookmark.library)}", style="dim"))
    for line in _context_lines(bookmark, library):
        out.print(line)
    if bookmark.source and bookmark.source.url:
        out.print(Text(f"   source: {_clean(bookmark.source.url)}", style="dim"))
    out.print(
        Text(
            f"   created {bookmark.created.astimezone():%Y-%m-%d %H:%M}, "
            f"updated {bookmark.updated.astimezone():%Y-%m-%d %H:%M}",
            style="dim",
        )
    )
    return 0


def run_tags(args: argparse.Namespace) -> int:
    with _open_store(args) as store:
        tags = store.tags(all_libraries=args.all_libraries)
    if args.json:
        _print_json({"tags": [{"tag": tag, "count": count} for tag, count in tags]})
        return 0
    out = _console()
    if not tags:
        out.print("No tags yet. Add some with: brief bookmarks edit ID --tag T")
    for tag, count in tags:
        out.print(f"{count:>4}  {_clean(tag)}")
    return 0


def run_add(args: argparse.Namespace) -> int:
    from index.bookmarks import DuplicateBookmarkError
    from tui.output import fail

    has_offsets = args.start is not None or args.end is not None
    if args.quote is not None and has_offsets:
        fail("give either --quote or --start/--end, not both")
    if args.quote is None and not has_offsets:
        fail("say which passage: --quote TEXT, or --start N --end N")
    if has_offsets and (args.start is None or args.end is None):
        fail("--start and --end go together")
    note = _read_note(args) or ""
    library = _library(args)
    article = _resolve_article(library, args.article)
    if args.quote is not None:
        start, end = _locate(article, args.quote)
    else:
        start, end = args.start, args.end
        size = len(article.body)
        if not (0 <= start < end <= size):
            fail(
                f"bad offsets --start {start} --end {end}: {article.id} has {size} characters, "
                f"so 0 <= start < end <= {size}"
            )
    with _open_store(args) as store:
        try:
            bookmark = store.add(article, start, end, note=note, tags=args.tag)
        except DuplicateBookmarkError as exc:
            fail(f"{exc} (brief bookmarks edit {exc.existing.id} --note ...)")
        except ValueError as exc:
            fail(str(exc))
    if args.json:
        _print_json(bookmark.to_json())
    else:
        out = _console()
        out.print(f"Bookmarked #{bookmark.id}:")
        out.print(_describe(bookmark, _Fit.of(out), here=store.library))
    return 0


def run_edit(args: argparse.Namespace) -> int:
    from index.bookmarks import normalize_tags
    from tui.output import fail

    note = _read_note(args)
    with _open_store(args) as store:
        current = store.get(args.id)
        tags = None
        if args.tag or args.untag:
            removing = {t.casefold() for t in normalize_tags(args.untag)}
            absent = [t for t in normalize_tags(args.untag) if t.casefold() not in _keys(current)]
            if absent:
                fail(
                    f"bookmark #{current.id} has no tag {', '.join(map(repr, absent))} "
                    f"(its tags: {', '.join(current.tags) or 'none'})"
                )
            kept = [t for t in current.tags if t.casefold() not in removing]
            tags = normalize_tags([*kept, *args.tag])
        if note is None and tags is None and not args.accept:
            fail("nothing to change: give --note, --note-file, --tag, --untag or --accept")
        if args.accept and current.status != "changed":
            fail(f"bookmark #{current.id} is {current.status}, not changed: nothing to accept")
        bookmark = store.update(args.id, note=note, tags=tags)
        if args.accept:
            bookmark = store.accept(args.id)
    if args.json:
        _print_json(bookmark.to_json())
    else:
        out = _console()
        out.print(f"Updated #{bookmark.id}:")
        out.print(_describe(bookmark, _Fit.of(out), here=store.library))
    return 0


def run_rm(args: argparse.Namespace) -> int:
    from tui.output import fail

    with _open_store(args) as store:
        bookmarks = [store.get(i) for i in dict.fromkeys(args.ids)]
        if not args.yes and sys.stdin.isatty():
            out = _console()
            for bookmark in bookmarks:
                out.print(_describe(bookmark, _Fit.of(out), here=store.library))
            noun = "this bookmark" if len(bookmarks) == 1 else f"these {len(bookmarks)} bookmarks"
            try:
                answer = input(f"Delete {noun}? [y/N] ")
            except EOFError:
                answer = ""
            if answer.strip().lower() not in ("y", "yes"):
                fail("nothing deleted")
        for bookmark in bookmarks:
            store.delete(bookmark.id)
    ids = ", ".join(f"#{b.id}" for b in bookmarks)
    _console().print(f"Deleted {ids}.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from index.bookmarks import LibraryCount, library_key
    from index.library import Library

    with _open_store(args) as store:
        library = _library(args)
        reports = [(store.library or "", store.reanchor(library))]
        gone: list[LibraryCount] = list(reports[0][1].gone)
        unassigned = 0
        if args.all_libraries:
            for other in store.libraries():
                if not other.library:
                    unassigned = other.count
                elif other.exists and other.library != library_key(library.root):
                    reports.append((other.library, store.reanchor(Library(Path(other.library)))))
        statuses = {b.id: b.status for b in store.list(all_libraries=args.all_libraries)}
    counts = {s: sum(1 for v in statuses.values() if v == s) for s in STATUS_MARK}
    if args.json:
        _print_json(
            {
                "checked": sum(r.checked for _, r in reports),
                "unchanged": sum(r.unchanged for _, r in reports),
                "moved": [{"id": i, "from": a, "to": b} for _, r in reports for i, a, b in r.moved],
                "reanchored": [i for _, r in reports for i in r.reanchored],
                "changed": [i for _, r in reports for i in r.changed],
                "orphaned": [i for _, r in reports for i in r.orphaned],
                "article_removed": [i for _, r in reports for i in r.removed],
                "claimed": [i for _, r in reports for i in r.claimed],
                "problems": [p for _, r in reports for p in r.problems],
                "status": counts,
                "libraries": [
                    {"library": name or None, "checked": r.checked} for name, r in reports
                ],
                "gone": [
                    {"library": g.library, "bookmarks": g.count, "articles_here": g.here}
                    for g in gone
                ],
            }
        )
        return 0
    out = _console()
    for name, report in reports:
        if len(reports) > 1:
            current = " (current)" if name == store.library else ""
            out.print(f"{_library_name(name)}{current}: {report.checked} checked", style="bold")
        for line in _report_lines(report, library):
            out.print(line)
    if unassigned:
        noun = "bookmark has" if unassigned == 1 else "bookmarks have"
        out.print(
            f"{unassigned} {noun} no library recorded (saved by an older Brief, and no library "
            f"opened since has the article); not checked. To give them to a library: "
            f"brief bookmarks relocate --unassigned NEW"
        )
    total = sum(r.checked for _, r in reports)
    where = "in all libraries" if args.all_libraries else "in this library"
    out.print(
        f"{total} bookmarks checked {where}: {counts['anchored']} anchored, "
        f"{counts['changed']} changed, {counts['orphaned']} orphaned."
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from index.atomic import write_atomic
    from index.briefing import export_json, export_markdown
    from tui.output import fail

    output = Path(args.output).expanduser() if args.output else None
    fmt = args.format or ("json" if output and output.suffix.lower() == ".json" else "md")
    if output is not None:
        if output.is_dir():
            fail(f"{output} is a folder; give a file name")
        if not output.parent.is_dir():
            fail(f"no such folder: {output.parent} (a mistyped path? the folder is not created)")
        if output.exists() and not args.force:
            fail(f"{output} exists; add --force to overwrite it")
    with _open_store(args) as store:
        library = _library(args)
        _reanchor(store, library)
        bookmarks = store.list(tag=args.tag, all_libraries=args.all_libraries)
        story_of = None
        if args.story:
            story_of, story_ids = _stories(library, args.story, {b.article for b in bookmarks})
            bookmarks = [b for b in bookmarks if b.article in story_ids]
        elif fmt == "md":
            try:
                story_of, _ = _stories(library, None, {b.article for b in bookmarks})
            except Exception as exc:  # grouping is a nicety: never lose the export to it
                _console(stderr=True).print(
                    f"brief: stories unavailable ({exc}); grouping by article", style="yellow"
                )
        if fmt == "json":
            text = export_json(bookmarks, store.texts(b.content_hash for b in bookmarks))
        else:
            text = export_markdown(
                bookmarks, library, story_of=story_of, group_by=args.group_by, title=args.title
            )
    if not bookmarks:
        where = "" if args.all_libraries else " in this library (--all-libraries: every library)"
        _console(stderr=True).print(f"brief: no bookmarks match{where}; the export is empty")
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomic(output, text, make_parents=False)
    except FileNotFoundError as exc:
        fail(f"cannot write {output}: {exc}")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    what = "briefing" if fmt == "md" else "JSON export"
    _console().print(f"Wrote the {what} of {len(bookmarks)} bookmarks to {output}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from index.briefing import import_json
    from index.errors import BriefError
    from tui.output import fail

    path = Path(args.file).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"no file {path}")
    except UnicodeDecodeError:
        fail(f"{path} is not UTF-8 text, so not a Brief JSON export")
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror or exc}")
    with _open_store(args) as store:
        try:
            report = import_json(store, text)
        except BriefError as exc:
            fail(f"{path}: {exc}")
        library = _library(args)
        _reanchor(store, library)
    if args.json:
        _print_json(
            {"added": report.added, "updated": report.updated, "duplicates": report.duplicates}
        )
    else:
        _console().print(f"Imported {path}: {report.message()}.")
    return 0


def run_libraries(args: argparse.Namespace) -> int:
    with _open_store(args) as store:
        counts = store.libraries()
    current = store.library
    if args.json:
        _print_json(
            {
                "libraries": [
                    {
                        "library": c.library or None,
                        "bookmarks": c.count,
                        "exists": c.exists,
                        "current": c.library == current,
                    }
                    for c in counts
                ]
            }
        )
        return 0
    out = _console()
    if not counts:
        out.print("No bookmarks in any library.")
    for c in counts:
        state = "" if c.exists or not c.library else "  (folder no longer exists)"
        mark = "*" if c.library == current else " "
        out.print(f"{mark} {c.count:>5}  {_library_name(c.library)}{state}")
    if any(c.library and not c.exists for c in counts):
        out.print(
            "A library folder that was moved or renamed: brief bookmarks relocate OLD NEW",
            style="dim",
        )
    return 0


def run_relocate(args: argparse.Namespace) -> int:
    from index.bookmarks import library_key
    from index.errors import BriefError
    from index.library import Library
    from index.locations import resolve_library
    from tui.output import fail

    folders = [f for f in (args.old, args.new) if f is not None]
    wanted = 1 if args.unassigned else 2
    if len(folders) > wanted or (not args.unassigned and not folders):
        usage = "--unassigned [NEW]" if args.unassigned else "OLD [NEW]"
        fail(f"give {usage}: relocate takes the bookmarks of OLD to NEW (default: --library)")
    old = None if args.unassigned else folders.pop(0)
    new = Path(folders[0]).expanduser() if folders else resolve_library(args.library)
    with _open_store(args) as store:
        try:
            moved = store.relocate(old, new)
        except BriefError as exc:
            fail(str(exc))
        report = store.reanchor(Library(new))
    what = "with no library recorded" if old is None else f"of {old}"
    noun = "bookmark" if moved == 1 else "bookmarks"
    _console().print(f"Moved {moved} {noun} {what} to {library_key(new)}.")
    for line in report.messages():
        _console().print(line)
    return 0


# -- helpers ----------------------------------------------------------------------------------


def _open_store(args: argparse.Namespace) -> BookmarkStore:
    from index.bookmarks import BookmarkStore
    from index.locations import resolve_library

    store = BookmarkStore(library=resolve_library(args.library))
    if store.notice:
        _console(stderr=True).print(f"brief: {store.notice}", style="yellow")
    if store.claimed:
        from index.bookmarks import ReanchorReport

        for line in ReanchorReport(claimed=store.claimed).messages():
            _console(stderr=True).print(f"brief: {line}", style="yellow")
    return store


def _library(args: argparse.Namespace) -> Library:
    from index.library import Library
    from index.locations import resolve_library

    return Library(resolve_library(args.library))


def _reanchor(store: BookmarkStore, library: Library) -> None:
    report = store.reanchor(library)
    err = _console(stderr=True)
    for line in _report_lines(report, library):
        err.print(f"brief: {line}", style="yellow")


def _report_lines(report: ReanchorReport, library: Library) -> list[str]:
    """The report's messages, with the command that relocates a moved library's bookmarks."""
    from index.bookmarks import library_key

    lines = report.messages()
    here = library_key(library.root)
    for gone in report.gone:
        if gone.here:
            lines.append(
                f"if {gone.library} was moved to {here}: "
                f"brief bookmarks relocate {_shell(gone.library)} {_shell(here)}"
            )
    return lines


def _shell(path: str) -> str:
    import shlex

    return shlex.quote(path)


def _library_name(library: str) -> str:
    return f"library {library}" if library else "no library recorded"


def _library_heading(library: str, current: Library) -> str:
    from index.bookmarks import library_key

    if library and library == library_key(current.root):
        return f"{_library_name(library)} (current)"
    if library and not Path(library).is_dir():
        return f"{_library_name(library)} (folder no longer exists)"
    return _library_name(library)


def _resolve_article(library: Library, ref: str) -> Article:
    """An article by id, unique id prefix, or outlet name with a single article."""
    from index.errors import NotFoundError

    ids = [entry.id for entry in library.entries()]
    if not ids:
        raise NotFoundError(f"the library {library.root} has no articles")
    for candidate in (ref, f"{ref}.md"):
        if candidate in ids:
            return library.load(candidate)
    starting = [i for i in ids if i.startswith(ref)]
    if len(starting) == 1:
        return library.load(starting[0])
    if len(starting) > 1:
        raise NotFoundError(
            f"{ref!r} matches {len(starting)} articles: {', '.join(starting[:5])}"
            + (" ..." if len(starting) > 5 else "")
        )
    articles, _ = library.load_all()
    by_outlet = [a for a in articles if a.outlet.casefold() == ref.strip().casefold()]
    if len(by_outlet) == 1:
        return by_outlet[0]
    if len(by_outlet) > 1:
        raise NotFoundError(
            f"{ref!r} has {len(by_outlet)} articles; name one: "
            + ", ".join(a.id for a in by_outlet[:5])
        )
    raise NotFoundError(f"no article {ref!r} in {library.root} (see `brief list`)")


def _locate(article: Article, quote: str) -> tuple[int, int]:
    from index.anchors import closest_passage, locate_quote
    from tui.output import fail

    if not quote.strip():
        fail("--quote is empty")
    matches = locate_quote(article.body, quote)
    if len(matches) == 1:
        return matches[0].start, matches[0].end
    if len(matches) > 1:
        places = ", ".join(f"{m.start}-{m.end}" for m in matches[:6])
        fail(
            f"the quote occurs {len(matches)} times in {article.id} (characters {places}); "
            f"quote a longer passage, or choose one with --start/--end"
        )
    closest = closest_passage(article.body, quote)
    if closest is None:
        fail(f"the quote is not in {article.id}, and nothing in it is close")
    fail(
        f"the quote is not in {article.id}. Closest passage ({closest.score:.0%} alike), "
        f"characters {closest.start}-{closest.end}:\n  “{_clean(closest.text)}”"
    )


def _read_note(args: argparse.Namespace) -> str | None:
    from tui.output import fail

    if args.note_file:
        try:
            return Path(args.note_file).expanduser().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"cannot read the note from {args.note_file}: {exc}")
    if args.note == "-":
        return sys.stdin.read()
    return args.note


def _stories(
    library: Library, wanted: str | None, needed: set[str]
) -> tuple[Callable[[str], tuple[str, str] | None], set[str]]:
    """``story_of`` for the export, and the article ids of the ``wanted`` story.

    The stories kept with the search index are used as they are when the index knows every
    bookmarked article; otherwise the index is brought in step with the library first.
    """
    from index.errors import NotFoundError
    from index.workspace import Workspace
    from tui.syncing import sync_for_command

    with Workspace.open(library.root) as workspace:
        if wanted or any(a not in workspace.catalog.rows() for a in needed):
            sync_for_command(workspace, quiet=True)
        stories = workspace.stories()
    member_of = {m.id: (s.id, s.title) for s in stories for m in s.articles}
    if not wanted:
        return member_of.get, set()
    folded = wanted.strip().casefold()
    found = [s for s in stories if s.id == wanted] or [
        s for s in stories if s.id.startswith(wanted) or folded in s.title.casefold()
    ]
    if len(found) != 1:
        known = "; ".join(f"{s.id} ({s.title})" for s in stories[:8])
        problem = "matches several stories" if found else "is not a story"
        raise NotFoundError(f"--story {wanted!r} {problem}. Stories: {known or 'none'}")
    return member_of.get, {m.id for m in found[0].articles}


def _keys(bookmark: Bookmark) -> set[str]:
    return {t.casefold() for t in bookmark.tags}


def _clean(text: str, limit: int | None = None) -> str:
    from index.sanitize import clean_text

    text = " ".join(clean_text(text).split())
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


@dataclass(frozen=True)
class _Fit:
    """How much of a bookmark's text a listing shows: on a terminal, the source on the
    first line and a preview of the quote; in a pipe or a file, everything, whole."""

    width: int | None
    """The terminal's width; None off a terminal (nothing is cut)."""

    @classmethod
    def of(cls, out: Console) -> _Fit:
        from tui.output import is_tty

        return cls(out.width if is_tty(out) else None)

    def source(self, first_line: str) -> int | None:
        """Characters left for the source after ``first_line`` (at least 40)."""
        return None if self.width is None else max(40, self.width - len(first_line) - 1)

    @property
    def quote(self) -> int | None:
        return None if self.width is None else QUOTE_PREVIEW


def _describe(
    bookmark: Bookmark, fit: _Fit, *, whole_quote: bool = False, here: str | None = None
) -> Text:
    """A bookmark as a few lines of text; nothing in it is read as markup. ``fit`` says
    what is cut on a terminal; ``whole_quote`` shows the quote whole there too."""
    from rich.text import Text

    from index.bookmark_status import status_note

    quote_limit = None if whole_quote else fit.quote
    text = Text()
    style = {"anchored": "green", "changed": "yellow", "orphaned": "red"}[bookmark.status]
    text.append(f"#{bookmark.id} ", style="bold")
    text.append(f"{STATUS_MARK[bookmark.status]} {bookmark.status}", style=style)
    source = " · ".join(p for p in (bookmark.outlet, bookmark.title) if p)
    if source:
        text.append("  ")
        text.append(_clean(source, fit.source(text.plain)), style="bold")
    text.append(
        f"\n   {_clean(bookmark.article)}, characters {bookmark.start}-{bookmark.end}"
        f" · saved {bookmark.created.astimezone():%Y-%m-%d %H:%M}",
        style="dim",
    )
    text.append("\n   “")
    text.append(_clean(bookmark.quote, quote_limit), style="italic")
    text.append("”")
    note = status_note(bookmark, library=here)
    if bookmark.status == "changed" and bookmark.current_text is not None:
        text.append("\n   now: “", style="yellow")
        text.append(_clean(bookmark.current_text, quote_limit), style="italic")
        text.append("”", style="yellow")
    if note is not None:
        text.append(f"\n   {note.label}.", style=style)
        text.append(f" {note.advice}", style="dim")
        if note.status == "changed":
            text.append(f" (brief bookmarks edit {bookmark.id} --accept)", style="dim")
    if bookmark.note.strip():
        lines = _clean_lines(bookmark.note)
        text.append("\n   note: ", style="dim")
        text.append("\n         ".join(lines))
    if bookmark.tags:
        text.append("\n   tags: ", style="dim")
        text.append(", ".join(_clean(t) for t in bookmark.tags), style="cyan")
    return text


def _context_lines(bookmark: Bookmark, library: Library) -> list[Text]:
    """The passage (bold) amid its context, one line per paragraph, spaced as in the article."""
    from rich.text import Text

    from index.bookmarks import passage_context

    context = passage_context(bookmark, _load_or_none(library, bookmark.article))
    where = "in the article as it is now" if context.current else "as saved with the bookmark"
    lines = [Text(f"   in context ({where}):", style="dim")]
    current = Text("   ")
    segments = [
        ("…" if context.clipped_before else "", "dim"),
        (context.before, "dim"),
        (context.passage, "bold"),
        (context.after, "dim"),
        ("…" if context.clipped_after else "", "dim"),
    ]
    for segment, style in segments:
        for n, piece in enumerate(re.split(r"\s*\n\s*\n\s*", segment)):
            if n:  # a paragraph break: the next paragraph starts a line of its own
                lines.append(current)
                current = Text("   ")
            current.append(_spaced(piece), style=style)
    lines.append(current)
    return [line for line in lines if line.plain.strip()]


def _load_or_none(library: Library, article_id: str) -> Article | None:
    """The article as it is now, or None when it is gone or unreadable."""
    from index.errors import BriefError

    try:
        return library.load(article_id)
    except BriefError:
        return None


def _spaced(text: str) -> str:
    """Untrusted text for one line: control characters out, each whitespace run one space,
    a run at either end kept (so "with" + " more" never reads "withmore")."""
    from index.sanitize import clean_text

    return re.sub(r"\s+", " ", clean_text(text))


def _clean_lines(note: str) -> list[str]:
    from index.sanitize import clean_text

    return [line.rstrip() for line in clean_text(note).strip().splitlines()]


def _console(stderr: bool = False) -> Console:
    """The shared console, left unwrapped: ids, paths and quotes stay whole for copying."""
    from tui.output import console

    out = console(stderr=stderr)
    out.soft_wrap = True
    return out


def _print_json(data: object) -> None:
    from index.briefing import json_text

    sys.stdout.write(json_text(data))

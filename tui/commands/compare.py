"""`brief compare A B`, `brief stories`, `brief story ID`: versions side by side, the
library's stories, and a story's facts by outlet."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Protocol

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from index.article import Article
    from index.compare import Comparison, Row
    from index.facts import Fact, FactMatrix
    from index.library import Library
    from index.stories import Story, StoryIndex

    class Named(Protocol):
        """Anything with an article id and an outlet: an Article or a StoryMember."""

        @property
        def id(self) -> str: ...

        @property
        def outlet(self) -> str: ...


KIND_STYLES = {
    "same": "",
    "reworded": "yellow",
    "left-only": "red",
    "right-only": "green",
}
NARROW = 72
"""Below this many columns, `brief compare` stacks the versions instead of two columns."""
KIND_LABELS = {
    "same": "same",
    "reworded": "reworded",
    "left-only": "left only",
    "right-only": "right only",
}


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``compare``, ``stories`` and ``story`` to the `brief` parser."""
    compare = sub.add_parser(
        "compare",
        help="two versions of a story side by side",
        description="Align two versions passage by passage: same, reworded, only in one, "
        "with word differences and the numbers only one version gives. A and B are article "
        "ids, unique id prefixes, or outlet names (within the story of the other one).",
    )
    compare.add_argument("left", metavar="A")
    compare.add_argument("right", metavar="B")
    compare.add_argument("--json", action="store_true", help="print the comparison as JSON")
    compare.add_argument("--width", type=int, help="output width (default: the terminal's)")
    compare.set_defaults(handler=run_compare)

    stories = sub.add_parser("stories", help="list stories and their versions")
    stories.add_argument("--json", action="store_true", help="print stories as JSON")
    stories.set_defaults(handler=run_stories)

    story = sub.add_parser(
        "story",
        help="which outlet reports which fact in one story",
        description="The fact matrix of a story: facts as rows, outlets as columns. ID is a "
        "story id (or unique prefix) from `brief stories`, or an article id.",
    )
    story.add_argument("story_id", metavar="ID")
    story.add_argument("--json", action="store_true", help="print the fact matrix as JSON")
    story.add_argument("--width", type=int, help="output width (default: the terminal's)")
    story.set_defaults(handler=run_story)


# ---- loading -------------------------------------------------------------------------


def _open_library(args: argparse.Namespace) -> tuple[Library, StoryIndex]:
    """The library and its story index, brought up to date (only changed files are read)."""
    from index.locations import resolve_library
    from index.stories import story_index_for
    from index.workspace import Workspace
    from tui.syncing import sync_for_command

    root = resolve_library(args.library)
    with Workspace.open(root) as workspace:
        sync_for_command(workspace, quiet=getattr(args, "json", False))
    return workspace.library, story_index_for(root)


def resolve_article(token: str, articles: Sequence[Named], within: set[str] | None = None) -> Named:
    """An article named by id, unique id prefix, or outlet name (preferring ``within``)."""
    from index.errors import BriefError, NotFoundError

    by_id = {a.id: a for a in articles}
    if token in by_id:
        return by_id[token]
    lowered = token.lower()
    for candidates in (
        [a for a in articles if a.id.startswith(token)],
        [a for a in articles if a.outlet.lower() == lowered],
        [a for a in articles if a.outlet.lower().startswith(lowered)],
        [a for a in articles if lowered in a.outlet.lower()],
    ):
        if within is not None and len(candidates) > 1:
            narrowed = [a for a in candidates if a.id in within]
            candidates = narrowed or candidates
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            names = ", ".join(f"{a.id} ({a.outlet})" for a in candidates[:6])
            more = "…" if len(candidates) > 6 else ""
            raise BriefError(f"{token!r} names several articles: {names}{more}")
    raise NotFoundError(f"no article or outlet {token!r} in the library (see `brief stories`)")


def _pair(args: argparse.Namespace) -> tuple[Article, Article]:
    from index.errors import BriefError

    library, stories = _open_library(args)
    members = stories.members()
    if not members:
        raise BriefError("the library has no articles to compare")
    left = right = None
    errors: list[BriefError] = []
    try:
        left = resolve_article(args.left, members)
    except BriefError as exc:
        errors.append(exc)
    try:
        story = stories.story_of(left.id) if left else None
        within = {m.id for m in story.articles} if story else None
        right = resolve_article(args.right, members, within)
    except BriefError as exc:
        errors.append(exc)
    if left is None and right is not None:
        story = stories.story_of(right.id)
        within = {m.id for m in story.articles} if story else None
        left = resolve_article(args.left, members, within)
    if errors and (left is None or right is None):
        raise errors[-1]
    assert left is not None and right is not None
    return library.load(left.id), library.load(right.id)


# ---- compare -------------------------------------------------------------------------


def run_compare(args: argparse.Namespace) -> int:
    from index.compare import compare
    from tui.output import console, print_json

    left, right = _pair(args)
    comparison = compare(left, right)
    if args.json:
        print_json(comparison.to_json())
        return 0
    out = console(fit=True)
    if args.width:
        out.width = args.width
    render_comparison(comparison, out, whole=_whole_lines(out, args.width))
    return 0


def _whole_lines(out: object, width: int | None) -> bool:
    """Whether lines of text are printed whole: in a pipe or a file, unless ``--width``
    asked for a width (the columns are fitted to a width either way)."""
    from tui.output import is_tty

    return not width and not is_tty(out)  # type: ignore[arg-type]


def render_comparison(comparison: Comparison, out: object, *, whole: bool = False) -> None:
    """Two columns fitted to the console width, a kind label per row, word diffs marked;
    ``whole``: lines of text other than the columns are not wrapped."""
    from rich.console import Console
    from rich.text import Text

    assert isinstance(out, Console)
    summary = comparison.summary
    counts = summary.counts
    header = Text()
    header.append(f"{comparison.left.outlet}", style="bold")
    header.append(f" ({comparison.left.id})  vs  ")
    header.append(f"{comparison.right.outlet}", style="bold")
    header.append(f" ({comparison.right.id})")
    out.print(header, soft_wrap=whole)
    out.print(
        Text(
            f"shared: {summary.left_shared:.0%} of left, {summary.right_shared:.0%} of right · "
            f"{counts['same']} same · {counts['reworded']} reworded · "
            f"{counts['left-only']} left only · {counts['right-only']} right only"
        ),
        soft_wrap=whole,
    )
    for note in comparison.notes:
        out.print(Text(f"note: {note}", style="italic"), soft_wrap=whole)
    if not comparison.rows:
        return
    if out.width < NARROW:
        _render_stacked(comparison, out)
    else:
        _render_columns(comparison, out)
    differ = [note for note in comparison.numbers if note.kind == "differs"]
    one_sided = [note for note in comparison.numbers if note.kind != "differs"]
    for title, notes in (
        ("Numbers that differ", differ),
        ("Numbers only one version gives", one_sided),
    ):
        if notes:
            out.print(Text(title, style="bold"), soft_wrap=whole)
        for note in notes:
            where = f"row {note.row + 1}: " if note.row is not None else ""
            out.print(Text(f"  ⚑ {where}{note.describe()}"), soft_wrap=whole)


def _render_stacked(comparison: Comparison, out: Console) -> None:
    """One row after another, left above right, for terminals too narrow for columns."""
    from rich.text import Text

    for number, row in enumerate(comparison.rows, 1):
        heading = Text(f"{number}. ", style="bold")
        heading.append(KIND_LABELS[row.kind], style=KIND_STYLES[row.kind] or "bold")
        if row.linked_row is not None:
            heading.append(f" ↔ row {row.linked_row + 1}", style="dim")
        if row.numbers_differ:
            heading.append(" ⚑ numbers", style="bold magenta")
        out.print(heading)
        left, right = _row_texts(row)
        if row.left is not None:
            out.print(Text("L ", style="bold") + left)
        if row.right is not None:
            out.print(Text("R ", style="bold") + right)


def _render_columns(comparison: Comparison, out: Console) -> None:
    """Two columns fitted to the width, with a narrow kind column at the right."""
    from rich.table import Table
    from rich.text import Text

    table = Table(expand=True, show_lines=True, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(_side_title(comparison.left), ratio=1, overflow="fold")
    table.add_column(_side_title(comparison.right), ratio=1, overflow="fold")
    table.add_column("", width=11, no_wrap=True)
    for number, row in enumerate(comparison.rows, 1):
        left, right = _row_texts(row)
        label = Text(KIND_LABELS[row.kind], style=KIND_STYLES[row.kind])
        if row.linked_row is not None:
            label.append(f"\n↔ row {row.linked_row + 1}", style="dim")
        if row.numbers_differ:
            label.append("\n⚑ numbers", style="bold magenta")
        table.add_row(Text(str(number), style="dim"), left, right, label)
    out.print(table)


def _side_title(side: object) -> str:
    outlet = getattr(side, "outlet", "")
    published = getattr(side, "published", None)
    return f"{outlet} · {published[:10]}" if published else str(outlet)


def _row_texts(row: Row) -> tuple[Text, Text]:
    """The row's passages as rich Text, diff words and unmatched numbers styled by offset."""
    from rich.text import Text

    style = KIND_STYLES[row.kind]
    left = Text(row.left.text if row.left else "", style=style)
    right = Text(row.right.text if row.right else "", style=style)
    if row.left is not None and row.right is not None:
        for op in row.diff:
            if op.op == "equal":
                continue
            if op.left_span and row.left is not None:
                left.stylize(
                    "bold red underline",
                    op.left_span[0] - row.left.start,
                    op.left_span[1] - row.left.start,
                )
            if op.right_span and row.right is not None:
                right.stylize(
                    "bold green underline",
                    op.right_span[0] - row.right.start,
                    op.right_span[1] - row.right.start,
                )
    for claim in row.unmatched_numbers:
        for passage, text in ((row.left, left), (row.right, right)):
            if passage is not None and passage.start <= claim.start < passage.end:
                text.stylize("reverse", claim.start - passage.start, claim.end - passage.start)
    return left, right


# ---- stories -------------------------------------------------------------------------


def run_stories(args: argparse.Namespace) -> int:
    from rich.text import Text

    from tui.output import console, print_json

    _library, index = _open_library(args)
    stories = index.stories()
    if args.json:
        print_json([s.to_json() for s in stories])
        return 0
    out = console()
    if not stories:
        out.print(Text("No stories: the library has no articles."))
        return 0
    for story in stories:
        out.print(_story_heading(story))
        for member in story.articles:
            line = Text("  ")
            line.append(member.outlet, style="bold")
            line.append(f" · {member.published[:10] if member.published else 'undated'} · ")
            line.append(member.title)
            out.print(line)
            out.print(Text(f"    {member.id}", style="dim"))
    return 0


def _story_heading(story: Story) -> Text:
    from rich.text import Text

    versions = len(story.articles)
    heading = Text()
    heading.append(story.id, style="cyan")
    heading.append("  ")
    heading.append(story.title, style="bold")
    heading.append(f"  · {versions} version{'s' if versions != 1 else ''}")
    return heading


def run_story(args: argparse.Namespace) -> int:
    from index.errors import NotFoundError
    from index.facts import facts
    from tui.output import console, print_json

    library, index = _open_library(args)
    story = index.get(args.story_id) or index.story_of(args.story_id)
    if story is None:
        try:
            article = resolve_article(args.story_id, index.members())
        except NotFoundError:
            raise NotFoundError(
                f"no story {args.story_id!r} in the library (see `brief stories`)"
            ) from None
        story = index.story_of(article.id)
    if story is None:
        raise NotFoundError(f"no story {args.story_id!r} in the library (see `brief stories`)")
    versions = [library.load(m.id) for m in story.articles]
    matrix = facts(versions)
    if args.json:
        print_json({"story": story.to_json(), **matrix.to_json()})
        return 0
    out = console(fit=True)
    if args.width:
        out.width = args.width
    render_matrix(story, matrix, out, whole=_whole_lines(out, args.width))
    return 0


def render_matrix(story: Story, matrix: FactMatrix, out: object, *, whole: bool = False) -> None:
    """Facts as rows, outlets as columns: ● reported, ⚑ reported with a number the others
    do not give (the odd one out when most agree).

    ``whole`` (a pipe or a file): a header line and one tab-separated row per fact, its
    text whole, one column per version. Otherwise a table fitted to the width, where the
    versions share one narrow column of marks so that the fact text gets all the room
    left: each fact on one line, cut with '…' (the whole text is in ``--json``)."""
    from rich.console import Console
    from rich.text import Text

    from tui.output import Column, print_table

    assert isinstance(out, Console)
    out.print(_story_heading(story), soft_wrap=whole)
    shared = sum(1 for f in matrix.facts if not f.single_outlet)
    out.print(
        Text(
            f"{len(matrix.facts)} facts · {shared} reported by several outlets · "
            f"{len(matrix.single_outlet_facts())} by one only · "
            f"{sum(1 for f in matrix.facts if f.numbers_differ)} with differing numbers"
        ),
        soft_wrap=whole,
    )
    if not matrix.facts:
        return
    if whole:
        columns = [Column("fact"), Column("text")]
        columns += [Column(f"{n} {v.outlet}") for n, v in enumerate(matrix.versions, 1)]
        rows = (
            [fact.id, " ".join(fact.text.split()), *_marks(matrix, fact)] for fact in matrix.facts
        )
        print_table(out, columns, rows)
    else:
        out.print(_matrix_table(matrix))
    for number, version in enumerate(matrix.versions, 1):
        date = f" · {version.published[:10]}" if version.published else ""
        out.print(Text(f"  {number} = {version.outlet}{date}"), soft_wrap=whole)
    legend = "  ● reports the fact, ⚑ with a number the other outlets do not give"
    out.print(Text(legend if whole else f"{legend}, · does not"), soft_wrap=whole)
    differing = [f for f in matrix.facts if f.numbers_differ]
    if differing:
        out.print(Text("Numbers that differ", style="bold"), soft_wrap=whole)
        for fact in differing:
            for difference in fact.differences:
                out.print(Text(f"  ⚑ {fact.id}: {difference}"), soft_wrap=whole)


def _marks(matrix: FactMatrix, fact: Fact) -> list[str]:
    """Per version: ● it reports the fact, ⚑ with a differing number, or ''."""
    return [
        ("⚑" if v.id in fact.differs else "●") if v.id in fact.passages else ""
        for v in matrix.versions
    ]


def _matrix_table(matrix: FactMatrix) -> Table:
    """The terminal's fact matrix: fact id, text (all the width left), and the versions'
    marks in one column, one character per version under its number."""
    from rich.table import Table
    from rich.text import Text

    count = len(matrix.versions)
    table = Table(expand=True, pad_edge=False)
    table.add_column("fact", no_wrap=True, width=max(4, max(len(f.id) for f in matrix.facts)))
    table.add_column("", ratio=1, overflow="ellipsis", no_wrap=True)
    header = Text("\n").join(Text(line) for line in _mark_header(count))
    table.add_column(header, no_wrap=True, vertical="middle")
    for fact in matrix.facts:
        marks = Text()
        for number, mark in enumerate(_marks(matrix, fact), 1):
            if number > 1:
                marks.append(_mark_gap(count, number))
            marks.append(
                mark or "·", style="bold magenta" if mark == "⚑" else "" if mark else "dim"
            )
        text = Text(" ".join(fact.text.split()), style="italic" if fact.single_outlet else "")
        table.add_row(fact.id, text, marks)
    return table


def _mark_gap(count: int, number: int) -> str:
    """What separates version ``number - 1``'s mark from ``number``'s: a space while there
    are few versions, else a space after every fifth (20 versions take 23 columns)."""
    if count <= 9:
        return " "
    return " " if (number - 1) % 5 == 0 else ""


def _mark_header(count: int) -> list[str]:
    """The versions' numbers above their marks: one line of digits, or for 10 versions and
    more, a line of tens above a line of units."""
    units = tens = ""
    for number in range(1, count + 1):
        if number > 1:
            gap = _mark_gap(count, number)
            units += gap
            tens += gap
        units += str(number % 10)
        tens += str(number // 10 % 10) if number >= 10 else " "
    return [units] if count <= 9 else [tens, units]

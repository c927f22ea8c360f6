"""Turn :mod:`index.compare`'s records into what the compare screen shows.

Kept apart from the screen so the engine's record shapes are read in one place: row texts,
word-diff spans and number claims arrive as body offsets and become offsets into each cell.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from textual.content import Content

from tui.screens.compare_picker import VersionChoice
from tui.widgets.compare_view import CompareLine, Mark

if TYPE_CHECKING:
    from index.compare import Comparison, NumberNote, Row
    from index.workspace import Workspace

KIND_ORDER = ("same", "reworded", "left-only", "right-only")
KIND_STYLES = {
    "same": "$text-muted",
    "reworded": "$text-warning",
    "left-only": "$text-error",
    "right-only": "$text-success",
}


def lines_from_comparison(comparison: Comparison) -> list[CompareLine]:
    """One :class:`CompareLine` per engine row, with word-diff and number marks by offset."""
    notes: dict[int, list[NumberNote]] = defaultdict(list)
    for note in comparison.numbers:
        if note.row is not None:
            notes[note.row].append(note)
    return [line_from_row(i, row, notes.get(i, [])) for i, row in enumerate(comparison.rows)]


def line_from_row(index: int, row: Row, notes: list[NumberNote]) -> CompareLine:
    left_marks: list[Mark] = []
    right_marks: list[Mark] = []
    if row.left is not None and row.right is not None and row.kind != "same":
        for op in row.diff:
            if op.op == "equal":
                continue
            left_marks += _mark(op.left_span, row.left_span, "diff")
            right_marks += _mark(op.right_span, row.right_span, "diff")
    # Only numbers that disagree with the linked passage are marked and flagged: a number
    # one side alone gives (a one-sided passage, an extra figure) is no disagreement.
    note = None
    if row.numbers_differ:
        conflicting_left, conflicting_right = row.conflicting_numbers
        for claim in conflicting_left:
            left_marks += _mark((claim.start, claim.end), row.left_span, "number")
        for claim in conflicting_right:
            right_marks += _mark((claim.start, claim.end), row.right_span, "number")
        differs = [n for n in notes if n.kind == "differs"]
        note = "; ".join(n.describe() for n in differs) or "numbers differ"
    linked = None
    if row.linked_row is not None:
        linked = "above" if row.linked_row < index else "below"
    return CompareLine(
        kind=row.kind,
        left=row.left_text,
        right=row.right_text,
        left_span=row.left_span,
        right_span=row.right_span,
        similarity=row.similarity if row.left is not None and row.right is not None else None,
        left_marks=tuple(_merge(left_marks)),
        right_marks=tuple(_merge(right_marks)),
        number_note=note,
        linked=linked,
    )


def _mark(span: tuple[int, int] | None, cell: tuple[int, int] | None, role: str) -> list[Mark]:
    """A body span as a mark relative to the cell's passage (clipped to it)."""
    if span is None or cell is None:
        return []
    start, end = max(span[0], cell[0]) - cell[0], min(span[1], cell[1]) - cell[0]
    return [Mark(start, end, role)] if end > start else []  # type: ignore[arg-type]


def _merge(marks: list[Mark]) -> list[Mark]:
    """Join diff marks separated by at most one character, so a changed phrase reads as one."""
    merged: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, m.role)):
        last = merged[-1] if merged else None
        if last and last.role == mark.role == "diff" and mark.start - last.end <= 1:
            merged[-1] = Mark(last.start, max(last.end, mark.end), "diff")
        else:
            merged.append(mark)
    return merged


def summary_content(comparison: Comparison) -> Content:
    """``shared 62% of left · 48% of right · 9 same · 5 reworded …`` and any engine notes."""
    summary = comparison.summary
    parts: list[str | tuple[str, str]] = [
        ("shared ", "$text-muted"),
        (f"{round(summary.left_shared * 100)}%", "bold"),
        (" of left · ", "$text-muted"),
        (f"{round(summary.right_shared * 100)}%", "bold"),
        (" of right", "$text-muted"),
    ]
    for kind in KIND_ORDER:
        parts.append(("  ·  ", "$text-muted"))
        parts.append((f"{summary.counts.get(kind, 0)} ", "bold"))
        parts.append((kind.replace("-", " "), KIND_STYLES[kind]))
    differing = sum(1 for row in comparison.rows if row.numbers_differ)
    if differing:
        parts.append(("  ·  ", "$text-muted"))
        parts.append((f"⚑ {differing} with different numbers", "bold $text-warning"))
    for note in comparison.notes:
        parts.append(("\n", ""))
        parts.append((note, "italic $text-warning"))
    return Content.assemble(*parts)


def story_versions(
    workspace: Workspace, article_id: str
) -> tuple[str | None, str | None, list[VersionChoice]]:
    """The story holding ``article_id`` (id, title) and its versions; every article if none."""
    story = workspace.story_of(article_id)
    if story is not None:
        choices = [VersionChoice(m.id, m.outlet, m.title, m.published) for m in story.articles]
        return story.id, story.title, choices
    choices = [VersionChoice(a.id, a.outlet, a.title, a.published) for a in workspace.articles()]
    return None, None, choices

"""Turn the comparison engine's records into what the compare screen shows.

Kept apart from the screen so the engine's record shapes are read in one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from textual.content import Content

from tui.screens.compare_picker import VersionChoice
from tui.widgets.compare_view import CompareLine, Mark

_KIND_ORDER = ("same", "reworded", "left-only", "right-only")


def lines_from_comparison(comparison: Any) -> list[CompareLine]:
    """One :class:`CompareLine` per engine row, with word-diff and number marks by offset."""
    return [line_from_row(row) for row in comparison.rows]


def line_from_row(row: Any) -> CompareLine:
    left, right = row.left, row.right
    left_marks: list[Mark] = []
    right_marks: list[Mark] = []
    if left and right and row.kind != "same":
        left_marks, right_marks = diff_marks(left, right, getattr(row, "diff", None) or ())
    note = number_note(row)
    for value in _row_numbers(row, "left"):
        left_marks.extend(_find_all(left, value, "number"))
    for value in _row_numbers(row, "right"):
        right_marks.extend(_find_all(right, value, "number"))
    return CompareLine(
        kind=str(row.kind),
        left=left,
        right=right,
        left_span=_span(getattr(row, "left_span", None)),
        right_span=_span(getattr(row, "right_span", None)),
        similarity=getattr(row, "similarity", None),
        left_marks=tuple(left_marks),
        right_marks=tuple(right_marks),
        number_note=note,
    )


def diff_marks(left: str, right: str, ops: Iterable[Any]) -> tuple[list[Mark], list[Mark]]:
    """Locate the changed words of each op in the two texts, in order, as marks."""
    left_marks: list[Mark] = []
    right_marks: list[Mark] = []
    left_at = right_at = 0
    for op in ops:
        kind, left_words, right_words = _op_parts(op)
        changed = kind != "equal"
        left_at = _walk(left, left_words, left_at, left_marks if changed else None)
        right_at = _walk(right, right_words, right_at, right_marks if changed else None)
    return _merge(left_marks), _merge(right_marks)


def _op_parts(op: Any) -> tuple[str, Sequence[str], Sequence[str]]:
    if isinstance(op, dict):
        return op.get("op", "equal"), op.get("left") or (), op.get("right") or ()
    if isinstance(op, tuple):
        kind, left_words, right_words = op
        return kind, left_words or (), right_words or ()
    return op.op, getattr(op, "left", None) or (), getattr(op, "right", None) or ()


def _walk(text: str, words: Iterable[str] | str, at: int, marks: list[Mark] | None) -> int:
    if isinstance(words, str):
        words = words.split()
    for word in words:
        found = text.find(word, at)
        if found < 0:
            continue
        if marks is not None:
            marks.append(Mark(found, found + len(word), "diff"))
        at = found + len(word)
    return at


def _merge(marks: list[Mark]) -> list[Mark]:
    """Join marks separated only by one space, so a changed phrase reads as one."""
    merged: list[Mark] = []
    for mark in marks:
        if merged and mark.start - merged[-1].end <= 1:
            merged[-1] = Mark(merged[-1].start, mark.end, "diff")
        else:
            merged.append(mark)
    return merged


def _find_all(text: str | None, value: str, role: str) -> list[Mark]:
    if not text or not value:
        return []
    return (
        [
            Mark(m.start(), m.end(), "number")  # type: ignore[arg-type]
            for m in re.finditer(re.escape(value), text)
        ][:3]
        if role == "number"
        else []
    )


def _row_numbers(row: Any, side: str) -> list[str]:
    values = getattr(row, f"{side}_numbers", None) or ()
    return [getattr(v, "text", v) for v in values if isinstance(getattr(v, "text", v), str)]


def number_note(row: Any) -> str | None:
    """A short line naming the numbers that differ in this row, if the engine flags any."""
    note = getattr(row, "number_note", None)
    if note:
        return str(note)
    flags = getattr(row, "numbers", None) or getattr(row, "number_flags", None)
    if not flags:
        return None
    if isinstance(flags, str):
        return flags
    return "; ".join(str(getattr(f, "describe", lambda f=f: f)()) for f in flags)


def _span(value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    start, end = value
    return int(start), int(end)


def summary_content(comparison: Any) -> Content:
    """Shared share of each side and counts per kind, e.g. ``shared 62% / 48% · 9 same``."""
    summary = comparison.summary
    parts: list[str | tuple[str, str]] = []
    shared_left = _get(summary, "shared_left", "left_shared", "left_share")
    shared_right = _get(summary, "shared_right", "right_shared", "right_share")
    if shared_left is not None:
        parts.append(("shared ", "$text-muted"))
        parts.append((f"{round(float(shared_left) * 100)}%", "bold"))
        if shared_right is not None:
            parts.append((" of left · ", "$text-muted"))
            parts.append((f"{round(float(shared_right) * 100)}%", "bold"))
            parts.append((" of right", "$text-muted"))
    counts = _get(summary, "counts") or {}
    colours = {
        "reworded": "$text-warning",
        "left-only": "$text-error",
        "right-only": "$text-success",
    }
    for kind in _KIND_ORDER:
        count = counts.get(kind, 0) if isinstance(counts, dict) else 0
        if parts:
            parts.append(("  ·  ", "$text-muted"))
        parts.append((f"{count} ", "bold"))
        parts.append((kind.replace("-", " "), colours.get(kind, "")))
    differing = _get(summary, "numbers_differ", "number_differences")
    if differing:
        parts.append(("  ·  ", "$text-muted"))
        parts.append((f"⚑ {differing} number differences", "bold $text-warning"))
    return Content.assemble(*parts)


def _get(record: Any, *names: str) -> Any:
    for name in names:
        if isinstance(record, dict) and name in record:
            return record[name]
        if hasattr(record, name):
            return getattr(record, name)
    return None


def story_versions(
    workspace: Any, article_id: str
) -> tuple[str | None, str | None, list[VersionChoice]]:
    """The story holding ``article_id`` (id, title) and its versions; every article if none."""
    story = None
    try:
        from index.stories import story_index_for

        story = story_index_for(workspace.library.root).story_of(article_id)
    except (ImportError, AttributeError):
        story = None
    if story is not None:
        choices = [
            VersionChoice(m.id, m.outlet, m.title, getattr(m, "published", None))
            for m in story.articles
        ]
        return story.id, story.title, choices
    choices = [
        VersionChoice(a.id, a.outlet, a.title, getattr(a, "published", None))
        for a in workspace.articles()
    ]
    return None, None, choices

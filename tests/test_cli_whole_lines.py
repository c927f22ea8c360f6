"""`brief story ID` and `brief bookmarks list` into a file or a pipe keep every title, fact
and quote whole (a tester found fact texts cut to "SEOUL, South Kor…" and titles cut in
`brief bookmarks list > f`); on a terminal the fact matrix gives the fact text all the
width the versions' marks leave."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from index.library import Library
from tests.test_cli_library import brief

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def story_id(library: Path) -> str:
    result = brief(library, "stories", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)[0]["id"]


def test_story_in_a_file_gives_each_fact_whole_on_a_tab_separated_row(library: Path) -> None:
    sid = story_id(library)
    matrix = json.loads(brief(library, "story", sid, "--json").stdout)
    result = brief(library, "story", sid)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.startswith("fact\t"))
    outlets = [v["outlet"] for v in matrix["versions"]]
    assert header.split("\t") == ["fact", "text", *(f"{n} {o}" for n, o in enumerate(outlets, 1))]
    rows = {line.split("\t")[0]: line.split("\t") for line in lines if line.count("\t") >= 2}
    long_facts = [f for f in matrix["facts"] if len(f["text"]) > 120]
    assert long_facts
    for fact in matrix["facts"]:
        row = rows[fact["id"]]
        assert row[1] == " ".join(fact["text"].split())  # whole, never "SEOUL, South Kor…"
        reported = {v["outlet"] for v in matrix["versions"] if v["id"] in fact["reported_by"]}
        assert {outlets[i] for i, mark in enumerate(row[2:]) if mark} == reported
        assert all(mark in ("", "●", "⚑") for mark in row[2:])
    assert not any("…" in line for line in lines)
    assert lines[-1].startswith("  ● reports the fact")


def test_bookmarks_list_in_a_file_keeps_titles_and_quotes_whole(library: Path) -> None:
    articles, _ = Library(library).load_all()
    article = max(articles, key=lambda a: len(a.title))
    assert len(article.title) > 100
    paragraph = max((p.text for p in article.text_paragraphs()), key=len)
    assert len(paragraph) > 240
    added = brief(library, "bookmarks", "add", article.id, "--quote", paragraph, "--json")
    assert added.returncode == 0, added.stderr
    result = brief(library, "bookmarks", "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith(f"{article.outlet} · {article.title}")
    assert any(line.strip() == f"“{' '.join(paragraph.split())}”" for line in lines)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def on_a_terminal(monkeypatch: pytest.MonkeyPatch, *args: str, columns: int = 80) -> list[str]:
    """`brief ARGS` in this process, its stdout a terminal ``columns`` wide."""
    from tui.cli import main

    monkeypatch.setenv("COLUMNS", str(columns))
    screen = _Terminal()
    with monkeypatch.context() as patch:
        patch.setattr(sys, "stdout", screen)
        assert main(list(args)) == 0
    return ANSI.sub("", screen.getvalue()).splitlines()


def shown_text(lines: list[str], fact_id: str) -> str:
    row = next(line for line in lines if line.startswith(f"│{fact_id} "))
    return row.split("│")[2].strip()


def test_on_a_terminal_the_fact_text_gets_the_room_the_marks_leave(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = story_id(library)
    lines = on_a_terminal(monkeypatch, "--library", str(library), "story", sid)
    table = [line for line in lines if line[:1] in "┏┃┡│└"]
    assert table and all(len(line) <= 80 for line in table)
    assert "1 2 3 4 5" in table[1]
    first = json.loads(brief(library, "story", sid, "--json").stdout)["facts"][0]["text"]
    shown = shown_text(lines, "F1")
    assert shown.endswith("…") and len(shown) >= 55  # it was 41 with a column per version
    assert " ".join(first.split()).startswith(shown[:-1])


def test_a_story_of_twelve_versions_still_shows_its_facts_at_80_columns(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twelve versions took a column of six characters each: 72 of 80 columns, leaving
    the fact text nothing. Now they take 14, under a line of tens and one of units."""
    source = next(library.glob("the-irish-news/*.md"))
    text = source.read_text(encoding="utf-8")
    for n in range(1, 8):
        copy = library / f"copy-{n}" / source.name
        copy.parent.mkdir()
        copy.write_text(
            text.replace("outlet: The Irish News", f"outlet: Copy Outlet {n}"), encoding="utf-8"
        )
    matrix = json.loads(brief(library, "story", "the-irish-news/", "--json").stdout)
    assert len(matrix["versions"]) == 12
    lines = on_a_terminal(monkeypatch, "--library", str(library), "story", "the-irish-news/")
    table = [line for line in lines if line[:1] in "┏┃┡│└"]
    assert all(len(line) <= 80 for line in table)
    assert table[1].rstrip("┃ ").endswith("1 11") and table[2].rstrip("┃ ").endswith("0 12")
    assert len(shown_text(lines, "F1")) >= 40


def test_add_in_a_file_names_each_dropped_line_whole(library: Path, tmp_path: Path) -> None:
    notice = (
        "Copyright 2023 The Example Daily Herald Company and its licensors, all rights "
        "reserved; no part of this page may be reproduced without written permission."
    )
    save = tmp_path / "save.txt"
    save.write_text(
        "Seoul says the North shipped shells to Moscow in ten separate deliveries\n\n"
        "SEOUL, South Korea - South Korea's spy agency said on Wednesday that North Korea "
        "had shipped more than a million artillery shells to Russia since August.\n\n"
        f"{notice}\n",
        encoding="utf-8",
    )
    result = brief(library, "add", str(save), "--outlet", "Example Herald", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert any(line.endswith(f"copyright notice: {notice}") for line in result.stdout.splitlines())

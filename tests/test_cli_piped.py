"""Output piped to another program or a file (``brief entities | less``, ``brief list >
file``): every line whole, nothing cut at 80 columns, so each title, id and table row can
be found with grep on its line. The CLI runs in a subprocess, stdout a pipe."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from index.library import Library
from tests.test_cli_library import brief


def titles(library: Path) -> dict[str, str]:
    """Article id -> title, for the bundled copy (most titles are over 80 characters)."""
    articles, _problems = Library(library).load_all()
    found = {a.id: a.title for a in articles}
    assert max(len(t) for t in found.values()) > 100
    return found


def lines_of(output: str) -> list[str]:
    return output.splitlines()


def test_stories_keep_each_title_and_id_on_its_line(library: Path) -> None:
    result = brief(library, "stories")
    assert result.returncode == 0, result.stderr
    lines = lines_of(result.stdout)
    for article_id, title in titles(library).items():
        assert any(title in line for line in lines), title
        assert any(line.strip() == article_id for line in lines), article_id
    story_id = json.loads(brief(library, "stories", "--json").stdout)[0]["id"]
    heading = next(line for line in lines if line.startswith(story_id))
    assert heading.endswith("· 5 versions")


def test_library_entities_are_one_tab_separated_row_each(library: Path) -> None:
    result = brief(library, "entities")
    assert result.returncode == 0, result.stderr
    lines = lines_of(result.stdout)
    header = next(line for line in lines if line.startswith("type\t"))
    assert header.split("\t") == ["type", "entity", "mentions", "outlets", "also written"]
    listed = json.loads(brief(library, "entities", "--json").stdout)["entities"]
    rows = [line.split("\t") for line in lines if line.count("\t") == 4 and line != header]
    assert len(rows) == len(listed)
    nis = next(row for row in rows if row[1] == "National Intelligence Service")
    entity = next(e for e in listed if e["name"] == "National Intelligence Service")
    assert nis[0] == "ORG" and nis[2] == str(entity["count"])
    assert nis[3] == ", ".join(f"{o} {n}" for o, n in entity["outlets"].items())
    assert "NIS" in nis[4].split(", ")
    assert not any(line.endswith(" ") for line in lines)  # no padding to a column width


def test_one_articles_entities_keep_the_title_and_rows_whole(library: Path) -> None:
    article_id, title = max(titles(library).items(), key=lambda item: len(item[1]))
    result = brief(library, "entities", article_id)
    assert result.returncode == 0, result.stderr
    lines = lines_of(result.stdout)
    assert lines[0].startswith(title + " — ")
    header = next(line for line in lines if line.startswith("type\t"))
    assert header.split("\t") == ["type", "entity", "in body", "in captions", "also written"]
    korea = next(line.split("\t") for line in lines if "\tNorth Korea\t" in line)
    assert korea[0] == "PLACE" and int(korea[2]) > 0


def test_entities_about_names_each_file_on_its_line(library: Path) -> None:
    result = brief(library, "entities", "--about")
    assert result.returncode == 0, result.stderr
    line = next(line for line in lines_of(result.stdout) if line.startswith("add your own"))
    assert line.endswith(str(library / "entities.toml"))


def test_list_and_search_keep_titles_and_ids_on_their_lines(library: Path) -> None:
    listing = lines_of(brief(library, "list").stdout)
    for article_id, title in titles(library).items():
        assert any(title in line and line.endswith(article_id) for line in listing), title
    result = brief(library, "search", "artillery", "shells")
    assert result.returncode == 0, result.stderr
    found = json.loads(brief(library, "search", "artillery", "shells", "--json").stdout)
    printed = lines_of(result.stdout)
    for number, hit in enumerate(found["hits"], 1):
        assert f"{number:>2}. {hit['title']}" in printed
        assert any(hit["id"] in line and "score" in line for line in printed)


def test_compare_and_story_headings_stay_whole_while_columns_keep_a_width(
    library: Path,
) -> None:
    ids = sorted(titles(library))
    left, right = ids[0], ids[-1]
    result = brief(library, "compare", left, right)
    assert result.returncode == 0, result.stderr
    lines = lines_of(result.stdout)
    assert f"({left})  vs  " in lines[0] and lines[0].endswith(f"({right})")
    assert max(len(line) for line in lines[2:]) <= 80  # the side-by-side table fits 80
    story_id = json.loads(brief(library, "stories", "--json").stdout)[0]["id"]
    matrix = lines_of(brief(library, "story", story_id).stdout)
    assert matrix[0].startswith(story_id) and matrix[0].endswith("· 5 versions")


def test_errors_are_not_cut_either(library: Path) -> None:
    missing = library / ("a-folder-with-a-long-name-" * 4)
    result = brief(missing, "list")
    assert result.returncode == 1
    assert f"the library folder {missing} does not exist" in result.stderr


def test_entities_limit_lists_the_most_mentioned(library: Path) -> None:
    every = json.loads(brief(library, "entities", "--json").stdout)["entities"]
    top = json.loads(brief(library, "entities", "--json", "--limit", "2").stdout)["entities"]
    assert top == every[:2]
    lines = lines_of(brief(library, "entities", "--limit", "3").stdout)
    rows = [line.split("\t") for line in lines if line.count("\t") == 4][1:]
    assert [row[1] for row in rows] == [e["name"] for e in every[:3]]
    assert lines[-1].startswith(f"the 3 most mentioned of {len(every)} entities")
    assert brief(library, "entities", "--limit", "-1").returncode == 1


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_listing_is_a_table_of_the_most_mentioned(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big library names tens of thousands of entities: a terminal gets a table of the
    most mentioned (here 3) with a line saying how to see the rest, and an entity many
    outlets name shows the outlets naming it most."""
    from tui.cli import main
    from tui.commands import entities

    monkeypatch.setattr(entities, "TERMINAL_ROWS", 3)
    monkeypatch.setattr(entities, "OUTLETS_SHOWN", 2)
    monkeypatch.setenv("COLUMNS", "160")
    every = json.loads(brief(library, "entities", "--json").stdout)["entities"]
    screen = _Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    assert main(["--library", str(library), "entities"]) == 0
    lines = screen.getvalue().splitlines()
    monkeypatch.undo()
    assert "\t" not in screen.getvalue() and any("│" in line for line in lines)
    first = every[0]
    most = sorted(first["outlets"].items(), key=lambda item: (-item[1], item[0]))[:2]
    row = next(line for line in lines if f" {first['name']} " in line)
    assert ", ".join(f"{o} {n}" for o, n in most) in row
    assert f"and {len(first['outlets']) - 2} more outlets" in row
    assert not any(f" {e['name']} " in line for e in every[3:] for line in lines)
    assert f"the 3 most mentioned of {len(every)} entities: --limit N" in lines[-1]


@pytest.mark.parametrize("command", [["list"], ["stories"], ["search", "shells"]])
def test_a_reader_that_stops_early_gets_no_traceback(library: Path, command: list[str]) -> None:
    """``brief list | head -1``: the reader closes the pipe before Brief has written
    everything; Brief stops quietly instead of printing a BrokenPipeError traceback."""
    import subprocess

    assert brief(library, "index").returncode == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--library", str(library), *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line
    errors = process.stderr.read().decode()
    assert process.wait(timeout=300) == 0
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors

"""`brief bookmarks ...` end to end: every subcommand and its errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main

EMBASSIES = "close its embassies in Uganda, Angola and Spain"
CONTAINERS = "around 2,000 containers filled with ammunition"


@pytest.fixture
def brief(library: Path, capsys: pytest.CaptureFixture[str]):
    """Run `brief --library LIB ...`; returns (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(["--library", str(library), *args])
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, " ".join(err.split())

    return run


def listed(brief) -> list[dict]:
    code, out, _ = brief("bookmarks", "list", "--json")
    assert code == 0
    return json.loads(out)["bookmarks"]


def test_add_list_edit_rm(brief):
    code, out, _ = brief(
        "bookmarks", "add", "GDC", "--quote", EMBASSIES, "--note", "only GDC", "--tag", "dip"
    )
    assert code == 0 and "Bookmarked #1" in out and EMBASSIES in out
    code, out, _ = brief("bookmarks", "add", "financial-world/", "--start", "10", "--end", "40")
    assert code == 0 and "#2" in out

    records = listed(brief)
    assert [set(r) for r in records] == [
        {
            "id",
            "article",
            "quote",
            "current_text",
            "status",
            "start",
            "end",
            "note",
            "tags",
            "created",
            "updated",
            "library",
        }
    ] * 2
    gdc = next(r for r in records if r["id"] == 1)
    assert gdc["quote"] == EMBASSIES and gdc["status"] == "anchored" and gdc["tags"] == ["dip"]
    assert gdc["article"].startswith("gdc/")

    code, out, _ = brief("bookmarks", "list", "--tag", "DIP")
    assert code == 0 and "#1" in out and "#2" not in out and "only GDC" in out

    code, out, _ = brief(
        "bookmarks", "edit", "1", "--note", "checked", "--tag", "x", "--untag", "dip"
    )
    assert code == 0
    gdc = next(r for r in listed(brief) if r["id"] == 1)
    assert gdc["note"] == "checked" and gdc["tags"] == ["x"]

    code, out, _ = brief("bookmarks", "rm", "2")  # not a terminal: no question asked
    assert code == 0 and "Deleted #2" in out
    assert [r["id"] for r in listed(brief)] == [1]


def test_rm_asks_on_a_terminal(brief, monkeypatch: pytest.MonkeyPatch):
    brief("bookmarks", "add", "GDC", "--quote", EMBASSIES)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    code, out, err = brief("bookmarks", "rm", "1")
    assert code == 1 and "nothing deleted" in err and EMBASSIES in out
    assert len(listed(brief)) == 1
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    assert brief("bookmarks", "rm", "1")[0] == 0
    assert listed(brief) == []
    brief("bookmarks", "add", "GDC", "--quote", EMBASSIES)
    monkeypatch.setattr("builtins.input", lambda prompt: pytest.fail("asked despite --yes"))
    assert brief("bookmarks", "rm", "--yes", "2")[0] == 0


def test_note_from_standard_input(brief, monkeypatch: pytest.MonkeyPatch):
    note = "line one\n\n# heading [bold]x[/]\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(note))
    assert brief("bookmarks", "add", "GDC", "--quote", EMBASSIES, "--note", "-")[0] == 0
    assert listed(brief)[0]["note"] == note


def test_quote_typed_with_straight_quotes_finds_the_curly_original(brief):
    code, _, err = brief("bookmarks", "add", "GDC", "--quote", "confirmed north korea's PLAN")
    assert code == 0, err
    assert listed(brief)[0]["quote"] == "confirmed North Korea’s plan"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "Nobody Times", "--quote", "x"], "no article 'Nobody Times'"),
        (["add", "t", "--quote", "x"], "'t' matches 2 articles"),
        (
            ["add", "GDC", "--quote", "close its embassy in Uganda and Angola"],
            "the quote is not in gdc/",
        ),
        (
            ["add", "GDC", "--quote", "close its embassy in Uganda and Angola"],
            "Closest passage",
        ),
        (["add", "GDC", "--quote", "zebra quantum xylophone"], "nothing in it is close"),
        (["add", "GDC", "--quote", "North Korea"], "occurs"),
        (["add", "GDC", "--start", "10", "--end", "5"], "bad offsets --start 10 --end 5"),
        (["add", "GDC", "--start", "10", "--end", "999999"], "bad offsets"),
        (["add", "GDC", "--start", "10"], "--start and --end go together"),
        (["add", "GDC", "--quote", "x", "--start", "1", "--end", "2"], "not both"),
        (["add", "GDC"], "say which passage"),
        (["edit", "99", "--note", "x"], "no bookmark #99"),
        (["rm", "99", "--yes"], "no bookmark #99"),
    ],
)
def test_errors_are_clear(brief, args: list[str], message: str):
    code, out, err = brief("bookmarks", *args)
    assert code != 0
    assert message in err
    assert "Traceback" not in err + out


def test_closest_passage_is_quoted_in_the_error(brief):
    _, _, err = brief(
        "bookmarks", "add", "GDC", "--quote", "close its embassy in Uganda and Angola"
    )
    assert "close its embassies in Uganda, Angola" in err


def test_edit_errors(brief):
    brief("bookmarks", "add", "GDC", "--quote", EMBASSIES, "--tag", "a")
    assert "has no tag 'zz'" in brief("bookmarks", "edit", "1", "--untag", "zz")[2]
    assert "nothing to change" in brief("bookmarks", "edit", "1")[2]
    assert "not changed: nothing to accept" in brief("bookmarks", "edit", "1", "--accept")[2]
    assert brief("bookmarks", "add", "GDC", "--quote", EMBASSIES)[2].count("already bookmark #1")


def test_bad_id_is_an_argument_error(brief):
    code, _, err = brief("bookmarks", "edit", "abc", "--note", "x")
    assert code == 2 and "'abc' is not a bookmark id" in err


def test_edited_article_shows_changed_in_list_and_check(brief, library: Path):
    brief("bookmarks", "add", "Financial World", "--quote", CONTAINERS)
    path = next(library.glob("financial-world/*.md"))
    path.write_text(
        path.read_text(encoding="utf-8").replace("2,000 containers", "2,500 containers"),
        encoding="utf-8",
    )
    code, out, err = brief("bookmarks", "list")
    assert code == 0
    assert "1 bookmark changed" in err
    assert "now: “around 2,500 containers filled with ammunition”" in out
    record = listed(brief)[0]
    assert record["status"] == "changed" and record["quote"] == CONTAINERS
    assert record["current_text"] == CONTAINERS.replace("2,000", "2,500")
    code, out, _ = brief("bookmarks", "check")
    assert "0 anchored, 1 changed, 0 orphaned" in out
    assert brief("bookmarks", "edit", "1", "--accept")[0] == 0
    assert listed(brief)[0]["status"] == "anchored"


def test_export_markdown_and_json_files(brief, tmp_path: Path):
    brief("bookmarks", "add", "GDC", "--quote", EMBASSIES, "--tag", "dip", "--note", "n1")
    brief("bookmarks", "add", "Financial World", "--quote", CONTAINERS, "--tag", "num")
    code, out, _ = brief("bookmarks", "export")
    assert code == 0 and out.startswith("# Briefing") and f"> {EMBASSIES}" in out

    target = tmp_path / "briefing.md"
    assert brief("bookmarks", "export", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# Briefing")
    code, _, err = brief("bookmarks", "export", "-o", str(target))
    assert code == 1 and "exists; add --force" in err
    assert brief("bookmarks", "export", "--tag", "num", "-o", str(target), "--force")[0] == 0
    text = target.read_text(encoding="utf-8")
    assert CONTAINERS in text and EMBASSIES not in text

    grouped = brief("bookmarks", "export", "--group-by", "tag")[1]
    assert "### dip" in grouped and "### num" in grouped

    exported = tmp_path / "bookmarks.json"
    assert brief("bookmarks", "export", "-o", str(exported))[0] == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "brief-bookmarks" and len(data["bookmarks"]) == 2
    assert brief("bookmarks", "export", "-o", str(tmp_path))[2].count("is a folder")


def test_export_by_story(brief):
    brief("bookmarks", "add", "GDC", "--quote", EMBASSIES)
    code, out, _ = brief("bookmarks", "export", "--story", "north korea")
    assert code == 0 and EMBASSIES in out
    code, _, err = brief("bookmarks", "export", "--story", "no such story at all")
    assert code == 1 and "is not a story" in err


def test_import_merges_without_duplicates_and_reports_bad_files(brief, tmp_path: Path):
    brief("bookmarks", "add", "GDC", "--quote", EMBASSIES, "--note", "é [b] \x1b[31m")
    exported = tmp_path / "bookmarks.json"
    brief("bookmarks", "export", "-o", str(exported))
    code, out, _ = brief("bookmarks", "import", str(exported))
    assert code == 0 and "0 added, 0 updated, 1 already present" in out
    assert listed(brief)[0]["note"] == "é [b] \x1b[31m"

    bad = tmp_path / "bad.json"
    bad.write_text('{"bookmarks": [}', encoding="utf-8")
    code, _, err = brief("bookmarks", "import", str(bad))
    assert code == 1 and "bad.json: not valid JSON" in err and "line 1, column 16" in err
    code, _, err = brief("bookmarks", "import", str(tmp_path / "none.json"))
    assert code == 1 and "no file" in err
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert "not UTF-8" in brief("bookmarks", "import", str(binary))[2]


def test_markup_in_notes_is_printed_literally(brief):
    note = "[bold red]alarm[/] [@click=app.quit]quit[/] \x1b[2Jclear"
    brief("bookmarks", "add", "GDC", "--quote", EMBASSIES, "--note", note)
    _, out, _ = brief("bookmarks", "list")
    assert "[bold red]alarm[/] [@click=app.quit]quit[/]" in out
    assert "\x1b" not in out


def test_damaged_store_is_reported_on_the_command_line(brief):
    from index.locations import bookmarks_db

    path = bookmarks_db()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"garbage " * 500)
    code, _, err = brief("bookmarks", "list")
    assert code == 0 and "was damaged" in err and "moved aside" in err


def test_cli_in_a_subprocess(library: Path, tmp_path: Path):
    env = {**os.environ, "NO_COLOR": "1"}
    command = [sys.executable, "-m", "tui.cli", "--library", str(library), "bookmarks"]
    repo = Path(__file__).resolve().parent.parent
    added = subprocess.run(
        [*command, "add", "GDC", "--quote", EMBASSIES, "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=repo,
        timeout=120,
    )
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["quote"] == EMBASSIES
    missing = subprocess.run(
        [*command, "rm", "42", "--yes"], capture_output=True, text=True, env=env, cwd=repo
    )
    assert missing.returncode == 1 and "no bookmark #42" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_orphans_say_why_and_can_still_be_listed_by_article(brief, library: Path):
    brief("bookmarks", "add", "GDC", "--quote", EMBASSIES, "--note", "keep")
    brief("bookmarks", "add", "Financial World", "--quote", CONTAINERS)
    gdc_path = next(library.glob("gdc/*.md"))
    gdc_id = gdc_path.relative_to(library).as_posix()
    gdc_path.unlink()
    fw = next(library.glob("financial-world/*.md"))
    fw.write_text(fw.read_text(encoding="utf-8").replace(CONTAINERS, "other words"), "utf-8")
    code, out, err = brief("bookmarks", "list")
    assert code == 0 and "2 bookmarks orphaned: article removed from the library (#1); " in err
    assert "passage not found in the article any more (#2)" in err
    assert "orphaned: article removed from the library. Quote kept as saved" in out
    assert "orphaned: passage not found in the article any more. Quote kept" in out
    code, out, _ = brief("bookmarks", "list", "--article", gdc_id)
    assert code == 0 and EMBASSIES in out and CONTAINERS not in out


def test_show_and_tags(brief):
    long_quote = (
        "North Korea has likely supplied several types of missiles to Russia to support its "
        "war in Ukraine, along with its widely reported shipments of ammunition and shells, "
        "South Korea’s military said Thursday"
    )
    brief("bookmarks", "add", "GDC", "--quote", long_quote, "--tag", "missiles", "--tag", "x")
    brief("bookmarks", "add", "GDC", "--quote", EMBASSIES, "--tag", "Missiles")
    code, out, _ = brief("bookmarks", "show", "1")
    assert code == 0 and long_quote in out and "in context (in the article as it is now):" in out
    record = json.loads(brief("bookmarks", "show", "1", "--json")[1])
    assert record["quote"] == long_quote and record["source"]["outlet"] == "GDC"
    assert record["suffix"] and record["uid"]
    assert "no bookmark #9" in brief("bookmarks", "show", "9")[2]
    code, out, _ = brief("bookmarks", "tags")
    assert code == 0 and out.split() == ["2", "missiles", "1", "x"]
    data = json.loads(brief("bookmarks", "tags", "--json")[1])
    assert data == {"tags": [{"tag": "missiles", "count": 2}, {"tag": "x", "count": 1}]}


# -- libraries ------------------------------------------------------------------------------


@pytest.fixture
def second(library: Path, tmp_path: Path) -> Path:
    """A second library: a copy of the first, same article ids, another folder."""
    import shutil

    target = tmp_path / "second"
    shutil.copytree(library, target)
    return target


def test_each_library_lists_checks_and_exports_its_own(brief, second: Path, tmp_path: Path):
    assert brief("bookmarks", "add", "GDC", "--quote", EMBASSIES, "--note", "in first")[0] == 0
    other = ("--library", str(second))
    # The second library lacks the first's article: before, it was listed as orphaned there.
    next(second.glob("gdc/*.md")).unlink()
    code, out, err = brief(*other, "bookmarks", "list")
    assert code == 0 and "No bookmarks in this library" in out and "orphaned" not in err
    assert "1 more bookmark in other libraries: add --all-libraries" in out
    code, out, _ = brief(*other, "bookmarks", "check")
    assert "0 bookmarks checked in this library" in out
    assert brief(*other, "bookmarks", "add", "Financial World", "--quote", CONTAINERS)[0] == 0

    code, out, _ = brief("bookmarks", "list")
    assert "in first" in out and CONTAINERS not in out
    assert "1 more bookmark in other libraries" in out
    code, out, _ = brief("bookmarks", "list", "--all-libraries")
    assert "in first" in out and CONTAINERS in out
    assert f"library {second.resolve()}" in out and "(current)" in out
    assert (
        len(json.loads(brief("bookmarks", "list", "--all-libraries", "--json")[1])["bookmarks"])
        == 2
    )

    code, out, _ = brief("bookmarks", "export")
    assert "in first" in out and CONTAINERS not in out
    code, out, _ = brief("bookmarks", "export", "--all-libraries")
    assert "in first" in out and "around 2,000 containers" in out

    code, out, _ = brief("bookmarks", "check", "--all-libraries", "--json")
    report = json.loads(out)
    assert report["checked"] == 2 and report["status"]["anchored"] == 2
    code, out, _ = brief("bookmarks", "libraries")
    assert code == 0 and str(second.resolve()) in out and "*" in out


def test_moved_library_is_reported_and_relocated(brief, library: Path, tmp_path: Path):
    first = ("--library", str(library))
    assert brief(*first, "bookmarks", "add", "GDC", "--quote", EMBASSIES, "--note", "n")[0] == 0
    moved = tmp_path / "moved"
    library.rename(moved)
    here = ("--library", str(moved))
    code, out, err = brief(*here, "bookmarks", "list")
    assert "No bookmarks in this library" in out
    assert f"belong to the library {library.resolve()}, whose folder no longer exists" in err
    assert f"brief bookmarks relocate {library.resolve()} {moved.resolve()}" in err
    code, out, _ = brief(*here, "bookmarks", "libraries")
    assert "(folder no longer exists)" in out

    code, out, err = brief(*here, "bookmarks", "relocate", str(library))
    assert code == 0 and f"Moved 1 bookmark of {library} to {moved}" in out
    code, out, err = brief(*here, "bookmarks", "list")
    assert "#1 ● anchored" in out and "no longer exists" not in err

    code, _, err = brief(*here, "bookmarks", "relocate", str(library))
    assert code != 0 and "no bookmarks belong to a library" in err
    code, _, err = brief(*here, "bookmarks", "relocate")
    assert code != 0 and "give OLD [NEW]" in err


def test_a_store_from_before_libraries_keeps_everything(brief, library: Path, tmp_path: Path):
    import shutil

    from index.locations import bookmarks_db

    store = bookmarks_db()
    store.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(__file__).parent / "golden" / "bookmarks-store-v2.sqlite", store)
    code, out, err = brief("bookmarks", "list", "--json")
    assert code == 0 and len(json.loads(out)["bookmarks"]) == 5
    assert "5 bookmarks saved before Brief recorded libraries now belong to this library" in err
    code, out, _ = brief("bookmarks", "check", "--all-libraries")
    assert "1 bookmark has no library recorded" in out
    assert "brief bookmarks relocate --unassigned NEW" in out
    code, out, _ = brief("bookmarks", "list", "--all-libraries")
    assert "no library recorded" in out and "made in the other library" in out
    code, out, _ = brief("bookmarks", "relocate", "--unassigned")
    assert code == 0 and "Moved 1 bookmark with no library recorded" in out
    assert len(listed(brief)) == 6
    code, _, err = brief("bookmarks", "relocate", "--unassigned", "a", "b")
    assert code != 0 and "give --unassigned [NEW]" in err


def test_export_to_a_missing_folder_is_refused_not_created(brief, tmp_path: Path):
    brief("bookmarks", "add", "GDC", "--quote", EMBASSIES)
    target = tmp_path / "nonexistent" / "dir" / "brief.md"
    code, _, err = brief("bookmarks", "export", "-o", str(target))
    assert code == 1
    assert f"no such folder: {target.parent}" in err
    assert not (tmp_path / "nonexistent").exists()


def test_show_gives_the_context_spaced_as_in_the_article(brief):
    assert brief("bookmarks", "add", "GDC", "--quote", "more than 150 countries")[0] == 0
    code, out, _ = brief("bookmarks", "show", "1")
    assert code == 0
    assert "in context (in the article as it is now):" in out
    assert "diplomatic relations with more than 150 countries but operates" in out
    assert "withmore" not in out and "countriesbut" not in out


def test_show_puts_each_paragraph_of_the_context_on_its_own_line(brief):
    quote = "South Korea’s military said Thursday"
    assert brief("bookmarks", "add", "The Hill", "--quote", quote)[0] == 0
    _, out, _ = brief("bookmarks", "show", "1")
    lines = out.splitlines()
    [passage_line] = [line for line in lines if line.startswith(f"   {quote} that North Korea")]
    before = lines[lines.index(passage_line) - 1]
    assert before.endswith("Kremlin Pool Photo via AP)")  # the caption: a paragraph of its own
    assert "AP)South" not in out


def test_show_context_follows_the_article_as_edited(brief, library: Path):
    assert brief("bookmarks", "add", "Financial World", "--quote", CONTAINERS)[0] == 0
    path = next(library.glob("financial-world/*.md"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(CONTAINERS, CONTAINERS + ", newly counted,"), "utf-8")
    _, out, _ = brief("bookmarks", "show", "1")
    assert f"{CONTAINERS}, newly counted," in out
    record = json.loads(brief("bookmarks", "show", "1", "--json")[1])
    assert record["context"]["current"] is True
    assert record["context"]["after"].startswith(", newly counted,")


def test_show_of_an_orphan_gives_the_saved_context_and_says_so(brief, library: Path):
    assert brief("bookmarks", "add", "Financial World", "--quote", CONTAINERS)[0] == 0
    path = next(library.glob("financial-world/*.md"))
    path.unlink()
    _, out, _ = brief("bookmarks", "show", "1")
    assert "in context (as saved with the bookmark):" in out
    assert CONTAINERS in out

"""`brief index`, `brief list` and `brief search` end to end, in a subprocess with a temporary
library and cache folder (the autouse fixture points XDG_* at a temporary home)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from index import locations
from tests.test_index import write

OUTLETS = {"The Irish News", "The Hill", "ICARO Media Group", "GDC", "Financial World"}


def brief(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "--library", str(library), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parent.parent,
    )


def test_index_then_nothing_to_do(library: Path) -> None:
    first = brief(library, "index")
    assert first.returncode == 0, first.stderr
    assert "5 added" in first.stdout
    second = brief(library, "index")
    assert "0 added, 0 updated, 0 removed, 5 unchanged" in second.stdout
    assert "\x1b" not in first.stdout + first.stderr  # no progress bar off a terminal


def test_index_json_and_rebuild(library: Path) -> None:
    brief(library, "index")
    result = brief(library, "index", "--rebuild", "--json")
    data = json.loads(result.stdout)
    assert data["rebuilt"] is True
    assert len(data["added"]) == 5
    assert data["problems"] == []


def test_list_json_shape_and_outlet_filter(library: Path) -> None:
    result = brief(library, "list", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"articles"}
    assert {a["outlet"] for a in data["articles"]} == OUTLETS
    for article in data["articles"]:
        assert set(article) == {"id", "title", "outlet", "published", "author", "url", "story"}
    hill = json.loads(brief(library, "list", "--outlet", "the hill", "--json").stdout)
    assert [a["outlet"] for a in hill["articles"]] == ["The Hill"]


def test_list_readable(library: Path) -> None:
    result = brief(library, "list")
    assert result.returncode == 0
    assert "5 article(s)" in result.stdout
    assert "Financial World" in result.stdout


def test_search_json_shape(library: Path) -> None:
    result = brief(library, "search", "artillery", "shells", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"query", "total", "suggestion", "facets", "hits"} == set(data)
    assert data["query"] == "artillery shells"
    assert data["total"] == len(data["hits"]) >= 3
    assert sum(data["facets"]["outlet"].values()) == data["total"]
    for hit in data["hits"]:
        assert {"id", "title", "outlet", "published", "score", "passage", "snippet"} <= set(hit)
        assert set(hit["passage"]) == {"index", "start", "end"}


def test_search_filters_and_sort(library: Path) -> None:
    data = json.loads(
        brief(
            library, "search", "korea", "--since", "2023-11-02", "--sort", "date", "--json"
        ).stdout
    )
    assert data["total"] == 3
    assert {h["published"][:10] for h in data["hits"]} == {"2023-11-02"}
    one = json.loads(brief(library, "search", "korea", "--outlet", "GDC", "--json").stdout)
    assert [h["outlet"] for h in one["hits"]] == ["GDC"]
    limited = json.loads(brief(library, "search", "korea", "--limit", "2", "--json").stdout)
    assert len(limited["hits"]) == 2 and limited["total"] >= 5


def test_search_readable_with_did_you_mean(library: Path) -> None:
    result = brief(library, "search", "artilery")
    assert result.returncode == 0
    assert "0 results for artilery" in result.stdout
    assert "Did you mean: artillery" in result.stdout
    found = brief(library, "search", "artillery")
    assert "Outlets:" in found.stdout
    assert "paragraph" in found.stdout


def test_junk_query_and_bad_date(library: Path) -> None:
    junk = brief(library, "search", '((( "unclosed title: AND')
    assert junk.returncode == 0
    assert "Traceback" not in junk.stderr
    bad = brief(library, "search", "korea", "--since", "yesterday")
    assert bad.returncode == 1
    assert "not a date" in bad.stderr


def test_untrusted_text_reaches_the_terminal_inert(library: Path) -> None:
    write(
        library,
        "x/evil.md",
        "[bold red]Evil[/] \x1b]0;pwned\x07 title",
        "Evil Outlet",
        "Quokka text with \x1b[31mescapes\x1b[0m and [link=file:///etc]markup[/link].",
    )
    result = brief(library, "search", "quokka")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "[bold red]Evil[/]" in result.stdout
    assert "[link=file:///etc]markup[/link]" in result.stdout


def test_corrupt_index_is_rebuilt_with_a_message(library: Path) -> None:
    brief(library, "index")
    folder = locations.index_dir(library)
    for toc in folder.glob("_MAIN_*.toc"):
        toc.write_bytes(b"broken")
    result = brief(library, "search", "artillery", "--json")
    assert result.returncode == 0
    assert "rebuilding" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["total"] >= 4


def test_bad_files_are_warned_about(library: Path) -> None:
    (library / "empty.md").write_text("")
    result = brief(library, "index")
    assert result.returncode == 0
    assert "empty.md" in result.stderr
    assert "5 added" in result.stdout


def test_missing_library_is_a_clear_error(tmp_path: Path) -> None:
    result = brief(tmp_path / "nowhere", "search", "x")
    assert result.returncode == 1
    assert "does not exist" in " ".join(result.stderr.split())


LATIN1 = "---\ntitle: Caf\xe9 news\noutlet: Le Caf\xe9\n---\n\nA report on the caf\xe9.\n"
UNCLOSED = '---\ntitle: "Unclosed\noutlet: X\nurl: https://x\n---\n\nBody.\n'


def test_a_decode_warning_is_still_listed_by_later_index_runs(library: Path) -> None:
    (library / "latin1.md").write_bytes(LATIN1.encode("latin-1"))
    first = brief(library, "index")
    assert "latin1.md: not valid UTF-8" in first.stderr
    again = brief(library, "index")
    assert "0 added" in again.stdout
    assert "latin1.md: not valid UTF-8" in again.stderr
    data = json.loads(brief(library, "index", "--json").stdout)
    assert [(p["path"], p["skipped"]) for p in data["problems"]] == [("latin1.md", False)]
    listing = brief(library, "list")
    assert "1 file read with a warning (brief index for details)" in listing.stderr


def test_queries_print_a_skip_once_then_one_line(library: Path) -> None:
    bad = library / "bad.md"
    bad.write_text(UNCLOSED, encoding="utf-8")
    first = brief(library, "list")
    assert "bad.md:2: malformed front matter: a quoted value is never closed" in first.stderr
    second = brief(library, "search", "shells")
    assert second.returncode == 0
    assert "malformed front matter" not in second.stderr
    assert second.stderr.count("1 file skipped (brief index for details)") == 1
    assert "malformed front matter" in brief(library, "index").stderr  # in full from index
    bad.write_text(UNCLOSED.replace('"Unclosed', '"Closed"'), encoding="utf-8")
    fixed = brief(library, "list")
    assert "skipped" not in fixed.stderr and "6 article(s)" in fixed.stdout


def test_a_changed_problem_is_printed_in_full_again(library: Path) -> None:
    bad = library / "bad.md"
    bad.write_text(UNCLOSED, encoding="utf-8")
    brief(library, "list")
    bad.write_text("---\ntitle: T\n---\n\nBody.\n", encoding="utf-8")
    run = brief(library, "list")
    assert "bad.md" in run.stderr and "lacks outlet" in run.stderr
    assert "quoted value" not in run.stderr

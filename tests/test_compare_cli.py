"""`brief compare`, `brief stories`, `brief story` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_stories_lists_the_bundled_story(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--library", str(library), "stories", "--json")
    assert code == 0
    (story,) = json.loads(out)
    assert len(story["articles"]) == 5
    assert {"id", "outlet", "title", "published"} <= set(story["articles"][0])
    code, text, _ = run(capsys, "--library", str(library), "stories")
    assert code == 0 and "5 versions" in text and "Financial World" in text and "undated" in text


def test_compare_by_outlet_names_as_json(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--library", str(library), "compare", "The Irish News", "icaro", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["left"]["outlet"] == "The Irish News"
    assert data["right"]["outlet"] == "ICARO Media Group"
    assert data["summary"]["counts"]["reworded"] >= 5
    assert any(
        row["kind"] == "reworded" and "million artillery shells" in (row["left"] or "")
        for row in data["rows"]
    )


def test_compare_by_id_prefix_in_columns(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--library", str(library), "compare", "gdc/", "financial", "--width", "100"
    )
    assert code == 0
    lines = out.splitlines()
    assert all(len(line) <= 100 for line in lines)
    assert "GDC" in out and "Financial World" in out
    assert "left only" in out and "right only" in out and "reworded" in out
    assert "2,000 containers" in out and "(right only)" in out


def test_unknown_or_ambiguous_names_fail_clearly(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--library", str(library), "compare", "Le Monde", "GDC")
    assert code == 1 and "no article or outlet 'Le Monde'" in err
    code, _, err = run(capsys, "--library", str(library), "compare", "the", "GDC")
    assert code == 1 and "names several articles" in err


def test_compare_with_itself(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--library", str(library), "compare", "GDC", "GDC", "--json")
    assert code == 0
    data = json.loads(out)
    assert {row["kind"] for row in data["rows"]} == {"same"}
    assert data["notes"]


def test_story_fact_matrix(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--library", str(library), "stories", "--json")
    story_id = json.loads(out)[0]["id"]
    code, out, _ = run(capsys, "--library", str(library), "story", story_id[:4], "--json")
    assert code == 0
    data = json.loads(out)
    assert data["story"]["id"] == story_id
    assert len(data["versions"]) == 5
    assert max(len(f["reported_by"]) for f in data["facts"]) == 5
    assert data["single_outlet_facts"] >= 10
    code, text, _ = run(capsys, "--library", str(library), "story", story_id, "--width", "90")
    assert code == 0 and "●" in text and "F1" in text and "= GDC · 2023-11-02" in text
    assert all(len(line) <= 90 for line in text.splitlines())


def test_story_unknown(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--library", str(library), "story", "zzz")
    assert code == 1 and "no story 'zzz'" in err


def test_compare_in_empty_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--library", str(tmp_path), "compare", "a", "b")
    assert code == 1 and "no articles" in err
    code, out, _ = run(capsys, "--library", str(tmp_path), "stories")
    assert code == 0 and "No stories" in out


def test_compare_stacks_versions_on_a_narrow_terminal(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "--library", str(library), "compare", "gdc/", "the-hill/", "--width", "50"
    )
    assert code == 0
    assert all(len(line) <= 50 for line in out.splitlines())
    assert "1. " in out and "\nL " in out and "\nR " in out and "┃" not in out


def test_outlet_name_is_resolved_within_the_other_versions_story(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (library / "gdc" / "floods.md").write_text(
        "---\ntitle: Floods hit Valencia\noutlet: GDC\npublished: 2023-11-03\n---\n\n"
        "Heavy rain caused flash floods across Valencia, killing three people and forcing "
        "hundreds of residents from their homes. Rescue teams worked through the night.\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys, "--library", str(library), "compare", "the-irish-news/", "GDC", "--json"
    )
    assert code == 0
    assert json.loads(out)["right"]["title"].startswith("South Korea, the U.S., and Japan")
    code, _, err = run(capsys, "--library", str(library), "compare", "GDC", "GDC")
    assert code == 1 and "names several articles" in err

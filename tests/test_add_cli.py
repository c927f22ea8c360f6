"""`brief add` end to end: a real subprocess, temporary XDG folders and library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from index.library import Library
from tests.conftest import REPO, SEEDS


def brief(*args: str, library: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "--library", str(library), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def test_add_shows_guesses_drops_and_where_it_wrote(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    run = brief("add", str(seed("002")), library=library)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "wrote icaro-media-group/2023-11-01-south-koreas-intelligence" in out
    assert "outlet     ICARO Media Group  (guessed)" in out
    assert "published  2023-11-01T23:52  (guessed)" in out
    assert "line   6  date line: 01/11/2023 23h52" in out
    assert "line  34  related-links and navigation: Related" in out
    assert "imported 1 of 1 file into" in out
    [article] = Library(library).load_all()[0]
    assert article.outlet == "ICARO Media Group"


def test_flags_override_and_are_shown_as_flags(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    run = brief(
        "add",
        str(seed("004")),
        "--outlet",
        "Financial World",
        "--published",
        "2023-11-03",
        "--title",
        "Shipments to Russia",
        library=library,
    )
    assert run.returncode == 0, run.stderr
    assert "outlet     Financial World  (from --outlet)" in run.stdout
    assert "author     Sededin Dedovic  (guessed)" in run.stdout
    assert "line   5  byline: by Sededin Dedovic" in run.stdout
    article = Library(library).load("financial-world/2023-11-03-shipments-to-russia.md")
    assert article.title == "Shipments to Russia"
    assert article.published_iso == "2023-11-03"


def test_duplicate_fails_naming_the_existing_article(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    assert brief("add", str(seed("003")), library=library).returncode == 0
    run = brief("add", str(seed("003")), "--json", library=library)
    assert run.returncode == 1
    data = json.loads(run.stdout)
    [entry] = data["files"]
    assert entry["ok"] is False
    assert (
        entry["duplicate_of"]
        == "gdc/south-korea-the-us-and-japan-strongly-condemned-north-koreas.md"
    )
    assert "already in the library" in entry["error"]
    assert len(list(library.rglob("*.md"))) == 1


def test_json_output_lists_fields_blocks_and_drops(tmp_path: Path) -> None:
    run = brief(
        "add", str(seed("000")), "--outlet", "The Irish News", "--json", library=tmp_path / "l"
    )
    assert run.returncode == 0, run.stderr
    entry = json.loads(run.stdout)["files"][0]
    assert entry["fields"]["outlet"] == "The Irish News"
    assert entry["guessed"]["outlet"] is None
    assert entry["guessed"]["section"] == "World"
    assert {"line": 18, "text": "North Korea Russia", "reason": "tag debris"} in entry["dropped"]
    assert [b["kind"] for b in entry["blocks"]].count("caption") == 2
    assert entry["written"] is True


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    run = brief("add", "--dry-run", str(seed("002")), library=library)
    assert run.returncode == 0, run.stderr
    assert "would write icaro-media-group/" in run.stdout
    assert "would import 1 of 1 file" in run.stdout
    assert not library.exists()


def test_bad_inputs_give_reasons_and_a_failing_exit_code(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    run = brief(
        "add", str(binary), str(empty), str(tmp_path / "missing.txt"), str(seed("002")),
        library=tmp_path / "lib",
    )  # fmt: skip
    assert run.returncode == 1
    out = run.stdout
    assert "image.txt  not imported: file looks binary, not text; skipped" in out
    assert "empty.txt  not imported: file is empty; skipped" in out
    assert "missing.txt  not imported: no such file or folder" in out
    assert "imported 1 of 4 files" in out and "3 not imported" in out


def test_missing_outlet_is_asked_for(tmp_path: Path) -> None:
    run = brief("add", str(seed("001")), library=tmp_path / "lib")
    assert run.returncode == 1
    assert "no outlet named in the text; give one with --outlet" in run.stdout


def test_bad_published_flag_is_refused(tmp_path: Path) -> None:
    run = brief("add", str(seed("002")), "--published", "someday", library=tmp_path / "lib")
    assert run.returncode == 1
    assert "--published 'someday' is not a date" in run.stderr


def test_article_text_is_printed_literally_never_as_markup(tmp_path: Path) -> None:
    save = tmp_path / "markup.txt"
    save.write_text(
        "[bold red]Shells[/bold red] for Moscow, Seoul says\n\n"
        "North Korea has sent more than a million shells to Russia, the agency said on "
        "Wednesday in a closed briefing.\n\n[link=http://evil]Related[/link]\n",
        encoding="utf-8",
    )
    run = brief("add", str(save), "--outlet", "Wire", library=tmp_path / "lib")
    assert run.returncode == 0, run.stderr
    assert "[bold red]Shells[/bold red] for Moscow, Seoul says" in run.stdout
    assert "\x1b" not in run.stdout


def test_default_library_is_used_without_library_flag(tmp_path: Path) -> None:
    """Without --library the user's data folder (seeded from the bundled articles) is used."""
    env = {**os.environ, "COLUMNS": "200"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui.cli",
            "add",
            str(Path(__file__).parent / "saves" / "blog_like.txt"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    data_home = Path(os.environ["XDG_DATA_HOME"])
    written = data_home / "brief" / "library" / "arms-watch-blog"
    assert len(list(written.glob("*.md"))) == 1
    assert len(list((data_home / "brief" / "library").rglob("*.md"))) == 6


def test_title_or_url_with_several_files_is_refused(tmp_path: Path) -> None:
    run = brief(
        "add", str(seed("002")), str(seed("003")), "--title", "One title", library=tmp_path / "l"
    )
    assert run.returncode == 1
    assert "--title and --url name a single article" in run.stderr
    assert not (tmp_path / "l").exists()


def test_a_folder_of_saves_is_imported_with_shared_flags(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    saves.mkdir()
    for prefix in ("000", "001"):
        (saves / f"{prefix}.txt").write_bytes(seed(prefix).read_bytes())
    run = brief(
        "add",
        str(saves),
        "--outlet",
        "Wire Copy",
        "--published",
        "2 November 2023",
        library=tmp_path / "l",
    )
    assert run.returncode == 0, run.stdout + run.stderr
    articles = Library(tmp_path / "l").load_all()[0]
    assert sorted(a.outlet for a in articles) == ["Wire Copy", "Wire Copy"]
    assert {a.published_iso for a in articles} == {"2023-11-02"}
    assert "imported 2 of 2 files" in run.stdout


def test_a_save_piped_on_standard_input(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "200"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui.cli",
            "--library",
            str(tmp_path / "l"),
            "add",
            "-",
            "--outlet",
            "Piped",
        ],
        input=seed("002").read_bytes(),
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert b"stdin  wrote piped/2023-11-01-south-koreas-intelligence" in run.stdout
    [article] = Library(tmp_path / "l").load_all()[0]
    assert article.outlet == "Piped"


def test_replace_corrects_a_wrong_guess_and_says_so(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    assert brief("add", str(seed("003")), library=library).returncode == 0
    refused = brief("add", str(seed("003")), "--outlet", "GDC News", library=library)
    assert refused.returncode == 1
    assert "add --replace" in refused.stdout
    run = brief("add", str(seed("003")), "--outlet", "GDC News", "--replace", library=library)
    assert run.returncode == 0, run.stderr
    assert "replacing gdc/south-korea-the-us-and-japan-strongly-condemned" in run.stdout
    assert "replacing 1 article" in run.stdout
    [article] = Library(library).load_all()[0]
    assert article.outlet == "GDC News"
    assert article.id.startswith("gdc-news/")

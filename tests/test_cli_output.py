"""What the command line prints can never drive the terminal: control characters the user
typed (or a note someone imported) are shown as symbols."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text

from tests.test_cli_library import brief
from tui.output import console


def test_a_query_with_an_escape_sequence_is_echoed_as_symbols(library: Path) -> None:
    result = brief(library, "search", "\x1b[31mred")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr
    assert "␛[31mred" in result.stdout


def test_text_table_cells_and_styled_text_are_made_visible(capsys) -> None:  # type: ignore[no-untyped-def]
    out = console()
    table = Table("note")
    table.add_row("\x1b]0;pwned\x07 title")
    out.print(table)
    out.print(Text("bell\x07 and ") + Text("\x9b2J", style="bold"))
    out.print("plain\x1b[2J", "[bold]kept[/]")
    printed = capsys.readouterr().out
    assert not any(ch in printed for ch in "\x1b\x07\x9b")
    assert "␛]0;pwned␇ title" in printed and "bell and �2J" in printed
    assert "plain␛[2J [bold]kept[/]" in printed


def test_library_may_follow_the_command(library: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "search", "shells", "--library", str(library)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.returncode == 0, result.stderr
    assert "4 results for shells" in result.stdout

"""Bringing a library's index in step before a command answers: progress on stderr, and
each notice (an index rebuilt, a re-tag, an unexpected Whoosh) printed once, by every
command that syncs."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.workspace import SyncProgress, SyncReport, Workspace


def sync_for_command(
    workspace: Workspace, *, rebuild: bool = False, quiet: bool = False
) -> SyncReport:
    """Sync ``workspace``: a progress bar on a terminal, a line per tenth of a long sync
    otherwise (none when ``quiet``, as for JSON output); notices go to stderr, each once:
    those known on opening before the sync (so a long rebuild says why it is long), the
    sync's own after it."""
    from tui.output import console

    err = console(stderr=True)
    shown: set[str] = set()

    def notify(messages: list[str]) -> None:
        for message in messages:
            if message not in shown:
                shown.add(message)
                err.print(f"brief: {message}", style="yellow", soft_wrap=True)

    notify(list(workspace.messages))
    if sys.stderr.isatty() and not quiet:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
            transient=True,
        ) as bar:
            task = bar.add_task("indexing", total=None)

            def show(p: SyncProgress) -> None:
                bar.update(task, completed=p.done, total=p.total or None)

            report = workspace.sync(show, rebuild=rebuild)
    else:
        step = {"last": -1}

        def plain(p: SyncProgress) -> None:
            if p.phase != "index" or p.total < 20 or quiet:
                return
            tenth = p.done * 10 // p.total
            if tenth != step["last"]:
                step["last"] = tenth
                err.print(f"indexing: {p.done}/{p.total}")

        report = workspace.sync(plain, rebuild=rebuild)
    notify(report.messages)
    return report

"""The ``brief`` command. Subcommands live in ``tui/commands``; Textual is imported only
when the app opens, so ``brief search`` starts fast."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from index.errors import BriefError

COMMAND_MODULES = ("add", "library", "entities", "compare", "bookmarks")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="brief",
        description="Brief: read, search, compare and bookmark many outlets' reports of one event.",
    )
    parser.add_argument(
        "--library",
        metavar="DIR",
        help="library folder (default: $BRIEF_LIBRARY, config.toml, or the bundled sample)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"tui.commands.{name}").register(sub)
    _accept_library_after_commands(parser)
    return parser


def _accept_library_after_commands(parser: argparse.ArgumentParser) -> None:
    """Let ``--library DIR`` follow any (sub)command too: ``brief search x --library D``
    is what people type. SUPPRESS keeps a value given before the command."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in set(action.choices.values()):
                command.add_argument(
                    "--library", metavar="DIR", default=argparse.SUPPRESS, help="library folder"
                )
                _accept_library_after_commands(command)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return open_app(args)
        return int(args.handler(args) or 0)
    except BriefError as exc:
        from tui.output import fail

        fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of a pipe stopped (``brief list | head``): nothing is wrong. Output
        # still buffered for it goes nowhere rather than into a traceback at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def open_app(args: argparse.Namespace) -> int:
    try:
        app_module = importlib.import_module("tui.app")
    except ModuleNotFoundError:
        build_parser().print_help()
        return 0
    from index.locations import resolve_library

    app_module.BriefApp(resolve_library(args.library)).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())

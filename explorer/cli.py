"""Command line. Never imports Qt at module level: the CLI must start fast and run headless."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from explorer import __version__

# Each module in explorer/commands registers one subcommand (add_parser, run).
COMMANDS = ["show", "index", "search", "targets", "cite", "panel", "kwic", "freq", "excerpt", "excerpts"]


# The options of the main parser that take a value: the word after them is not a command.
_VALUED_OPTIONS = ("--library", "--search", "--open")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or with `only` the one of that subcommand: parsing
    its arguments gives the same result, without importing the other commands' modules."""
    parser = argparse.ArgumentParser(
        prog="report-explorer",
        description="报告浏览器 Report Explorer: search, read and cite Chinese government work reports. "
        "Without a subcommand it launches the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"report-explorer {__version__}")
    parser.add_argument("--library", metavar="DIR", help="library folder (default: $REPORT_EXPLORER_LIBRARY or the user data folder)")
    parser.add_argument("--search", metavar="QUERY", help="open the app with this search done")
    parser.add_argument("--open", metavar="FILE", dest="open_file", help="open the app on this report")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if only is None else [only]:
        try:
            module = importlib.import_module(f"explorer.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"explorer.commands.{name}":
                raise
            continue  # not built yet
        module.add_parser(sub)
    return parser


def command_named(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` runs, None when it runs none or asks for the main help (whose
    list of commands needs every parser): a cold `search` builds only its own parser
    (argparse and the commands' imports were a tenth of its start, issue 13)."""
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help", "--version", "--"):
            return None
        if word.startswith("--") and "=" not in word and any(o.startswith(word) for o in _VALUED_OPTIONS):
            next(words, None)  # argparse takes an unambiguous prefix (--lib DIR) too
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def launch_app(args: argparse.Namespace) -> int:
    try:
        from explorer.ui.app import run_app  # type: ignore[import-not-found]
    except ImportError:
        # No desktop window yet: show what the bundled samples hold.
        from explorer.commands.show import summary
        from explorer.core.ingest import load_report
        from explorer.resources import sample_paths

        for path in sample_paths():
            print(summary(load_report(path)))
            print()
        return 0
    return run_app(args)


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(command_named(words)).parse_args(words)
    if args.command is None:
        return launch_app(args)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print("report-explorer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        # Imported only here: the CLI must start without loading the library (and whoosh).
        from explorer.library import LibraryError

        if isinstance(exc, LibraryError):  # damaged, read-only or full: say so, no traceback
            print(f"report-explorer: {exc}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())

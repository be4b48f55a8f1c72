"""Command line. Never imports Qt at module level: the CLI must start fast and run headless."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from explorer import __version__

# Each module in explorer/commands registers one subcommand (add_parser, run).
COMMANDS = ["show", "index", "search", "targets", "cite", "panel", "kwic", "freq", "excerpt", "excerpts"]


def build_parser() -> argparse.ArgumentParser:
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
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"explorer.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"explorer.commands.{name}":
                raise
            continue  # not built yet
        module.add_parser(sub)
    return parser


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
    parser = build_parser()
    args = parser.parse_args(argv)
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

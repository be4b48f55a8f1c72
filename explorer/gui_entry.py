"""`report-explorer-gui`: the desktop app's own entry point.

pip installs it as a gui-script, so on Windows it runs without a console window (pythonw);
the PyInstaller bundle builds its windowed executable from it too. Desktop launchers hand it
a bare file (the .desktop file's `Exec=... %f`, Windows "Open with"), which the shared parser
would read as an unknown subcommand, so a leading path is turned into `--open PATH` first.
This module imports no Qt itself: explorer.cli.launch_app does, only when the window opens.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from explorer.cli import COMMANDS, build_parser, launch_app


def file_as_open(argv: Sequence[str]) -> list[str]:
    """`[PATH, ...]` -> `["--open", PATH, ...]` when the first word is neither an option nor
    a subcommand; everything else is left for the parser to judge."""
    args = list(argv)
    if args and not args[0].startswith("-") and args[0] not in COMMANDS:
        return ["--open", *args]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args_list = file_as_open(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(args_list)
    if args.command is not None:
        # Subcommands still work (a script may call the gui-script); their output goes
        # wherever the platform sends a windowed program's stdout.
        return int(args.run(args) or 0)
    return launch_app(args)


if __name__ == "__main__":
    sys.exit(main())

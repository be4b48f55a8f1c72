"""Small helpers every subcommand uses."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(obj: Any) -> None:
    # One write: json.dump writes every token separately (thousands for a search).
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def fail(message: str, code: int = 2) -> int:
    print(f"report-explorer: {message}", file=sys.stderr)
    return code


def export_or_print(args: Any, rows: Any, module: Any, noun: str, line: Any) -> int:
    """The --json / --csv F / --xlsx F / plain-text output every listing command shares.
    `module` has write_json(rows, stream), write_csv(rows, path), write_xlsx(rows, path)."""
    try:
        if args.json:
            module.write_json(rows, sys.stdout)
        elif args.csv:
            n = module.write_csv(rows, args.csv)
            print(f"{n} {noun} written to {args.csv}", file=sys.stderr)
        elif args.xlsx:
            n = module.write_xlsx(rows, args.xlsx)
            print(f"{n} {noun} written to {args.xlsx}", file=sys.stderr)
        else:
            for row in rows:
                print(line(row))
            print(f"{len(rows)} {noun}", file=sys.stderr)
    except OSError as exc:
        return fail(f"cannot write: {exc}")
    return 0


def open_library(args: Any) -> Any:
    """Library(--library): a library of an older format is converted first (seconds to
    minutes), its progress on stderr."""
    from explorer.library import Library

    tty = sys.stderr.isatty()
    shown = [-1]

    def progress(done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if percent == shown[0]:
            return
        if shown[0] < 0:
            sys.stderr.write("report-explorer: converting the library to the current format (once)\n")
        shown[0] = percent
        if tty:
            sys.stderr.write(f"\r  {done}/{total} reports ({percent}%)")
            if done == total:
                sys.stderr.write("\n")
        elif done == total or percent % 10 == 0:
            sys.stderr.write(f"  {done}/{total} reports ({percent}%)\n")
        sys.stderr.flush()

    return Library(getattr(args, "library", None), progress=progress)

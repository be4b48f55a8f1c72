"""`report-explorer index PATH... [--library DIR]`: add files and folders to a library.

Incremental: only new or changed files are read again; reports whose file is gone are
dropped. Progress and every skipped file (with the reason) go to stderr; exit 0 when the
run finished, 3 when another process is indexing the same library.
"""

from __future__ import annotations

import argparse
import sys
import time

from explorer.commands.common import fail


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("index", help="add report files and folders to the library (incremental)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders (searched recursively)")
    p.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS,
                   help="library folder (default: $REPORT_EXPLORER_LIBRARY or the user data folder)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines, only skipped files and the summary")
    p.set_defaults(run=run)


class _Progress:
    """One stderr line per file read; on a terminal the line is rewritten in place."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.started = time.monotonic()

    def __call__(self, p) -> None:  # IndexProgress
        if self.quiet or not p.current:
            return
        line = f"[{p.done}/{p.total}] {p.current}"
        if self.tty:
            sys.stderr.write("\r\x1b[K" + line[-200:])
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def finish(self) -> None:
        if self.tty and not self.quiet:
            sys.stderr.write("\r\x1b[K")


def run(args: argparse.Namespace) -> int:
    from explorer.core.targets.themes import LexiconError
    from explorer.library import Library, LibraryBusy

    lib = Library(getattr(args, "library", None))
    progress = _Progress(args.quiet)
    try:
        summary = lib.index(args.paths, progress=progress)
    except LibraryBusy as exc:
        progress.finish()
        return fail(str(exc), code=3)
    except LexiconError as exc:
        progress.finish()
        return fail(f"the theme lexicon cannot be used, nothing was indexed: {exc}")
    finally:
        progress.finish()
    for path, reason in summary.skipped:
        print(f"skipped {path}: {reason}", file=sys.stderr)
    seconds = time.monotonic() - progress.started
    print(
        f"{lib.path}: {summary.added} added, {summary.updated} updated, {summary.removed} removed, "
        f"{summary.unchanged} unchanged, {len(summary.skipped)} skipped; {len(lib)} reports "
        f"({seconds:.1f} s)",
        file=sys.stderr,
    )
    return 0

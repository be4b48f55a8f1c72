"""`report-explorer index PATH... [--library DIR] [--engine whoosh|tantivy]`: add files and
folders to a library.

Incremental: only new or changed files are read again; reports whose file is gone are
dropped. Progress and every skipped file (with the reason) go to stderr; exit 0 when the
run finished, 3 when another process is indexing the same library.

--engine chooses the search engine and is remembered (explorer/library/engines.py);
without it a library starts with whoosh and moves to tantivy when it grows large, which
this command says when it happens.
"""

from __future__ import annotations

import argparse
import sys
import time

from explorer.commands.common import fail, open_library

ENGINES = ("whoosh", "tantivy")  # explorer.search.engine.ENGINES, without importing the library


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("index", help="add report files and folders to the library (incremental)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders (searched recursively)")
    p.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS,
                   help="library folder (default: $REPORT_EXPLORER_LIBRARY or the user data folder)")
    p.add_argument("--engine", choices=ENGINES,
                   help="search engine, remembered by the library (default: whoosh, tantivy for large libraries)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines, only skipped files and the summary")
    p.set_defaults(run=run)


class _Progress:
    """One stderr line per file read; on a terminal the line is rewritten in place."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.started = time.monotonic()

    def __call__(self, p) -> None:  # IndexProgress
        if p.stage == "move":
            if self.quiet and p.done < p.total:
                return
            line = f"[{p.done}/{p.total}] building the {p.engine} index from the stored reports"
        elif self.quiet or not p.current:
            return
        else:
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
    from explorer.library import LibraryBusy, LibraryError

    lib = open_library(args)
    progress = _Progress(args.quiet)
    try:
        if args.engine and not lib.set_engine(args.engine, progress=progress):
            return fail("the engine change was interrupted; run this again to finish it")
        summary = lib.index(args.paths, progress=progress)
    except LibraryBusy as exc:
        progress.finish()
        return fail(str(exc), code=3)
    except LexiconError as exc:
        progress.finish()
        return fail(f"the theme lexicon cannot be used, nothing was indexed: {exc}")
    except LibraryError as exc:
        progress.finish()
        return fail(str(exc))
    finally:
        progress.finish()
    if summary.engine_moved:
        print(f"the library now has {len(lib)} reports and uses the {summary.engine_moved} search engine, "
              "which serves large libraries faster (index --engine whoosh goes back)", file=sys.stderr)
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

"""`report-explorer excerpts [--library DIR] [--tag T]... [--json | --md F | --docx F | --csv F |
--xlsx F] [--style plain|gbt7714|markdown] [--group report|tag|none] [--script S]`: the excerpts
collected, with their citations; Markdown and Word group them by report or by tag."""

from __future__ import annotations

import argparse
import sys

from explorer.commands.common import fail, open_library

PREVIEW = 60  # characters of a passage on a plain-text line


def add_parser(sub: argparse._SubParsersAction) -> None:
    from explorer.core.cite.excerpts import GROUPINGS
    from explorer.core.cite.styles import STYLES

    p = sub.add_parser("excerpts", help="list or export the excerpts collected, with their citations")
    p.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS,
                   help="library folder (default: $REPORT_EXPLORER_LIBRARY or the user data folder)")
    p.add_argument("--tag", action="append", default=[], metavar="T",
                   help="only excerpts with this tag (repeatable: any of them; either script)")
    p.add_argument("--style", choices=STYLES, default="plain", help="citation style")
    p.add_argument("--group", choices=GROUPINGS, default="report",
                   help="Markdown and Word: group by report (default), by tag, or not at all")
    p.add_argument("--script", choices=("original", "simplified", "traditional"), default="original",
                   help="script of passages and citations (offsets do not change)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the rows as a JSON array")
    out.add_argument("--md", metavar="F", help="write a Markdown file")
    out.add_argument("--docx", metavar="F", help="write a Word file")
    out.add_argument("--csv", metavar="F", help="write a CSV file (UTF-8 with BOM), one row per excerpt")
    out.add_argument("--xlsx", metavar="F", help="write an Excel file, one row per excerpt")
    p.set_defaults(run=run)


def _line(e) -> str:
    tags = f"[{'、'.join(e.tags)}] " if e.tags else ""
    where = " › ".join(x for x in (e.title, e.section) if x)
    head = " ".join(x for x in (e.region, str(e.year or "")) if x)
    passage = e.text.replace("\n", " ")
    passage = passage if len(passage) <= PREVIEW else passage[:PREVIEW] + "…"
    lost = "  (not found in the report any more)" if not e.found else ""
    return f"#{e.id}\t{tags}{head} {where}\t“{passage}”{lost}"


def run(args: argparse.Namespace) -> int:
    from explorer.core.cite import export

    lib = open_library(args)
    excerpts = lib.excerpts.all(tags=args.tag)
    if args.json:
        export.write_json(excerpts, sys.stdout, args.style, args.script)
        return 0
    for fmt in ("md", "docx", "csv", "xlsx"):
        path = getattr(args, fmt)
        if path:
            try:
                n = export.write_file(excerpts, path, args.style, args.script, args.group, fmt=fmt)
            except OSError as exc:
                return fail(f"cannot write {path}: {exc.strerror or exc}")
            print(f"{n} excerpts written to {path}", file=sys.stderr)
            return 0
    for e in excerpts:
        print(_line(e))
    lost = sum(not e.found for e in excerpts)
    print(f"{len(excerpts)} excerpts" + (f", {lost} not found in their reports" if lost else ""), file=sys.stderr)
    return 0

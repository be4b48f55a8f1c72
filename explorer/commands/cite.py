"""`report-explorer cite FILE --start I --end J [--style ...]`: a passage with its citation."""

from __future__ import annotations

import argparse

from explorer.commands.common import fail


def add_parser(sub: argparse._SubParsersAction) -> None:
    from explorer.core.cite.styles import STYLES

    p = sub.add_parser(
        "cite",
        help="print a passage of a report with its citation",
        description="Offsets are Python string indices into the report's clean text "
        "(the `text` of `show --json`); the passage is text[start:end].",
    )
    p.add_argument("file")
    p.add_argument("--start", type=int, required=True, metavar="I")
    p.add_argument("--end", type=int, required=True, metavar="J")
    p.add_argument("--style", choices=STYLES, default="plain")
    p.add_argument(
        "--script",
        choices=("original", "simplified", "traditional"),
        default="original",
        help="script of the printed passage and citation (offsets do not change)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from explorer.core.cite.styles import cite
    from explorer.core.ingest import load_report
    from explorer.core.read.files import UnreadableFile

    try:
        report = load_report(args.file)
    except UnreadableFile as exc:
        return fail(f"cannot read {args.file}: {exc}")
    try:
        citation = cite(report, args.start, args.end, args.style, args.script)
    except ValueError as exc:
        return fail(str(exc))
    print(citation.text)
    return 0

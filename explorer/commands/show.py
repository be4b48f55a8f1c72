"""`report-explorer show FILE [--json]`: ingest one file, no library needed."""

from __future__ import annotations

import argparse

from explorer.commands.common import fail, print_json
from explorer.core.model import Report, Section


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("show", help="read one report file and show what was found in it")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.add_argument("--raw", action="store_true", help="with --json: include the raw text too")
    p.set_defaults(run=run)


def format_outline(sections: list[Section] | tuple[Section, ...], indent: int = 0) -> list[str]:
    lines = []
    for s in sections:
        label = f"{s.number} {s.title}".strip() if s.number and not s.title.startswith(s.number) else s.title
        lines.append(f"{'  ' * indent}{label}")
        lines.extend(format_outline(s.children, indent + 1))
    return lines


def summary(report: Report) -> str:
    out = [
        f"{report.title or '(untitled)'}",
        f"  file      {report.path}",
        f"  region    {report.region or '?'} ({report.level or '?'})"
        + (f", in {report.parent}" if report.parent else "")
        + (f", code {report.adcode}" if report.adcode else ""),
        f"  year      {report.year or '?'}",
        f"  type      {report.doc_type or '?'}",
        f"  publisher {report.publisher or '?'}",
        f"  date      {report.date or '?'}",
    ]
    if report.speaker:
        out.append(f"  speaker   {report.speaker}")
    out.append(f"  encoding  {report.encoding}; {len(report.text)} characters clean, {len(report.raw_text)} raw")
    if report.cleaning:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(report.cleaning.items()))
        out.append(f"  cleaning  {counts}")
    out.append(f"  targets   {len(report.targets)}")
    out.append("")
    out.append("Outline:")
    out.extend("  " + line for line in format_outline(report.sections) or ["(no headings found)"])
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    from explorer.core.ingest import load_report
    from explorer.core.read.files import UnreadableFile
    from explorer.library.budget import OverBudget, file_seconds, over_budget_reason, time_budget

    seconds = file_seconds()  # the same bound as indexing gives a file
    try:
        with time_budget(seconds):
            report = load_report(args.file)
    except UnreadableFile as exc:
        return fail(f"cannot read {args.file}: {exc}")
    except OverBudget:
        return fail(f"cannot read {args.file}: {over_budget_reason(seconds)}")
    if args.json:
        print_json(report.to_json(raw=args.raw))
    else:
        print(summary(report))
    return 0

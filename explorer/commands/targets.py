"""`report-explorer targets [--library DIR] [--theme T]... [--kind K] [--region R] [--year Y]
[--report PATH] [--json | --csv F | --xlsx F]`: the quantified targets of the library."""

from __future__ import annotations

import argparse

from explorer.commands.common import export_or_print, open_library


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("targets", help="list or export the quantified targets of the library")
    p.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS,
                   help="library folder (default: $REPORT_EXPLORER_LIBRARY or the user data folder)")
    p.add_argument("--theme", action="append", default=[], metavar="T",
                   help="only targets of this theme (repeatable: any of them), e.g. 就业")
    p.add_argument("--kind", choices=("target", "achievement"), help="plans or reported results")
    p.add_argument("--region", help="region substring, either script (常州 finds 常州市钟楼区)")
    p.add_argument("--year", type=int)
    p.add_argument("--report", metavar="PATH", help="only this report file")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the rows as a JSON array")
    out.add_argument("--csv", metavar="F", help="write the rows to a CSV file (UTF-8 with BOM)")
    out.add_argument("--xlsx", metavar="F", help="write the rows to an Excel file")
    p.set_defaults(run=run)


def _line(info, t) -> str:
    qualifier = f" ({t.qualifier})" if t.qualifier else ""
    value = f"{t.value:g}" if t.value_high in (None, t.value) else f"{t.value:g}–{t.value_high:g}"
    year = info.year or "?"
    themes = "、".join(t.themes) or "-"
    return f"{info.region or '?'} {year}  [{t.kind}] {t.indicator} {value}{t.unit}{qualifier}  〈{themes}〉  {info.title}"


def run(args: argparse.Namespace) -> int:
    from explorer.core.targets import export

    lib = open_library(args)
    pairs = lib.targets(
        themes=tuple(args.theme),
        report=args.report,
        region=args.region,
        year=args.year,
        kind=args.kind,
    )
    return export_or_print(args, pairs, export, "targets", lambda pair: _line(*pair))

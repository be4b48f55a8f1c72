"""`report-explorer freq TERM... [--library DIR] [--by year|region|level] [--per 10k] [--from Y]
[--to Y] [--region R]... [--level L]... [--type T]... [--json | --csv F | --xlsx F] [--chart F]`:
how often terms occur per year, region or level (explorer/library/frequency.py), either script.

Text output is a table, one line per group and one column per term: raw counts, or with
`--per 10k` the rate per 10,000 characters of the group's reports. `--chart F` also draws
them (library/plots.py: a line per term by year, bars by region or level) as PNG, SVG or PDF."""

from __future__ import annotations

import argparse
import sys

from explorer.commands.common import fail, open_library, print_json


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("freq", help="term frequency per year, region or level (hits, reports, rate per 10,000 characters)")
    p.add_argument("terms", nargs="+", metavar="TERM", help="words to count, either script (a quoted term may hold spaces)")
    p.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS,
                   help="library folder (default: $REPORT_EXPLORER_LIBRARY or the user data folder)")
    p.add_argument("--by", choices=["year", "region", "level"], default="year", help="group by (default: year)")
    p.add_argument("--per", choices=["10k"], help="text output: the rate per 10,000 characters instead of counts")
    p.add_argument("--from", dest="year_from", type=int, metavar="Y", help="first year")
    p.add_argument("--to", dest="year_to", type=int, metavar="Y", help="last year")
    p.add_argument("--region", action="append", default=[], metavar="R",
                   help="only reports of this region (a substring, either script; repeatable: any of them)")
    p.add_argument("--level", action="append", default=[], metavar="L",
                   help="only reports of this level: 全国, 省, 市, 区县 (repeatable)")
    p.add_argument("--type", dest="doc_type", action="append", default=[], metavar="T",
                   help="only reports of this document type, e.g. 政府工作报告 (repeatable)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help='print {"terms", "by", "rows": [...]}')
    out.add_argument("--csv", metavar="F", help="write the rows to a CSV file (UTF-8, for Stata, R, pandas)")
    out.add_argument("--xlsx", metavar="F", help="write the rows to an Excel file")
    p.add_argument("--chart", metavar="F",
                   help="also draw the chart: F.png (300 dpi), F.svg or F.pdf; counts, or rates with --per 10k")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from explorer.library import Filters
    from explorer.library.frequency import FIELDS, WIDTHS
    from explorer.library.tables import write_table

    if args.year_from is not None and args.year_to is not None and args.year_from > args.year_to:
        return fail(f"--from {args.year_from} is after --to {args.year_to}")
    filters = Filters(args.year_from, args.year_to, tuple(args.region), tuple(args.level), tuple(args.doc_type))
    lib = open_library(args)
    try:
        freq = lib.frequency(args.terms, filters)
    except ValueError as exc:
        return fail(str(exc))
    rows = freq.table(args.by)
    if args.chart and _chart(args, freq.terms, rows) != 0:
        return 2
    if args.json:
        print_json({"terms": list(freq.terms), "by": args.by, "rows": [r.to_json() for r in rows]})
        return 0
    target = args.csv or args.xlsx
    if target:
        try:
            n = write_table(target, FIELDS, ([getattr(r, f) for f in FIELDS] for r in rows), sheet="freq", widths=WIDTHS)
        except OSError as exc:
            return fail(f"cannot write: {exc}")
        print(f"{n} rows written to {target}", file=sys.stderr)
        return 0
    value = (lambda r: f"{r.per_10k:.2f}") if args.per else (lambda r: str(r.hits))
    print("\t".join([args.by, *freq.terms, "reports", "chars"]))
    by_key: dict[object, list] = {}
    for r in rows:
        by_key.setdefault(r.key, []).append(r)
    for key, group in by_key.items():
        label = "?" if key is None or key == "" else str(key)
        print("\t".join([label, *(value(r) for r in group), str(group[0].group_reports), str(group[0].chars)]))
    unit = "per 10,000 characters" if args.per else "occurrences"
    print(f"{len(freq.docs)} reports; {unit} per {args.by}", file=sys.stderr)
    return 0


def _chart(args: argparse.Namespace, terms: tuple[str, ...], rows: list) -> int:
    from explorer.library import plots
    from explorer.library.frequency import series

    measure = "per_10k" if args.per else "hits"
    label = "每万字出现次数" if args.per else "出现次数"
    drawer = plots.frequency_drawer(series(rows, terms, measure), args.by, "、".join(terms), label,
                                    lambda k: "未知" if k is None or k == "" else str(k))
    if drawer is None:
        return fail("nothing to chart: no report in the groups asked for")
    if plots.configure_fonts() is None:
        print("report-explorer: no font with Chinese characters found; the chart's Chinese will show as boxes",
              file=sys.stderr)
    try:
        written = plots.save_chart(drawer, args.chart)
    except OSError as exc:
        return fail(f"cannot write: {exc}")
    print(f"chart written to {written}", file=sys.stderr)
    return 0

"""`report-explorer panel [--library DIR] [--indicator NAME]... [--region R]... [--from Y] [--to Y]
[--theme T]... [--json | --csv F | --xlsx F] [--list]`: targets paired with results, one row per
region, year and indicator (see explorer/core/panel.py)."""

from __future__ import annotations

import argparse
from collections import Counter

from explorer.commands.common import export_or_print, fail, open_library


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("panel", help="targets vs. results across reports: one row per region, year and indicator")
    p.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS,
                   help="library folder (default: $REPORT_EXPLORER_LIBRARY or the user data folder)")
    p.add_argument("--indicator", action="append", default=[], metavar="NAME",
                   help="canonical indicator or one of its synonyms, e.g. 地区生产总值增长 or GDP增长 "
                        "(repeatable; default: every indicator)")
    p.add_argument("--region", action="append", default=[], metavar="R",
                   help="region substring, either script (repeatable: any of them)")
    p.add_argument("--from", dest="year_from", type=int, metavar="Y", help="first year")
    p.add_argument("--to", dest="year_to", type=int, metavar="Y", help="last year")
    p.add_argument("--theme", action="append", default=[], metavar="T", help="only rows of this theme (repeatable)")
    p.add_argument("--indicators-file", metavar="F",
                   help="indicators TOML to use (default: $REPORT_EXPLORER_INDICATORS, the user's copy, or the bundled one)")
    p.add_argument("--list", action="store_true", help="list the indicators and how many figures the library has for each")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the rows as a JSON array")
    out.add_argument("--csv", metavar="F", help="write the rows to a CSV file (UTF-8)")
    out.add_argument("--xlsx", metavar="F", help="write the rows to an Excel file")
    p.set_defaults(run=run)


def _figure(o) -> str:
    if o is None:
        return "—"
    value = f"{o.value:g}" if o.value_high in (None, o.value) else f"{o.value:g}–{o.value_high:g}"
    return f"{value}{o.unit}{o.qualifier}"


def run(args: argparse.Namespace) -> int:
    from explorer.core.targets import panel
    from explorer.core.targets.indicators import (
        IndicatorsError,
        current_indicators,
        load_indicators,
    )

    try:
        indicators = load_indicators(args.indicators_file) if args.indicators_file else current_indicators()
    except IndicatorsError as exc:
        return fail(str(exc))
    names = []
    for name in args.indicator:
        resolved = indicators.resolve(name)
        if resolved is None:
            return fail(f"unknown indicator {name!r}; known: {'、'.join(indicators.names)}")
        names.append(resolved)

    lib = open_library(args)
    obs = panel.observations(lib.targets(), indicators)
    if args.list:
        counts = Counter(o.indicator for o in obs)
        for name in indicators.names:
            print(f"{name}\t{counts.get(name, 0)}")
        return 0
    rows = panel.pair_up(obs, indicators=names, regions=args.region,
                         years=(args.year_from, args.year_to), themes=args.theme)
    return export_or_print(
        args, rows, panel, "rows",
        lambda r: f"{r.region}\t{r.year}\t{r.indicator}\t目标 {_figure(r.target)}\t实际 {_figure(r.result)}",
    )

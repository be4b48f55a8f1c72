"""`report-explorer kwic QUERY [--library DIR] [--context N] [--limit N] [--cross-paragraphs]
[--sort KEY] [--desc] [--script S] [--style S] [--json | --csv F | --xlsx F]`: the concordance
(keyword in context) of a search query, one row per hit (explorer/library/kwic.py).

Text output lines up the hits: the left context right-aligned by display width (a CJK
character is two columns), the hit in «», the right context, then the report."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Iterable

from explorer.commands.common import fail, open_library
from explorer.commands.search import _accept_exclusions


def add_parser(sub: argparse._SubParsersAction) -> None:
    from explorer.core.cite.styles import STYLES

    p = sub.add_parser("kwic", help="concordance: every hit of a query with its left and right context")
    p.add_argument("query", nargs="+", help='as for search: words (AND), OR, -word, "a phrase", year:2021, region:常州 ...')
    p.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS,
                   help="library folder (default: $REPORT_EXPLORER_LIBRARY or the user data folder)")
    p.add_argument("--context", type=int, default=30, metavar="N", help="characters either side (default 30)")
    p.add_argument("--limit", type=int, default=0, metavar="N", help="rows to give (0 = all, the default)")
    p.add_argument("--cross-paragraphs", action="store_true",
                   help="let the context run across paragraph breaks (shown as ¶)")
    p.add_argument("--sort", default="order", choices=["order", "left", "right", "hit", "region", "year", "title", "section"],
                   help="row order: the library's (year, region, report, position; default), the left "
                        "context read from the hit outwards, the right context, ...")
    p.add_argument("--desc", action="store_true", help="sort descending")
    p.add_argument("--script", choices=["original", "simplified", "traditional"], default="original",
                   help="script of the text fields (default: as the reports are written)")
    p.add_argument("--style", choices=list(STYLES), default="plain", help="citation style of the citation field")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help='print {"query", "total", "rows": [...]}')
    out.add_argument("--csv", metavar="F", help="write the rows to a CSV file (UTF-8 with BOM, for Excel)")
    out.add_argument("--xlsx", metavar="F", help="write the rows to an Excel file")
    p.set_defaults(run=run)
    _accept_exclusions(p)


def _print_rows_json(query: str, total: int, rows: Iterable[dict]) -> None:
    """The JSON object with one row per line: tens of thousands of rows print in a second
    (json's indenting encoder is pure Python), and stay readable and greppable."""
    out = sys.stdout
    out.write(f'{{"query": {json.dumps(query, ensure_ascii=False)}, "total": {total}, "rows": [')
    for k, row in enumerate(rows):
        out.write(("\n  " if k == 0 else ",\n  ") + json.dumps(row, ensure_ascii=False))
    out.write("\n]}\n")


def width(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def run(args: argparse.Namespace) -> int:
    from explorer.library import QueryError
    from explorer.library.kwic import FIELDS, WIDTHS
    from explorer.library.tables import write_table

    if args.limit < 0:
        return fail("--limit must be 0 (all) or more")
    if args.context < 0:
        return fail("--context must be 0 or more")
    query = " ".join(args.query)
    lib = open_library(args)
    try:
        # All rows, then sorted, then the first --limit: the limit keeps the top of the order asked for.
        conc = lib.concordance(query, context=args.context, cross_paragraphs=args.cross_paragraphs,
                               limit=args.limit or None if args.sort == "order" and not args.desc else None)
    except QueryError as exc:
        return fail(f"bad query {query!r}: {exc}")
    order = conc.order(args.sort, args.desc)[: args.limit or None]
    rows = conc.rows(order, script=args.script, style=args.style)
    if args.json:
        _print_rows_json(query, conc.total, rows)
        return 0
    target = args.csv or args.xlsx
    if target:
        try:
            n = write_table(target, FIELDS, ([r[f] for f in FIELDS] for r in rows), sheet="kwic", bom=True, widths=WIDTHS)
        except OSError as exc:
            return fail(f"cannot write: {exc}")
        print(f"{n} rows written to {target}", file=sys.stderr)
        return 0
    pad = args.context * 2
    for r in rows:
        left = r["left"]
        print(f"{' ' * max(0, pad - width(left))}{left} «{r['hit']}» {r['right']}"
              f"\t{r['title']} · {r['region'] or '?'} · {r['year'] or '?'}")
    shown = len(order)
    print(f"{conc.total} hits of {query!r} in {len(conc.docs)} reports"
          + (f" (showing {shown})" if shown < conc.total else ""), file=sys.stderr)
    return 0

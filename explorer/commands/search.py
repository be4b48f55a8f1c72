"""`report-explorer search QUERY [--library DIR] [--limit N] [--json]`.

Query syntax: explorer/search/query.py (space = AND, OR, -term, "phrase", year:, region:,
type:, theme:). In text output each hit is shown in context with «» around it.
A malformed query is reported in one line on stderr (exit 2), never as a traceback.
"""

from __future__ import annotations

import argparse

from explorer.commands.common import fail, open_library, print_json


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="search the library (either script; exact, every occurrence)")
    p.add_argument("query", nargs="+", help='words (AND), OR, -word, "a phrase", year:2021, region:常州 ...')
    p.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS,
                   help="library folder (default: $REPORT_EXPLORER_LIBRARY or the user data folder)")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="reports to list (0 = all; default 20)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=run)
    _accept_exclusions(p)


def _accept_exclusions(p: argparse.ArgumentParser) -> None:
    """`search 就业 -疫情`: a word after '-' is a term to exclude, not an unknown option.

    argparse would stop with "unrecognized arguments"; every single-dash word that is not
    one of this command's options is taken as part of the query instead.
    """
    parse_optional = p._parse_optional

    def _parse_optional(arg: str):  # type: ignore[no-untyped-def]
        if arg.startswith("-") and not arg.startswith("--") and len(arg) > 1 and arg not in p._option_string_actions:
            return None
        return parse_optional(arg)

    p._parse_optional = _parse_optional  # type: ignore[method-assign]


def run(args: argparse.Namespace) -> int:
    from explorer.library import QueryError

    if args.limit < 0:
        return fail("--limit must be 0 (all) or more")
    query = " ".join(args.query)
    lib = open_library(args)
    try:
        found = lib.search(query, limit=args.limit or None)
    except QueryError as exc:
        return fail(f"bad query {query!r}: {exc}")
    if args.json:
        print_json(
            {
                "query": found.query,
                "total": found.total,
                "results": [
                    {
                        "path": h.path,
                        "title": h.title,
                        "region": h.region,
                        "year": h.year,
                        "hits": h.hits,
                        "spans": [list(s) for s in h.spans],
                        "snippets": list(h.snippets),
                    }
                    for h in found.results
                ],
            }
        )
        return 0
    shown = len(found.results)
    print(f"{found.total} reports match {query!r}" + (f" (showing {shown})" if shown < found.total else ""))
    for h in found.results:
        head = " · ".join(str(x) for x in (h.title or "(untitled)", h.region, h.year) if x)
        print(f"\n{h.hits} × {head}\n  {h.path}")
        for s in h.snippets:
            print(f"    {s}")
    return 0

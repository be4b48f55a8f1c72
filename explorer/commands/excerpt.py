"""`report-explorer excerpt add FILE --start I --end J [--note T] [--tag T]...` (prints the new
id), `excerpt edit ID [--note T] [--tag T]...`, `excerpt remove ID...`: collect passages of the
library's reports, with a note and tags, for `report-explorer excerpts` to list and export."""

from __future__ import annotations

import argparse

from explorer.commands.common import fail, open_library

LIBRARY_HELP = "library folder (default: $REPORT_EXPLORER_LIBRARY or the user data folder)"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("excerpt", help="add, edit or remove an excerpt (a passage with a note and tags)")
    p.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS, help=LIBRARY_HELP)
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)

    add = verbs.add_parser(
        "add", help="collect a passage of a report in the library; prints the new excerpt's id",
        description="Offsets are Python string indices into the report's clean text "
        "(the `text` of `show --json`); the passage is text[start:end].",
    )
    add.add_argument("file", help="a report file the library holds (see `index`)")
    add.add_argument("--start", type=int, required=True, metavar="I")
    add.add_argument("--end", type=int, required=True, metavar="J")
    add.add_argument("--note", default="", metavar="T", help="why the passage matters")
    add.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeatable)")
    add.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS, help=LIBRARY_HELP)
    add.set_defaults(run=run_add)

    edit = verbs.add_parser("edit", help="change an excerpt's note or tags")
    edit.add_argument("id", type=int)
    edit.add_argument("--note", metavar="T", help="the new note ('' clears it)")
    edit.add_argument("--tag", action="append", metavar="T",
                      help="the new tags (repeatable; replace the old ones; --tag '' clears them)")
    edit.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS, help=LIBRARY_HELP)
    edit.set_defaults(run=run_edit)

    remove = verbs.add_parser("remove", help="remove excerpts by id (all or none)")
    remove.add_argument("ids", type=int, nargs="+", metavar="ID")
    remove.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS, help=LIBRARY_HELP)
    remove.set_defaults(run=run_remove)


def run_add(args: argparse.Namespace) -> int:
    lib = open_library(args)
    try:
        excerpt = lib.excerpts.add(args.file, args.start, args.end, note=args.note, tags=args.tag)
    except KeyError:
        return fail(f"{args.file} is not in the library {lib.path}; add it first: "
                    f"report-explorer index {args.file}")
    except ValueError as exc:
        return fail(str(exc))
    print(excerpt.id)
    return 0


def run_edit(args: argparse.Namespace) -> int:
    if args.note is None and args.tag is None:
        return fail("nothing to change: give --note and/or --tag")
    lib = open_library(args)
    try:
        lib.excerpts.update(args.id, note=args.note, tags=args.tag)
    except KeyError as exc:
        return fail(str(exc.args[0]))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    lib = open_library(args)
    try:
        gone = lib.excerpts.remove(args.ids)
    except KeyError as exc:
        return fail(f"{exc.args[0]}; nothing was removed")
    for e in gone:
        print(f"removed {e.id}: {e.text[:40]}")
    return 0

"""The library's listing (the app's tree): reports grouped by region and year, filtered
and grouped where they are stored (SQL on docs), never loaded whole into Python."""

from __future__ import annotations

import os
import sqlite3
from typing import Any

from explorer.library.store import _INFO_COLUMNS, Manifest, ReportInfo, _info
from explorer.search.normalize import search_form

LISTING_INDEX = "CREATE INDEX IF NOT EXISTS docs_listing ON docs(region, year, title, path)"


def listing_haystack(title: str | None, region: str | None, year: int | None, path: str | None) -> str:
    """What a listing filter searches, in search form (either script finds either): the
    title, region, year (2021 and 2021年) and file name."""
    name = os.path.basename(path or "")
    return search_form(f"{title or ''}\n{region or ''}\n{year or ''}年\n{name}")


class Listing:
    """The reports of a manifest grouped by region and year, each group's reports on
    demand, with an optional text filter: SQL over a covering index (docs_listing), so a
    library of 10,000 reports is never loaded into Python to be shown."""

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest

    def _db(self) -> sqlite3.Connection:
        db = self.manifest.db()
        if not getattr(self.manifest._local, "listing_ready", False):
            db.create_function("listing_hay", 4, listing_haystack, deterministic=True)
            if not self.manifest.read_only:
                # The index is what keeps a listing off the reports' big rows. Made by the
                # first reader that can write; a writer busy elsewhere is not waited for.
                db.execute("PRAGMA busy_timeout=200")
                try:
                    with db:
                        db.execute(LISTING_INDEX)
                except sqlite3.OperationalError:
                    pass  # locked or read-only: the listing scans the table this time
                finally:
                    db.execute("PRAGMA busy_timeout=60000")
            self.manifest._local.listing_ready = True
        return db

    @staticmethod
    def _where(text: str, params: list[Any]) -> str:
        needle = search_form(text.strip()) if text else ""
        if not needle:
            return ""
        params.append(needle)
        return "instr(listing_hay(title, region, year, path), ?) > 0"

    def total(self) -> int:
        return self.manifest.count()

    def groups(self, text: str = "") -> list[tuple[str, int | None, int]]:
        """(region, year, reports) of every region and year with a report the filter admits."""
        params: list[Any] = []
        where = self._where(text, params)
        sql = "SELECT region, year, count(*) FROM docs" + (f" WHERE {where}" if where else "")
        return [(r, y, n) for r, y, n in self._db().execute(sql + " GROUP BY region, year", params)]

    def reports(self, region: str, year: int | None, text: str = "") -> list[ReportInfo]:
        """The reports of one group the filter admits, by title then path."""
        params: list[Any] = [region, year]
        where = self._where(text, params)
        sql = f"SELECT {_INFO_COLUMNS} FROM docs WHERE region=? AND year IS ?" + (f" AND {where}" if where else "")
        return [_info(r) for r in self._db().execute(sql + " ORDER BY title, path", params)]

    def group_of(self, path: str) -> tuple[str, int | None] | None:
        row = self._db().execute("SELECT region, year FROM docs WHERE path=?", (path,)).fetchone()
        return None if row is None else (row[0], row[1])

    def first_path(self) -> str | None:
        row = self._db().execute("SELECT path FROM docs ORDER BY path LIMIT 1").fetchone()
        return None if row is None else row[0]

    def doc_types(self) -> list[str]:
        return [r[0] for r in self._db().execute("SELECT DISTINCT doc_type FROM docs WHERE doc_type != '' ORDER BY doc_type")]

    def paths(self, limit: int) -> list[str]:
        return [r[0] for r in self._db().execute("SELECT path FROM docs ORDER BY path LIMIT ?", (limit,))]

"""What the Compare view reads (targets vs. results of one indicator, region × year), taken
from the manifest with SQL instead of every target of the library loaded into Python (a
library of 10,000 reports holds about 900,000).

The targets are JSON in docs.targets; sqlite's json_each walks them, and the indicator
mapping (explorer/core/targets/indicators.py, a Python function of the indicator text and
unit, memoized) is registered with sqlite, so one scan counts the figures of every indicator
and remembers which reports hold each; an indicator's figures are then read from those
reports only. Only plausible report years count (1949..next year, the metadata rule): a
mis-read year must not stretch the view's axis.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from explorer.core.describe.metadata import DEFAULT_CONFIG
from explorer.core.model import Target
from explorer.library.store import _INFO_COLUMNS, Manifest, ReportInfo, _info

Classify = Callable[[str, str], "str | None"]  # (indicator text, unit) -> canonical indicator


def plausible_year(year: int | None) -> bool:
    """A year a report can be of (explorer/core/describe/metadata.py's rule)."""
    return year is not None and DEFAULT_CONFIG.min_year <= year <= DEFAULT_CONFIG.max_year


@dataclass(frozen=True)
class IndicatorCounts:
    """Figures per canonical indicator, and the rowids of the reports that hold them."""

    counts: dict[str, int]
    reports: dict[str, list[int]]


# A figure the Compare view can place: a region, a plausible year, the region's own.
_FIGURES = """
FROM docs d, json_each(d.targets) j
WHERE d.region != '' AND d.year BETWEEN ? AND ?
  AND ifnull(json_extract(j.value, '$.area'), '') = ''
"""


def _db(manifest: Manifest, classify: Classify):  # noqa: ANN202 - sqlite3.Connection
    db = manifest.db()
    db.create_function("indicator_of", 2, classify, deterministic=True)
    return db


def indicator_counts(manifest: Manifest, classify: Classify) -> IndicatorCounts:
    """One scan of every target: how many figures each indicator has, in which reports."""
    years = (DEFAULT_CONFIG.min_year, DEFAULT_CONFIG.max_year)
    sql = (
        "SELECT name, count(*), '[' || group_concat(DISTINCT rid) || ']' FROM ("
        "SELECT indicator_of(json_extract(j.value, '$.indicator'), json_extract(j.value, '$.unit')) AS name, "
        f"d.rowid AS rid {_FIGURES}) WHERE name IS NOT NULL GROUP BY name"
    )
    counts, reports = {}, {}
    for name, n, rowids in _db(manifest, classify).execute(sql, years):
        counts[name] = n
        reports[name] = json.loads(rowids)
    return IndicatorCounts(counts, reports)


def indicator_targets(manifest: Manifest, classify: Classify, name: str,
                      rowids: list[int]) -> Iterator[tuple[ReportInfo, Target]]:
    """The targets mapped to `name` in the reports `rowids` (IndicatorCounts.reports)."""
    years = (DEFAULT_CONFIG.min_year, DEFAULT_CONFIG.max_year)
    sql = (
        f"SELECT {', '.join('d.' + c.strip() for c in _INFO_COLUMNS.split(','))}, j.value {_FIGURES}"
        " AND d.rowid IN (SELECT value FROM json_each(?))"
        " AND indicator_of(json_extract(j.value, '$.indicator'), json_extract(j.value, '$.unit')) = ?"
    )
    for row in _db(manifest, classify).execute(sql, (*years, json.dumps(rowids), name)):
        yield _info(row[:-1]), Target.from_json(json.loads(row[-1]))

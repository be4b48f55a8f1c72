"""What the Compare view reads (targets vs. results of one indicator, region × year), taken
from the manifest with SQL instead of every target of the library loaded into Python (a
library of 10,000 reports holds about 900,000).

The targets table (targettable.py) is grouped by (indicator text, unit) in SQL, and the
indicator mapping (explorer/core/targets/indicators.py, a Python function of the indicator
text and unit) is asked once per distinct pair, so one scan counts the figures of every
indicator and remembers which reports hold each; an indicator's figures are then read from
those reports only. Only plausible report years count (1949..next year, the metadata
rule): a mis-read year must not stretch the view's axis.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from explorer.core.describe.metadata import DEFAULT_CONFIG
from explorer.core.model import Target
from explorer.core.scripts import fold
from explorer.core.targets import panel
from explorer.library import targettable
from explorer.library.store import _INFO_COLUMNS, Manifest, ReportInfo, _info

Classify = Callable[[str, str], "str | None"]  # (indicator text, unit) -> canonical indicator


def plausible_year(year: int | None) -> bool:
    """A year a report can be of (explorer/core/describe/metadata.py's rule)."""
    return year is not None and DEFAULT_CONFIG.min_year <= year <= DEFAULT_CONFIG.max_year


@dataclass(frozen=True)
class IndicatorCounts:
    """Figures per canonical indicator, and the docs.id of the reports that hold them."""

    counts: dict[str, int]
    reports: dict[str, list[int]]


# A figure the Compare view can place: a region, a plausible year, the region's own.
_FIGURES = """
FROM docs d CROSS JOIN targets t ON t.doc = d.id
WHERE d.region != '' AND d.year BETWEEN ? AND ? AND t.area = ''
"""


def indicator_counts(manifest: Manifest, classify: Classify) -> IndicatorCounts:
    """One scan of every target: how many figures each indicator has, in which reports
    (their docs.id)."""
    years = (DEFAULT_CONFIG.min_year, DEFAULT_CONFIG.max_year)
    sql = f"SELECT t.indicator, t.unit, count(*), group_concat(DISTINCT d.id) {_FIGURES} GROUP BY t.indicator, t.unit"
    counts: dict[str, int] = {}
    reports: dict[str, set[int]] = {}
    for indicator, unit, n, ids in manifest.target_db().execute(sql, years):
        name = classify(indicator, unit)
        if name is not None:
            counts[name] = counts.get(name, 0) + n
            reports.setdefault(name, set()).update(int(i) for i in ids.split(","))
    return IndicatorCounts(counts, {name: sorted(ids) for name, ids in reports.items()})


def indicator_targets(manifest: Manifest, classify: Classify, name: str,
                      ids: list[int]) -> Iterator[tuple[ReportInfo, Target]]:
    """The targets mapped to `name` in the reports `ids` (IndicatorCounts.reports)."""
    years = (DEFAULT_CONFIG.min_year, DEFAULT_CONFIG.max_year)
    db = manifest.target_db()
    db.create_function("indicator_of", 2, classify, deterministic=True)
    names = targettable.theme_names(db)
    info = [f"d.{c.strip()}" for c in _INFO_COLUMNS.split(",")]
    sql = (f"SELECT {', '.join(info)}, {targettable.HIT_COLUMNS} {_FIGURES}"
           " AND d.id IN (SELECT value FROM json_each(?)) AND indicator_of(t.indicator, t.unit) = ?"
           " ORDER BY d.id, t.seq")
    for row in db.execute(sql, (*years, json.dumps(ids), name)).fetchall():
        yield _info(row[: len(info)]), targettable.hit(row[len(info):], names).target


class Paired:
    """One indicator's figures paired once (panel.pair_up, in the worker that read them, ~0.1 s
    for 20,000 figures at 10,000 reports), so the Compare view's region, year and theme filters
    only pick rows on the GUI thread. The same rows as pair_up with those filters: each filter
    is a test of a row's key (indicator, folded region, year), themes of any figure of the key."""

    def __init__(self, obs: Sequence[panel.Observation]) -> None:
        self.rows = panel.pair_up(obs) if obs else []
        self.years = sorted({o.year for o in obs})  # of every figure, as the filters offer them
        themes: dict[tuple[str, str, int], set[str]] = {}
        for o in obs:
            if o.themes:
                themes.setdefault((o.indicator, o.region_key, o.year), set()).update(fold(t) for t in o.themes)
        self._keys = [(r.indicator, _first(r).region_key, r.year) for r in self.rows]
        self._themes = [frozenset(themes.get(k, ())) for k in self._keys]

    def select(self, *, regions: Sequence[str] = (), years: tuple[int | None, int | None] = (None, None),
               themes: Sequence[str] = ()) -> list[panel.PanelRow]:
        """pair_up's rows under its filters (regions as substrings of either script, years
        inclusive, any of the themes)."""
        forms = [fold(r) for r in regions if r]
        lo, hi = years
        wanted = {fold(t) for t in themes}
        return [row for row, (_, region, year), th in zip(self.rows, self._keys, self._themes, strict=True)
                if (lo is None or year >= lo) and (hi is None or year <= hi)
                and (not forms or any(f in region for f in forms))
                and (not wanted or not wanted.isdisjoint(th))]


def _first(row: panel.PanelRow) -> panel.Observation:
    o = row.target if row.target is not None else row.result
    assert o is not None  # pair_up makes a row only of a key with a target or a result
    return o

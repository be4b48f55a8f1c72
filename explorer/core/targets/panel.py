"""Panels: targets paired with their results, one row per region, year and indicator.

A report for year Y sets targets for Y (工作安排: 地区生产总值增长6.5%左右) and reviews Y-1
(工作回顾: 2022年地区生产总值增长9.4%). A panel row for region R, year Y and an indicator
pairs the target for Y (preferably from R's report of year Y) with the result for Y (from
R's next report that reviews Y), so a researcher sees 目标 6.5% → 实际 9.4% and can load the
rows into Stata, R or pandas.

Which year a figure speaks of is read, in this order, from an explicit year before it in
its sentence (2022年……增长9.4%; 到2025年……), from the year in its section title
(2023年工作回顾), else from its kind: a target is for the report's year, a result for the
year before. Figures in multi-year passages (五年来, 本届政府, 十四五时期, 年均, 累计) belong to
no single year and are left out.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from explorer.core.model import Target
from explorer.core.scripts import fold
from explorer.core.targets.indicators import IndicatorSet


class ReportLike(Protocol):
    path: str
    title: str
    region: str
    year: int | None


# A year the figure is placed in. Not one compared against (比2019年, 较2020年, 与2015年相比
# are baselines) and not a decade (20世纪90年代 is no year anyway; 2010年代 is).
_YEAR = re.compile(r"(?<![\d比较与同])((?:19|20)\d{2})\s*年(?!代|以来|来)")
# Words before a figure, in its sentence, that make it a figure of several years (folded, so
# Traditional text matches too). Not a bare 五年: 五年行动计划 names a plan, not a period.
_MULTI_YEAR_SENTENCE = tuple(fold(w) for w in (
    "五年来", "过去五年", "近五年", "这五年", "五年间", "五年累计", "本届", "年均", "累计",
))
# Section titles of reviews and plans that span a term (过去五年工作回顾, 本届政府工作回顾,
# “十四五”时期主要目标); a year in the title (2025年工作回顾和“十四五”成就) still wins.
_MULTI_YEAR_SECTION = tuple(fold(w) for w in (
    "五年", "本届", "十一五", "十二五", "十三五", "十四五", "十五五",
))
# How far from the report's own year an explicit year may lie and still be a panel year:
# farther than this is history (1978年改革开放) or a vision (2035年远景目标) — kept for the
# far end, which a long-term target can legitimately name.
_PAST_YEARS = 5
_FUTURE_YEARS = 15


@dataclass(frozen=True)
class Observation:
    """One target or result mapped to a canonical indicator and to the year it speaks of."""

    region: str
    region_key: str  # folded region: 鎮江市 and 镇江市 are one region
    level: str
    indicator: str  # canonical
    year: int  # the year the figure is for
    kind: str  # "target" | "achievement"
    value: float
    value_high: float | None
    unit: str
    qualifier: str
    themes: tuple[str, ...]
    text: str  # the figure as written (clean text)
    sentence: str
    section: str
    start: int
    end: int
    path: str  # the report that states it
    title: str
    report_year: int


@dataclass(frozen=True)
class PanelRow:
    region: str
    level: str
    year: int
    indicator: str
    target: Observation | None
    result: Observation | None


_UNIT_PREFIXES = (("万亿", 1e12), ("亿", 1e8), ("万", 1e4), ("千", 1e3))


def unit_scale(unit: str) -> tuple[str, float]:
    """(base unit, factor): 万人 -> (人, 1e4), 万亿元 -> (元, 1e12), % -> (%, 1). Reports of a
    country and of a district state one measure in different units (1200万人, 5000人)."""
    for prefix, factor in _UNIT_PREFIXES:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return unit[len(prefix):], factor
    return unit, 1.0


def _years(text: str) -> list[int]:
    return [int(m.group(1)) for m in _YEAR.finditer(text)]


def figure_year(target: Target, report_year: int) -> int | None:
    """The year `target` speaks of, or None when it speaks of several (see module doc)."""
    pos = target.sentence.find(target.text) if target.text else -1
    prefix = target.sentence[:pos] if pos >= 0 else target.sentence
    folded_prefix = fold(prefix)
    indicator = fold(target.indicator)
    if any(w in folded_prefix or w in indicator for w in _MULTI_YEAR_SENTENCE):
        return None
    plausible = [y for y in _years(prefix) if report_year - _PAST_YEARS <= y <= report_year + _FUTURE_YEARS]
    section_years = [y for y in _years(target.section) if report_year - _PAST_YEARS <= y <= report_year + _FUTURE_YEARS]
    multi_section = any(w in fold(target.section) for w in _MULTI_YEAR_SECTION)
    if target.kind == "achievement":
        past = [y for y in plausible if y < report_year]
        if past:
            return past[-1]  # the nearest year named before the figure
        if section_years:
            return section_years[0] if section_years[0] < report_year else None
        return None if multi_section else report_year - 1
    coming = [y for y in plausible if y >= report_year]
    if coming:
        return coming[-1]
    if section_years:
        return section_years[0] if section_years[0] >= report_year else None
    return None if multi_section else report_year


def observations(pairs: Iterable[tuple[ReportLike, Target]], indicators: IndicatorSet) -> list[Observation]:
    """Every target of `pairs` that maps to a canonical indicator and a single year."""
    out: list[Observation] = []
    region_keys: dict[str, str] = {}
    for info, t in pairs:
        if info.year is None or not info.region:
            continue  # a figure no region or year can be given to pairs with nothing
        if t.area:
            continue  # a zone's or a county's figure (临江新区…) is not the region's
        name = indicators.match(t)
        if name is None:
            continue
        year = figure_year(t, info.year)
        if year is None:
            continue
        key = region_keys.get(info.region)
        if key is None:
            key = region_keys[info.region] = fold(info.region)
        out.append(Observation(
            region=info.region, region_key=key, level=getattr(info, "level", "") or "",
            indicator=name, year=year, kind=t.kind, value=t.value, value_high=t.value_high,
            unit=t.unit, qualifier=t.qualifier, themes=t.themes, text=t.text,
            sentence=t.sentence, section=t.section, start=t.start, end=t.end,
            path=info.path, title=info.title, report_year=info.year,
        ))
    return out


def _target_rank(o: Observation) -> tuple[int, int, str, int]:
    # The report of year Y sets Y's target; an earlier plan's (到2025年) counts only without it,
    # and then the latest plan wins. In a report, the first statement is the headline one.
    return (0 if o.report_year == o.year else 1, -o.report_year, o.path, o.start)


def _result_rank(o: Observation) -> tuple[int, str, int]:
    # The next report reviews Y first-hand; later ones may restate it (revised figures).
    return (o.report_year - o.year, o.path, o.start)


def pair_up(
    obs: Iterable[Observation],
    *,
    indicators: Sequence[str] = (),
    regions: Sequence[str] = (),
    years: tuple[int | None, int | None] = (None, None),
    themes: Sequence[str] = (),
) -> list[PanelRow]:
    """Panel rows sorted by indicator, region and year. Filters: indicators (canonical
    names), regions (substrings, either script: 常州 finds 常州市钟楼区), a year range
    (inclusive; None = open) and themes (any of them, on either side of the pair)."""
    wanted_ind = set(indicators)
    region_forms = [fold(r) for r in regions if r]
    lo, hi = years
    wanted_themes = {fold(t) for t in themes}
    best_target: dict[tuple[str, str, int], Observation] = {}
    best_result: dict[tuple[str, str, int], Observation] = {}
    themed: set[tuple[str, str, int]] = set()
    for o in obs:
        if wanted_ind and o.indicator not in wanted_ind:
            continue
        if (lo is not None and o.year < lo) or (hi is not None and o.year > hi):
            continue
        if region_forms and not any(r in o.region_key for r in region_forms):
            continue
        key = (o.indicator, o.region_key, o.year)
        if wanted_themes and wanted_themes.intersection(fold(t) for t in o.themes):
            themed.add(key)
        if o.kind == "achievement":
            if o.report_year <= o.year:
                continue  # a result is reported after its year ends
            cur = best_result.get(key)
            if cur is None or _result_rank(o) < _result_rank(cur):
                best_result[key] = o
        else:
            cur_t = best_target.get(key)
            if cur_t is None or _target_rank(o) < _target_rank(cur_t):
                best_target[key] = o
    keys = set(best_target) | set(best_result)
    if wanted_themes:
        keys &= themed
    rows = []
    for key in sorted(keys):
        t, r = best_target.get(key), best_result.get(key)
        # Name the region as its own report of that year does (original script).
        first = t if t is not None else r
        assert first is not None
        rows.append(PanelRow(first.region, first.level, key[2], key[0], t, r))
    return rows


def build_panel(
    pairs: Iterable[tuple[ReportLike, Target]], indicator_set: IndicatorSet, **filters: Any
) -> list[PanelRow]:
    return pair_up(observations(pairs, indicator_set), **filters)


# -- export ---------------------------------------------------------------------------
# Column names are ASCII snake_case of at most 32 characters, so Stata, R and pandas take
# them as variable names unchanged; one row per region × year × indicator (long format).

SIDE_COLUMNS: tuple[str, ...] = (
    "value", "value_high", "unit", "qualifier", "text", "sentence", "section",
    "report", "report_year", "path", "start", "end",
)
COLUMNS: tuple[str, ...] = (
    "region", "level", "year", "indicator",
    *(f"target_{c}" for c in SIDE_COLUMNS),
    *(f"result_{c}" for c in SIDE_COLUMNS),
    # Both values in one base unit (万人 -> 人), so rows of different regions compare directly;
    # empty when target and result units are of different kinds.
    "unit_base", "target_value_base", "result_value_base",
)


def _side(o: Observation | None) -> list[Any]:
    if o is None:
        return [None] * len(SIDE_COLUMNS)
    return [o.value, o.value_high, o.unit, o.qualifier, o.text, o.sentence, o.section,
            o.title, o.report_year, o.path, o.start, o.end]


def _base(row: PanelRow) -> list[Any]:
    sides = [o for o in (row.target, row.result) if o is not None]
    scales = [unit_scale(o.unit) for o in sides]
    if len({b for b, _ in scales}) != 1:
        return [None, None, None]
    base = scales[0][0]
    values: list[Any] = []
    for o in (row.target, row.result):
        # round(): 1.39 * 1e12 is 1389999999999.9998 in binary floating point.
        values.append(None if o is None else round(o.value * unit_scale(o.unit)[1], 6))
    return [base, *values]


def record(row: PanelRow) -> list[Any]:
    return [row.region, row.level, row.year, row.indicator, *_side(row.target), *_side(row.result), *_base(row)]


def records(rows: Iterable[PanelRow]) -> list[dict[str, Any]]:
    return [dict(zip(COLUMNS, record(r), strict=True)) for r in rows]


def write_json(rows: Iterable[PanelRow], out: IO[str]) -> None:
    json.dump(records(rows), out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv(rows: Iterable[PanelRow], path: str | Path) -> int:
    """Plain UTF-8 without a byte-order mark: Stata's `import delimited`, R's read.csv and
    pandas read it as is (a BOM would stick to the first column's name). Missing values
    are empty cells. Returns the number of rows written."""
    n = 0
    tmp = Path(str(path) + ".part")  # never leave a half-written file under the real name
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow(["" if v is None else v for v in record(row)])
            n += 1
    tmp.replace(path)
    return n


def write_xlsx(rows: Iterable[PanelRow], path: str | Path) -> int:
    """One sheet "panel" with the same columns as the CSV. Returns the number of rows."""
    from openpyxl import Workbook  # heavy; only needed here

    wb = Workbook(write_only=True)  # streams rows: a 1,000-report panel stays small in memory
    ws = wb.create_sheet("panel")
    ws.append(list(COLUMNS))
    n = 0
    for row in rows:
        ws.append(record(row))
        n += 1
    tmp = Path(str(path) + ".part")
    wb.save(str(tmp))
    tmp.replace(path)
    return n


def write_file(rows: Sequence[PanelRow], path: str | Path) -> int:
    """.xlsx by the name, else CSV."""
    if str(path).lower().endswith(".xlsx"):
        return write_xlsx(rows, path)
    return write_csv(rows, path)

"""Writers for target rows: JSON, CSV and XLSX (openpyxl), one row per target.

A row carries the report (title, region, year, path) beside the target, the section
path and the sentence, so a researcher can compare cities and years in a spreadsheet
without going back to the app. `report` is any object with path, title, region and
year attributes (library.ReportInfo, model.Report).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any, Protocol

from explorer.core.model import Target


class ReportLike(Protocol):
    path: str
    title: str
    region: str
    year: int | None


COLUMNS: tuple[str, ...] = (
    "title", "region", "year", "indicator", "area", "value", "value_high", "unit", "qualifier",
    "kind", "themes", "section", "text", "sentence", "start", "end", "path",
)
# Header shown in spreadsheets; the interface is Chinese first.
HEADERS_ZH: dict[str, str] = {
    "title": "报告", "region": "地区", "year": "年份", "indicator": "指标", "area": "所指区域", "value": "数值",
    "value_high": "上限", "unit": "单位", "qualifier": "限定", "kind": "类型", "themes": "主题",
    "section": "章节", "text": "原文", "sentence": "句子", "start": "起", "end": "止",
    "path": "文件",
}


def target_row(report: ReportLike, target: Target) -> dict[str, Any]:
    return {
        "title": report.title,
        "region": report.region,
        "year": report.year,
        "indicator": target.indicator,
        "area": target.area,
        "value": target.value,
        "value_high": target.value_high,
        "unit": target.unit,
        "qualifier": target.qualifier,
        "kind": target.kind,
        "themes": list(target.themes),
        "section": target.section,
        "text": target.text,
        "sentence": target.sentence,
        "start": target.start,
        "end": target.end,
        "path": report.path,
    }


def rows(pairs: Iterable[tuple[ReportLike, Target]]) -> list[dict[str, Any]]:
    return [target_row(r, t) for r, t in pairs]


def write_json(pairs: Iterable[tuple[ReportLike, Target]], out: IO[str]) -> None:
    json.dump(rows(pairs), out, ensure_ascii=False, indent=2)
    out.write("\n")


def _flat(row: dict[str, Any]) -> list[Any]:
    return ["、".join(row[c]) if c == "themes" else row[c] for c in COLUMNS]


def write_csv(pairs: Iterable[tuple[ReportLike, Target]], path: str | Path) -> int:
    """UTF-8 with BOM, so Excel opens the Chinese text correctly. Returns rows written."""
    data = rows(pairs)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for row in data:
            writer.writerow(["" if v is None else v for v in _flat(row)])
    return len(data)


def write_xlsx(
    pairs: Iterable[tuple[ReportLike, Target]],
    path: str | Path,
    headers: Sequence[str] | None = None,
) -> int:
    """One sheet "targets"; first row the headers (Chinese by default). Returns rows written."""
    from openpyxl import Workbook  # heavy; only needed here

    data = rows(pairs)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "targets"
    ws.append(list(headers) if headers else [HEADERS_ZH[c] for c in COLUMNS])
    for row in data:
        ws.append(_flat(row))
    ws.freeze_panes = "A2"
    wb.save(str(path))
    return len(data)

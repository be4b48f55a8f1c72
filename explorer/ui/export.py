"""Write target rows to CSV or Excel. Runs in a worker (TaskRunner), never on the GUI thread."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

from explorer.library.targettable import TargetHit

HEADER = ["report", "path", "region", "year", "indicator", "value", "value_high", "unit",
          "qualifier", "kind", "themes", "section", "text", "sentence", "start", "end"]


def _record(row: TargetHit) -> list:
    t = row.target
    return [row.title, row.path, row.region, row.year, t.indicator, t.value, t.value_high, t.unit,
            t.qualifier, t.kind, "、".join(t.themes), t.section, t.text, t.sentence, t.start, t.end]


def export_targets(rows: Iterable[TargetHit], path: str | Path,
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None, total: int | None = None) -> int:
    """Writes .xlsx when the name says so, else CSV (UTF-8 with BOM, which Excel reads
    as UTF-8 instead of the ANSI code page). `rows` may be an iterator (streamed from the
    library); `total` is for progress. Returns the number of rows written."""
    path = Path(path)
    if total is None:
        total = len(rows) if isinstance(rows, list) else 0
    written = 0
    tmp = path.with_name(path.name + ".part")  # never leave a half-written file under the real name
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("targets")
        ws.append(HEADER)
        for i, row in enumerate(rows):
            if cancelled and cancelled():
                return 0
            ws.append(_record(row))
            written = i + 1
            if progress:
                progress(written, max(total, written))
        wb.save(tmp)
    else:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(HEADER)
            for i, row in enumerate(rows):
                if cancelled and cancelled():
                    f.close()
                    tmp.unlink(missing_ok=True)
                    return 0
                w.writerow(_record(row))
                written = i + 1
                if progress:
                    progress(written, max(total, written))
    tmp.replace(path)
    return written

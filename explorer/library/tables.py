"""Writing a table of rows to CSV or Excel: the concordance and frequency exports of the
CLI and the app. Streams (a 20,000-row concordance is never held as cells), writes to
NAME.part and renames, so a cancelled or failed export leaves no half file under the name.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

Progress = Callable[[int], None]  # rows written so far


class ExportCancelled(Exception):
    """The caller's `cancelled()` said stop; nothing was written under the real name."""


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return value


def write_table(
    path: str | Path,
    header: Sequence[str],
    records: Iterable[Sequence[Any]],
    *,
    sheet: str = "rows",
    bom: bool = False,
    widths: Sequence[float] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """.xlsx by the file name (library/xlsx.py; `widths` of its columns in characters),
    else CSV (UTF-8; with a byte-order mark if `bom`, which Excel needs to read UTF-8 but
    which sticks to the first column's name in Stata, R or pandas). Returns the rows
    written; raises ExportCancelled or OSError."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    n = 0

    def counted() -> Iterable[list[Any]]:
        nonlocal n
        for record in records:
            if cancelled is not None and n % 500 == 0 and cancelled():
                raise ExportCancelled
            yield [_cell(v) for v in record]
            n += 1
            if progress is not None and n % 500 == 0:
                progress(n)

    try:
        if path.suffix.lower() == ".xlsx":
            from explorer.library.xlsx import write_xlsx

            write_xlsx(tmp, header, counted(), sheet, widths)
        else:
            with open(tmp, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(header)
                writer.writerows(counted())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    if progress is not None:
        progress(n)
    return n

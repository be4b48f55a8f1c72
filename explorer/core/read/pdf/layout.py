"""Reading order on a page: rows of pieces read left to right, columns one after the other."""

from __future__ import annotations

import re
from collections import Counter

from explorer.core.read.pdf.lines import MARKER, Line

_HAN = re.compile(r"[\u3400-\u9fff]")
_WORDISH = re.compile(r"[\u3400-\u9fffA-Za-z]")


def _same_row(a: Line, b: Line) -> bool:
    ca, cb = (a.y0 + a.y1) / 2, (b.y0 + b.y1) / 2
    return a.y0 <= cb <= a.y1 or b.y0 <= ca <= b.y1


def rows(lines: list[Line]) -> list[Line]:
    """Lines on one row become one line, read left to right: a TOC entry and its page range,
    a paragraph number in the margin ("9.") and its paragraph. Rows run top to bottom."""
    ordered = sorted(lines, key=lambda ln: -(ln.y0 + ln.y1) / 2)
    grouped: list[list[Line]] = []
    for ln in ordered:
        if grouped and _same_row(grouped[-1][0], ln):
            grouped[-1].append(ln)
        else:
            grouped.append([ln])
    return [_merge(row) for row in grouped]


def _merge(row: list[Line]) -> Line:
    if len(row) == 1:
        return row[0]
    row.sort(key=lambda ln: ln.x0)
    first = row[0]
    # A lone marker piece ("9." set in the margin) starts the row's text, it is no column.
    marker = first.marker or bool(MARKER.match(first.text))
    if first.marker:
        body_x = first.body_x
    elif marker:
        body_x = row[1].x0
    else:
        body_x = first.x0
    sizes = [ln.size for ln in row if _HAN.search(ln.text)] or [first.size]
    return Line(
        page=first.page,
        x0=first.x0,
        y0=min(ln.y0 for ln in row),
        x1=max(ln.x1 for ln in row),
        y1=max(ln.y1 for ln in row),
        size=max(sizes),
        text=" ".join(ln.text for ln in row),
        body_x=body_x,
        marker=marker,
        # pieces beyond a marker and its text are cells of a table or TOC: never joined
        table=len(row) > (2 if marker and not first.marker else 1),
    )


def columns(lines: list[Line], width: float) -> list[list[Line]]:
    """The page's columns, left to right, each as rows top to bottom. A page is split only when
    its right half really holds a column of text: left-aligned lines with words in them (a
    TOC's right-aligned page ranges or a table's figures are not a column)."""
    if not lines:
        return []
    mid = width / 2
    left = [ln for ln in lines if ln.x1 <= mid + ln.size]
    right = [ln for ln in lines if ln.x0 >= mid - ln.size]
    spanning = [ln for ln in lines if ln.x1 > mid + ln.size and ln.x0 < mid - ln.size]
    if not (len(left) >= 3 and len(right) >= 3 and len(spanning) <= max(2, len(lines) // 10)):
        return [rows(lines)]
    texty = sum(1 for ln in right if len(_WORDISH.findall(ln.text)) >= 4)
    starts = Counter(round(ln.x0 / (ln.size * 0.5)) for ln in right)
    common = [x for x, _ in starts.most_common(2)]
    aligned = sum(n for x, n in starts.items() if any(abs(x - y) <= 1 for y in common))
    if texty < 0.5 * len(right) or aligned < 0.5 * len(right):
        return [rows(lines)]
    # Lines across both columns (a title) are read before the columns they head.
    return [rows(spanning) + rows(left), rows(right)]

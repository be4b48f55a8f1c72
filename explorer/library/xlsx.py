"""A streaming XLSX writer for plain tables: one sheet, a bold frozen header, text and numbers.

openpyxl writes about 10,000 cells a second (its per-cell objects); a 20,000-hit
concordance is 280,000 cells, half a minute. A plain table needs little of the format:
the package parts below, each row written as it comes with inline strings, zipped; the file
opens in Excel, LibreOffice, WPS, pandas and openpyxl (tests read it back with openpyxl).
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

MAX_CELL = 32_767  # characters Excel keeps in a cell
# Characters XML 1.0 does not allow (a cleaned report has none; a path or a title might).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"

_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
    ),
    # Style 0 the default, style 1 bold (the header).
    "xl/styles.xml": (
        f'<styleSheet xmlns="{_MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    ),
}


def _cell(value: Any, style: str = "") -> str:
    if value is None or value == "":
        return "<c/>" if not style else f"<c{style}/>"
    if isinstance(value, bool):
        return f'<c{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float) and math.isfinite(value):
        return f"<c{style}><v>{value!r}</v></c>"
    text = escape(_NOT_XML.sub("", str(value))[:MAX_CELL])
    return f'<c{style} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _row(number: int, values: Iterable[Any], style: str = "") -> bytes:
    return (f'<row r="{number}">' + "".join(_cell(v, style) for v in values) + "</row>").encode("utf-8")


def write_xlsx(
    path: str | Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    sheet: str = "rows",
    widths: Sequence[float] | None = None,
) -> int:
    """Write `header` (bold, frozen) and `rows` to one sheet named `sheet`; `widths` in
    characters per column. Returns the rows written."""
    name = re.sub(r"[\[\]:*?/\\]", "_", sheet)[:31] or "rows"
    n = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for part, xml in _PARTS.items():
            z.writestr(part, _HEAD + xml)
        z.writestr("xl/workbook.xml", _HEAD + (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            f'<sheet name={quoteattr(name)} sheetId="1" r:id="rId1"/></sheets></workbook>'))
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write((_HEAD + f'<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0">'
                       '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                       "</sheetView></sheetViews>").encode("utf-8"))
            if widths:
                cols = "".join(f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
                               for i, w in enumerate(widths, 1))
                out.write(f"<cols>{cols}</cols>".encode())
            out.write(b"<sheetData>")
            out.write(_row(1, header, ' s="1"'))
            for n, values in enumerate(rows, 1):
                out.write(_row(n + 1, values))
            out.write(b"</sheetData></worksheet>")
    return n

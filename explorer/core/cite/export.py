"""Excerpts to files: Markdown and Word (quotations grouped by report or by tag, each with
its citation in the chosen style and its note), CSV and XLSX (one row per excerpt, every
field), JSON.

Writers take excerpts and a path and touch nothing else: no library, no Qt; the CLI and
the app's export task both call them. Files are written under a temporary name and moved
into place, so an interrupted export never leaves a half file under the name asked for.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from explorer.core.cite.excerpts import COLUMNS, HEADERS_ZH, Excerpt, Quotation, flat, groups, rows

FORMATS = ("md", "docx", "csv", "xlsx", "json")
NOT_FOUND = "此段已不在当前报告中（报告已修改或已移出资料库），以上按最后找到时的原文引用。"
CHANGED = "报告在此段内有改动，以上为当前原文；摘录时原文为："
NOTE_LABEL = "批注："
TAGS_LABEL = "标签："
TITLE = "摘录"

# Columns an XLSX sheet shows wide and wrapped (in characters), the rest stay narrow.
_XLSX_WIDTHS = {"text": 60, "note": 30, "citation": 50, "collected": 40, "section": 24, "title": 28,
                "path": 30, "tags": 14, "region": 12}


def format_of(path: str | Path) -> str | None:
    """The export format a file name asks for (.md/.markdown, .docx, .csv, .xlsx, .json)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    suffix = {"markdown": "md"}.get(suffix, suffix)
    return suffix if suffix in FORMATS else None


def _write_via_temp(path: str | Path, write: Callable[[Path], object]) -> None:
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_json(excerpts: Sequence[Excerpt], out: IO[str], style: str = "plain", script: str = "original") -> int:
    data = rows(excerpts, style, script)
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(data)


def write_csv(excerpts: Sequence[Excerpt], path: str | Path, style: str = "plain", script: str = "original") -> int:
    """UTF-8 with BOM, so Excel reads the Chinese text as UTF-8. Returns rows written."""
    data = rows(excerpts, style, script)

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS)
            writer.writerows(flat(r) for r in data)

    _write_via_temp(path, write)
    return len(data)


def write_xlsx(excerpts: Sequence[Excerpt], path: str | Path, style: str = "plain", script: str = "original") -> int:
    """One sheet "excerpts", Chinese headers, the long columns wide and wrapped."""
    from openpyxl import Workbook  # heavy; only needed here
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    data = rows(excerpts, style, script)

    def write(tmp: Path) -> None:
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "excerpts"
        ws.append([HEADERS_ZH[c] for c in COLUMNS])
        for row in data:
            ws.append(flat(row))
        wrap = Alignment(wrap_text=True, vertical="top")
        for i, column in enumerate(COLUMNS, start=1):
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = _XLSX_WIDTHS.get(column, 9)
            if column in _XLSX_WIDTHS:
                for cell in ws[letter][1:]:
                    cell.alignment = wrap
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        wb.save(str(tmp))

    _write_via_temp(path, write)
    return len(data)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-]|\d+[.)])")


def _md_escape(line: str) -> str:
    """A report's line shown as itself, not as Markdown: 1. does not start a list, * no emphasis."""
    line = _MD_SPECIAL.sub(r"\\\1", line)
    return _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], line)


def _md_quotation(q: Quotation) -> list[str]:
    lines = [f"> {_md_escape(line)}" if line.strip() else ">" for line in q.quote.split("\n")]
    lines += [">", f"> {_md_escape(q.source)}", ""]
    e = q.excerpt
    if not e.found:
        lines += [f"*{NOT_FOUND}*", ""]
    elif e.changed:
        lines += [f"*{CHANGED}*", "", *(f"> {_md_escape(x)}" for x in e.collected.split("\n")), ""]
    if q.note:
        lines += [f"**{NOTE_LABEL}**{q.note}", ""]
    if q.tags:
        lines += [TAGS_LABEL + " · ".join(f"`{t}`" for t in q.tags), ""]
    return lines


def write_markdown(
    excerpts: Sequence[Excerpt], path: str | Path, style: str = "plain", script: str = "original",
    group: str = "report",
) -> int:
    out = [f"# {TITLE}", ""]
    for heading, quotations in groups(excerpts, group, style, script):
        if heading:
            out += [f"## {_md_escape(heading)}", ""]
        for q in quotations:
            out += _md_quotation(q)
    text = "\n".join(out).rstrip("\n") + "\n"
    _write_via_temp(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return len(excerpts)


def _east_asian_font(style: Any, name: str) -> None:
    """Word picks a CJK font from w:eastAsia, which python-docx's font.name does not set."""
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def write_docx(
    excerpts: Sequence[Excerpt], path: str | Path, style: str = "plain", script: str = "original",
    group: str = "report",
) -> int:
    """Quotations as Word's Quote paragraphs, each followed by its source, note and tags."""
    import docx
    from docx.shared import Pt, RGBColor

    grey = RGBColor(0x5F, 0x6B, 0x7A)
    doc = docx.Document()
    doc.core_properties.title = TITLE
    for name in ("Normal", "Quote", "Title", "Heading 1"):
        _east_asian_font(doc.styles[name], "宋体" if name in ("Normal", "Quote") else "黑体")
    doc.add_heading(TITLE, level=0)
    # The style's id, looked up once: python-docx resolves a style name anew for every
    # paragraph, which was most of the time of a 1,000-excerpt export.
    quote_style = doc.styles["Quote"].style_id
    for heading, quotations in groups(excerpts, group, style, script):
        if heading:
            doc.add_heading(heading, level=1)
        for q in quotations:
            para = doc.add_paragraph()
            para._p.style = quote_style
            _add_lines(para, q.quote)
            source = doc.add_paragraph()
            _add_lines(source, q.source, size=Pt(9.5), color=grey)
            e = q.excerpt
            if not e.found:
                _add_lines(doc.add_paragraph(), NOT_FOUND, italic=True, color=RGBColor(0xA3, 0x3B, 0x20))
            elif e.changed:
                warn = doc.add_paragraph()
                _add_lines(warn, CHANGED + "\n" + e.collected, italic=True, color=grey)
            if q.note:
                note = doc.add_paragraph()
                note.add_run(NOTE_LABEL).bold = True
                _add_lines(note, q.note)
            if q.tags:
                _add_lines(doc.add_paragraph(), TAGS_LABEL + "、".join(q.tags), size=Pt(9), color=grey)
    _write_via_temp(path, lambda tmp: doc.save(str(tmp)))
    return len(excerpts)


def _add_lines(paragraph: Any, text: str, **font: Any) -> None:
    """Add `text` to a Word paragraph, its line breaks kept as breaks (not new paragraphs)."""
    for i, line in enumerate(text.split("\n")):
        if i:
            paragraph.runs[-1].add_break()
        run = paragraph.add_run(line)
        for key, value in font.items():
            if key == "color":
                run.font.color.rgb = value
            else:
                setattr(run.font, key, value)


def write_file(
    excerpts: Sequence[Excerpt], path: str | Path, style: str = "plain", script: str = "original",
    group: str = "report", fmt: str | None = None,
) -> int:
    """Write in the format `fmt`, else the one the file name asks for. Returns excerpts written."""
    fmt = fmt or format_of(path)
    if fmt == "md":
        return write_markdown(excerpts, path, style, script, group)
    if fmt == "docx":
        return write_docx(excerpts, path, style, script, group)
    if fmt == "csv":
        return write_csv(excerpts, path, style, script)
    if fmt == "xlsx":
        return write_xlsx(excerpts, path, style, script)
    if fmt == "json":
        def write(tmp: Path) -> None:
            with open(tmp, "w", encoding="utf-8") as fh:
                write_json(excerpts, fh, style, script)

        _write_via_temp(path, write)
        return len(excerpts)
    raise ValueError(f"cannot tell the export format of {path} (use one of: {', '.join('.' + f for f in FORMATS)})")

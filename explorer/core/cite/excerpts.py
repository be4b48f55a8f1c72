"""An excerpt: a passage a user collected from a report, with a note, tags and what it
takes to cite it; and the rows and groups the exports are written from.

The record lives here, not in the library, so that exports (cite/export.py) and the app
can handle it without the storage that keeps it (explorer/library/excerpts.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from explorer.core.cite.styles import (
    Citation,
    CitationParts,
    check_style,
    for_display,
    page_label,
    quoted,
    reference,
    render,
    source_line,
)
from explorer.core.scripts import convert_for_display, fold

GROUPINGS = ("report", "tag", "none")
UNTAGGED = "（无标签）"
TAG_SEPARATORS = "，,、;；"


@dataclass(frozen=True)
class Excerpt:
    id: int
    path: str
    start: int  # offsets into the report's clean text, as last found
    end: int
    text: str  # the passage as the report has it now (as last found, when not found)
    source: CitationParts  # everything a citation names but the passage; original script
    note: str = ""
    tags: tuple[str, ...] = ()
    found: bool = True  # False: the passage is no longer in its report (or the report is gone)
    collected: str = ""  # the passage as first collected, when the report changed inside it since
    created: str = ""  # ISO 8601, local time

    @property
    def title(self) -> str:
        return self.source.title or Path(self.path).stem

    @property
    def region(self) -> str:
        return self.source.region

    @property
    def year(self) -> int | None:
        return self.source.year

    @property
    def section(self) -> str:
        return self.source.section

    @property
    def pages(self) -> tuple[int, int] | None:
        return self.source.pages

    @property
    def changed(self) -> bool:
        """The report was edited inside the passage since it was collected."""
        return bool(self.collected) and self.collected != self.text

    def parts(self, script: str = "original") -> CitationParts:
        return for_display(replace(self.source, passage=self.text), script)

    def citation(self, style: str = "plain", script: str = "original") -> Citation:
        return render(self.parts(script), style)


def normalize_tags(tags: Iterable[str] | str) -> tuple[str, ...]:
    """Tags as typed ("就业，新质生产力 就业") -> ("就业", "新质生产力"): split at commas,
    enumeration commas, semicolons and spaces, stripped, first spelling of each kept."""
    if isinstance(tags, str):
        tags = [tags]
    out: dict[str, str] = {}
    for tag in tags:
        for sep in TAG_SEPARATORS:
            tag = tag.replace(sep, " ")
        for word in tag.split():
            out.setdefault(fold(word), word)
    return tuple(out.values())


def has_any_tag(excerpt: Excerpt, wanted: Iterable[str]) -> bool:
    """Either script: 就業 finds an excerpt tagged 就业."""
    wanted_forms = {fold(t) for t in wanted}
    return not wanted_forms or not wanted_forms.isdisjoint(fold(t) for t in excerpt.tags)


# -- rows: what JSON, CSV and XLSX write -------------------------------------------------

COLUMNS: tuple[str, ...] = (
    "id", "title", "region", "year", "section", "pages", "text", "note", "tags", "citation",
    "found", "changed", "collected", "start", "end", "path", "created",
)
HEADERS_ZH: dict[str, str] = {
    "id": "编号", "title": "报告", "region": "地区", "year": "年份", "section": "章节",
    "pages": "页码", "text": "摘录", "note": "批注", "tags": "标签", "citation": "引文",
    "found": "在报告中找到", "changed": "原文已改动", "collected": "摘录时原文", "start": "起",
    "end": "止", "path": "文件", "created": "摘录时间",
}


def excerpt_row(e: Excerpt, style: str = "plain", script: str = "original") -> dict[str, Any]:
    """One excerpt as a flat record, text in the display script; `citation` is the source
    in the chosen style, without the passage (which is `text`)."""
    parts = e.parts(script)

    def disp(s: str) -> str:
        return convert_for_display(s, script)

    return {
        "id": e.id,
        "path": e.path,
        "title": parts.title,
        "region": parts.region,
        "year": e.year,
        "section": parts.section,
        "pages": page_label(e.pages, "gbt7714") or None,
        "start": e.start,
        "end": e.end,
        "text": parts.passage,
        "note": e.note,
        "tags": list(e.tags),
        "found": e.found,
        "changed": e.changed,
        "collected": disp(e.collected) if e.changed else "",
        "citation": reference(parts, style),
        "created": e.created,
    }


def rows(excerpts: Iterable[Excerpt], style: str = "plain", script: str = "original") -> list[dict[str, Any]]:
    check_style(style)
    return [excerpt_row(e, style, script) for e in excerpts]


def flat(row: dict[str, Any]) -> list[Any]:
    """A row's cells in COLUMNS order, lists joined, None as empty: for CSV and XLSX."""
    cells: list[Any] = []
    for c in COLUMNS:
        v = row[c]
        cells.append("、".join(v) if isinstance(v, list) else "" if v is None else v)
    return cells


# -- groups: what Markdown and Word write ------------------------------------------------


@dataclass(frozen=True)
class Quotation:
    """An excerpt as a document shows it: the quoted passage, its source line, the note."""

    excerpt: Excerpt
    quote: str
    source: str
    note: str
    tags: tuple[str, ...]


def quotation(e: Excerpt, style: str, script: str) -> Quotation:
    parts = e.parts(script)
    return Quotation(e, quoted(parts, style), source_line(parts, style), e.note, e.tags)


def report_label(e: Excerpt, script: str = "original") -> str:
    """Region, year and title, each only once (most titles already name the year)."""
    title = e.title
    bits = [b for b in (e.region, str(e.year) if e.year else "") if b and b not in title]
    return convert_for_display(" ".join([*bits, title]), script)


def groups(
    excerpts: Sequence[Excerpt], by: str = "report", style: str = "plain", script: str = "original"
) -> list[tuple[str, list[Quotation]]]:
    """(heading, quotations) in the order the excerpts come. By report: each report's
    passages in reading order. By tag: an excerpt stands under each of its tags (an export
    per code, as qualitative-analysis tools do), untagged ones last. "none": one group."""
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r} (choose from {', '.join(GROUPINGS)})")
    check_style(style)
    table: dict[str, list[Excerpt]] = {}
    if by == "report":
        labels: dict[str, str] = {}
        for e in excerpts:
            table.setdefault(e.path, []).append(e)
            labels.setdefault(e.path, report_label(e, script))
        return [
            (labels[path], [quotation(e, style, script) for e in sorted(items, key=lambda x: x.start)])
            for path, items in table.items()
        ]
    if by == "none":
        return [("", [quotation(e, style, script) for e in excerpts])] if excerpts else []
    untagged: list[Excerpt] = []
    for e in excerpts:
        for tag in e.tags:
            table.setdefault(tag, []).append(e)
        if not e.tags:
            untagged.append(e)
    out = [(tag, [quotation(e, style, script) for e in items]) for tag, items in table.items()]
    if untagged:
        out.append((UNTAGGED, [quotation(e, style, script) for e in untagged]))
    return out

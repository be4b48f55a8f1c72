"""Lines to paragraphs, across columns and pages, remembering where each page starts.

A line continues the paragraph when the previous line reached the right edge of its column
(or stopped short only because the next token would not fit), and it starts where the
paragraph's continuation lines start: the column's left edge, or the text after a bullet or
"(i)" marker for a hanging indent. It must have the same type size and not be a marker,
a numbered heading or a table row itself.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from explorer.core.read.pdf.lines import Line
from explorer.core.read.wrap import join_text

_SENTENCE_END = tuple("。！？；：」』”）)")
_LEADING_TOKEN = re.compile(r"[0-9A-Za-z.:%/+\-]+")
# A line starting so opens a heading or item; "16.5%" is a number, not item 16.
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．](?!\d)"
    r"|第[一二三四五六七八九十]+部分)"
)
_BRACKETED_NUMBER = re.compile(r"^([（(])([一二三四五六七八九十]{1,3}|\d{1,2})([）)])")
_CJK_DIGITS = "一二三四五六七八九"


def _cjk_number(n: int) -> str:
    """1..99 as written in an enumeration: 三, 十, 十二, 二十一."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CJK_DIGITS[tens - 1] + "十")
    return head + ("" if ones == 0 else _CJK_DIGITS[ones - 1])


def _inline_sequel(paragraph: str, line: str) -> bool:
    """Does the line start with the next item of an enumeration running inside the
    paragraph ("包括（一）建立…；（二）加強…；" wrapped before "（三）加強…")? Then it is no
    heading: the enumeration goes on."""
    m = _BRACKETED_NUMBER.match(line)
    if not m:
        return False
    numeral = m.group(2)
    if numeral.isdigit():
        before = str(int(numeral) - 1)
    else:
        values = {_cjk_number(n): n for n in range(1, 100)}
        before = _cjk_number(values.get(numeral, 1) - 1) if values.get(numeral, 1) > 1 else ""
    if not before or before == "0":
        return False
    return paragraph.find(m.group(1) + before + m.group(3)) > 0


@dataclass
class Column:
    lines: list[Line]
    left: float = field(init=False)
    right: float = field(init=False)
    gap: float = field(init=False)  # the usual space between consecutive lines of one size
    has_edge: bool = field(init=False)  # do several lines end at its right edge?

    def __post_init__(self) -> None:
        self.left = min(ln.x0 for ln in self.lines)
        ends = sorted(ln.x1 for ln in self.lines)
        # The right edge is where most long lines end: a wide table row must not move it.
        self.right = ends[int(0.9 * (len(ends) - 1))] if len(ends) >= 5 else ends[-1]
        # An edge is only an edge when lines reach it: on a page of two short lines the longer
        # one ends "at the edge" without having been wrapped there.
        self.has_edge = sum(1 for ln in self.lines if self.reaches_edge(ln)) >= 2
        gaps = [
            a.y0 - b.y1
            for a, b in zip(self.lines, self.lines[1:], strict=False)
            if abs(a.size - b.size) < 0.1 * a.size and 0 < a.y0 - b.y1 < 3 * a.size
        ]
        self.gap = statistics.median(gaps) if len(gaps) >= 3 else 0.0

    def reaches_edge(self, ln: Line) -> bool:
        return ln.x1 >= self.right - 2.0 * ln.size


@dataclass
class _Paragraph:
    text: str
    first: Line
    first_column: Column
    last: Line
    last_column: Column
    cont_x: float | None = None  # x0 of its continuation lines, once one is seen ...
    cont_dx: float = 0.0  # ... and the same from its column's left edge


class ParagraphBuilder:
    """Feed it the columns of every page in reading order, then ask for the text."""

    def __init__(self, n_pages: int) -> None:
        self._paragraphs: list[str] = []
        self._open: _Paragraph | None = None  # the paragraph the next line may continue
        self._page_start: list[tuple[int, int] | None] = [None] * n_pages  # (paragraph, offset)
        self._notes: list[str] = []  # footnotes waiting for the paragraph they interrupt to end

    def add_column(self, column: Column) -> None:
        same_column = False
        for ln in column.lines:
            para = self._open
            if para is not None and self._continues(para, column, ln, same_column):
                joined = join_text(para.text, ln.text)
                self._mark_page(ln.page, len(self._paragraphs) - 1, len(joined) - len(ln.text))
                para.text = self._paragraphs[-1] = joined
                if para.cont_x is None:
                    para.cont_x, para.cont_dx = ln.x0, ln.x0 - column.left
                para.last, para.last_column = ln, column
            else:
                self._flush_notes()
                self._paragraphs.append(ln.text)
                self._open = _Paragraph(ln.text, ln, column, ln, column)
                self._mark_page(ln.page, len(self._paragraphs) - 1, 0)
            same_column = True

    def add_footnotes(self, notes: list[str]) -> None:
        self._notes.extend(notes)

    def result(self) -> tuple[str, list[int]]:
        """(text, pages): pages[i] is the offset in text where page i starts; a page without
        text starts where the next one does."""
        self._flush_notes()
        starts, pos = [], 0
        for p in self._paragraphs:
            starts.append(pos)
            pos += len(p) + 1
        text = "\n".join(self._paragraphs)
        offsets = [0] * len(self._page_start)
        following = len(text)
        for i in range(len(offsets) - 1, -1, -1):
            mark = self._page_start[i]
            following = offsets[i] = following if mark is None else starts[mark[0]] + mark[1]
        return text, offsets

    def _flush_notes(self) -> None:
        if self._notes:
            self._paragraphs.extend(self._notes)
            self._notes = []
            self._open = None

    def _mark_page(self, page: int, paragraph: int, offset: int) -> None:
        if self._page_start[page] is None:
            self._page_start[page] = (paragraph, offset)

    @staticmethod
    def _full(ln: Line, column: Column) -> bool:
        return column.has_edge and column.reaches_edge(ln)

    @staticmethod
    def _wrapped_early(prev: Line, column: Column, ln: Line) -> bool:
        """The line stopped short because the next token (a long number or Latin word) would
        not fit: a wrap, not a paragraph's end. Latin glyphs are about half an em wide."""
        m = _LEADING_TOKEN.match(ln.text)
        if not m or prev.text.endswith(_SENTENCE_END):
            return False
        return len(m.group()) * ln.size * 0.5 > column.right - prev.x1 - ln.size

    def _continues(self, para: _Paragraph, column: Column, ln: Line, same_column: bool) -> bool:
        prev, prev_column = para.last, para.last_column
        if ln.table or prev.table:
            return False
        if (ln.marker or _HEADING_START.match(ln.text)) and not (
            not prev.text.endswith(("。", "！", "？", "：")) and _inline_sequel(para.text, ln.text)
        ):
            return False
        if abs(ln.size - prev.size) > 0.12 * max(ln.size, prev.size):
            return False
        if not (self._full(prev, prev_column) or self._wrapped_early(prev, prev_column, ln)):
            return False
        leading = max(1.2 * max(ln.size, prev.size), 1.5 * column.gap)
        if same_column and prev.y0 - ln.y1 > leading:
            return False  # a blank line's gap
        if para.cont_x is not None:
            expected = [para.cont_x, column.left + para.cont_dx]
        else:
            first, first_column = para.first, para.first_column
            expected = [first_column.left, column.left]
            if first.marker:  # a hanging indent continues under the text, not the marker
                expected += [first.body_x, first.body_x - first_column.left + column.left]
        return any(abs(ln.x0 - x) <= 0.8 * ln.size for x in expected)

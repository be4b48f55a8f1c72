"""Glyphs to lines, and the spaces inside a line.

A space is written only where it means something:
* where the PDF has a space glyph: the author typed it ("区长 李超鲲", "新氣象 新未來", "6 000");
* between two CJK characters, otherwise never. Justified Chinese is letter-spaced (the Hong
  Kong policy addresses track every glyph by 0.1 em), so a gap there says nothing; PDFium's own
  inferred spaces are believed only from 0.6 em up, as it re-flags some typed ones as inferred;
* between CJK and Latin or digits, only for a wide gap (0.8 em: "9. 從今年", "• 在2024年"). The
  quarter-em CJK/Latin auto-spacing of Word and InDesign is not a space: 3月, 2023年 and
  約6 800人 are typed and searched without one;
* between two Latin letters or digits, from 0.2 em (PM2.5 stays whole, "Hong Kong" is spaced).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from explorer.core.read.pdf.glyphs import SPACES, Glyph, Page, is_cjk


@dataclass
class Line:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    size: float  # the median type size of its glyphs
    text: str
    body_x: float  # where the text starts after a leading marker (bullet, "(i)", "9."), else x0
    marker: bool  # starts with such a marker
    table: bool = False  # pieces set apart on one row (TOC entry + page range): never joined


# Thresholds in em of the smaller of the two glyphs around a gap (see the module docstring).
_TYPED_SPACE = 0.05  # a space glyph in a narrower gap is kerned away: no space
_INFERRED_CJK_SPACE = 0.6
_CJK_LATIN_SPACE = 0.8
_LATIN_SPACE = 0.2
_MARKER_GAP = 0.4  # the gap after a list marker ("9." + text) is at least this

_BULLET = re.compile(r"^[•●○◆◇■□▪▫‧·＊*►▶√✓\ue000-\uf8ff]$")
_BRACKETED = re.compile(
    r"^[（(](?:\d{1,3}|[０-９]{1,3}|[一二三四五六七八九十]{1,3}|[ivxlc]{1,6}|[IVXLC]{1,6}|[a-zA-Z])[）)]$"
)
_NUMBERED = re.compile(r"^(?:\d{1,3}[.．、]|[一二三四五六七八九十百]+、)$")
# The text before the first wide gap of a line, when that text is a list marker.
MARKER = re.compile(
    r"^(?:[•●○◆◇■□▪▫‧·＊*\-–—►▶√✓]"
    r"|[（(]?\d{1,3}[.)．、）]?"
    r"|[（(][0-9０-９一二三四五六七八九十ivxlcdmIVXLCDMa-zA-Z]{1,6}[）)]"
    r"|[ivxlcdmIVXLCDM]{1,6}[.)]"
    r"|[a-zA-Z][.)]"
    r"|[一二三四五六七八九十百]+[、.．]"
    r"|第[一二三四五六七八九十百\d]+[章節节部分條条]+)$"
)
# Dot leaders of a table of contents become one ellipsis; a row ending "… 12" is a TOC row.
_LEADERS = re.compile(r"\s*[.．·•‧…⋯_]{4,}\s*|\s*(?:…\s*){2,}")
_LEADER_ROW = re.compile(r" … (?:\d{1,3}|[ivxlc]{1,5})$")


def _space_between(prev: Glyph, g: Glyph, em: float, typed: bool, inferred: bool) -> bool:
    gap = g.x0 - prev.x1
    e = max(min(prev.size, g.size), 0.5 * em)  # superscripts do not shrink the em below half
    if typed and gap >= _TYPED_SPACE * e:
        return True
    cjk_before, cjk_after = is_cjk(prev.ch[-1]), is_cjk(g.ch[0])
    if cjk_before and cjk_after:
        return inferred and gap >= _INFERRED_CJK_SPACE * e
    if cjk_before or cjk_after:
        return gap >= _CJK_LATIN_SPACE * e
    return inferred or gap >= _LATIN_SPACE * e


def _marker_length(body: list[Glyph], em: float) -> int | None:
    """How many glyphs a leading list marker ("•", "(vii)", "9.", "三、") has, or None. A
    bullet or bracketed marker needs no gap after it; "9." must not be the start of a number
    (2.2%)."""
    head = ""
    for k, g in enumerate(body[:8]):
        head += g.ch
        if k + 1 >= len(body):
            return None
        nxt = body[k + 1]
        if _BULLET.match(head) or _BRACKETED.match(head):
            return k + 1
        if head == "\ufffd" and nxt.x0 - g.x1 >= 0.8 * em:
            return 1  # a glyph without Unicode followed by a wide gap: a symbol-font bullet
        if (
            _NUMBERED.match(head)
            and not nxt.ch.isdigit()
            and (nxt.x0 - g.x1 >= 0.3 * em or is_cjk(nxt.ch))
        ):
            return k + 1
    return None


def line_text(glyphs: list[Glyph], em: float) -> tuple[str, float, bool]:
    """(text, body_x, marker) of one line from its glyphs, left to right."""
    body = [g for g in glyphs if g.ch not in SPACES]
    pieces: list[str] = []  # glyph texts and " " for the spaces written
    glyph_end: list[int] = []  # glyph_end[k]: len(pieces) after body[k]
    after_space_glyph: list[bool] = []  # after_space_glyph[k]: a space glyph precedes body[k]
    first_wide_gap: int | None = None  # index in body of the glyph after the first wide gap
    prev: Glyph | None = None
    typed = inferred = False  # a space glyph since prev (in the PDF / inferred by PDFium)
    k = 0
    for g in glyphs:
        if g.ch in SPACES:
            inferred = inferred or g.generated
            typed = typed or not g.generated
            continue
        if prev is not None:
            if _space_between(prev, g, em, typed, inferred):
                pieces.append(" ")
            if first_wide_gap is None and g.x0 - prev.x1 >= _MARKER_GAP * max(
                min(prev.size, g.size), 0.5 * em
            ):
                first_wide_gap = k
        pieces.append(g.ch)
        glyph_end.append(len(pieces))
        after_space_glyph.append(typed or inferred)
        prev, typed, inferred = g, False, False
        k += 1

    n_marker = _marker_length(body, em)
    if n_marker is not None:
        at = glyph_end[n_marker - 1]
        wide = body[n_marker].x0 - body[n_marker - 1].x1 >= _MARKER_GAP * em
        # "(vii) 推動" as typed in "(i) 擴展" (a tab to the same indent leaves (vii) a narrow
        # gap, but a space glyph); but "（三）加強"
        spaced = (wide or after_space_glyph[n_marker]) and not is_cjk(pieces[at - 1][-1])
    elif first_wide_gap is not None and MARKER.match(
        "".join(pieces[: glyph_end[first_wide_gap - 1]]).strip()
    ):
        n_marker, spaced = first_wide_gap, True  # "第一章  總論": set apart, so spaced
        at = glyph_end[n_marker - 1]
    else:
        return "".join(pieces).strip(), body[0].x0, False
    if spaced and pieces[at : at + 1] != [" "]:
        pieces.insert(at, " ")
    if "\ue000" <= pieces[0] <= "\uf8ff" or pieces[0] == "\ufffd":
        pieces[0] = "•"  # a symbol-font bullet has no Unicode meaning
    return "".join(pieces).strip(), body[n_marker].x0, True


def lines_of_page(page: Page, page_no: int) -> list[Line]:
    """Group glyphs into lines in content-stream order: the next glyph stays on the line when
    it sits on the same band and does not jump back or far ahead. (Sorting by position
    instead would interleave two columns and a superscript with the line above.)"""
    lines: list[Line] = []
    for group in _groups(page):
        group.sort(key=lambda g: g.x0)
        while group and group[-1].ch in SPACES:
            group.pop()
        body = [g for g in group if g.ch not in SPACES]
        if not body:
            continue
        em = statistics.median(g.size for g in body)
        text, body_x, marker = line_text(group, em)
        text = _LEADERS.sub(" … ", text).strip()
        if not text:
            continue
        main = [g for g in body if g.size >= 0.8 * em] or body  # superscripts aside
        lines.append(
            Line(
                page_no,
                min(g.x0 for g in body),
                min(g.y0 for g in main),
                max(g.x1 for g in body),
                max(g.y1 for g in main),
                em,
                text,
                body_x,
                marker,
                bool(_LEADER_ROW.search(text)),
            )
        )
    return lines


def _groups(page: Page) -> list[list[Glyph]]:
    groups: list[list[Glyph]] = []
    current: list[Glyph] = []
    band_y0 = band_y1 = right = size = 0.0
    for g in page.glyphs:
        cx, cy = (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2
        if not (0 <= cx <= page.width and 0 <= cy <= page.height):
            continue  # outside the crop box (a cover's spread, bleed): not printed
        if g.ch in SPACES:
            if current:
                current.append(g)
            continue
        if current:
            em = max(size, g.size)
            on_band = band_y0 <= cy <= band_y1 or g.y0 <= (band_y0 + band_y1) / 2 <= g.y1
            if on_band and -0.5 * em <= g.x0 - right <= 3.0 * em:
                last = current[-1]
                if (
                    last.ch == g.ch
                    and abs(last.x0 - g.x0) < 0.2 * (g.x1 - g.x0)
                    and abs(last.y0 - g.y0) < 0.2 * g.size
                ):
                    continue  # the same glyph printed twice (fake bold, a shadow)
                current.append(g)
                right = max(right, g.x1)
                if g.size >= 0.8 * size:  # superscripts (small type) do not widen the band
                    band_y0, band_y1 = min(band_y0, g.y0), max(band_y1, g.y1)
                    size = max(size, g.size)
                continue
        current = [g]
        groups.append(current)
        band_y0, band_y1, right, size = g.y0, g.y1, g.x1, g.size
    return groups

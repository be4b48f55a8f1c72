"""Page furniture: what a printed page carries besides the report's text.

Running heads and feet and page numbers are left out (a reader of the text has no pages to
turn); footnotes are kept but moved after the paragraph they interrupt. The table of contents
stays, laid out for the cleaning's contents recogniser: it is the report's own statement of
its headings, which the outline reads (and so never repeats the contents as sections).
"""

from __future__ import annotations

import re
from collections import Counter

from explorer.core.read.pdf.layout import rows
from explorer.core.read.pdf.lines import Line
from explorer.core.read.wrap import join_text

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－·•]*(?:第\s*)?(?:[0-9０-９一二三四五六七八九十百]+|[ivxlcIVXLC]{1,6})\s*(?:页|頁)?"
    r"(?:\s*[/／]\s*[0-9]+|\s*共\s*[0-9]+\s*[页頁])?[\s\-—–－·•]*$"
)
_MARGIN = 0.09  # share of the page height where running heads and feet live
_HAN = re.compile(r"[\u3400-\u9fff]")


def _in_margin(ln: Line, height: float) -> bool:
    return ln.y0 > height * (1 - _MARGIN) or ln.y1 < height * _MARGIN


def _key(text: str) -> str:
    """A running head's identity: its page number and spacing aside."""
    return re.sub(r"\s+", "", re.sub(r"\d+", "#", text))


def running_keys(pages: list[list[Line]], heights: list[float]) -> set[str]:
    """Texts of the margin lines that recur on several pages: running heads and feet."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        seen.update({_key(ln.text) for ln in lines if _in_margin(ln, height)})
    n = len(pages)
    # A head may change with the chapter: seen on a fifth of a long report's pages suffices.
    threshold = max(2, min(n // 2, max(3, n // 5)))
    return {k for k, c in seen.items() if c >= threshold}


def is_furniture(ln: Line, height: float, running: set[str]) -> bool:
    return _in_margin(ln, height) and (
        bool(_PAGE_NUMBER.match(ln.text)) or _key(ln.text) in running
    )


def split_footnotes(
    lines: list[Line], body_size: float, height: float
) -> tuple[list[Line], list[Line]]:
    """(body, footnotes): a block of small type at the foot of the page, below all body text."""
    if not lines:
        return lines, []
    ordered = sorted(lines, key=lambda ln: -(ln.y0 + ln.y1) / 2)
    k = len(ordered)
    while k > 0 and ordered[k - 1].size <= 0.8 * body_size and ordered[k - 1].y1 < 0.4 * height:
        k -= 1
    if k in (0, len(ordered)):
        return lines, []
    foot = {id(ln) for ln in ordered[k:]}
    return [ln for ln in lines if id(ln) not in foot], ordered[k:]


def footnote_paragraphs(lines: list[Line]) -> list[str]:
    """Each footnote starts with its number or mark; its wrapped lines are joined."""
    notes: list[str] = []
    for ln in rows(lines):
        if notes and not re.match(r"^[\d*＊†‡]+\s", ln.text):
            notes[-1] = join_text(notes[-1], ln.text)
        else:
            notes.append(ln.text)
    return notes


# A TOC entry ends in its page or paragraph reference: "12", "75–102", "iv".
_PAGE_REF = re.compile(r"(?:^| )(\d{1,3}(?: ?[–—~－-] ?\d{1,3})?|[ivxlc]{1,5})$")


def _is_toc_row(ln: Line) -> bool:
    """A table-of-contents entry: a title and, set apart or after dot leaders, its page."""
    return ln.table and bool(_PAGE_REF.search(ln.text)) and bool(_HAN.search(ln.text))


def set_contents_apart(lines: list[Line]) -> int:
    """On a page that is a table of contents, put each entry's page or paragraph range on a
    line of its own, as the contents recogniser of the cleaning reads them ("北部都會區" /
    "21–31"): the outline takes the report's headings and their nesting from them, and
    never lists the contents as sections. Returns how many entries were set apart."""
    entries = [ln for ln in lines if _is_toc_row(ln)]
    if len(entries) < 5 or len(entries) < 0.5 * len(lines):
        return 0
    for ln in entries:
        ref = _PAGE_REF.search(ln.text)
        assert ref is not None
        title = ln.text[: ref.start()].rstrip(" …")
        ln.text = title + "\n" + re.sub(r" ?([–—~－-]) ?", r"\1", ref.group(1))
    return len(entries)

"""Text of a PDF report with a text layer (pdfminer.six).

PDF has no paragraphs, only positioned lines, so this module rebuilds reading order:
columns are read one after the other, running headers, footers and page numbers are
dropped, and lines wrapped by the page width are joined back into paragraphs. A scanned
PDF (images, no text layer) is refused with that reason; OCR is out of scope.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－·•]*(?:第\s*)?[0-9０-９一二三四五六七八九十百]+\s*(?:页)?(?:\s*[/／]\s*[0-9]+|\s*共\s*[0-9]+\s*页)?[\s\-—–－·•]*$"
)
_SENTENCE_END = tuple("。！？；：」』”）)")
_MARGIN = 0.09  # share of the page height where running headers and footers live


@dataclass
class _Line:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    char_width: float


def _lines_of_page(layout, page_no: int) -> tuple[list[_Line], bool]:
    from pdfminer.layout import LTChar, LTFigure, LTImage, LTTextBox, LTTextLine

    lines: list[_Line] = []
    has_image = False

    def visit(obj) -> None:
        nonlocal has_image
        if isinstance(obj, LTTextLine):
            text = obj.get_text().strip()
            if text:
                widths = [
                    c.width for c in obj if isinstance(c, LTChar) and not c.get_text().isascii()
                ]
                widths = widths or [c.width for c in obj if isinstance(c, LTChar)] or [10.0]
                lines.append(
                    _Line(page_no, obj.x0, obj.y0, obj.x1, obj.y1, text, statistics.median(widths))
                )
            return
        if isinstance(obj, (LTImage, LTFigure)):
            has_image = True
        if isinstance(obj, (LTTextBox, LTFigure)) or hasattr(obj, "__iter__"):
            for child in obj:
                visit(child)

    for obj in layout:
        visit(obj)
    return lines, has_image


def _order_columns(lines: list[_Line], page_width: float) -> list[list[_Line]]:
    """Split a page into columns (left to right), each read top to bottom."""
    if not lines:
        return []
    mid = page_width / 2
    left = [ln for ln in lines if ln.x1 <= mid + ln.char_width]
    right = [ln for ln in lines if ln.x0 >= mid - ln.char_width]
    spanning = [ln for ln in lines if ln not in left and ln not in right]
    two_columns = len(left) >= 3 and len(right) >= 3 and len(spanning) <= max(2, len(lines) // 10)
    if not two_columns:
        return [sorted(lines, key=lambda ln: (-ln.y1, ln.x0))]
    # Spanning lines (a title over both columns) are read before the columns they head.
    top = sorted(spanning, key=lambda ln: -ln.y1)
    return [top + sorted(left, key=lambda ln: -ln.y1), sorted(right, key=lambda ln: -ln.y1)]


def _running_lines(pages: list[list[_Line]], heights: list[float]) -> set[str]:
    """Header/footer texts: lines in the page margins that recur (digits aside) on many pages."""
    seen: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        keys = {
            re.sub(r"\d+", "#", ln.text)
            for ln in lines
            if ln.y0 > height * (1 - _MARGIN) or ln.y1 < height * _MARGIN
        }
        seen.update(keys)
    threshold = max(2, len(pages) // 2)
    return {key for key, n in seen.items() if n >= threshold} if len(pages) >= 2 else set()


def _is_margin_noise(ln: _Line, height: float, running: set[str]) -> bool:
    in_margin = ln.y0 > height * (1 - _MARGIN) or ln.y1 < height * _MARGIN
    if not in_margin:
        return False
    return bool(_PAGE_NUMBER.match(ln.text)) or re.sub(r"\d+", "#", ln.text) in running


def _join(prev: str, nxt: str) -> str:
    if (
        prev
        and nxt
        and prev[-1].isascii()
        and prev[-1].isalnum()
        and nxt[0].isascii()
        and nxt[0].isalnum()
    ):
        return prev + " " + nxt
    return prev + nxt


_LEADING_TOKEN = re.compile(r"[0-9A-Za-z.:%/+\-]+")


def _wrapped_early(prev: _Line, ln: _Line, right: float) -> bool:
    """A line can stop short because the next token (a long number or Latin word) would
    not fit: that is a wrap, not a paragraph end."""
    m = _LEADING_TOKEN.match(ln.text)
    if not m or prev.text.endswith(_SENTENCE_END):
        return False
    # Latin glyphs are about half as wide as CJK ones.
    return len(m.group()) * ln.char_width * 0.5 > right - prev.x1 - ln.char_width


_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+部分)")


def _paragraphs(columns: list[list[_Line]]) -> list[str]:
    paragraphs: list[str] = []
    last_was_full = False  # did the previous column end on a line that reached its right edge?
    for column in columns:
        if not column:
            continue
        left = min(ln.x0 for ln in column)
        right = max(ln.x1 for ln in column)
        prev: _Line | None = None
        for ln in column:
            cw = ln.char_width
            indented = ln.x0 > left + 1.5 * cw
            if prev is None:
                # A paragraph runs on from the previous column or page when that one ended on a
                # full line and this one is not indented and does not start a numbered heading.
                continues = bool(paragraphs) and last_was_full and not indented and not _HEADING_START.match(ln.text)
                new_paragraph = not continues
            else:
                new_paragraph = (
                    indented
                    or (prev.x1 < right - 2.5 * cw and not _wrapped_early(prev, ln, right))
                    or prev.y0 - ln.y1 > 1.5 * (ln.y1 - ln.y0)  # a blank gap
                )
            if new_paragraph:
                paragraphs.append(ln.text)
            else:
                paragraphs[-1] = _join(paragraphs[-1], ln.text)
            prev = ln
        last_was_full = prev is not None and prev.x1 >= right - 2.5 * prev.char_width
    return paragraphs


def pdf_text(path: str | Path) -> tuple[str, str]:
    """Return (text, title). Raises ValueError with a reason a person can read."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    pages: list[list[_Line]] = []
    widths: list[float] = []
    heights: list[float] = []
    images = False
    try:
        for page_no, layout in enumerate(
            extract_pages(str(path), laparams=LAParams(line_margin=0.3))
        ):
            lines, has_image = _lines_of_page(layout, page_no)
            images = images or has_image
            pages.append(lines)
            widths.append(layout.width)
            heights.append(layout.height)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ValueError("the PDF is encrypted") from exc
    except (PDFSyntaxError, PSException, TypeError, KeyError, AttributeError) as exc:
        raise ValueError(f"the PDF is damaged ({type(exc).__name__})") from exc
    if not any(pages):
        if images:
            raise ValueError("it is a scanned PDF without a text layer (run OCR on it first)")
        raise ValueError("the PDF contains no text")
    running = _running_lines(pages, heights)
    columns: list[list[_Line]] = []
    for lines, width, height in zip(pages, widths, heights, strict=True):
        kept = [ln for ln in lines if not _is_margin_noise(ln, height, running)]
        columns.extend(_order_columns(kept, width))
    return "\n".join(_paragraphs(columns)), ""

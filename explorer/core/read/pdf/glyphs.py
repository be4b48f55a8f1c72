"""The glyphs of a PDF's pages, read with PDFium (pypdfium2).

We read glyphs, not PDFium's (or pdfminer's) text lines, because word spaces must be decided
by rules that know Chinese typesetting (see lines.py): layout engines infer a space from a
geometric gap, and justified Chinese is letter-spaced, so they put spaces between characters.

PDFium is not thread-safe: pypdfium2 asks that it is never entered from two threads at once.
The app reads a file on a worker thread while another may be reading too, so a whole document
is read under one lock, and every PDFium object is closed before the lock is released (a
finalizer running later, on another thread, would enter PDFium unguarded).
"""

from __future__ import annotations

import ctypes
import functools
import re
import threading
from dataclasses import dataclass

_PDFIUM_LOCK = threading.Lock()

# Space glyphs a PDF may carry (U+3000 included: an ideographic space is typed on purpose).
SPACES = frozenset(
    " \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\t"
)


@dataclass(slots=True)
class Glyph:
    ch: str
    x0: float  # box in points, origin at the lower left of the page as displayed
    y0: float
    x1: float
    y1: float
    size: float  # effective type size in points
    generated: bool = False  # a space PDFium inferred (a hint only: it re-flags some real ones)


@dataclass
class Page:
    width: float
    height: float
    glyphs: list[Glyph]
    has_image: bool = False  # only looked at when the page has no text (a scan)


@functools.lru_cache(maxsize=8192)
def is_cjk(ch: str) -> bool:
    """Ideographs, kana/hangul, CJK punctuation and full-width forms: no spaces between these."""
    o = ord(ch)
    return (
        0x3400 <= o <= 0x9FFF
        or 0x3000 <= o <= 0x30FF  # CJK punctuation, kana
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0xF900 <= o <= 0xFAFF
        or 0xAC00 <= o <= 0xD7AF
        or 0x20000 <= o <= 0x3FFFF
        # ——, …, ‥, ‧, ╳: set full-width in CJK fonts, and so are curly quotes and ︰
        or o in (0x2014, 0x2015, 0x2025, 0x2026, 0x2027, 0x2573)
        or 0x2018 <= o <= 0x201F
        or 0xFE10 <= o <= 0xFE4F
    )


def read_pages(data: bytes, *, max_pages: int, max_chars: int) -> tuple[list[Page], str]:
    """(pages, title) of a PDF given as bytes. Raises ValueError with a reason a person can
    read: encrypted, damaged, or larger than the limits (a crafted file must not exhaust
    memory: glyphs cost about 150 bytes each in Python)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    with _PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
                raise ValueError("the PDF is encrypted (it needs a password)") from exc
            raise ValueError("the PDF is damaged (PDFium cannot open it)") from exc
        try:
            n_pages = len(doc)
            if n_pages > max_pages:
                raise ValueError(
                    f"it has {n_pages} pages, more than the {max_pages} a report may have"
                )
            title = _clean_title(doc.get_metadata_value("Title") or "")
            pages: list[Page] = []
            chars = 0
            for index in range(n_pages):
                page = _read_page(doc, index, pdfium_c, max_chars - chars)
                chars += len(page.glyphs)
                pages.append(page)
            return pages, title
        except pdfium.PdfiumError as exc:
            raise ValueError("the PDF is damaged (a page cannot be read)") from exc
        finally:
            doc.close()  # closes its pages and text pages too


def _read_page(doc, index: int, pdfium_c, chars_left: int) -> Page:
    page = doc[index]
    try:
        left, bottom, right, top = page.get_cropbox()
        width, height = right - left, top - bottom
        rotation = page.get_rotation() % 360
        textpage = page.get_textpage()
        try:
            n = pdfium_c.FPDFText_CountChars(textpage.raw)
            if n > chars_left:
                raise ValueError(
                    "its text layer is far larger than a report's (a damaged or crafted PDF)"
                )
            glyphs = _glyphs(textpage.raw, n, pdfium_c, (left, bottom, width, height), rotation)
        finally:
            textpage.close()
        has_image = not glyphs and any(
            True for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))
        )
    finally:
        page.close()
    if rotation in (90, 270):
        width, height = height, width
    return Page(width, height, glyphs, has_image)


def _glyphs(raw, n: int, pdfium_c, box: tuple[float, float, float, float], rotation: int):
    left, bottom, width, height = box
    get_box, get_size = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetFontSize
    get_matrix, is_generated = pdfium_c.FPDFText_GetMatrix, pdfium_c.FPDFText_IsGenerated
    rect, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    rect_ref, matrix_ref = ctypes.byref(rect), ctypes.byref(matrix)
    # All characters in one call (UTF-16); one call per character only when a character
    # outside the BMP makes the two counts differ.
    buf = ctypes.create_string_buffer(2 * (n + 1))
    pdfium_c.FPDFText_GetText(raw, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: 2 * n].decode("utf-16-le", "replace")
    if len(text) != n:
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, k)) for k in range(n))
    glyphs: list[Glyph] = []
    for k, ch in enumerate(text):
        if ch < " " or ch in "\ufffe\uffff":
            continue  # the \r\n PDFium adds at line ends; control codes
        if ch in SPACES and is_generated(raw, k):
            # PDFium's guess of a word break: kept as a hint at the end of the previous glyph;
            # lines.py decides from the gap whether it is a space.
            if glyphs:
                last = glyphs[-1]
                glyphs.append(Glyph(" ", last.x1, last.y0, last.x1, last.y1, last.size, True))
            continue
        if not get_box(raw, k, rect_ref):
            continue
        get_matrix(raw, k, matrix_ref)
        a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
        x0, y0 = rect.left - left, rect.bottom - bottom
        x1, y1 = rect.right - left, rect.top - bottom
        if rotation:  # to the page as displayed (/Rotate): the box and the writing direction
            if rotation == 90:
                x0, y0, x1, y1 = y0, width - x1, y1, width - x0
                a, b, c, d = b, -a, d, -c
            elif rotation == 180:
                x0, y0, x1, y1 = width - x1, height - y1, width - x0, height - y0
                a, b, c, d = -a, -b, -c, -d
            else:
                x0, y0, x1, y1 = height - y1, x0, height - y0, x1
                a, b, c, d = -b, a, -d, c
        if not (a > 0 and d > 0 and abs(b) < 0.1 * a and abs(c) < 0.6 * d):
            continue  # rotated, mirrored or vertical text (the slant of italics is fine)
        # The effective size: the nominal size (often 1) scaled by the text matrix.
        size = (get_size(raw, k) or 1.0) * d or (y1 - y0)
        glyphs.append(Glyph(ch, x0, y0, x1, y1, size))
    return glyphs


_PRODUCER_PREFIX = re.compile(r"^(?:Microsoft (?:Word|PowerPoint) - |WPS[^-]*- )", re.I)
_FILE_SUFFIX = re.compile(r"\.(?:docx?|wps|pdf|txt)$", re.I)
_PLACEHOLDER = re.compile(r"^(?:文档|文檔|新建|未命名|无标题|無標題)\S{0,12}$")


def _clean_title(title: str) -> str:
    """The document-info title when it is a real Chinese title, not what a producer puts
    there ("Microsoft Word - 文档1.docx", "untitled")."""
    title = " ".join(title.split())
    title = _FILE_SUFFIX.sub("", _PRODUCER_PREFIX.sub("", title)).strip()
    if _PLACEHOLDER.match(title) or not re.search(r"[\u3400-\u9fff]", title):
        return ""
    return title

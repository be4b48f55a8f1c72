"""Text of a PDF report with a text layer, and where each of its pages starts.

A PDF has no paragraphs, only positioned glyphs, so the text is rebuilt:
glyphs.py     the glyphs of each page, read with PDFium (pypdfium2);
lines.py      glyphs to lines, with spaces only where they mean something;
layout.py     reading order: rows left to right, columns one after the other;
furniture.py  running heads and page numbers (left out), footnotes (moved after the
              paragraph they interrupt), the table of contents (its entries' ranges set apart);
paragraphs.py lines joined into paragraphs across columns and pages;
streams.py    a guard run first: how far the page descriptions unpack.

One reader, PDFium (Chrome's engine, fuzzed continuously): reading the same glyphs it took
1.3-1.8 times less CPU than pdfminer.six on the Hong Kong addresses, it gives each page's
crop box and rotation, and it bounds a file's pages before parsing any. A pdfminer fallback
gave the same text, so it would only double what must be tested: the rules above decide the
text, not the reader.
A scanned PDF (images, no text layer) is refused with that reason; OCR is out of scope.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.core.read.pdf.furniture import (
    footnote_paragraphs,
    is_furniture,
    running_keys,
    set_contents_apart,
    split_footnotes,
)
from explorer.core.read.pdf.glyphs import read_pages
from explorer.core.read.pdf.layout import columns
from explorer.core.read.pdf.lines import lines_of_page
from explorer.core.read.pdf.paragraphs import Column, ParagraphBuilder
from explorer.core.read.pdf.streams import unpacked_stream_bytes

_MB = 1024 * 1024


@dataclass(frozen=True)
class PdfText:
    text: str
    title: str  # the document-info title when it is a real one, else ""
    pages: tuple[int, ...]  # pages[i]: offset in text where page i (0-based) starts
    left_out: dict[str, int]  # lines not in the text, by kind (running heads, page numbers)


def pdf_document(
    data: bytes, *, max_pages: int, max_chars: int, max_stream_bytes: int
) -> PdfText:
    """Read a PDF given as bytes. Raises ValueError with a reason a person can read; the
    limits refuse a crafted file before it can exhaust memory or time."""
    if unpacked_stream_bytes(data, max_stream_bytes) > max_stream_bytes:
        raise ValueError(
            f"its pages unpack to more than {max_stream_bytes // _MB} MB of drawing "
            "instructions, far more than a report's (a damaged or crafted PDF)"
        )
    pages, title = read_pages(data, max_pages=max_pages, max_chars=max_chars)
    if not any(p.glyphs for p in pages):
        if any(p.has_image for p in pages):
            raise ValueError("it is a scanned PDF without a text layer (run OCR on it first)")
        raise ValueError("the PDF contains no text")

    page_lines = [lines_of_page(p, i) for i, p in enumerate(pages)]
    running = running_keys(page_lines, [p.height for p in pages])
    body_size = _body_size(page_lines)
    builder = ParagraphBuilder(len(pages))
    left_out = {"pdf_page_furniture": 0}
    for lines, page in zip(page_lines, pages, strict=True):
        kept = [ln for ln in lines if not is_furniture(ln, page.height, running)]
        left_out["pdf_page_furniture"] += len(lines) - len(kept)
        kept, notes = split_footnotes(kept, body_size, page.height)
        page_columns = columns(kept, page.width)
        set_contents_apart([ln for column in page_columns for ln in column])
        for column_lines in page_columns:
            if column_lines:
                builder.add_column(Column(column_lines))
        if notes:
            builder.add_footnotes(footnote_paragraphs(notes))
    text, offsets = builder.result()
    return PdfText(text, title, tuple(offsets), {k: n for k, n in left_out.items() if n})


def _body_size(page_lines) -> float:
    """The type size most of the text is set in (weighted by characters)."""
    sized = sorted((ln.size, len(ln.text)) for lines in page_lines for ln in lines)
    total = sum(n for _, n in sized)
    seen = 0
    for size, n in sized:
        seen += n
        if seen >= total / 2:
            return size
    return 10.0

"""How far a PDF's page descriptions unpack, measured before PDFium parses them.

PDFium parses a page's whole content stream when the page is loaded, holding about 15 bytes
per byte of it: an 870 KB file whose content stream inflates to 300 MB of drawing operators
took it 60 s and 4.4 GB. Nothing in its API can stop that once begun, so the compressed
streams are inflated here first, counting bytes and keeping none, until a limit is passed.

This is a guard, not a parser: it finds "stream" keywords in the raw bytes and reads the
dictionary just before each. Images are skipped (text extraction never decodes them); streams
PDFium would not inflate with zlib alone (other filters, encryption) are not counted.
"""

from __future__ import annotations

import re
import zlib

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_FLATE = re.compile(rb"/Filter\s*(?:\[\s*)?/Fl(?:ateDecode)?\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_CHUNK = 64 * 1024
_STEP = 1024 * 1024  # output bytes per inflate call: memory stays small whatever the ratio


def unpacked_stream_bytes(data: bytes, limit: int) -> int:
    """Bytes the Flate streams of `data` (images aside) inflate to; counting stops past
    `limit` (the result is then > limit)."""
    total = 0
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 1024) : m.start()]
        head = head[head.rfind(b"obj") :] if b"obj" in head else head
        if _IMAGE.search(head) or not _FLATE.search(head):
            continue
        total += _inflated_size(data, m.end(), limit - total)
        if total > limit:
            break
    return total


def _inflated_size(data: bytes, start: int, budget: int) -> int:
    inflater = zlib.decompressobj()
    size, pos = 0, start
    try:
        while not inflater.eof and pos < len(data) and size <= budget:
            pending = data[pos : pos + _CHUNK]
            pos += len(pending)
            while pending and not inflater.eof and size <= budget:
                size += len(inflater.decompress(pending, _STEP))
                pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # encrypted or damaged: PDFium will say so, or read what it can
    return size

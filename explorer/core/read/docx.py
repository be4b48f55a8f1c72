"""Text of a Word .docx report: paragraphs in order, tables row by row.

Word keeps automatic list numbering ("一、", "（一）") outside the paragraph text; where a
paragraph is numbered that way we cannot reconstruct the number reliably, so the outline
relies on numbers typed into the text, which is how government offices write them.

A .docx is a zip. Its directory states each member's unpacked size, and Python's zipfile
never unpacks more than that, so the sizes are checked before anything is unpacked: a 2 MB
file whose XML expands to 600 MB (a zip bomb) is refused at once instead of filling memory.
"""

from __future__ import annotations

import io
import zipfile
from functools import reduce

from explorer.core.read.wrap import join_text

_MB = 1024 * 1024


def check_zip(data: bytes, *, max_expanded_bytes: int, max_xml_bytes: int) -> None:
    """Raise ValueError when the unpacked members would exceed the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise ValueError("it is not a valid Word .docx document") from exc
    expanded = sum(m.file_size for m in members)
    xml = sum(m.file_size for m in members if m.filename.lower().endswith((".xml", ".rels")))
    if xml > max_xml_bytes or expanded > max_expanded_bytes:
        size, limit = (xml, max_xml_bytes) if xml > max_xml_bytes else (expanded, max_expanded_bytes)
        raise ValueError(
            f"it would unpack to {_megabytes(size)} MB, more than the {_megabytes(limit)} MB "
            "a Word report may hold (a damaged or crafted file)"
        )


def _megabytes(n: int) -> str:
    return f"{n // _MB:,}" if n >= _MB else f"{n / _MB:.2f}"


def docx_text(data: bytes, *, max_expanded_bytes: int, max_xml_bytes: int) -> tuple[str, str]:
    """Return (text, title). Raises ValueError with a reason for a broken or oversized
    document."""
    import docx  # python-docx; imported here so plain-text ingest does not pay for lxml
    from docx.opc.exceptions import PackageNotFoundError

    check_zip(data, max_expanded_bytes=max_expanded_bytes, max_xml_bytes=max_xml_bytes)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:
        raise ValueError("it is not a valid Word .docx document") from exc
    lines = list(_blocks(document.element.body))
    title = (document.core_properties.title or "").strip()
    return "\n".join(lines), title


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# Containers whose paragraphs are the document's own: content controls and custom XML.
_WRAPPERS = {"sdt", "sdtContent", "customXml", "smartTag"}


def _blocks(element):
    """Lines of text in document order: a paragraph's (its line breaks kept), a table's rows
    ("cell | cell") where the table stands."""
    for child in element.iterchildren():
        tag = _local(child.tag)
        if tag == "p":
            yield _text_of(child)
        elif tag == "tbl":
            for row in child.iter():
                if _local(row.tag) == "tr":
                    cells = [_text_of(c).strip() for c in row.iterchildren() if _local(c.tag) == "tc"]
                    yield " | ".join(reduce(join_text, c.split("\n")) for c in cells)
        elif tag in _WRAPPERS:
            yield from _blocks(child)


def _text_of(element) -> str:
    """Text of a paragraph or cell. A line break (w:br, w:cr) is a line: some offices type a
    whole report as one paragraph with breaks. A text box's text stands twice, once as an
    mc:Fallback for old readers: that copy is skipped."""
    parts: list[str] = []

    def walk(el) -> None:
        for child in el.iterchildren():
            tag = _local(child.tag)
            if tag == "t":
                parts.append(child.text or "")
            elif tag in ("br", "cr"):
                parts.append("\n")
            elif tag == "tab":
                parts.append("\t")
            elif tag == "p":  # paragraphs inside a cell or a text box: one line each
                if parts and parts[-1] != "\n":
                    parts.append("\n")
                walk(child)
            elif tag != "Fallback":
                walk(child)

    walk(element)
    return "".join(parts)

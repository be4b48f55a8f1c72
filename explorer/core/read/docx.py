"""Text of a Word .docx report: paragraphs in order, tables row by row.

Word keeps automatic list numbering ("一、", "（一）") outside the paragraph text; where a
paragraph is numbered that way we cannot reconstruct the number reliably, so the outline
relies on numbers typed into the text, which is how government offices write them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path


def docx_text(path: str | Path) -> tuple[str, str]:
    """Return (text, title). Raises ValueError with a reason for a broken document."""
    import docx  # python-docx; imported here so plain-text ingest does not pay for lxml
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:
        raise ValueError("it is not a valid Word .docx document") from exc
    lines: list[str] = []
    body = document.element.body
    # Walk the body in document order so tables stay where they stand in the text.
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            lines.append(text)
        elif tag == "tbl":
            for row in child.iter():
                if not row.tag.endswith("}tr"):
                    continue
                cells = []
                for cell in row.iterchildren():
                    if cell.tag.endswith("}tc"):
                        cells.append(
                            "".join(
                                t.text or "" for t in cell.iter() if t.tag.endswith("}t")
                            ).strip()
                        )
                lines.append(" | ".join(cells))
    title = (document.core_properties.title or "").strip()
    return "\n".join(lines), title

"""Word and PDF reports go through the same cleaning, outline and targets as text files.

The .docx and .pdf files are generated here from a real report's text (python-docx and reportlab
with the CID font STSong-Light, which needs no font file), with what real PDFs carry: running
headers, page numbers, first-line indents, lines wrapped by the page width, and two-column pages.
"""

from __future__ import annotations

import pytest

from explorer.core.ingest import load_report
from explorer.core.model import walk_sections
from explorer.core.read.files import UnreadableFile, read_file
from tests.conftest import SET2_FILES, corpus_file

docx = pytest.importorskip("docx")
pytest.importorskip("reportlab")

SOURCE = "001_f884b8c2acd53f6d.txt"  # 常州市钟楼区 2023: clean Simplified, deep outline, targets


@pytest.fixture(scope="module")
def reference(corpus_module):
    return load_report(corpus_module(SOURCE))


@pytest.fixture(scope="module")
def corpus_module():
    from tests.conftest import corpus_file

    return corpus_file


def _paragraphs(report) -> list[str]:
    return [p for p in report.text.split("\n") if p.strip()]


def _titles(report) -> list[str]:
    return [s.title for s in walk_sections(report.sections)]


def _make_docx(paragraphs: list[str], path) -> None:
    d = docx.Document()
    d.core_properties.title = "钟楼区政府工作报告"
    for p in paragraphs:
        d.add_paragraph(p)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "目标"
    table.cell(1, 0).text = "地区生产总值"
    table.cell(1, 1).text = "增长5%左右"
    d.save(str(path))


def _make_pdf(paragraphs: list[str], path, *, two_columns: bool = False) -> list[str]:
    """Typeset the paragraphs; return, for each page, the first line of text on it as the
    typesetter laid it out (what the page starts with, for checking page offsets)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=17,
                           firstLineIndent=22, wordWrap="CJK", spaceAfter=4)
    width, height = A4

    def decorate(canvas, doc):
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(width / 2, height - 30, "常州市钟楼区人民政府文件")
        canvas.drawCentredString(width / 2, 25, f"- {doc.page} -")

    margin = 60
    if two_columns:
        col = (width - 2 * margin - 20) / 2
        frames = [Frame(margin, margin, col, height - 2 * margin, id="left"),
                  Frame(margin + col + 20, margin, col, height - 2 * margin, id="right")]
    else:
        frames = [Frame(margin, margin, width - 2 * margin, height - 2 * margin, id="body")]
    heads: dict[int, str] = {}

    class Document(BaseDocTemplate):
        def afterFlowable(self, flowable):
            # The first paragraph (or paragraph part) laid out on a page; its first line.
            if isinstance(flowable, Paragraph) and self.page not in heads:
                width_left, words = flowable.blPara.lines[0]
                heads[self.page] = "".join(words)

    doc = Document(str(path), pagesize=A4, pageTemplates=[PageTemplate(frames=frames, onPage=decorate)])
    doc.build([Paragraph(p, style) for p in paragraphs])
    return [heads[page] for page in sorted(heads)]


def test_docx_report_matches_text_report(reference, tmp_path):
    f = tmp_path / "钟楼区2023.docx"
    _make_docx(_paragraphs(reference), f)
    report = load_report(f)
    assert report.encoding == "docx"
    assert report.text.startswith(_paragraphs(reference)[0])
    assert "地区生产总值 | 增长5%左右" in report.text  # the table, row by row
    assert _titles(report) == _titles(reference)
    assert len(report.targets) >= len(reference.targets)
    assert (report.region, report.year) == (reference.region, reference.year)


@pytest.mark.parametrize("two_columns", [False, True], ids=["one-column", "two-columns"])
def test_pdf_report_matches_text_report(reference, tmp_path, two_columns):
    f = tmp_path / "report.pdf"
    # STSong-Light has no glyph for the Latin middle dot (博济·邹区): leave it out of the source.
    paragraphs = [p.replace("·", "") for p in _paragraphs(reference)]
    heads = _make_pdf(paragraphs, f, two_columns=two_columns)
    decoded = read_file(f)
    assert decoded.encoding == "pdf"
    # Running header and page numbers are gone; wrapped lines are joined back into paragraphs.
    assert "常州市钟楼区人民政府文件" not in decoded.text
    assert "- 2 -" not in decoded.text
    got = decoded.text.split("\n")
    assert got == paragraphs
    report = load_report(f)
    assert _titles(report) == _titles(reference)
    assert [(t.indicator, t.value) for t in report.targets] == [(t.indicator, t.value) for t in reference.targets]
    # Each page starts where the typesetter began it, in the clean text (pages begin mid-
    # paragraph: a line wrapped over the page break was joined back).
    assert report.pages is not None and len(report.pages) == len(heads) > 3
    assert report.pages == sorted(report.pages) and report.pages[0] == 0
    for start, head in zip(report.pages, heads, strict=True):
        assert report.text[start : start + len(head)] == head


def test_text_reports_have_no_pages(reference):
    assert reference.pages is None
    assert reference.to_json()["pages"] is None


# set2's mainland reports exist as the Word files and the .txt made from them (README there).
SET2_DOCX = [name for name in SET2_FILES if not name.endswith(".pdf")]


@pytest.mark.parametrize("name", SET2_DOCX)
def test_set2_docx_gives_the_report_of_its_text(name):
    """A .docx and the .txt made from it are the same report (some offices type a whole
    report as one paragraph with line breaks: those breaks are lines)."""
    txt = corpus_file(name)
    word = corpus_file(name.replace(".txt", ".docx"))
    from_text = load_report(txt).to_json()
    from_word = load_report(word).to_json()
    # cleaning counts differ by design: the .txt has blank lines between paragraphs
    for field in ("path", "encoding", "cleaning"):
        from_text.pop(field)
        from_word.pop(field)
    assert from_word == from_text


def test_scanned_pdf_is_reported_as_such(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    png = tmp_path / "scan.png"
    # A tiny valid grayscale PNG drawn by hand: a scan without any text layer.
    import struct
    import zlib

    raw = b"".join(b"\x00" + bytes([200] * 40) for _ in range(40))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 40, 8, 0, 0, 0, 0))
                    + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    f = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(f), pagesize=A4)
    c.drawImage(ImageReader(str(png)), 50, 50, 400, 600)
    c.showPage()
    c.save()
    with pytest.raises(UnreadableFile, match="scanned PDF"):
        read_file(f)


def test_encrypted_pdf_refused(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    f = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(f), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(100, 700, "secret report")
    c.save()
    with pytest.raises(UnreadableFile):
        read_file(f)


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("fake.pdf", "政府工作报告".encode(), "not a PDF"),
    ("fake.docx", b"plain text", "not a Word document"),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer <<>>\n%%EOF", "PDF"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "docx"),
])
def test_bad_documents_refused(tmp_path, name, content, reason):
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(UnreadableFile, match=reason):
        read_file(f)

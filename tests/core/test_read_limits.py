"""Crafted files cannot exhaust memory or time (issue 13, bounded work): a .docx whose XML
unpacks to far more than a report holds (a zip bomb), a PDF of too many pages or too much
text are refused with a reason a person understands, before they are unpacked or parsed, in
`show`, `index` and the app alike (all read through read_file)."""

from __future__ import annotations

import io
import zipfile

import pytest

from explorer.cli import main
from explorer.core.read.files import DEFAULT_LIMITS, ReadLimits, UnreadableFile, read_file

docx = pytest.importorskip("docx")

MB = 1024 * 1024


def _docx_bytes(paragraphs: list[str]) -> bytes:
    buf = io.BytesIO()
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(buf)
    return buf.getvalue()


def _bomb(path, padding_bytes: int) -> None:
    """A real Word report whose document.xml carries `padding_bytes` of blanks inside its
    body: it compresses about 1000:1, so the file stays small."""
    good = _docx_bytes(["政府工作报告", "全市地区生产总值增长5%左右。"])
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * padding_bytes, 1)
            out.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)


def test_docx_that_unpacks_too_far_is_refused_before_parsing(tmp_path):
    f = tmp_path / "bomb.docx"
    _bomb(f, 2 * MB)
    assert f.stat().st_size < 100_000
    small = ReadLimits(max_docx_xml_bytes=1 * MB)
    with pytest.raises(UnreadableFile, match=r"would unpack to 2 MB, more than the 1 MB a Word report may hold"):
        read_file(f, small)
    # the same file within the limits is an ordinary report
    assert "全市地区生产总值增长5%左右。" in read_file(f, ReadLimits(max_docx_xml_bytes=3 * MB)).text


def test_docx_members_count_in_full(tmp_path):
    """Pictures and other members are unpacked by python-docx too: all count."""
    f = tmp_path / "pictures.docx"
    good = _docx_bytes(["政府工作报告"])
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, src.read(item.filename))
        out.writestr("word/media/image1.png", b"\0" * (2 * MB))
    with pytest.raises(UnreadableFile, match="unpack"):
        read_file(f, ReadLimits(max_docx_expanded_bytes=1 * MB))
    assert read_file(f).text == "政府工作报告"


def _pdf(path, pages: int, line: str = "政府工作报告") -> None:
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    for _ in range(pages):
        c.setFont("STSong-Light", 12)
        c.drawString(72, 700, line)
        c.showPage()
    c.save()


def test_pdf_with_too_many_pages_is_refused(tmp_path):
    f = tmp_path / "long.pdf"
    _pdf(f, 5)
    with pytest.raises(UnreadableFile, match="it has 5 pages, more than the 3 a report may have"):
        read_file(f, ReadLimits(max_pdf_pages=3))
    assert len(read_file(f, ReadLimits(max_pdf_pages=5)).pages) == 5


def test_pdf_with_too_much_text_is_refused(tmp_path):
    f = tmp_path / "dense.pdf"
    _pdf(f, 3, "全市地区生产总值增长5%左右。" * 3)
    with pytest.raises(UnreadableFile, match="text layer is far larger than a report"):
        read_file(f, ReadLimits(max_pdf_chars=100))
    assert read_file(f, ReadLimits(max_pdf_chars=200)).text


def _pdf_with_inflating_page(path, unpacked_bytes: int) -> None:
    """One page whose compressed content stream inflates to `unpacked_bytes` of drawing
    operators (a few hundred KB of file): PDFium would parse them all."""
    import zlib

    ops = b"BT /F1 12 Tf 72 700 Td (a) Tj ET\n"
    stream = zlib.compress(ops * (unpacked_bytes // len(ops)), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(out)


def test_pdf_whose_pages_inflate_too_far_is_refused_before_parsing(tmp_path):
    f = tmp_path / "inflating.pdf"
    _pdf_with_inflating_page(f, 3 * MB)
    assert f.stat().st_size < 50_000
    with pytest.raises(UnreadableFile, match="unpack to more than 2 MB of drawing instructions"):
        read_file(f, ReadLimits(max_pdf_stream_bytes=2 * MB))
    assert read_file(f, ReadLimits(max_pdf_stream_bytes=4 * MB)).text == "a"


def test_file_size_limit(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("政府工作报告\n" * 200_000, encoding="utf-8")
    with pytest.raises(UnreadableFile, match="too large"):
        read_file(f, ReadLimits(max_file_bytes=1 * MB))


@pytest.fixture(scope="module")
def real_bomb(tmp_path_factory):
    """Over the default limit, as a user would meet it: 1,000 times its size unpacked."""
    f = tmp_path_factory.mktemp("bomb") / "政府工作报告.docx"
    _bomb(f, DEFAULT_LIMITS.max_docx_xml_bytes + MB)
    return f


def test_show_refuses_a_zip_bomb_with_its_reason(real_bomb, capsys):
    assert main(["show", str(real_bomb), "--json"]) != 0
    err = capsys.readouterr().err
    limit = DEFAULT_LIMITS.max_docx_xml_bytes // MB
    assert f"would unpack to {limit + 1} MB, more than the {limit} MB a Word report may hold" in err


def test_index_skips_a_zip_bomb_and_keeps_the_rest(real_bomb, tmp_path, capsys):
    folder = real_bomb.parent
    (folder / "report.txt").write_text("政府工作报告\n全市地区生产总值增长5%左右。\n", encoding="utf-8")
    assert main(["index", str(folder), "--library", str(tmp_path / "lib"), "-q"]) == 0
    captured = capsys.readouterr()
    assert f"skipped {real_bomb}: it would unpack to " in captured.err
    assert "1 added" in captured.out + captured.err

"""Reading PDFs typeset like real reports, generated here so that CI needs no corpus file.

The Hong Kong policy addresses are set in InDesign: every glyph tracked by 0.1 em, a quarter
em of auto-spacing between Chinese and Latin without a space glyph, paragraph numbers in the
margin, hanging-indent bullets and "(i)" items, footnotes, page numbers. Layout engines read
such text with a space between every few characters; these tests hold the spacing rules, the
paragraphs and the page starts to what a reader of the page sees.
"""

from __future__ import annotations

import re
import threading

import pytest

from explorer.core.read.files import read_file
from explorer.core.read.pdf.glyphs import is_cjk

pytest.importorskip("reportlab")

SIZE = 13
LEFT, RIGHT = 78, 517
FONT = "STSong-Light"
STRAY = re.compile(r"[\u3400-\u9fff] +[\u3400-\u9fff]")


def _canvas(path, pagesize=None):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return canvas.Canvas(str(path), pagesize=pagesize or A4)


def _tracked(c, x, y, text, size=SIZE, track=0.1):
    """Draw text glyph by glyph as InDesign does: each glyph advanced by its width plus
    `track` em, a CJK/Latin boundary widened by a quarter em, no space glyphs."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    prev = None
    for ch in text:
        cjk = is_cjk(ch)
        if prev is not None and ch != " " and prev != cjk:
            x += 0.25 * size
        if ch == " ":  # a word space set as an em of white, as InDesign does
            x += size
            prev = None
            continue
        c.setFont(FONT, size)
        c.drawString(x, y, ch)
        x += stringWidth(ch, FONT, size) + track * size
        prev = cjk
    return x


# 27 glyphs: a full line between LEFT and RIGHT at 13 pt tracked by 0.1 em
FULL = "香港經濟發展蓬勃市民安居樂業政府推動創新科技發展香港"
PAGES = [
    [
        ("head", "(一) 新氣象 新未來"),  # a typed space between two CJK words stays
        ("para", "9. " + FULL[:23]),
        ("cont", FULL),
        ("cont", "在3月發表PM2.5報告。"),
        ("para", "10. " + FULL[:23]),
        ("cont", FULL[:25] + "大灣"),
    ],
    [
        ("cont", "區建設。"),
        ("bullet", FULL[:25]),
        ("hang", "北部都會區發展。"),
        ("item", "(iv) " + FULL[:22]),
        ("hang", "推動再工業化。"),
        ("note", "1 註：本屆政府上任時的數字。"),
    ],
]


def _make_tracked(path, pages=PAGES):
    c = _canvas(path)
    for no, lines in enumerate(pages, 1):
        c.setFont(FONT, 9)
        c.drawString(LEFT, 810, "行政長官2021年施政報告")  # a running head ...
        y = 760
        for kind, text in lines:
            if kind == "para":  # the paragraph number in the margin, the text from 134.6
                num, body = text.split(" ", 1)
                c.setFont("Helvetica", 20)
                c.drawString(LEFT, y, num)
                _tracked(c, 134.6, y, body)
            elif kind in ("cont", "head"):
                _tracked(c, LEFT, y, text)
            elif kind == "bullet":
                c.setFont("Helvetica", SIZE)
                c.drawString(112, y, "\u2022")
                _tracked(c, 140.3, y, text)
            elif kind == "item":  # "(iv)" then a tab to the hanging indent
                marker, body = text.split(" ", 1)
                c.setFont("Helvetica", SIZE)
                c.drawString(106.3, y, marker)
                _tracked(c, 140.3, y, body)
            elif kind == "hang":
                _tracked(c, 140.3, y, text)
            elif kind == "note":
                _tracked(c, LEFT, 70, text, size=9)
                continue
            y -= 22
        c.setFont("Helvetica", 11)
        c.drawString(RIGHT - 6 if no % 2 else LEFT, 30, str(no))  # ... and a page number
        c.showPage()
    c.save()


@pytest.fixture(scope="module")
def tracked(tmp_path_factory):
    f = tmp_path_factory.mktemp("pdf") / "tracked.pdf"
    _make_tracked(f)
    return read_file(f)


def test_letter_spaced_chinese_has_no_stray_spaces(tracked):
    body = tracked.text.replace("新氣象 新未來", "")
    assert not STRAY.search(body), tracked.text
    # the CJK/Latin auto-spacing is no space: 3月 and PM2.5 are typed and searched so
    assert "在3月發表PM2.5報告。" in tracked.text


def test_typed_spaces_and_markers_are_kept(tracked):
    assert "(一) 新氣象 新未來" in tracked.text.split("\n")
    assert "\n(iv) " + FULL[:22] in tracked.text


def test_paragraphs_rebuilt_across_lines_and_pages(tracked):
    paras = tracked.text.split("\n")
    assert paras[1].startswith("9. 香港") and paras[1].endswith("PM2.5報告。")
    # a paragraph running over the page break is one paragraph: 大灣區 is whole
    assert paras[2].startswith("10. ") and paras[2].endswith("大灣區建設。")
    assert paras[3] == "• " + FULL[:25] + "北部都會區發展。"  # a hanging indent joined
    assert paras[4] == "(iv) " + FULL[:22] + "推動再工業化。"
    assert paras[5] == "1 註：本屆政府上任時的數字。"  # the footnote after the paragraph
    assert len(paras) == 6, paras  # no running head, no page number ...
    assert dict(tracked.left_out) == {"pdf_page_furniture": 4}  # ... but counted


def test_an_enumeration_wrapped_before_its_next_item_runs_on(tmp_path):
    """"包括（一）…；（二）…；" wrapped before "（三）": the item marker at the line start is
    no heading; after a sentence's end, "（四）" is."""
    enumeration = "包括（一）建立世界級的文化設施；（二）加強與海外機構的"  # a full line
    _make_tracked(tmp_path / "enum.pdf", [[
        ("cont", FULL), ("cont", enumeration), ("cont", "（三）加強與內地的合作。"),
        ("cont", FULL[:26] + "。"), ("cont", "（四）善用科技。"),
    ]])
    assert read_file(tmp_path / "enum.pdf").text.split("\n") == [
        "行政長官2021年施政報告",  # a head seen on one page only is not known to be running
        FULL + enumeration + "（三）加強與內地的合作。", FULL[:26] + "。", "（四）善用科技。"
    ]


def test_a_number_at_a_line_start_is_no_item_number(tmp_path):
    """"16.5%" wrapped to the start of a line continues the sentence; "16. " would not."""
    _make_tracked(tmp_path / "number.pdf", [[
        ("cont", FULL), ("cont", "16.5%，創歷史新高。"), ("head", "尾頁"),
    ], [("head", "尾頁")]])
    assert read_file(tmp_path / "number.pdf").text.split("\n")[:1] == [FULL + "16.5%，創歷史新高。"]


def test_page_starts(tracked):
    assert tracked.pages == (0, tracked.text.index("區建設。"))  # page 2 starts mid-paragraph


def test_table_of_contents_is_laid_out_for_the_contents_recogniser(tmp_path):
    """The contents are the report's own list of its headings: the reader keeps them, each
    entry's page on a line of its own (dot leaders gone), so the cleaning recognises them and
    the outline never repeats them as sections."""
    from explorer.core.clean.contents import find_contents
    from explorer.core.ingest import load_report

    c = _canvas(tmp_path / "toc.pdf")
    c.setFont(FONT, 16)
    c.drawString(LEFT, 780, "政府工作报告")
    c.drawString(LEFT, 740, "目录")
    entries = ["一、2023年工作回顾", "二、2024年工作安排", "三、重点任务", "四、政府自身建设",
               "五、结语", "附件：名词解释"]
    c.setFont(FONT, 12)
    for i, entry in enumerate(entries):
        y = 700 - 30 * i
        c.drawString(LEFT, y, entry + " " + "." * 40)
        c.drawRightString(RIGHT, y, str(2 + i))
    c.showPage()
    for i, entry in enumerate(entries):
        c.setFont(FONT, 12)
        c.drawString(LEFT, 780, entry)
        c.drawString(LEFT, 750, f"过去一年，全市地区生产总值增长{5 + i}%。")
        c.showPage()
    c.save()
    decoded = read_file(tmp_path / "toc.pdf")
    lines = decoded.text.split("\n")
    assert lines[:6] == ["政府工作报告", "目录", "一、2023年工作回顾", "2", "二、2024年工作安排", "3"]
    contents = find_contents(lines)
    assert contents is not None and [e.title for e in contents.entries] == entries
    assert decoded.pages[1] == decoded.text.index("一、2023年工作回顾\n过去一年")
    report = load_report(tmp_path / "toc.pdf")
    titles = [s.title for s in report.sections]
    assert [t for t in titles if "2023年工作回顾" in t] == ["2023年工作回顾"]  # once, the body's


def _draw_page(c, rotation: int, lines: list[str]) -> None:
    """A portrait page shown with /Rotate, its content drawn so that it reads upright once a
    viewer applies the rotation. (reportlab writes a landscape MediaBox for 90 and 270.)"""
    from reportlab.lib.pagesizes import A4

    c.setPageRotation(rotation)
    media_w, media_h = (A4[1], A4[0]) if rotation in (90, 270) else A4
    c.saveState()
    if rotation == 90:
        c.transform(0, 1, -1, 0, media_w, 0)
    elif rotation == 180:
        c.transform(-1, 0, 0, -1, media_w, media_h)
    elif rotation == 270:
        c.transform(0, -1, 1, 0, 0, media_h)
    c.setFont(FONT, 12)
    for i, line in enumerate(lines):
        c.drawString(60, A4[1] - 80 - 40 * i, line)
    c.restoreState()
    c.showPage()


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_rotated_pages_read_upright(tmp_path, rotation):
    lines = ["第一行文字：2023年地区生产总值增长5%左右。", "第二段 PM2.5 浓度下降"]
    c = _canvas(tmp_path / "rotated.pdf")
    _draw_page(c, rotation, lines)
    c.save()
    assert read_file(tmp_path / "rotated.pdf").text.split("\n") == lines


def test_text_outside_the_crop_box_is_not_read(tmp_path):
    """The 2021 address carries the 2020 cover beside its own, outside the printed page."""
    from reportlab.lib.pagesizes import A4

    w, h = A4
    c = _canvas(tmp_path / "spread.pdf", pagesize=(2 * w, h))
    c.setCropBox((w, 0, 2 * w, h))
    c.setFont(FONT, 14)
    c.drawString(60, 700, "行政長官2020年施政報告")  # the left half: not printed
    c.drawString(w + 60, 700, "行政長官2021年施政報告")
    c.showPage()
    c.save()
    decoded = read_file(tmp_path / "spread.pdf")
    assert decoded.text == "行政長官2021年施政報告"


def test_documents_read_on_several_threads_at_once(tmp_path, tracked):
    """PDFium must never be entered from two threads at once (the app reads on a worker
    thread): concurrent reads give the same text as one read alone."""
    f = tmp_path / "again.pdf"
    _make_tracked(f)
    results: list[str] = []
    errors: list[BaseException] = []

    def work():
        try:
            for _ in range(3):
                results.append(read_file(f).text)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results == [tracked.text] * 12


def test_show_json_gives_the_page_starts(tmp_path, capsys):
    import json

    from explorer.cli import main

    f = tmp_path / "tracked.pdf"
    _make_tracked(f)
    assert main(["show", str(f), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert len(shown["pages"]) == 2 and shown["pages"][0] == 0
    assert shown["text"][shown["pages"][1] :].startswith("區建設。")
    assert shown["cleaning"]["pdf_page_furniture"] == 4

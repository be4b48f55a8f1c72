"""Page starts carried from the read text to the clean text (ingest.carry_offsets).

Cleaning and structure repair add and drop line breaks, remove glosses, spam and chrome lines:
a page's start must still land on the first text of that page that survived.
"""

from __future__ import annotations

import pytest

from explorer.core.ingest import carry_offsets, load_report


def _carry(pages: list[str], new: str) -> list[str]:
    """The new text from each carried page start on, for pages joined by newlines."""
    old = "\n".join(pages)
    offsets, at = [], 0
    for page in pages:
        offsets.append(at)
        at += len(page) + 1
    return [new[o:] for o in carry_offsets(old, new, offsets)]


def test_line_breaks_joined_and_added():
    pages = ["一、总体要求\n全市地区生产总值增\n长6%", "左右。\n二、主要任务\n加快发展"]
    new = "一、总体要求\n全市地区生产总值增长6%左右。\n\n二、主要任务\n加快发展"
    assert [s[:4] for s in _carry(pages, new)] == ["一、总体", "左右。\n"]


def test_text_removed_before_a_page_moves_its_start():
    pages = ["現(xiàn)代化產業體系(tǐ xì)建設", "加快發展新質生產力"]
    new = "現代化產業體系建設\n加快發展新質生產力"
    assert [s[:4] for s in _carry(pages, new)] == ["現代化產", "加快發展"]


def test_a_removed_first_line_lands_on_the_surviving_text():
    pages = ["第一页正文内容在这里", "返回顶部\n打印本页\n第二页的正文从这里开始"]
    new = "第一页正文内容在这里\n第二页的正文从这里开始"
    assert _carry(pages, new)[1] == "第二页的正文从这里开始"


def test_text_repeated_earlier_is_found_where_it_belongs():
    heading = "（一）坚持稳中求进工作总基调"
    pages = ["目录\n" + heading + "\n（二）着力扩大内需", "正文开始。" * 30, heading + "\n具体任务。"]
    new = "\n".join(["目录", "（二）着力扩大内需", "正文开始。" * 30, heading, "具体任务。"])
    assert _carry(pages, new)[2].startswith(heading + "\n具体任务")


def test_empty_pages_and_offsets_past_the_end():
    old = "第一页\n第二页"
    assert carry_offsets(old, "第一页第二页", [0, 4, 4, len(old)]) == [0, 3, 3, 6]


@pytest.mark.parametrize("page_two_opens_with", ["現(xiàn)代化建設取得新進展", "返回顶部"])
def test_generated_pdf_through_the_whole_pipeline(tmp_path, page_two_opens_with):
    """A gloss or a chrome line the cleaner removes at the top of page 2."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    f = tmp_path / "report.pdf"
    c = canvas.Canvas(str(f), pagesize=A4)
    c.setFont("STSong-Light", 12)
    c.drawString(72, 760, "政府工作报告")
    c.drawString(72, 730, "一、过去一年的工作")
    c.showPage()
    c.setFont("STSong-Light", 12)
    c.drawString(72, 760, page_two_opens_with)
    c.drawString(72, 730, "二、今年的主要任务")
    c.showPage()
    c.save()
    report = load_report(f)
    assert "(xiàn)" not in report.text and "返回顶部" not in report.text
    second = report.text[report.pages[1] :]
    expected = "現代化建設取得新進展" if page_two_opens_with.startswith("現") else "二、今年的主要任务"
    assert second.startswith(expected)
    assert report.to_json()["pages"] == report.pages

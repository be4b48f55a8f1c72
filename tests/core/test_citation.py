"""Citation styles: the expected strings are written out by hand from GB/T 7714-2015
(report type code [R]; 主要责任者. 题名[R]. 出版地, 出版年.) and the app's own plain and
Markdown conventions."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from explorer.core.cite.styles import (
    citation_parts,
    cite,
    cite_target,
    gbt7714_entry,
    publication_place,
)
from explorer.core.model import Report, Section, Target

TEXT = (
    "2022年工作回顾\n"
    "过去一年，我们新增城镇就业1.2万人。\n"
    "2023年工作安排\n"
    "（一）扩大就业\n"
    "新增城镇就业1万人以上，城镇调查失业率控制在5%以内。\n"
)


def make_report(**kw) -> Report:
    inner_start = TEXT.index("（一）")
    top_start = TEXT.index("2023年工作安排")
    sections = [
        Section("2022年工作回顾", "", 1, 0, top_start),
        Section(
            "2023年工作安排", "", 1, top_start, len(TEXT),
            children=(Section("扩大就业", "（一）", 2, inner_start, len(TEXT)),),
        ),
    ]
    d = dict(
        path="/data/zhonglou_2023.txt", title="2023年常州市钟楼区政府工作报告", region="常州市钟楼区",
        level="区县", year=2023, doc_type="政府工作报告", publisher="", date="2023-01-03",
        speaker="", encoding="utf-8", raw_text=TEXT, text=TEXT, sections=sections,
    )
    d.update(kw)
    return Report(**d)


def span(report: Report, passage: str) -> tuple[int, int]:
    i = report.text.index(passage)
    return i, i + len(passage)


def test_gbt7714_matches_the_standard_report_form():
    r = make_report()
    s, e = span(r, "新增城镇就业1万人以上")
    c = cite(r, s, e, "gbt7714")
    assert c.text == (
        "“新增城镇就业1万人以上”（2023年工作安排 › （一）扩大就业）\n"
        "常州市钟楼区人民政府. 2023年常州市钟楼区政府工作报告[R]. 常州, 2023."
    )


def test_plain_chinese_names_author_title_year_and_section():
    r = make_report()
    s, e = span(r, "新增城镇就业1.2万人")
    assert cite(r, s, e, "plain").text == (
        "“新增城镇就业1.2万人”\n——常州市钟楼区人民政府《2023年常州市钟楼区政府工作报告》（2023年），2022年工作回顾"
    )


def test_markdown_quotes_every_line_and_keeps_html_escaped():
    r = make_report(title="<b>报告</b>")
    s, e = span(r, "2023年工作安排\n（一）扩大就业")
    c = cite(r, s, e, "markdown")
    assert c.text == (
        "> 2023年工作安排\n> （一）扩大就业\n>\n> — 常州市钟楼区人民政府，《<b>报告</b>》，2023年，2023年工作安排"
    )
    assert "<blockquote>" in c.html and "&lt;b&gt;报告&lt;/b&gt;" in c.html
    assert "<b>报告" not in c.html


def test_traditional_script_converts_passage_and_source_but_not_offsets():
    r = make_report()
    s, e = span(r, "城镇调查失业率控制在5%以内")
    c = cite(r, s, e, "plain", script="traditional")
    assert c.text.startswith("“城鎮調查失業率控制在5%以內”\n——常州市鐘樓區人民政府")


def test_unknown_metadata_degrades_to_the_file_name_and_unknown_place_year():
    r = make_report(title="", region="", year=None, level="")
    assert gbt7714_entry(citation_parts(r, 0, 4)) == "zhonglou_2023[R]. [出版地不详], [出版年不详]."


def test_online_source_is_an_electronic_resource():
    r = make_report(path="https://www.example.gov.cn/zwgk/2023.html", publisher="常州市钟楼区人民政府办公室")
    entry = gbt7714_entry(citation_parts(r, 0, 4))
    assert entry == (
        "常州市钟楼区人民政府办公室. 2023年常州市钟楼区政府工作报告[R/OL]. 常州, 2023(2023-01-03). "
        "https://www.example.gov.cn/zwgk/2023.html."
    )


@pytest.mark.parametrize(
    "region, level, place",
    [("常州市钟楼区", "区县", "常州"), ("上海市", "市", "上海"), ("四川省", "省", "成都"),
     ("全国", "全国", "北京"), ("呼伦贝尔市海拉尔区", "区县", "呼伦贝尔"), ("江苏省无锡市", "市", "无锡"),
     ("广西壮族自治区", "省", "南宁"), ("", "", "[出版地不详]")],
)
def test_publication_place(region, level, place):
    assert publication_place(region, level) == place


@pytest.mark.parametrize("start, end", [(-1, 3), (5, 5), (0, len(TEXT) + 1), (TEXT.index("\n"), TEXT.index("\n") + 1)])
def test_bad_spans_are_refused(start, end):
    with pytest.raises(ValueError):
        cite(make_report(), start, end)


def test_unknown_style_is_refused():
    with pytest.raises(ValueError, match="unknown citation style"):
        cite(make_report(), 0, 4, "apa")


def test_target_is_cited_by_its_sentence():
    r = make_report()
    sentence = "新增城镇就业1万人以上，城镇调查失业率控制在5%以内。"
    s, e = span(r, "新增城镇就业1万人以上")
    t = Target("新增城镇就业", 1, None, "万人", "以上", "target", ("就业",), s, e, r.text[s:e],
               "2023年工作安排 > 扩大就业", sentence)
    assert cite_target(r, t).text.startswith(f"“{sentence}”\n")


def test_cli_cite_prints_passage_and_citation(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("各位代表：\n新增城镇就业1万人以上。\n", encoding="utf-8")
    text = "各位代表：\n新增城镇就业1万人以上。"
    i = text.index("新增")
    out = subprocess.run(
        [sys.executable, "-m", "explorer", "cite", str(f), "--start", str(i), "--end", str(i + 6), "--style", "gbt7714"],
        capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "“新增城镇就业”"
    # Metadata extraction fills title/place/year as it improves; the form stays.
    assert re.fullmatch(r".+\[R\]\. .+, (\d{4}|\[出版年不详\])\.", lines[1]), lines[1]


def test_cli_cite_refuses_out_of_range(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("各位代表：\n新增城镇就业。\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "explorer", "cite", str(f), "--start", "0", "--end", "999"],
                         capture_output=True, text=True)
    assert out.returncode == 2 and "not inside" in out.stderr


# -- page numbers (a report read from a PDF keeps where each page starts) ---------------

def paged_report(**kw) -> Report:
    """TEXT as if printed on three pages: the second starts at 2023年工作安排, the third at
    城镇调查失业率, the middle of a sentence (a page break falls where the layout puts it)."""
    pages = [0, TEXT.index("2023年工作安排"), TEXT.index("城镇调查失业率")]
    return make_report(pages=pages, **kw)


def test_gbt7714_names_the_page_of_a_passage_on_one_page():
    r = paged_report()
    s, e = span(r, "新增城镇就业1.2万人")
    assert cite(r, s, e, "gbt7714").text.splitlines()[1] == (
        "常州市钟楼区人民政府. 2023年常州市钟楼区政府工作报告[R]. 常州, 2023: 1."
    )


def test_gbt7714_names_a_page_range_across_a_page_break():
    r = paged_report()
    s, e = span(r, "新增城镇就业1万人以上，城镇调查失业率控制在5%以内")
    assert cite(r, s, e, "gbt7714").text.splitlines()[1] == (
        "常州市钟楼区人民政府. 2023年常州市钟楼区政府工作报告[R]. 常州, 2023: 2-3."
    )


def test_plain_and_markdown_name_pages_in_chinese():
    r = paged_report()
    s, e = span(r, "新增城镇就业1万人以上，城镇调查失业率控制在5%以内")
    assert cite(r, s, e, "plain").text.endswith("（2023年），2023年工作安排 › （一）扩大就业，第2–3页")
    s, e = span(r, "城镇调查失业率")
    assert cite(r, s, e, "markdown").text.endswith("2023年工作安排 › （一）扩大就业，第3页")


def test_white_space_at_the_ends_of_a_selection_does_not_reach_another_page():
    """A selection dragged to the start of the next line ends in a newline that belongs to
    the page before; the passage cited is the stripped one, on one page."""
    r = paged_report()
    s, e = span(r, "过去一年，我们新增城镇就业1.2万人。\n")
    assert citation_parts(r, s, e).pages == (1, 1)
    s = r.text.index("2023年工作安排") - 1  # the newline before page 2, then page 2's first line
    assert citation_parts(r, s, s + 10).pages == (2, 2)


def test_online_paginated_source_puts_the_pages_before_the_update_date():
    r = paged_report(path="https://www.example.gov.cn/2023.pdf")
    s, e = span(r, "城镇调查失业率")
    assert gbt7714_entry(citation_parts(r, s, e)).endswith(
        "[R/OL]. 常州, 2023: 3(2023-01-03). https://www.example.gov.cn/2023.pdf."
    )


def test_reports_without_pages_cite_no_page():
    r = make_report()  # a .txt: pages is None
    s, e = span(r, "城镇调查失业率")
    assert citation_parts(r, s, e).pages is None
    assert "页" not in cite(r, s, e, "plain").text.splitlines()[1]


@pytest.mark.parametrize(
    "pages, start, end, expected",
    [
        ([0, 10, 20], 0, 5, (1, 1)),
        ([0, 10, 20], 5, 10, (1, 1)),  # ends right before page 2 starts
        ([0, 10, 20], 5, 11, (1, 2)),
        ([0, 10, 20], 10, 30, (2, 3)),
        ([3, 10], 0, 2, (1, 1)),  # before the first page start (a cover without text): page 1
        ([], 0, 5, None),
        (None, 0, 5, None),
    ],
)
def test_page_span(pages, start, end, expected):
    from explorer.core.cite.styles import page_span

    assert page_span(pages, start, end) == expected

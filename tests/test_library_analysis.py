"""The pure pieces of keyword analysis: contexts cut at paragraph breaks, term counts over
text or its UTF-8 bytes, grouping and the rate's denominator."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from explorer.library.frequency import DocCounts, Filters, Frequency, count, n_chars, term_literal
from explorer.library.kwic import BREAK_SHOWN, left_context, right_context

TEXT = "一、总体要求\n坚持稳中求进，推动高质量发展。\n二、主要任务\n扩大就业。"


def test_contexts_stop_at_the_paragraph_break_unless_asked():
    start = TEXT.index("推动")
    assert left_context(TEXT, start, 30) == "坚持稳中求进，"
    assert left_context(TEXT, start, 3) == "求进，"
    assert left_context(TEXT, start, 30, cross=True) == "一、总体要求" + BREAK_SHOWN + "坚持稳中求进，"
    end = start + 2
    assert right_context(TEXT, end, 30) == "高质量发展。"
    assert right_context(TEXT, end, 30, cross=True).startswith("高质量发展。" + BREAK_SHOWN + "二、")
    # A hit at a paragraph's first character: nothing on the left, even one character away.
    second = TEXT.index("坚持")
    assert left_context(TEXT, second, 30) == ""
    assert left_context(TEXT, second, 1) == ""


def test_a_hard_wrapped_report_breaks_paragraphs_at_blank_lines():
    wrapped = "第一段第一行\n第一段第二行\n\n第二段开头就业增长\n下一行"
    start = wrapped.index("就业")
    assert left_context(wrapped, start, 30, "\n\n") == "第二段开头"
    assert right_context(wrapped, start + 2, 30, "\n\n") == "增长下一行"  # the line wrap dropped
    assert left_context(wrapped, start, 30, "\n\n", cross=True) == "第一段第一行第一段第二行" + BREAK_SHOWN + "第二段开头"
    # The window starting inside the blank line still stops there.
    assert left_context(wrapped, start, len("\n第二段开头"), "\n\n") == "第二段开头"


chars = st.sampled_from(list("就业创新哈𠀀 ab\n再"))


@given(st.text(chars, max_size=60), st.text(st.sampled_from(list("就业哈𠀀a")), min_size=1, max_size=3))
def test_counting_utf8_bytes_equals_counting_the_text(text, term):
    lit = term_literal(term)
    assert count(text.encode("utf-8"), lit) == count(text, lit) == text.count(term)
    assert n_chars(text.encode("utf-8")) == len(text)


@given(st.text(chars, max_size=60))
def test_a_phrase_matches_any_whitespace_run_in_bytes_too(text):
    lit = term_literal("就业  创新")
    expected = len(re.findall(r"就业\s+创新", text))
    assert count(text, lit) == count(text.encode("utf-8"), lit) == expected


def test_the_rate_is_over_every_report_of_the_group():
    docs = (
        DocCounts("a", "", "甲市", "市", 2021, "", 10_000, (5,)),
        DocCounts("b", "", "甲市", "市", 2021, "", 30_000, (0,)),
        DocCounts("c", "", "乙市", "市", 2022, "", 10_000, (5,)),
        DocCounts("d", "", "乙市", "市", None, "", 5_000, (1,)),
    )
    freq = Frequency(("就业",), docs)
    rows = {r.key: r for r in freq.table("year")}
    # 2021: one report of two mentions it; its 5 hits over both reports' 40,000 characters.
    assert (rows[2021].hits, rows[2021].reports, rows[2021].group_reports, rows[2021].chars) == (5, 1, 2, 40_000)
    assert rows[2021].per_10k == 1.25 and rows[2022].per_10k == 5.0
    assert list(rows) == [2021, 2022, None]  # unknown year last
    assert [r.key for r in freq.table("year", 2022)] == [2022]  # a range leaves out the unknown year
    assert [d.path for d in freq.docs_in("region", "乙市", "就业")] == ["c", "d"]


def test_filters_match_regions_in_either_script_and_levels_exactly():
    f = Filters(regions=("鎮江",), levels=("市",))
    assert f.admits("镇江市", "市", 2021, "政府工作报告")
    assert not f.admits("镇江市", "区县", 2021, "政府工作报告")
    assert not f.admits("常州市", "市", 2021, "政府工作报告")
    assert not Filters(year_from=2020).admits("镇江市", "市", None, "")
    assert Filters(doc_types=("工作报告",)).admits("", "", None, "政府工作报告")


def test_xlsx_reads_back_with_openpyxl(tmp_path):
    from openpyxl import load_workbook

    from explorer.library.tables import write_table

    rows = [["碳达峰 <&> “引号”", 2021, 1.25, None, True, "  leading space", "bad\x01char", "x" * 40_000],
            ["", -3, 0.0, "¶", False, "𠀀", "line\nbreak", ["就业", "教育"]]]
    path = tmp_path / "t.xlsx"
    assert write_table(path, ["a", "b", "c", "d", "e", "f", "g", "h"], rows, sheet="kwic/1", widths=[10] * 8) == 2
    book = load_workbook(path)
    sheet = book.active
    assert sheet.title == "kwic_1" and sheet.freeze_panes == "A2"
    values = [list(r) for r in sheet.values]
    assert values[0] == ["a", "b", "c", "d", "e", "f", "g", "h"] and sheet["A1"].font.b
    assert values[1][:7] == ["碳达峰 <&> “引号”", 2021, 1.25, None, True, "  leading space", "badchar"]
    assert len(values[1][7]) == 32_767
    assert values[2][1:] == [-3, 0, "¶", False, "𠀀", "line\nbreak", "就业、教育"]
    assert not (tmp_path / "t.xlsx.part").exists()

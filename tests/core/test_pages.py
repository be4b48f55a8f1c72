"""Page numbers of a PDF copy: which go, which stay, on small cases and on the corpus."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.clean import pages
from explorer.core.clean.pages import remove_page_numbers
from explorer.core.clean.pipeline import clean
from explorer.core.read.files import read_file
from tests.conftest import corpus_file


def _removed(text: str) -> list[str]:
    return [s.before.strip("\f") for s in remove_page_numbers(text)[1]]


def test_dashed_page_numbers_go_and_the_last_one_without_its_dash() -> None:
    text = "各位代表：\n现在，我代表市人民政府\n— 1 —\n向大会报告工作。\n— 2 —\n结束。\n— 3"
    new, steps = remove_page_numbers(text)
    assert new == "各位代表：\n现在，我代表市人民政府\n向大会报告工作。\n结束。"
    assert [s.kind for s in steps] == ["page_number"] * 3


@pytest.mark.parametrize("line", ["第 3 页", "第3页 共23页", "- 4 -", "－12－", "3/23"])
def test_other_page_number_forms(line: str) -> None:
    assert _removed(f"正文。\n{line}\n正文。") == [line]


@pytest.mark.parametrize(
    "text",
    [
        "2023年主要指标\n— 2023",  # a dash and a year: no run of pages before it
        "地区生产总值\n1\n增长6%",  # a figure alone on a line, no page break
        "目錄\n前言\n1 – 4\n北部都會區\n21 – 31",  # contents ranges
        "正文\n\f7\n正文",  # one bare number at a page break is not a run of pages
    ],
)
def test_numbers_that_are_not_page_numbers_stay(text: str) -> None:
    assert remove_page_numbers(text) == (text, [])


def test_bare_numbers_at_page_breaks_go_when_they_count_pages() -> None:
    pages = ["立法會主席：", "今天我發表施政報告，", "也是最後一份。", "謝謝。"]
    text = "目錄\n(一) 前言\n7\n" + "".join(f"\f{n}\n{body}\n" for n, body in enumerate(pages, 1))
    new, steps = remove_page_numbers(text)
    assert [s.before.strip("\f") for s in steps] == ["1", "2", "3", "4"]
    assert "(一) 前言\n7\n" in new  # the contents' locator is no page number
    assert "\f" not in new  # a page break is no paragraph break


def _longest_chain_by_looking_back(values: list[int]) -> set[int]:
    """The page-number chain as first written: each candidate looks back over all earlier
    ones (quadratic), kept here as the definition the linear version must agree with."""
    best: list[list[int]] = []
    for k, value in enumerate(values):
        chain: list[int] = []
        for j in range(k - 1, -1, -1):
            if 0 < value - values[j] <= pages._MAX_PAGE_GAP and len(best[j]) > len(chain):
                chain = best[j]
        best.append([*chain, k])
    longest = max(best, key=len, default=[])
    return set(longest) if len(longest) >= pages._MIN_RUN else set()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(1, 12), max_size=30))
def test_page_chain_is_the_longest_chain_looked_back_for(values: list[int]) -> None:
    # Bare numbers each on a line after a form feed: every one is a candidate, line k.
    lines = [f"\f{v}" for v in values]
    assert pages._page_break_numbers(lines) == _longest_chain_by_looking_back(values)


def test_many_bare_numbers_at_form_feeds() -> None:
    # 14,000 numbered lines at form feeds (bare numbers have at most four digits): when each
    # looked back over all earlier ones, this took 23 s. Every third number
    # repeats the one before (0, 0, 1, 2, 2, 3, ...): one of each pair is a page.
    values = [(k // 3) * 2 + (k % 3 == 2) for k in range(14_000)]
    text = "".join(f"\f{v}\n正文{k}\n" for k, v in enumerate(values))
    new, steps = remove_page_numbers(text)
    assert [s.before.strip("\f") for s in steps] == [str(v) for v in range(max(values) + 1)]
    # The body lines stay, and so does the other number of each pair, with its form feed.
    assert new.count("\n正文") == len(values) and new.count("\f") == len(values) - len(steps)


def test_inline_page_numbers_in_a_report_on_one_line() -> None:
    line = "全市地区生产总值增长6.4%，一 — 1 — 般公共预算收入增长7.2%。" * 20
    line += " 又被 — 2 — 赋予了任务。 — 3 — 三、加强政府自身建设"
    new, steps = remove_page_numbers(line)
    assert "— 1 —" not in new and "— 3 —" not in new
    assert "一 般公共预算收入" in new and "又被 赋予" in new
    assert len(steps) == 22


def test_corpus_page_numbers() -> None:
    chengde = clean(read_file(corpus_file("prefecture_承德市_2024.txt")).text)
    assert chengde.counts["page_number"] == 23
    assert not re.search(r"^— ?\d+", chengde.text, re.M)
    zaozhuang = clean(read_file(corpus_file("prefecture_枣庄市_2024.txt")).text)
    assert zaozhuang.counts["page_number"] == 21
    assert "— 20 —" not in zaozhuang.text

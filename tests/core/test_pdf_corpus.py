"""The real Hong Kong policy addresses (../shared/corpus/set2/pdf), read against their plain
text extraction (hk_*.txt: pages separated by form feeds, one line per printed line).

These PDFs are letter-spaced (every glyph tracked by 0.1 em): pdfminer's layout analysis gave
24,213 and 36,083 spaces between Chinese characters and let a search find a quarter to a
third of the words. What a reader of the printed page sees is the measure here.
"""

from __future__ import annotations

import re

import pytest

from explorer.core.ingest import load_report
from explorer.core.read.files import read_file
from tests.conftest import corpus_file

NAMES = ["hk_香港_2021", "hk_香港_2023"]
CJK = r"\u3400-\u9fff\u3000-\u303f\uff00-\uffef"
SPACE = r"[ \u00a0\u2000-\u200b]"
# a run of spaces between two CJK characters, with the characters (runs may share them)
STRAY = re.compile(rf"(?<=([{CJK}])){SPACE}+(?=([{CJK}]))")
# Words a researcher searches these addresses for (Traditional, Hong Kong forms).
WORDS = [
    "香港", "政府", "發展", "房屋", "土地", "經濟", "創新", "科技", "大灣區", "青年", "教育", "醫療",
    "特區", "國家", "市民", "社會", "服務", "計劃", "人才", "文化", "旅遊", "金融", "國際",
    "北部都會區", "基建", "安全", "一國兩制", "公營房屋", "環境", "交通", "建設", "支援", "長者",
    "國際創新科技中心",
]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


class Reference:
    """The plain extraction, page by page, without the lines that hold only a page number."""

    def __init__(self, name: str) -> None:
        self.raw = corpus_file(f"{name}.txt").read_text(encoding="utf-8")
        self.pages = [
            "\n".join(ln for ln in page.split("\n") if not re.fullmatch(r"\s*\d{1,3}\s*", ln))
            for page in self.raw.split("\f")
        ]

    @staticmethod
    def is_toc(page: str) -> bool:
        """The contents' pages start with the column label 段落 (paragraphs) or entry (一)."""
        return _flat(page).startswith(("段落", "(一)前言"))

    def body_pages(self) -> list[tuple[int, str]]:
        """(index, text) of the pages of the report's body: not blank, cover or contents."""
        return [(i, p) for i, p in enumerate(self.pages) if len(_flat(p)) > 60 and not self.is_toc(p)]

    def body_text(self) -> str:
        """Without the contents (chrome), CJK runs wrapped over lines and pages rejoined."""
        text = "\n".join(p for p in self.pages if not self.is_toc(p))
        return re.sub(rf"(?<=[{CJK}])\s+(?=[{CJK}])", "", text)


@pytest.fixture(scope="module", params=NAMES)
def hk(request):
    name = request.param
    path = corpus_file(f"{name}.pdf")
    return Reference(name), read_file(path), load_report(path)


def test_no_stray_spaces_between_chinese_characters(hk):
    reference, decoded, report = hk
    for text in (decoded.text, report.text):
        found = STRAY.findall(text)
        # What is left is typed: a space between two words of a heading (新氣象 新未來).
        assert len(found) < 30, found
        for before, after in found:
            typed = re.escape(before) + SPACE.replace("]", "\u3000]") + r"+\s*" + re.escape(after)
            assert re.search(typed, reference.raw), f"{before} {after} is not in the PDF"


def test_every_word_is_found_as_often_as_on_the_page(hk):
    reference, decoded, report = hk
    expected = {w: reference.body_text().count(w) for w in WORDS}
    assert sum(expected.values()) > 1500
    assert {w: decoded.text.count(w) for w in WORDS} == expected
    assert {w: report.text.count(w) for w in WORDS} == expected


def test_page_starts_land_on_each_pages_first_words(hk):
    reference, decoded, report = hk
    assert report.pages is not None
    assert len(report.pages) == len(decoded.pages) == len(reference.pages)
    assert report.pages == sorted(report.pages)
    body = reference.body_pages()
    assert len(body) > 50
    for index, page in body:
        start = report.pages[index]
        want = _flat(page)[:10]
        assert _flat(report.text[start : start + 40]).startswith(want), (index + 1, want)


def test_a_word_broken_across_pages_is_whole(hk):
    reference, decoded, report = hk
    flat = _flat(report.text)
    joins = 0
    for index, page in reference.body_pages():
        following = _flat(reference.pages[index + 1]) if index + 1 < len(reference.pages) else ""
        end = _flat(page)
        if following and re.match(r"[\u3400-\u9fff]", end[-1]) and re.match(r"[\u3400-\u9fff]", following[0]):
            joins += 1
            assert end[-4:] + following[:4] in flat, (index + 1, end[-4:], following[:4])
    assert joins >= 5


def test_running_heads_page_numbers_and_contents_are_left_out(hk):
    reference, decoded, report = hk
    lines = report.text.split("\n")
    assert not [ln for ln in lines if re.fullmatch(r"\d{1,3}", ln.strip())]  # page numbers
    assert "段落" not in lines and "目錄" not in lines  # the contents' labels ...
    # ... and its entries with their paragraph ranges ("前言 1–4")
    assert not [ln for ln in lines if re.search(r"[\u3400-\u9fff」] ?\d{1,3} ?[–-] ?\d{1,3}$", ln)]
    toc = next(p for p in reference.pages if reference.is_toc(p))
    first_entry = next(ln.strip() for ln in toc.split("\n")[1:] if len(ln.strip()) > 3)
    assert report.text.count(first_entry) <= sum(p.count(first_entry) for p in reference.pages if not reference.is_toc(p))

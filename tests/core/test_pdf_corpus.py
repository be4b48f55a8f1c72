"""The real Hong Kong policy addresses (../shared/corpus/set2/pdf), read against their plain
text extraction (hk_*.txt: pages separated by form feeds, one line per printed line).

These PDFs are letter-spaced (every glyph tracked by 0.1 em): pdfminer's layout analysis gave
24,213 and 36,083 spaces between Chinese characters and let a search find a quarter to a
third of the words. What a reader of the printed page sees is the measure here; the contents
pages stay (the outline reads the headings from them), running heads and page numbers go.
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

    def text(self) -> str:
        """The whole text, CJK runs wrapped over lines and pages rejoined."""
        return re.sub(rf"(?<=[{CJK}])\s+(?=[{CJK}])", "", "\n".join(self.pages))


def corpus_pages(reference: Reference) -> list[str]:
    """The reference's pages as extracted, page-number lines included."""
    return reference.raw.split("\f")


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
    expected = {w: reference.text().count(w) for w in WORDS}
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


def test_page_numbers_are_left_out(hk):
    """(These addresses have no running heads: the generated PDFs of test_pdf.py do.)"""
    from explorer.core.clean.contents import find_contents

    reference, decoded, report = hk
    lines = decoded.text.split("\n")
    contents = find_contents(lines)
    assert contents is not None
    body = lines[contents.end :]  # (the contents' paragraph ranges stand on lines of their own)
    assert not [ln for ln in body if re.fullmatch(r"\d{1,3}", ln.strip())]
    # every numbered page's number, and nothing else, was left out
    numbered = sum(
        1
        for raw, page in zip(corpus_pages(reference), reference.pages, strict=True)
        if not reference.is_toc(page) and re.search(r"(?m)^\s*\d{1,3}\s*$", raw)
    )
    assert dict(decoded.left_out) == {"pdf_page_furniture": numbered}


def test_contents_are_recognised_and_not_repeated_as_sections(hk):
    """The contents stay, laid out as the contents recogniser reads them (an entry, its
    paragraph range on a line of its own): the outline takes its headings from them."""
    from explorer.core.clean.contents import find_contents

    reference, decoded, report = hk
    lines = decoded.text.split("\n")
    contents = find_contents(lines)
    assert contents is not None and len(contents.entries) >= 40
    toc = "\n".join(p for p in reference.pages if reference.is_toc(p))
    assert _flat(contents.entries[0].title) in _flat(toc)
    top = [s.title for s in report.sections]
    assert len(top) == len(set(top)) and 8 <= len(top) <= 12, top

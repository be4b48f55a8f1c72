"""A report's table of contents: recognised, parsed into nested entries, found in the body."""

from __future__ import annotations

import pytest

from explorer.core.clean.contents import find_contents, locate
from explorer.core.clean.pipeline import clean
from explorer.core.read.files import read_file
from tests.conftest import CORPUS_FILES, SET2_FILES, corpus_file


def _lines(name: str) -> list[str]:
    return clean(read_file(corpus_file(name)).text).text.split("\n")


# A Hong Kong contents page as the plain extraction gives it (cover, running heads between
# pages, numbers on lines of their own), up to where the body begins.
HK_CONTENTS = [
    "行政長官 2021 年施政報告",
    "齊心同行 開創未來",
    "(一)",
    "前言：新局面",
    "1 – 4",
    "(二)",
    "「一國兩制」行穩致遠",
    "5 – 18",
    "不忘初心",
    "5 – 6",
    "完善「一國兩制」實施",
    "7 – 18",
    "段落",
    "目錄",
    "段落",
    "堅守特區憲制秩序",
    "7",
    "(三)",
    "新氣象",
    "新未來",
    "19 – 37",
]


def test_entries_with_paragraph_ranges_on_their_own_lines() -> None:
    lines = [*HK_CONTENTS, "立法會主席、各位議員、各位市民："]
    contents = find_contents(lines)
    assert contents is not None and contents.ranged
    assert (contents.start, contents.end) == (0, len(lines) - 1)
    assert [(e.title, e.first, e.last, e.level) for e in contents.entries] == [
        ("(一) 前言：新局面", 1, 4, 1),
        ("(二) 「一國兩制」行穩致遠", 5, 18, 1),
        ("不忘初心", 5, 6, 2),
        ("完善「一國兩制」實施", 7, 18, 2),
        ("堅守特區憲制秩序", 7, 7, 3),
        ("(三) 新氣象 新未來", 19, 37, 1),
    ]


def test_dot_leaders_and_an_entry_without_a_place() -> None:
    lines = [
        "目　錄",
        "壹、前言…………………1",
        "貳、施政成果……………2",
        "一、安居樂業……………2",
        "二、交通便捷……………5",
        "參、結語…………………9",
        "附件︰重要指標",
        "壹、前言",
    ]
    contents = find_contents(lines)
    assert contents is not None and not contents.ranged
    assert [e.title for e in contents.entries][-2:] == ["參、結語", "附件︰重要指標"]
    assert contents.end == len(lines) - 1  # the body starts where the first entry comes again
    assert [hit.line for hit in locate(contents, [*lines, "附件：重要指標"])] == [7, 8]


@pytest.mark.parametrize(
    ("name", "entries"), [("hk_香港_2021.txt", 113), ("hk_香港_2023.txt", 116)]
)
def test_hong_kong_contents_are_found_and_every_entry_in_the_body(name: str, entries: int) -> None:
    lines = _lines(name)
    contents = find_contents(lines)
    assert contents is not None and len(contents.entries) == entries
    assert len(locate(contents, lines)) == entries
    assert lines[contents.end] == "立法會主席、各位議員、各位市民："


@pytest.mark.parametrize("name", CORPUS_FILES + [n for n in SET2_FILES if n.endswith(".txt")])
def test_reports_without_contents_have_none(name: str) -> None:
    assert find_contents(_lines(name)) is None

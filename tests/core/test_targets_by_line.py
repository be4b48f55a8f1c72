"""Target extraction reads a long text's lines once each (find_figures, KindDecider): the
same answers as reading the whole text, which these tests hold the line-by-line readings to."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.read.files import read_file
from explorer.core.scripts import fold
from explorer.core.targets.figures import _last_of, _line_figures, _QuoteDepths, find_figures
from explorer.core.targets.kind import (
    _MAX_HEADING,
    _MAX_PARAGRAPH,
    _NUMBERED_HEADING,
    KindDecider,
    classify_title,
    part_openings,
)
from tests.conftest import CORPUS, SAMPLES


def _whole_text_figures(folded: str):
    """find_figures as it read the text before: one scan of the whole text."""
    return [fig for fig, _ in _line_figures(folded)]


# Digits, units, qualifiers (some broken over a line), quotes, 连续, spaces, line breaks.
_FIGURE_TEXT = st.lists(
    st.sampled_from(
        ["1", "2", "5", "0", ".", ",", " ", "\n", "万", "个", "%", "人", "三", "十", "左", "右",
         "以上", "左\n右", "\n左右", " 以上", "“", "”", "《", "》", "。", "连续", "第", "增长",
         "方面", "余", "—", "年", "x"]
    ),
    max_size=40,
).map("".join)


@given(_FIGURE_TEXT)
@settings(max_examples=400)
def test_figures_by_line_are_the_whole_texts(text):
    assert find_figures(text) == _whole_text_figures(text)


def test_a_qualifier_on_the_next_line_still_ends_the_figure():
    for text in ("增长6.5%\n左右，", "增长6%左\n右。", "增长8% 左右", "增长6.5%\n左右"):
        (fig,) = find_figures(text)
        assert (fig.post_qualifier, text[fig.end - 1]) == ("左右", "右")


def _report_texts():
    corpus = sorted(f for f in CORPUS.rglob("*") if f.suffix in (".txt", ".pdf", ".docx"))
    if not corpus:
        pytest.skip("no corpus")
    files = [f for f in corpus if not f.name.startswith("LICENSE")] + sorted(SAMPLES.glob("*.txt"))
    return [fold(read_file(f).text) for f in files]


def test_figures_by_line_on_the_corpus():
    for folded in _report_texts():
        # Also with the lines repeated, as in a long text: the second copy from the cache.
        for text in (folded, folded + "\n" + folded):
            assert find_figures(text) == _whole_text_figures(text)


def _opening_by_line_holds(folded: str, year: int | None) -> None:
    decider = KindDecider(folded, (), year)
    alone_cache: dict[str, str | None] = {}
    offset = 0
    for line in folded.split("\n"):
        if offset and ("年" in line or "今后" in line):
            if line not in alone_cache:
                alone_cache[line] = KindDecider("\n" + line, (), year)._opening_frame(1, 1 + len(line))
            assert decider._opening_frame(offset, offset + len(line)) == alone_cache[line], line
        offset += len(line) + 1


@given(st.lists(st.sampled_from(["2023年", "2024年", "是", "，", "。", "比", "的", "同期", "今年",
                                 "去年", "今后", "回顾", " ", "一年来", "\n", "增长", "代"]),
                max_size=30).map("".join))
def test_a_paragraphs_opening_frame_is_its_lines_own(text):
    # KindDecider reads each distinct line's opening frame once: the answer must not depend
    # on where the line stands (but for the first line, which is read in place).
    _opening_by_line_holds(text, 2024)


def test_opening_frames_by_line_on_the_corpus():
    for folded in _report_texts():
        _opening_by_line_holds(folded, 2024)


def _whole_text_marks(folded: str, year: int | None):
    """KindDecider's headings and openings as it gathered them before: every line in place,
    then the numbered headings by one search of the whole text."""
    decider = KindDecider("", (), year)
    decider._folded = folded
    headings: dict[int, str] = {}
    openings: dict[int, str] = {}
    paragraphs = []
    offset = 0
    for line in folded.split("\n"):
        stripped = line.strip(" \t\u3000\r")
        if 2 <= len(stripped) <= _MAX_HEADING and not stripped.endswith(("。", "；", "，")):
            kind = classify_title(stripped, year)
            if kind:
                headings.setdefault(offset, kind)
        if stripped and len(line) <= _MAX_PARAGRAPH:
            paragraphs.append(offset)
            kind = decider._opening_frame(offset, offset + len(line))
            if kind:
                openings[offset] = kind
        offset += len(line) + 1
    for start, end in part_openings(folded):
        kind = decider._opening_frame(start, end)
        if kind:
            openings.setdefault(start, kind)
    for m in _NUMBERED_HEADING.finditer(folded):
        kind = classify_title(m.group(), year)
        if kind:
            headings.setdefault(m.start(), kind)
    return sorted(headings.items()), sorted(openings.items()), {p: openings.get(p) for p in paragraphs}


def _marks_by_line_hold(folded: str, year: int | None) -> None:
    decider = KindDecider(folded, (), year)
    got = (
        list(zip(decider._headings._starts, decider._headings._kinds, strict=True)),
        list(zip(decider._openings._starts, decider._openings._kinds, strict=True)),
        decider._own_opening,
    )
    assert got == _whole_text_marks(folded, year)


_KIND_TEXT = st.lists(
    st.sampled_from(["2023年", "2024年", "是", "，", "。", "比", "的", "同期", "今年", "去年", "今后",
                     "回顾", "\u3000", "一年来", "\n", "增长", "代", "一、", "（二）", "工作安排",
                     "目标任务", "：", "各位代表"]),
    max_size=30,
).map("".join)


@given(_KIND_TEXT)
@settings(max_examples=300)
def test_kind_marks_by_line_are_the_whole_texts(text):
    _marks_by_line_hold(text, 2024)
    _marks_by_line_hold(text + "\n" + text, None)


def test_kind_marks_by_line_on_the_corpus():
    for folded in _report_texts():
        for text in (folded, folded + "\n" + folded):
            _marks_by_line_hold(text, 2024)


@given(st.text(alphabet="ab。\n！x", max_size=30), st.integers(0, 32), st.integers(0, 32))
def test_last_of_is_the_last_mark(text, start, end):
    # Positions are offsets in the text (never negative), as LastMark and quote depths ask.
    expected = max((text.rfind(m, start, end) for m in "。\n！"), default=-1)
    assert _last_of(text, "。\n！", start, end) == expected


@given(st.text(alphabet="ab1。\n！？；“”《》「」\"‘’『』x", max_size=40))
def test_quote_depth_is_the_depth_read_character_by_character(text):
    # The definition: quote and book-title marks open and close ('"' does neither, it
    # opens and closes alike), a close never below 0, every sentence end starts over.
    depths = _QuoteDepths(text)
    depth = 0
    for i, ch in enumerate(text):
        if ch in "\n。！？；":
            depth = 0
        elif ch in "“「『‘《":
            depth += 1
        elif ch in "”」』’》" and depth > 0:
            depth -= 1
        assert depths.at(i) == depth

"""Target extraction reads a long text's lines once each (find_figures, KindDecider): the
same answers as reading the whole text, which these tests hold the line-by-line readings to."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.read.files import read_file
from explorer.core.scripts import fold
from explorer.core.targets.figures import _line_figures, find_figures
from explorer.core.targets.kind import KindDecider
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

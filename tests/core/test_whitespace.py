"""Whitespace and width conventions of the clean text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.clean.whitespace import normalize_whitespace


def ws(text: str) -> str:
    return normalize_whitespace(text)[0]


def test_indents_and_blank_lines_go():
    assert ws("\u3000\u3000第一段。\n\n\n\u3000\u3000第二段。 \n") == "第一段。\n第二段。"


def test_counts():
    _, steps = normalize_whitespace("\u3000\u3000第一段。\n\n第二段。")
    kinds = [s.kind for s in steps]
    assert kinds.count("indent") == 1 and kinds.count("blank_line") == 1


def test_letter_spaced_title_and_name():
    assert ws("政 府 工 作 报 告\n李\u3000强") == "政府工作报告\n李强"


def test_name_separated_by_ideographic_spaces_keeps_one_space():
    assert ws("海拉尔区人民政府区长\u3000\u3000张天喜") == "海拉尔区人民政府区长 张天喜"


def test_full_width_letters_and_digits_become_half_width():
    assert ws("ＰＭ２．５浓度下降２５％，ＧＤＰ增长") == "PM2.5浓度下降25%，GDP增长"


def test_cjk_punctuation_and_ascii_punctuation_are_kept():
    assert ws("现在，我代表：“十四五”（一）") == "现在，我代表：“十四五”（一）"
    assert ws("现在,我代表海拉尔区人民政府:请予审议;") == "现在,我代表海拉尔区人民政府:请予审议;"


def test_paragraph_break_evidence_in_a_one_line_report_is_kept():
    line = "各位代表： \u2003\u2003现在，我代表市政府报告工作。 \u2003\u2003一、工作回顾 \u2003\u2003过去一年。" * 10
    assert ws(line) == line.strip()


def test_odd_spaces_become_one_space():
    assert ws("上海市市长\u3000龚正") == "上海市市长 龚正"
    assert ws("a\u00a0\u00a0b") == "a b"


def test_invisible_characters_go():
    assert ws("政\u200b府\ufeff") == "政府"


def test_hard_wrapped_paragraphs_keep_one_blank_line():
    para = "这是一段被硬换行的文字，\n每一行都没有写完，\n直到段末才结束。"
    text = "\n\n\n".join([para] * 4)
    assert ws(text) == "\n\n".join([para] * 4)


@given(st.text(alphabet="政府 \u3000\u2003\n报告。，Ａ１ab", max_size=60))
def test_idempotent(text):
    once = ws(text)
    assert ws(once) == once


@pytest.mark.parametrize("odd", ["", "\u200b", "\x07", "ＰＭ２．５", "\u200b\x07Ｑ"])
def test_a_very_long_text_is_normalized_as_the_patterns_say(odd, monkeypatch):
    # Above a million characters a look-up array tells which character classes occur, and
    # the patterns of the others are skipped: the result must be what all of them give.
    # (The threshold and the array size are lowered here so a short text takes that way.)
    from explorer.core import scripts
    from explorer.core.clean import whitespace

    text = ("各位代表：\n\n　　今年经济增长5%左右。" * 20) + odd + "完。"
    slow = normalize_whitespace(text)
    monkeypatch.setattr(whitespace, "ARRAY_TEXT", 100)
    monkeypatch.setattr(scripts, "_ARRAY_CHUNK", 64)  # the arrays code_point_arrays makes
    fast = normalize_whitespace(text)
    assert fast[0] == slow[0]
    assert [(s.kind, s.before, s.after) for s in fast[1]] == [(s.kind, s.before, s.after) for s in slow[1]]


def _join_paragraphs_line_by_line(lines: list[str]) -> tuple[str, int]:
    """_join_paragraphs as a loop over the lines (how it was written before): the text and
    the number of blank lines it counts."""
    from explorer.core.clean.whitespace import _ends_sentence

    if "" not in lines:
        return "\n".join(lines), 0
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    inner = [line for b in blocks if len(b) > 1 for line in b[:-1]]
    wrapped = len(inner) >= 6 and sum(1 for line in inner if not _ends_sentence(line)) > 0.6 * len(inner)
    separator = "\n\n" if wrapped else "\n"
    kept = len(blocks) - 1 if wrapped else 0
    blanks = sum(1 for line in lines if not line)
    return separator.join("\n".join(b) for b in blocks), max(0, blanks - kept)


@given(st.lists(st.sampled_from(["", "", "甲乙", "丙。", "丁 ", "。 ", " "]), max_size=40))
def test_join_paragraphs_is_the_line_by_line_join(lines):
    from explorer.core.clean.whitespace import _join_paragraphs

    steps: list = []
    text = _join_paragraphs(list(lines), steps)
    assert (text, len(steps)) == _join_paragraphs_line_by_line(list(lines))
    assert all(s.kind == "blank_line" for s in steps)

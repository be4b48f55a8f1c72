from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.read.files import decode_bytes
from explorer.core.scripts import (
    LineFolds,
    convert_for_display,
    fold,
    fold_lines,
    to_simplified,
    to_traditional,
)
from tests.conftest import ALL_REPORT_FILES, corpus_file


def test_fold_unifies_scripts_and_widths():
    assert fold("就業") == fold("就业") == "就业"
    assert fold("鎮江ＰＭ２．５") == "镇江pm2.5"
    assert fold("全　面") == "全 面"
    assert len(fold("İstanbul")) == len("İstanbul")


def test_display_conversion_both_ways():
    assert to_traditional("现代化建设") == "現代化建設"
    assert to_simplified("現代化建設") == "现代化建设"
    assert convert_for_display("现代化", "original") == "现代化"


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2FFFF, blacklist_categories=("Cs",)), max_size=200))
def test_every_conversion_keeps_length(text):
    # Offsets computed on one form must stay valid on the other.
    for f in (fold, to_simplified, to_traditional):
        assert len(f(text)) == len(text)


_LINE_CHARS = st.characters(min_codepoint=0x20, max_codepoint=0x2FFFF, blacklist_categories=("Cs",))


@given(st.lists(st.text(alphabet=_LINE_CHARS, max_size=40) | st.sampled_from(
    ["　　發展ＰＭ２．５", "İSTANBUL 就業", "ΟΔΟΣ Σ", "  ", "", "頭髮 乾燥 後來"]), max_size=12))
def test_folding_lines_at_once_is_folding_each(lines):
    # One OpenCC call for a whole text's lines must give what a call per line gives,
    # including where fold() falls back for a letter that lower-cases to two.
    assert fold_lines(lines) == [fold(line) for line in lines]


@given(
    st.lists(st.text(alphabet=_LINE_CHARS, max_size=40) | st.sampled_from(
        ["　　發展ＰＭ２．５", "İSTANBUL 就業", "ΟΔΟΣ Σ", "  ", "", "頭髮 乾燥 後來"]), max_size=12),
    st.lists(st.text(alphabet=_LINE_CHARS, max_size=40) | st.sampled_from(["İ", "頭髮", "就業"]), max_size=6),
)
def test_a_text_folded_from_its_lines_folds_is_its_fold(lines, seen):
    # Targets take the cleaned text's fold from the line folds cleaning made; where a
    # line (seen before or not) takes fold()'s fallback, the whole text must be folded as
    # fold() folds it, character by character.
    text = "\n".join(lines)
    folds = LineFolds()
    folds.lines(seen)
    assert folds.text(text) == fold(text)  # mostly new lines: folded whole
    folds.lines(seen + lines)
    assert folds.text(text) == fold(text)  # every line known: joined from their folds


def test_a_fallback_line_makes_the_whole_text_fold_by_character():
    folds = LineFolds()
    folds.lines(["İSTANBUL", "頭髮"])
    text = "頭髮\nİSTANBUL"
    assert folds.text(text) == fold(text)
    assert folds.text("頭髮\n就業") == fold("頭髮\n就業")


@pytest.mark.parametrize("name", [n for n in ALL_REPORT_FILES if n.endswith(".txt")])
def test_folding_a_reports_lines_at_once_is_folding_each(name):
    text, _enc = decode_bytes(corpus_file(name).read_bytes())
    lines = text.replace("\r\n", "\n").split("\n")
    assert fold_lines(lines) == [fold(line) for line in lines]


def test_a_very_long_text_folds_its_widths_as_a_short_one_does():
    # Above a million characters the widths are folded as arrays of code points; the
    # result must be the character-by-character fold, astral characters and lone
    # surrogates (a broken file) included.
    from explorer.core.scripts import _FOLD_WIDTH, ARRAY_TEXT, _fold_widths

    unit = "ＰＭ２．５濃度　下降，就業（人）😀\ud800Ⅻ。\n"
    text = unit * (ARRAY_TEXT // len(unit) + 2)
    assert len(text) > ARRAY_TEXT
    assert _fold_widths(text) == text.translate(_FOLD_WIDTH)
    readable = text.replace("\ud800", "")  # OpenCC itself refuses lone surrogates
    assert fold(readable)[: len(unit) - 1] == fold(unit.replace("\ud800", ""))

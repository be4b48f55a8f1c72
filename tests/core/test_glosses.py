"""Pinyin gloss removal: only a reading of the preceding character is a gloss."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.clean.glosses import is_gloss, readings, remove_glosses


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("現(xiàn)代化", "現代化"),
        ("鎮(zhèn)江", "鎮江"),
        ("现（xiàn）代化", "现代化"),  # full-width parentheses
        ("發(fā)展", "發展"),  # first tone (macron)
        ("綠(lv)色", "綠色"),  # toneless, v for ü
        ("綠(lü)色", "綠色"),
        ("重(zhòng)要和重(chóng)新", "重要和重新"),  # heteronym: both readings are glosses
        ("長(zhǎng)江", "長江"),
        # A tone-marked gloss goes wherever it stands: after what mojibake left of its
        # character (seeds/000's （六） heading), or where nothing is left at all.
        ("?。┨嵘窆蚕戆l(fā)展新成效", "?。┨嵘窆蚕戆l展新成效"),
        ("?;钒踩a(chǎn)專項巡視", "?;钒踩a專項巡視"),
        ("鞏固拓展幭冗M(jìn)位態勢", "鞏固拓展幭冗M位態勢"),
        ("(xiàn)代化", "代化"),
    ],
)
def test_glosses_removed(raw, clean):
    assert remove_glosses(raw)[0] == clean


@pytest.mark.parametrize(
    "raw",
    [
        "獨角獸(或潛在獨角獸)企業",
        "聚焦PM2.5(細顆粒物)",
        "一區(市)兩園",
        "管理办法(试行)",
        "首臺(套)重大裝備",
        "江(hé)",  # a reading of another character is not a gloss of this one
        "見(PM)",
        "(vi) 在重中之重",  # a roman numeral: no tone mark, nothing to gloss
        "戆(or)",  # toneless letters after a rare character are not checked as pinyin
    ],
)
def test_real_parentheses_stay(raw):
    text, steps = remove_glosses(raw)
    assert text == raw
    assert steps == []


def test_each_removal_is_a_step():
    text, steps = remove_glosses("現(xiàn)代化建設(shè)")
    assert text == "現代化建設"
    assert [(s.kind, s.before, s.after) for s in steps] == [
        ("gloss", "現(xiàn)", "現"),
        ("gloss", "設(shè)", "設"),
    ]


def test_readings_cover_both_scripts():
    assert "xiàn" in readings("現") and "xiàn" in readings("现")
    assert is_gloss("鄉", "xiāng") and is_gloss("乡", "xiang")
    assert not is_gloss("鄉", "jiāng")


def test_readings_are_pypinyins_for_every_common_character():
    # readings() reads pypinyin's table file instead of importing pypinyin (0.5 s): the
    # spellings must stay the ones pinyin() gives, heteronyms included (重: zhòng, chóng).
    from pypinyin import Style, pinyin

    from explorer.core.common_chars import COMMON

    for char in sorted(COMMON):
        toned = {r.lower() for group in pinyin(char, style=Style.TONE, heteronym=True, errors="ignore") for r in group}
        assert toned <= readings(char), char
        assert {r for r in readings(char) if any(c in "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ" for c in r)} <= toned, char
    assert {"zhòng", "chóng"} <= readings("重")
    assert readings("重要") == frozenset()  # one character at a time


def test_reading_sets_are_cached():
    readings.cache_clear()
    readings("國")
    readings("國")
    assert readings.cache_info().hits >= 1


@given(st.text(alphabet="現代化鎮江(xiànzhè)（）PM2.5或", max_size=40))
def test_idempotent(text):
    once = remove_glosses(text)[0]
    assert remove_glosses(once)[0] == once


def test_stray_glosses_are_steps_and_cleaning_stays_idempotent():
    text, steps = remove_glosses("戆l(fā)展")
    assert (text, [(s.kind, s.before, s.after) for s in steps]) == ("戆l展", [("gloss", "(fā)", "")])
    assert remove_glosses(text) == (text, [])


def test_double_gloss_removed_in_one_pass():
    text, steps = remove_glosses("現(xiàn)(xiàn)代")
    assert text == "現代"
    assert len(steps) == 2

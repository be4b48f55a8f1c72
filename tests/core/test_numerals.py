"""Chinese numerals as figures write them (explorer/core/targets/numerals.py). The values
are those of the numerals as read aloud; the refusals are strings no writer means as one
number (figures then skip the match)."""

import pytest

from explorer.core.targets.figures import find_figures, parse_number
from explorer.core.targets.numerals import chinese_number


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("零", 0), ("二", 2), ("两", 2), ("十", 10), ("一十", 10), ("十二", 12), ("二十", 20),
        ("九十九", 99), ("一百", 100), ("两百", 200), ("一百零五", 105), ("一百一十", 110),
        ("三百五十", 350), ("两千", 2000), ("三千零二", 3002), ("一千零一十", 1010),
        ("一千二百三十四", 1234), ("九千九百九十九", 9999),
        # spoken forms: the unit after the last digit is implied
        ("一百五", 150), ("三千二", 3200), ("两千五", 2500),
        # digit strings, as years and codes are written
        ("二〇二五", 2025), ("二零二四", 2024), ("五六", 56), ("二零", 20), ("一二三", 123),
    ],
)
def test_numerals_read_aloud(token: str, value: int) -> None:
    assert chinese_number(token) == value


# 1百: Arabic digits are parse_number's float(), never this parser's. 二万: figures keep
# magnitudes in the unit (二 and 万人), so a numeral never holds 万 or 亿.
@pytest.mark.parametrize(
    "token", ["", "百", "千", "二百百", "三十五六", "二十三四", "十一十", "五十五十", "1百", "二万", "三亿"]
)
def test_not_one_number(token: str) -> None:
    assert chinese_number(token) is None


def test_parse_number_reads_both_scripts() -> None:
    assert parse_number("1,250") == 1250.0
    assert parse_number("330 000") == 330000.0
    assert parse_number("十二") == 12.0
    assert parse_number("三十五六") is None


def test_figures_take_chinese_counts() -> None:
    text = "新建学校十二所，改造老旧小区三百五十个，新增就业两千五百人。"
    values = [(f.value, f.unit) for f in find_figures(text)]
    assert (12.0, "所") in values
    assert (350.0, "个") in values
    assert (2500.0, "人") in values

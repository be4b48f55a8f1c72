"""Chinese numerals of figures (三百五十, 二〇二五, 一百五) as integers.

The rules are those of cn2an's "smart" mode (MIT, github.com/Ailln/cn2an), which figures
used before, written out for the characters a figure's numeral may hold (figures._CHINESE:
零〇一二两三四五六七八九十百千): importing cn2an cost a quarter of a second at every start
of an ingest, a fifth of re-indexing one changed file. The answers are cn2an's (0.5.24) for
every such string of up to five characters (813,615, compared exhaustively when this module
was written) and for 219,915 random numerals of six to nine; tests/core/test_numerals.py
keeps the rules that matter to reports:

- positional numerals: 十二 12, 二十 20, 一百零五 105, 三千零二 3002, 两千 2000;
- spoken forms, the last unit left out: 一百五 150, 三千二 3200 (but 十一十 is no number);
- digit strings: 二〇二五 2025, 五六 56, 二零 20;
- anything else (二百百, 三十五六, 百 alone) is no number: None.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
# 万 and 亿 never occur in a figure's numeral: figures read them as part of the unit (3万人).
_UNITS = {"十": 10, "百": 100, "千": 1000}
_ALPHABET = frozenset(_DIGITS) | frozenset(_UNITS)

_D = "[零〇一二两三四五六七八九]"
_ONE_NINE = "[一二两三四五六七八九]"
# cn2an's grammar of a well-formed numeral below 10,000, zeros where they belong.
_10_99 = f"{_ONE_NINE}?十{_ONE_NINE}?"
_100_999 = f"{_ONE_NINE}百(?:[零〇]{_ONE_NINE})?|{_ONE_NINE}百{_ONE_NINE}十{_ONE_NINE}?"
_1_99 = f"{_10_99}|{_ONE_NINE}"
_1000_9999 = f"{_ONE_NINE}千(?:[零〇](?:{_1_99}))?|{_ONE_NINE}千(?:{_100_999})"
_POSITIONAL = re.compile(f"[零〇]|{_1000_9999}|{_100_999}|{_1_99}")
_ALL_DIGITS = re.compile(f"{_D}+")
# 一百五, 三千二: units, each after at most two digits, and a last digit whose unit is implied.
_SPOKEN = re.compile(f"(?:{_D}{{0,2}}[十百千])+{_D}")
_IMPLIED_UNIT = {"百": "十", "千": "百"}  # after 十 none is implied: 十一十 is no number
# The zeros and ones that careful writing spells out and common usage drops.
_THOUSAND_MISSING_ZERO = re.compile(f"(千)({_D}?十)")
_HUNDRED_MISSING_ONE = re.compile("(百)(十)")


@lru_cache(maxsize=4096)
def chinese_number(token: str) -> int | None:
    """The value of a numeral written in Chinese characters; None when it is not one."""
    if not token or not _ALPHABET.issuperset(token):
        return None
    s = token.replace("零十", "零一十").replace("零百", "零一百")
    s = _THOUSAND_MISSING_ZERO.sub(r"\1零\2", s)
    s = _HUNDRED_MISSING_ONE.sub(r"\1一\2", s)
    s = s.replace("零十", "零一十")
    if _POSITIONAL.fullmatch(s):
        return _positional_value(s)
    if _ALL_DIGITS.fullmatch(s):
        return int("".join(str(_DIGITS[c]) for c in s))
    if len(s) >= 3 and _SPOKEN.fullmatch(s):
        implied = _IMPLIED_UNIT.get(next(c for c in reversed(s) if c in _UNITS))
        return None if implied is None else _positional_value(s + implied)
    return None


def _positional_value(s: str) -> int:
    """Read right to left: a unit scales the digit before it, a leading unit counts one
    of itself (十二)."""
    total, unit = 0, 1
    for index, ch in enumerate(reversed(s)):
        if ch in _DIGITS:
            total += _DIGITS[ch] * unit
            continue
        unit = _UNITS[ch]
        if index == len(s) - 1:
            total += unit
    return total

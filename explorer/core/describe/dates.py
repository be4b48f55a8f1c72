"""Dates in report text: 2023年1月3日, 二〇二三年一月三日, 2021-01-18, full-width forms."""

from __future__ import annotations

import datetime as _dt
import re

from explorer.core.scripts import fold

CN_DIGITS = "〇零○一二三四五六七八九"
CN_NUM = "〇零○一二三四五六七八九十"

DATE_AR = r"(?P<y>\d{4})[ ]*年[ ]*(?P<m>\d{1,2})[ ]*月[ ]*(?P<d>\d{1,2})[ ]*日"
DATE_CN = rf"(?P<cy>[{CN_DIGITS}]{{4}})年(?P<cm>[{CN_NUM}]{{1,2}})月(?P<cd>[{CN_NUM}]{{1,3}})日"
DATE_NUM = r"(?<!\d)(?P<ny>\d{4})[-/.](?P<nm>\d{1,2})[-/.](?P<nd>\d{1,2})(?!\d)"
DATE_ANY = re.compile(f"{DATE_AR}|{DATE_CN}|{DATE_NUM}")


def cn_numeral(s: str) -> int | None:
    """二〇二三 -> 2023 (digit by digit), 十二 -> 12, 三十一 -> 31; None if not a numeral."""
    if not s:
        return None
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["〇"] = digits["○"] = 0
    if "十" not in s:
        if not all(c in digits for c in s):
            return None
        n = 0
        for c in s:
            n = n * 10 + digits[c]
        return n
    tens, _, ones = s.partition("十")
    if (
        (tens and tens not in digits)
        or (ones and ones not in digits)
        or len(tens) > 1
        or len(ones) > 1
    ):
        return None
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)


def _iso(y: int | None, m: int | None, d: int | None) -> str | None:
    if y is None or m is None or d is None:
        return None
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def date_from_match(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    if g.get("y"):
        return _iso(int(g["y"]), int(g["m"]), int(g["d"]))
    if g.get("cy"):
        return _iso(cn_numeral(g["cy"]), cn_numeral(g["cm"]), cn_numeral(g["cd"]))
    if g.get("ny"):
        return _iso(int(g["ny"]), int(g["nm"]), int(g["nd"]))
    return None


def parse_date(s: str) -> str | None:
    """The first valid date in `s` as YYYY-MM-DD: 2023年1月3日, 二〇二三年一月三日,
    2021-01-18, 2021/1/18, ２０２１年… (full-width); None when there is none."""
    for m in DATE_ANY.finditer(fold(s)):
        iso = date_from_match(m)
        if iso:
            return iso
    return None

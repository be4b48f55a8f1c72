"""Figures in report text: a number (Arabic or Chinese numerals), its unit, and the
qualifier words glued to it (左右, 以上, 余, 多 ...).

`find_figures` only recognises *measured* figures: a number without a unit (years,
dates, codes such as "626小河" or "DB32") is not a figure, and neither is a number
that is part of a name or slogan (inside quotes, after 第, inside PM2.5, 5G, 1+3+N).
Everything here works on the folded text (see explorer.core.scripts.fold), which has
the same length as the clean text, so offsets carry over unchanged.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

from explorer.core.targets.numerals import chinese_number

# Base units, longest first so the alternation prefers "平方公里" over "公里" and
# "人次" over "人". Ages (岁, 周岁) and years are deliberately absent: "35周岁以下青年
# 人才" and "连续5年" describe who or how long, they are not quantities to reach.
_BASE_UNITS = [
    "微克/立方米", "毫克/立方米", "个百分点", "百分点", "平方公里", "平方米", "立方米",
    "千瓦时", "千瓦", "标准煤", "标箱", "人次", "场次", "头只", "个月", "小时",
    "公里", "千米", "公顷", "美元", "欧元", "元", "人", "名", "户", "家", "个", "所",
    "座", "条", "台", "套", "间", "张", "辆", "艘", "架", "项", "件", "场", "次", "处",
    "栋", "幢", "亩", "吨", "斤", "头", "只", "株", "棵", "部", "门", "类", "篇", "种",
    "倍", "天", "路", "批", "块", "米", "km", "kw",
]
_MAGNITUDE = "(?:万亿|千亿|百亿|十亿|千万|百万|十万|万|亿|千|百)"
_BASE = "(?:" + "|".join(map(re.escape, _BASE_UNITS)) + ")"
_UNIT = "(?:%|‰|" + _MAGNITUDE + "?" + _BASE + "|" + _MAGNITUDE + ")"
_BARE_MAGNITUDE = re.compile(_MAGNITUDE)

# Thousands are grouped with commas, or (Hong Kong, and other typeset text) with spaces:
# "330 000 個". A space may also stand between a number and its unit ("350 公頃").
_ARABIC = r"\d+(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
# Single 一 is excluded: 一批, 一体化, 一张图, 一次性 are idioms far more often than counts.
_CHINESE = r"[二两三四五六七八九十][零〇一二两三四五六七八九十百千]*|一[零〇一二两三四五六七八九十百千]+"
_RANGE_SEP = r"(?:—{1,2}|–|-|~|～|至|到)"
# "余"/"多" sit between the number and its unit: 5300余人, 1万多个, 3400多万人次.
# The lookahead names every character a number starts with: re then skips to the next
# such character instead of trying the alternatives at every one (a third of the time).
_FIGURE = re.compile(
    r"(?=[\d一二两三四五六七八九十])"
    rf"(?P<num>{_ARABIC}|{_CHINESE})"
    rf"(?:(?P<unit1>{_UNIT})?{_RANGE_SEP}(?P<num2>{_ARABIC}))?"
    rf"(?:(?P<mag>{_MAGNITUDE})(?P<approx2>余|多)(?P<base>{_BASE})"
    rf"|(?P<approx>余|多)? ?(?P<unit>{_UNIT}))"
)

_POST_QUALIFIERS = ("以上", "以内", "以下", "左右", "上下", "以外")
# What a written qualifier starts with: its first character, a line break or a space.
_POST_QUALIFIER_STARTS = frozenset({q[0] for q in _POST_QUALIFIERS} | {"\n", " "})

# A figure is never a quantity to reach when it touches these.
_BAD_BEFORE = set("第.+×*/:∶·~～-—") | set("abcdefghijklmnopqrstuvwxyz")
_BAD_AFTER = set("+×*:∶·") | set("abcdefghijklmnopqrstuvwxyz")
# 八个方面工作, 五大行动, 两个维护: counts that belong to a heading formula.
_BAD_FOLLOWERS = ("方面", "届", "全会", "会议", "党代会", "周年")

_OPEN_QUOTES = "“「『\"‘《"
_CLOSE_QUOTES = "”」』\"’》"


class Figure(NamedTuple):
    """A tuple: a large text has tens of thousands of figures, each made twice (find_figures),
    and a frozen dataclass sets each of its fields through object.__setattr__."""

    start: int  # first character of the number
    end: int  # after the unit and any postfix qualifier
    value: float
    value_high: float | None  # only for written ranges
    unit: str  # simplified script, e.g. "万人", "%"
    approx: str  # "余" / "多" / ""
    post_qualifier: str  # "以上" / "左右" / ... / ""
    chinese: bool = False  # written in Chinese numerals (三条, 十二个)


def parse_number(token: str) -> float | None:
    """An Arabic or Chinese numeral as a float; None when it is not a number."""
    token = token.replace(",", "").replace(" ", "")
    try:
        return float(token)
    except ValueError:
        pass
    value = chinese_number(token)  # cached: reports write few distinct numerals (三, 十四)
    return None if value is None else float(value)


_SENTENCE_ENDS = "\n。！？；"
# The marks _quote_depths counts ('"' opens and closes alike, so it is not counted).
_QUOTE_MARK = re.compile("[" + re.escape((_OPEN_QUOTES + _CLOSE_QUOTES).replace('"', "")) + "]")


# Quote marks and sentence ends: what moves the depth.
_DEPTH_MARK = re.compile("[" + re.escape(_SENTENCE_ENDS) + "]|" + _QUOTE_MARK.pattern)


class _QuoteDepths:
    """How many quotes/book-title marks are open at a character. Reset at each sentence
    end: quoted names never span sentences, and one unbalanced quote (mojibake eats
    closing quotes) must not hide the rest of a paragraph.

    Made for one line (find_figures reads line by line): the depth after each mark is
    worked out once, and a figure's depth is that of the last mark before it (a search
    back and a scan of the marks for each figure cost a fifth of find_figures)."""

    def __init__(self, folded: str) -> None:
        self._at: list[int] = []  # offsets of the marks
        self._depth: list[int] = []  # the depth after each
        depth = 0
        for m in _DEPTH_MARK.finditer(folded):
            mark = m.group()
            if mark in _SENTENCE_ENDS:
                depth = 0
            elif mark in _OPEN_QUOTES:
                depth += 1
            elif depth > 0:
                depth -= 1
            self._at.append(m.start())
            self._depth.append(depth)

    def at(self, i: int) -> int:
        """The depth after the character at i."""
        k = bisect.bisect_right(self._at, i) - 1
        return self._depth[k] if k >= 0 else 0


class LastMark:
    """Where the last of some marks (sentence ends, line breaks) stands before a position,
    for positions asked in ascending order (the figures, in order): each stretch of text
    is searched once. A search back from every figure was quadratic in a text with long
    sentences or paragraphs (a report that lost its line breaks)."""

    def __init__(self, text: str, marks: str) -> None:
        self._text = text
        self._marks = marks
        self._read_to = 0  # text before this is searched: self._last is the last mark in it
        self._last = -1

    def before(self, pos: int) -> int:
        """The index of the last mark in text[:pos], -1 when there is none."""
        if pos < self._read_to:
            self._read_to, self._last = 0, -1  # asked out of order: start over
        found = _last_of(self._text, self._marks, self._read_to, pos)
        if found >= 0:
            self._last = found
        self._read_to = pos
        return self._last


def _last_of(text: str, marks: str, start: int, end: int) -> int:
    """The index of the last of `marks` in text[start:end], -1 when there is none: one
    match of ".*[marks]" (greedy, so it backs off from the end to the last mark), where a
    search back for each mark cost a call each, asked once or twice a figure."""
    m = _last_mark_pattern(marks).match(text, start, end)
    return m.end() - 1 if m else -1


@lru_cache(maxsize=16)
def _last_mark_pattern(marks: str) -> re.Pattern[str]:
    return re.compile("(?s).*[" + re.escape(marks) + "]")


def _post_qualifier(folded: str, end: int) -> tuple[str, int]:
    """The qualifier written right after a figure and where it ends. A copy of a printed
    page may break the line inside it or just before it ("增长6%左\n右", "6.5%\n左右"), or
    keep a space before it ("增长8% 左右")."""
    if folded[end : end + 1] not in _POST_QUALIFIER_STARTS:
        return "", end  # most figures: nothing written after them can be a qualifier
    for q in _POST_QUALIFIERS:
        for written in (q, "\n" + q, q[0] + "\n" + q[1:], " " + q):
            if folded.startswith(written, end):
                return q, end + len(written)
    return "", end


def find_figures(folded: str) -> list[Figure]:
    """Every measured figure in the (folded) text, in order.

    Read line by line, each distinct line once (a long text repeats lines: list items,
    boilerplate; the figures of a line are its own): no figure's number and unit span a line
    break, quote depth starts over at each one, and a line break before or after a figure
    rejects nothing, so the figures of the text are those of its lines. Only a qualifier
    written on the next line ("6.5%\n左右") reaches past one: it is read again in the text
    for a figure that ends near its line's end."""
    figures: list[Figure] = []
    known: dict[str, list[tuple[Figure, int]]] = {}
    offset = 0
    for line in folded.split("\n"):
        found = known.get(line)
        if found is None:
            found = known[line] = _line_figures(line)
        for fig, number_end in found:
            start, end, post = fig.start + offset, fig.end + offset, fig.post_qualifier
            if number_end + _LONGEST_QUALIFIER > len(line):
                post, end = _post_qualifier(folded, number_end + offset)
            figures.append(
                Figure(start, end, fig.value, fig.value_high, fig.unit, fig.approx, post, fig.chinese)
            )
        offset += len(line) + 1
    return figures


# The most characters a written qualifier and what stands before it take ("左\n右", " 以上").
_LONGEST_QUALIFIER = max(len(q) for q in _POST_QUALIFIERS) + 1


def _line_figures(folded: str) -> list[tuple[Figure, int]]:
    """The figures of a text (one line, in find_figures), each with where its number and
    unit end, before any qualifier written after them."""
    # Most lines hold no quote: every figure's depth is 0 there.
    depths = _QuoteDepths(folded) if _QUOTE_MARK.search(folded) else None
    figures: list[tuple[Figure, int]] = []
    for m in _FIGURE.finditer(folded):
        start = m.start("num")
        before = folded[start - 1] if start > 0 else ""
        if before in _BAD_BEFORE or before.isdigit():
            continue
        if before == "连" or folded[max(0, start - 2) : start] == "连续":
            continue
        if depths is not None and depths.at(start) > 0:
            continue
        end = m.end()
        after = folded[end] if end < len(folded) else ""
        if after in _BAD_AFTER:
            continue
        if m.group("mag"):
            unit = m.group("mag") + m.group("base")
            approx = m.group("approx2")
        else:
            unit = m.group("unit")
            approx = m.group("approx") or ""
        # A bare magnitude (3万) is a figure only when no word follows that would be its
        # real unit; "2万户" is matched with its unit above.
        if after and "\u4e00" <= after <= "\u9fff" and _BARE_MAGNITUDE.fullmatch(unit):
            continue
        if folded.startswith(_BAD_FOLLOWERS, end):
            continue
        num = m.group("num")
        is_chinese = not num[0].isdigit()
        if is_chinese and unit in {"%", "‰"}:
            continue
        value = parse_number(num)
        if value is None:
            continue
        high = parse_number(m.group("num2")) if m.group("num2") else None
        post, post_end = _post_qualifier(folded, end)
        figures.append(
            (
                Figure(start, post_end, value, high, unit, approx, post, is_chinese),
                end,
            )
        )
    return figures

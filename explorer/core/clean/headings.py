"""What a heading line looks like: the numbering schemes of government reports (第一部分 /
第一章 / 壹、 / 一、 / 第一， / （一） / 1. / （1） / ①), the marker a line starts with,
unnumbered part titles ("2023年工作回顾", "名词解释"), lines shaped like a title, run-in
titles and headings whose number mojibake ate.

Structure repair (clean/structure.py) uses these to put every heading on a line of its
own; the outline (describe/outline.py) uses the same recognisers to build the tree, so the
two always agree on what starts a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from explorer.core.scripts import fold

# --- numbering schemes -------------------------------------------------------------------

SCHEME_CN = "一、"
SCHEME_PAREN_CN = "（一）"
SCHEME_ARABIC = "1."
SCHEME_PAREN_ARABIC = "（1）"
SCHEME_CIRCLED = "①"
SCHEME_PART = "第一部分"
SCHEME_FINANCIAL = "壹、"  # Taiwan's 施政報告: 壹、貳、參 above 一、
SCHEME_ORDINAL = "第一，"  # 第一，… standing alone as a title (甘孜); in prose it is no heading

_CN = "一二三四五六七八九十"
_CN_VALUES = {ch: i for i, ch in enumerate("零一二三四五六七八九", start=0)}
_CN_VALUES["〇"] = 0
# The financial numerals (大写数字), Traditional and Simplified, as their plain numerals.
_FINANCIAL = str.maketrans("壹貳贰參叁参肆伍陸陆柒捌玖拾", "一二二三三三四五六六七八九十")
_FIN = "壹貳贰參叁参肆伍陸陆柒捌玖拾"

# Leading whitespace of a line, including the ideographic and em spaces used as indents.
_INDENT = " \t\r\u3000\u2003\u2002\u00a0\ufeff"  # what an indent is made of

# Order matters: the parenthesised forms must be tried before the bare ones.
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "第一部分 2023年工作回顾", "第二章"; not "第一，" (a prose enumeration).
    (SCHEME_PART, re.compile(rf"第([{_CN}]{{1,3}})(?:部分|章|篇)[\s、，,：:．.]*")),
    # "第一，竭力厚植比较优势…" (only as a title line: see match_marker).
    (SCHEME_ORDINAL, re.compile(rf"第([{_CN}]{{1,3}})[，,]")),
    (SCHEME_FINANCIAL, re.compile(rf"([{_FIN}]{{1,3}})\s*(?:、|[．.](?![\d.．]))")),
    # The closer may be a replacement character or "?" where mojibake ate it: "（五�構築".
    (SCHEME_PAREN_CN, re.compile(rf"[（(]\s*([{_CN}]{{1,3}})\s*(?:[）)]|[?\ufffd])")),
    (SCHEME_PAREN_ARABIC, re.compile(r"[（(]\s*(\d{1,2})\s*[）)]")),
    # "一、" or "一．"; not "一是", "一要", "一年来".
    (SCHEME_CN, re.compile(rf"([{_CN}]{{1,3}})\s*(?:、|[．.](?![\d.．]))")),
    # "1." "1、" "1．" but not "1.5亿元" or "2021年".
    # Up to three digits: numbered paragraphs run past 100.
    (SCHEME_ARABIC, re.compile(r"(\d{1,3})\s*(?:、|[.．](?![\d.．]))")),
    (SCHEME_CIRCLED, re.compile(r"([\u2460-\u2473])")),
)
# Where some scheme's marker matches (no pattern is anchored or looks behind, so matching
# at a position is matching the text from there).
_ANY_MARKER = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _MARKERS))

# The usual nesting, outermost first: used only where a document gives no evidence of its own.
USUAL_ORDER = (
    SCHEME_PART,
    SCHEME_FINANCIAL,
    SCHEME_CN,
    SCHEME_ORDINAL,
    SCHEME_PAREN_CN,
    SCHEME_ARABIC,
    SCHEME_PAREN_ARABIC,
    SCHEME_CIRCLED,
)

# What a heading's number looks like when none is legible, per scheme.
_CANONICAL = {
    SCHEME_CN: "{cn}、",
    SCHEME_PAREN_CN: "（{cn}）",
    SCHEME_ARABIC: "{n}.",
    SCHEME_PAREN_ARABIC: "（{n}）",
    SCHEME_CIRCLED: "{circled}",
    SCHEME_PART: "第{cn}部分",
    SCHEME_ORDINAL: "第{cn}，",
    SCHEME_FINANCIAL: "{fin}、",
}

# A line whose number is unreadable: starts with "?" / U+FFFD, a lone closing bracket, or an
# opening bracket followed by something that is not a numeral ("（订打造…" for "（二）打造…").
# A list label in Latin letters or roman numerals ("(ii)", "(a)") is not a lost number.
_GARBLED_PREFIX = re.compile(
    rf"(?:[?\ufffd]+[。，、．.]?|[（(](?![{_CN}\d\s]|[a-zA-Z]{{1,5}}[）)])\S|[）)])"
)
# Labels of list items that are no headings: (i) (ii) (a), bullets.
LIST_LABEL = re.compile(r"[（(][ivxlcdm]{1,6}[）)]|[（(][a-z][）)]|[•●▪■◆◇○·]")

# Unnumbered headings, matched on the folded (Simplified) line without a trailing colon.
_PART_HEADING = re.compile(
    r"(?:(?:\d{4}|[〇零一二三四五六七八九]{4})年|今年|过去一年|过去五年|本届政府)?"
    r"[\u4e00-\u9fff“”\"]{0,8}?"
    r"(?:工作回顾|工作安排|工作任务|工作重点|重点工作|主要任务|目标任务|工作总结|总体要求"
    r"|发展思路|工作建议|重点任务|自身建设)(?:建议)?"
)
# Headings of back matter whose numbered lists are entries, not sections.
_BACK_MATTER_HEADING = re.compile(
    r"(?:名词解释|名词注释|名词解读|名词释义|注释|附件|附表|附录)\s*\d{0,2}"
)
_MAX_UNNUMBERED_CHARS = 20
_MAX_ORDINAL_TITLE = 40
_SENTENCE_STOP = re.compile(r"[。！？；!?;]")

# A title standing alone: no punctuation but quotes and title marks, a few words long.
_TITLE_PUNCT = re.compile(r"[，。、；：！？,.;:!?（）()\[\]【】…—～~%％/|]")
_MIN_TITLE_HAN = 4
_MAX_TITLE_CHARS = 24
_HAN = re.compile(r"[\u3400-\u9fff]")
# The speaker under a title: an office, then a name ("市长 马 军", "区长 李超鲲").
_SPEAKER = re.compile(
    r".{0,12}(?:总理|省长|市长|区长|县长|州长|盟长|旗长|主席|主任|行政长官|专员)"
    r"[\s\u3000]*(?:[\u4e00-\u9fff][\s\u3000]*){2,4}"
)

# Where a run-in title ends: sentence punctuation, or a colon that introduces more text
# (not the one in a ratio like 1:4).
_TITLE_END = re.compile(r"[。！？；!;]|(?<!\d)[：:](?!\d)")
_CLAUSE_BREAK = re.compile(r"[，,、]")


@dataclass(frozen=True)
class OutlineConfig:
    max_title_chars: int = 80
    # A garbled line longer than this is body text, not a lost heading.
    max_garbled_heading_chars: int = 40


DEFAULT_CONFIG = OutlineConfig()


@dataclass(frozen=True)
class Marker:
    scheme: str
    value: int
    number: str  # as written, e.g. "（一）" or "1."
    end: int  # offset just past the marker, in the stripped line


def cn_numeral(s: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23; None for anything else."""
    if not s or any(ch not in _CN_VALUES and ch != "十" for ch in s):
        return None
    if "十" not in s:
        return _CN_VALUES[s] if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    t = _CN_VALUES[tens] if tens else 1
    o = _CN_VALUES[ones] if ones else 0
    return t * 10 + o


def to_cn_numeral(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def canonical_number(scheme: str, value: int) -> str:
    circled = chr(0x2460 + value - 1) if 1 <= value <= 20 else str(value)
    cn = to_cn_numeral(value)
    fin = cn.translate(str.maketrans("一二三四五六七八九十", "壹貳參肆伍陸柒捌玖拾"))
    return _CANONICAL[scheme].format(cn=cn, n=value, circled=circled, fin=fin)


def strip_indent(line: str) -> tuple[int, str]:
    """(width of the leading whitespace, rest of the line without trailing whitespace)."""
    # str.lstrip, not a regex: structure repair and the outline strip every line several
    # times, and a regex call costs three times as much.
    rest = line.lstrip(_INDENT)
    return len(line) - len(rest), rest.rstrip(" \t\r\u3000\u2003\u2002\u00a0")


def match_marker(stripped: str, pos: int = 0) -> Marker | None:
    """The numbering marker a stripped line starts with (or that starts at `pos`), if any."""
    if not _ANY_MARKER.match(stripped, pos):
        return None  # most lines: one regex call instead of one per scheme
    for scheme, pattern in _MARKERS:
        m = pattern.match(stripped, pos)
        if not m:
            continue
        raw = m.group(1)
        if scheme == SCHEME_ORDINAL and not _is_title_line(stripped[m.end() :]):
            continue  # "第一，全力优化战略布局。…": an enumeration in prose
        if scheme in (SCHEME_CN, SCHEME_PAREN_CN, SCHEME_PART, SCHEME_ORDINAL):
            value = cn_numeral(raw)
        elif scheme == SCHEME_FINANCIAL:
            value = cn_numeral(raw.translate(_FINANCIAL))
        elif scheme == SCHEME_CIRCLED:
            value = ord(raw) - 0x2460 + 1
        else:
            value = int(raw)
        if not value:
            continue
        number = m.group(0).strip()
        if scheme == SCHEME_PART:
            number = number.rstrip("、，,：:．. \u3000")
        if number[-1] in "?\ufffd":
            # The closing bracket was eaten by mojibake: show the number a reader would.
            number = canonical_number(scheme, value)
        return Marker(scheme, value, number, m.end() - pos)
    return None


def _is_title_line(rest: str) -> bool:
    """The text after a number is a title standing alone: short, no sentence end."""
    return 0 < len(rest) <= _MAX_ORDINAL_TITLE and not _SENTENCE_STOP.search(rest)


# Structure repair (each pass) and the outline ask about the same short lines: about twice
# each in a corpus report, and every answer folds the line with OpenCC.
@lru_cache(maxsize=8192)
def _heading_key(stripped: str) -> str:
    return fold(stripped.rstrip("：:")).replace(" ", "").replace("\u3000", "")


def is_part_heading(stripped: str) -> bool:
    """An unnumbered heading such as "2023年工作安排" or "名词解释"."""
    if not stripped or len(stripped) > _MAX_UNNUMBERED_CHARS:
        return False
    key = _heading_key(stripped)
    return bool(_PART_HEADING.fullmatch(key) or _BACK_MATTER_HEADING.fullmatch(key))


def is_title_shaped(stripped: str) -> bool:
    """A line that could be a title standing alone ("全力实现2024年高质量发展的奋斗目标"):
    short, at least a few Chinese words, no sentence or clause punctuation, no number of
    its own, not a speaker line. Whether it *is* a heading is for the outline to judge
    from what follows it."""
    key = stripped.replace(" ", "").replace("\u3000", "")
    return (
        len(key) <= _MAX_TITLE_CHARS
        and len(_HAN.findall(key)) >= _MIN_TITLE_HAN
        and not _TITLE_PUNCT.search(key)
        and match_marker(stripped) is None
        and not is_speaker_line(stripped)
    )


def is_speaker_line(stripped: str) -> bool:
    return _SPEAKER.fullmatch(fold(stripped)) is not None


def is_back_matter_heading(stripped: str) -> bool:
    if not stripped or len(stripped) > _MAX_UNNUMBERED_CHARS:
        return False
    return bool(_BACK_MATTER_HEADING.fullmatch(_heading_key(stripped)))


def starts_heading(stripped: str) -> bool:
    """Whether a stripped line begins a heading or a numbered item (for structure repair)."""
    return match_marker(stripped) is not None or is_part_heading(stripped)


def run_in_title(rest: str, config: OutlineConfig = DEFAULT_CONFIG) -> str:
    """The title part of a heading line's text after its number."""
    rest = rest.strip(" \t\r\u3000\u2003\u00a0")
    m = _TITLE_END.search(rest)
    title = rest[: m.start()] if m else rest
    if len(title) > config.max_title_chars:
        cut = title[: config.max_title_chars]
        breaks = [b.start() for b in _CLAUSE_BREAK.finditer(cut)]
        title = cut[: breaks[-1]] if breaks else cut
    return title.strip()


def is_garbled_heading(stripped: str, config: OutlineConfig | None = None) -> bool:
    """A short line that starts where a heading number was eaten by mojibake."""
    limit = (config or DEFAULT_CONFIG).max_garbled_heading_chars
    return len(stripped) <= limit and _GARBLED_PREFIX.match(stripped) is not None


def garbled_title(stripped: str) -> str | None:
    """The legible title after a garbled number, None if the line is not garbled."""
    m = _GARBLED_PREFIX.match(stripped)
    if not m:
        return None
    return stripped[m.end() :].lstrip("。，、．.？?\ufffd)）")

"""Web-page chrome around a report: navigation, share and print buttons, font-size widgets,
page time stamps, photo credits, related-news links, and the teaser some news pages repeat
after their footer.

Every rule looks at a whole line and removes it only when the whole line is chrome, so a
sentence of the report is never touched; rules are matched on the Simplified, half-width,
lower-case fold of the line so one rule serves both scripts. The page's publication time is
metadata: it is handed on as the portal field 发布时间.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explorer.core.clean.fixing import Step
from explorer.core.scripts import LineFolds, fold


@dataclass(frozen=True)
class ChromeConfig:
    min_duplicate_chars: int = 6  # shorter lines after the footer are left to other rules
    max_site_notice: int = 800  # characters from a site's licence notice to the end of the page
    max_related_headline: int = 80  # a related-news headline under a hash-id link


# Whole lines that are buttons or labels of the page (folded, without spaces and brackets).
BUTTONS = frozenset(
    {
        "返回首页",
        "返回顶部",
        "回到顶部",
        "相关新闻",
        "相关阅读",
        "相关文章",
        "打印本页",
        "打印",
        "关闭窗口",
        "关闭",
        "关闭本页",
        "相关附件",
        "相关链接",
        "分享",
        "分享到",
        "扫一扫在手机打开当前页",
        "扫一扫在手机上打开当前页",
        "用手机扫描二维码",
        "打印本页关闭窗口",
        "收藏",
        "上一篇",
        "下一篇",
        "字体大中小",
        "字号大中小",
        "【字体",
        "字体",
        "字号",
        "默认",
        "我要纠错",
        "网站地图",
        "联系我们",
    }
)
# Buttons that belong to the page footer: what follows them is outside the report.
FOOTER = frozenset(
    {
        "扫一扫在手机打开当前页",
        "扫一扫在手机上打开当前页",
        "返回首页",
        "返回顶部",
        "回到顶部",
        "相关新闻",
        "打印本页",
        "关闭窗口",
        "相关附件",
        "相关链接",
        "打印本页关闭窗口",
    }
)
# Pieces of a font-size widget broken over several lines (【字体： / 大 / 中 / 小 / 】).
# A key is at most as long as the line's stripped fold (it drops characters from it): a
# longer line is no button, and its key is made only if another rule finds it chrome.
_LONGEST_BUTTON = max(map(len, BUTTONS))
_WIDGET_PIECES = frozenset({"", "大", "中", "小", "默认", "大中小"})  # keys: brackets already gone
_FONT_WIDGET = frozenset({"字体", "【字体", "字号", "【字号", "文字大小"})

_STRIP = re.compile(r"[\s\u3000:：>»›]+")
_NAV = re.compile(r"^(首页|当前位置|您当前的位置|您的位置|你的位置|您现在的位置)(\s|[>»›/:：-]|$)")
_COUNTER_LABELS = ("文字大小", "字号", "字体")
_COUNTER_WORDS = ("浏览", "阅读", "访问", "点击")
_COUNTERS = re.compile(
    rf"^({'|'.join(_COUNTER_LABELS)})[:：].{{0,40}}$|({'|'.join(_COUNTER_WORDS)})(次数|量)[:：]?\s*\d*\s*$"
)
_PAGE_TIME = re.compile(
    r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}(:\d{2})?"
    r"|\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}(时|:)\d{2}分?(\d{2}秒)?)$"
)
_HASH_LINK = re.compile(r"^[0-9a-f]{32}[:：]?$")
# ASCII-only lines of a Chinese page: file names, licence tags, booleans of a CMS export.
# One token (downLoad-20220307042218, false, null) or a licence tag; an English title with
# several words may be a translation of the report's title and stays.
_ASCII_JUNK = re.compile(
    r"^(?=(?:.*[a-z]){4})[a-z][a-z0-9_\-.]{0,39}$"
    r"|^(public domain|all rights reserved|cc[ -]by([ -][a-z]{2})*( \d\.\d)?)$"
)
_PREV_NEXT = re.compile(r"^(上一篇|下一篇|上一条|下一条|上一页|下一页)[:：]")
# What a line must start with for _NAV, _EDITOR or _PREV_NEXT to match it (_PAGE_TIME and
# _HASH_LINK start with a digit, or a letter a-f): most lines start otherwise and skip them.
_ANCHORED_FIRST = frozenset("首当您你（(【[责编审校上下abcdef")
_PHOTO_CREDIT = re.compile(r"(\s[\u4e00-\u9fff·]{2,5}\s?摄|[（(][^（()）]{0,12}摄[）)])$")
# The licence notice a wiki mirror appends (本作品是中华人民共和国的法律、法规…公有领域。).
_SITE_NOTICE = re.compile(r"^(本作品是中华人民共和国的|本作品在全世界都属于公有领域|注：中文维基文库|本作品来自)")
_EDITOR = re.compile(r"^[（(【\[]?(责任编辑|责编|编辑|审核|校对)[:：][^，。]{0,12}[）)】\]]?$")


def _key(line: str) -> str:
    return _key_of_folded(fold(line))


def _key_of_folded(folded: str) -> str:
    # str.replace, not str.translate: translate looks every character of the line
    # up in a dict, four times the cost of the line's whole key on a long report.
    key = _STRIP.sub("", folded)
    for bracket in "【】[]":
        key = key.replace(bracket, "")
    return key


def _stripped(line: str, folded: str) -> str:
    """fold(line.strip()), cut from the line's fold (folding keeps every character's place)."""
    return folded[len(line) - len(line.lstrip()) : len(line.rstrip())]


def classify(line: str) -> str | None:
    """The kind of chrome a whole line is, or None for report text."""
    folded = fold(line)
    return _classify(_stripped(line, folded), _key_of_folded(folded))


def _classify(s: str, key: str) -> str | None:
    """classify() of a line given its stripped fold `s` and its key."""
    if not s:
        return None
    # Each search below is tried only on lines holding what a match must hold (a counter
    # word, 摄, a first Latin letter): the searches scan, and _ASCII_JUNK's look-ahead
    # backtracks, through every line of the report.
    anchored = s[0] in _ANCHORED_FIRST or s[0].isdecimal()  # \d is what isdecimal() says
    if (
        key in BUTTONS
        or (anchored and _NAV.match(s))
        or (_may_be_counter(s) and _COUNTERS.search(s))
        or (anchored and (_EDITOR.match(s) or _PREV_NEXT.match(s)))
    ):
        return "chrome_line"
    if anchored and _PAGE_TIME.match(s):
        return "page_time"
    if anchored and _HASH_LINK.match(s):
        return "related_link"
    if "a" <= s[0] <= "z" and _ASCII_JUNK.match(s):
        return "chrome_line"
    if len(s) < 150 and "摄" in s and _PHOTO_CREDIT.search(s):
        return "chrome_line"
    return None


def _may_be_counter(s: str) -> bool:
    """What a _COUNTERS match holds: a widget label at the start, or a counter word."""
    return s.startswith(_COUNTER_LABELS) or any(map(s.__contains__, _COUNTER_WORDS))


def remove_chrome(
    text: str, config: ChromeConfig = ChromeConfig(), folds: LineFolds | None = None
) -> tuple[str, list[Step]]:
    """`folds`: the fold of lines shared with the other fixers of one cleaning."""
    lines = text.split("\n")
    folded_lines = (folds or LineFolds()).lines(lines)
    steps: list[Step] = []
    keep: list[str] = []
    footer_at: int | None = None  # index into `keep` where the page footer began
    # What a line is read as (its stripped fold, whether it opens a site notice, its key,
    # its kind) depends on the line alone: each distinct line of a long text is read once.
    # Only where lines repeat: remembering costs more than it spares where none does.
    readings: dict[str, tuple[str, bool, str, str | None]] = {}
    memo = 2 * len(set(lines)) <= len(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        reading = readings.get(line) if memo else None
        if reading is None:
            s = _stripped(line, folded_lines[i])
            key = _key_of_folded(folded_lines[i]) if s and len(s) <= _LONGEST_BUTTON else ""
            reading = (s, bool(_SITE_NOTICE.match(s)), key, _classify(s, key))
            if memo:
                readings[line] = reading
        s, notice, key, kind = reading
        if notice and _tail_is_short(lines, i, config):
            # Everything from the notice on is the mirror site's footer.
            steps.extend(Step("chrome_line", rest) for rest in lines[i:] if rest.strip())
            break
        if kind is None:
            keep.append(line)
            i += 1
            continue
        if len(s) > _LONGEST_BUTTON:
            key = _key_of_folded(folded_lines[i])
        if key in FOOTER and footer_at is None:
            footer_at = len(keep)
        if kind == "page_time":
            steps.append(Step("chrome_line", line, "", "发布时间", line.strip()))
        else:
            steps.append(Step("chrome_line", line))
        i += 1
        if key in _FONT_WIDGET or key.startswith(("字体", "字号")):
            while i < len(lines) and (_key_of_folded(folded_lines[i]) in _WIDGET_PIECES or not lines[i].strip()):
                if lines[i].strip():
                    steps.append(Step("chrome_line", lines[i]))
                i += 1
        elif kind == "related_link":
            # The headline of the related article follows its link id.
            j = i
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and _is_headline(lines[j], config):
                steps.append(Step("chrome_line", lines[j]))
                i = j + 1
    if footer_at is not None:
        keep = _drop_repeated_after_footer(keep, footer_at, steps, config)
    return "\n".join(keep), steps


def _tail_is_short(lines: list[str], i: int, config: ChromeConfig) -> bool:
    # Stops at the first line past the limit: summing the whole tail at every notice-like
    # line made a long text quadratic.
    total = 0
    for k in range(i, len(lines)):
        total += len(lines[k].strip())
        if total > config.max_site_notice:
            return False
    return True


def _is_headline(line: str, config: ChromeConfig) -> bool:
    s = line.strip()
    return (
        0 < len(s) <= config.max_related_headline
        and not s.endswith("。")
        and not _HASH_LINK.match(s)
    )


def _drop_repeated_after_footer(
    lines: list[str], footer_at: int, steps: list[Step], config: ChromeConfig
) -> list[str]:
    """A news page may repeat the report's title and opening after its footer as a teaser:
    lines after the footer that repeat earlier text go; anything new stays."""
    # _STRIP only removes characters, so the body is its lines' stripped forms end to end:
    # a line equal to one of them is in the body without a search through it.
    body_lines = [_STRIP.sub("", line) for line in lines[:footer_at]]
    body = "".join(body_lines)
    whole_lines = set(body_lines)
    out = lines[:footer_at]
    for line in lines[footer_at:]:
        s = _STRIP.sub("", line)
        if len(s) >= config.min_duplicate_chars and (s in whole_lines or s in body):
            steps.append(Step("duplicate_line", line))
        else:
            out.append(line)
    return out

"""Report metadata: title, region, level, adcode, parent, year, document type, publisher,
date, speaker.

The report's own words come first (its title line, the "——2023年1月3日在…会议上" line,
"我代表镇江市人民政府", the speaker line), then the portal metadata table the cleaner lifted
out of the page, then the file name, and last the body: the region from the kind of unit
the report speaks for and the unit of that kind it names most (regions.py, on the gazetteer
of all China's divisions), the year from the years it speaks of. Every field is
normalised to Simplified so the library can filter and sort on it whatever script a report
is written in; that includes the title (decision: a citation or a library list should not
mix scripts; the display layer converts to Traditional on request).

Only the head and the tail of a report are converted to Simplified: OpenCC over a whole
50,000-character report costs ~3 ms, over the head a tenth of that, and every signal used
here sits within the first pages (title, meeting line, speaker, portal table) or the last
lines (来源). The few whole-text fallbacks use patterns that accept both scripts.

Levels: 全国 (国务院), 省 (provinces, autonomous regions, SARs and the four provincial-level
municipalities 北京/天津/上海/重庆 — they rank with provinces, so 上海市 is "省"), 市
(prefecture-level cities, 自治州, 地区, 盟), 区县 (districts, counties, banners and
county-level cities, 天门市 under its province included).

Year: the delivery date's, the title's, the year after the one a "2023年工作回顾" heading
reviews, the plan heading's, the file name's, else the body's (_body_year). A policy address
(施政报告) is delivered in the autumn: its year is the year it is delivered. No year outside
1949..next year is ever a report's.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePath

from explorer.core.describe.dates import (
    CN_DIGITS,
    CN_NUM,
    DATE_AR,
    DATE_CN,
    cn_numeral,
    date_from_match,
    parse_date,
)
from explorer.core.describe.regions import (
    NATIONAL,
    NATIONAL_NAMES,
    NATIONWIDE,
    NOWHERE,
    TITLE_KINDS,
    BodyContext,
    Place,
    level_of,
    normalize_region,
    place_of,
    region_from_path,
    split_place,
    strip_glosses,
)
from explorer.core.scripts import fold


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    region: str = ""
    level: str = ""
    year: int | None = None
    doc_type: str = ""
    publisher: str = ""
    date: str | None = None
    speaker: str = ""
    adcode: str | None = None  # GB/T 2260 code of the region
    parent: str = ""  # the province, or for a county its prefecture


def _next_year() -> int:
    return _dt.date.today().year + 1


@dataclass(frozen=True)
class MetadataConfig:
    head_chars: int = 6000  # title, meeting line, speaker, portal table, review heading
    tail_chars: int = 1500  # 来源 / 发布机构 lines at the page foot
    # A report's year lies between the founding of the PRC and next year (a report for next
    # year may be delivered in December); anything else is a goal (2035年) or a typo.
    min_year: int = 1949
    max_year: int = field(default_factory=_next_year)


DEFAULT_CONFIG = MetadataConfig()

# ---------------------------------------------------------------------------------------
# Document types: (what the title says, normalised type), in the order they are tried.
# "市政府重点工作" must not be read as "政府工作重点", so the longer forms come first.
# ---------------------------------------------------------------------------------------
DOC_TYPES: tuple[tuple[str, str], ...] = (
    (r"政府工作报告", "政府工作报告"),
    # Hong Kong's and Macao's 行政长官施政报告, Taiwan's cities' 施政报告: delivered in the
    # autumn, their year is the year they are delivered.
    (r"施政报告", "施政报告"),
    (r"政府工作重点", "政府工作重点"),
    (r"重点工作", "重点工作"),
    (r"民生实事|为民办实事|办实事|实事项目", "办实事"),
    (r"国民经济和社会发展计划", "计划报告"),
    (r"预算执行情况|预算草案", "预算报告"),
)
_DOC_TYPE_RES = tuple((re.compile(p), t) for p, t in DOC_TYPES)

# ---------------------------------------------------------------------------------------
# Patterns. They run on folded text (Simplified, half-width), so "鎮江" and "镇江",
# "２０２３" and "2023" look the same.
# ---------------------------------------------------------------------------------------
_HAN = "\u4e00-\u9fff"
# "——2023年1月3日在常州市钟楼区第十七届人民代表大会第二次会议上": the delivery date and
# the place of the congress. A news page's own time stamp is never followed by "在…会议".
_CONGRESS = rf"(?:第?[{CN_NUM}]+届|全国人民代表大会|人民代表大会|人大)"
_MEETING = re.compile(rf"(?:{DATE_AR}|{DATE_CN})[ ]*在(?P<place>[^\n，。,]{{0,30}}?){_CONGRESS}")
# The same line without a date ("——在上海市第十五届人民代表大会第五次会议上"): a place only.
_UNDATED_MEETING = re.compile(
    rf"^[ \t—\-－]*在(?P<place>[^\n，。,]{{0,30}}?){_CONGRESS}[^\n]{{0,30}}?会议上", re.M
)
_NATIONAL_CONGRESS = re.compile(r"全国人民代表大会|全国人大")
# A date standing alone in brackets under the title: "（2023年1月10日）".
_BRACKET_DATE = re.compile(rf"^[ ]*[(（]\s*(?:{DATE_AR}|{DATE_CN})\s*[)）][ ]*$", re.M)

# "我代表镇江市人民政府" / "我代表国务院" / "我代表省人民政府" (generic: no region, but the
# kind of unit) / "我代表行署" (a 盟's or 地区's administration, reporting to the 人大工委).
_ON_BEHALF = re.compile(rf"我代表(?P<body>国务院|[{_HAN}]{{0,16}}?(?:人民政府|政府|行政公署|行署))")
_GENERIC_BODY = re.compile(
    r"(?P<kind>省|市|区|县|州|盟|旗|自治区|自治州|特区|特别行政区)?(?:人民政府|政府)|(?P<office>行政公署|行署)"
)

_SPEAKER_TITLES = r"(?:代理?)?(?:总理|省长|市长|区长|县长|州长|旗长|盟长|主席|专员|行政长官)"
# The speaker line: "区长 李超鲲", "海拉尔区人民政府代区长 杨国宏", "国务院总理\n李　强",
# "上海市市长　龚正 各位代表：". The name ends the line (or runs into 各位代表), which keeps
# "省长质量奖" and "市长徐曙海代表市政府向…" (a photo caption) out.
_SPEAKER = re.compile(
    rf"(?P<pre>^|[ \t]|人民政府|国务院|[{_HAN}]{{1,12}}?[省市区县旗州盟])"
    rf"(?P<title>{_SPEAKER_TITLES})[ \t\n]*"
    rf"(?P<name>[{_HAN}](?:[ \t]?[{_HAN}·•]){{1,8}}?)(?=[ \t]*(?:\n|$|各位))",
    re.M,
)

# Section headings that say which year a report reviews or plans. They open a line or
# follow a heading number ("一、", "（二）"), which keeps "完成2022年目标任务" out.
_HEADING_START = r"(?:^|[、)）\s])"
_REVIEW = re.compile(rf"{_HEADING_START}(?P<y>\d{{4}})年(?:政府)?工作回[顾顧]", re.M)
_PLAN = re.compile(
    rf"{_HEADING_START}(?P<y>\d{{4}})年(?:政府工作任[务務]|工作安排|主要任[务務]|工作任[务務]|"
    rf"目[标標]任[务務]|主要目[标標])",
    re.M,
)
_FILE_YEAR = re.compile(r"(?<![0-9A-Za-z])(?:19|20)\d{2}(?![0-9A-Za-z])")

# Portal table fields as they stand in a page header when the cleaner has not lifted them
# out: "发布机构:常州市人民政府 |" or "| 生成日期 | 2021-02-18 |".
PORTAL_KEYS = (
    "信息名称",
    "标题",
    "索引号",
    "信息索引号",
    "发布机构",
    "发文机关",
    "生成日期",
    "成文日期",
    "发文日期",
    "发布日期",
    "公开日期",
    "内容概述",
    "来源",
    "文件编号",
)
_PORTAL_LINE = re.compile(
    # A key opens a line or a table cell: "数据来源:国家统计局" in a sentence is no field.
    r"(?:^|(?<=[|\s]))(?P<key>"
    + "|".join("[ ]*".join(k) for k in sorted(PORTAL_KEYS, key=len, reverse=True))
    + r")[ \t]*[:：|][ \t]*(?P<value>[^|\n]*?)[ \t]*(?=\||\n|$)",
    re.M,
)
_ORG_SUFFIXES = (
    "人民政府",
    "政府",
    "国务院",
    "委员会",
    "办公室",
    "办公厅",
    "管委会",
    "中心",
    "局",
    "厅",
    "委",
    "院",
    "署",
    "办",
)
_GOVERNMENT_DOC_TYPES = frozenset({"政府工作报告"})


# ---------------------------------------------------------------------------------------
# Small public helpers (unit-tested on their own)
# ---------------------------------------------------------------------------------------
# ---------------------------------------------------------------------------------------
# Field extraction
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _View:
    """The parts of a report the extractors read, folded to Simplified once."""

    raw: str  # the clean text as given (original script), for whole-text fallbacks
    head: str
    tail: str
    portal: dict[str, str]
    path: str
    html_title: str
    speaker_lines: tuple[re.Match[str], ...]  # "区长 李超鲲"-style lines in the head


def _prepare(
    text: str, portal: dict[str, str], path: str, html_title: str, cfg: MetadataConfig
) -> _View:
    head = fold(strip_glosses(text[: cfg.head_chars])).replace("\r", "")
    tail = (
        fold(strip_glosses(text[-cfg.tail_chars :])).replace("\r", "")
        if len(text) > cfg.head_chars
        else ""
    )
    fields = {fold(k).replace(" ", ""): fold(strip_glosses(v)).strip() for k, v in portal.items()}
    # The portal table in the page text fills whatever the cleaner did not hand over.
    for source in (head, tail):
        for m in _PORTAL_LINE.finditer(source):
            key = m.group("key").replace(" ", "")
            value = m.group("value").strip(" -—|")
            if value and key not in fields:
                fields[key] = value
    speaker_lines = tuple(_SPEAKER.finditer(head[:3000]))
    return _View(
        text, head, tail, fields, path, fold(strip_glosses(html_title)).strip(), speaker_lines
    )


def _portal(view: _View, *keys: str) -> str:
    for k in keys:
        v = view.portal.get(k, "")
        if v:
            return v
    return ""


# An outline heading ("一、", "（四）", "4.") is never the report's title, even when it
# says "办好民生实事".
_NUMBERED = re.compile(rf"^[(（]?[{CN_NUM}\d]+[)）、.．]")


def _title_line(view: _View) -> str:
    """The report's own title line: among the first lines, before "各位代表", short, no
    sentence punctuation, not a numbered heading, and naming a document type."""
    seen = 0
    for line in view.head.split("\n"):
        compact = line.strip(" \t|").replace(" ", "")
        if not compact:
            continue
        seen += 1
        if seen > 15 or compact.startswith("各位代表"):
            break
        if len(compact) > 40 or re.search(r"[，。；：,;:|!！?？]", compact):
            continue
        if compact.startswith(("——", "--", "—", "-")) or _NUMBERED.match(compact):
            continue
        if _doc_type_of(compact):
            return _tidy_title(compact)
    return ""


def _tidy_title(s: str) -> str:
    """Drop what a news page wraps around a title: "【两会】…(全文)", "…全文发布", 《》."""
    s = s.replace(" ", "")
    s = re.sub(r"^(?:【[^】]{0,10}】|\[[^\]]{0,10}\])+", "", s)
    s = re.sub(
        r"(?:[(（](?:全文|摘要|摘登|图文|文字实录|实录)[)）]|全文(?:发布|公布|来了)?)$", "", s
    )
    return s.strip("《》")


def _doc_type_of(s: str) -> str:
    for rx, t in _DOC_TYPE_RES:
        if rx.search(s):
            return t
    return ""


def _html_title(view: _View) -> str:
    # "<title>2022年镇江市政府工作报告_镇江新闻_…</title>": the first part naming a doc type.
    for part in re.split(r"[_|–—]+|\s-\s", view.html_title):
        part = part.strip()
        if part and _doc_type_of(part):
            return _tidy_title(part)
    return ""


def _own_title(view: _View) -> str:
    for cand in (
        _title_line(view),
        _tidy_title(_portal(view, "信息名称", "标题")),
        _html_title(view),
        _tidy_title(_portal(view, "内容概述")),
    ):
        if cand and _doc_type_of(cand) and len(cand) <= 60:
            return cand
    return ""


# How a speech addresses its audience: the congress (各位代表), a 盟's 人大工委 (各位主任、
# 委员), or, with the opening lost, "向大会报告".
_AUDIENCE = re.compile(r"各位代表|各位主任|向大会(?:报告|作)")


def _is_speech(view: _View) -> bool:
    return bool(_ON_BEHALF.search(view.head)) and bool(_AUDIENCE.search(view.head))


def _doc_type(view: _View, title: str) -> str:
    if title:
        t = _doc_type_of(title)
        if t:
            return t
    if _is_speech(view):
        return "政府工作报告"
    # No title: the opening paragraph usually says what the list is ("把“办实事”与…").
    return _doc_type_of(view.head[:800])


def _meeting(view: _View) -> re.Match[str] | None:
    return _MEETING.search(view.head)


def _date(view: _View, meeting: re.Match[str] | None) -> str | None:
    if meeting:
        iso = date_from_match(meeting)
        if iso:
            return iso
    m = _BRACKET_DATE.search(view.head[:1500])
    if m:
        iso = date_from_match(m)
        if iso:
            return iso
    for key in ("成文日期", "生成日期", "发文日期", "发布日期", "公开日期"):
        iso = parse_date(view.portal.get(key, ""))
        if iso:
            return iso
    return None


def _speaker(view: _View) -> str:
    for m in view.speaker_lines:
        name = re.sub(r"[ \t]", "", m.group("name"))
        if 2 <= len(name.replace("·", "").replace("•", "")) <= 8 and "代表" not in name:
            return name
    return ""


def _region_candidates(view: _View, meeting: re.Match[str] | None, title: str) -> Iterable[str]:
    """Places the report names for itself, strongest evidence first."""
    if meeting:
        place = meeting.group("place").strip()
        if place:
            yield split_place(place)[0]
        elif _NATIONAL_CONGRESS.search(view.head[meeting.start("place") : meeting.end() + 8]):
            yield NATIONAL  # "在第十四届全国人民代表大会…"
    if not meeting:
        undated = _UNDATED_MEETING.search(view.head)
        if undated and undated.group("place").strip():
            yield split_place(undated.group("place").strip())[0]
    for m in _ON_BEHALF.finditer(view.head):
        body = m.group("body")
        yield NATIONAL if body in NATIONAL_NAMES else split_place(body)[0]
    for m in view.speaker_lines:
        pre = m.group("pre").strip()
        if "国务院" in pre and m.group("title") == "总理":
            yield NATIONAL
        else:
            # The title line before the speaker: "四川省人民政府省长 施小琳".
            line_start = view.head.rfind("\n", 0, m.start("title")) + 1
            yield split_place(view.head[line_start : m.start("title")].strip())[0]
    if title:
        yield split_place(re.sub(r"^\d{4}年", "", title))[0]
    publisher = _portal(view, "发布机构", "发文机关")
    if publisher:
        yield split_place(publisher)[0]
    source = _portal(view, "来源")
    if _looks_like_org(source):
        yield split_place(source)[0]


def _own_kinds(view: _View, body: BodyContext) -> tuple[str, ...]:
    """The kinds of unit a report that does not name itself speaks for: "我代表州人民政府",
    "我代表行署", the speaker's title (区长), else its scope words (全市, 全盟, 全港)."""
    for m in _ON_BEHALF.finditer(view.head):
        generic = _GENERIC_BODY.fullmatch(m.group("body"))
        if generic:
            if generic.group("office"):
                return ("行署",)
            kind = generic.group("kind")
            if kind:
                return ("特别行政区",) if kind == "特区" else ("州",) if kind == "自治州" else (kind,)
    for m in view.speaker_lines:
        kind = TITLE_KINDS.get(m.group("title").removeprefix("代理").removeprefix("代"), "")
        if kind:
            return (kind,)
    return body.scope_kinds()


def _place(
    view: _View, meeting: re.Match[str] | None, title: str, year: int | None
) -> Place:
    body = BodyContext(view.head)
    written = NOWHERE
    for cand in _region_candidates(view, meeting, title):
        if not cand:
            continue
        place = place_of(cand, year, body)
        if place.division is not None or place is NATIONWIDE:
            return place
        if not written.region:
            written = place  # a place the gazetteer does not know, kept as written
    if written.region:
        return written
    place = region_from_path(view.path, year, body)
    if place.region:
        return place
    return body.most_named(_own_kinds(view, body), year)


def _looks_like_org(s: str) -> bool:
    return bool(s) and len(s) <= 30 and s.endswith(_ORG_SUFFIXES)


def _publisher(view: _View, region: str, doc_type: str) -> str:
    publisher = _portal(view, "发布机构", "发文机关")
    if _looks_like_org(publisher):
        return publisher
    m = _ON_BEHALF.search(view.head)
    if m:
        if m.group("body") in NATIONAL_NAMES:
            return m.group("body")  # 国务院; 中央人民政府 in 1954
        if region == NATIONAL:
            return "国务院"
        if region:
            office = _GENERIC_BODY.fullmatch(m.group("body"))
            if office and office.group("office"):
                return region + "行政公署"  # a 盟's or 地区's administration
            return region + _government_of(region)
    source = _portal(view, "来源")
    if _looks_like_org(source):
        return source
    if region == NATIONAL and doc_type in _GOVERNMENT_DOC_TYPES:
        return "国务院"
    if region.endswith("特别行政区"):
        return region + "政府"
    return ""


def _government_of(region: str) -> str:
    # Hong Kong's and Macao's governments are 特别行政区政府, not 人民政府.
    return "政府" if region.endswith("特别行政区") else "人民政府"


# Years as reports write them: 2024年, ２０２４年 (folded), 二〇二四年.
_YEAR_WORD = rf"(?:(?P<y>(?:19|20)\d{{2}})|(?P<cy>[一二][{CN_DIGITS}]{{3}}))[ ]?年"
# The title's own year opens it, after at most an office's name (行政长官2023年施政报告);
# "关于2023年预算执行情况…" names the year reviewed, not the report's.
_TITLE_YEAR = re.compile(rf"^(?:(?!关于)[^\d{CN_DIGITS}的]){{0,8}}?{_YEAR_WORD}")
_YEAR_MENTION = re.compile(rf"(?<![\d—－\-~～至{CN_DIGITS}]){_YEAR_WORD}(?![—－\-~～至]\d)")


def _year_value(m: re.Match[str]) -> int | None:
    return int(m.group("y")) if m.group("y") else cn_numeral(m.group("cy"))


def _body_year(text: str, doc_type: str, ok: Callable[[int], bool]) -> int | None:
    """The year the body speaks of. A work report delivered for Y reviews Y-1 and plans Y,
    so the year is the later of the two adjacent years both spoken of most (the lesser of
    their counts decides: a goal for 2035 or a 2019 baseline stands alone); a policy address,
    delivered in the autumn, reviews its own year and plans the next, so it is the earlier;
    a list of tasks or projects is for the year it names most."""
    years = Counter(
        y for m in _YEAR_MENTION.finditer(text) if (y := _year_value(m)) is not None and ok(y)
    )
    if not years:
        return None
    if doc_type in ("政府工作报告", "施政报告"):
        pairs = [(min(years[y - 1], n), years[y - 1] + n, y) for y, n in years.items() if years[y - 1]]
        if pairs:
            y = max(pairs)[2]
            return y - 1 if doc_type == "施政报告" else y
    return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _year(
    view: _View, date: str | None, title: str, doc_type: str, cfg: MetadataConfig
) -> int | None:
    def ok(y: int) -> bool:
        return cfg.min_year <= y <= cfg.max_year

    review = _REVIEW.search(view.head)
    m = _TITLE_YEAR.match(title)
    title_year = y if m and (y := _year_value(m)) is not None and ok(y) else None
    # A title's year and the delivery date's lie at most a year apart (a December congress);
    # a date decades off the title's (1974年2月11日 under 2022年…政府工作报告) is a typo.
    if date and title_year is not None and abs(int(date[:4]) - title_year) > 1:
        date = None
    if date and ok(int(date[:4])):
        # A report is delivered early in the year it plans for; a congress held in the last
        # weeks of a year that reviews that very year plans the next one.
        year = int(date[:4])
        if review and int(review.group("y")) == year and int(date[5:7]) >= 11:
            return year + 1
        return year
    if title_year is not None:
        return title_year
    if review and ok(int(review.group("y")) + 1):
        return int(review.group("y")) + 1
    # The plan heading sits mid-report; the raw text holds both scripts' forms in the pattern.
    m = _PLAN.search(view.head) or _PLAN.search(view.raw)
    if m and ok(int(m.group("y"))):
        return int(m.group("y"))
    for match in _FILE_YEAR.finditer(PurePath(view.path).name):
        if ok(int(match.group(0))):
            return int(match.group(0))
    # Last resort: the years the body speaks of (the head is folded; the rest is read in
    # its own script, whose year digits are the same).
    return _body_year(view.head + "\n" + view.raw[len(view.head) :], doc_type, ok)


def _compose_title(year: int | None, region: str, doc_type: str) -> str:
    if not doc_type:
        return ""
    place = "国务院" if region == NATIONAL else region
    return f"{year}年{place}{doc_type}" if year else f"{place}{doc_type}"


def _title(own: str, year: int | None, region: str, doc_type: str) -> str:
    # A bare "政府工作报告" says nothing in a library list: compose one with year and place.
    if own and re.search(r"\d{4}年", own):
        return own
    return _compose_title(year, region, doc_type) or own


def extract_metadata(
    text: str,
    portal: dict[str, str],
    path: str,
    html_title: str = "",
    config: MetadataConfig = DEFAULT_CONFIG,
) -> Metadata:
    """Describe a report from its clean text, the portal table, its path and HTML title."""
    view = _prepare(text, portal, path, html_title, config)
    own_title = _own_title(view)
    meeting = _meeting(view)
    doc_type = _doc_type(view, own_title)
    date = _date(view, meeting)
    year = _year(view, date, own_title, doc_type, config)
    place = _place(view, meeting, own_title, year)
    region = place.region
    return Metadata(
        title=_title(own_title, year, region, doc_type),
        region=region,
        level=place.level,
        year=year,
        doc_type=doc_type,
        publisher=_publisher(view, region, doc_type),
        date=date,
        speaker=_speaker(view),
        adcode=place.adcode,
        parent=place.parent,
    )


__all__ = [
    "DEFAULT_CONFIG",
    "Metadata",
    "MetadataConfig",
    "cn_numeral",
    "extract_metadata",
    "level_of",
    "normalize_region",
    "parse_date",
    "split_place",
    "strip_glosses",
]

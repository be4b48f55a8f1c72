"""Report metadata: title, region, level, year, document type, publisher, date, speaker.

The report's own words come first (its title line, the "——2023年1月3日在…会议上" line,
"我代表镇江市人民政府", the speaker line), then the portal metadata table the cleaner lifted
out of the page, then the file name, and last a weak guess from the body. Every field is
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
county-level cities).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath

from explorer.core.scripts import fold, to_traditional


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


@dataclass(frozen=True)
class MetadataConfig:
    head_chars: int = 6000  # title, meeting line, speaker, portal table, review heading
    tail_chars: int = 1500  # 来源 / 发布机构 lines at the page foot
    min_year: int = 1949
    max_year: int = 2100


DEFAULT_CONFIG = MetadataConfig()

NATIONAL = "全国"
LEVEL_NATIONAL, LEVEL_PROVINCE, LEVEL_CITY, LEVEL_COUNTY = "全国", "省", "市", "区县"

# ---------------------------------------------------------------------------------------
# Gazetteer (data). Provincial-level divisions and their prefecture-level divisions; a name
# without a suffix is a city ("常州" -> "常州市"). It serves three purposes: short names in
# titles ("上海" -> 上海市), the parent city of a district the text only names by itself
# ("海拉尔区" in a report that speaks of 呼伦贝尔), and telling a prefecture-level city from a
# county-level one (any other "…市" is county-level, level 区县).
# ---------------------------------------------------------------------------------------
_GAZETTEER = """
北京市:
天津市:
上海市:
重庆市:
河北省: 石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水
山西省: 太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁
内蒙古自治区: 呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安盟 锡林郭勒盟 阿拉善盟
辽宁省: 沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛
吉林省: 长春 吉林 四平 辽源 通化 白山 松原 白城 延边朝鲜族自治州
黑龙江省: 哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭地区
江苏省: 南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁
浙江省: 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水
安徽省: 合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城
福建省: 福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德
江西省: 南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶
山东省: 济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽
河南省: 郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店
湖北省: 武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施土家族苗族自治州
湖南省: 长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西土家族苗族自治州
广东省: 广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮
广西壮族自治区: 南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左
海南省: 海口 三亚 三沙 儋州
四川省: 成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 阿坝藏族羌族自治州 甘孜藏族自治州 凉山彝族自治州
贵州省: 贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南布依族苗族自治州 黔东南苗族侗族自治州 黔南布依族苗族自治州
云南省: 昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄彝族自治州 红河哈尼族彝族自治州 文山壮族苗族自治州 西双版纳傣族自治州 大理白族自治州 德宏傣族景颇族自治州 怒江傈僳族自治州 迪庆藏族自治州
西藏自治区: 拉萨 日喀则 昌都 林芝 山南 那曲 阿里地区
陕西省: 西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛
甘肃省: 兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏回族自治州 甘南藏族自治州
青海省: 西宁 海东 海北藏族自治州 黄南藏族自治州 海南藏族自治州 果洛藏族自治州 玉树藏族自治州 海西蒙古族藏族自治州
宁夏回族自治区: 银川 石嘴山 吴忠 固原 中卫
新疆维吾尔自治区: 乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉回族自治州 博尔塔拉蒙古自治州 巴音郭楞蒙古自治州 阿克苏地区 克孜勒苏柯尔克孜自治州 喀什地区 和田地区 伊犁哈萨克自治州 塔城地区 阿勒泰地区
台湾省:
香港特别行政区:
澳门特别行政区:
"""

MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})

_PROVINCE_SUFFIXES = ("特别行政区", "自治区", "省")
_PREFECTURE_SUFFIXES = ("自治州", "地区", "盟", "市")
_COUNTY_SUFFIXES = ("自治县", "自治旗", "区", "县", "旗")
# Longest first, so "自治区" wins over "区" and "地区" over "区".
_ALL_SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "省",
    "市",
    "盟",
    "区",
    "县",
    "旗",
)


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


@dataclass(frozen=True)
class Gazetteer:
    provinces: frozenset[str]  # full names, municipalities included
    prefectures: dict[str, str]  # full name -> province full name
    short: dict[str, str]  # short name -> full name (provinces and prefectures)


def _short_name(full: str) -> str:
    for suffix in _ALL_SUFFIXES:
        if full.endswith(suffix) and len(full) > len(suffix) + 1:
            name = full[: -len(suffix)]
            if suffix in ("自治区", "自治州"):
                # "广西壮族" -> "广西"; "延边朝鲜族" -> "延边"; keep at least two characters.
                m = re.match(r"(.{2,}?)(?:[\u4e00-\u9fff]{1,5}族)+$", name)
                if m:
                    name = m.group(1)
            return name
    return full


def _parse_gazetteer(data: str) -> Gazetteer:
    provinces: set[str] = set()
    prefectures: dict[str, str] = {}
    short: dict[str, str] = {}
    for line in data.strip().splitlines():
        province, _, rest = line.partition(":")
        province = province.strip()
        provinces.add(province)
        short.setdefault(_short_name(province), province)
        for name in rest.split():
            full = name if name.endswith(_PREFECTURE_SUFFIXES) else name + "市"
            prefectures[full] = province
            short.setdefault(_short_name(full), full)
    for city in MUNICIPALITIES:
        prefectures.pop(city, None)
    return Gazetteer(frozenset(provinces), prefectures, short)


GAZETTEER = _parse_gazetteer(_GAZETTEER)

# ---------------------------------------------------------------------------------------
# Document types: (what the title says, normalised type), in the order they are tried.
# "市政府重点工作" must not be read as "政府工作重点", so the longer forms come first.
# ---------------------------------------------------------------------------------------
DOC_TYPES: tuple[tuple[str, str], ...] = (
    (r"政府工作报告", "政府工作报告"),
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
# A pinyin gloss after a character: 現(xiàn). Only lower-case Latin letters with tone marks.
# The pattern opens with the literal "(" (the character before it is checked by a
# look-behind after it) so the regex engine can skip straight from one "(" to the next.
_GLOSS = re.compile(r"\((?<=[\u4e00-\u9fff]\()[a-zü\u00e0-\u00fc\u0101-\u01dc]{1,7}\)")
_HAN = "\u4e00-\u9fff"
_CN_DIGITS = "〇零○一二三四五六七八九"
_CN_NUM = "〇零○一二三四五六七八九十"

_DATE_AR = r"(?P<y>\d{4})[ ]*年[ ]*(?P<m>\d{1,2})[ ]*月[ ]*(?P<d>\d{1,2})[ ]*日"
_DATE_CN = rf"(?P<cy>[{_CN_DIGITS}]{{4}})年(?P<cm>[{_CN_NUM}]{{1,2}})月(?P<cd>[{_CN_NUM}]{{1,3}})日"
_DATE_NUM = r"(?<!\d)(?P<ny>\d{4})[-/.](?P<nm>\d{1,2})[-/.](?P<nd>\d{1,2})(?!\d)"
_DATE_ANY = re.compile(f"{_DATE_AR}|{_DATE_CN}|{_DATE_NUM}")

# "——2023年1月3日在常州市钟楼区第十七届人民代表大会第二次会议上": the delivery date and
# the place of the congress. A news page's own time stamp is never followed by "在…会议".
_CONGRESS = rf"(?:第?[{_CN_NUM}]+届|全国人民代表大会|人民代表大会|人大)"
_MEETING = re.compile(rf"(?:{_DATE_AR}|{_DATE_CN})[ ]*在(?P<place>[^\n，。,]{{0,30}}?){_CONGRESS}")
# The same line without a date ("——在上海市第十五届人民代表大会第五次会议上"): a place only.
_UNDATED_MEETING = re.compile(
    rf"^[ \t—\-－]*在(?P<place>[^\n，。,]{{0,30}}?){_CONGRESS}[^\n]{{0,30}}?会议上", re.M
)
_NATIONAL_CONGRESS = re.compile(r"全国人民代表大会|全国人大")
# A date standing alone in brackets under the title: "（2023年1月10日）".
_BRACKET_DATE = re.compile(rf"^[ ]*[(（]\s*(?:{_DATE_AR}|{_DATE_CN})\s*[)）][ ]*$", re.M)

# "我代表镇江市人民政府" / "我代表国务院" / "我代表省人民政府" (generic: no region).
_ON_BEHALF = re.compile(rf"我代表(?P<body>国务院|[{_HAN}]{{0,16}}?(?:人民政府|政府))")

_SPEAKER_TITLES = r"(?:代理?)?(?:总理|省长|市长|区长|县长|州长|旗长|盟长|主席|专员)"
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
_YEAR_MENTION = re.compile(r"(?<![\d—－\-~～至])(?P<y>(?:19|20)\d{2})年(?![—－\-~～至]\d)")
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


def _date_from_match(m: re.Match[str]) -> str | None:
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
    for m in _DATE_ANY.finditer(fold(s)):
        iso = _date_from_match(m)
        if iso:
            return iso
    return None


def split_place(s: str) -> tuple[str, str]:
    """Split a leading place name off `s`: ("常州市钟楼区", "人民政府"). The name is a run of
    administrative units each ending in a unit word (省, 自治区, 市, 区, 县, 旗 …); a unit
    needs a real name before its suffix, so "市政府" or "全区" are not places."""
    pos = 0
    while pos < len(s):
        m = _UNIT.match(s, pos)
        if not m or m.group("name") in _GENERIC_UNIT_NAMES or _NOT_IN_NAMES.search(m.group("name")):
            break
        pos = m.end()
    return s[:pos], s[pos:]


_UNIT = re.compile(rf"(?P<name>[{_HAN}]{{1,10}}?)(?P<suffix>{'|'.join(_ALL_SUFFIXES)})")
# Words that end like a unit but name none ("全市", "我区", "本县", "社区", "市区"…).
_GENERIC_UNIT_NAMES = _words(
    "全 本 我 该 各 每 省 市 区 县 地 城 辖 社 小 园 景 山 片 街 库 老 新 郊 城 农 牧 灾 矿 厂 校 病 "
    "功能 示范 开发 保护 试验 自贸 先行 集聚 核心 中心城 主城 服务 管理 风景 商业 生活 高新 经开 "
    "产业园 工业园 旧小 作园 人民政府 政府"
)


# Words no place name contains: they show a unit regex has run into the sentence.
_NOT_IN_NAMES = re.compile("政府|人民|委员|关于|工作|代表|大会|会议")


def normalize_region(name: str) -> str:
    """A place name as the library files it: Simplified, full name, parent city kept when
    given. "鎮江" -> "镇江市", "常州市鐘樓區" -> "常州市钟楼区", "上海" -> "上海市",
    "内蒙古" -> "内蒙古自治区", "国务院"/"全国" -> "全国"; "" when it is no place."""
    s = re.sub(r"[\s\u3000]+", "", fold(name))
    if not s:
        return ""
    if s in ("全国", "国务院", "中华人民共和国", "中国"):
        return NATIONAL
    place, rest = split_place(s)
    if place and not rest:
        return place
    if s in GAZETTEER.short:
        return GAZETTEER.short[s]
    if place:
        return place
    return ""


def level_of(region: str) -> str:
    """全国 / 省 / 市 / 区县 for a normalised region; "" when unknown."""
    if not region:
        return ""
    if region == NATIONAL:
        return LEVEL_NATIONAL
    if region in MUNICIPALITIES or region in GAZETTEER.provinces:
        return LEVEL_PROVINCE
    units = _units(region)
    if not units:
        return ""
    last = units[-1]
    if last.endswith(_PROVINCE_SUFFIXES):
        return LEVEL_PROVINCE
    if last.endswith(_COUNTY_SUFFIXES) and not last.endswith("地区"):
        return LEVEL_COUNTY
    if last.endswith("市"):
        # A 市 under another city, or one that is no prefecture-level city, is county-level
        # (昆山市, 江阴市).
        if last in GAZETTEER.prefectures or last in MUNICIPALITIES:
            return LEVEL_CITY
        return LEVEL_COUNTY
    return LEVEL_CITY  # 自治州, 地区, 盟


def _units(region: str) -> list[str]:
    units = []
    pos = 0
    while pos < len(region):
        m = _UNIT.match(region, pos)
        if not m:
            break
        units.append(m.group(0))
        pos = m.end()
    return units


def strip_glosses(text: str) -> str:
    """Drop pinyin glosses (鎮(zhèn)江 -> 鎮江): metadata needs no offsets, so a local copy
    without them is safe even before the cleaner has removed them."""
    return _GLOSS.sub("", text)


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
_NUMBERED = re.compile(rf"^[(（]?[{_CN_NUM}\d]+[)）、.．]")


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


def _is_speech(view: _View) -> bool:
    return bool(_ON_BEHALF.search(view.head)) and "各位代表" in view.head


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
        iso = _date_from_match(meeting)
        if iso:
            return iso
    m = _BRACKET_DATE.search(view.head[:1500])
    if m:
        iso = _date_from_match(m)
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
            yield normalize_region(split_place(place)[0])
        elif _NATIONAL_CONGRESS.search(view.head[meeting.start("place") : meeting.end() + 8]):
            yield NATIONAL  # "在第十四届全国人民代表大会…"
    if not meeting:
        undated = _UNDATED_MEETING.search(view.head)
        if undated and undated.group("place").strip():
            yield normalize_region(split_place(undated.group("place").strip())[0])
    for m in _ON_BEHALF.finditer(view.head):
        body = m.group("body")
        yield NATIONAL if body == "国务院" else normalize_region(split_place(body)[0])
    for m in view.speaker_lines:
        pre = m.group("pre").strip()
        if "国务院" in pre and m.group("title") == "总理":
            yield NATIONAL
        else:
            # The title line before the speaker: "四川省人民政府省长 施小琳".
            line_start = view.head.rfind("\n", 0, m.start("title")) + 1
            yield normalize_region(split_place(view.head[line_start : m.start("title")].strip())[0])
    if title:
        yield normalize_region(split_place(re.sub(r"^\d{4}年", "", title))[0])
    publisher = _portal(view, "发布机构", "发文机关")
    if publisher:
        yield normalize_region(split_place(publisher)[0])
    source = _portal(view, "来源")
    if _looks_like_org(source):
        yield normalize_region(split_place(source)[0])


def _region_from_path(path: str) -> str:
    stem = PurePath(path).name
    for run in re.findall(rf"[{_HAN}]+", fold(stem)):
        region = normalize_region(run)
        if region:
            return region
    for token in re.split(r"[^a-z]+", stem.lower()):
        full = _pinyin_index().get(token)
        if full:
            return full
    return ""


@lru_cache(maxsize=1)
def _pinyin_index() -> dict[str, str]:
    """Pinyin of gazetteer names ("changzhou" -> 常州市), for file names like city_changzhou_2021.
    pypinyin's dictionaries are heavy, so this is built once and only when a file name is the
    last resort."""
    from pypinyin import lazy_pinyin

    index: dict[str, str] = {}
    for short, full in GAZETTEER.short.items():
        index.setdefault("".join(lazy_pinyin(short)), full)
    return index


def _most_named_unit(raw: str) -> str:
    """Last resort for a report that never names itself: the province, city or district the
    body names most often, at the level its "全省/全市/全区" phrases point to (武进区 in a list
    that speaks of "全区各级各部门"). Scans the text in its own script: folding 20,000 characters
    would cost more than everything else here."""
    text = strip_glosses(raw[:20000])
    scope = Counter(fold(s) for s in re.findall(r"全(省|市|区|區|县|縣|旗)", text))
    if not scope:
        return ""
    # A city's papers also speak of "全省" (its rank in the province) and a district's of
    # "全市": the lowest level spoken of repeatedly is the report's own.
    county = [(n, sx) for sx, n in scope.items() if sx in ("区", "县", "旗") and n >= 2]
    if county:
        suffix = max(county)[1]
    elif scope["市"] >= 2:
        suffix = "市"
    else:
        suffix = scope.most_common(1)[0][0]
    if suffix in ("省", "市"):
        # Provinces and prefecture cities are in the gazetteer: count their names, with or
        # without the suffix ("常州精神", "新常州"); "大都市" or "城市" then never qualify.
        if suffix == "市":
            _, _, forms_of = _city_matcher()
            named = Counter(forms_of[m] for m in _city_matcher()[0].findall(text))
        else:
            named = Counter(
                {
                    full: text.count(short) + text.count(to_traditional(short))
                    for short, full in GAZETTEER.short.items()
                    if full in GAZETTEER.provinces and full not in MUNICIPALITIES
                }
            )
        if named:
            place, n = named.most_common(1)[0]
            return place if n >= 2 else ""
        return ""
    forms = "|".join(sorted({suffix, to_traditional(suffix)}))
    # Every occurrence counts for each of its readings ("完成武进区": "武进", "成武进"), so the
    # true name collects the most votes whatever stands before it.
    han = re.compile(rf"[{_HAN}]+")
    counts: Counter[str] = Counter()
    for m in re.finditer(forms, text):
        i = m.start()
        for n in (2, 3):
            if i >= n and han.fullmatch(text, i - n, i):
                counts[fold(text[i - n : i])] += 1
    best, best_n = "", 1
    for name, n in counts.most_common(12):
        cand = name + suffix
        # "推进武进区" also yields "进武进": a generic last character or a run that does not
        # read as one place is skipped, and the most frequent reading wins.
        if (
            name in _GENERIC_UNIT_NAMES
            or name[-1:] in _GENERIC_UNIT_NAMES
            or split_place(cand)[0] != cand
        ):
            continue
        if n > best_n:
            best, best_n = cand, n
    return best


# Short city names that are also everyday words or parts of other names ("长治久安",
# "大同小异", "白银", "阿里巴巴", "大兴安岭"):
# counted only when written with 市.
_AMBIGUOUS_SHORT = _words(
    "长治 大同 来宾 白银 朝阳 中山 黄山 白山 普洱 安康 阿里 和田 海东 海北 三明 兴安"
)


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex for many literal words, shaped as a trie: Python's re tries a flat
    alternation of 700 names word by word at every position (2 ms over a report); a trie
    shares prefixes, a third of that. Longest match wins."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


@lru_cache(maxsize=1)
def _city_matcher() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """Prefecture-level cities in both scripts: a finder for the body, a matcher for the
    characters just before a district's name, and form -> full Simplified name."""
    forms: dict[str, str] = {}
    for full in [*GAZETTEER.prefectures, *MUNICIPALITIES]:
        short = _short_name(full)
        names = (
            [full]
            if short in _AMBIGUOUS_SHORT or GAZETTEER.short.get(short) != full
            else [full, short]
        )
        for name in names:
            forms[name] = full
            forms[to_traditional(name)] = full
    alternation = _trie_pattern(forms)
    return re.compile(alternation), re.compile(f"(?:{alternation})(?:市)?$"), forms


def _with_parent(region: str, view: _View) -> str:
    """Give a lone district or county its city: from "常州市钟楼区"/"常州武进" in the text, else
    the prefecture the body names most (a district report names its city's 市委 and projects)."""
    if level_of(region) != LEVEL_COUNTY or len(_units(region)) > 1:
        return region
    finder, before, forms = _city_matcher()
    text = strip_glosses(view.raw[:20000])
    bare = _short_name(region)
    adjacent: Counter[str] = Counter()
    for form in {bare, to_traditional(bare)}:
        i = text.find(form)
        while i >= 0:
            m = before.search(text, max(0, i - 9), i)
            if m:
                adjacent[forms[m.group(0).removesuffix("市")]] += 1
            i = text.find(form, i + len(form))
    if adjacent:
        return adjacent.most_common(1)[0][0] + region
    named = Counter(forms[m] for m in finder.findall(text))
    if named:
        city, n = named.most_common(1)[0]
        if n >= 2:
            return city + region
    return region


def _region(view: _View, meeting: re.Match[str] | None, title: str) -> str:
    chosen = ""
    for cand in _region_candidates(view, meeting, title):
        if not cand:
            continue
        if not chosen:
            chosen = cand
        elif cand != chosen and cand.endswith(chosen):
            chosen = cand  # "常州市钟楼区" completes "钟楼区"
    if not chosen:
        chosen = _region_from_path(view.path)
    if not chosen:
        chosen = _most_named_unit(view.raw)
    return _with_parent(chosen, view) if chosen else ""


def _looks_like_org(s: str) -> bool:
    return bool(s) and len(s) <= 30 and s.endswith(_ORG_SUFFIXES)


def _publisher(view: _View, region: str, doc_type: str) -> str:
    publisher = _portal(view, "发布机构", "发文机关")
    if _looks_like_org(publisher):
        return publisher
    m = _ON_BEHALF.search(view.head)
    if m:
        if m.group("body") == "国务院" or region == NATIONAL:
            return "国务院"
        if region:
            return region + "人民政府"
    source = _portal(view, "来源")
    if _looks_like_org(source):
        return source
    if region == NATIONAL and doc_type in _GOVERNMENT_DOC_TYPES:
        return "国务院"
    return ""


def _year(view: _View, date: str | None, title: str, cfg: MetadataConfig) -> int | None:
    def ok(y: int) -> int | None:
        return y if cfg.min_year <= y <= cfg.max_year else None

    review = _REVIEW.search(view.head)
    if date:
        # A report is delivered early in the year it plans for; a congress held in the last
        # weeks of a year that reviews that very year plans the next one.
        year = int(date[:4])
        if review and int(review.group("y")) == year and int(date[5:7]) >= 11:
            return year + 1
        return year
    m = re.match(r"(\d{4})年", title)
    if m and ok(int(m.group(1))):
        return int(m.group(1))
    if review and ok(int(review.group("y")) + 1):
        return int(review.group("y")) + 1
    # The plan heading sits mid-report; the raw text holds both scripts' forms in the pattern.
    m = _PLAN.search(view.head) or _PLAN.search(view.raw)
    if m and ok(int(m.group("y"))):
        return int(m.group("y"))
    for match in _FILE_YEAR.finditer(PurePath(view.path).name):
        if ok(int(match.group(0))):
            return int(match.group(0))
    # Last resort: the year the body speaks of most ("2021年底前", "到2021年底").
    years = Counter(int(y) for y in _YEAR_MENTION.findall(view.raw) if ok(int(y)))
    if years:
        return years.most_common(1)[0][0]
    return None


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
    region = _region(view, meeting, own_title)
    date = _date(view, meeting)
    year = _year(view, date, own_title, config)
    return Metadata(
        title=_title(own_title, year, region, doc_type),
        region=region,
        level=level_of(region),
        year=year,
        doc_type=doc_type,
        publisher=_publisher(view, region, doc_type),
        date=date,
        speaker=_speaker(view),
    )


__all__ = [
    "DEFAULT_CONFIG",
    "GAZETTEER",
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

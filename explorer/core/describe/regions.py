"""Regions: which division of China a report speaks for, its level and its parent.

A name in the text ("镇江", "常州市鐘樓區", "内蒙古") becomes the full Simplified name the library
files it under; a lone district gets its city; a report that never names itself is placed by
the unit its body names most at the level its 全市/全区 phrases point to.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath

from explorer.core.scripts import fold, to_traditional

_HAN = "\u4e00-\u9fff"

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


# A pinyin gloss after a character: 現(xiàn). Only lower-case Latin letters with tone marks.
# The pattern opens with the literal "(" (the character before it is checked by a
# look-behind after it) so the regex engine can skip straight from one "(" to the next.
_GLOSS = re.compile(r"\((?<=[\u4e00-\u9fff]\()[a-zü\u00e0-\u00fc\u0101-\u01dc]{1,7}\)")


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


def region_from_path(path: str) -> str:
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


def most_named_unit(raw: str) -> str:
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


def with_parent(region: str, raw: str) -> str:
    """Give a lone district or county its city: from "常州市钟楼区"/"常州武进" in the text, else
    the prefecture the body names most (a district report names its city's 市委 and projects)."""
    if level_of(region) != LEVEL_COUNTY or len(_units(region)) > 1:
        return region
    finder, before, forms = _city_matcher()
    text = strip_glosses(raw[:20000])
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

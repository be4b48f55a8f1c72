"""Regions: which division of China a report speaks for, its level, adcode and parent.

Every place comes from the gazetteer (gazetteer.py: all of China's divisions to county level
with their GB/T 2260 codes, from the Ministry of Civil Affairs' list, plus the units retired
since 1985). A name in the text ("镇江", "常州市鐘樓區", "黔南州", "内蒙古") becomes a Place: the
name the library files it under (a county-level unit with its prefecture or municipality in
front, 常州市钟楼区, 北京市朝阳区; one under a province alone, 天门市), its level, adcode and
parent. A name many units share (朝阳区: 北京 and 长春) is settled by which of their parents the
report names. A report that never names itself is placed from its body: what kind of unit it
speaks for ("我代表州人民政府", "区长", "全盟") and which unit of that kind it names most, a
unit counting only when its full name is written or its province or prefecture is named too
(so the 资源 of 资源县 or the 日照 in 一区一日照中心 does not place a report).

For the library (a filter like `region:四川` that should find a province's cities and
counties, joins on adcodes):

    division_chain("常州市钟楼区")  -> (江苏省 320000, 常州市 320400, 钟楼区 320404)
    division_chain("429006")        -> (湖北省 420000, 天门市 429006)
    subdivisions("四川")            -> every city and county of 四川省
    lookup("黔南州")                -> the Division 黔南布依族苗族自治州 522700

Each element is a gazetteer.Division (.name, .adcode, .level, .region, .parent, .retired);
an unknown name gives () / None.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import PurePath

from explorer.core.describe.gazetteer import (
    LEVEL_CITY,
    LEVEL_COUNTY,
    LEVEL_PROVINCE,
    Division,
    Gazetteer,
    find_forms,
    gazetteer,
)
from explorer.core.scripts import fold

_HAN = "\u4e00-\u9fff"

NATIONAL = "全国"
LEVEL_NATIONAL = "全国"
# The state as a whole, and the central governments that report for it (政务院 and the
# 中央人民政府 before 1954's constitution, 国务院 since).
NATIONAL_NAMES = frozenset({"全国", "国务院", "中华人民共和国", "中国", "中央人民政府", "政务院"})


@dataclass(frozen=True)
class Place:
    region: str = ""  # the library's name for it; "" when unknown
    level: str = ""  # 全国 / 省 / 市 / 区县
    adcode: str | None = None
    parent: str = ""  # the province, or for a county its prefecture
    division: Division | None = None

    @classmethod
    def of(cls, unit: Division) -> Place:
        return cls(
            unit.region, unit.level, unit.adcode or None, unit.parent.name if unit.parent else "", unit
        )


NOWHERE = Place()
NATIONWIDE = Place(NATIONAL, LEVEL_NATIONAL)


# ------------------------------------------------------------------------------ the library's API
def lookup(region_or_adcode: str) -> Division | None:
    """The division a region name ("常州市钟楼区", "四川", "黔南州") or an adcode stands for."""
    s = re.sub(r"\s+", "", fold(region_or_adcode))
    gaz = gazetteer()
    if s.isdigit():
        return gaz.by_code.get(s)
    return gaz.by_region.get(s) or resolve(s).division


def division_chain(region_or_adcode: str) -> tuple[Division, ...]:
    """Province first, the unit itself last; () when the name or code is unknown."""
    unit = lookup(region_or_adcode)
    return unit.chain if unit else ()


def subdivisions(region_or_adcode: str) -> tuple[Division, ...]:
    """Every current unit below a division (a province's prefectures and counties)."""
    unit = lookup(region_or_adcode)
    if unit is None:
        return ()
    return tuple(u for u in gazetteer().units if u is not unit and unit in u.chain and u.retired is None)


# ------------------------------------------------------------------------------ names
# A place name stands before one of these; a short form before anything else is a word that
# happens to contain it ("和政府" holds 和政, a county of 甘肃).
_AFTER_SHORT = re.compile(r"(?:人民|政府|行署|行政公署|党|人大|政协|委|省|市|区|县|州|盟|旗|$)")


def _segments(s: str, gaz: Gazetteer) -> tuple[list[tuple[str, tuple[Division, ...]]], int]:
    """The run of known division names at the start of `s`: [(form, units)], and where it
    ends. Longest form first at each step."""
    segments: list[tuple[str, tuple[Division, ...]]] = []
    pos = 0
    while pos < len(s) - 1:
        for form in gaz.by_bigram.get(s[pos : pos + 2], ()):
            if s.startswith(form, pos):
                units = gaz.by_form[form]
                full = any(form == u.name for u in units)
                if not full and not _AFTER_SHORT.match(s, pos + len(form)):
                    continue
                if full:
                    units = tuple(u for u in units if u.name == form)
                segments.append((form, units))
                pos += len(form)
                break
        else:
            break
    return segments, pos


def _eligible(unit: Division, year: int | None) -> bool:
    return unit.retired is None or year is None or year <= unit.retired


def _pick(
    units: tuple[Division, ...] | list[Division], year: int | None, body: BodyContext | None
) -> Division | None:
    """One unit among those a name may mean: one alive in the report's year, then the one
    whose province or prefecture the body names most, then the highest level (a bare 吉林 or
    黄山 is the province or the city before the county)."""
    if not units:
        return None
    alive = [u for u in units if _eligible(u, year)] or list(units)
    if len(alive) == 1:
        return alive[0]
    rank = {LEVEL_PROVINCE: 2, LEVEL_CITY: 1, LEVEL_COUNTY: 0}

    # A candidate that is another's parent (黄山市 of 黄山区) does not count as its context.
    rivals = frozenset(alive)

    def key(u: Division) -> tuple[int, bool, int, bool]:
        context = body.ancestor_mentions(u, rivals) if body else 0
        # In a year before a unit was retired, its name meant it (海门 in 2015: 海门市, not
        # the 海门区 that replaced it in 2020).
        then = u.retired is not None and year is not None
        return (context, then, rank.get(u.level, 0), u.retired is None)

    ranked = sorted(alive, key=key, reverse=True)
    best, second = key(ranked[0]), key(ranked[1])
    if best == second:
        return None  # 鼓楼区 with nothing to tell which
    return ranked[0]


def resolve(name: str, year: int | None = None, body: BodyContext | None = None) -> Place:
    """The Place a name stands for: "鎮江" -> 镇江市, "常州市钟楼区人民政府" -> 常州市钟楼区,
    "国务院" -> 全国; NOWHERE when it names no known division."""
    s = re.sub(r"[\s\u3000]+", "", fold(name))
    if not s:
        return NOWHERE
    if s in NATIONAL_NAMES:
        return NATIONWIDE
    gaz = gazetteer()
    segments, _ = _segments(s, gaz)
    if not segments:
        return NOWHERE
    # Each earlier segment names an ancestor of the last: 常州市|钟楼区, 北京|朝阳区.
    candidates = list(segments[-1][1])
    for _, outer in segments[:-1]:
        narrowed = [u for u in candidates if any(a in u.chain[:-1] for a in outer)]
        candidates = narrowed or candidates
    unit = _pick(candidates, year, body)
    return Place.of(unit) if unit else Place(segments[-1][0], _level_by_suffix(segments[-1][0]))


# ------------------------------------------------------------------------------ names without a gazetteer entry
_SUFFIX_LEVELS = (
    ("特别行政区", LEVEL_PROVINCE),
    ("自治区", LEVEL_PROVINCE),
    ("省", LEVEL_PROVINCE),
    ("自治州", LEVEL_CITY),
    ("地区", LEVEL_CITY),
    ("盟", LEVEL_CITY),
    ("自治县", LEVEL_COUNTY),
    ("自治旗", LEVEL_COUNTY),
    ("市", LEVEL_COUNTY),  # a 市 the gazetteer does not know is no prefecture
    ("区", LEVEL_COUNTY),
    ("县", LEVEL_COUNTY),
    ("旗", LEVEL_COUNTY),
)
# A name of at least two characters: the one-character ones (忠县, 芒市) are in the gazetteer.
_UNIT = re.compile(rf"(?P<name>[{_HAN}]{{2,10}}?)(?P<suffix>{'|'.join(s for s, _ in _SUFFIX_LEVELS)})")
# Words that end like a unit but name none ("示范区", "开发区", "中心城区"…); one-character
# ones (全市, 我区) never reach here, a name having at least two characters.
_GENERIC_UNIT_NAMES = frozenset(
    (
        "功能", "示范", "开发", "保护", "试验", "自贸", "先行", "集聚", "核心", "中心城", "主城",
        "服务", "管理", "风景", "商业", "生活", "高新", "经开", "产业园", "工业园", "人民政府",
        "政府",
    )
)
# Words no place name contains: they show a unit regex has run into the sentence.
_NOT_IN_NAMES = re.compile("政府|人民|委员|关于|工作|代表|大会|会议|和|与|及")


def _level_by_suffix(name: str) -> str:
    for suffix, level in _SUFFIX_LEVELS:
        if name.endswith(suffix):
            return level
    return ""


def split_place(s: str) -> tuple[str, str]:
    """Split a leading place name off `s`: ("常州市钟楼区", "人民政府"). Known divisions
    first (黔南州 has no unit word of its own), else a run of units each ending in a unit
    word (省, 自治区, 市, 区, 县, 旗 …) with a real name before it, so "市政府" or "全区" are
    no places."""
    segments, pos = _segments(s, gazetteer())
    if segments:
        return s[:pos], s[pos:]
    pos = 0
    while pos < len(s):
        m = _UNIT.match(s, pos)
        if not m or m.group("name") in _GENERIC_UNIT_NAMES or _NOT_IN_NAMES.search(m.group("name")):
            break
        pos = m.end()
    return s[:pos], s[pos:]


def place_of(name: str, year: int | None = None, body: BodyContext | None = None) -> Place:
    """Like resolve, but a place the gazetteer does not know (a 开发区, a misspelt county)
    is kept as written, with the level its unit word gives."""
    place = resolve(name, year, body)
    if place.region:
        return place
    s = re.sub(r"[\s\u3000]+", "", fold(name))
    if s in NATIONAL_NAMES:
        return NATIONWIDE
    written, _ = split_place(s)
    return Place(written, _level_by_suffix(written)) if written else NOWHERE


def normalize_region(name: str) -> str:
    """A place name as the library files it: "鎮江" -> "镇江市", "常州市鐘樓區" ->
    "常州市钟楼区", "国务院" -> "全国"; "" when it is no place."""
    return place_of(name).region


def level_of(region: str) -> str:
    """全国 / 省 / 市 / 区县 for a region name; "" when unknown."""
    return place_of(region).level if region else ""


# ------------------------------------------------------------------------------ the body
@dataclass(frozen=True)
class _Kind:
    """A kind of unit a report may speak for, by the word it uses for itself."""

    suffixes: tuple[str, ...]
    levels: tuple[str, ...]

    def admits(self, unit: Division) -> bool:
        return unit.level in self.levels and unit.name.endswith(self.suffixes)


_CITY_KIND = _Kind(("市",), (LEVEL_PROVINCE, LEVEL_CITY, LEVEL_COUNTY))
_DISTRICT_KIND = _Kind(("区",), (LEVEL_COUNTY,))
_REGION_KIND = _Kind(("自治区",), (LEVEL_PROVINCE,))
KINDS: dict[str, _Kind] = {
    "省": _Kind(("省",), (LEVEL_PROVINCE,)),
    "自治区": _REGION_KIND,
    "特别行政区": _Kind(("特别行政区",), (LEVEL_PROVINCE,)),
    "市": _CITY_KIND,
    "州": _Kind(("自治州",), (LEVEL_CITY,)),
    "盟": _Kind(("盟",), (LEVEL_CITY,)),
    "地区": _Kind(("地区",), (LEVEL_CITY,)),
    "行署": _Kind(("盟", "地区"), (LEVEL_CITY,)),
    "区": _DISTRICT_KIND,
    "县": _Kind(("县",), (LEVEL_COUNTY,)),
    "旗": _Kind(("旗",), (LEVEL_COUNTY,)),
}
# What a speaker's title says about the unit: 区长 heads a district, 主席 an autonomous region.
TITLE_KINDS = {
    "省长": "省", "主席": "自治区", "行政长官": "特别行政区", "市长": "市", "州长": "州",
    "盟长": "盟", "专员": "地区", "区长": "区", "县长": "县", "旗长": "旗",
}
# "全市", "我州", "全港": the scope words a report uses for its own unit. 全区 is a district's
# or an autonomous region's; a city of 广西 speaks of both.
_SCOPE = re.compile(r"[全我本](省|市|区|县|州|盟|旗|港|澳)")
_SCOPE_KINDS = {"港": ("特别行政区",), "澳": ("特别行政区",), "区": ("区", "自治区")}


class BodyContext:
    """What a report's opening pages name, counted once and only when asked for."""

    def __init__(self, head: str) -> None:
        self.head = head  # folded to Simplified

    @cached_property
    def _counted(self) -> tuple[Counter[Division], frozenset[Division]]:
        """Mentions per unit, and the units named by a form that can mean nothing else: one
        unit's own, and its full name or at least three characters long (黄山区, 锡林郭勒,
        忠县; not 朝阳区, which two cities have, nor 互助, a word before it is 互助县)."""
        gaz = gazetteer()
        counts: Counter[Division] = Counter()
        distinct: set[Division] = set()
        for _, form in find_forms(self.head, gaz):
            units = gaz.by_form[form]
            counts.update(units)
            if len(units) == 1 and (len(form) > 2 or form == units[0].name):
                distinct.add(units[0])
        return counts, frozenset(distinct)

    @property
    def mentions(self) -> Counter[Division]:
        return self._counted[0]

    def ancestor_mentions(self, unit: Division, besides: frozenset[Division] = frozenset()) -> int:
        return sum(self.mentions[a] for a in unit.chain[:-1] if a not in besides)

    def supported(self, unit: Division) -> bool:
        """Named by a form that means only it, or its province or prefecture named too: a
        two-character short form alone may be an ordinary word (资源, 合作, 平安) or part of
        one (一区一日照中心). Provinces' short forms (广西, 香港) are names and nothing else."""
        return (
            unit.level == LEVEL_PROVINCE
            or unit in self._counted[1]
            or self.ancestor_mentions(unit) > 0
        )

    def scope_kinds(self) -> tuple[str, ...]:
        """The kinds of unit the report's scope words point to (全市, 我州, 全港), each
        spoken of at least twice."""
        counts = Counter(_SCOPE.findall(self.head))
        kinds: list[str] = []
        for word, n in counts.items():
            if n >= 2:
                kinds.extend(_SCOPE_KINDS.get(word, (word,)))
        return tuple(kinds)

    def most_named(self, kinds: tuple[str, ...], year: int | None) -> Place:
        """The unit of one of these kinds (all kinds when none) the body names most, at least
        twice; ties go to the one whose parents are named more."""
        admitted = [KINDS[k] for k in kinds if k in KINDS]
        best: tuple[int, int, bool] | None = None
        chosen: Division | None = None
        for unit, n in self.mentions.items():
            if n < 2 or not _eligible(unit, year):
                continue
            if admitted and not any(k.admits(unit) for k in admitted):
                continue
            if not self.supported(unit):
                continue
            key = (n, self.ancestor_mentions(unit), unit.retired is None)
            if best is None or key > best:
                best, chosen = key, unit
        return Place.of(chosen) if chosen else NOWHERE


# ------------------------------------------------------------------------------ file names
def region_from_path(path: str, year: int | None = None, body: BodyContext | None = None) -> Place:
    """A place in the file's name: "county_天门市_2024.txt", "hk_香港_2021.pdf", or in
    pinyin, "city_zhenjiang_2020.txt"."""
    stem = PurePath(path).name
    for run in re.findall(rf"[{_HAN}]+", fold(stem)):
        place = resolve(run, year, body)
        if place.region:
            return place
    for token in re.split(r"[^a-z]+", stem.lower()):
        unit = _pinyin_index().get(token)
        if unit is not None:
            return Place.of(unit)
    return NOWHERE


@lru_cache(maxsize=1)
def _pinyin_index() -> dict[str, Division]:
    """Pinyin of provinces' and prefectures' short names ("zhenjiang" -> 镇江市), for file
    names like city_zhenjiang_2020. pypinyin's dictionaries are heavy, so this is built once
    and only when a file name is the last resort. Counties are left out: their pinyin
    collides too often to mean anything alone."""
    from pypinyin import lazy_pinyin

    index: dict[str, Division] = {}
    for unit in gazetteer().units:
        if unit.level in (LEVEL_PROVINCE, LEVEL_CITY) and unit.retired is None:
            for form in unit.short[-1:] or (unit.name,):
                index.setdefault("".join(lazy_pinyin(form)), unit)
    return index


# A pinyin gloss after a character: 現(xiàn). Only lower-case Latin letters with tone marks.
# The pattern opens with the literal "(" (the character before it is checked by a
# look-behind after it) so the regex engine can skip straight from one "(" to the next.
_GLOSS = re.compile(r"\((?<=[\u4e00-\u9fff]\()[a-zü\u00e0-\u00fc\u0101-\u01dc]{1,7}\)")


def strip_glosses(text: str) -> str:
    """Drop pinyin glosses (鎮(zhèn)江 -> 鎮江): metadata needs no offsets, so a local copy
    without them is safe even before the cleaner has removed them."""
    return _GLOSS.sub("", text)

"""Whose figure is it: the report's own region, or a part of it?

"临江新区地区生产总值增长16%", "藤县…，地区生产总值首次突破300亿元", "全市县域范围内地区生产总值超
3200亿元" are figures of a zone, a county, the counties together: not the city's. A figure's
area is the place that opens its clause (after lead words such as 力争, 其中, 全市) or, when
its clause names none, the nearest earlier clause of the same sentence that does; a clause
opening with the whole territory (全市, 我市 …) names the report's own region. A place that
is the report's own region (钟楼区 in 常州市钟楼区's report) is no other area.

Places are recognised by their form, since no list of zones and towns is complete: a name
ending in a zone word (新区, 开发区, 高新区, 园区 …), a county (X县), a word for a part of the
territory (县域, 城区, 市本级, 四个县), or a named district, city or banner of two or three
characters when it is plainly a subject (涪城区、江油市…; 江油市地区生产总值…). Ordinary
words of the same shape (城市, 上市, 社区, 景区, 教育强市 …) are not places, and a clause that
opens with a verb or a preposition (完成城区…, 在全区…) opens with no subject.
"""

from __future__ import annotations

import re
from functools import lru_cache

from explorer.core.scripts import fold

_ZONE = (
    "经济技术开发区|高新技术产业开发区|经济开发区|高新区|经开区|开发区|新区|产业园区|工业园区"
    "|园区|示范区|合作区|试验区|自贸区|综保区|保税区|片区"
)
_PART = "县域|主城区|中心城区|城区|市区|市本级|各县|各区县|各区|[两三四五六七八九十]+个?县"
# The economic aggregates a named district or city is the subject of ("江油市地区生产总值…").
_AGGREGATE = (
    "地区生产总值|生产总值|gdp|经济总量|规上工业|规模以上工业|一般公共预算收入|财政收入"
    "|固定资产投资|社会消费品零售总额|工业总产值|产值|增加值"
)
_AREA = re.compile(
    rf"(?P<zone>[\u4e00-\u9fff]{{0,6}}?(?:{_ZONE}))"
    rf"|(?P<part>{_PART})"
    r"|(?P<county>[\u4e00-\u9fff]{1,3}?县)(?![城级域委政长])"
    rf"|(?P<place>[\u4e00-\u9fff]{{2,3}}?(?:区|市|旗))(?=[、和与]|{_AGGREGATE})"
)
# The whole territory: the report's own region (or, said by a county, itself).
_WHOLE = re.compile(
    r"全(?:市|区|县|州|盟|旗|省|域)|我(?:市|区|县|州|盟|旗|省)|本(?:市|区|县)"
)
# Words at a clause's start that are not its subject.
_LEAD = re.compile(
    r"(?:其中|同时|另外|力争|确保|预计|初步预计|初步核算|全年|今年|年内"
    r"|(?:到|至|截至)?\d{4}年(?:底|末|内)?|[，,、 \u3000])*"
)
# A clause that opens with a verb or a preposition names no subject area: "提请市人大…",
# "完成城区…", "在全区150家中小学…", "打造低碳园区…" (folded).
_NOT_SUBJECT = (
    "提请", "办理", "完成", "打造", "实施", "统筹", "加大", "加快", "推动", "推进", "深入",
    "持续", "强化", "精准", "引导", "围绕", "盘活", "新增", "培育", "选派", "接收", "列入",
    "拉动", "下达", "建设", "开展", "坚持", "健全", "厘清", "实现", "编制", "攻坚", "促进",
    "制定", "表彰", "配合", "争取", "成立", "创建", "完善", "支持", "依托", "聚焦", "发展",
    "优化", "提升", "高标准", "积极", "全面", "大力", "着力", "重点", "规范", "鼓励", "建成",
    "新建", "设立", "申报", "获批", "认定", "梯队", "深化", "启动", "获得", "评选", "构建", "共", "在", "对", "占", "为", "由", "以",
    "从", "向", "与", "和", "及", "将", "把", "使", "让", "均", "按",
)
# Ordinary words shaped like a place name (folded), and the first characters of
# determiners (各县 is a part of the territory; 每县, 该县 are not named places).
_NOT_PLACES = (
    "城市", "都市", "超市", "上市", "夜市", "股市", "楼市", "门市", "集市", "互市", "社区",
    "小区", "景区", "山区", "牧区", "林区", "库区", "地区", "街区", "校区", "院区", "辖区",
    "郊区", "矿区", "灾区", "病区", "专区", "营区", "厂区", "老区", "湾区", "藏区", "边区",
    "功能区", "保护区", "商区", "学区", "服务区", "风景区", "旅游区", "生活区", "居住区",
    "安置区", "棚户区", "灌区", "自治区", "强市", "强区", "强县", "省市", "市县", "区市",
    "州县", "区县市", "贫困县", "百强县", "示范县", "先行区", "引领区", "集聚区", "承载区",
    "聚集区",
)
_DETERMINERS = set("每该本我全此其这那省国")
_CLAUSE_MARKS = "，,"
_STOP_MARKS = "；;：:。！？!?\n"
# The last clause or stop mark in a stretch: one match (greedy, it backs off from the end)
# instead of a walk back character by character, a tenth of a large text's extraction.
_LAST_CLAUSE_MARK = re.compile("(?s).*[" + re.escape(_CLAUSE_MARKS + _STOP_MARKS) + "]")
_VERB_OR_LEVEL_INSIDE = re.compile("|".join([re.escape(w) for w in _NOT_SUBJECT if len(w) > 1] + ["[级到的]"]))
# Only a word starting with the character at hand can open the clause there.
_NOT_SUBJECT_BY_FIRST = {
    first: tuple(w for w in _NOT_SUBJECT if w[0] == first) for first in {w[0] for w in _NOT_SUBJECT}
}


# Asked for every figure whose clause opens with a place, of few distinct places and one
# region per report: each answer folds the region with OpenCC.
@lru_cache(maxsize=4096)
def _own_region(area: str, region: str) -> bool:
    stem = re.sub(r"(?:新区|县|区|市|旗|盟|州)$", "", area)
    return bool(stem) and len(stem) >= 2 and stem in fold(region)


def _opening_area(folded: str, start: int, end: int) -> str | None:
    """The place a clause opens with: an area name, "" for the whole territory, None for
    no place at all."""
    lead = _LEAD.match(folded, start, end)
    at = lead.end() if lead else start
    whole = _WHOLE.match(folded, at, end)
    if whole:
        after = whole.end()
        # "全市县域范围内…": the whole territory's part.
        part = _AREA.match(folded, after, end)
        if part and part.group("part"):
            return part.group()
        return ""
    if at < end and folded.startswith(_NOT_SUBJECT_BY_FIRST.get(folded[at], ()), at):
        return None
    m = _AREA.match(folded, at, end)
    if not m:
        return None
    name = m.group()
    if name[0] in _DETERMINERS or name.endswith(_NOT_PLACES):
        return None
    # "一园一策推动园区", "市级产业园区", "中央到县": a verb or a level inside, no name.
    if _VERB_OR_LEVEL_INSIDE.search(name):
        return None
    return name


def figure_area(folded: str, sentence_start: int, clause_start: int, region: str) -> str:
    """The area (folded) a figure whose clause starts at `clause_start` speaks of; "" when
    it is the report's own region (see the module doc)."""
    start = clause_start
    while True:
        area = _opening_area(folded, start, len(folded))
        if area is not None:
            return "" if not area or _own_region(area, region) else area
        # The clause before, never across a semicolon or colon: those begin new subjects.
        if start <= sentence_start or folded[start - 1] not in _CLAUSE_MARKS:
            return ""
        before = _LAST_CLAUSE_MARK.match(folded, sentence_start, start - 1)
        start = before.end() if before else sentence_start

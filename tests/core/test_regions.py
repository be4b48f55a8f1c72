"""Regions from the gazetteer: the data file, name resolution, and the failure classes a
report from anywhere in the country shows (issue 12), each as a small case."""

from __future__ import annotations

from collections import Counter

import pytest

from explorer.core.describe.gazetteer import (
    LEVEL_CITY,
    LEVEL_COUNTY,
    LEVEL_PROVINCE,
    find_forms,
    gazetteer,
)
from explorer.core.describe.metadata import extract_metadata
from explorer.core.describe.regions import (
    division_chain,
    lookup,
    resolve,
    subdivisions,
)


# --------------------------------------------------------------------------- the data
def test_gazetteer_is_complete_to_county_level() -> None:
    current = [u for u in gazetteer().units if u.retired is None]
    levels = Counter(u.level for u in current)
    assert levels[LEVEL_PROVINCE] == 34  # 23 provinces, 5 autonomous regions, 4 municipalities, 2 SARs
    assert 330 <= levels[LEVEL_CITY] - 20 <= 340  # prefecture level, besides Taiwan's cities
    assert 2800 <= levels[LEVEL_COUNTY] <= 2900
    for unit in current:
        assert (unit.parent is None) == (unit.level == LEVEL_PROVINCE), unit
        if unit.adcode and unit.parent is not None:
            assert unit.adcode[:2] == unit.parent.adcode[:2], unit


def test_every_short_form_has_two_characters_at_least() -> None:
    for unit in gazetteer().units:
        assert all(len(f) >= 2 and f != unit.name for f in unit.short), unit


@pytest.mark.parametrize(
    "name, region, level, adcode, parent",
    [
        ("鎮江", "镇江市", "市", "321100", "江苏省"),
        ("常州市鐘樓區", "常州市钟楼区", "区县", "320404", "常州市"),
        # autonomous regions and prefectures by their short names
        ("广西", "广西壮族自治区", "省", "450000", ""),
        ("黔南州", "黔南布依族苗族自治州", "市", "522700", "贵州省"),
        ("甘孜州", "甘孜藏族自治州", "市", "513300", "四川省"),
        ("锡林郭勒盟", "锡林郭勒盟", "市", "152500", "内蒙古自治区"),
        ("大兴安岭地区", "大兴安岭地区", "市", "232700", "黑龙江省"),
        # a county-level city the province administers: no prefecture above it
        ("天门市", "天门市", "区县", "429006", "湖北省"),
        ("神农架林区", "神农架林区", "区县", "429021", "湖北省"),
        # a district that shares its city's name
        ("黄山区", "黄山市黄山区", "区县", "341003", "黄山市"),
        # provincial-level municipalities and their districts
        ("北京市", "北京市", "省", "110000", ""),
        ("北京市朝阳区", "北京市朝阳区", "区县", "110105", "北京市"),
        ("长春市朝阳区", "长春市朝阳区", "区县", "220104", "长春市"),
        # special administrative regions and Taiwan's cities (GB/T 2260 codes them not)
        ("香港特別行政區", "香港特别行政区", "省", "810000", ""),
        ("澳门", "澳门特别行政区", "省", "820000", ""),
        ("臺北市", "台北市", "市", None, "台湾省"),
        # a bare name several units share goes to the highest (吉林省, 黄山市)
        ("吉林", "吉林省", "省", "220000", ""),
        ("黄山", "黄山市", "市", "341000", "安徽省"),
        # a retired unit: an old report is still placed
        ("莱芜市", "莱芜市", "市", "371200", "山东省"),
        ("海门市", "南通市海门市", "区县", "320684", "南通市"),
    ],
)
def test_resolve(name: str, region: str, level: str, adcode: str | None, parent: str) -> None:
    place = resolve(name)
    assert (place.region, place.level, place.adcode, place.parent) == (region, level, adcode, parent)


@pytest.mark.parametrize("phrase", ["市政府和区委", "一区一日照中心", "和政府", "全区", "资源节约"])
def test_ordinary_phrases_name_no_place(phrase: str) -> None:
    assert resolve(phrase).region == ""


def test_a_name_many_units_share_stays_open_without_context() -> None:
    place = resolve("鼓楼区")  # 南京, 徐州, 福州, 开封
    assert (place.region, place.level, place.adcode) == ("鼓楼区", "区县", None)


def test_retired_and_current_units_are_told_apart_by_year() -> None:
    # 海门: 海门市 until 2020, 海门区 since; the short form alone goes by the report's year.
    assert resolve("海门", year=2015).region == "南通市海门市"
    assert resolve("海门", year=2023).region == "南通市海门区"


def test_find_forms_takes_the_longest_name() -> None:
    assert [f for _, f in find_forms("黄山区和黄山市都在安徽")] == ["黄山区", "黄山市", "安徽"]


# --------------------------------------------------------------------------- the library's API
def test_division_chain() -> None:
    chain = division_chain("常州市钟楼区")
    assert [(u.name, u.adcode) for u in chain] == [
        ("江苏省", "320000"),
        ("常州市", "320400"),
        ("钟楼区", "320404"),
    ]
    assert [u.name for u in division_chain("429006")] == ["湖北省", "天门市"]
    assert [u.name for u in division_chain("北京市朝阳区")] == ["北京市", "朝阳区"]
    assert division_chain("不存在的地方") == ()


def test_subdivisions_of_a_province() -> None:
    names = {u.region for u in subdivisions("四川")}
    assert {"成都市", "成都市武侯区", "甘孜藏族自治州", "凉山彝族自治州西昌市"} <= names
    assert "重庆市" not in names
    assert lookup("510000") is lookup("四川省")


# --------------------------------------------------------------------------- reports that never name themselves
def _meta(text: str, path: str = "/reports/report.txt"):
    return extract_metadata(text, {}, path)


UNNAMED_REPORTS = {
    # 全区 and 自治区 are 广西: the report is 柳州's.
    "city of an autonomous region": (
        "各位代表：\n现在，我代表市人民政府向大会报告工作。\n"
        "一、2023年工作回顾\n过去一年，在自治区党委、政府的坚强领导下，柳州经济增速居全区前列，"
        "全市地区生产总值增长4%，高于全区平均水平。柳州螺蛳粉产业持续壮大，广西柳州汽车城建设提速。"
        "全区重点项目观摩会在柳州召开。\n二、2024年工作安排\n全市上下要推动柳州高质量发展。\n",
        ("柳州市", "市", "450200", "广西壮族自治区"),
    ),
    "autonomous prefecture named short": (
        "各位代表：\n现在，我代表州人民政府向大会报告工作。\n一、2023年工作回顾\n"
        "全州地区生产总值增长6%，高于全省平均水平。黔南综合实力迈上新台阶，都匀毛尖品牌更响，"
        "贵州省委对黔南寄予厚望。全州上下奋力谱写黔南新篇章。\n",
        ("黔南布依族苗族自治州", "市", "522700", "贵州省"),
    ),
    # 天门 speaks of itself as 市 and names 武汉 (the nearest big city), but belongs to 湖北省.
    "county-level city under its province": (
        "各位代表：\n现在，我代表市人民政府向大会报告工作。\n一、2023年工作回顾\n"
        "天门经济总量再上台阶，全市生产总值增长6.2%。融入武汉都市圈，天门高铁站开通，"
        "科创湖北建设中天门贡献突出，武汉城市圈同城化加快。天门人民团结奋斗。\n",
        ("天门市", "区县", "429006", "湖北省"),
    ),
    "district of a city of the same name": (
        "各位代表：\n现在，我代表区人民政府向大会报告工作。\n一、2023年工作回顾\n"
        "2023年是黄山区发展史上极不平凡的一年。在市委、市政府和区委的坚强领导下，全区上下"
        "奋发有为，黄山区旅游接待人次创新高，黄山市域旅游T1线开通，安徽省级示范项目落地黄山区。\n",
        ("黄山市黄山区", "区县", "341003", "黄山市"),
    ),
    "provincial-level municipality": (
        "各位代表：\n现在，我代表北京市人民政府，向大会报告政府工作。\n一、2023年工作回顾\n",
        ("北京市", "省", "110000", ""),
    ),
}


@pytest.mark.parametrize("text, expected", UNNAMED_REPORTS.values(), ids=UNNAMED_REPORTS.keys())
def test_report_placed_from_its_own_words(text: str, expected: tuple[str, str, str, str]) -> None:
    m = _meta(text)
    assert (m.region, m.level, m.adcode, m.parent) == expected
    assert (m.year, m.publisher) == (2024, expected[0] + "人民政府")


def test_league_administration_reports_to_the_congress_work_committee() -> None:
    text = (
        "各位主任、委员：\n下面，我代表行署作工作报告，请各位主任、委员和列席同志提出意见。\n"
        "一、2023年工作回顾\n全盟经济稳中有进，锡林郭勒草原生态持续向好，居全区前列。"
        "自治区党委、政府对锡林郭勒高度重视，全盟上下团结奋进。\n二、2024年工作安排\n"
    )
    m = _meta(text)
    assert (m.region, m.level, m.adcode, m.parent) == ("锡林郭勒盟", "市", "152500", "内蒙古自治区")
    assert (m.doc_type, m.publisher) == ("政府工作报告", "锡林郭勒盟行政公署")


def test_same_name_district_is_placed_by_its_city() -> None:
    body = "各位代表：\n现在，我代表区人民政府向大会报告工作。\n朝阳区全区上下齐心协力，朝阳区经济稳步增长。{}\n"
    beijing = _meta(body.format("北京市委、市政府对朝阳寄予厚望，北京冬奥场馆在朝阳区。"))
    changchun = _meta(body.format("长春市委、市政府大力支持，朝阳区在长春率先建成示范区。"))
    assert (beijing.region, beijing.adcode) == ("北京市朝阳区", "110105")
    assert (changchun.region, changchun.adcode) == ("长春市朝阳区", "220104")


def test_hong_kong_policy_address() -> None:
    text = (
        "行政長官2023年施政報告\n拼經濟謀發展\n立法會主席、各位議員、各位市民：\n"
        "今天，是我就任行政長官後發表第二份《施政報告》。香港特別行政區政府會全港一心，"
        "全港市民共同努力，鞏固香港國際金融中心地位。\n"
    )
    m = _meta(text)
    assert (m.region, m.level, m.adcode, m.parent, m.year) == ("香港特别行政区", "省", "810000", "", 2023)
    assert (m.doc_type, m.title, m.publisher) == ("施政报告", "行政长官2023年施政报告", "香港特别行政区政府")


def test_macao_policy_address() -> None:
    text = "二〇二四年財政年度施政報告\n澳門特別行政區政府\n立法會主席、各位議員：\n全澳居民共同努力，澳門經濟穩步復蘇，澳門特區政府將全力推動。\n"
    m = _meta(text)
    assert (m.region, m.level, m.adcode, m.doc_type, m.year) == ("澳门特别行政区", "省", "820000", "施政报告", 2024)


def test_taiwan_city() -> None:
    text = "臺北市政府施政報告\n議長、副議長、各位議員女士、先生：\n臺北市政府團隊持續推動臺北城市建設，臺北市民共享。\n"
    m = _meta(text)
    assert (m.region, m.level, m.adcode, m.parent) == ("台北市", "市", None, "台湾省")


@pytest.mark.parametrize(
    "text",
    [
        # no name at all: 市政府和区委 is no region
        "各位代表：\n在市政府和区委的领导下，全区上下共同努力，全区经济稳步增长。\n",
        # 日照 inside 一区一日照中心, with nothing of 山东 around it
        "各位代表：\n我代表区人民政府报告工作。全区推进一区一日照中心建设，一区一日照中心覆盖全区，"
        "每个街道建成一区一日照中心。\n",
        # ordinary words that are also short forms of counties (资源县, 合作市, 平安区)
        "各位代表：\n全县节约资源，深化合作，建设平安乡村。资源利用效率提高，合作项目增加，平安建设扎实。\n",
    ],
)
def test_no_place_from_ordinary_phrases(text: str) -> None:
    m = _meta(text)
    assert (m.region, m.adcode) == ("", None)


def test_old_report_of_a_retired_city() -> None:
    text = (
        "——2015年1月20日在莱芜市第十七届人民代表大会第四次会议上\n各位代表：\n"
        "现在，我代表市人民政府向大会报告工作。\n"
    )
    m = _meta(text)
    assert (m.region, m.level, m.adcode, m.parent, m.year) == ("莱芜市", "市", "371200", "山东省", 2015)
    assert (m.publisher, m.title) == ("莱芜市人民政府", "2015年莱芜市政府工作报告")


def test_retired_county_found_in_the_body_of_an_old_report() -> None:
    # 海门 was a county-level city until 2020: a 2018 report that never names itself in full.
    text = (
        "各位代表：\n现在，我代表市人民政府向大会报告工作。\n一、2017年工作回顾\n"
        "海门经济持续向好，全市上下奋力推进海门高质量发展，南通市委对海门寄予厚望。\n"
    )
    m = _meta(text)
    assert (m.region, m.adcode, m.year) == ("南通市海门市", "320684", 2018)

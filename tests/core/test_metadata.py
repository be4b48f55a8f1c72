"""Report metadata: unit tests for the pieces, and the corpus golden file (tests/golden/metadata.toml)."""

from __future__ import annotations

import sys
from dataclasses import asdict

import pytest

from explorer.core.describe.metadata import (
    Metadata,
    cn_numeral,
    extract_metadata,
    level_of,
    normalize_region,
    parse_date,
    split_place,
    strip_glosses,
)
from tests.conftest import GOLDEN, corpus_file

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FIELDS = (
    "title", "region", "level", "adcode", "parent", "year", "doc_type", "publisher", "date", "speaker",
)


# --------------------------------------------------------------------------- dates
@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023年1月3日", "2023-01-03"),
        ("——2022年3月1日在镇江市九届人大一次会议上", "2022-03-01"),
        ("2026年02月10日 07时41分", "2026-02-10"),
        ("二〇二三年一月三日", "2023-01-03"),
        ("二○二一年十二月三十一日", "2021-12-31"),
        ("二零一九年十月二十日", "2019-10-20"),
        ("2021-01-18", "2021-01-18"),
        ("生成日期 | 2021/2/8 |", "2021-02-08"),
        ("２０２１年２月１８日", "2021-02-18"),  # full-width digits
        ("2013年 2月 28日", "2013-02-28"),
        ("2021年2月30日", None),  # no such day
        ("二〇二一年十三月一日", None),
        ("今年是“十四五”开局之年", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "s, n",
    [
        ("二〇二三", 2023),
        ("二零零八", 2008),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("三十一", 31),
        ("七", 7),
    ],
)
def test_cn_numeral(s: str, n: int) -> None:
    assert cn_numeral(s) == n


@pytest.mark.parametrize("s", ["", "十十", "二三十", "年"])
def test_cn_numeral_rejects(s: str) -> None:
    assert cn_numeral(s) is None


# --------------------------------------------------------------------------- places
@pytest.mark.parametrize(
    "name, expected",
    [
        ("鎮江市", "镇江市"),
        ("鎮江", "镇江市"),
        ("常州市鐘樓區", "常州市钟楼区"),
        ("無錫", "无锡市"),
        ("上海", "上海市"),
        ("四川", "四川省"),
        ("內蒙古", "内蒙古自治区"),
        ("广西", "广西壮族自治区"),
        # The library's name: a county-level unit with its prefecture, not its province.
        ("内蒙古自治区呼伦贝尔市海拉尔区", "呼伦贝尔市海拉尔区"),
        ("钟楼区", "常州市钟楼区"),  # one 钟楼区 in China: its city is known
        ("黔南州", "黔南布依族苗族自治州"),
        ("锡林郭勒", "锡林郭勒盟"),
        ("香港", "香港特别行政区"),
        ("延边", "延边朝鲜族自治州"),
        ("国务院", "全国"),
        ("全国", "全国"),
        ("上海市 浦东新区", "上海市浦东新区"),
        ("市政府", ""),
        ("全区", ""),
        ("政府工作报告", ""),
    ],
)
def test_normalize_region(name: str, expected: str) -> None:
    assert normalize_region(name) == expected


@pytest.mark.parametrize(
    "s, place, rest",
    [
        ("常州市钟楼区人民政府", "常州市钟楼区", "人民政府"),
        ("无锡市发展和改革委员会", "无锡市", "发展和改革委员会"),
        ("四川省人民政府省长", "四川省", "人民政府省长"),
        ("新疆维吾尔自治区乌鲁木齐市", "新疆维吾尔自治区乌鲁木齐市", ""),
        ("大兴安岭地区", "大兴安岭地区", ""),
        ("市政府重点工作", "", "市政府重点工作"),
        ("全区各级各部门", "", "全区各级各部门"),
    ],
)
def test_split_place(s: str, place: str, rest: str) -> None:
    assert split_place(s) == (place, rest)


@pytest.mark.parametrize(
    "region, level",
    [
        ("全国", "全国"),
        ("四川省", "省"),
        ("内蒙古自治区", "省"),
        ("香港特别行政区", "省"),
        ("上海市", "省"),  # provincial-level municipality
        ("重庆市", "省"),
        ("镇江市", "市"),
        ("延边朝鲜族自治州", "市"),
        ("阿里地区", "市"),
        ("常州市钟楼区", "区县"),
        ("上海市浦东新区", "区县"),
        ("海拉尔区", "区县"),
        ("江阴市", "区县"),  # a county-level city: no prefecture of that name
        ("无锡市江阴市", "区县"),
        ("沛县", "区县"),
        ("", ""),
    ],
)
def test_level_of(region: str, level: str) -> None:
    assert level_of(region) == level


def test_strip_glosses_keeps_real_parentheses() -> None:
    assert strip_glosses("鎮(zhèn)江現(xiàn)代化") == "鎮江現代化"
    assert (
        strip_glosses("細顆粒物(PM2.5)和獨角獸(或潛在獨角獸)")
        == "細顆粒物(PM2.5)和獨角獸(或潛在獨角獸)"
    )


# --------------------------------------------------------------------------- whole reports
SPEECH_2023 = """政府工作报告
——2023年1月3日在钟楼区第十七届人民代表大会第二次会议上
区长 李超鲲
各位代表：
现在，我代表钟楼区人民政府，向大会作工作报告，请予审议。
一、2022年工作回顾
常州市钟楼区综合实力位列全国市辖区第46位。
二、2023年工作安排
"""


def test_speech_fields_and_parent_city_from_text() -> None:
    m = extract_metadata(SPEECH_2023, {}, "/x/report.txt")
    assert m == Metadata(
        title="2023年常州市钟楼区政府工作报告",
        region="常州市钟楼区",
        level="区县",
        year=2023,
        doc_type="政府工作报告",
        publisher="常州市钟楼区人民政府",
        date="2023-01-03",
        speaker="李超鲲",
        adcode="320404",
        parent="常州市",
    )


def test_traditional_speech_with_glosses_and_news_stamp() -> None:
    text = (
        "首頁 新聞中心 鎮(zhèn)江新聞\n2022年鎮(zhèn)江市政府工作報告(全文)\n2022-03-07 04:23\n"
        "——2022年3月1日在鎮(zhèn)江市九屆人大一次會議上\n市長徐曙海\n"
        "3月1日,市長徐曙海代表市政府向大會做政府工作報告。\n各位代表：\n"
        "現在,我代表鎮(zhèn)江市人民政府向大會報告工作。\n"
    )
    m = extract_metadata(text, {}, "page.html")
    assert (m.title, m.region, m.level, m.year, m.date, m.speaker, m.publisher) == (
        "2022年镇江市政府工作报告",
        "镇江市",
        "市",
        2022,
        "2022-03-01",
        "徐曙海",
        "镇江市人民政府",
    )


def test_chinese_numeral_delivery_date() -> None:
    text = "——二〇二三年一月五日在无锡市第十七届人民代表大会第二次会议上\n市长 赵建军\n各位代表：\n现在，我代表市人民政府报告工作。\n"
    m = extract_metadata(text, {}, "a.txt")
    assert (m.date, m.year, m.region, m.speaker, m.publisher) == (
        "2023-01-05",
        2023,
        "无锡市",
        "赵建军",
        "无锡市人民政府",
    )


def test_portal_fields_in_traditional() -> None:
    portal = {
        "发布机构": "無錫市發展和改革委員會",
        "生成日期": "2021-02-18",
        "公开日期": "2021-02-20",
        "内容概述": "2021年政府工作重點",
    }
    body = "2021年是“十四五”開局之年。政府工作總體要求是：堅持穩中求進。\n一、推動經濟高質量發展\n"
    m = extract_metadata(body, portal, "003.txt")
    assert m == Metadata(
        title="2021年政府工作重点",
        region="无锡市",
        level="市",
        year=2021,
        doc_type="政府工作重点",
        publisher="无锡市发展和改革委员会",
        date="2021-02-18",  # 生成日期 before 公开日期
        speaker="",
        adcode="320200",
        parent="江苏省",
    )


def test_portal_title_distinguishes_key_work_from_work_priorities() -> None:
    m = extract_metadata(
        "正文。", {"信息名称": "2021年市政府重點工作", "发布机构": "常州市人民政府"}, "x.txt"
    )
    assert (m.doc_type, m.title, m.region, m.publisher) == (
        "重点工作",
        "2021年市政府重点工作",
        "常州市",
        "常州市人民政府",
    )


def test_portal_table_still_in_text_is_read() -> None:
    text = "信息名稱:2021年市政府重點工作 |\n發布機構:常州市人民政府 |\n生成日期:2021-01-18 |\n|\n今年是重要的一年。\n"
    m = extract_metadata(text, {}, "x.txt")
    assert (m.title, m.publisher, m.date, m.year) == (
        "2021年市政府重点工作",
        "常州市人民政府",
        "2021-01-18",
        2021,
    )


def test_newspaper_source_is_not_the_publisher() -> None:
    text = "2026年四川省人民政府工作报告\n来源:\n四川日报\n2026年2月3日在四川省第十四届人民代表大会第五次会议上\n四川省人民政府省长 施小琳\n各位代表：\n现在，我代表省人民政府，向大会报告工作。\n"
    m = extract_metadata(text, {"来源": "四川日报"}, "p.txt")
    assert (m.publisher, m.region, m.level, m.speaker) == (
        "四川省人民政府",
        "四川省",
        "省",
        "施小琳",
    )


def test_national_report_speaker_name_on_next_line() -> None:
    text = "政府工作报告\n\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n国务院总理　\n李　强\n\n各位代表：\n\n现在，我代表国务院，向大会报告政府工作。\n"
    m = extract_metadata(text, {}, "n.txt")
    assert (m.region, m.level, m.speaker, m.publisher, m.title) == (
        "全国",
        "全国",
        "李强",
        "国务院",
        "2024年国务院政府工作报告",
    )


def test_one_line_report() -> None:
    text = "上海市市长　龚正 各位代表：   现在，我代表上海市人民政府，向大会报告工作。   一、2020年工作回顾   过去一年…   二、2021年主要任务   …"
    m = extract_metadata(text, {}, "city.txt")
    assert (m.region, m.level, m.year, m.speaker, m.date) == ("上海市", "省", 2021, "龚正", None)


@pytest.mark.parametrize(
    "text",
    [
        "组织企业参加省长质量奖评选。\n",
        "3月1日,市长徐曙海代表市政府向大会做政府工作报告。\n",
        "国家主席习近平发表重要讲话，强调高质量发展。\n",
    ],
)
def test_no_false_speaker(text: str) -> None:
    assert extract_metadata(text, {}, "x.txt").speaker == ""


# --------------------------------------------------------------------------- year logic
@pytest.mark.parametrize(
    "text, path, year",
    [
        # A report reviews the year before the one it is for.
        ("各位代表：\n一、2024年工作回顾\n过去一年……\n二、2025年政府工作任务\n", "n.txt", 2025),
        ("各位代表：\n一、2022年工作回顾\n", "x.txt", 2023),
        # The plan heading alone.
        ("各位代表：\n……\n三、2019年工作安排\n", "x.txt", 2019),
        # "完成2022年目标任务" in the body is no heading.
        ("各位代表：\n过去一年，圆满完成2022年目标任务。\n", "r_2023.txt", 2023),
        # The delivery date wins over everything.
        (
            "——2013年2月28日在某某区第十四届人民代表大会第二次会议上\n一、过去一年工作回顾\n",
            "x_2099.txt",
            2013,
        ),
        # Title year.
        ("2021年政府工作重点\n正文。\n", "y.txt", 2021),
        # A delivery date decades off the title's year is a typo: the title's year stands
        # (a generated benchmark report put 1974 on the Compare view's axis).
        ("宁波市人民政府\n2022年宁波市政府工作报告\n\n正文。\n1974年2月11日在宁波区第十四届人民代表大会第\n",
         "n.txt", 2022),
        # ... but a December congress's date one year before the title's is the date's.
        ("2021年政府工作报告\n——2020年12月28日在某某县第十七届人民代表大会第五次会议上\n一、2020年工作回顾\n",
         "x.txt", 2021),
        ("2022年政府工作报告\n——2021年1月8日在某某县第十七届人民代表大会第五次会议上\n", "x.txt", 2021),
        # File name fallback, but not digits inside a hash.
        ("政府工作报告\n各位代表：\n", "district_hailaer_2012.gbk.txt", 2012),
        ("政府工作报告\n各位代表：\n", "000_a2019b77.txt", None),
        # Last resort: the year the body plans for most.
        (
            "办实事项目\n1. 2021年底前完成改造。\n2. 到2021年底秸秆综合利用率达97%。\n3. 三年行动方案(2021—2023)。\n",
            "z.txt",
            2021,
        ),
    ],
)
def test_year(text: str, path: str, year: int | None) -> None:
    assert extract_metadata(text, {}, path).year == year


def test_region_from_file_name() -> None:
    text = "政府工作报告\n各位代表：\n现在，我代表市政府向大会报告工作。\n"
    assert extract_metadata(text, {}, "/reports/province_2026_四川省.txt").region == "四川省"
    assert extract_metadata(text, {}, "/reports/city_zhenjiang_2020.txt").region == "镇江市"


def test_list_without_title_names_its_district_and_city() -> None:
    text = (
        "根据市委统一部署，结合常州武进实际，武进区坚持把“办实事”与“学党史”同步开展。全区各级各部门梳理出重点民生项目。\n"
        "一、聚焦贯彻新发展理念办实事\n1. 举办武进人才周。完成武进区人民医院改造。到2021年底全区完成。\n"
    )
    m = extract_metadata(text, {}, "004_1a0878056af8613d.txt")
    assert (m.region, m.level, m.doc_type, m.year, m.title, m.publisher) == (
        "常州市武进区",
        "区县",
        "办实事",
        2021,
        "2021年常州市武进区办实事",
        "",
    )


def test_empty_text() -> None:
    assert extract_metadata("", {}, "") == Metadata()


# --------------------------------------------------------------------------- corpus golden
def _golden() -> list[dict]:
    with open(GOLDEN / "metadata.toml", "rb") as f:
        return tomllib.load(f)["report"]


def _expected(case: dict) -> dict:
    exp = {k: case[k] for k in FIELDS}
    exp["date"] = exp["date"] or None
    exp["adcode"] = exp["adcode"] or None
    exp["year"] = exp["year"] or None
    return exp


def _mismatch_table(name: str, expected: dict, actual: dict) -> str:
    rows = [(k, repr(expected[k]), repr(actual[k])) for k in FIELDS if expected[k] != actual[k]]
    w = max(len(r[1]) for r in rows)
    lines = [f"{name}: {len(rows)} field(s) differ", f"  {'field':<10} {'expected':<{w}}  actual"]
    lines += [f"  {k:<10} {e:<{w}}  {a}" for k, e, a in rows]
    return "\n".join(lines)


@pytest.mark.parametrize("case", _golden(), ids=lambda c: c["file"])
def test_corpus_golden(case: dict) -> None:
    from explorer.core.ingest import load_report

    report = load_report(corpus_file(case["file"]))
    actual = {k: getattr(report, k) for k in FIELDS}
    expected = _expected(case)
    assert actual == expected, _mismatch_table(case["file"], expected, actual)


def test_golden_covers_the_whole_corpus() -> None:
    from tests.conftest import corpus_report_names

    files = corpus_report_names()
    if not files:
        pytest.skip("corpus not available")
    assert files == {c["file"] for c in _golden()}


def test_metadata_is_frozen() -> None:
    m = Metadata(title="t")
    with pytest.raises(AttributeError):
        m.title = "x"  # type: ignore[misc]
    assert set(asdict(m)) == set(FIELDS)


def test_congress_in_december_plans_the_next_year() -> None:
    text = "——2020年12月28日在某某县第十七届人民代表大会第五次会议上\n各位代表：\n一、2020年工作回顾\n二、2021年工作安排\n"
    m = extract_metadata(text, {}, "x.txt")
    assert (m.date, m.year) == ("2020-12-28", 2021)


def test_undated_meeting_line_names_the_place() -> None:
    text = "政府工作报告\n——在江阴市第十七届人民代表大会第五次会议上\n市长 方力\n各位代表：\n现在，我代表市人民政府报告工作。\n"
    m = extract_metadata(text, {}, "x.txt")
    # 江阴 is a county-level city of 无锡: filed under its prefecture like a district.
    assert (m.region, m.level, m.adcode, m.parent, m.speaker, m.publisher) == (
        "无锡市江阴市",
        "区县",
        "320281",
        "无锡市",
        "方力",
        "无锡市江阴市人民政府",
    )


def test_news_wrapped_title_is_tidied() -> None:
    text = "【两会】2023年苏州市政府工作报告全文发布\n2023-01-12 10:00\n各位代表：\n现在，我代表市人民政府向大会报告工作。\n"
    m = extract_metadata(text, {}, "x.html")
    assert (m.title, m.region, m.year) == ("2023年苏州市政府工作报告", "苏州市", 2023)


def test_numbered_heading_is_not_a_title() -> None:
    text = "——2023年1月3日在某某区第十七届人民代表大会第二次会议上\n区长 王某\n四、办好民生实事\n各位代表：\n现在，我代表区人民政府报告工作。\n"
    m = extract_metadata(text, {}, "x.txt")
    assert m.doc_type == "政府工作报告"


def test_body_only_city_paper_is_not_read_as_its_province() -> None:
    # No title, portal or speech: the body speaks of 全省 (its rank) but mostly of 全市 and 無錫.
    body = (
        "勇做全省排頭兵，勇創全省示范區，勇當全省領跑者。全市上下堅定信心。\n"
        "一、推動無錫高質量發展\n全市完成無錫地鐵建設，無錫太湖灣科創帶加快建設。江蘇省委部署。\n"
    )
    m = extract_metadata(body, {}, "paper.txt")
    assert (m.region, m.level) == ("无锡市", "市")


def test_source_inside_a_sentence_is_no_portal_field() -> None:
    text = "2021年重点工作安排\n全年经济增长6%，数据来源:国家统计局\n"
    m = extract_metadata(text, {}, "x.txt")
    assert m.publisher == ""


# --------------------------------------------------------------------------- year from the body
def test_report_without_title_or_date_takes_the_year_it_plans() -> None:
    # The 1954 national report has no title line and no date in many copies: its body reviews
    # 一九五三年 and speaks of 一九五四年 as the year in hand; the plan's end (一九五七年) and
    # the founding (一九四九年) stand alone.
    text = (
        "各位代表：\n我代表中央人民政府，向大会报告工作。\n"
        "一九五三年，我国开始执行发展国民经济的第一个五年计划。一九五三年的工业总产值比上年增长"
        "百分之三十三。一九五四年上半年，工业生产继续增长；一九五四年的国家预算已经执行过半。"
        "到一九五七年，第一个五年计划将要完成。自一九四九年以来，国家面貌发生了深刻变化。"
        "一九五四年下半年，我们要继续努力。\n"
    )
    m = extract_metadata(text, {}, "speech.txt")
    assert (m.year, m.region, m.level, m.doc_type) == (1954, "全国", "全国", "政府工作报告")


def test_policy_address_year_is_the_year_it_is_delivered() -> None:
    # Delivered in October: it reviews its own year and plans the next.
    text = (
        "立法會主席、各位議員、各位市民：\n今天，是我發表的第二份《施政報告》。\n"
        "2023年上半年經濟復蘇，2023年全年增長。2024年我們將推出新措施，2024年起實施，"
        "2024年底前完成，2025年全面推行。\n"
    )
    m = extract_metadata(text, {}, "address.txt")
    assert (m.doc_type, m.year) == ("施政报告", 2023)


def test_a_work_report_body_plans_the_later_of_the_years_it_speaks_of() -> None:
    # Reviews 2023 (named more often), plans 2024; a goal for 2025 stands alone.
    text = (
        "各位代表：\n现在，我代表市人民政府向大会报告工作。\n"
        "2023年全市经济回升向好，2023年是极不平凡的一年，2023年新增就业3万人。"
        "2024年是实施“十四五”规划的关键一年。到2025年基本建成示范区。\n"
    )
    assert extract_metadata(text, {}, "r.txt").year == 2024


@pytest.mark.parametrize(
    "text, portal, year",
    [
        # a title year beyond next year is a typo or a goal, not the report's year
        ("2099年政府工作报告\n各位代表：\n一、2023年工作回顾\n", {}, 2024),
        # a portal date before 1949 is no delivery date's year either
        ("政府工作报告\n各位代表：\n一、2020年工作回顾\n", {"生成日期": "1900-01-01"}, 2021),
        # goals for 2035 and 2050 are never the report's year
        ("重点工作\n到2035年基本实现现代化，2050年建成强国。2024年完成改造，2024年底前建成。\n", {}, 2024),
    ],
)
def test_years_outside_1949_to_next_year_are_never_the_year(
    text: str, portal: dict[str, str], year: int
) -> None:
    assert extract_metadata(text, portal, "x.txt").year == year

"""Panels: targets paired with the results a later report gives for the same year.

The expected pairs were written by reading the reports (sentences quoted beside them), not
by running the program:

national_2024.txt, 2024年经济社会发展总体要求: "今年发展主要预期目标是：国内生产总值增长5%左右；
城镇新增就业1200万人以上，城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；……粮食产量1.3万亿斤以上；
单位国内生产总值能耗降低2.5%左右"
national_2025.txt, 2024年工作回顾: "国内生产总值达到134.9万亿元、增长5%" "城镇新增就业1256万人、
城镇调查失业率平均为5.1%，居民消费价格上涨0.2%" "粮食产量首次跃上1.4万亿斤新台阶"
"单位国内生产总值能耗降幅超过3%"

district_hailaer_2012 (GBK), 2012年……目标任务: "地区生产总值达到240亿元，同比增长21%；地方财政总收入
达到20亿元，同比增长24.6%；固定资产投资完成194亿元，同比增长25％；社会消费品零售总额达到100.8亿元，
同比增长20％；城镇人均可支配收入达到23896元，同比增长18％；农民人均纯收入达到16892元，同比增长18％"
and "全年实现新增就业5000人".
district_hailaer_2013 (GBK), 过去一年工作回顾 (= 2012): "全年地区生产总值完成235.2亿元，同比增长18.5%；
地方财政总收入完成20.67亿元，同比增长28.8%" "社会消费品零售总额完成97.9亿元，同比增长16.2%"
"城镇居民人均可支配收入达到23267元，同比增长14.9%；农民人均纯收入达到16720元，同比增长16.8%"
"城镇新增就业6128人". The 2013 report gives no 2012 figure for fixed-asset investment.
"""

from __future__ import annotations

import csv
import json

import pytest

from explorer.core.model import Target
from explorer.core.scripts import fold
from explorer.core.targets import panel
from explorer.core.targets.indicators import load_indicators
from tests.conftest import CORPUS_FILES, corpus_file

pytest.importorskip("explorer.library")

INDICATORS = load_indicators()

# (region, year, indicator): ((target value, value_high, unit, qualifier, report file) | None,
#                             (result value, unit, report file) | None)
NATIONAL_2024 = {
    ("全国", 2024, "地区生产总值增长"): ((5.0, None, "%", "左右", "national_2024"), (5.0, "%", "national_2025")),
    ("全国", 2024, "城镇新增就业"): ((1200.0, None, "万人", "以上", "national_2024"), (1256.0, "万人", "national_2025")),
    ("全国", 2024, "城镇调查失业率"): ((5.5, None, "%", "左右", "national_2024"), (5.1, "%", "national_2025")),
    ("全国", 2024, "居民消费价格涨幅"): ((3.0, None, "%", "左右", "national_2024"), (0.2, "%", "national_2025")),
    ("全国", 2024, "单位地区生产总值能耗降低"): ((2.5, None, "%", "左右", "national_2024"), (3.0, "%", "national_2025")),
}
HAILAER_2012 = {
    ("呼伦贝尔市海拉尔区", 2012, "地区生产总值"): ((240.0, None, "亿元", "达到", "hailaer_2012"), (235.2, "亿元", "hailaer_2013")),
    ("呼伦贝尔市海拉尔区", 2012, "地区生产总值增长"): ((21.0, None, "%", "", "hailaer_2012"), (18.5, "%", "hailaer_2013")),
    ("呼伦贝尔市海拉尔区", 2012, "地方财政总收入"): ((20.0, None, "亿元", "达到", "hailaer_2012"), (20.67, "亿元", "hailaer_2013")),
    ("呼伦贝尔市海拉尔区", 2012, "地方财政总收入增长"): ((24.6, None, "%", "", "hailaer_2012"), (28.8, "%", "hailaer_2013")),
    ("呼伦贝尔市海拉尔区", 2012, "社会消费品零售总额"): ((100.8, None, "亿元", "达到", "hailaer_2012"), (97.9, "亿元", "hailaer_2013")),
    ("呼伦贝尔市海拉尔区", 2012, "社会消费品零售总额增长"): ((20.0, None, "%", "", "hailaer_2012"), (16.2, "%", "hailaer_2013")),
    ("呼伦贝尔市海拉尔区", 2012, "城镇居民人均可支配收入"): ((23896.0, None, "元", "达到", "hailaer_2012"), (23267.0, "元", "hailaer_2013")),
    ("呼伦贝尔市海拉尔区", 2012, "城镇居民人均可支配收入增长"): ((18.0, None, "%", "", "hailaer_2012"), (14.9, "%", "hailaer_2013")),
    ("呼伦贝尔市海拉尔区", 2012, "农村居民人均可支配收入"): ((16892.0, None, "元", "达到", "hailaer_2012"), (16720.0, "元", "hailaer_2013")),
    ("呼伦贝尔市海拉尔区", 2012, "农村居民人均可支配收入增长"): ((18.0, None, "%", "", "hailaer_2012"), (16.8, "%", "hailaer_2013")),
    ("呼伦贝尔市海拉尔区", 2012, "城镇新增就业"): ((5000.0, None, "人", "", "hailaer_2012"), (6128.0, "人", "hailaer_2013")),
    ("呼伦贝尔市海拉尔区", 2012, "固定资产投资"): ((194.0, None, "亿元", "", "hailaer_2012"), None),
}


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from explorer.library import Library

    lib = Library(tmp_path_factory.mktemp("lib"), workers=1)
    lib.index([str(corpus_file(f)) for f in CORPUS_FILES])
    yield lib
    lib.close()


@pytest.fixture(scope="module")
def rows(library):
    return panel.build_panel(library.targets(), INDICATORS)


def _by_key(rows):
    return {(r.region, r.year, r.indicator): r for r in rows}


def _actual(row):
    t, r = row.target, row.result
    return (
        None if t is None else (t.value, t.value_high if t.value_high != t.value else None, t.unit, t.qualifier,
                                _short(t.path)),
        None if r is None else (r.value, r.unit, _short(r.path)),
    )


def _short(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name.replace("district_", "").replace(".gbk.txt", "").replace(".txt", "")


@pytest.mark.parametrize("key", list(NATIONAL_2024) + list(HAILAER_2012), ids=lambda k: f"{k[0]}-{k[1]}-{k[2]}")
def test_pairs_read_from_the_reports(rows, key):
    expected = {**NATIONAL_2024, **HAILAER_2012}[key]
    got = _by_key(rows).get(key)
    assert got is not None, f"no panel row for {key}"
    assert _actual(got) == expected, f"\n{key}\n expected {expected}\n      got {_actual(got)}"


def test_grain_output_2024_is_paired(rows):
    # 粮食产量首次跃上1.4万亿斤新台阶: the measure is named before the figure, not after it.
    row = _by_key(rows)[("全国", 2024, "粮食产量")]
    assert row.result is not None and row.result.value == 1.4


def test_each_side_points_at_its_sentence(library, rows):
    reports = {}
    checked = 0
    for row in rows:
        for side in (row.target, row.result):
            if side is None:
                continue
            if side.path not in reports:
                reports[side.path] = library.report(side.path)
            text = reports[side.path].text
            assert text[side.start:side.end] == side.text
            assert side.text in side.sentence
            checked += 1
    assert checked > 50


def test_a_target_pairs_only_with_a_later_report(rows):
    for row in rows:
        if row.target is not None:
            assert row.target.kind == "target" and row.target.year == row.year
        if row.result is not None:
            assert row.result.kind == "achievement"
            assert row.result.report_year > row.year


def test_regions_are_not_mixed(rows):
    by_key = _by_key(rows)
    # 全国 2024 and 海拉尔区 2012 both have GDP growth: each keeps its own figures.
    assert by_key[("全国", 2024, "地区生产总值增长")].result.path.endswith("national_2025.txt")
    assert by_key[("呼伦贝尔市海拉尔区", 2012, "地区生产总值增长")].result.path.endswith("district_hailaer_2013.gbk.txt")
    # A report with no next report has targets without results.
    row = by_key[("四川省", 2026, "地区生产总值增长")]
    assert (row.target.value, row.result) == (5.5, None)


def test_filters(library):
    obs = panel.observations(library.targets(), INDICATORS)
    gdp = panel.pair_up(obs, indicators=["地区生产总值增长"])
    assert {r.indicator for r in gdp} == {"地区生产总值增长"}
    assert {r.region for r in gdp} >= {"全国", "呼伦贝尔市海拉尔区", "上海市", "四川省"}
    # Region substrings in either script; year ranges inclusive.
    hl = panel.pair_up(obs, regions=["海拉爾"], years=(2012, 2012))
    assert hl and {(r.region, r.year) for r in hl} == {("呼伦贝尔市海拉尔区", 2012)}
    employment = panel.pair_up(obs, themes=["就业"])
    assert {r.indicator for r in employment} >= {"城镇新增就业", "城镇调查失业率"}
    assert "地区生产总值" not in {r.indicator for r in employment}


# -- which year a figure is for ------------------------------------------------------


def _t(sentence: str, text: str, kind: str, section: str = "") -> Target:
    start = sentence.index(text)
    return Target("地区生产总值增长", 9.4, None, "%", "", kind, (), start, start + len(text), text, section, sentence)


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "section", "report_year", "expected"),
    [
        ("2022年地区生产总值增长9.4%。", "增长9.4%", "achievement", "", 2023, 2022),
        ("地区生产总值增长9.4%。", "增长9.4%", "achievement", "过去一年工作回顾", 2023, 2022),
        ("地区生产总值增长5.2%。", "增长5.2%", "achievement", "2023年工作回顾", 2024, 2023),
        ("比2019年增长9.4%。", "增长9.4%", "achievement", "", 2021, 2020),  # a baseline, not the year
        ("五年来，地区生产总值年均增长9.4%。", "增长9.4%", "achievement", "", 2023, None),
        ("地区生产总值增长9.4%。", "增长9.4%", "achievement", "过去五年工作回顾", 2023, None),
        ("地區生產總值增長9.4%。", "增長9.4%", "achievement", "本屆政府工作回顧", 2022, None),
        ("地区生产总值增长9.4%。", "增长9.4%", "achievement", "2025年工作回顾和“十四五”发展主要成就", 2026, 2025),
        ("地区生产总值增长6.5%左右。", "增长6.5%", "target", "2023年工作安排", 2023, 2023),
        ("地区生产总值增长6.5%左右。", "增长6.5%", "target", "", 2023, 2023),
        ("到2025年，地区生产总值增长6.5%。", "增长6.5%", "target", "", 2021, 2025),
        ("地区生产总值增长6.5%。", "增长6.5%", "target", "“十四五”时期主要目标", 2021, None),
    ],
)
def test_figure_year(sentence, text, kind, section, report_year, expected):
    assert panel.figure_year(_t(sentence, text, kind, section), report_year) == expected


# -- choosing among candidates -------------------------------------------------------


def _obs(kind: str, year: int, report_year: int, value: float, start: int = 0, region: str = "常州市") -> panel.Observation:
    return panel.Observation(
        region=region, region_key=fold(region), level="市", indicator="地区生产总值增长", year=year, kind=kind,
        value=value, value_high=None, unit="%", qualifier="", themes=("经济发展",), text="", sentence="",
        section="", start=start, end=start + 1, path=f"/r/{report_year}.txt", title="", report_year=report_year,
    )


def test_the_report_of_the_year_sets_its_target_and_the_next_one_reports_it():
    rows = panel.pair_up([
        _obs("target", 2025, 2021, 6.0),  # an old plan's 到2025年
        _obs("target", 2025, 2025, 5.5, start=100),
        _obs("target", 2025, 2025, 5.0, start=900),  # restated later in the same report
        _obs("achievement", 2025, 2027, 5.9),  # restated two years later
        _obs("achievement", 2025, 2026, 6.1),
        _obs("achievement", 2025, 2025, 1.0),  # a report cannot review its own year
    ])
    assert len(rows) == 1
    assert (rows[0].target.value, rows[0].result.value) == (5.5, 6.1)


def test_an_old_plan_fills_in_when_the_year_has_no_report():
    rows = panel.pair_up([_obs("target", 2025, 2021, 6.0), _obs("target", 2025, 2023, 6.2)])
    assert rows[0].target.value == 6.2


# -- export --------------------------------------------------------------------------


def test_csv_is_plain_utf8_with_ascii_column_names(tmp_path, rows):
    out = tmp_path / "panel.csv"
    n = panel.write_csv(rows, out)
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert n == len(table) == len(rows)
    assert all(c.isascii() and c.isidentifier() and len(c) <= 32 for c in panel.COLUMNS)
    row = next(r for r in table if r["region"] == "全国" and r["year"] == "2024" and r["indicator"] == "城镇新增就业")
    assert (row["target_value"], row["target_qualifier"], row["result_value"]) == ("1200.0", "以上", "1256.0")
    assert row["target_report_year"] == "2024" and row["result_report_year"] == "2025"
    assert (row["unit_base"], row["target_value_base"], row["result_value_base"]) == ("人", "12000000.0", "12560000.0")
    district = next(r for r in table if r["region"] == "呼伦贝尔市海拉尔区" and r["year"] == "2012"
                    and r["indicator"] == "城镇新增就业")
    assert (district["unit_base"], district["target_value_base"], district["result_value_base"]) == ("人", "5000.0", "6128.0")
    missing = next(r for r in table if r["region"] == "四川省" and r["year"] == "2026" and r["indicator"] == "地区生产总值增长")
    assert missing["result_value"] == ""


def test_xlsx_and_json_carry_the_same_rows(tmp_path, rows):
    from openpyxl import load_workbook

    out = tmp_path / "panel.xlsx"
    assert panel.write_file(rows, out) == len(rows)
    ws = load_workbook(out, read_only=True)["panel"]
    table = list(ws.iter_rows(values_only=True))
    assert list(table[0]) == list(panel.COLUMNS)
    assert len(table) == len(rows) + 1
    import io

    buf = io.StringIO()
    panel.write_json(rows, buf)
    data = json.loads(buf.getvalue())
    assert [d["indicator"] for d in data] == [r.indicator for r in rows]


# -- invariants over any mix of figures -----------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_observation = st.builds(
    _obs,
    kind=st.sampled_from(["target", "achievement"]),
    year=st.integers(2015, 2020),
    report_year=st.integers(2014, 2022),
    value=st.floats(0, 100, allow_nan=False),
    start=st.integers(0, 1000),
    region=st.sampled_from(["常州市", "镇江市", "鎮江市"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_observation, max_size=40))
def test_pairing_invariants(obs):
    rows = panel.pair_up(obs)
    keys = [(r.indicator, fold(r.region), r.year) for r in rows]
    assert len(keys) == len(set(keys))  # one row per region (either script), year, indicator
    for row in rows:
        assert row.target is not None or row.result is not None
        if row.target is not None:
            assert row.target.kind == "target" and row.target.year == row.year
        if row.result is not None:
            assert row.result.kind == "achievement" and row.result.report_year > row.year
    # Every usable figure is in some row.
    usable = {(o.indicator, fold(o.region), o.year) for o in obs
              if o.kind == "target" or o.report_year > o.year}
    assert usable == set(keys)


def test_figures_without_region_or_year_are_left_out():
    class Info:
        def __init__(self, region, year):
            self.path, self.title, self.region, self.year = "/r.txt", "", region, year

    t = _t("地区生产总值增长6.5%左右。", "增长6.5%", "target", "2023年工作安排")
    assert panel.observations([(Info("", 2023), t), (Info("常州市", None), t)], INDICATORS) == []
    assert len(panel.observations([(Info("常州市", 2023), t)], INDICATORS)) == 1

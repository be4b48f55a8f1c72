"""Canonical indicators: synonyms in both scripts, units, exclusions, user files."""

from __future__ import annotations

import pytest

from explorer.core.model import Target
from explorer.core.targets import indicators

REQUIRED = ("地区生产总值增长", "一般公共预算收入增长", "城镇新增就业", "城镇调查失业率",
            "PM2.5平均浓度", "研发经费投入占比")


def bundled() -> indicators.IndicatorSet:
    return indicators.load_indicators(indicators.BUNDLED_INDICATORS)


def test_bundled_file_has_the_indicators_the_issue_names():
    assert set(REQUIRED) <= set(bundled().names)


# (indicator text as the extractor gives it, unit) -> canonical indicator. The texts are the
# ones real reports produce (see tests/core/test_panel.py for where they come from).
@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("地区生产总值增长", "%", "地区生产总值增长"),
        ("国内生产总值增长", "%", "地区生产总值增长"),
        ("GDP增长", "%", "地区生产总值增长"),
        ("ＧＤＰ增長", "%", "地区生产总值增长"),
        ("全省生产总值增长", "%", "地区生产总值增长"),
        ("全市生产总值增长", "%", "地区生产总值增长"),
        ("經濟增長預期目標", "%", "地区生产总值增长"),
        ("地区生产总值完成同比增长", "%", "地区生产总值增长"),  # 完成…，同比增长 run together
        ("地區生產總值增速", "%", "地区生产总值增长"),
        ("地区生产总值完成", "亿元", "地区生产总值"),  # a level, not a growth rate
        ("国内生产总值", "万亿元", "地区生产总值"),
        ("城镇新增就业", "万人", "城镇新增就业"),
        ("新增城鎮就業", "万人", "城镇新增就业"),
        ("新增就业", "人", "城镇新增就业"),
        ("城镇调查失业率", "%", "城镇调查失业率"),
        ("城鎮登記失業率", "%", "城镇登记失业率"),
        ("居民消费价格上涨", "%", "居民消费价格涨幅"),
        ("地方一般公共预算收入增长", "%", "一般公共预算收入增长"),
        ("地级及以上城市细颗粒物（PM2.5）平均浓度下降", "%", "PM2.5平均浓度下降"),
        ("全市PM2.5平均濃度", "微克/立方米", "PM2.5平均浓度"),
        ("全社會研發投入占GDP比重力爭", "%", "研发经费投入占比"),
        ("单位国内生产总值能耗降低", "%", "单位地区生产总值能耗降低"),
        ("城镇居民人均可支配收入完成同比增长", "%", "城镇居民人均可支配收入增长"),  # longest synonym wins
        ("居民人均可支配收入实际增长", "%", "居民人均可支配收入增长"),
        ("农民人均纯收入", "元", "农村居民人均可支配收入"),
    ],
)
def test_synonyms_map_to_one_indicator(text, unit, expected):
    assert bundled().match_text(text, unit) == expected


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("对全球经济增长的贡献率", "%"),  # 经济增长 inside another measure
        ("数字经济核心产业增加值占国内生产总值比重", "%"),
        ("地区生产总值", "%"),  # a share of GDP, not GDP: the unit rules it out
        ("工业固定资产投资完成同比增长", "%"),  # one sector's investment, not all of it
        ("脱贫地区农村居民收入增长", "%"),
        ("高校毕业生就业", "人"),
        ("下岗失业人员再就业", "人"),
        ("地区生产总值年均增长", "%"),  # a multi-year average is no year's figure
        ("技术合同成交额增长", "%"),
        ("城镇新增就业", "%"),
    ],
)
def test_other_measures_map_to_none(text, unit):
    assert bundled().match_text(text, unit) is None


def test_match_takes_a_target():
    t = Target("国内生产总值增长", 5.0, None, "%", "左右", "target", ("经济发展",), 0, 11,
               "国内生产总值增长5%左右", "", "国内生产总值增长5%左右")
    assert bundled().match(t) == "地区生产总值增长"


def test_every_name_matches_itself_with_its_first_unit():
    # An entry whose own name its exclusions or drop words break could never be chosen.
    ind = bundled()
    for entry in ind.indicators:
        unit = sorted(entry.units)[0] if entry.units else "%"
        assert ind.match_text(entry.name, unit) == entry.name, entry.name


USER_FILE = """
[normalize]
drop = ["完成"]

[indicators."水质达标率"]
synonyms = ["地表水优良水质断面比例", "水质达标率"]
units = ["%"]
direction = "higher"
"""


def test_user_file_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "indicators.toml"
    path.write_text(USER_FILE, encoding="utf-8")
    monkeypatch.setenv(indicators.ENV_VAR, str(path))
    current = indicators.current_indicators()
    assert current.source == str(path)
    assert current.names == ("水质达标率",)
    assert current.match_text("地表水优良水质断面比例", "%") == "水质达标率"
    assert current.match_text("地区生产总值增长", "%") is None
    # Edited while the app runs: the next call reads the new file.
    path.write_text(USER_FILE.replace("水质达标率", "地表水达标率"), encoding="utf-8")
    assert indicators.current_indicators().names == ("地表水达标率",)


def test_user_config_file_is_used_when_present(tmp_path, monkeypatch):
    monkeypatch.delenv(indicators.ENV_VAR, raising=False)
    user = tmp_path / "indicators.toml"
    user.write_text(USER_FILE, encoding="utf-8")
    monkeypatch.setattr(indicators, "user_indicators_path", lambda: user)
    assert indicators.indicators_path() == user
    user.unlink()
    assert indicators.indicators_path() == indicators.BUNDLED_INDICATORS


@pytest.mark.parametrize(
    "text",
    [
        "not toml [",
        "[normalize]\ndrop = []\n",  # no indicators
        '[indicators."x"]\nsynonyms = "not a list"\n',
        '[indicators."x"]\ndirection = "sideways"\n',
    ],
)
def test_broken_files_are_reported(text):
    with pytest.raises(indicators.IndicatorsError):
        indicators.parse_indicators(text)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("地区生产总值增长", "地区生产总值增长"), ("地區生產總值增長", "地区生产总值增长"), ("GDP增长", "地区生产总值增长"),
     ("新增城镇就业", "城镇新增就业"), ("pm2.5平均浓度", "PM2.5平均浓度"), ("no such thing", None)],
)
def test_resolve_a_name_a_user_types(name, expected):
    assert bundled().resolve(name) == expected

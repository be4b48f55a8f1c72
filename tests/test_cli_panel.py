"""`report-explorer panel`: indicator names, filters and the JSON / CSV / XLSX exports.

Expected figures read from the reports: national_2024 sets 城镇新增就业1200万人以上 and
城镇调查失业率5.5%左右 for 2024; national_2025's 2024年工作回顾 reports 城镇新增就业1256万人、
城镇调查失业率平均为5.1%.
"""

from __future__ import annotations

import csv
import json

import pytest

from explorer.cli import main
from tests.conftest import corpus_file

pytest.importorskip("explorer.library")

FILES = ["national_2024.txt", "national_2025.txt", "district_hailaer_2012.gbk.txt", "district_hailaer_2013.gbk.txt"]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from explorer.library import Library

    lib_dir = tmp_path_factory.mktemp("lib")
    with Library(lib_dir, workers=1) as lib:
        lib.index([str(corpus_file(f)) for f in FILES])
    return lib_dir


def run_json(capsys, *argv: str) -> list[dict]:
    assert main(["panel", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_pairs_target_and_result(library, capsys):
    rows = run_json(capsys, "--library", str(library), "--indicator", "城镇新增就业")
    by_key = {(r["region"], r["year"]): r for r in rows}
    national = by_key[("全国", 2024)]
    assert (national["target_value"], national["target_unit"], national["target_qualifier"]) == (1200.0, "万人", "以上")
    assert national["result_value"] == 1256.0
    assert national["target_path"].endswith("national_2024.txt")
    assert national["result_path"].endswith("national_2025.txt")
    assert "城镇新增就业1256万人" in national["result_sentence"]
    hailaer = by_key[("呼伦贝尔市海拉尔区", 2012)]
    assert (hailaer["target_value"], hailaer["result_value"]) == (5000.0, 6128.0)
    assert {r["indicator"] for r in rows} == {"城镇新增就业"}


def test_synonym_traditional_and_filters(library, capsys):
    rows = run_json(capsys, "--library", str(library), "--indicator", "城鎮調查失業率", "--region", "全国",
                    "--from", "2024", "--to", "2024")
    assert [(r["region"], r["year"], r["target_value"], r["result_value"]) for r in rows] == [("全国", 2024, 5.5, 5.1)]
    rows = run_json(capsys, "--library", str(library), "--indicator", "GDP增长", "--region", "海拉爾")
    assert {r["indicator"] for r in rows} == {"地区生产总值增长"}
    assert {r["region"] for r in rows} == {"呼伦贝尔市海拉尔区"}


def test_unknown_indicator_fails_with_the_known_ones(library, capsys):
    assert main(["panel", "--library", str(library), "--indicator", "幸福指数"]) == 2
    err = capsys.readouterr().err
    assert "幸福指数" in err and "城镇新增就业" in err


def test_csv_and_xlsx(library, tmp_path, capsys):
    out = tmp_path / "p.csv"
    assert main(["panel", "--library", str(library), "--csv", str(out)]) == 0
    assert "rows written" in capsys.readouterr().err
    with open(out, encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert len({r["indicator"] for r in table}) > 5
    xlsx = tmp_path / "p.xlsx"
    assert main(["panel", "--library", str(library), "--indicator", "地区生产总值增长", "--xlsx", str(xlsx)]) == 0
    from openpyxl import load_workbook

    values = list(load_workbook(xlsx, read_only=True)["panel"].iter_rows(values_only=True))
    assert values[0][:4] == ("region", "level", "year", "indicator")
    assert len(values) > 2


def test_plain_lines_and_list(library, capsys):
    assert main(["panel", "--library", str(library), "--indicator", "地区生产总值增长", "--region", "全国"]) == 0
    out = capsys.readouterr().out
    assert "全国\t2024\t地区生产总值增长\t目标 5%左右\t实际 5%" in out
    assert main(["panel", "--library", str(library), "--list"]) == 0
    listed = dict(line.split("\t") for line in capsys.readouterr().out.splitlines())
    assert int(listed["城镇新增就业"]) >= 6  # 2 reports × (target + result) + 2 more
    assert listed["PM2.5平均浓度"] == "0"


def test_indicators_file_option(library, tmp_path, capsys):
    own = tmp_path / "indicators.toml"
    own.write_text('[indicators."就业人数"]\nsynonyms = ["城镇新增就业", "新增就业"]\nunits = ["人", "万人"]\n',
                   encoding="utf-8")
    rows = run_json(capsys, "--library", str(library), "--indicators-file", str(own))
    assert rows and {r["indicator"] for r in rows} == {"就业人数"}
    broken = tmp_path / "broken.toml"
    broken.write_text("[indicators", encoding="utf-8")
    assert main(["panel", "--library", str(library), "--indicators-file", str(broken)]) == 2
    assert "broken.toml" in capsys.readouterr().err

"""`report-explorer targets`: filters and the JSON / CSV / XLSX exports."""

from __future__ import annotations

import csv
import json

import pytest

from explorer.cli import main
from tests.conftest import corpus_file

pytest.importorskip("explorer.library")

FILES = ["001_f884b8c2acd53f6d.txt", "district_hailaer_2013.gbk.txt"]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from explorer.library import Library

    lib_dir = tmp_path_factory.mktemp("lib")
    Library(lib_dir, workers=1).index([str(corpus_file(f)) for f in FILES])
    return lib_dir


def run_json(capsys, *argv: str) -> list[dict]:
    assert main(["targets", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_rows_carry_report_and_target(library, capsys):
    rows = run_json(capsys, "--library", str(library))
    assert rows
    keys = {"title", "region", "year", "indicator", "value", "value_high", "unit", "qualifier",
            "kind", "themes", "section", "text", "sentence", "start", "end", "path"}
    assert keys <= set(rows[0])
    assert {r["year"] for r in rows} >= {2013}


def test_theme_and_kind_filters(library, capsys):
    rows = run_json(capsys, "--library", str(library), "--theme", "就業", "--kind", "target")
    assert rows
    assert all("就业" in r["themes"] and r["kind"] == "target" for r in rows)
    # 海拉尔 2013 plans 5400 new urban jobs
    assert any(r["value"] == 5400 and "就业" in r["indicator"] for r in rows)


def test_region_and_year_filters(library, capsys):
    rows = run_json(capsys, "--library", str(library), "--year", "2013")
    assert rows and all(r["year"] == 2013 for r in rows)
    rows = run_json(capsys, "--library", str(library), "--region", "海拉尔")
    assert rows and all("海拉尔" in r["region"] for r in rows)


def test_csv_export(library, tmp_path, capsys):
    out = tmp_path / "t.csv"
    assert main(["targets", "--library", str(library), "--theme", "教育", "--csv", str(out)]) == 0
    with open(out, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert table and all("教育" in r["themes"] for r in table)
    assert all(r["title"] and r["sentence"] for r in table)


def test_xlsx_export(library, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "t.xlsx"
    assert main(["targets", "--library", str(library), "--theme", "生态", "--xlsx", str(out)]) == 0
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header[:4] == ["报告", "地区", "年份", "指标"]
    assert ws.max_row > 1


def test_plain_listing(library, capsys):
    assert main(["targets", "--library", str(library), "--theme", "就业"]) == 0
    out = capsys.readouterr()
    assert "就业" in out.out and "targets" in out.err

"""`report-explorer kwic` and `freq` on real reports: every figure is checked against a plain
scan of the folded clean text of the stored reports (str.count over scripts.fold(text), no
search code), so the concordance and the counts are exactly what search promises.

Facts read from the reports: national_2024 says 碳达峰 three times, once under 一、2023年工作回顾
(启动首批碳达峰试点城市) and twice in 积极稳妥推进碳达峰碳中和。扎实开展“碳达峰十大行动”, under
三、2024年政府工作任务 › （九）加强生态文明建设，推进绿色低碳发展; national_2025 says 碳达峰碳中和 and
国家碳达峰第二批试点. The 常州 seed (000) is in Traditional characters (就業).
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata

import pytest

from explorer.cli import main
from explorer.core.scripts import fold
from tests.conftest import corpus_file

pytest.importorskip("explorer.library")

FILES = [
    "000_f5ab8c29433f7e08.txt", "001_f884b8c2acd53f6d.txt", "002_727519bda47afc6d.txt",
    "national_2024.txt", "national_2025.txt", "district_hailaer_2012.gbk.txt",
    "district_hailaer_2013.gbk.txt", "province_2026_四川省.txt", "prefecture_成都市_2024.txt",
    "county_天门市_2024.txt",
]
KWIC_FIELDS = ["left", "hit", "right", "path", "title", "region", "adcode", "level", "year",
               "doc_type", "section", "start", "end", "citation"]
FREQ_FIELDS = ["key", "term", "hits", "reports", "chars", "per_10k", "group_reports"]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from explorer.library import Library

    lib_dir = tmp_path_factory.mktemp("analysis-lib")
    with Library(lib_dir, workers=1) as lib:
        summary = lib.index([str(corpus_file(f)) for f in FILES])
        assert summary.added == len(FILES), summary.skipped
    return lib_dir


@pytest.fixture(scope="module")
def reports(library):
    """The stored reports: what the expected values are computed from."""
    from explorer.library import Library

    with Library(library) as lib:
        return [lib.report(info.path) for info in lib.reports()]


def cli_json(capsys, *argv: str) -> dict:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def scan(reports, term: str) -> dict[str, int]:
    """path -> occurrences of `term` in the folded clean text (str.count: non-overlapping)."""
    needle = fold(term)
    return {r.path: fold(r.text).count(needle) for r in reports}


# -- kwic -------------------------------------------------------------------------------------


@pytest.mark.parametrize("term", ["碳达峰", "就业", "就業", "镇", "PM2.5", "高质量发展"])
def test_kwic_has_a_row_for_every_occurrence_in_either_script(library, reports, capsys, term):
    out = cli_json(capsys, "kwic", term, "--library", str(library), "--json")
    assert set(out) == {"query", "total", "rows"}
    expected = scan(reports, term)
    assert out["total"] == len(out["rows"]) == sum(expected.values()) > 0
    by_path: dict[str, int] = {}
    texts = {r.path: r.text for r in reports}
    for row in out["rows"]:
        assert list(row) == KWIC_FIELDS
        text = texts[row["path"]]
        assert fold(text[row["start"]:row["end"]]) == fold(term) == fold(row["hit"])
        by_path[row["path"]] = by_path.get(row["path"], 0) + 1
    assert by_path == {p: n for p, n in expected.items() if n}


def test_kwic_contexts_are_the_text_beside_the_hit_cut_at_paragraphs(library, reports, capsys):
    out = cli_json(capsys, "kwic", "发展", "--library", str(library), "--json")
    texts = {r.path: r.text for r in reports}
    cut_left = cut_right = 0
    for row in out["rows"]:
        text, s, e = texts[row["path"]], row["start"], row["end"]
        breaks = "\n\n" if "\n\n" in text else "\n"
        left = text[max(0, s - 30):s].split(breaks)[-1]
        right = text[e:e + 30].split(breaks)[0]
        if breaks == "\n\n":  # a hard-wrapped report: its line breaks inside a paragraph go
            left, right = left.replace("\n", ""), right.replace("\n", "")
        assert (row["left"], row["right"]) == (left, right)
        assert "\n" not in row["left"] + row["right"] and len(row["left"]) <= 30 >= len(row["right"])
        cut_left += len(left) < 30 and s >= 30
        cut_right += len(right) < 30 and e + 30 <= len(text)
    assert cut_left and cut_right  # paragraph breaks did cut some contexts

    crossing = cli_json(capsys, "kwic", "发展", "--library", str(library), "--json", "--cross-paragraphs",
                        "--context", "12")
    assert len(crossing["rows"]) == len(out["rows"])
    assert any("¶" in r["left"] or "¶" in r["right"] for r in crossing["rows"])
    assert all(len(r["left"].replace("¶", "")) <= 12 for r in crossing["rows"])


def test_kwic_section_and_citation(library, capsys):
    out = cli_json(capsys, "kwic", "碳达峰", "year:2024", "--library", str(library), "--json")
    national = [r for r in out["rows"] if r["path"].endswith("national_2024.txt")]
    assert len(national) == 3
    first, *task = sorted(national, key=lambda r: r["start"])
    assert first["section"].startswith("一、2023年工作回顾")
    assert first["right"].startswith("试点城市和园区建设")
    for row in task:
        assert row["section"] == "三、2024年政府工作任务 › （九）加强生态文明建设，推进绿色低碳发展"
    assert task[1]["left"].endswith("扎实开展“") and task[1]["right"].startswith("十大行动”")
    assert all(r["year"] == 2024 for r in out["rows"])
    assert first["level"] == "全国" and first["adcode"] is None or isinstance(first["adcode"], str)
    assert first["citation"].startswith("国务院《") and "（2024年）" in first["citation"]
    gbt = cli_json(capsys, "kwic", "碳达峰", "year:2024", "--library", str(library), "--json", "--style", "gbt7714")
    assert all("[R]." in r["citation"] for r in gbt["rows"])


def test_kwic_sort_orders(library, capsys):
    base = ["kwic", "就业", "--library", str(library), "--json"]
    rows = cli_json(capsys, *base, "--sort", "left")["rows"]
    keys = [fold(r["left"])[::-1] for r in rows]
    assert keys == sorted(keys) and len(set(keys)) > 10  # the character nearest the hit first
    rows = cli_json(capsys, *base, "--sort", "right", "--desc")["rows"]
    keys = [fold(r["right"]) for r in rows]
    assert keys == sorted(keys, reverse=True)
    rows = cli_json(capsys, *base, "--sort", "year")["rows"]
    years = [r["year"] if r["year"] is not None else 9999 for r in rows]
    assert years == sorted(years)
    rows = cli_json(capsys, *base)["rows"]  # the library's order: year, region, report, position
    order = [(r["year"] or 9999, r["path"], r["start"]) for r in rows]
    assert [o[0] for o in order] == sorted(o[0] for o in order)
    for a, b in zip(order, order[1:], strict=False):
        if a[1] == b[1]:
            assert a[2] < b[2]
    limited = cli_json(capsys, *base, "--sort", "left", "--limit", "5")
    assert limited["rows"] == cli_json(capsys, *base, "--sort", "left")["rows"][:5]
    assert limited["total"] > 5


def test_kwic_scripts_and_filters(library, capsys):
    simplified = cli_json(capsys, "kwic", "就业", "--library", str(library), "--json")["rows"]
    traditional = cli_json(capsys, "kwic", "就業", "--library", str(library), "--json", "--script", "traditional")["rows"]
    assert [(r["path"], r["start"]) for r in simplified] == [(r["path"], r["start"]) for r in traditional]
    assert all(r["hit"] == "就業" for r in traditional)
    assert all(fold(t["left"]) == fold(s["left"]) for s, t in zip(simplified, traditional, strict=True))
    changzhou = [r for r in simplified if r["region"].startswith("常州")]
    assert changzhou and any("業" in r["right"] for r in changzhou)  # the report's own script
    only = cli_json(capsys, "kwic", "就业", "region:天门", "--library", str(library), "--json")["rows"]
    assert only and all("天门" in r["region"] for r in only)
    assert cli_json(capsys, "kwic", "就业", "-创业", "--library", str(library), "--json")["total"] < len(simplified)


def test_kwic_text_csv_and_xlsx(library, reports, capsys, tmp_path):
    n = sum(scan(reports, "碳达峰").values())
    assert main(["kwic", "碳达峰", "--library", str(library)]) == 0
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert len(lines) == n and f"{n} hits of '碳达峰' in" in out.err

    def columns(line: str) -> int:  # terminal columns up to the hit
        head = line.split("«")[0]
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in head)

    assert len({columns(line) for line in lines}) == 1  # the hits line up
    path = tmp_path / "kwic.csv"
    assert main(["kwic", "碳达峰", "--library", str(library), "--csv", str(path)]) == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    with open(path, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0] == KWIC_FIELDS and len(table) == n + 1
    from openpyxl import load_workbook

    xlsx = tmp_path / "kwic.xlsx"
    assert main(["kwic", "碳达峰", "--library", str(library), "--xlsx", str(xlsx)]) == 0
    sheet = load_workbook(xlsx).active
    values = list(sheet.values)
    assert list(values[0]) == KWIC_FIELDS and len(values) == n + 1
    assert {fold(row[1]) for row in values[1:]} == {"碳达峰"}


def test_kwic_bad_query_is_one_line(library, capsys):
    assert main(["kwic", '"unclosed', "--library", str(library)]) == 2
    assert "bad query" in capsys.readouterr().err


# -- freq -------------------------------------------------------------------------------------


def expected_table(reports, terms, key_of, admit=lambda r: True):
    groups: dict = {}
    for r in reports:
        if admit(r):
            groups.setdefault(key_of(r), []).append(r)
    out = {}
    for key, members in groups.items():
        chars = sum(len(r.text) for r in members)
        for term in terms:
            counts = [fold(r.text).count(fold(term)) for r in members]
            hits = sum(counts)
            out[(key, term)] = {"key": key, "term": term, "hits": hits, "reports": sum(1 for c in counts if c),
                                "chars": chars, "per_10k": round(hits * 10000 / chars, 4), "group_reports": len(members)}
    return out


@pytest.mark.parametrize("by", ["year", "region", "level"])
def test_freq_equals_a_scan_of_the_folded_text(library, reports, capsys, by):
    terms = ["就业", "碳达峰", "高质量发展", "镇", "PM2.5"]
    out = cli_json(capsys, "freq", *terms, "--by", by, "--library", str(library), "--json")
    assert out["terms"] == terms and out["by"] == by
    rows = out["rows"]
    assert all(list(r) == FREQ_FIELDS for r in rows)
    expected = expected_table(reports, terms, lambda r: getattr(r, by))
    assert {(r["key"], r["term"]): r for r in rows} == expected
    assert len(rows) == len(expected)
    if by == "year":
        keys = [r["key"] for r in rows if r["key"] is not None]
        assert keys == sorted(keys)


def test_freq_either_script_and_filters(library, reports, capsys):
    base = ["freq", "--library", str(library), "--json"]
    simplified = cli_json(capsys, *base[:1], "就业", "碳达峰", *base[1:])
    traditional = cli_json(capsys, *base[:1], "就業", "碳達峰", *base[1:])
    assert [(r["key"], r["hits"], r["reports"], r["chars"]) for r in simplified["rows"]] == \
        [(r["key"], r["hits"], r["reports"], r["chars"]) for r in traditional["rows"]]
    assert traditional["terms"] == ["就業", "碳達峰"]

    ranged = cli_json(capsys, "freq", "就业", "--from", "2013", "--to", "2024", *base[1:])
    assert ranged["rows"] and all(2013 <= r["key"] <= 2024 for r in ranged["rows"])
    expected = expected_table(reports, ["就业"], lambda r: r.year,
                              lambda r: r.year is not None and 2013 <= r.year <= 2024)
    assert {(r["key"], r["term"]): r for r in ranged["rows"]} == expected

    # A region named in the other script, as a substring; several: any of them.
    regions = cli_json(capsys, "freq", "就业", "--by", "region", "--region", "海拉爾", "--region", "成都", *base[1:])
    assert {r["key"] for r in regions["rows"]} == {"呼伦贝尔市海拉尔区", "成都市"}
    levels = cli_json(capsys, "freq", "就业", "--by", "level", "--level", "全国", *base[1:])
    assert [(r["key"], r["group_reports"]) for r in levels["rows"]] == [("全国", 2)]


def test_freq_phrase_with_a_space_counts_any_whitespace_run(library, reports, capsys):
    out = cli_json(capsys, "freq", "就业 优先", "--by", "level", "--library", str(library), "--json")
    pattern = re.compile(r"就业\s+优先")
    expected = sum(len(pattern.findall(fold(r.text))) for r in reports)
    assert sum(r["hits"] for r in out["rows"]) == expected
    assert out["terms"] == ["就业 优先"]


def test_freq_text_table_csv_xlsx_and_chart(library, reports, capsys, tmp_path):
    capsys.readouterr()
    assert main(["freq", "就业", "碳达峰", "--library", str(library), "--per", "10k"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == ["year", "就业", "碳达峰", "reports", "chars"]
    row_2024 = next(line.split("\t") for line in lines if line.startswith("2024\t"))
    expected = expected_table(reports, ["就业"], lambda r: r.year)[(2024, "就业")]
    assert row_2024[1] == f"{expected['per_10k']:.2f}" and int(row_2024[3]) == expected["group_reports"]

    path = tmp_path / "freq.csv"
    assert main(["freq", "就业", "--by", "region", "--library", str(library), "--csv", str(path)]) == 0
    with open(path, encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert list(table[0]) == FREQ_FIELDS and not path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert sum(int(r["hits"]) for r in table) == sum(scan(reports, "就业").values())
    from openpyxl import load_workbook

    xlsx = tmp_path / "freq.xlsx"
    assert main(["freq", "就业", "--library", str(library), "--xlsx", str(xlsx)]) == 0
    assert list(next(load_workbook(xlsx).active.values)) == FREQ_FIELDS

    chart = tmp_path / "freq.svg"
    assert main(["freq", "就业", "碳达峰", "--library", str(library), "--chart", str(chart)]) == 0
    svg = chart.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<text" not in svg  # text drawn as outlines


def test_freq_needs_a_term_and_ordered_years(library, capsys):
    assert main(["freq", "   ", "--library", str(library)]) == 2
    assert "term" in capsys.readouterr().err
    assert main(["freq", "就业", "--from", "2024", "--to", "2020", "--library", str(library)]) == 2

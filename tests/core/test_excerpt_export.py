"""Excerpt exports, opened again: Word through python-docx, Excel through openpyxl, CSV and
Markdown as text. Passages from a paginated report carry their pages into every citation."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from io import StringIO

import pytest

from explorer.core.cite import export
from explorer.core.cite.excerpts import COLUMNS, HEADERS_ZH, Excerpt, groups, normalize_tags
from explorer.core.cite.styles import citation_parts
from tests.core.test_citation import TEXT, paged_report


def excerpt(report, passage: str, id_: int, **kw) -> Excerpt:
    s = report.text.index(passage)
    e = s + len(passage)
    source = replace(citation_parts(report, s, e), passage="")
    return Excerpt(id=id_, path=report.path, start=s, end=e, text=passage, source=source, **kw)


@pytest.fixture
def excerpts():
    r = paged_report()
    other = replace(paged_report(), path="/data/other_2024.txt", title="2024年常州市钟楼区政府工作报告", year=2024)
    return [
        excerpt(r, "新增城镇就业1万人以上，城镇调查失业率控制在5%以内", 3, note="跨页的一段", tags=("就业", "目标")),
        excerpt(r, "过去一年，我们新增城镇就业1.2万人。", 1, note="", tags=("就业",)),
        excerpt(other, "（一）扩大就业", 7, tags=(), found=False),
    ]


def test_xlsx_has_a_row_per_excerpt_with_every_field(excerpts, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "e.xlsx"
    assert export.write_xlsx(excerpts, path, "gbt7714") == 3
    ws = load_workbook(path).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == [HEADERS_ZH[c] for c in COLUMNS]
    record = dict(zip(COLUMNS, rows[1], strict=True))
    assert record["id"] == 3 and record["pages"] == "2-3" and record["tags"] == "就业、目标"
    assert record["citation"] == "常州市钟楼区人民政府. 2023年常州市钟楼区政府工作报告[R]. 常州, 2023: 2-3."
    assert record["section"] == "2023年工作安排 › （一）扩大就业" and record["note"] == "跨页的一段"
    assert [r[COLUMNS.index("found")] for r in rows[1:]] == [True, True, False]
    assert [r[COLUMNS.index("pages")] for r in rows[1:]] == ["2-3", "1", "2"]


def test_csv_round_trips_text_with_line_breaks(excerpts, tmp_path):
    path = tmp_path / "e.csv"
    multi = replace(excerpts[0], text="第一行\n第二行，含逗号")
    export.write_csv([multi], path, "plain")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        [row] = list(csv.DictReader(fh))
    assert list(row) == list(COLUMNS)
    assert row["text"] == "第一行\n第二行，含逗号" and row["citation"].endswith("，第2–3页")


def test_docx_reads_back_passage_source_note_and_groups(excerpts, tmp_path):
    import docx

    path = tmp_path / "e.docx"
    export.write_docx(excerpts, path, "plain", group="report")
    doc = docx.Document(str(path))
    paras = [(p.style.name, p.text) for p in doc.paragraphs]
    headings = [t for s, t in paras if s == "Heading 1"]
    assert headings == ["2023年常州市钟楼区政府工作报告", "2024年常州市钟楼区政府工作报告"]
    quotes = [t for s, t in paras if s == "Quote"]
    # Within a report, in reading order (not the order collected).
    assert quotes[:2] == ["“过去一年，我们新增城镇就业1.2万人。”", "“新增城镇就业1万人以上，城镇调查失业率控制在5%以内”"]
    texts = [t for _s, t in paras]
    i = texts.index(quotes[1])
    assert texts[i + 1] == "——常州市钟楼区人民政府《2023年常州市钟楼区政府工作报告》（2023年），2023年工作安排 › （一）扩大就业，第2–3页"
    assert texts[i + 2] == "批注：跨页的一段" and texts[i + 3] == "标签：就业、目标"
    assert export.NOT_FOUND in texts
    assert doc.core_properties.title == "摘录"


def test_markdown_groups_by_tag_and_escapes_what_markdown_would_eat(excerpts, tmp_path):
    path = tmp_path / "e.md"
    listy = replace(excerpts[1], text="1. 稳就业 *重点* 群体")
    export.write_markdown([excerpts[0], listy, excerpts[2]], path, "markdown", group="tag")
    md = path.read_text(encoding="utf-8")
    assert md.startswith("# 摘录\n")
    assert md.index("## 就业") < md.index("## 目标") < md.index("## （无标签）")
    assert md.count("> 新增城镇就业1万人以上") == 2  # under each of its two tags
    assert "> 1\\. 稳就业 \\*重点\\* 群体" in md
    assert "> — 常州市钟楼区人民政府，《2023年常州市钟楼区政府工作报告》，2023年，2023年工作安排 › （一）扩大就业，第2–3页" in md


def test_json_rows_and_script_conversion(excerpts):
    out = StringIO()
    export.write_json(excerpts[:1], out, "plain", "traditional")
    [row] = json.loads(out.getvalue())
    assert row["text"] == "新增城鎮就業1萬人以上，城鎮調查失業率控制在5%以內"
    assert row["citation"].startswith("常州市鐘樓區人民政府《2023年常州市鐘樓區政府工作報告》")
    assert (row["start"], row["end"]) == (excerpts[0].start, excerpts[0].end)  # offsets stay


def test_write_file_picks_the_format_from_the_name(excerpts, tmp_path):
    assert export.write_file(excerpts, tmp_path / "a.markdown") == 3
    assert (tmp_path / "a.markdown").read_text(encoding="utf-8").startswith("# 摘录")
    with pytest.raises(ValueError, match="format"):
        export.write_file(excerpts, tmp_path / "a.pdf")
    assert not list(tmp_path.glob(".*part"))  # no temporary file left behind


def test_groups_refuse_unknown_grouping_and_style(excerpts):
    with pytest.raises(ValueError):
        groups(excerpts, "year")
    with pytest.raises(ValueError):
        groups(excerpts, "tag", style="apa")


@pytest.mark.parametrize(
    "typed, tags",
    [("就业，新质生产力 就业", ("就业", "新质生产力")), (["就業", "就业"], ("就業",)), ("  ", ()),
     (["a;b；c、d,e"], ("a", "b", "c", "d", "e"))],
)
def test_tags_as_typed(typed, tags):
    assert normalize_tags(typed) == tags


def test_the_text_the_fixture_quotes_is_the_report(excerpts):
    assert all(TEXT[e.start:e.end] == e.text for e in excerpts)

"""`report-explorer excerpt add/edit/remove` and `excerpts` with its exports, as a script uses them."""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from explorer.cli import main
from tests.conftest import corpus_file

FILE = "001_f884b8c2acd53f6d.txt"
ROW_KEYS = {"id", "path", "title", "region", "year", "section", "start", "end", "text", "note",
            "tags", "found", "citation"}


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    from explorer.core.ingest import load_report
    from explorer.library import Library

    folder = tmp_path_factory.mktemp("cli")
    src = folder / "zhonglou.txt"
    shutil.copy(corpus_file(FILE), src)
    Library(folder / "lib", workers=1).index([str(src)])
    return folder, src, load_report(src).text


@pytest.fixture
def lib(indexed, tmp_path):
    folder, src, text = indexed
    shutil.copytree(folder / "lib", tmp_path / "lib")
    return str(tmp_path / "lib"), str(src), text


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def add(capsys, library, src, start, end, *extra) -> int:
    code, out, err = run(capsys, "excerpt", "add", src, "--start", str(start), "--end", str(end),
                         "--library", library, *extra)
    assert code == 0, err
    return int(out.strip())


def passage(text: str, n: int) -> tuple[int, int]:
    lines = [line for line in text.split("\n") if len(line) > 60]
    i = text.index(lines[n])
    return i, i + len(lines[n])


def test_add_prints_the_id_and_json_lists_every_field(lib, capsys):
    library, src, text = lib
    s, e = passage(text, 2)
    first = add(capsys, library, src, s, e, "--note", "为什么重要", "--tag", "就业", "--tag", "论文第二章")
    second = add(capsys, library, src, *passage(text, 5))
    assert second > first
    code, out, _ = run(capsys, "excerpts", "--library", library, "--json", "--style", "gbt7714")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [first, second]
    row = rows[0]
    assert set(row) >= ROW_KEYS
    assert (row["start"], row["end"], row["text"]) == (s, e, text[s:e])
    assert (row["note"], row["tags"], row["found"]) == ("为什么重要", ["就业", "论文第二章"], True)
    assert (row["region"], row["year"], row["path"]) == ("常州市钟楼区", 2023, src)
    assert row["citation"].endswith("[R]. 常州, 2023.")  # a .txt has no pages


def test_tag_filter_and_plain_listing(lib, capsys):
    library, src, text = lib
    add(capsys, library, src, *passage(text, 1), "--tag", "就业")
    add(capsys, library, src, *passage(text, 3), "--tag", "生态")
    code, out, err = run(capsys, "excerpts", "--library", library, "--tag", "就業")
    assert code == 0 and len(out.splitlines()) == 1 and "[就业]" in out and "1 excerpts" in err


def test_edit_and_remove(lib, capsys):
    library, src, text = lib
    i = add(capsys, library, src, *passage(text, 1), "--tag", "旧")
    assert run(capsys, "excerpt", "edit", str(i), "--note", "新批注", "--tag", "新", "--library", library)[0] == 0
    code, out, _ = run(capsys, "excerpts", "--library", library, "--json")
    assert [(r["note"], r["tags"]) for r in json.loads(out)] == [("新批注", ["新"])]
    code, out, _ = run(capsys, "excerpt", "remove", str(i), "--library", library)
    assert code == 0 and f"removed {i}" in out
    assert json.loads(run(capsys, "excerpts", "--library", library, "--json")[1]) == []


@pytest.mark.parametrize(
    "argv, message",
    [
        (["excerpt", "add", "/no/such/report.txt", "--start", "0", "--end", "5"], "is not in the library"),
        (["excerpt", "add", "{src}", "--start", "0", "--end", "999999"], "not inside"),
        (["excerpt", "add", "{src}", "--start", "9", "--end", "3"], "not inside"),
        (["excerpt", "remove", "{id}", "424242"], "no excerpt with id 424242; nothing was removed"),
        (["excerpt", "edit", "424242", "--note", "x"], "no excerpt with id 424242"),
        (["excerpt", "edit", "{id}"], "nothing to change"),
    ],
)
def test_bad_input_is_an_error_and_nothing_is_lost(lib, capsys, argv, message):
    library, src, text = lib
    i = add(capsys, library, src, *passage(text, 0), "--note", "keep me")
    argv = [a.format(src=src, id=i) for a in argv]
    code, _out, err = run(capsys, *argv, "--library", library)
    assert code == 2 and message in err and "Traceback" not in err
    rows = json.loads(run(capsys, "excerpts", "--library", library, "--json")[1])
    assert [(r["id"], r["note"]) for r in rows] == [(i, "keep me")]


def test_exports_write_files_that_read_back(lib, capsys, tmp_path):
    import docx
    from openpyxl import load_workbook

    library, src, text = lib
    ids = [add(capsys, library, src, *passage(text, n), "--tag", tag, "--note", f"批注{n}")
           for n, tag in ((1, "甲"), (4, "乙"))]
    for flag, name in (("--md", "x.md"), ("--docx", "x.docx"), ("--csv", "x.csv"), ("--xlsx", "x.xlsx")):
        code, _out, err = run(capsys, "excerpts", "--library", library, flag, str(tmp_path / name),
                              "--style", "gbt7714", "--group", "tag")
        assert code == 0 and "2 excerpts written" in err
    md = (tmp_path / "x.md").read_text(encoding="utf-8")
    assert md.index("## 甲") < md.index("批注1") < md.index("## 乙") < md.index("批注4")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "x.docx")).paragraphs]
    assert "甲" in paragraphs and "乙" in paragraphs and any("[R]. 常州, 2023." in p for p in paragraphs)
    with open(tmp_path / "x.csv", encoding="utf-8-sig", newline="") as fh:
        assert [int(r["id"]) for r in csv.DictReader(fh)] == ids
    ws = load_workbook(tmp_path / "x.xlsx").active
    assert [c.value for c in ws["A"]][1:] == ids


def test_unwritable_export_is_a_clear_error(lib, capsys, tmp_path):
    library, src, text = lib
    add(capsys, library, src, *passage(text, 1))
    code, _out, err = run(capsys, "excerpts", "--library", library, "--docx", str(tmp_path / "no" / "dir" / "x.docx"))
    assert code == 2 and "cannot write" in err

"""Keyset paging of the targets table (targettable.seek, Library.target_hits(after=...)):
a query paged after the last row of each page gives exactly its unpaged answer, row for
row, for every sort key, both directions and the filters that choose another plan (the
theme index, the sorted index walks, the text filter); seek() itself is checked against
sqlite's own ORDER BY on columns with NULLs and ties."""

from __future__ import annotations

import itertools
import random
import shutil
import sqlite3

import pytest

from explorer.library import Library, TargetQuery, targettable
from explorer.library.targettable import SORTS, seek
from explorer.resources import SAMPLES

# No year, so docs.year is NULL (the year sort reads it as 0); two copies under other names,
# so that two reports tie on every sort key but the path.
NO_YEAR = ("某县政府工作报告\n\n一、过去一年工作回顾\n城镇新增就业9000人，地区生产总值增长6.5%左右，"
           "新建学校3所。\n二、今后工作安排\n城镇新增就业1万人以上，森林覆盖率达到40%，"
           "空气质量优良天数比率不低于80%。\n")


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    folder = tmp_path_factory.mktemp("target-pages")
    src = folder / "reports"
    shutil.copytree(SAMPLES, src)
    for name in ("no_year_a.txt", "no_year_b.txt"):
        (src / name).write_text(NO_YEAR, encoding="utf-8")
    with Library(folder / "lib", workers=1) as library:
        library.index([src])
        yield library


def paged(lib: Library, q: TargetQuery, size: int) -> list:
    """Every page of `q`, each asked after the last row of the one before."""
    rows: list = []
    while True:
        page = lib.target_hits(q, after=rows[-1] if rows else None, limit=size)
        assert len(page) <= size
        rows.extend(page)
        if len(page) < size:
            return rows


def test_the_library_has_what_the_paging_test_needs(lib):
    every = lib.target_hits(TargetQuery())
    assert len(every) > 500
    assert any(h.year is None for h in every)
    # Every sort has ties (rows equal on its key), so pages break inside runs of equal keys.
    for columns in SORTS.values():
        keys = [tuple(c.value(h) for c in columns) for h in every]
        assert len(set(keys)) < len(keys)


def filters(lib: Library) -> dict[str, dict]:
    one = sorted(i.path for i in lib.reports())[1]
    return {
        "none": {},
        "theme": {"themes": ("就业", "生态")},
        "text": {"text": "就业"},
        "years": {"year_from": 2021, "year_to": 2022},
        "theme+text+years": {"themes": ("就业",), "text": "新增", "year_from": 2021},
        "kind": {"kind": "target"},
        "report": {"report": one},
    }


@pytest.mark.parametrize("sort", ["", *sorted(SORTS)])
def test_pages_after_the_last_row_equal_the_unpaged_answer(lib, sort):
    for (name, f), descending in itertools.product(filters(lib).items(), (False, True)):
        q = TargetQuery(sort=sort, descending=descending, **f)
        whole = lib.target_hits(q)
        assert whole or name == "report", q
        # About a dozen pages, and a page size that breaks runs of equal keys elsewhere.
        for size in {max(1, len(whole) // 11), 7}:
            assert paged(lib, q, size) == whole, (q, size)
    # The NULL-year reports, at the end of a descending year sort (0), then by path.
    whole = lib.target_hits(TargetQuery(sort="year", descending=True))
    assert whole[-1].year is None and whole[-1].path.endswith("no_year_b.txt")


def test_the_page_after_the_last_row_is_empty(lib):
    every = lib.target_hits(TargetQuery(sort="value", descending=True))
    assert lib.target_hits(TargetQuery(sort="value", descending=True), after=every[-1], limit=10) == []
    assert lib.target_hits(TargetQuery(sort="value", descending=True), after=every[-2], limit=10) == every[-1:]


@pytest.mark.parametrize(("sort", "descending", "index"), [
    ("year", False, "docs_by_year"), ("year", True, "docs_by_year_desc"),
    ("report", False, "docs_by_label"), ("report", True, "docs_by_label")])
def test_sorts_by_a_report_fact_walk_an_index_of_docs(lib, sort, descending, index):
    """A page of the library sorted by year or report reads docs in that order through its
    index, then each report's targets by key: no sort of every target (0.5 s at 10,000
    reports). The index's SQL must be SORTS' word for word, or sqlite sorts."""
    q = TargetQuery(sort=sort, descending=descending)
    sql = f"SELECT t.doc, t.seq FROM {targettable._FROM}{targettable._order(q)} LIMIT 50"
    plan = [row[-1] for row in lib.manifest.db().execute(f"EXPLAIN QUERY PLAN {sql}")]
    assert plan[0] in (f"SCAN d USING INDEX {index}", f"SCAN d USING COVERING INDEX {index}"), plan
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in plan), plan  # at most a report's seq


def test_a_library_made_before_the_docs_sort_indexes_gets_them_when_opened(tmp_path):
    shutil.copytree(SAMPLES, tmp_path / "reports")
    with Library(tmp_path / "lib", workers=1) as library:
        library.index([tmp_path / "reports"])
        db = library.manifest.db()
        with db:
            for name in ("docs_by_year", "docs_by_year_desc", "docs_by_label"):
                db.execute(f"DROP INDEX {name}")
        assert targettable.missing_parts(db)
        before = library.target_hits(TargetQuery(sort="year", descending=True))
    with Library(tmp_path / "lib", workers=1) as library:
        assert not targettable.missing_parts(library.manifest.db())
        assert library.target_hits(TargetQuery(sort="year", descending=True)) == before


# -- seek() alone, on a table with NULLs ---------------------------------------------------


@pytest.fixture(scope="module")
def table():
    rng = random.Random(8)
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE r (k INTEGER NOT NULL, a TEXT, b INTEGER, c REAL, id INTEGER PRIMARY KEY)")
    rows = [(rng.choice([1, 2]), rng.choice([None, "甲", "乙", "b", ""]), rng.choice([None, -1, 0, 2]),
             rng.choice([None, 0.5, 1.0]), i) for i in range(160)]
    db.executemany("INSERT INTO r VALUES (?, ?, ?, ?, ?)", rows)
    yield db
    db.close()


@pytest.mark.parametrize("directions", list(itertools.product((False, True), repeat=4)))
@pytest.mark.parametrize("nullable", [True, False])
def test_seek_starts_after_each_row_as_order_by_orders(table, directions, nullable):
    """For every row as the one before: the rows seek() lets through, in the same order, are
    those ORDER BY puts after it. k is NOT NULL (a run of row values may start there and
    must stop at a descending column with NULLs); nullable=False on the NULL columns a, b, c
    is a lie seek() must survive where it does not matter (ascending); it is told the truth
    of the descending ones."""
    names = ("k", "a", "b", "c")
    order = ", ".join(f"{n}{' DESC' if d else ''}" for n, d in zip(names, directions, strict=True)) + ", id"
    everything = table.execute(f"SELECT k, a, b, c, id FROM r ORDER BY {order}").fetchall()
    assert any(None in row for row in everything)
    for i, row in enumerate(everything):
        columns = [(n, d, v, n != "k" and (nullable or d)) for n, d, v in zip(names, directions, row, strict=False)]
        columns.append(("id", False, row[4], False))
        sql, params = seek(columns)
        after = table.execute(f"SELECT k, a, b, c, id FROM r WHERE {sql} ORDER BY {order}", params).fetchall()
        assert after == everything[i + 1:], (order, row, sql)

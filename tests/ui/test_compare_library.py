"""The Compare view fed from the library's manifest by SQL (library/compare.py) shows what
it shows from target rows in memory, and its axes hold only plausible report years."""

from __future__ import annotations

import sqlite3

import pytest

from explorer.library import Library
from explorer.ui.models.targets import make_rows
from explorer.ui.widgets.compare_view import CompareView
from tests.conftest import corpus_file
from tests.ui.test_compare import FILES

INDICATOR = "城镇新增就业"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    lib = Library(tmp_path_factory.mktemp("compare") / "lib", workers=1)
    lib.index([str(corpus_file(f)) for f in FILES])
    return lib


def _view(qtbot) -> CompareView:
    v = CompareView(runner=None)
    qtbot.addWidget(v)
    v.resize(1300, 600)
    v.show()
    return v


def _table(v: CompareView) -> list[tuple]:
    return [(r.region, r.year, r.target and (r.target.path, r.target.start), r.result and (r.result.path, r.result.start))
            for r in v.model.rows]


def test_sql_figures_equal_the_rows_in_memory(qtbot, qtmodeltester, library):
    from_rows, from_sql = _view(qtbot), _view(qtbot)
    from_rows.set_source(make_rows(library.targets()))
    from_sql.set_library(library)
    for v in (from_rows, from_sql):
        assert v.select_indicator(INDICATOR)
    assert _table(from_sql) == _table(from_rows) and _table(from_sql)
    assert from_sql.model.years == from_rows.model.years
    qtmodeltester.check(from_sql.model)
    # Another indicator is read from the manifest when chosen.
    other = next(from_sql.indicator_box.itemData(i) for i in range(from_sql.indicator_box.count())
                 if from_sql.indicator_box.itemData(i) != INDICATOR)
    for v in (from_rows, from_sql):
        assert v.select_indicator(other)
    assert _table(from_sql) == _table(from_rows)


def test_a_misread_report_year_stays_off_the_axis(qtbot, library, tmp_path):
    lib = Library(tmp_path / "lib", workers=1)
    lib.index([str(corpus_file(f)) for f in FILES])
    path = str(corpus_file(FILES[2]).resolve())  # 海拉尔 2012: a target for 城镇新增就业
    with sqlite3.connect(lib.manifest.db_path) as db:
        db.execute("UPDATE docs SET year=2296 WHERE path=?", (path,))  # a mis-read year
    from_sql, from_rows = _view(qtbot), _view(qtbot)
    from_sql.set_library(lib)
    from_rows.set_source(make_rows(lib.targets()))
    for v in (from_sql, from_rows):
        assert v.select_indicator(INDICATOR)
        assert v.model.years and all(1949 <= y <= 2100 for y in v.model.years), v.model.years
        years = [v.from_box.itemData(i) for i in range(1, v.from_box.count())]
        assert 2296 not in years and max(years) < 2100
        assert all(r.target is None or r.target.path != path for r in v.model.rows)

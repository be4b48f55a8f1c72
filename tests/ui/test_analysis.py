"""The Concordance and Trends views on a real library: models under the model tester, sorting,
opening a hit, copying, exporting, the charts and a click on a point, and both in the window.

Facts read from the reports: national_2024 says 碳达峰 three times and national_2025 twice
(碳达峰碳中和, 碳达峰第二批试点); the 常州 seed (2021) is in Traditional characters.
"""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence

from explorer.core.scripts import fold
from explorer.ui.models.concordance import COLUMNS, ConcordanceModel, KwicRowRole
from explorer.ui.models.frequency import FrequencyModel, KeyRole, TermRole
from explorer.ui.widgets.concordance_view import ConcordanceView
from explorer.ui.widgets.trends_view import TrendsView, split_terms
from tests.conftest import corpus_file

FILES = ["000_f5ab8c29433f7e08.txt", "001_f884b8c2acd53f6d.txt", "national_2024.txt", "national_2025.txt",
         "district_hailaer_2012.gbk.txt", "prefecture_成都市_2024.txt"]
TIMEOUT = 30000


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    from explorer.library import Library

    lib = Library(tmp_path_factory.mktemp("gui-analysis"), workers=1)
    summary = lib.index([str(corpus_file(f)) for f in FILES])
    assert summary.added == len(FILES)
    yield lib
    lib.close()


@pytest.fixture
def kwic(qtbot, lib):
    v = ConcordanceView(runner=None, library=lib)
    qtbot.addWidget(v)
    v.resize(1400, 600)
    v.show()
    v.show_query("就业")
    return v


def folded_counts(lib, term: str) -> int:
    return sum(fold(lib.report(i.path).text).count(fold(term)) for i in lib.reports())


# -- the concordance ----------------------------------------------------------------------


def test_concordance_model_passes_the_model_tester(qtmodeltester, kwic):
    qtmodeltester.check(kwic.model)
    kwic.model.sort(0)
    qtmodeltester.check(kwic.model)
    qtmodeltester.check(ConcordanceModel())


def test_concordance_lists_every_hit_with_its_context(kwic, lib):
    m = kwic.model
    assert m.rowCount() == folded_counts(lib, "就业") > 50
    assert "就业" in kwic.summary.text() and f"{m.rowCount():,}" in kwic.summary.text()
    for row in (0, m.rowCount() // 2, m.rowCount() - 1):
        i = m.data(m.index(row, 0), KwicRowRole)
        conc = m.concordance
        start, end = conc.span(i)
        text = conc.doc(i).text
        assert fold(m.data(m.index(row, 1))) == "就业" == fold(text[start:end])
        assert text[:start].endswith(m.data(m.index(row, 0)).replace("¶", "\n"))
        assert text[end:].startswith(m.data(m.index(row, 2)))
    # The left context is right-aligned against the hit; the hit is marked.
    assert m.data(m.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)
    assert m.data(m.index(0, 1), Qt.ItemDataRole.FontRole).bold()


def test_header_click_sorts_by_the_characters_nearest_the_hit(qtbot, kwic):
    header = kwic.table.horizontalHeader()
    x = header.sectionViewportPosition(0) + header.sectionSize(0) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    m = kwic.model
    keys = [fold(m.data(m.index(r, 0)))[::-1] for r in range(m.rowCount())]
    assert keys == sorted(keys) or keys == sorted(keys, reverse=True)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    flipped = [fold(m.data(m.index(r, 0)))[::-1] for r in range(m.rowCount())]
    assert flipped == sorted(keys, reverse=flipped[0] > flipped[-1])
    year_x = header.sectionViewportPosition(4) + header.sectionSize(4) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(year_x, header.height() // 2))
    years = [int(m.data(m.index(r, 4)) or 0) for r in range(m.rowCount())]
    assert years in (sorted(years), sorted(years, reverse=True))


def test_context_width_and_paragraphs_recut_the_same_hits(kwic):
    n = kwic.model.rowCount()
    kwic.context_box.setValue(8)
    assert kwic.model.rowCount() == n
    assert all(len(kwic.model.data(kwic.model.index(r, 0))) <= 8 for r in range(n))
    kwic.cross_box.setChecked(True)
    assert any("¶" in kwic.model.data(kwic.model.index(r, c)) for r in range(n) for c in (0, 2))


def test_double_click_emits_the_hit_and_copy_puts_rows_on_the_clipboard(qtbot, kwic):
    table = kwic.table
    rect = table.visualRect(kwic.model.index(2, 2))
    with qtbot.waitSignal(kwic.hit_chosen) as blocker:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    path, start, end = blocker.args
    conc = kwic.model.concordance
    i = kwic.model.kwic_row(2)
    assert (path, start, end) == (conc.doc(i).path, *conc.span(i))
    table.selectRow(0)
    table.selectionModel().select(kwic.model.index(1, 0), table.selectionModel().SelectionFlag.Select
                                  | table.selectionModel().SelectionFlag.Rows)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().split("\n")
    assert len(lines) == 2
    cells = lines[0].split("\t")
    assert cells[:3] == [kwic.model.data(kwic.model.index(0, c)) for c in range(3)]
    assert "人民政府《" in cells[-1] or "国务院《" in cells[-1]  # the citation


def test_export_writes_every_row_in_the_order_shown(qtbot, kwic, tmp_path):
    kwic.model.sort(2, Qt.SortOrder.DescendingOrder)
    out = tmp_path / "kwic.csv"
    with qtbot.waitSignal(kwic.status) as blocker:
        kwic.export_to(str(out))
    assert str(out) in blocker.args[0]
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == kwic.model.rowCount()
    assert [r["right"] for r in rows[:20]] == [kwic.model.data(kwic.model.index(r, 2)) for r in range(20)]
    xlsx = tmp_path / "kwic.xlsx"
    kwic.export_to(str(xlsx))
    from openpyxl import load_workbook

    assert load_workbook(xlsx).active.max_row == kwic.model.rowCount() + 1


def test_display_script_converts_the_cells(kwic):
    kwic.set_script("traditional")
    assert kwic.model.data(kwic.model.index(0, 1)) == "就業"
    kwic.set_script("simplified")
    assert kwic.model.data(kwic.model.index(0, 1)) == "就业"


# -- trends -------------------------------------------------------------------------------


@pytest.fixture
def trends(qtbot, lib):
    v = TrendsView(runner=None, library=lib)
    qtbot.addWidget(v)
    v.resize(1400, 800)
    v.show()
    v.set_reports(lib.reports())
    v.terms_edit.setText("碳达峰 就業")
    v.compute()
    return v


def test_terms_split_like_a_user_types_them():
    assert split_terms("碳达峰，数字经济 、实体经济") == ["碳达峰", "数字经济", "实体经济"]
    assert split_terms('“城镇 新增” 就业') == ["城镇 新增", "就业"]


def test_frequency_models_pass_the_model_tester(qtmodeltester, trends):
    qtmodeltester.check(trends.by_year.model)
    qtmodeltester.check(trends.by_region.model)
    qtmodeltester.check(FrequencyModel())


def test_year_table_counts_and_measures(trends, lib):
    m = trends.by_year.model
    assert m.terms == ["碳达峰", "就業"]
    years = m.keys
    assert 2024 in years and 2025 in years and years == sorted(years, key=lambda y: (y is None, y or 0))
    row = years.index(2024)
    in_2024 = [lib.report(i.path) for i in lib.reports() if i.year == 2024]
    expected = sum(fold(r.text).count("碳达峰") for r in in_2024)
    assert m.data(m.index(row, 1)) == f"{expected:,}"
    chars = sum(len(r.text) for r in in_2024)
    trends.measure_box.setCurrentIndex(trends.measure_box.findData("per_10k"))
    assert m.data(m.index(row, 1)) == f"{expected * 10000 / chars:.2f}"
    assert m.data(m.index(row, 4)) == f"{chars:,}"
    assert "每万字" in trends.by_year.model.measure_label()


def test_charts_draw_a_line_per_term_and_bars_per_region(qtbot, trends):
    chart = trends.by_year.chart
    qtbot.waitUntil(lambda: chart.canvas is not None, timeout=TIMEOUT)
    ax = chart.canvas.figure.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["碳达峰", "就業"]
    assert sorted({int(x) for line in ax.get_lines() for x in line.get_xdata()}) == \
        [k for k in trends.by_year.model.keys if k is not None]
    trends.tabs.setCurrentIndex(1)
    bars = trends.by_region.chart
    qtbot.waitUntil(lambda: bars.canvas is not None, timeout=TIMEOUT)
    labels = [t.get_text() for t in bars.canvas.figure.axes[0].get_yticklabels()]
    assert set(labels) == {trends.by_region.model.key_label(k) for k in trends.by_region.model.keys}
    trends.from_box.setCurrentIndex(trends.from_box.findData(2024))
    assert "2024" in bars.canvas.figure.axes[0].get_title(loc="left")
    m = trends.by_region.model
    in_range = [d for d in trends.frequency.docs if d.year is not None and d.year >= 2024]
    assert sum(m.rows[k * len(m.terms)].group_reports for k in range(len(m.keys))) == len(in_range)


def test_clicking_a_point_lists_that_groups_hits(qtbot, trends, lib):
    chart = trends.by_year.chart
    qtbot.waitUntil(lambda: chart.canvas is not None, timeout=TIMEOUT)
    canvas = chart.canvas
    ax = canvas.figure.axes[0]
    line = next(line for line in ax.get_lines() if line.get_label() == "碳达峰")
    years = list(line.get_xdata())
    x, y = ax.transData.transform((2024, line.get_ydata()[years.index(2024)]))
    ratio = canvas.device_pixel_ratio
    point = QPoint(int(x / ratio), int(canvas.height() - y / ratio))
    with qtbot.waitSignal(chart.point_clicked) as blocker:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == ["碳达峰", 2024]
    hits = trends.hits.model
    qtbot.waitUntil(lambda: hits.rowCount() > 0, timeout=TIMEOUT)
    expected = sum(fold(lib.report(i.path).text).count("碳达峰") for i in lib.reports() if i.year == 2024)
    assert hits.rowCount() == expected
    assert {hits.data(hits.index(r, 4)) for r in range(hits.rowCount())} == {"2024"}
    assert "2024" in trends.hits_label.text()
    # A table cell does the same.
    m = trends.by_year.model
    index = m.index(m.keys.index(2025), 2)
    assert m.data(index, TermRole) == "就業" and m.data(index, KeyRole) == 2025
    trends.by_year.table.clicked.emit(index)
    assert {fold(hits.data(hits.index(r, 1))) for r in range(hits.rowCount())} == {"就业"}


def test_filters_and_exports(qtbot, trends, tmp_path):
    trends.level_box.setCurrentIndex(trends.level_box.findData("全国"))
    assert {d.level for d in trends.frequency.docs} == {"全国"}
    out = tmp_path / "freq.csv"
    assert trends.export_table(str(out)) == len(trends.by_year.model.rows)
    with open(out, encoding="utf-8", newline="") as fh:
        assert list(next(csv.reader(fh))) == ["key", "term", "hits", "reports", "chars", "per_10k", "group_reports"]
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")):
        path = trends.export_chart(str(tmp_path / f"trend{suffix}"))
        with open(path, "rb") as fh:
            assert fh.read(5).startswith(magic)
    trends.level_box.setCurrentIndex(0)
    trends.region_edit.setText("成都")
    trends.compute()
    assert {d.region for d in trends.frequency.docs} == {"成都市"}


# -- in the window ------------------------------------------------------------------------


@pytest.fixture
def real_window(qtbot, settings, lib):
    from explorer.ui.main_window import MainWindow

    w = MainWindow(lib, settings)
    qtbot.addWidget(w)
    w.resize(1500, 950)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.runner.cancel_all()
    w.runner.wait(20000)


def test_window_concordance_of_the_search_opens_hits(qtbot, real_window, lib):
    w = real_window
    with qtbot.waitSignal(w.search_done, timeout=TIMEOUT):
        w.search("碳达峰")
    assert w.search_panel.concordance_link.isVisible()
    actions = [a for a in w.findChildren(QAction) if a.shortcut() == QKeySequence("Ctrl+Shift+K")]
    assert len(actions) == 1
    view = w.concordance_view
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        actions[0].trigger()
    assert w.concordance_dock.isVisible()
    assert view.model.rowCount() == folded_counts(lib, "碳达峰")
    index = view.model.index(0, 1)
    conc, i = view.model.concordance, view.model.kwic_row(0)
    with qtbot.waitSignal(w.report_opened, timeout=TIMEOUT):
        view._open(index)
    assert w.report.path == conc.doc(i).path
    start, end = conc.span(i)
    assert [s.cursor.selectedText() for s in w.view.extraSelections()].count(w.report.text[start:end]) >= 1
    # A new search while the view is shown lists the new query's hits.
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        w.search("新质生产力")
    assert view.model.rowCount() == folded_counts(lib, "新质生产力")


def test_window_trends_start_from_the_search_terms(qtbot, real_window):
    w = real_window
    with qtbot.waitSignal(w.search_done, timeout=TIMEOUT):
        w.search("碳达峰 OR 新质生产力")
    with qtbot.waitSignal(w.trends_view.computed, timeout=TIMEOUT):
        w.show_trends()
    assert w.trends_dock.isVisible()
    assert w.trends_view.by_year.model.terms == ["碳达峰", "新质生产力"]
    assert COLUMNS[0][0] == "left"

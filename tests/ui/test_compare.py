"""The Compare view: indicator table of targets vs. results, the chart, links back, export.

Figures read from the reports: national_2024 sets 城镇新增就业1200万人以上 for 2024 and
national_2025 reports 城镇新增就业1256万人 for 2024; 海拉尔区 2012 sets 新增就业5000人 and its
2013 report gives 城镇新增就业6128人.
"""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from explorer.core.ingest import load_report
from explorer.core.targets.panel import unit_scale
from explorer.ui.models.panel import PanelModel, PanelRowRole
from explorer.ui.models.targets import make_rows
from explorer.ui.widgets.compare_view import CompareView, PanelChart
from tests.conftest import corpus_file
from tests.ui.memory_library import MemoryLibrary

FILES = ["national_2024.txt", "national_2025.txt", "district_hailaer_2012.gbk.txt", "district_hailaer_2013.gbk.txt"]
TIMEOUT = 20000


@pytest.fixture(scope="module")
def reports():
    out = []
    for name in FILES:
        r = load_report(str(corpus_file(name)))
        r.path = str(corpus_file(name).resolve())
        out.append(r)
    return out


@pytest.fixture
def source(reports):
    return make_rows((r, t) for r in reports for t in r.targets)


@pytest.fixture
def view(qtbot, source):
    v = CompareView(runner=None)
    qtbot.addWidget(v)
    v.resize(1300, 600)
    v.show()
    v.set_source(source)
    assert v.select_indicator("城镇新增就业")
    return v


def cell_of(model: PanelModel, region: str, year: int):
    return model.index(model.regions.index(region), model.years.index(year))


def test_model_passes_the_model_tester(qtmodeltester, view):
    qtmodeltester.check(view.model)
    qtmodeltester.check(PanelModel())


def test_table_is_region_by_year_with_target_and_result(view):
    m = view.model
    assert m.regions == ["全国", "呼伦贝尔市海拉尔区"]
    assert {2012, 2024} <= set(m.years)
    text = m.data(cell_of(m, "全国", 2024))
    assert text.splitlines() == ["目标 1200万人以上", "实际 1256万人"]
    assert m.data(cell_of(m, "呼伦贝尔市海拉尔区", 2012)).splitlines() == ["目标 5000人", "实际 6128人"]
    # The 2025 report's targets have no result yet.
    assert m.data(cell_of(m, "全国", 2025)).splitlines() == ["目标 1200万人以上", "实际 —"]
    tip = m.data(cell_of(m, "全国", 2024), Qt.ItemDataRole.ToolTipRole)
    assert "城镇新增就业1256万人" in tip and "城镇新增就业1200万人以上" in tip
    assert m.headerData(0, Qt.Orientation.Horizontal) == str(m.years[0])
    assert "全国" in view.summary.text() or "个地区" in view.summary.text()


def test_cells_link_back_to_their_sentences(qtbot, view, reports):
    m = view.model
    index = cell_of(m, "全国", 2024)
    view.table.setCurrentIndex(index)
    with qtbot.waitSignal(view.observation_chosen) as blocker:
        view._open_cell(index)  # what a double-click does
    path, start, end = blocker.args
    text = next(r.text for r in reports if r.path == path)
    assert path.endswith("national_2024.txt") and text[start:end] == "城镇新增就业1200万人以上"
    assert "打开原文" in view.detail.text()
    with qtbot.waitSignal(view.observation_chosen) as blocker:
        view.detail.linkActivated.emit("result")
    path, start, end = blocker.args
    text = next(r.text for r in reports if r.path == path)
    assert path.endswith("national_2025.txt") and text[start:end] == "城镇新增就业1256万人"


def test_filters_narrow_the_table(qtbot, view):
    view.region_edit.setText("海拉爾")  # either script
    assert view.model.regions == ["呼伦贝尔市海拉尔区"]
    view.region_edit.clear()
    view.from_box.setCurrentIndex(view.from_box.findData(2024))
    assert min(view.model.years) >= 2024
    view.from_box.setCurrentIndex(0)
    view.theme_box.setCurrentIndex(view.theme_box.findData("就业"))
    assert view.model.rows  # employment figures are in the 就业 theme
    view.theme_box.setCurrentIndex(view.theme_box.findData("生态"))
    assert view.model.rows == []
    assert not view.export_button.isEnabled()


def test_chart_draws_the_selected_regions(qtbot, view):
    assert [name for name, _, _ in view.chart._series] == ["全国", "呼伦贝尔市海拉尔区"]
    # Select the 海拉尔区 row only: the chart follows.
    row = view.model.regions.index("呼伦贝尔市海拉尔区")
    view.table.selectRow(row)  # what clicking its header does
    series = view.chart._series
    assert [name for name, _, _ in series] == ["呼伦贝尔市海拉尔区"]
    _, targets, results = series[0]
    assert (2012, 5000.0) in targets and (2012, 6128.0) in results  # in 人, its own unit
    view.table.clearSelection()
    hailaer = dict(next(s for s in view.chart._series if s[0] == "呼伦贝尔市海拉尔区")[2])
    assert view.chart._unit == "万人" and hailaer[2012] == pytest.approx(0.6128)  # rescaled beside 全国
    image = view.chart.grab().toImage()  # paints without error at its size
    assert image.width() > 0


def test_chart_alone_empty_then_drawn_by_matplotlib(qtbot):
    chart = PanelChart()
    qtbot.addWidget(chart)
    chart.resize(500, 320)
    chart.show()
    chart.set_rows([], [])
    assert chart.drawer is None and "选择一个指标" in chart.placeholder.text()
    assert not chart.grab().isNull()


def test_chart_axis_and_legend_show_the_series(qtbot, view):
    qtbot.waitUntil(lambda: view.chart.canvas is not None, timeout=TIMEOUT)
    ax = view.chart.canvas.figure.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["全国", "呼伦贝尔市海拉尔区", "目标", "实际"]
    assert ax.get_ylabel() == "万人" and ax.get_title(loc="left") == "城镇新增就业"
    # Ticks are round numbers (1, 2, 2.5 or 5 times a power of ten apart) covering the data.
    ticks = list(ax.get_yticks())
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1
    mantissa = f"{steps.pop():e}".split("e")[0].rstrip("0").rstrip(".")
    assert mantissa in ("1", "2", "2.5", "5")
    years = {int(x) for line in ax.get_lines() for x in line.get_xdata()}
    assert {2012, 2013, 2024} <= years


def test_chart_exports_png_svg_and_pdf(qtbot, view, tmp_path):
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")):
        out = tmp_path / f"chart{suffix}"
        with qtbot.waitSignal(view.status) as blocker:
            view.export_chart(str(out))
        assert str(out) in blocker.args[0]
        assert out.read_bytes().startswith(magic)
    # SVG text is drawn as outlines: the chart reads the same on a machine without the font.
    assert "<text" not in (tmp_path / "chart.svg").read_text(encoding="utf-8")


def test_units_of_one_kind_share_the_axis():
    assert unit_scale("万人") == ("人", 1e4)
    assert unit_scale("万亿元") == ("元", 1e12)
    assert unit_scale("%") == ("%", 1.0)
    assert unit_scale("万") == ("万", 1.0)


def test_export_writes_the_rows_shown(qtbot, view, tmp_path):
    out = tmp_path / "panel.csv"
    with qtbot.waitSignal(view.status) as blocker:
        view.export_to(str(out))
    assert str(out) in blocker.args[0]
    with open(out, encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == len(view.model.rows)
    assert {r["indicator"] for r in table} == {"城镇新增就业"}


# -- in the window -------------------------------------------------------------------


@pytest.fixture
def library():
    lib = MemoryLibrary()
    lib.index([str(corpus_file(f)) for f in FILES])
    return lib


def test_window_compare_action_and_link_open_the_report(qtbot, window, library):
    with qtbot.waitSignal(window.library_loaded, timeout=TIMEOUT):
        window.refresh_library()
    assert not window.compare_dock.isVisible()
    # The View menu action, by its shortcut, shows the dock.
    actions = [a for a in window.findChildren(QAction) if a.shortcut() == QKeySequence("Ctrl+Shift+P")]
    assert len(actions) == 1
    actions[0].trigger()
    assert window.compare_dock.isVisible()
    view = window.compare_view
    qtbot.waitUntil(lambda: view.indicator_box.count() > 0, timeout=TIMEOUT)
    assert view.select_indicator("城镇新增就业")  # read and paired in a worker
    qtbot.waitUntil(lambda: {r.indicator for r in view.model.rows} == {"城镇新增就业"}, timeout=TIMEOUT)
    index = cell_of(view.model, "呼伦贝尔市海拉尔区", 2012)
    row = view.model.data(index, PanelRowRole)
    with qtbot.waitSignal(window.report_opened, timeout=TIMEOUT):
        view._open_cell(index)
    assert window.report.path == row.target.path
    assert window.report.text[row.target.start:row.target.end] == "新增就业5000人"
    selections = [s.cursor.selectedText() for s in window.view.extraSelections()]
    assert "新增就业5000人" in selections


def test_edited_indicators_file_is_picked_up(qtbot, source, tmp_path, monkeypatch):
    from explorer.core.targets import indicators

    own = tmp_path / "indicators.toml"
    own.write_text('[indicators."就业人数"]\nsynonyms = ["城镇新增就业", "新增就业"]\n', encoding="utf-8")
    monkeypatch.setenv(indicators.ENV_VAR, str(own))
    v = CompareView(runner=None)
    qtbot.addWidget(v)
    v.show()
    v.set_source(source)
    assert [v.indicator_box.itemData(i) for i in range(v.indicator_box.count())] == ["就业人数"]
    own.write_text(own.read_text(encoding="utf-8") + '\n[indicators."失业率"]\nsynonyms = ["调查失业率"]\n',
                   encoding="utf-8")
    qtbot.waitUntil(lambda: v.indicator_box.count() == 2, timeout=5000)
    assert v.select_indicator("失业率")
    assert "全国" in v.model.regions


def test_edit_button_copies_the_bundled_file_for_the_user(qtbot, tmp_path, monkeypatch):
    from explorer.core.targets import indicators
    from explorer.ui.widgets import compare_view

    monkeypatch.delenv(indicators.ENV_VAR, raising=False)
    user = tmp_path / "config" / "indicators.toml"
    monkeypatch.setattr(compare_view, "indicators_path", lambda: indicators.BUNDLED_INDICATORS)
    monkeypatch.setattr(compare_view, "user_indicators_path", lambda: user)
    opened = []
    monkeypatch.setattr(compare_view.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    v = CompareView(runner=None)
    qtbot.addWidget(v)
    assert v.edit_indicators() == user
    assert user.read_bytes() == indicators.BUNDLED_INDICATORS.read_bytes()
    assert opened == [str(user)]

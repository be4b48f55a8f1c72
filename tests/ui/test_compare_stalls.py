"""The Compare view keeps the GUI thread free: an indicator's figures are paired in the worker
that reads them (pair_up took ~0.1 s on the GUI thread for 20,000 figures at 10,000 reports),
and the filters only pick the paired rows, which are the rows pair_up gives under them."""

from __future__ import annotations

import itertools
import threading

import pytest
from PySide6.QtCore import Qt

from explorer.core.targets import panel
from explorer.core.targets.indicators import current_indicators
from explorer.library.compare import Paired
from explorer.ui.tasks import TaskRunner
from explorer.ui.widgets.compare_view import CompareView, RowFigures
from tests.ui.test_compare import TIMEOUT, reports, source  # noqa: F401 - fixtures

REGIONS = ([], ["海拉爾"], ["全国"], ["海拉尔", "全国"], ["常州"])
YEARS = ((None, None), (2013, None), (None, 2012), (2024, 2024), (2030, None))
THEMES = ([], ["就业"], ["生态"], ["就业", "生态"])


def test_paired_rows_are_pair_ups_rows_under_every_filter(source):  # noqa: F811 - fixture
    indicators = current_indicators()
    figures = RowFigures(source)
    counts = figures.counts(indicators)
    assert counts
    compared = 0
    for name in counts:
        obs = figures.observations(indicators, name)
        paired = Paired(obs)
        assert paired.years == sorted({o.year for o in obs})
        for regions, years, themes in itertools.product(REGIONS, YEARS, THEMES):
            expected = panel.pair_up(obs, indicators=[name], regions=regions, years=years, themes=themes)
            assert paired.select(regions=regions, years=years, themes=themes) == expected, (name, regions, years, themes)
            compared += bool(expected)
    assert compared > 10  # filters that leave rows were compared, not only empty tables


@pytest.fixture
def pairing_threads(monkeypatch):
    threads: list[threading.Thread] = []
    pair_up = panel.pair_up

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return pair_up(*args, **kwargs)

    monkeypatch.setattr(panel, "pair_up", recording)
    return threads


def test_the_gui_thread_never_pairs_figures(qtbot, source, pairing_threads):  # noqa: F811 - fixture
    runner = TaskRunner()
    v = CompareView(runner)
    qtbot.addWidget(v)
    v.resize(1300, 600)
    v.set_source(source)
    v.show()
    qtbot.waitUntil(lambda: v.model.rows != [], timeout=TIMEOUT)
    assert v.select_indicator("城镇新增就业")
    qtbot.waitUntil(lambda: {r.indicator for r in v.model.rows} == {"城镇新增就业"}, timeout=TIMEOUT)
    assert "呼伦贝尔市海拉尔区" in v.model.regions and "全国" in v.model.regions
    both = len(v.model.rows)
    v.region_edit.setText("海拉爾")  # filters pick rows: nothing is paired again
    assert v.model.regions == ["呼伦贝尔市海拉尔区"] and len(v.model.rows) < both
    v.theme_box.setCurrentIndex(v.theme_box.findData("生态"))
    assert v.model.rows == []
    assert pairing_threads and all(t is not threading.main_thread() for t in pairing_threads)
    runner.wait(TIMEOUT)


def test_columns_are_sized_by_the_lines_the_cells_show(qtbot, source):  # noqa: F811 - fixture
    v = CompareView(runner=None)
    qtbot.addWidget(v)
    v.set_source(source)
    v.show()
    assert v.select_indicator("城镇新增就业")
    model = v.model
    shown = []
    for column in range(model.columnCount()):
        lines = {str(model.headerData(column, Qt.Orientation.Horizontal))}
        for row in range(model.rowCount()):
            text = model.data(model.index(row, column))
            if text:
                lines.update(text.split("\n"))
        shown.append(lines)
    assert model.column_lines() == shown and any(len(c) > 2 for c in shown)

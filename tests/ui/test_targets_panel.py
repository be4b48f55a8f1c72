"""The targets panel over a real library (both engines): the open report's targets first,
all reports one click away (remembered), a theme filter, a sort by a header click and the
export, each answered by the library on a worker."""

from __future__ import annotations

import csv
import shutil

import pytest
from PySide6.QtCore import QPoint, Qt

from explorer.library import Library, TargetQuery
from explorer.ui.models.targets import COL_VALUE, RowRole
from tests.conftest import corpus_file

pytestmark = pytest.mark.gui
TIMEOUT = 30000
FILES = ["city_shanghai_2021.txt", "county_天门市_2024.txt", "national_2024.txt"]


@pytest.fixture(scope="module", params=["whoosh", "tantivy"])
def built(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"panel-{request.param}")
    (folder / "src").mkdir()
    for name in FILES:
        shutil.copy(corpus_file(name), folder / "src" / name)
    with Library(folder / "lib", workers=1) as lib:
        lib.set_engine(request.param)
        lib.index([folder / "src"])
    return folder / "lib"


def shown(panel) -> list:
    return [panel.model.index(r, 0).data(RowRole) for r in range(panel.model.rowCount())]


def fetch_all(qtbot, panel) -> list:
    while panel.model.canFetchMore() or panel.model.loading:
        if panel.model.canFetchMore():
            panel.model.fetchMore()
        qtbot.wait(20)
    return shown(panel)


def test_open_report_then_all_then_theme_sort_and_export(qtbot, built, settings, tmp_path):
    from explorer.ui.main_window import MainWindow

    lib = Library(built)
    window = MainWindow(lib, settings)
    qtbot.addWidget(window)
    window.show()
    panel = window.targets_panel
    assert panel.scope == "report"  # the default: the open report's targets
    with qtbot.waitSignal(window.library_loaded, timeout=TIMEOUT):
        window.start()
    report = sorted(i.path for i in lib.reports())[1]
    with qtbot.waitSignal(window.report_opened, timeout=TIMEOUT):
        window.open_report(report)
    mine = lib.report(report).targets
    qtbot.waitUntil(lambda: panel.model.total == len(mine), timeout=TIMEOUT)
    assert [h.target for h in fetch_all(qtbot, panel)] == mine
    assert not panel.region_box.isVisible()

    # All reports: one click, and remembered.
    with qtbot.waitSignal(panel.model.first_page, timeout=TIMEOUT):
        qtbot.mouseClick(panel.scope_buttons.button(1), Qt.MouseButton.LeftButton)
    every = lib.target_hits(TargetQuery())
    qtbot.waitUntil(lambda: panel.model.total == len(every), timeout=TIMEOUT)
    assert settings.get("targets/scope") == "all"
    assert shown(panel) == every[: panel.model.rowCount()]

    # A theme chip.
    themes = panel.themes
    qtbot.waitUntil(lambda: themes.rowCount() > 0 and themes.index(0).data().endswith(
        str(lib.target_theme_counts()[themes.index(0).data(Qt.ItemDataRole.UserRole)])), timeout=TIMEOUT)
    row = next(r for r in range(themes.rowCount()) if themes.index(r).data(Qt.ItemDataRole.UserRole) == "就业")
    with qtbot.waitSignal(panel.model.first_page, timeout=TIMEOUT):
        qtbot.mouseClick(panel.theme_view.viewport(), Qt.MouseButton.LeftButton,
                         pos=panel.theme_view.visualRect(themes.index(row)).center())
    jobs = lib.target_hits(TargetQuery(themes=("就业",)))
    qtbot.waitUntil(lambda: panel.model.total == len(jobs), timeout=TIMEOUT)
    assert fetch_all(qtbot, panel) == jobs and all("就业" in h.target.themes for h in jobs)

    # Sort by a header click: the library's order by unit, then value.
    header = panel.table.horizontalHeader()
    with qtbot.waitSignal(panel.model.first_page, timeout=TIMEOUT):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(COL_VALUE) + 5, header.height() // 2))
    query = panel.model.query
    assert query.sort == "value" and query.themes == ("就业",)
    assert fetch_all(qtbot, panel) == lib.target_hits(query)

    # Export what is shown: every row the filters admit, streamed from the library.
    out = tmp_path / "targets.csv"
    rows, total = panel.export_rows()
    window.export_targets(rows, str(out), total)
    qtbot.waitUntil(out.exists, timeout=TIMEOUT)
    lines = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert len(lines) == 1 + len(jobs)
    assert [line[4] for line in lines[1:]] == [h.target.indicator for h in lib.target_hits(query)]
    window.runner.cancel_all()
    window.runner.wait(5000)
    window.close()
    lib.close()

"""The window's behaviour, driven like a user would (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication

from explorer.core.cite.styles import cite
from explorer.core.scripts import fold
from explorer.resources import SAMPLES, sample_paths
from explorer.ui.models.targets import COL_INDICATOR, RowRole
from explorer.ui.settings import Settings
from tests.ui.conftest import make_report
from tests.ui.memory_library import MemoryLibrary

TIMEOUT = 20000


def index_samples(qtbot, window):
    with qtbot.waitSignal(window.index_done, timeout=TIMEOUT):
        window.start()
    qtbot.waitUntil(lambda: window.library_panel.model.report_count() == len(sample_paths()), timeout=TIMEOUT)


def selected_texts(view) -> list[str]:
    """What Qt actually paints as highlighted, read back from the widget."""
    return [sel.cursor.selectedText() for sel in view.extraSelections()]


def test_first_run_indexes_the_bundled_samples_and_opens_one(qtbot, window, library, settings):
    index_samples(qtbot, window)
    assert len(library) == len(sample_paths())
    assert settings.get("library/samples_offered_to") == str(library.path)
    qtbot.waitUntil(lambda: window.report is not None, timeout=TIMEOUT)
    assert window.view.toPlainText().replace("\u2029", "\n") == window.view.displayed


def test_samples_are_offered_once_per_library_folder(qtbot, settings):
    """A second, empty library gets the samples too; a library that got them once and was
    emptied by its user does not get them back."""
    from explorer.ui.main_window import MainWindow

    settings.set("library/samples_offered_to", "/some/other/library")
    for expected in ([[str(SAMPLES)]], []):
        w = MainWindow(MemoryLibrary("/libraries/new"), settings)
        qtbot.addWidget(w)
        offered: list = []
        w.start_index = offered.append  # record instead of indexing
        with qtbot.waitSignal(w.library_loaded, timeout=TIMEOUT):
            w.start()
        assert offered == expected
        assert settings.get("library/samples_offered_to") == "/libraries/new"
        w.runner.cancel_all()
        w.runner.wait(5000)


def test_search_results_then_highlight_in_text(qtbot, window):
    index_samples(qtbot, window)
    with qtbot.waitSignal(window.search_done, timeout=TIMEOUT):
        window.search_panel.edit.setText("就业")
        qtbot.keyClick(window.search_panel.edit, Qt.Key.Key_Return)
    model = window.search_panel.model
    assert model.rowCount() >= 2
    # Choose the second result (not the one that may already be open).
    hit = model.hit(1)
    with qtbot.waitSignal(window.report_opened, timeout=TIMEOUT):
        rect = window.search_panel.view.visualRect(model.index(1))
        qtbot.mouseClick(window.search_panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.report.path == hit.path
    assert len(window.view.hits) == hit.hits
    painted = selected_texts(window.view)
    assert len(painted) == hit.hits
    assert {fold(t) for t in painted} == {"就业"}
    # F3 walks the hits and wraps around.
    first = window.view.current_hit
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.view.current_hit == (first + 1) % hit.hits
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.current_hit == first


def test_bad_query_is_reported_not_raised(qtbot, window):
    with qtbot.waitSignal(window.search_done, timeout=TIMEOUT):
        window.search("   x")  # stripped to "x": fine
    with qtbot.waitSignal(window.search_done, timeout=TIMEOUT):
        window.library.search = lambda q, limit=None: (_ for _ in ()).throw(ValueError("unbalanced quote"))
        window.search('"abc')
    assert "unbalanced quote" in window.search_panel.status.text()


def test_outline_click_scrolls_and_scrolling_moves_the_outline(qtbot, window, demo_report):
    window.show_report(demo_report)
    bar = window.view.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(0)
    outline = window.outline
    eco = outline.model().index(1, 0)
    eco = outline.model().index(1, 0, eco)  # （二）生態環境
    outline.expandAll()
    qtbot.mouseClick(outline.viewport(), Qt.MouseButton.LeftButton, pos=outline.visualRect(eco).center())
    assert bar.value() > 0
    start = demo_report.sections[1].children[1].start
    top = window.view.top_offset()
    line_start = demo_report.text.rfind("\n", 0, start) + 1
    assert abs(top - line_start) <= 2, (top, start)
    # Scrolling back to the top makes the first section current again.
    with qtbot.waitSignal(window.view.top_offset_changed, timeout=2000):
        window.view.scroll_to_offset(demo_report.text.index("𠀀"))
    assert outline.currentIndex().data() == "一、過去一年工作回顧"


def test_theme_filter_shows_exactly_that_themes_targets(qtbot, window, library, demo_report):
    other = make_report("/reports/other.txt")
    library._reports = {r.path: r for r in (demo_report, other)}
    with qtbot.waitSignal(window.library_loaded, timeout=TIMEOUT):
        window.refresh_library()
    panel = window.targets_panel
    panel.set_scope("all")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 10, timeout=TIMEOUT)
    themes = panel.themes
    qtbot.waitUntil(lambda: themes.rowCount() > 0, timeout=TIMEOUT)
    row = next(r for r in range(themes.rowCount()) if themes.index(r).data(Qt.ItemDataRole.UserRole) == "生态")
    rect = panel.theme_view.visualRect(themes.index(row))
    qtbot.mouseClick(panel.theme_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: panel.model.total == 4, timeout=TIMEOUT)
    shown = [panel.model.index(r, 0).data(RowRole) for r in range(panel.model.rowCount())]
    expected = [(r.path, t) for r in (demo_report, other) for t in r.targets if "生态" in t.themes]
    assert [(h.path, h.target) for h in shown] == expected
    qtbot.waitUntil(lambda: panel.count_label.text() == "显示 4 / 10 条", timeout=TIMEOUT)
    # The report filter narrows to one report.
    panel.report_box.setCurrentIndex(panel.report_box.findData("/reports/other.txt"))
    qtbot.waitUntil(lambda: panel.model.total == 2, timeout=TIMEOUT)
    assert {h.path for h in panel.model.rows} == {"/reports/other.txt"}


def test_choosing_a_target_scrolls_there_and_marks_it(qtbot, window, demo_report):
    window.show_report(demo_report)
    panel = window.targets_panel
    proxy = panel.model
    last = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(RowRole).target.indicator.startswith("空氣"))
    index = proxy.index(last, COL_INDICATOR)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=panel.table.visualRect(index).center())
    t = index.data(RowRole).target
    assert window.view.marked == (t.start, t.end)
    assert selected_texts(window.view)[-1] == "空氣質量優良天數比率達到85%"
    assert window.view.verticalScrollBar().value() > 0


def test_copy_with_citation_puts_text_and_html_on_the_clipboard(qtbot, window, demo_report):
    window.show_report(demo_report)
    window.set_citation_style("gbt7714")
    s = demo_report.text.index("新增城鎮就業1萬人以上")
    window.view.select_span(s, s + 11)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == (
        "“新增城鎮就業1萬人以上”（二、今年工作安排 › （一）穩定就業）\n"
        "示範市人民政府. 2023年示範市政府工作報告[R]. 示範, 2023."
    )
    assert mime.hasHtml() and "新增城鎮就業1萬人以上" in mime.html()


def test_copy_in_simplified_display_gives_simplified_passage(qtbot, window, demo_report):
    window.show_report(demo_report)
    window.set_script("simplified")
    s = demo_report.text.index("新增城鎮就業1萬人以上")
    window.view.select_span(s, s + 11)
    window.copy_with_citation()
    text = QGuiApplication.clipboard().text()
    assert text == cite(demo_report, s, s + 11, window.citation_style, "simplified").text
    assert text.startswith("“新增城镇就业1万人以上”")


def test_copy_target_row_with_citation(qtbot, window, demo_report):
    window.show_report(demo_report)
    row = window.targets_panel.model.rows[0]
    window.copy_target_with_citation(row)
    assert QGuiApplication.clipboard().text().startswith("“城鎮新增就業1.2萬人”")


@pytest.mark.parametrize("script", ["simplified", "traditional", "original"])
def test_script_toggle_keeps_highlights_on_the_same_words(qtbot, window, demo_report, script):
    window.show_report(demo_report)
    spans = []
    i = demo_report.text.find("就業")
    while i >= 0:
        spans.append((i, i + 2))
        i = demo_report.text.find("就業", i + 2)
    window.view.set_hits(spans, 1)
    window.set_script(script)
    painted = selected_texts(window.view)
    assert len(painted) == len(spans)
    expected = {"simplified": "就业", "traditional": "就業", "original": "就業"}[script]
    assert set(painted) == {expected}
    assert window.view.current_hit == 1
    # The text shown is the converted clean text, character for character.
    assert window.view.toPlainText().replace("\u2029", "\n") == window.view.displayed
    assert len(window.view.displayed) == len(demo_report.text)


def test_find_in_report_is_script_insensitive(qtbot, window, demo_report):
    window.show_report(demo_report)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    window.find_bar.edit.setText("就业")  # Simplified query, Traditional text (QTest types ASCII only)
    assert len(window._finds) == demo_report.text.count("就業")
    assert window.find_bar.count.text() == f"第 1/{len(window._finds)} 个"
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    s, e = window._finds[1]
    assert window.view.selection_span() == (s, e)


def test_raw_text_view_shows_the_original(qtbot, window, demo_report):
    demo_report.raw_text = "原始(yuán)文本"
    window.show_report(demo_report)
    window.raw_action.trigger()
    assert window.stack.currentWidget() is window.raw_view
    assert window.raw_view.toPlainText() == "原始(yuán)文本"
    assert window.banner.isVisible()
    window.raw_action.trigger()
    assert window.stack.currentWidget() is window.view


def test_indexing_shows_progress_and_can_be_cancelled(qtbot, window, library, tmp_path):
    for i, src in enumerate(sample_paths() * 4):
        (tmp_path / f"r{i:02d}.txt").write_bytes(src.read_bytes())
    library.index_delay = 0.05
    progress = []
    window.library_panel.progress.valueChanged.connect(progress.append)
    with qtbot.waitSignal(window.index_done, timeout=TIMEOUT) as blocker:
        window.start_index([str(tmp_path)])
        assert window.library_panel.progress.isVisible()
        qtbot.waitUntil(lambda: len(progress) >= 2, timeout=TIMEOUT)
        qtbot.mouseClick(window.library_panel.cancel_button, Qt.MouseButton.LeftButton)
    summary = blocker.args[0]
    assert summary is None or summary.cancelled
    assert len(library) < 20
    assert not window.library_panel.progress.isVisible()


def test_settings_and_layout_are_remembered(qtbot, library, tmp_path):
    from explorer.ui.main_window import MainWindow

    path = str(tmp_path / "s.ini")
    s1 = Settings(QSettings(path, QSettings.Format.IniFormat))
    w = MainWindow(library, s1)
    qtbot.addWidget(w)
    w.show()
    w.change_font_size(3)
    w.set_script("traditional")
    w.set_citation_style("markdown")
    w.targets_dock.hide()
    w.close()
    s2 = Settings(QSettings(path, QSettings.Format.IniFormat))
    assert s2.get("view/font_size") == s1.get("view/font_size") == 16
    w2 = MainWindow(library, s2)
    qtbot.addWidget(w2)
    w2.show()
    assert w2.script == "traditional" and w2.script_actions["traditional"].isChecked()
    assert w2.citation_style == "markdown"
    assert w2.view.font_size == 16
    assert not w2.targets_dock.isVisible()


def test_export_runs_in_a_worker_and_writes_csv(qtbot, window, demo_report, tmp_path):
    import csv

    window.show_report(demo_report)
    out = tmp_path / "t.csv"
    window.export_targets(window.targets_panel.visible_rows(), str(out))
    # The export writes t.csv.part and renames it when done. (Waiting on the task's signal
    # here would race: a fast worker may emit before the wait connects.)
    qtbot.waitUntil(out.exists, timeout=TIMEOUT)
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][:2] == ["report", "path"] and len(rows) == 1 + len(demo_report.targets)
    assert rows[1][4] == "城鎮新增就業"


def test_open_file_outside_the_library(qtbot, window):
    path = str(sample_paths()[1])
    with qtbot.waitSignal(window.report_opened, timeout=TIMEOUT):
        window.start(open_file=path)
    assert window.report.path == str(Path(path).resolve()) or window.report.path == path
    assert window.view.displayed == window.report.text


def test_changed_sources_are_picked_up(qtbot, window, library, tmp_path):
    folder = tmp_path / "watched"
    folder.mkdir()
    (folder / "a.txt").write_bytes(sample_paths()[0].read_bytes())
    with qtbot.waitSignal(window.index_done, timeout=TIMEOUT):
        window.start_index([str(folder)])
    qtbot.waitUntil(lambda: str(folder) in window.watcher.directories(), timeout=TIMEOUT)
    window._watch_timer.setInterval(50)  # the 2 s debounce, shortened for the test
    with qtbot.waitSignal(window.index_done, timeout=TIMEOUT):
        (folder / "b.txt").write_bytes(sample_paths()[1].read_bytes())
    assert len(library) == 2


def test_dropping_files_on_the_library_indexes_them(qtbot, window, library):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in sample_paths()[:2]])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.index_done, timeout=TIMEOUT):
        window.library_panel.dropEvent(event)
    assert len(library) == 2


def test_missing_cjk_font_is_explained(qtbot, monkeypatch, settings, tmp_path):
    import argparse

    import explorer.ui.app as app_module

    monkeypatch.setattr(app_module, "has_cjk_font", lambda: False)
    w = app_module.create_window(argparse.Namespace(library=str(tmp_path / "lib")), settings)
    qtbot.addWidget(w)
    w.show()
    assert w.banner.isVisible()
    assert "fonts-noto-cjk" in w.banner.text() or "Noto" in w.banner.text() or "YaHei" in w.banner.text()


def test_about_names_version_licence_and_data_folders(window, library, settings):
    from explorer import __version__

    text = window.about_text(__version__)
    assert __version__ in text and "MIT" in text
    assert "CC BY 4.0" in text  # the divisions data asks for attribution
    assert str(library.path) in text
    assert settings.location() and settings.location() in text

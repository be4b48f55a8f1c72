"""Excerpts in the window, driven as a user does: select a passage, Ctrl+E, a note and tags;
filter the Excerpts panel by tag and text; edit tags in place; remove and undo; open one at
its passage; export what is shown. Page numbers of a paginated report in view and status bar."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from explorer.core.cite.excerpts import Excerpt, normalize_tags
from explorer.core.cite.styles import citation_parts
from explorer.ui.models.excerpts import COL_NOTE, COL_PASSAGE, COL_TAGS, ExcerptsModel
from tests.ui.conftest import BODY, make_report

TIMEOUT = 20000
PASSAGES = {
    "新增城鎮就業1萬人以上": ("就业目标", "就业、目标"),
    "城鎮調查失業率控制在5%以內": ("", "就业"),
    "PM2.5平均濃度下降3%": ("生态的", "生态"),
}


def paged_report():
    """The demo report as if read from a PDF: page 2 starts at 二、今年工作安排, page 3 in the
    middle of the 就业 sentence (城鎮調查失業率)."""
    return replace(make_report(), pages=[0, BODY.index("二、今年工作安排"), BODY.index("城鎮調查失業率")])


@pytest.fixture
def shown(window, library):
    report = paged_report()
    library._reports[report.path] = report  # the report is in the library
    window.show_report(report)
    return report


def answer_next_dialog(note: str, tags: str, accept: bool = True) -> list:
    """Fill the modal "Add to excerpts" dialog once it is open; returns what it offered."""
    offered: list = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, fill)
            return
        offered.append(dialog.tags.text())
        dialog.note.setText(note)
        dialog.tags.setText(tags)
        dialog.accept() if accept else dialog.reject()

    QTimer.singleShot(0, fill)
    return offered


def activate(qtbot, window) -> None:
    """Shortcuts reach the active window; offscreen, a closed dialog does not hand it back."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT)


def add_by_keyboard(qtbot, window, report, passage: str, note: str, tags: str) -> list:
    s = report.text.index(passage)
    window.view.select_span(s, s + len(passage))
    activate(qtbot, window)
    window.view.setFocus()
    before = len(window.excerpts_panel.model.excerpts)
    offered = answer_next_dialog(note, tags)
    qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(window.excerpts_panel.model.excerpts) == before + 1, timeout=TIMEOUT)
    return offered


def test_add_tag_filter_edit_remove_undo_and_export(qtbot, window, library, shown, tmp_path):
    import docx
    from openpyxl import load_workbook

    panel = window.excerpts_panel
    offered = [add_by_keyboard(qtbot, window, shown, p, *v) for p, v in PASSAGES.items()]
    assert window.excerpts_dock.isVisible()
    # The last tags typed are offered for the next excerpt.
    assert offered[1] == ["就业、目标"] and offered[2] == ["就业"]
    stored = library.excerpts.all()
    assert [e.text for e in stored] == list(PASSAGES)
    assert [e.tags for e in stored] == [("就业", "目标"), ("就业",), ("生态",)]
    assert stored[0].pages == (2, 2) and stored[1].pages == (3, 3)

    # Filter by tag, then by text as well.
    panel.set_tag_filter("就业")
    assert [e.text for e in panel.shown()] == list(PASSAGES)[:2]
    panel.text_edit.setText("失业率")  # Simplified finds the Traditional passage
    assert [e.text for e in panel.shown()] == ["城鎮調查失業率控制在5%以內"]
    panel.text_edit.clear()
    panel.set_tag_filter("")
    assert panel.tag_box.currentIndex() == 0 and len(panel.shown()) == 3

    # Tags edited in place are stored.
    model = panel.model
    row = model.row_of(stored[2].id)
    assert model.setData(model.index(row, COL_TAGS), "生态，空气", Qt.ItemDataRole.EditRole)
    assert model.setData(model.index(row, COL_NOTE), "  细颗粒物  ", Qt.ItemDataRole.EditRole)
    assert library.excerpts.get(stored[2].id).tags == ("生态", "空气")
    assert library.excerpts.get(stored[2].id).note == "细颗粒物"

    # Delete removes the selected rows; Ctrl+Z gives them back.
    activate(qtbot, window)
    panel.table.setFocus()
    panel.select(stored[0].id)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert [e.id for e in library.excerpts.all()] == [stored[1].id, stored[2].id]
    assert panel.undo_button.isVisible()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [e.id for e in library.excerpts.all()] == [e.id for e in stored]
    assert len(panel.shown()) == 3 and not panel.undo_button.isVisible()

    # Export what is shown, grouped by tag, in GB/T 7714: Word and Excel read back.
    window.set_citation_style("gbt7714")
    panel.set_tag_filter("就业")
    for name in ("e.docx", "e.xlsx"):
        window.export_excerpts(panel.shown(), str(tmp_path / name), group="tag")
        # Written under a temporary name and moved into place: complete once it is there.
        qtbot.waitUntil((tmp_path / name).exists, timeout=TIMEOUT)
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "e.docx")).paragraphs]
    assert paragraphs[1] == "就业" and "目标" in paragraphs
    assert "示範市人民政府. 2023年示範市政府工作報告[R]. 示範, 2023: 2." in paragraphs
    assert "示範市人民政府. 2023年示範市政府工作報告[R]. 示範, 2023: 3." in paragraphs
    ws = load_workbook(tmp_path / "e.xlsx").active
    assert [c.value for c in ws["A"]][1:] == [stored[0].id, stored[1].id]


def test_excerpts_survive_a_new_window(qtbot, window, library, shown, settings):
    from explorer.ui.main_window import MainWindow

    add_by_keyboard(qtbot, window, shown, "PM2.5平均濃度下降3%", "", "生态")
    w2 = MainWindow(library, settings)
    qtbot.addWidget(w2)
    with qtbot.waitSignal(w2.library_loaded, timeout=TIMEOUT):
        w2.start()
    qtbot.waitUntil(lambda: len(w2.excerpts_panel.model.excerpts) == 1, timeout=TIMEOUT)
    w2.runner.cancel_all()
    w2.runner.wait(5000)


def test_a_cancelled_dialog_adds_nothing_and_no_selection_says_so(qtbot, window, library, shown):
    s = shown.text.index("綠色發展")
    window.view.select_span(s, s + 4)
    answer_next_dialog("x", "y", accept=False)
    window.add_excerpt()
    assert library.excerpts.all() == []
    window.view.select_span(s, s)
    window.add_excerpt()
    assert "选中" in window.statusBar().currentMessage()


def test_a_report_outside_the_library_cannot_be_excerpted(qtbot, window, library):
    window.show_report(make_report("/elsewhere/demo.txt"))
    s = window.report.text.index("綠色發展")
    window.view.select_span(s, s + 4)
    window.save_excerpt(window.report.path, s, s + 4, "", "", "綠色發展")
    qtbot.waitUntil(lambda: "资料库" in window.statusBar().currentMessage(), timeout=TIMEOUT)
    assert library.excerpts.all() == []


def test_double_click_opens_the_report_at_the_passage_marked(qtbot, window, library, shown):
    add_by_keyboard(qtbot, window, shown, "PM2.5平均濃度下降3%", "", "生态")
    window.view.select_span(0, 0)
    window.view.verticalScrollBar().setValue(0)
    panel = window.excerpts_panel
    index = panel.model.index(0, COL_PASSAGE)
    rect = panel.table.visualRect(index)
    # A double click in Qt's item views is a press, a release, then the double click.
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    s = shown.text.index("PM2.5平均濃度下降3%")
    assert window.view.marked == (s, s + len("PM2.5平均濃度下降3%"))
    assert window.view.verticalScrollBar().value() > 0


def test_copy_with_citation_names_the_pages(qtbot, window, shown):
    s = shown.text.index("新增城鎮就業1萬人以上")
    e = shown.text.index("控制在5%以內")
    window.view.select_span(s, e)
    window.copy_with_citation()
    assert QGuiApplication.clipboard().text().endswith("（2023年），二、今年工作安排 › （一）穩定就業，第2–3页")


def test_page_marks_and_status_bar_page(qtbot, window, shown):
    view = window.view
    assert view.page_at(0) == 1 and view.page_at(BODY.index("城鎮調查失業率")) == 3
    view.scroll_to_offset(BODY.index("二、今年工作安排"))
    view._emit_top_offset()
    assert window.page_label.text() == "第 2 / 3 页"
    view.viewport().grab()  # paints the marks
    frame = view.document().rootFrame().frameFormat()
    assert frame.rightMargin() > 0
    window.set_show_page_marks(False)
    assert view.document().rootFrame().frameFormat().rightMargin() == 0
    window.show_report(make_report("/reports/other.txt"))  # a .txt: no pages, no page label
    qtbot.waitUntil(lambda: window.page_label.text() == "", timeout=TIMEOUT)


def excerpt(id_: int, passage: str, tags=(), note="", found=True) -> Excerpt:
    r = paged_report()
    s = r.text.index(passage)
    source = replace(citation_parts(r, s, s + len(passage)), passage="")
    return Excerpt(id_, r.path, s, s + len(passage), passage, source, note, tuple(tags), found)


def test_model_passes_the_model_tester_through_filter_sort_edit_and_removal(qtmodeltester):
    model = ExcerptsModel()
    model.set_excerpts([excerpt(i + 1, p, tags=normalize_tags(v[1]), note=v[0]) for i, (p, v) in enumerate(PASSAGES.items())]
                       + [excerpt(9, "綠色發展", found=False)])
    qtmodeltester.check(model)
    assert model.data(model.index(3, COL_PASSAGE)).startswith("〔未找到〕")
    model.set_filters(tag="就業")
    assert model.rowCount() == 2
    model.sort(COL_NOTE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    model.set_filters(tag="", text="pm2.5")
    assert model.rowCount() == 1
    model.set_filters(text="")
    model.remove([2])
    model.add(excerpt(10, "綠色發展", tags=["生态"]))
    qtmodeltester.check(model)
    assert model.rowCount() == 4 and model.tag_counts()["生态"] == 2

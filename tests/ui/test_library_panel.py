"""The library panel names every file the last indexing run skipped, with its reason."""

from __future__ import annotations

import os

from explorer.ui.widgets.library_panel import LibraryPanel


def test_skipped_files_are_listed_with_reasons(qtbot):
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.skipped_button.isVisible()
    gbk_name = os.fsdecode(b"/reports/" + "报告".encode("gbk") + b".txt")
    panel.set_skipped([("/reports/photo.txt", "it is a binary file, not text"), (gbk_name, "the file is empty")])
    assert panel.skipped_button.isVisible()
    assert "2" in panel.skipped_button.text()
    dialog = panel.show_skipped()
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QPlainTextEdit

    text = dialog.findChild(QPlainTextEdit).toPlainText()
    assert "/reports/photo.txt\n    it is a binary file, not text" in text
    assert "\\udcb1\\udca8" in text and "the file is empty" in text  # GBK bytes kept visible
    panel.set_skipped([])
    assert not panel.skipped_button.isVisible()

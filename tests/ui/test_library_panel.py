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


def test_the_targets_column_fits_its_header_and_five_digits_at_any_font_size(qtbot):
    """Sized from the font, not by measuring rows (which cost 200-390 ms of the GUI thread
    at every relayout of a 1,000-report tree); a bigger font widens it."""
    from PySide6.QtGui import QFont

    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.show()
    header = panel.tree.header()

    def fits() -> bool:
        digits = panel.tree.fontMetrics().horizontalAdvance("12345")
        return header.sectionSize(1) >= max(digits, header.sectionSizeHint(1))

    assert fits()
    small = header.sectionSize(1)
    font = QFont(panel.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    panel.setFont(font)
    assert fits() and header.sectionSize(1) > small

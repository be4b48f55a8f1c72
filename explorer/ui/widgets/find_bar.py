"""Find in the open report (Ctrl+F): Simplified/Traditional and full-width insensitive."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from explorer.core.scripts import fold


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Every occurrence of `needle` in `text` on their folded forms (same length, so the
    spans are offsets into `text`): 就业 finds 就業, ＡＢ finds ab."""
    if not needle:
        return []
    hay, pin = fold(text), fold(needle)
    spans = []
    i = hay.find(pin)
    while i >= 0:
        spans.append((i, i + len(pin)))
        i = hay.find(pin, i + len(pin))
    return spans


class FindBar(QWidget):
    find_changed = Signal(str)
    step = Signal(int)  # +1 next, -1 previous
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel(self.tr("查找：")))
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("在本报告中查找（简繁通查）"))
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self.find_changed)
        self.edit.returnPressed.connect(lambda: self.step.emit(1))
        layout.addWidget(self.edit, 1)
        self.count = QLabel(self)
        self.count.setMinimumWidth(90)
        layout.addWidget(self.count)
        prev_btn = QToolButton(self)
        prev_btn.setText("▲")
        prev_btn.setToolTip(self.tr("上一个 (Shift+Enter)"))
        prev_btn.clicked.connect(lambda: self.step.emit(-1))
        next_btn = QToolButton(self)
        next_btn.setText("▼")
        next_btn.setToolTip(self.tr("下一个 (Enter)"))
        next_btn.clicked.connect(lambda: self.step.emit(1))
        close_btn = QToolButton(self)
        close_btn.setText("✕")
        close_btn.setToolTip(self.tr("关闭 (Esc)"))
        close_btn.clicked.connect(self.close_bar)
        for b in (prev_btn, next_btn, close_btn):
            b.setAutoRaise(True)
            layout.addWidget(b)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_bar)
        back = QShortcut(QKeySequence("Shift+Return"), self.edit)
        back.setContext(Qt.ShortcutContext.WidgetShortcut)
        back.activated.connect(lambda: self.step.emit(-1))

    def open_bar(self, text: str = "") -> None:
        self.show()
        if text:
            self.edit.setText(text)
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def set_count(self, current: int, total: int) -> None:
        if not self.edit.text():
            self.count.setText("")
        elif total == 0:
            self.count.setText(self.tr("无结果"))
        else:
            self.count.setText(self.tr("第 %1/%2 个").replace("%1", str(current + 1)).replace("%2", str(total)))

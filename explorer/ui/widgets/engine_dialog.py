"""Library → 搜索引擎…: which engine answers this library's searches, and the user's choice of
自动 / Whoosh / Tantivy (explorer/library/engines.py has the rules and the move)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from explorer.library.engines import AUTO_THRESHOLD, LARGE_ENGINE, EngineChoice

ENGINE_NAMES = {"whoosh": "Whoosh", "tantivy": "Tantivy"}
AUTO = ""  # the choice "let the library choose by its size"


class EngineDialog(QDialog):
    """Modal; `chosen()` after exec() is AUTO or an engine name. `problems` maps an engine
    that cannot be used here to why (its button is disabled)."""

    def __init__(self, choice: EngineChoice, reports: int, problems: dict[str, str],
                 moving: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("engineDialog")
        self.setWindowTitle(self.tr("搜索引擎"))
        layout = QVBoxLayout(self)
        self.state = QLabel(self.describe(choice, reports, moving), self)
        self.state.setObjectName("engineState")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        labels = {
            AUTO: self.tr("自动：不超过 %1 份报告时用 Whoosh，超过后改用 Tantivy").replace("%1", f"{AUTO_THRESHOLD:,}"),
            "whoosh": self.tr("Whoosh：纯 Python，适合几百份报告的资料库"),
            "tantivy": self.tr("Tantivy：编译型引擎，适合数千份以上的大资料库"),
        }
        for key, label in labels.items():
            button = QRadioButton(label, self)
            if key in problems:
                button.setEnabled(False)
                button.setToolTip(problems[key])
            self.group.addButton(button)
            self.buttons[key] = button
            layout.addWidget(button)
        current = choice.wanted if choice.chosen_by == "user" else AUTO
        self.buttons[current].setChecked(True)
        note = QLabel(self.tr("更换引擎会用已存的报告在后台重建索引（不重读原文件），可随时取消，下次从中断处继续；"
                              "重建期间搜索照常使用原来的索引。"), self)
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addWidget(note)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.resize(520, self.sizeHint().height())

    def chosen(self) -> str:
        for key, button in self.buttons.items():
            if button.isChecked():
                return key
        return AUTO

    def describe(self, choice: EngineChoice, reports: int, moving: bool) -> str:
        """Which engine answers now and why, and a pending move."""
        name = ENGINE_NAMES.get(choice.engine, choice.engine)
        line = self.tr("本资料库（%1 份报告）现在使用 %2。").replace("%1", f"{reports:,}").replace("%2", name)
        if choice.chosen_by == "user":
            line += self.tr("这是您选定的引擎，资料库不会自动更换。")
        elif choice.engine == LARGE_ENGINE:
            line += self.tr("自动选择：资料库超过 %1 份报告时改用 Tantivy，之后不会自动换回。").replace(
                "%1", f"{AUTO_THRESHOLD:,}")
        else:
            line += self.tr("自动选择：资料库不超过 %1 份报告。").replace("%1", f"{AUTO_THRESHOLD:,}")
        if choice.wanted != choice.engine:
            wanted = ENGINE_NAMES.get(choice.wanted, choice.wanted)
            line += "\n" + (self.tr("正在改用 %1…") if moving else
                            self.tr("改用 %1 尚未完成：重新索引或再次确认时从中断处继续。")).replace("%1", wanted)
        return line

"""Adding an excerpt: the passage, an optional note and tags, with the tags already in use
offered as one types (each tag of a comma-separated list is completed on its own)."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from explorer.core.cite.excerpts import TAG_SEPARATORS
from explorer.ui.models.excerpts import TAG_JOINER

PREVIEW_CHARS = 240
DIALOG_STYLE = """
QLabel#excerptPreview { background: #fffdf8; border: 1px solid #ece5d4; border-left: 3px solid #c9b98f;
                        padding: 8px 10px; font-size: 14px; }
QLabel#excerptSource { color: #5f6b7a; }
"""


class TagsEdit(QLineEdit):
    """Tags typed as "就业、新质生产力"; the last one is completed from `tags`."""

    def __init__(self, tags: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("用顿号或逗号分隔，如：就业、新质生产力"))
        self._model = QStringListModel(tags, self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setWidget(self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer_.activated.connect(self._insert)
        self.textEdited.connect(self._complete)

    def set_tags(self, tags: list[str]) -> None:
        self._model.setStringList(tags)

    def _last_start(self) -> int:
        text = self.text()
        return max(text.rfind(sep) for sep in (*TAG_SEPARATORS, " ")) + 1

    def _complete(self, text: str) -> None:
        prefix = text[self._last_start():].strip()
        popup = self.completer_.popup()
        if not prefix:
            popup.hide()
            return
        self.completer_.setCompletionPrefix(prefix)
        if self.completer_.completionCount():
            self.completer_.complete()
        else:
            popup.hide()

    def _insert(self, tag: str) -> None:
        self.setText(self.text()[: self._last_start()] + tag + TAG_JOINER)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # While the list is open, Enter and Tab choose from it (the completer takes them).
        if self.completer_.popup().isVisible() and event.key() in (
            Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Escape,
        ):
            event.ignore()
            return
        super().keyPressEvent(event)


class AddExcerptDialog(QDialog):
    def __init__(self, passage: str, source: str, tags: list[str], last_tags: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("添加到摘录"))
        self.setMinimumWidth(560)
        self.setStyleSheet(DIALOG_STYLE)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        shown = " ".join(passage.split())
        if len(shown) > PREVIEW_CHARS:
            shown = shown[:PREVIEW_CHARS] + "…"
        self.preview = QLabel(shown, self)
        self.preview.setObjectName("excerptPreview")
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.preview)
        self.source = QLabel(source, self)
        self.source.setObjectName("excerptSource")
        self.source.setWordWrap(True)
        layout.addWidget(self.source)

        form = QFormLayout()
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("为什么摘录这段（可不填）"))
        self.tags = TagsEdit(tags, self)
        self.tags.setText(last_tags)
        self.tags.selectAll()  # the last tags are offered; typing replaces them
        form.addRow(self.tr("批注"), self.note)
        form.addRow(self.tr("标签"), self.tags)
        layout.addLayout(form)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("添加"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.note.setFocus()

    def values(self) -> tuple[str, str]:
        """(note, tags as typed)."""
        return self.note.text().strip(), self.tags.text()

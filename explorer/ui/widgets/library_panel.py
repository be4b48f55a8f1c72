"""The library: reports grouped by region and year; add files or folders (dialog or
drag-and-drop); re-index with a progress bar that can be cancelled.

The filter is applied by the listing (SQL over the manifest for the real library), in a
worker when the panel has a runner, a moment after the user stops typing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from explorer.ui.models.library import LibraryModel, ListingSource, ReportList

FILTER_DELAY_MS = 200  # typing pauses this long before the listing is asked again


def display_path(path: str) -> str:
    """A file name as text a person can read and copy: bytes that were not UTF-8 in the
    name (a GBK name from a Windows zip) show as escapes instead of vanishing."""
    return path.encode("utf-8", "backslashreplace").decode("utf-8")


class LibraryPanel(QWidget):
    report_chosen = Signal(str)  # path
    add_files_requested = Signal()
    add_folder_requested = Signal()
    reindex_requested = Signal()
    cancel_requested = Signal()
    paths_dropped = Signal(list)  # list[str]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.add_files_button = QPushButton(self.tr("添加文件…"), self)
        self.add_folder_button = QPushButton(self.tr("添加文件夹…"), self)
        self.reindex_button = QPushButton(self.tr("重新索引"), self)
        self.reindex_button.setToolTip(self.tr("重新读取所有来源，收入新增和修改过的文件"))
        for b in (self.add_files_button, self.add_folder_button, self.reindex_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.add_files_button.clicked.connect(self.add_files_requested)
        self.add_folder_button.clicked.connect(self.add_folder_requested)
        self.reindex_button.clicked.connect(self.reindex_requested)
        layout.addLayout(buttons)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("按标题或地区筛选…"))
        self.filter_edit.setClearButtonEnabled(True)
        layout.addWidget(self.filter_edit)

        self.runner: Any = None  # TaskRunner for the filter's queries; None: on this thread
        self._listing: ListingSource = ReportList([])
        self._filter_generation = 0
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_edit.textChanged.connect(self._filter_timer.start)
        self.model = LibraryModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("libraryTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The targets column holds a few digits: sized from the font, not from the rows.
        # ResizeToContents measured up to 1,000 rows at every relayout, so showing the
        # progress bar when indexing starts held the GUI thread 200-390 ms at 1,000 reports.
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self._size_count_column()
        self.tree.activated.connect(self._chosen)
        self.tree.clicked.connect(self._chosen)
        layout.addWidget(self.tree, 1)

        self.empty_hint = QLabel(self.tr("资料库是空的。把报告文件或文件夹拖到这里，或点“添加文件…”。"), self)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setObjectName("hint")
        layout.addWidget(self.empty_hint)

        progress_row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        layout.addLayout(progress_row)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setObjectName("hint")
        layout.addWidget(self.status)
        # The files the last indexing run could not take, each with its reason: a status
        # line is replaced too soon to be the only place they are named.
        self._skipped: list[tuple[str, str]] = []
        self.skipped_button = QToolButton(self)
        self.skipped_button.clicked.connect(self.show_skipped)
        self.skipped_button.setVisible(False)
        layout.addWidget(self.skipped_button)
        self.set_indexing(False)

    def set_skipped(self, skipped: list[tuple[str, str]]) -> None:
        self._skipped = list(skipped)
        self.skipped_button.setText(self.tr("跳过了 %1 个文件，查看原因…").replace("%1", str(len(skipped))))
        self.skipped_button.setVisible(bool(skipped))

    def show_skipped(self) -> QDialog:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("未收入资料库的文件"))
        dialog.resize(720, 420)
        box = QVBoxLayout(dialog)
        box.addWidget(QLabel(self.tr("这些文件没有收入资料库，原因如下："), dialog))
        text = QPlainTextEdit(dialog)
        text.setReadOnly(True)
        text.setPlainText("\n".join(f"{display_path(p)}\n    {why}" for p, why in self._skipped))
        box.addWidget(text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        box.addWidget(buttons)
        dialog.open()
        return dialog

    def _chosen(self, index: QModelIndex) -> None:
        path = self.model.path_at(index)
        if path:
            self.report_chosen.emit(path)

    def set_listing(self, source: ListingSource, groups: list[tuple[str, int | None, int]], total: int) -> None:
        """Show the listing's groups, as fetched (off the GUI thread) for the current filter."""
        self._listing = source
        self.model.set_listing(source, groups, total, self.filter_text())
        self.empty_hint.setVisible(total == 0)
        self._expand()
        if not self.status.text() or not self.progress.isVisible():
            self._show_count()

    def _show_count(self) -> None:
        total = self.model.report_count()
        if self.model.filter_text:
            self.status.setText(self.tr("筛选出 %1 份，共 %2 份报告").replace(
                "%1", f"{self.model.shown_count():,}").replace("%2", f"{total:,}"))
        else:
            self.status.setText(self.tr("%1 份报告").replace("%1", f"{total:,}"))

    def filter_text(self) -> str:
        return self.filter_edit.text().strip()

    def _expand(self) -> None:
        # Regions open, years closed: a thousand reports stay browsable; a filter opens
        # the years too when few enough reports pass it to read them all.
        deep = bool(self.model.filter_text) and self.model.shown_count() <= 200
        for r in range(self.model.rowCount()):
            region = self.model.index(r, 0)
            self.tree.expand(region)
            if deep:
                for y in range(self.model.rowCount(region)):
                    self.tree.expand(self.model.index(y, 0, region))

    def _apply_filter(self) -> None:
        text = self.filter_text()
        if text == self.model.filter_text:
            return
        self._filter_generation += 1
        generation, source = self._filter_generation, self._listing

        def job(_ctx: Any = None) -> list[tuple[str, int | None, int]]:
            return source.groups(text)

        def done(groups: list[tuple[str, int | None, int]]) -> None:
            if generation == self._filter_generation and source is self._listing:
                self.model.set_listing(source, groups, self.model.report_count(), text)
                self._expand()
                if not self.progress.isVisible():
                    self._show_count()

        if self.runner is None:
            done(job())
        else:
            self.runner.run(job, done, name="library-filter")

    def _size_count_column(self) -> None:
        header = self.tree.header()
        digits = self.tree.fontMetrics().horizontalAdvance("00000") + 2 * self.tree.style().pixelMetric(
            QStyle.PixelMetric.PM_FocusFrameHMargin) + 8
        header.resizeSection(1, max(header.sectionSizeHint(1), digits))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._size_count_column()

    def select_path(self, path: str) -> None:
        index = self.model.index_for_path(path)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def set_indexing(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        for b in (self.reindex_button, self.add_files_button, self.add_folder_button):
            b.setEnabled(not running)
        if running:
            self.progress.setRange(0, 0)
            self.setAcceptDrops(False)
        else:
            self.setAcceptDrops(True)

    def set_progress(self, done: int, total: int, current: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} / {total}")
        if current:
            self.status.setText(self.tr("正在索引：%1").replace("%1", Path(current).name))

    # -- drag and drop ---------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.paths_dropped.emit(paths)

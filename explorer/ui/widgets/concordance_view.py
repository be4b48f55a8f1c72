"""The Concordance view: every hit of a query as a row, left context | hit | right context.

The concordance is built in a worker (Library.concordance, then its outlines); the table
model (ui/models/concordance.py) makes a row's strings only when shown. Changing the context
width or the paragraph rule re-cuts the contexts of the same hits, no search again. Sorting
by a column header; double-click (or Enter) opens the report at the hit; Ctrl+C copies the
selected rows (tab-separated, with their citation) for a spreadsheet; Export writes every row
in the order shown to CSV or Excel, in a worker.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from explorer.core.scripts import convert_for_display
from explorer.library.kwic import CONTEXT, FIELDS, WIDTHS, Concordance, KwicDoc
from explorer.ui.models.concordance import COLUMNS, LEFT, ConcordanceModel, KwicRowRole
from explorer.ui.tasks import TaskContext, run_or_call

TABLE_FILTER = "Excel (*.xlsx);;CSV (*.csv)"
# Widths in characters of the text columns other than the contexts (report, section, ...).
_WIDTHS = {"hit": 6, "region": 7, "year": 4, "title": 16, "section": 18, "doc_type": 6, "level": 3}


class _ElideLeft(QStyledItemDelegate):
    """The left context loses its far end, not the characters next to the hit."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft  # type: ignore[attr-defined]


class ConcordanceView(QWidget):
    hit_chosen = Signal(str, int, int)  # report path, start, end (clean-text offsets)
    status = Signal(str)  # a message for the window's status bar
    loaded = Signal(int)  # rows shown, once a concordance is complete
    _batch = Signal(int, object, object)  # generation, reports, rows: from the worker, queued

    def __init__(self, runner: Any = None, library: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("concordanceView")
        self.runner = runner  # TaskRunner; None computes on the calling thread (tests)
        self.library = library
        self.script = "original"
        self.citation_style = "plain"
        self.query = ""
        self.label = ""
        self._generation = 0
        self._task: Any = None
        self._loading = False
        self._batch.connect(self._add_batch)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.summary = QLabel(self)
        self.summary.setObjectName("concordanceSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.context_box = QSpinBox(self)
        self.context_box.setRange(0, 200)
        self.context_box.setValue(CONTEXT)
        self.context_box.setSuffix(self.tr(" 字"))
        self.context_box.setToolTip(self.tr("关键词两侧各显示多少个字"))
        self.cross_box = QCheckBox(self.tr("跨段落"), self)
        self.cross_box.setToolTip(self.tr("语境越过段落分界（显示为 ¶）；默认在段落处截止"))
        self.copy_button = QPushButton(self.tr("复制"), self)
        self.copy_button.setToolTip(self.tr("复制选中的行（制表符分隔，含引文），可直接粘贴到表格 (Ctrl+C)"))
        self.export_button = QPushButton(self.tr("导出…"), self)
        self.export_button.setToolTip(self.tr("按当前排序导出全部行：语境、报告、地区、年份、章节、位置和引文（Excel 或 CSV）"))
        bar.addWidget(self.summary, 1)
        bar.addWidget(QLabel(self.tr("语境")))
        bar.addWidget(self.context_box)
        bar.addWidget(self.cross_box)
        bar.addWidget(self.copy_button)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)

        self.model = ConcordanceModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("concordanceTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(LEFT, _ElideLeft(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        # Fixed row heights: the view never measures 20,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().lineSpacing() + 8)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the library's order until a click
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self.model.sort)
        # activated: a double-click (or a single one where the platform says so) and Enter.
        self.table.activated.connect(self._open)
        layout.addWidget(self.table, 1)

        copy = QAction(self.tr("复制"), self.table)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_selection)
        self.table.addAction(copy)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.context_box.valueChanged.connect(self._recut)
        self.cross_box.toggled.connect(self._recut)
        self.copy_button.clicked.connect(self.copy_selection)
        self.export_button.clicked.connect(self.export_dialog)
        self._fit_columns()
        self._set_summary()

    # -- input --------------------------------------------------------------------------

    def set_script(self, script: str) -> None:
        self.script = script
        self.model.set_convert(lambda s: convert_for_display(s, script))

    def show_query(self, query: str, paths: list[str] | None = None, label: str | None = None) -> None:
        """Build the concordance of `query` (in the reports at `paths` only, if given) in a
        worker; rows appear batch by batch as reports are read. `label` names it in the
        summary (default: the query)."""
        self.query = query
        self.label = query if label is None else label
        self._generation += 1
        generation = self._generation
        if self._task is not None:
            self._task.cancel()  # superseded: stop reading for a list nobody will see
            self._task = None
        library = self.library
        if library is None or not query.strip():
            self.set_concordance(None)
            return
        self._show(Concordance(query))
        self._loading = True
        self._set_summary()

        def job(ctx: TaskContext | None = None) -> int:
            def batch(docs: list[KwicDoc], rows: list[tuple[int, int, int]]) -> None:
                if ctx is not None:
                    ctx.check()
                self._batch.emit(generation, docs, rows)

            conc = library.concordance(query, paths=paths, on_batch=batch)
            conc.load_outlines()  # fills the rows' reports in place: their section paths
            return len(conc)

        def done(_n: int) -> None:
            if generation == self._generation:
                self._task = None
                self._loading = False
                if self.model.sorted_by is not None:
                    self.model.sort(*self.model.sorted_by)  # rows that came after the click
                self.model.refresh()
                self._set_summary()
                self.loaded.emit(self.model.rowCount())

        def failed(message: str) -> None:
            if generation == self._generation:
                self._task = None
                self._loading = False
                self.model.set_concordance(None)
                self.summary.setText(self.tr("无法列出语境：%1").replace("%1", message))

        self._task = run_or_call(self.runner, job, done, failed, name="concordance", expected=(ValueError,))

    def _add_batch(self, generation: int, docs: list[KwicDoc], rows: list[tuple[int, int, int]]) -> None:
        conc = self.model.concordance
        if generation != self._generation or conc is None:
            return  # a batch of a superseded query, still in the event queue
        self.model.append_rows(conc.extend(docs, rows))
        self._set_summary()

    def set_concordance(self, conc: Concordance | None) -> None:
        """Show a concordance built elsewhere (or none)."""
        self._show(conc)
        self.loaded.emit(self.model.rowCount())

    def _show(self, conc: Concordance | None) -> None:
        if conc is not None:
            conc.context = self.context_box.value()
            conc.cross_paragraphs = self.cross_box.isChecked()
        self._loading = False
        self.table.horizontalHeader().blockSignals(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().blockSignals(False)
        self.model.set_concordance(conc)
        self._set_summary()

    def _recut(self, *_: Any) -> None:
        """New context width or paragraph rule: the same hits, contexts cut again."""
        conc = self.model.concordance
        if conc is None:
            return
        conc.context = self.context_box.value()
        conc.cross_paragraphs = self.cross_box.isChecked()
        if self.model.sorted_by is not None:
            self.model.sort(*self.model.sorted_by)  # a context order may change with the contexts
        self.model.refresh()
        self._fit_columns()

    def _set_summary(self) -> None:
        conc = self.model.concordance
        ready = bool(conc is not None and len(conc) and not self._loading)
        self.export_button.setEnabled(ready)
        self.copy_button.setEnabled(bool(conc is not None and len(conc)))
        if conc is None:
            self.summary.setText(self.tr("搜索后，这里逐条列出每一处命中及其前后文（关键词索引）。"))
        elif self._loading:
            self.summary.setText(self.tr("正在列出“%1”的全部命中…已找到 %2 处").replace("%1", self.label)
                                 .replace("%2", f"{len(conc):,}"))
        else:
            self.summary.setText(
                self.tr("“%1”：%2 处，%3 份报告。点击列标题排序，双击打开原文。")
                .replace("%1", self.label).replace("%2", f"{len(conc):,}").replace("%3", f"{len(conc.docs):,}"))

    def _fit_columns(self) -> None:
        fm = self.table.fontMetrics()
        char = fm.horizontalAdvance("中")
        header = self.table.horizontalHeader()
        for column, (field, _) in enumerate(COLUMNS):
            chars = self.context_box.value() if field in ("left", "right") else _WIDTHS[field]
            header.resizeSection(column, max(40, min(char * max(chars, 2) + 16, 60 * char)))

    # -- actions ------------------------------------------------------------------------

    def _open(self, index: QModelIndex) -> None:
        conc = self.model.concordance
        if conc is None or not index.isValid():
            return
        i = self.model.data(index, KwicRowRole)
        start, end = conc.span(i)
        self.hit_chosen.emit(conc.doc(i).path, start, end)

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def copy_selection(self) -> int:
        rows = self.selected_rows()
        if not rows:
            return 0
        QGuiApplication.clipboard().setText(self.model.as_text(rows, self.citation_style))
        self.status.emit(self.tr("已复制 %1 行").replace("%1", str(len(rows))))
        return len(rows)

    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出语境"), "kwic.xlsx", TABLE_FILTER)
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> Any:
        """Every row, in the order shown, with the fields of `kwic --json`; in a worker."""
        from explorer.library.tables import ExportCancelled, write_table

        conc = self.model.concordance
        if conc is None:
            return None
        order, script, style = self.model.order(), self.script, self.citation_style

        def job(ctx: TaskContext | None = None) -> int:
            records = ([r[f] for f in FIELDS] for r in conc.rows(order, script, style))
            return write_table(path, FIELDS, records, sheet="kwic", bom=True, widths=WIDTHS,
                               progress=(lambda n: ctx.progress(n, len(order), path)) if ctx else None,
                               cancelled=(lambda: ctx.cancelled) if ctx else None)

        def done(n: int) -> None:
            self.status.emit(self.tr("已导出 %1 行到 %2").replace("%1", f"{n:,}").replace("%2", path))

        def failed(message: str) -> None:
            self.status.emit(self.tr("导出失败：%1").replace("%1", message))

        if self.runner is not None:
            self.status.emit(self.tr("正在导出…"))
        return run_or_call(self.runner, job, done, failed, name="export kwic", expected=(OSError, ExportCancelled))

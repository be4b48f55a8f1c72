"""Excerpts: filters (tag, region, year, text), the table with note and tags edited in place,
the chosen excerpt read in full beside it, removal with undo, and export of what is shown."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.core.cite.excerpts import Excerpt
from explorer.core.cite.styles import quoted, source_line
from explorer.core.scripts import convert_for_display
from explorer.ui.models.excerpts import (
    COL_NOTE,
    COL_PASSAGE,
    COL_REGION,
    COL_REPORT,
    COL_SECTION,
    COL_TAGS,
    COL_YEAR,
    TAG_JOINER,
    ExcerptRole,
    ExcerptsModel,
)
from explorer.ui.widgets.excerpt_dialog import TagsEdit

DETAIL_PASSAGE_PT = 12.5  # the passage read in full beside the table


class TagsDelegate(QStyledItemDelegate):
    """The tags cell is edited with completion from the tags in use."""

    def __init__(self, model: ExcerptsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt's name)
        return TagsEdit(sorted(self._model.tag_counts()), parent)

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class ExcerptsPanel(QWidget):
    chosen = Signal(object)  # Excerpt: open its report at the passage
    edited = Signal(object)  # Excerpt with a new note or tags
    remove_requested = Signal(list)  # [Excerpt]
    undo_requested = Signal()
    export_requested = Signal(str, str)  # format (md, docx, csv, xlsx), grouping (report, tag)
    copy_requested = Signal(object)  # Excerpt: copy with its citation

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.style_name = "plain"
        self.script = "original"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)

        filters = QHBoxLayout()
        filters.setSpacing(6)
        self.tag_box = QComboBox(self)
        self.region_box = QComboBox(self)
        self.year_box = QComboBox(self)
        for box, chars in ((self.tag_box, 10), (self.region_box, 8), (self.year_box, 5)):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(chars)
        self.text_edit = QLineEdit(self)
        self.text_edit.setPlaceholderText(self.tr("筛选摘录、批注、报告…"))
        self.text_edit.setClearButtonEnabled(True)
        filters.addWidget(QLabel(self.tr("标签")))
        filters.addWidget(self.tag_box)
        filters.addWidget(QLabel(self.tr("地区")))
        filters.addWidget(self.region_box)
        filters.addWidget(QLabel(self.tr("年份")))
        filters.addWidget(self.year_box)
        filters.addWidget(self.text_edit, 1)
        layout.addLayout(filters)

        self.model = ExcerptsModel(self)
        self.model.edited.connect(self.edited)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = QTableView(self.splitter)
        self.table.setObjectName("excerptsTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Double-click opens the report; F2 or a click on a selected cell edits a note or tags.
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setItemDelegateForColumn(COL_TAGS, TagsDelegate(self.model, self.table))
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_PASSAGE, QHeaderView.ResizeMode.Stretch)
        em = self.table.fontMetrics().horizontalAdvance("汉")
        for col, chars in ((COL_REGION, 6.5), (COL_YEAR, 2.6), (COL_NOTE, 10), (COL_TAGS, 9),
                           (COL_SECTION, 8), (COL_REPORT, 9)):
            self.table.setColumnWidth(col, int(em * chars) + 16)
        self.table.doubleClicked.connect(self._chosen)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())

        self.open_action = self._table_action(self.tr("在报告中显示"), lambda: self._chosen(self.table.currentIndex()), "Return")
        self.copy_action = self._table_action(self.tr("带引文复制"), self._copy_current, "Ctrl+Shift+C")
        self.remove_action = self._table_action(self.tr("删除摘录"), self._remove_selected, QKeySequence.StandardKey.Delete)
        self.undo_action = self._table_action(self.tr("撤销删除"), self.undo_requested, QKeySequence.StandardKey.Undo)
        self.undo_action.setEnabled(False)

        self.detail = QTextBrowser(self.splitter)
        self.detail.setObjectName("excerptDetail")
        self.detail.setOpenLinks(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 300])
        layout.addWidget(self.splitter, 1)

        bottom = QHBoxLayout()
        self.count_label = QLabel(self)
        bottom.addWidget(self.count_label, 1)
        self.undo_button = QPushButton(self.tr("撤销删除"), self)
        self.undo_button.clicked.connect(self.undo_requested)
        self.undo_button.hide()
        bottom.addWidget(self.undo_button)
        self.group_box = QComboBox(self)
        self.group_box.addItem(self.tr("按报告分组"), "report")
        self.group_box.addItem(self.tr("按标签分组"), "tag")
        self.group_box.setToolTip(self.tr("Markdown 和 Word 导出的分组方式"))
        bottom.addWidget(self.group_box)
        self.export_button = QToolButton(self)
        self.export_button.setText(self.tr("导出…"))
        self.export_button.setToolTip(self.tr("导出当前显示的摘录，引文格式同“编辑 › 引文格式”"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for fmt, label in (("md", self.tr("Markdown（.md）…")), ("docx", self.tr("Word 文档（.docx）…")),
                           ("xlsx", self.tr("Excel 工作簿（.xlsx）…")), ("csv", self.tr("CSV 表格（.csv）…"))):
            menu.addAction(label, lambda f=fmt: self.export_requested.emit(f, self.group_box.currentData()))
        self.export_button.setMenu(menu)
        bottom.addWidget(self.export_button)
        layout.addLayout(bottom)

        self.tag_box.currentIndexChanged.connect(self._filters_changed)
        self.region_box.currentIndexChanged.connect(self._filters_changed)
        self.year_box.currentIndexChanged.connect(self._filters_changed)
        self.text_edit.textChanged.connect(self._filters_changed)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._update_count)
        self.model.dataChanged.connect(lambda *_: self._show_detail())
        self._fill_filters()
        self._update_count()
        self._show_detail()

    def _table_action(self, text: str, slot, shortcut) -> QAction:
        action = QAction(text, self.table)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.table.addAction(action)
        return action

    # -- data ------------------------------------------------------------------------
    def set_excerpts(self, excerpts: list[Excerpt]) -> None:
        current = self.current()
        self.model.set_excerpts(excerpts)
        self._fill_filters()
        if current is not None:
            self.select(current.id)

    def add(self, excerpt: Excerpt) -> None:
        self.model.add(excerpt)
        self._fill_filters()
        self.select(excerpt.id)

    def remove(self, ids) -> None:
        self.model.remove(ids)
        self._fill_filters()

    def set_undo(self, count: int) -> None:
        """Show (count > 0) or hide the undo of the last removal."""
        self.undo_action.setEnabled(count > 0)
        self.undo_button.setVisible(count > 0)
        self.undo_button.setText(self.tr("撤销删除（%1 条）").replace("%1", str(count)))

    def set_presentation(self, style: str, script: str) -> None:
        """Citation style of the detail view; the script text is displayed in."""
        self.style_name = style
        self.script = script
        self.model.set_convert(self.convert)
        self._show_detail()

    def convert(self, text: str) -> str:
        return convert_for_display(text, self.script)

    def select(self, excerpt_id: int) -> None:
        row = self.model.row_of(excerpt_id)
        if row >= 0:
            index = self.model.index(row, COL_PASSAGE)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def current(self) -> Excerpt | None:
        return self.table.currentIndex().data(ExcerptRole)

    def selected(self) -> list[Excerpt]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.excerpt_at(r) for r in rows]

    def shown(self) -> list[Excerpt]:
        return self.model.shown()

    # -- filters ---------------------------------------------------------------------
    def _fill_filters(self) -> None:
        counts = self.model.tag_counts()
        tags = sorted(counts, key=lambda t: (-counts[t], t))
        self._fill(self.tag_box, self.tr("全部标签"), [(t, f"{t}  {counts[t]}") for t in tags])
        self._fill(self.region_box, self.tr("全部地区"), [(r, r) for r in self.model.regions()])
        self._fill(self.year_box, self.tr("全部年份"), [(y, str(y)) for y in self.model.years()])

    @staticmethod
    def _fill(box: QComboBox, everything: str, items) -> None:
        keep = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, None)
        for data, label in items:
            box.addItem(label, data)
        box.setCurrentIndex(max(0, box.findData(keep)))
        box.blockSignals(False)

    def _filters_changed(self, *_args) -> None:
        self.model.set_filters(
            tag=self.tag_box.currentData() or "",
            region=self.region_box.currentData() or "",
            year=self.year_box.currentData(),
            text=self.text_edit.text(),
        )
        self._update_count()

    def set_tag_filter(self, tag: str) -> None:
        self.tag_box.setCurrentIndex(max(0, self.tag_box.findData(tag)))

    def _update_count(self, *_args) -> None:
        shown, total = self.model.rowCount(), len(self.model.excerpts)
        if total == 0:
            self.count_label.setText(self.tr("还没有摘录：在报告正文中选中一段文字，按 Ctrl+E 添加"))
        else:
            lost = sum(not e.found for e in self.model.excerpts)
            text = self.tr("显示 %1 / %2 条").replace("%1", str(shown)).replace("%2", str(total))
            if lost:
                text += self.tr("（%1 条在报告中未找到）").replace("%1", str(lost))
            self.count_label.setText(text)
        self.export_button.setEnabled(shown > 0)

    # -- the chosen excerpt, in full -----------------------------------------------------
    def _show_detail(self) -> None:
        e = self.current()
        if e is None:
            self.detail.setHtml("<p style='color:#5f6b7a'>" + html.escape(self.tr(
                "选中一条摘录，在这里阅读全文和引文；双击在报告中打开。")) + "</p>")
            return
        parts = e.parts(self.script)
        passage = html.escape(quoted(parts, self.style_name)).replace("\n", "<br>")
        out = [f"<p style='font-size:{DETAIL_PASSAGE_PT}pt; line-height:150%'>{passage}</p>",
               f"<p style='color:#3d4a5c'>{html.escape(source_line(parts, self.style_name))}</p>"]
        if not e.found:
            out.append("<p style='color:#a33b20'>" + html.escape(self.tr(
                "在当前版本的报告中找不到这段文字（报告已修改或已移出资料库）；保留的是最后找到时的原文。")) + "</p>")
        elif e.changed:
            out.append("<p style='color:#8a5a00'>" + html.escape(self.tr("报告在这段之内有改动。摘录时的原文："))
                       + "<br>" + html.escape(self.convert(e.collected)) + "</p>")
        if e.note:
            out.append(f"<p><b>{html.escape(self.tr('批注'))}</b>　{html.escape(e.note)}</p>")
        if e.tags:
            out.append(f"<p style='color:#5f6b7a'>{html.escape(self.tr('标签'))}　{html.escape(TAG_JOINER.join(e.tags))}</p>")
        self.detail.setHtml("".join(out))

    # -- actions ---------------------------------------------------------------------
    def _chosen(self, index: QModelIndex) -> None:
        e = index.data(ExcerptRole) if index.isValid() else None
        if e is not None:
            self.chosen.emit(e)

    def _copy_current(self) -> None:
        e = self.current()
        if e is not None:
            self.copy_requested.emit(e)

    def _remove_selected(self) -> None:
        chosen = self.selected()
        if chosen:
            self.remove_requested.emit(chosen)

    def _menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        if not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.table.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addAction(self.copy_action)
        menu.addSeparator()
        for col, label in ((COL_NOTE, self.tr("编辑批注")), (COL_TAGS, self.tr("编辑标签"))):
            menu.addAction(label, lambda c=col: self.table.edit(self.model.index(index.row(), c)))
        menu.addSeparator()
        menu.addAction(self.remove_action)
        menu.exec(self.table.viewport().mapToGlobal(pos))

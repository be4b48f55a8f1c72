"""Targets: theme chips with counts, filters for report, region, year, kind and text, and
the table. Choosing a row asks the window to open the report there and mark it."""

from __future__ import annotations

from functools import lru_cache

import tomllib
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from explorer.resources import RESOURCES
from explorer.ui.models.targets import (
    COL_INDICATOR,
    COL_KIND,
    COL_QUALIFIER,
    COL_REGION,
    COL_REPORT,
    COL_THEMES,
    COL_VALUE,
    COL_YEAR,
    KIND_LABELS,
    RowRole,
    TargetRow,
    TargetsModel,
    TargetSummary,
    ThemeModel,
    summarize,
)

CURRENT = "\x00current"  # report filter: whatever report is open


@lru_cache(maxsize=1)
def lexicon_themes() -> tuple[str, ...]:
    """Theme names of resources/themes.toml, in the lexicon's order; [] without one.
    Accepts both `[themes.就业]` tables and top-level `[就业]` tables."""
    path = RESOURCES / "themes.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return ()
    themes = data.get("themes")
    table = themes if isinstance(themes, dict) else data
    return tuple(k for k, v in table.items() if isinstance(v, (dict, list)))


class TargetsPanel(QWidget):
    target_chosen = Signal(object)  # TargetRow
    copy_cited = Signal(object)  # TargetRow
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current_path = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)

        themes_label = QLabel(self.tr("主题（可多选）"))
        themes_label.setObjectName("sectionLabel")
        layout.addWidget(themes_label)
        self.themes = ThemeModel(self)
        self.theme_view = QListView(self)
        self.theme_view.setObjectName("themeChips")
        self.theme_view.setModel(self.themes)
        # Chips: items flow left to right and wrap, like tags.
        self.theme_view.setFlow(QListView.Flow.LeftToRight)
        self.theme_view.setWrapping(True)
        self.theme_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.theme_view.setSpacing(3)
        self.theme_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.theme_view.setMaximumHeight(156)  # about six rows of chips: the whole lexicon at usual widths
        self.theme_view.clicked.connect(self._toggle_theme)
        self.themes.dataChanged.connect(self._themes_changed)
        layout.addWidget(self.theme_view)

        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        self.report_box = QComboBox(self)
        self.region_box = QComboBox(self)
        self.year_box = QComboBox(self)
        self.kind_box = QComboBox(self)
        for box in (self.report_box, self.region_box, self.year_box, self.kind_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(6)
        self.kind_box.addItem(self.tr("目标与成效"), "")
        self.kind_box.addItem(self.tr("目标（计划）"), "target")
        self.kind_box.addItem(self.tr("成效（已完成）"), "achievement")
        grid.addWidget(QLabel(self.tr("报告")), 0, 0)
        grid.addWidget(self.report_box, 0, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("地区")), 1, 0)
        grid.addWidget(self.region_box, 1, 1)
        grid.addWidget(QLabel(self.tr("年份")), 1, 2)
        grid.addWidget(self.year_box, 1, 3)
        grid.addWidget(QLabel(self.tr("类型")), 2, 0)
        grid.addWidget(self.kind_box, 2, 1)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 1)
        self.text_edit = QLineEdit(self)
        self.text_edit.setPlaceholderText(self.tr("筛选文字…"))
        self.text_edit.setClearButtonEnabled(True)
        grid.addWidget(self.text_edit, 2, 2, 1, 2)
        layout.addLayout(grid)

        self.model = TargetsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("targetsTable")
        self.table.setModel(self.model)  # filters and sorts itself (see TargetsModel)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        # Fixed starting widths (in text widths, so they follow the font): measuring the
        # contents of tens of thousands of rows would stall the GUI thread.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Never narrower than the (translated) header or, for kinds, the longest label.
        metrics = self.table.fontMetrics()
        em = metrics.horizontalAdvance("汉")
        kinds = [QCoreApplication.translate("TargetsModel", str(k)) for k in KIND_LABELS.values()]
        for col, chars in ((COL_INDICATOR, 11), (COL_VALUE, 5.5), (COL_QUALIFIER, 3), (COL_KIND, 2.6),
                           (COL_YEAR, 3), (COL_REGION, 5), (COL_REPORT, 8), (COL_THEMES, 5)):
            header_text = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            texts = [header_text, *(kinds if col == COL_KIND else [])]
            width = max(int(em * chars), *(metrics.horizontalAdvance(t) + 8 for t in texts))
            self.table.setColumnWidth(col, width + 12)
        self.table.activated.connect(self._chosen)
        self.table.clicked.connect(self._chosen)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.copy_action = QAction(self.tr("带引文复制此目标"), self)
        self.copy_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(self._copy_current)
        self.table.addAction(self.copy_action)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.count_label = QLabel(self)
        bottom.addWidget(self.count_label, 1)
        self.export_button = QPushButton(self.tr("导出…"), self)
        self.export_button.setToolTip(self.tr("把筛选后的目标导出为 CSV 或 Excel"))
        self.export_button.clicked.connect(self.export_requested)
        bottom.addWidget(self.export_button)
        layout.addLayout(bottom)

        self.report_box.currentIndexChanged.connect(self._filters_changed)
        self.region_box.currentIndexChanged.connect(self._filters_changed)
        self.year_box.currentIndexChanged.connect(self._filters_changed)
        self.kind_box.currentIndexChanged.connect(self._filters_changed)
        self.text_edit.textChanged.connect(self._filters_changed)
        self.model.modelReset.connect(self._update_count)
        self._update_count()

    # -- data ------------------------------------------------------------------------
    def set_rows(self, rows: list[TargetRow], convert=None, summary: TargetSummary | None = None) -> list:
        """`summary` of `rows`, when a worker already computed it (large libraries).
        Returns the row lists let go of (see TargetsModel.set_rows)."""
        summary = summary or summarize(rows)
        released = self.model.set_rows(rows, convert)
        self.themes.set_counts(summary.theme_counts, lexicon_themes())
        self._fill_box(self.report_box, self.tr("全部报告"),
                       sorted(summary.reports.items(), key=lambda x: x[1]), current=True)
        self._fill_box(self.region_box, self.tr("全部地区"), [(r, r) for r in sorted(summary.regions)])
        self._fill_box(self.year_box, self.tr("全部年份"), [(y, str(y)) for y in sorted(summary.years, reverse=True)])
        self._filters_changed()
        return released

    def _fill_box(self, box: QComboBox, everything: str, items, current: bool = False) -> None:
        keep = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, None)
        if current:
            box.addItem(self.tr("当前打开的报告"), CURRENT)
        for data, label in items:
            box.addItem(label, data)
        i = box.findData(keep)
        box.setCurrentIndex(max(0, i))
        box.blockSignals(False)

    def set_current_report(self, path: str) -> None:
        self.current_path = path
        if self.report_box.currentData() == CURRENT:
            self._filters_changed()

    def show_current_report_only(self) -> None:
        self.report_box.setCurrentIndex(max(0, self.report_box.findData(CURRENT)))

    # -- filters ---------------------------------------------------------------------
    def _toggle_theme(self, index: QModelIndex) -> None:
        state = index.data(Qt.ItemDataRole.CheckStateRole)
        new = Qt.CheckState.Unchecked if state == Qt.CheckState.Checked else Qt.CheckState.Checked
        self.themes.setData(index, new, Qt.ItemDataRole.CheckStateRole)

    def _themes_changed(self, *_args) -> None:
        self.model.set_filters(themes=self.themes.checked())

    def set_theme_filter(self, names) -> None:
        self.themes.set_checked(names)
        self.model.set_filters(themes=self.themes.checked())

    def _filters_changed(self, *_args) -> None:
        report = self.report_box.currentData()
        if report == CURRENT:
            report = self.current_path or "\x00none"
        self.model.set_filters(
            themes=self.themes.checked(),
            report=report or "",
            region=self.region_box.currentData() or "",
            year=self.year_box.currentData(),
            kind=self.kind_box.currentData() or "",
            text=self.text_edit.text(),
        )
        self._update_count()

    def _update_count(self, *_args) -> None:
        shown, total = self.model.rowCount(), len(self.model.rows)
        if total == 0:
            self.count_label.setText(self.tr("没有提取到量化目标"))
        else:
            self.count_label.setText(self.tr("显示 %1 / %2 条").replace("%1", str(shown)).replace("%2", str(total)))
        self.export_button.setEnabled(shown > 0)

    def visible_rows(self) -> list[TargetRow]:
        return self.model.shown_rows()

    # -- actions ---------------------------------------------------------------------
    def _chosen(self, index: QModelIndex) -> None:
        row = index.data(RowRole) if index.isValid() else None
        if row is not None:
            self.target_chosen.emit(row)

    def _copy_current(self) -> None:
        row = self.table.currentIndex().data(RowRole)
        if row is not None:
            self.copy_cited.emit(row)

    def _menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.copy_action)
        go = menu.addAction(self.tr("在报告中显示"))
        go.triggered.connect(lambda: self._chosen(index))
        menu.exec(self.table.viewport().mapToGlobal(pos))

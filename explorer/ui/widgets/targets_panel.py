"""Targets: the open report's, or the whole library's one click away; theme chips with
counts, filters for report, region, year, kind and text, and the table. The library's
targets are filtered, sorted and paged in its manifest (TargetsModel), the theme counts
and the filters' choices read on workers. Choosing a row asks the window to open the
report there and mark it."""

from __future__ import annotations

from functools import lru_cache

import tomllib
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
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

from explorer.library.targettable import TargetHit, TargetQuery, count_themes
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
    ChoiceModel,
    RowRole,
    TargetsModel,
    ThemeModel,
)

SCOPES = ("report", "all")  # the open report's targets, or the library's
TEXT_DELAY_MS = 150  # typing in the text filter: one query when the typing pauses


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
    target_chosen = Signal(object)  # TargetHit
    copy_cited = Signal(object)  # TargetHit
    export_requested = Signal()
    scope_changed = Signal(str)  # one of SCOPES, chosen by the user

    def __init__(self, parent: QWidget | None = None, runner=None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.library = None
        self.current_path = ""
        self.current_local: list[TargetHit] | None = None  # the open report's, when outside the library
        self.scope = "report"
        self._scope_generation = 0
        self._scope_total: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)

        # One click between the open report's targets and the library's.
        scope_row = QHBoxLayout()
        scope_row.setSpacing(0)
        self.scope_buttons = QButtonGroup(self)
        self.scope_buttons.setExclusive(True)
        for i, (scope, label, tip) in enumerate((
            ("report", self.tr("本报告"), self.tr("只显示当前打开的报告中的目标")),
            ("all", self.tr("全部报告"), self.tr("显示资料库中所有报告的目标")),
        )):
            button = QPushButton(label, self)
            button.setObjectName(f"scope_{scope}")
            button.setCheckable(True)
            button.setToolTip(tip)
            button.setProperty("scope", scope)
            # A segmented switch: the chosen half in the theme chips' colours.
            button.setStyleSheet("QPushButton { padding: 3px 14px; }"
                                 "QPushButton:checked { background: #dcebfb; border: 1px solid #2b6cb0;"
                                 " color: #1a4f8b; font-weight: bold; }")
            self.scope_buttons.addButton(button, i)
            scope_row.addWidget(button)
        self.scope_buttons.button(0).setChecked(True)
        self.scope_buttons.idClicked.connect(lambda i: self._scope_clicked(SCOPES[i]))
        scope_row.addStretch(1)
        layout.addLayout(scope_row)

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
        # The library's reports, regions and years: one model reset each, however many.
        self.report_choices, self.region_choices, self.year_choices = (ChoiceModel(self) for _ in range(3))
        self.report_box.setModel(self.report_choices)
        self.region_box.setModel(self.region_choices)
        self.year_box.setModel(self.year_choices)
        self._set_choices([], [], [])
        self.kind_box.addItem(self.tr("目标与成效"), "")
        self.kind_box.addItem(self.tr("目标（计划）"), "target")
        self.kind_box.addItem(self.tr("成效（已完成）"), "achievement")
        # What only narrows the library's targets: hidden while one report's are shown.
        self.library_filters = [QLabel(self.tr("报告")), QLabel(self.tr("地区")), QLabel(self.tr("年份")),
                                self.report_box, self.region_box, self.year_box]
        grid.addWidget(self.library_filters[0], 0, 0)
        grid.addWidget(self.report_box, 0, 1, 1, 3)
        grid.addWidget(self.library_filters[1], 1, 0)
        grid.addWidget(self.region_box, 1, 1)
        grid.addWidget(self.library_filters[2], 1, 2)
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

        self.model = TargetsModel(self, runner)
        self.table = QTableView(self)
        self.table.setObjectName("targetsTable")
        self.table.setModel(self.model)  # filters and sorts in the library (see TargetsModel)
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
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_DELAY_MS)
        self._text_timer.timeout.connect(self._filters_changed)
        self.text_edit.textChanged.connect(self._text_timer.start)
        self.model.modelReset.connect(self._update_count)
        self.model.counted.connect(self._update_count)
        self.model.failed.connect(self._failed)
        self._update_scope_widgets()
        self._update_count()

    # -- data ------------------------------------------------------------------------
    def set_library(self, library) -> None:
        """Show `library`'s targets (again: it changed), read on workers."""
        self.library = library
        runner = self.runner

        def choices(_ctx=None):
            return library.target_facets()

        def done(result) -> None:
            if library is self.library:
                self._set_choices(*result)

        if runner is None:
            done(choices())
        else:
            runner.run(choices, done, name="target choices")
        self._reload()

    def _set_choices(self, reports, regions, years) -> None:
        for box, model, everything, items in (
            (self.report_box, self.report_choices, self.tr("全部报告"), reports),
            (self.region_box, self.region_choices, self.tr("全部地区"), [(r, r) for r in regions]),
            (self.year_box, self.year_choices, self.tr("全部年份"), [(y, str(y)) for y in years]),
        ):
            keep = box.currentData()
            box.blockSignals(True)
            model.set_items([(None, everything), *items])
            box.setCurrentIndex(max(0, model.row_of(keep)))
            box.blockSignals(False)

    def set_current_report(self, path: str, local: list[TargetHit] | None = None) -> None:
        """The report now open; `local`: its targets when the library does not hold it."""
        self.current_path = path
        self.current_local = local
        if self.scope == "report":
            self._reload()

    def set_scope(self, scope: str) -> None:
        """Show the open report's targets ("report") or the library's ("all")."""
        if scope not in SCOPES:
            return
        self.scope_buttons.button(SCOPES.index(scope)).setChecked(True)
        if scope != self.scope:
            self.scope = scope
            self._update_scope_widgets()
            self._reload()

    def show_current_report_only(self) -> None:
        self.set_scope("report")

    def _scope_clicked(self, scope: str) -> None:
        if scope != self.scope:
            self.set_scope(scope)
            self.scope_changed.emit(scope)

    def _update_scope_widgets(self) -> None:
        for widget in self.library_filters:
            widget.setVisible(self.scope == "all")  # one report has one region and one year

    def _reload(self) -> None:
        """A new scope or source: new theme counts, and the rows again."""
        self._scope_generation += 1
        generation = self._scope_generation
        self._scope_total = None
        local = self.current_local if self.scope == "report" else None
        library = self.library if local is None and (self.scope == "all" or self.current_path) else None
        report = self.current_path if self.scope == "report" and library is not None else None

        def counts(_ctx=None) -> tuple[dict[str, int], int]:
            if library is None:
                return count_themes(local or []), len(local or [])
            return library.target_theme_counts(report), library.target_count(TargetQuery(report=report))

        def done(result: tuple[dict[str, int], int]) -> None:
            if generation == self._scope_generation:
                self.themes.set_counts(result[0], lexicon_themes())
                self._scope_total = result[1]
                self._update_count()

        if self.runner is None or library is None:
            done(counts())
        else:
            self.runner.run(counts, done, name="theme counts")
        self.model.set_source(library, local, self._query())

    # -- filters ---------------------------------------------------------------------
    def _toggle_theme(self, index: QModelIndex) -> None:
        state = index.data(Qt.ItemDataRole.CheckStateRole)
        new = Qt.CheckState.Unchecked if state == Qt.CheckState.Checked else Qt.CheckState.Checked
        self.themes.setData(index, new, Qt.ItemDataRole.CheckStateRole)

    def _themes_changed(self, *_args) -> None:
        self._filters_changed()

    def set_theme_filter(self, names) -> None:
        self.themes.set_checked(names)
        self._filters_changed()

    def _query(self) -> TargetQuery:
        everything = self.scope == "all"
        year = self.year_box.currentData() if everything else None
        region = self.region_box.currentData() if everything else None
        report = self.report_box.currentData() if everything else (self.current_path or None)
        old = self.model.query
        return TargetQuery(
            themes=tuple(sorted(self.themes.checked())),
            kind=self.kind_box.currentData() or "",
            year_from=year, year_to=year,
            regions=(region,) if region else (),
            report=report,
            text=self.text_edit.text().strip(),
            sort=old.sort, descending=old.descending,
        )

    def _filters_changed(self, *_args) -> None:
        self._text_timer.stop()
        if self.scope == "report" and not self.current_path:
            return
        self.model.set_query(self._query())
        self._update_count()

    def _update_count(self, *_args) -> None:
        shown, total = self.model.total, self._scope_total
        if self.scope == "report" and not self.current_path:
            self.count_label.setText(self.tr("打开一份报告即可看到它的目标；或选择“全部报告”"))
        elif total == 0:
            self.count_label.setText(self.tr("没有提取到量化目标"))
        else:
            self.count_label.setText(self.tr("显示 %1 / %2 条").replace("%1", "…" if shown is None else f"{shown:,}")
                                     .replace("%2", "…" if total is None else f"{total:,}"))
        self.export_button.setEnabled(bool(shown) or bool(self.model.rowCount()))

    def _failed(self, message: str) -> None:
        self.count_label.setText(self.tr("无法读取目标：%1").replace("%1", message))

    def visible_rows(self) -> list[TargetHit]:
        """The rows fetched so far (the view fetches more as it scrolls)."""
        return list(self.model.rows)

    def export_rows(self):
        """(a function that returns an iterator over every row the filters admit, in the
        table's order, to call in a worker; how many there are, None if not counted yet)."""
        return self.model.all_rows(), self.model.total

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

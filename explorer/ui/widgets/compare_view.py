"""Compare across reports: one indicator's targets and results, region × year, with a chart.

The figures come from the library's manifest (explorer/library/compare.py: one SQL scan
counts each canonical indicator's figures, then the chosen indicator's are read from the
reports that hold them), in a worker, so a library of 10,000 reports is never loaded into
Python whole; a list of target rows (set_source) serves small libraries and tests.
The worker that reads an indicator's figures also pairs them (library/compare.py Paired:
about 0.1 s for 20,000 figures at 10,000 reports, which froze the window when done here);
choosing regions, years or a theme then only picks rows. Only plausible report years
(1949..next year) reach the axes.
Every cell links back to its sentences: double-click opens the target (else the result),
the detail line under the table opens either.

The chart is matplotlib's (widgets/charts.py, plots.target_result_lines): years across, one
colour per region, targets dashed with hollow markers, results solid with filled markers;
it exports as PNG, SVG or PDF for a paper.
"""

from __future__ import annotations

import html
import shutil
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from explorer.core.targets import panel
from explorer.core.targets.indicators import (
    BUNDLED_INDICATORS,
    IndicatorsError,
    IndicatorSet,
    current_indicators,
    indicators_path,
    user_indicators_path,
)
from explorer.core.targets.panel import unit_scale
from explorer.library.compare import Paired, plausible_year
from explorer.ui.models.panel import PanelModel, PanelRowRole, format_figure
from explorer.ui.widgets.charts import ChartView, plots

CHART_FILTER = "PNG (*.png);;SVG (*.svg);;PDF (*.pdf)"
CHART_REGIONS = 6  # lines drawn when no region is selected: more is a tangle


class PanelChart(ChartView):
    """Line chart of panel rows (plots.target_result_lines): x = years, y = values in the
    chosen regions' most common unit."""

    def __init__(self, runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("panelChart")
        self.setMinimumHeight(180)
        self._series: list[tuple[str, list[tuple[int, float]], list[tuple[int, float]]]] = []
        self._years: list[int] = []
        self._unit = ""
        self._title = ""
        self._convert: Callable[[str], str] = lambda s: s
        self._show()

    def set_convert(self, convert: Callable[[str], str]) -> None:
        self._convert = convert
        self._show()

    def set_rows(self, rows: Sequence[panel.PanelRow], regions: Sequence[str], title: str = "") -> None:
        wanted = set(regions)
        rows = [r for r in rows if r.region in wanted]
        # The axis takes the chosen regions' most common unit; 5000人 beside 1200万人 is
        # rescaled (0.5万人); a unit of another kind cannot share the axis and is left out.
        units = Counter(o.unit for r in rows for o in (r.target, r.result) if o is not None)
        self._unit = units.most_common(1)[0][0] if units else ""
        base, factor = unit_scale(self._unit)
        self._title = title
        by_region: dict[str, tuple[list[tuple[int, float]], list[tuple[int, float]]]] = {r: ([], []) for r in regions}

        def value(o: panel.Observation) -> float | None:
            b, f = unit_scale(o.unit)
            return o.value * f / factor if b == base else None

        for r in rows:
            targets, results = by_region[r.region]
            for o, points in ((r.target, targets), (r.result, results)):
                v = value(o) if o is not None else None
                if v is not None:
                    points.append((r.year, v))
        self._series = [(name, sorted(t), sorted(s)) for name, (t, s) in by_region.items() if t or s]
        self._years = sorted({y for _, t, s in self._series for y, _ in (*t, *s)})
        self._show()

    def _show(self) -> None:
        if not self._series:
            self.plot(None, self.tr("选择一个指标，这里显示各地区历年的目标与实际"))
            return
        series = [(self._convert(name), t, s) for name, t, s in self._series]
        title, unit = self._title, self._unit
        target, result = self.tr("目标"), self.tr("实际")
        self.plot(lambda fig: plots().target_result_lines(fig, series, title, unit, target, result))


class RowFigures:
    """Figures from target rows in memory (TargetRow or any object with path, title,
    region, year and target): mapped once, then filtered per indicator."""

    def __init__(self, rows: list[Any]) -> None:
        self.rows = rows
        self._obs: list[panel.Observation] = []

    def counts(self, indicators: IndicatorSet) -> dict[str, int]:
        self._obs = plausible(panel.observations(((r, r.target) for r in self.rows), indicators))
        return dict(Counter(o.indicator for o in self._obs))

    def observations(self, _indicators: IndicatorSet, name: str) -> list[panel.Observation]:
        return [o for o in self._obs if o.indicator == name]


class LibraryFigures:
    """Figures from the library's manifest, by SQL (Library.indicator_counts and
    .indicator_targets): only the chosen indicator's become Python objects."""

    def __init__(self, library: Any) -> None:
        self.library = library
        self._reports: dict[str, list[int]] = {}

    def counts(self, indicators: IndicatorSet) -> dict[str, int]:
        found = self.library.indicator_counts(indicators.match_text)
        self._reports = found.reports
        return found.counts

    def observations(self, indicators: IndicatorSet, name: str) -> list[panel.Observation]:
        pairs = self.library.indicator_targets(indicators.match_text, name, self._reports.get(name, []))
        return plausible(panel.observations(pairs, indicators))


def plausible(obs: list[panel.Observation]) -> list[panel.Observation]:
    """Figures of a plausible year in a report of a plausible year: a mis-read report year
    (2296) or a figure's far goal must not stretch the axis."""
    return [o for o in obs if plausible_year(o.year) and plausible_year(o.report_year)]


class CompareView(QWidget):
    """Indicator, region, year and theme filters; the region × year table; the chart."""

    observation_chosen = Signal(str, int, int)  # report path, start, end (clean-text offsets)
    status = Signal(str)  # a message for the window's status bar

    def __init__(self, runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.runner = runner  # TaskRunner; None computes on the calling thread (tests)
        self._figures: RowFigures | LibraryFigures = RowFigures([])
        self._counts: dict[str, int] = {}
        self._paired = Paired([])  # the current indicator's figures, paired
        self._indicators: IndicatorSet | None = None
        self._dirty = False
        self._generation = 0
        self._convert: Callable[[str], str] = lambda s: s

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.indicator_box = QComboBox(self)
        self.indicator_box.setObjectName("indicatorBox")
        self.indicator_box.setMinimumContentsLength(14)
        self.indicator_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.region_edit = QLineEdit(self)
        self.region_edit.setPlaceholderText(self.tr("地区（空格分隔，可多个）"))
        self.region_edit.setClearButtonEnabled(True)
        self.from_box = QComboBox(self)
        self.to_box = QComboBox(self)
        self.theme_box = QComboBox(self)
        self.export_button = QPushButton(self.tr("导出面板数据…"), self)
        self.export_button.setToolTip(self.tr("每个地区、年份、指标一行：目标值、上限、限定词、实际值及原文出处（CSV 或 Excel）"))
        bar.addWidget(QLabel(self.tr("指标")))
        bar.addWidget(self.indicator_box, 2)
        bar.addWidget(QLabel(self.tr("地区")))
        bar.addWidget(self.region_edit, 2)
        bar.addWidget(QLabel(self.tr("年份")))
        bar.addWidget(self.from_box)
        bar.addWidget(QLabel("–"))
        bar.addWidget(self.to_box)
        bar.addWidget(QLabel(self.tr("主题")))
        bar.addWidget(self.theme_box, 1)
        self.edit_button = QPushButton(self.tr("指标定义…"), self)
        self.edit_button.setToolTip(self.tr("打开 indicators.toml：每个指标的同义词、单位和排除词。保存后这里自动更新。"))
        self.chart_button = QPushButton(self.tr("导出图表…"), self)
        self.chart_button.setToolTip(self.tr("把图表存为 PNG（300 dpi）、SVG 或 PDF，可直接用于论文"))
        bar.addWidget(self.export_button)
        bar.addWidget(self.chart_button)
        bar.addWidget(self.edit_button)
        layout.addLayout(bar)

        self.model = PanelModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("panelTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        # Widths are set from the text (see _fit_columns): ResizeToContents under-measures
        # lines that mix Latin and CJK fallback glyphs and elides them.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Two lines per cell. Fixed height with room to spare: a line mixing Latin and a CJK
        # fallback font is taller than the size hint says, and Qt then elides the cell.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(int(self.table.fontMetrics().lineSpacing() * 2.5) + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(self._open_cell)
        self.table.activated.connect(self._open_cell)

        self.detail = QLabel(self)
        self.detail.setObjectName("panelDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.detail.linkActivated.connect(self._open_link)
        self.detail.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        self.chart = PanelChart(self.runner, self)
        table_box = QWidget(self)
        tl = QVBoxLayout(table_box)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.table)
        tl.addWidget(self.detail)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(table_box)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)
        self.summary = QLabel(self)
        self.summary.setObjectName("panelSummary")
        layout.addWidget(self.summary)

        self.indicator_box.currentIndexChanged.connect(self._indicator_chosen)
        self.region_edit.textChanged.connect(self._update_table)
        self.from_box.currentIndexChanged.connect(self._update_table)
        self.to_box.currentIndexChanged.connect(self._update_table)
        self.theme_box.currentIndexChanged.connect(self._update_table)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.export_button.clicked.connect(self.export_dialog)
        self.chart_button.clicked.connect(self.export_chart_dialog)
        self.edit_button.clicked.connect(self.edit_indicators)
        # indicators.toml edited while the app runs: map again once the editor has saved.
        self._watcher = QFileSystemWatcher(self)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(300)
        self._reload_timer.timeout.connect(self._indicators_changed)
        self._watcher.fileChanged.connect(lambda _p: self._reload_timer.start())
        self._watch_indicators()
        self._fill_themes()
        self._set_detail(None)
        self._update_summary([])

    # -- input ----------------------------------------------------------------------

    def set_source(self, rows: list[Any]) -> None:
        """The library's target rows (TargetRow or any object with path, title, region, year
        and target). Mapped now if the view is shown, else when it is next shown."""
        self._set_figures(RowFigures(rows))

    def set_library(self, library: Any) -> None:
        """Read the figures from the library's manifest (Library.indicator_counts), now if
        the view is shown, else when it is next shown."""
        self._set_figures(LibraryFigures(library))

    def _set_figures(self, figures: RowFigures | LibraryFigures) -> None:
        self._figures = figures
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def set_convert(self, convert: Callable[[str], str]) -> None:
        self._convert = convert
        self.model.set_convert(convert)
        self.chart.set_convert(convert)
        self._selection_changed()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _run(self, job: Callable[[], Any], done: Callable[[Any], None], name: str) -> None:
        """`job` in a worker (on this thread without a runner); a newer call supersedes it."""
        self._generation += 1
        generation = self._generation

        def finished(result: Any) -> None:
            if generation == self._generation:
                done(result)

        def failed(message: str) -> None:
            self.summary.setText(self.tr("无法读取指标定义：%1").replace("%1", message))

        if self.runner is None:
            try:
                finished(job())
            except IndicatorsError as exc:
                failed(str(exc))
        else:
            self.summary.setText(self.tr("正在读取资料库中的量化目标…"))
            self.runner.run(lambda _ctx: job(), finished, failed, name=name)

    def refresh(self) -> None:
        """Count the figures per indicator again (the library or indicators.toml changed),
        then read the chosen indicator's."""
        self._dirty = False
        figures = self._figures
        wanted = self.current_indicator()

        def job() -> tuple[IndicatorSet, dict[str, int], str | None, Paired]:
            indicators = current_indicators()
            counts = figures.counts(indicators)
            names = self._ranked(indicators, counts)
            name = wanted if wanted in indicators.names else (names[0] if names else None)
            return indicators, counts, name, Paired(figures.observations(indicators, name) if name else [])

        self._run(job, lambda result: self._set_counts(*result), "panel")

    @staticmethod
    def _ranked(indicators: IndicatorSet, counts: dict[str, int]) -> list[str]:
        # Indicators the library has figures for first (most first), then the rest.
        return sorted(indicators.names, key=lambda n: (-counts.get(n, 0), indicators.names.index(n)))

    def _set_counts(self, indicators: IndicatorSet, counts: dict[str, int], name: str | None,
                    paired: Paired) -> None:
        self._indicators = indicators
        self._counts = counts
        self.indicator_box.blockSignals(True)
        try:
            self.indicator_box.clear()
            for n in self._ranked(indicators, counts):
                self.indicator_box.addItem(f"{self._convert(n)}  ({counts.get(n, 0)})", n)
            self.indicator_box.setCurrentIndex(max(self.indicator_box.findData(name), 0))
        finally:
            self.indicator_box.blockSignals(False)
        self._set_observations(paired)

    def _indicator_chosen(self, *_: Any) -> None:
        """Read the newly chosen indicator's figures and pair them, in a worker."""
        name, indicators, figures = self.current_indicator(), self._indicators, self._figures
        if name is None or indicators is None:
            self._set_observations(Paired([]))
            return
        self._run(lambda: Paired(figures.observations(indicators, name)), self._set_observations, "panel indicator")

    def _set_observations(self, paired: Paired) -> None:
        self._paired = paired
        years = paired.years
        for box in (self.from_box, self.to_box):
            box.blockSignals(True)
        try:
            for box, label in ((self.from_box, self.tr("最早")), (self.to_box, self.tr("最晚"))):
                chosen = box.currentData()
                box.clear()
                box.addItem(label, None)
                for y in years:
                    box.addItem(str(y), y)
                at = box.findData(chosen) if chosen is not None else 0
                box.setCurrentIndex(max(at, 0))
        finally:
            for box in (self.from_box, self.to_box):
                box.blockSignals(False)
        self._update_table()

    def _fill_themes(self) -> None:
        from explorer.core.targets.themes import LexiconError, current_lexicon

        self.theme_box.addItem(self.tr("全部主题"), "")
        try:
            names = current_lexicon().names
        except LexiconError:
            names = ()
        for name in names:
            self.theme_box.addItem(name, name)

    # -- the table ------------------------------------------------------------------

    def current_indicator(self) -> str | None:
        data = self.indicator_box.currentData()
        return str(data) if data else None

    def select_indicator(self, name: str) -> bool:
        at = self.indicator_box.findData(name)
        if at >= 0:
            self.indicator_box.setCurrentIndex(at)
        return at >= 0

    def current_rows(self) -> list[panel.PanelRow]:
        indicator = self.current_indicator()
        if indicator is None:
            return []
        theme = self.theme_box.currentData()
        return self._paired.select(
            regions=self.region_edit.text().replace("，", " ").replace(",", " ").split(),
            years=(self.from_box.currentData(), self.to_box.currentData()),
            themes=[theme] if theme else [],
        )

    def _update_table(self) -> None:
        rows = self.current_rows()
        self.model.set_rows(rows)
        self._fit_columns()
        self._update_summary(rows)
        self._selection_changed()

    def _fit_columns(self) -> None:
        fm = self.table.fontMetrics()
        for column, lines in enumerate(self.model.column_lines()):
            width = max(fm.horizontalAdvance(line) for line in lines) + 18
            self.table.horizontalHeader().resizeSection(column, min(width, 320))

    def _update_summary(self, rows: list[panel.PanelRow]) -> None:
        pairs = sum(1 for r in rows if r.target is not None and r.result is not None)
        self.export_button.setEnabled(bool(rows))
        if not self._counts:
            self.summary.setText(self.tr("资料库中还没有量化目标。"))
            return
        self.summary.setText(
            self.tr("%1 个地区 × %2 个年份；%3 组目标与实际可对照。双击单元格打开原文；点击地区名选择要画图的地区。")
            .replace("%1", str(len(self.model.regions))).replace("%2", str(len(self.model.years)))
            .replace("%3", str(pairs))
        )

    def chart_regions(self) -> list[str]:
        """Regions whose whole row is selected (click or Ctrl+click their header), else the
        first few: clicking a cell to read its sentences does not drop the other lines."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        regions = self.model.regions
        if rows:
            return [regions[r] for r in rows if r < len(regions)]
        # Unselected: the regions with the most complete series make the most telling lines.
        pairs: Counter[str] = Counter()
        cells: Counter[str] = Counter()
        for r in self.model.rows:
            cells[r.region] += 1
            pairs[r.region] += r.target is not None and r.result is not None
        ranked = sorted(regions, key=lambda name: (-pairs[name], -cells[name], regions.index(name)))
        return ranked[:CHART_REGIONS]

    def _selection_changed(self, *_: Any) -> None:
        indicator = self.current_indicator() or ""
        self.chart.set_rows(self.model.rows, self.chart_regions(), self._convert(indicator))
        index = self.table.currentIndex()
        self._set_detail(self.model.data(index, PanelRowRole) if index.isValid() else None)

    def _set_detail(self, row: panel.PanelRow | None) -> None:
        if row is None:
            self.detail.setText(self.tr("选中一个单元格，这里显示目标和实际所在的句子。"))
            return
        parts = []
        for key, label, o in (("target", self.tr("目标"), row.target), ("result", self.tr("实际"), row.result)):
            if o is None:
                parts.append(f"<b>{label}</b> —")
                continue
            title = html.escape(self._convert(o.title or o.path))
            sentence = html.escape(self._convert(o.sentence or o.text))
            parts.append(f"<b>{label} {html.escape(format_figure(o))}</b> 《{title}》 {sentence} "
                         f"<a href=\"{key}\">{self.tr('打开原文')}</a>")
        self.detail.setText("<br>".join(parts))

    # -- the indicator definitions ----------------------------------------------------

    def _watch_indicators(self) -> None:
        path = str(indicators_path())
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        if Path(path).is_file():
            self._watcher.addPath(path)

    def _indicators_changed(self) -> None:
        self._watch_indicators()  # editors that save by rename leave the old path unwatched
        self._set_figures(self._figures)

    def edit_indicators(self) -> Path:
        """Open the indicators file in the system's editor; the bundled one is copied to
        the user's config folder first (the package folder may be read-only, and an
        upgrade would overwrite it). Returns the file opened."""
        path = indicators_path()
        if path == BUNDLED_INDICATORS:
            path = user_indicators_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(BUNDLED_INDICATORS, path)
        self._watch_indicators()
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    # -- links back to the reports ---------------------------------------------------

    def _open_cell(self, index: QModelIndex) -> None:
        row = self.model.data(index, PanelRowRole)
        if row is None:
            return
        o = row.target if row.target is not None else row.result
        if o is not None:
            self.observation_chosen.emit(o.path, o.start, o.end)

    def _open_link(self, which: str) -> None:
        index = self.table.currentIndex()
        row = self.model.data(index, PanelRowRole) if index.isValid() else None
        if row is None:
            return
        o = row.target if which == "target" else row.result
        if o is not None:
            self.observation_chosen.emit(o.path, o.start, o.end)

    # -- export -----------------------------------------------------------------------

    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出面板数据"), f"panel_{self.current_indicator() or 'all'}.csv",
            self.tr("CSV（Stata、R、pandas）(*.csv);;Excel (*.xlsx)"))
        if path:
            self.export_to(path)

    def export_chart_dialog(self) -> None:
        name = f"panel_{self.current_indicator() or 'chart'}.png"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出图表"), name, CHART_FILTER)
        if path:
            self.export_chart(path)

    def export_chart(self, path: str) -> None:
        try:
            written = self.chart.save(path)
        except (OSError, ValueError) as exc:
            self.status.emit(self.tr("导出失败：%1").replace("%1", str(exc)))
            return
        self.status.emit(self.tr("图表已保存到 %1").replace("%1", str(written)))

    def export_to(self, path: str) -> None:
        """Write the rows shown (all regions and years of the filters) in a worker."""
        rows = list(self.model.rows)

        def job(_ctx: Any = None) -> int:
            return panel.write_file(rows, path)

        def done(n: int) -> None:
            self.status.emit(self.tr("已导出 %1 行到 %2").replace("%1", str(n)).replace("%2", path))

        def failed(message: str) -> None:
            self.status.emit(self.tr("导出失败：%1").replace("%1", message))

        if self.runner is None:
            try:
                done(job())
            except OSError as exc:
                failed(str(exc))
        else:
            self.runner.run(job, done, failed, name="export panel")

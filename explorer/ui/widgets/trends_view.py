"""The Trends view: how often terms occur, year by year and region by region.

Terms (either script) and filters (region, level, document type) go to Library.frequency in
a worker: every admitted report is scanned once. The two tabs then group those counts on the
GUI thread (milliseconds): by year, a line per term; by region for a chosen year range,
grouped bars; a table beside each chart. The measure is occurrences, the rate per 10,000
characters of the group's reports, or the reports mentioning a term (library/frequency.py
says why the rate's denominator is every report of the group). Clicking a point, a bar or a
table cell lists the hits of that term in that group's reports below (a ConcordanceView);
the table exports to CSV/Excel, the chart to PNG/SVG/PDF.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from explorer.core.scripts import convert_for_display
from explorer.library.frequency import FIELDS, WIDTHS, Filters, Frequency, Key
from explorer.ui.models.frequency import MEASURES, FrequencyModel, KeyRole, TermRole
from explorer.ui.tasks import TaskContext, run_or_call
from explorer.ui.widgets.charts import ChartView, plots
from explorer.ui.widgets.concordance_view import ConcordanceView

CHART_FILTER = "PNG (*.png);;SVG (*.svg);;PDF (*.pdf)"
TABLE_FILTER = "Excel (*.xlsx);;CSV (*.csv)"
LEVELS = ("全国", "省", "市", "区县")


def split_terms(text: str) -> list[str]:
    """Terms as typed: separated by spaces or commas (either width); "a quoted phrase" is one."""
    text = text.replace("“", '"').replace("”", '"').replace("，", ",").replace("、", ",")
    terms: list[str] = []
    for i, part in enumerate(text.split('"')):
        if i % 2:
            if part.strip():
                terms.append(" ".join(part.split()))
        else:
            terms.extend(t for t in part.replace(",", " ").split() if t)
    return terms


class _GroupPane(QWidget):
    """A chart beside its table."""

    def __init__(self, runner: Any, parent: QWidget) -> None:
        super().__init__(parent)
        self.model = FrequencyModel(self)
        self.chart = ChartView(runner, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().lineSpacing() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 280])  # the chart gets the room; the table is narrow
        self.top = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(self.top)
        layout.addWidget(self.splitter, 1)


class TrendsView(QWidget):
    hit_chosen = Signal(str, int, int)  # report path, start, end (clean-text offsets)
    status = Signal(str)
    computed = Signal()  # a frequency arrived and the tables show it

    def __init__(self, runner: Any = None, library: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendsView")
        self.runner = runner
        self.library = library
        self.script = "original"
        self.frequency: Frequency | None = None
        self._generation = 0

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        bar = QHBoxLayout()
        self.terms_edit = QLineEdit(self)
        self.terms_edit.setObjectName("trendTerms")
        self.terms_edit.setPlaceholderText(self.tr("要统计的词，空格分隔，如：碳达峰 新质生产力 数字经济"))
        self.terms_edit.setClearButtonEnabled(True)
        self.count_button = QPushButton(self.tr("统计"), self)
        self.region_edit = QLineEdit(self)
        self.region_edit.setPlaceholderText(self.tr("地区（空格分隔）"))
        self.region_edit.setClearButtonEnabled(True)
        self.level_box = QComboBox(self)
        self.level_box.addItem(self.tr("全部级别"), "")
        for level in LEVELS:
            self.level_box.addItem(level, level)
        self.type_box = QComboBox(self)
        self.type_box.addItem(self.tr("全部类型"), "")
        self.measure_box = QComboBox(self)
        for measure, label in zip(MEASURES, (self.tr("出现次数"), self.tr("每万字"), self.tr("提及报告数")), strict=True):
            self.measure_box.addItem(label, measure)
        self.measure_box.setToolTip(self.tr("每万字 = 出现次数 ÷ 该组全部报告的正文字数 × 10000，报告多或长的年份不会因此显得更受关注"))
        self.table_button = QPushButton(self.tr("导出表格…"), self)
        self.chart_button = QPushButton(self.tr("导出图表…"), self)
        self.chart_button.setToolTip(self.tr("把当前图表存为 PNG（300 dpi）、SVG 或 PDF，可直接用于论文"))
        bar.addWidget(QLabel(self.tr("词语")))
        bar.addWidget(self.terms_edit, 3)
        bar.addWidget(self.count_button)
        bar.addWidget(QLabel(self.tr("地区")))
        bar.addWidget(self.region_edit, 1)
        bar.addWidget(self.level_box)
        bar.addWidget(self.type_box)
        bar.addWidget(QLabel(self.tr("指标")))
        bar.addWidget(self.measure_box)
        bar.addWidget(self.table_button)
        bar.addWidget(self.chart_button)
        layout.addLayout(bar)

        self.tabs = QTabWidget(self)
        self.by_year = _GroupPane(runner, self.tabs)
        self.by_region = _GroupPane(runner, self.tabs)
        self.from_box = QComboBox(self.by_region)
        self.to_box = QComboBox(self.by_region)
        self.by_region.top.addWidget(QLabel(self.tr("年份")))
        self.by_region.top.addWidget(self.from_box)
        self.by_region.top.addWidget(QLabel("–"))
        self.by_region.top.addWidget(self.to_box)
        self.by_region.top.addStretch(1)
        self.tabs.addTab(self.by_year, self.tr("按年份"))
        self.tabs.addTab(self.by_region, self.tr("按地区"))
        self.hits = ConcordanceView(runner, library, self)
        self.hits.setObjectName("trendHits")
        self.hits_label = QLabel(self)
        self.hits_label.setObjectName("hint")
        self.hits_label.setWordWrap(True)
        # Beside the charts, not below: a bottom dock is short, a chart needs its height.
        self.hits_box = QWidget(self)
        hl = QVBoxLayout(self.hits_box)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.addWidget(self.hits_label)
        hl.addWidget(self.hits, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.hits_box)
        self.hits_box.hide()  # until a point is clicked: the charts get the room
        layout.addWidget(self.splitter, 1)
        self.summary = QLabel(self)
        self.summary.setObjectName("trendSummary")
        layout.addWidget(self.summary)

        self.terms_edit.returnPressed.connect(self.compute)
        self.count_button.clicked.connect(self.compute)
        self.region_edit.returnPressed.connect(self.compute)
        self.level_box.currentIndexChanged.connect(self._filters_changed)
        self.type_box.currentIndexChanged.connect(self._filters_changed)
        self.measure_box.currentIndexChanged.connect(self._show)
        self.from_box.currentIndexChanged.connect(self._show_regions)
        self.to_box.currentIndexChanged.connect(self._show_regions)
        self.table_button.clicked.connect(self.export_table_dialog)
        self.chart_button.clicked.connect(self.export_chart_dialog)
        for pane, by in ((self.by_year, "year"), (self.by_region, "region")):
            pane.chart.point_clicked.connect(lambda term, key, by=by: self.list_hits(by, term, key))
            pane.table.clicked.connect(lambda index, pane=pane, by=by: self._cell_clicked(pane, by, index))
        self.hits.hit_chosen.connect(self.hit_chosen)
        self.hits.status.connect(self.status)
        self._show()

    # -- input --------------------------------------------------------------------------

    def set_script(self, script: str) -> None:
        self.script = script
        convert = lambda s: convert_for_display(s, script)  # noqa: E731
        for pane in (self.by_year, self.by_region):
            pane.model.set_convert(convert)
        self.hits.set_script(script)
        self._show()

    def set_reports(self, reports: list[Any]) -> None:
        """The library's reports (ReportInfo): the document types to filter by."""
        self.set_doc_types(sorted({r.doc_type for r in reports if r.doc_type}))

    def set_doc_types(self, types: list[str]) -> None:
        """The document types to filter by (the library's, listed in the manifest)."""
        current = self.type_box.currentData()
        self.type_box.blockSignals(True)
        self.type_box.clear()
        self.type_box.addItem(self.tr("全部类型"), "")
        for t in types:
            self.type_box.addItem(t, t)
        at = self.type_box.findData(current)
        self.type_box.setCurrentIndex(max(at, 0))
        self.type_box.blockSignals(False)

    def filters(self) -> Filters:
        regions = tuple(self.region_edit.text().replace("，", " ").replace(",", " ").split())
        level, doc_type = self.level_box.currentData(), self.type_box.currentData()
        return Filters(regions=regions, levels=(level,) if level else (), doc_types=(doc_type,) if doc_type else ())

    def _filters_changed(self, *_: Any) -> None:
        if self.frequency is not None:
            self.compute()

    def compute(self) -> None:
        """Count the terms in the library (in a worker), then show both tabs."""
        terms = split_terms(self.terms_edit.text())
        if not terms or self.library is None:
            self.summary.setText(self.tr("输入一个或多个词，按回车统计。简体、繁体均可。"))
            return
        self._generation += 1
        generation = self._generation
        library, filters = self.library, self.filters()
        self.summary.setText(self.tr("正在统计…"))

        def job(_ctx: TaskContext | None = None) -> Frequency:
            return library.frequency(terms, filters)

        def done(freq: Frequency) -> None:
            if generation == self._generation:
                self.set_frequency(freq)

        def failed(message: str) -> None:
            if generation == self._generation:
                self.summary.setText(self.tr("无法统计：%1").replace("%1", message))

        run_or_call(self.runner, job, done, failed, name="frequency", expected=(ValueError,))

    def set_frequency(self, freq: Frequency) -> None:
        self.frequency = freq
        years = sorted({d.year for d in freq.docs if d.year is not None})
        for box, label in ((self.from_box, self.tr("最早")), (self.to_box, self.tr("最晚"))):
            chosen = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(label, None)
            for y in years:
                box.addItem(str(y), y)
            box.setCurrentIndex(max(box.findData(chosen), 0) if chosen is not None else 0)
            box.blockSignals(False)
        self._show()
        self.computed.emit()

    # -- the two tabs -------------------------------------------------------------------

    def measure(self) -> str:
        return str(self.measure_box.currentData())

    def year_range(self) -> tuple[int | None, int | None]:
        return self.from_box.currentData(), self.to_box.currentData()

    def _show(self, *_: Any) -> None:
        self._show_years()
        self._show_regions()
        freq = self.frequency
        self.table_button.setEnabled(freq is not None)
        self.chart_button.setEnabled(freq is not None)
        if freq is not None:
            total = sum(sum(d.counts) for d in freq.docs)
            self.summary.setText(self.tr("%1 份报告，共 %2 处。每万字 = 出现次数 ÷ 该组全部报告的字数 × 10000。点击图中的点、柱或表格中的数字，列出那一组报告中的每一处命中。")
                                 .replace("%1", f"{len(freq.docs):,}").replace("%2", f"{total:,}"))

    def _title(self) -> str:
        freq = self.frequency
        return "、".join(convert_for_display(t, self.script) for t in freq.terms) if freq else ""

    def _show_years(self) -> None:
        pane, freq = self.by_year, self.frequency
        pane.model.set_measure(self.measure())
        if freq is None:
            pane.model.set_rows([], [], "year")
            pane.chart.plot(None, self.tr("输入词语后，这里画出各年份的出现频率"))
            return
        pane.model.set_rows(freq.table("year"), freq.terms, "year")
        drawer = plots().frequency_drawer(pane.model.series(), "year", self._title(), pane.model.measure_label())
        pane.chart.plot(drawer, self.tr("这些报告没有年份"))

    def _show_regions(self, *_: Any) -> None:
        pane, freq = self.by_region, self.frequency
        pane.model.set_measure(self.measure())
        if freq is None:
            pane.model.set_rows([], [], "region")
            pane.chart.plot(None, self.tr("输入词语后，这里按地区比较"))
            return
        low, high = self.year_range()
        pane.model.set_rows(freq.table("region", low, high), freq.terms, "region")
        span = "–".join(str(y) for y in (low, high) if y is not None)
        title = f"{self._title()}（{span}）" if span else self._title()
        # The chart is drawn on a worker (charts.py): its labels are read here, not from the model there.
        labels = {k: pane.model.key_label(k) for k in pane.model.keys}
        drawer = plots().frequency_drawer(pane.model.series(), "region", title, pane.model.measure_label(),
                                          labels.__getitem__)
        pane.chart.plot(drawer, self.tr("所选年份没有报告"))

    # -- from a point to its hits -------------------------------------------------------

    def _cell_clicked(self, pane: _GroupPane, by: str, index: QModelIndex) -> None:
        term = pane.model.data(index, TermRole)
        if term is not None:
            self.list_hits(by, term, pane.model.data(index, KeyRole))

    def list_hits(self, by: str, term: str, key: Key) -> list[str]:
        """The hits of `term` in the reports of one group (a year; or a region within the
        chosen years) in the list below. Returns those reports' paths."""
        freq = self.frequency
        if freq is None:
            return []
        # Charts show terms in the display script; the frequency knows them as typed.
        original = next((t for t in freq.terms if convert_for_display(t, self.script) == term), term)
        low, high = self.year_range() if by == "region" else (None, None)
        docs = [d for d in freq.docs_in(by, key, original)
                if (low is None or (d.year or 0) >= low) and (high is None or (d.year or 0) <= high)]
        paths = [d.path for d in docs]
        label = "?" if key is None or key == "" else convert_for_display(str(key), self.script)
        self.hits_label.setText(self.tr("“%1”在 %2 的 %3 份报告中的命中：").replace("%1", term)
                                .replace("%2", label).replace("%3", str(len(paths))))
        phrase = '"' + original.replace('"', "") + '"'
        if self.hits_box.isHidden():
            self.hits_box.show()
            total = sum(self.splitter.sizes())
            self.splitter.setSizes([total * 55 // 100, total - total * 55 // 100])
        self.hits.show_query(phrase if paths else "", paths, label=original)
        return paths

    # -- export -------------------------------------------------------------------------

    def current_pane(self) -> _GroupPane:
        return self.by_year if self.tabs.currentWidget() is self.by_year else self.by_region

    def export_table_dialog(self) -> None:
        by = "year" if self.current_pane() is self.by_year else "region"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出表格"), f"freq_{by}.xlsx", TABLE_FILTER)
        if path:
            self.export_table(path)

    def export_table(self, path: str, pane: _GroupPane | None = None) -> int:
        """The rows behind the current tab (the fields of `freq --json`), CSV or Excel."""
        from explorer.library.tables import write_table

        rows = (pane or self.current_pane()).model.rows
        try:
            n = write_table(path, FIELDS, ([getattr(r, f) for f in FIELDS] for r in rows), sheet="freq", widths=WIDTHS)
        except OSError as exc:
            self.status.emit(self.tr("导出失败：%1").replace("%1", str(exc)))
            return 0
        self.status.emit(self.tr("已导出 %1 行到 %2").replace("%1", str(n)).replace("%2", path))
        return n

    def export_chart_dialog(self) -> None:
        by = "year" if self.current_pane() is self.by_year else "region"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出图表"), f"trend_{by}.png", CHART_FILTER)
        if path:
            self.export_chart(path)

    def export_chart(self, path: str, pane: _GroupPane | None = None) -> str:
        try:
            written = (pane or self.current_pane()).chart.save(path)
        except (OSError, ValueError) as exc:
            self.status.emit(self.tr("导出失败：%1").replace("%1", str(exc)))
            return ""
        self.status.emit(self.tr("图表已保存到 %1").replace("%1", str(written)))
        return str(written)

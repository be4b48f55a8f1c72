"""The main window: library and search on the left, outline beside the report text in the
middle, targets on the right. Every long job goes through TaskRunner; this class only
wires results into widgets, on the GUI thread."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from explorer.core.model import Hit, Report
from explorer.core.scripts import convert_for_display
from explorer.library.targettable import TargetHit
from explorer.resources import SAMPLES
from explorer.ui.models.library import listing_of
from explorer.ui.models.outline import OutlineModel
from explorer.ui.models.targets import LibraryTargets
from explorer.ui.settings import FONT_SIZE_RANGE, Settings
from explorer.ui.tasks import Task, TaskContext, TaskRunner
from explorer.ui.widgets.compare_view import CompareView
from explorer.ui.widgets.find_bar import FindBar, find_all
from explorer.ui.widgets.library_panel import LibraryPanel
from explorer.ui.widgets.report_view import ReportView
from explorer.ui.widgets.search_panel import SearchPanel
from explorer.ui.widgets.targets_panel import TargetsPanel
from explorer.ui.window_analysis import AnalysisMixin
from explorer.ui.window_citing import CitingMixin
from explorer.ui.window_excerpts import ExcerptsMixin
from explorer.ui.window_indexing import MAX_WATCHED_FILES, IndexingMixin
from explorer.ui.window_menus import MenusMixin

SEARCH_LIMIT = 200  # reports listed per search; the status line gives the full count
WATCH_DEBOUNCE_MS = 2000  # editors save in several steps: wait for the last one
REPORT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".shtml"}

STYLESHEET = """
QLabel#reportTitle { font-size: 17px; font-weight: 600; color: #1f2a37; }
QLabel#reportFacts { color: #5f6b7a; }
QLabel#banner { background: #fff4ce; color: #5c4400; border: 1px solid #f0d58c;
                border-radius: 4px; padding: 6px 10px; }
QLabel#hint, QLabel#searchStatus { color: #5f6b7a; }
QLabel#sectionLabel { color: #5f6b7a; font-weight: 600; }
QTextEdit#reportView { background: #fffdf8; border: none; }
QPlainTextEdit#rawView { background: #f6f6f6; border: none; }
QListView#resultsView::item:selected { background: #dcebfb; border-left: 3px solid #2b6cb0; }
QListView#resultsView::item:hover:!selected { background: #f2f6fb; }
QListView#themeChips::item:checked { background: #dcebfb; border-color: #2b6cb0; }
QListView#themeChips { background: transparent; border: none; }
QListView#themeChips::item { border: 1px solid #c8d1dc; border-radius: 10px; padding: 2px 8px;
                             background: #f4f7fa; }
QListView#themeChips::item:hover { background: #e6eef7; }
QTreeView#outlineTree { border: none; background: #f7f8fa; }
QWidget#header { border-bottom: 1px solid #e3e6ea; }
"""



class MainWindow(AnalysisMixin, MenusMixin, IndexingMixin, CitingMixin, ExcerptsMixin, QMainWindow):
    report_opened = Signal(str)  # path, after the text is shown
    search_done = Signal(str)  # query, after the results are shown
    library_loaded = Signal(int)  # number of reports, after the library view is filled
    index_done = Signal(object)  # IndexSummary
    engine_changed = Signal(str)  # the engine answering searches, after a move ended

    def __init__(self, library: Any, settings: Settings, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self.runner = runner or TaskRunner(self)
        self.report: Report | None = None
        self.script: str = settings.get("view/script")
        self.citation_style: str = settings.get("citation/style")
        self._hits_by_path: dict[str, tuple[tuple[int, int], ...]] = {}
        self._open_generation = 0
        self._search_generation = 0
        self._index_task: Task | None = None
        self._pending_index: list[str] | None = None
        self._pending_engine: str | None = None  # set_engine asked during an index run ("" auto)
        self._engine_moving: str | None = None
        self._finds: list[tuple[int, int]] = []
        self._find_current = -1
        self._open_top_result = False
        # The real Library indexes in a child process (see ui/indexing.py); False runs it
        # in a worker thread of this process (test doubles, or debugging).
        self.index_in_child = True

        self.setWindowTitle(self.tr("报告浏览器"))
        self.setObjectName("mainWindow")
        self.setStyleSheet(STYLESHEET)
        self.setDockNestingEnabled(True)
        self._build_central()
        self._build_docks()
        self._build_actions()
        self._build_analysis()
        self._build_status_bar()
        self._restore_layout()

        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._source_changed)
        self.watcher.fileChanged.connect(self._source_changed)
        self._watch_timer = QTimer(self)
        self._watch_timer.setSingleShot(True)
        self._watch_timer.setInterval(WATCH_DEBOUNCE_MS)
        self._watch_timer.timeout.connect(lambda: self.start_index(None, quiet=True))
        self._show_empty_state()

    # ================================================================== building
    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        header = QWidget(central)
        header.setObjectName("header")
        hl = QVBoxLayout(header)
        hl.setContentsMargins(16, 10, 16, 8)
        hl.setSpacing(2)
        self.title_label = QLabel(header)
        self.title_label.setObjectName("reportTitle")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts_label = QLabel(header)
        self.facts_label.setObjectName("reportFacts")
        self.facts_label.setWordWrap(True)
        hl.addWidget(self.title_label)
        hl.addWidget(self.facts_label)
        layout.addWidget(header)

        self.banner = QLabel(central)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        banner_box = QHBoxLayout()
        banner_box.setContentsMargins(12, 6, 12, 0)
        banner_box.addWidget(self.banner)
        layout.addLayout(banner_box)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setObjectName("centralSplitter")
        self.outline_model = OutlineModel(self)
        self.outline = QTreeView(self.splitter)
        self.outline.setObjectName("outlineTree")
        self.outline.setModel(self.outline_model)
        self.outline.setHeaderHidden(True)
        self.outline.setUniformRowHeights(True)
        self.outline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.outline.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.outline.clicked.connect(self._outline_clicked)
        self.outline.activated.connect(self._outline_clicked)
        self.outline_empty = QLabel(self.tr("本报告没有识别出章节标题"), self.splitter)
        self.outline_empty.setObjectName("hint")
        self.outline_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.outline_empty.setWordWrap(True)
        self.outline_stack = QStackedWidget(self.splitter)
        self.outline_stack.addWidget(self.outline)
        self.outline_stack.addWidget(self.outline_empty)

        self.stack = QStackedWidget(self.splitter)
        self.view = ReportView(self.stack)
        self.view.set_font_size(self.settings.get("view/font_size"))
        self.view.script = self.script
        self.view.top_offset_changed.connect(self._follow_scroll)
        self.view.copy_cited_requested.connect(self.copy_with_citation)
        self.view.current_hit_changed.connect(self._hit_changed)
        self.raw_view = QPlainTextEdit(self.stack)
        self.raw_view.setObjectName("rawView")
        self.raw_view.setReadOnly(True)
        self.raw_view.setFont(self.view.document().defaultFont())
        self.raw_view.document().setDocumentMargin(24)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.raw_view)
        self.splitter.addWidget(self.outline_stack)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 760])
        layout.addWidget(self.splitter, 1)

        self.find_bar = FindBar(central)
        self.find_bar.hide()
        self.find_bar.find_changed.connect(self._find_changed)
        self.find_bar.step.connect(self._find_step)
        self.find_bar.closed.connect(self._find_closed)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)

    def _build_docks(self) -> None:
        self.search_panel = SearchPanel(self)
        self.search_panel.search_requested.connect(self.search)
        self.search_panel.result_chosen.connect(self._result_chosen)
        self.search_panel.model.more_wanted.connect(self._more_results)
        self.library_panel = LibraryPanel(self)
        self.library_panel.runner = self.runner
        self.library_panel.report_chosen.connect(lambda p: self.open_report(p))
        self.library_panel.add_files_requested.connect(self._add_files)
        self.library_panel.add_folder_requested.connect(self._add_folder)
        self.library_panel.reindex_requested.connect(lambda: self.start_index(None))
        self.library_panel.cancel_requested.connect(self.cancel_index)
        self.library_panel.paths_dropped.connect(lambda paths: self.start_index(paths))
        self.targets_panel = TargetsPanel(self, self.runner)
        self.targets_panel.set_scope(self.settings.get("targets/scope"))
        self.targets_panel.scope_changed.connect(lambda scope: self.settings.set("targets/scope", scope))
        self.targets_panel.target_chosen.connect(self._target_chosen)
        self.targets_panel.copy_cited.connect(self.copy_target_with_citation)
        self.targets_panel.export_requested.connect(self._export_targets)

        self.search_dock = self._dock("searchDock", self.tr("搜索"), self.search_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.library_dock = self._dock("libraryDock", self.tr("资料库"), self.library_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tabifyDockWidget(self.library_dock, self.search_dock)
        self.targets_dock = self._dock("targetsDock", self.tr("量化目标"), self.targets_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.library_dock.raise_()
        # Compare across reports: wide table and chart, so below the text; shown on demand.
        self.compare_view = CompareView(self.runner, self)
        self.compare_view.observation_chosen.connect(self._observation_chosen)
        self.compare_view.status.connect(lambda m: self.statusBar().showMessage(m, 6000))
        self.compare_dock = self._dock("compareDock", self.tr("对比各报告"), self.compare_view, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.compare_dock.hide()
        self._build_excerpts()

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState() needs stable names
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _restore_layout(self) -> None:
        geometry, state = self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = QGuiApplication.primaryScreen()
            avail = screen.availableGeometry() if screen else None
            w, h = (1500, 920) if avail is None else (min(1500, avail.width() - 40), min(920, avail.height() - 40))
            self.resize(w, h)
        if state is not None:
            self.restoreState(state)
        else:
            # First start: the text gets the room, the side panels what they need.
            self.resizeDocks([self.library_dock, self.targets_dock], [310, 430], Qt.Orientation.Horizontal)

    # ================================================================== start-up
    def start(self, search: str | None = None, open_file: str | None = None) -> None:
        """Called once the window is shown: fill the library view in the background, offer
        the samples on a first run, then do what the command line asked."""
        self.refresh_library(first_run=True)
        if open_file:
            self.open_report(str(Path(open_file).resolve()))
        if search:
            self.search_panel.edit.setText(search)
            self.search_dock.raise_()
            if not open_file:
                # `--search` alone: show the best report at its first hit, not a blank page.
                self._open_top_result = True
            self.search(search)

    def refresh_library(self, first_run: bool = False) -> None:
        filter_text = self.library_panel.filter_text()

        def job(ctx: TaskContext):
            # A full cyclic-GC pass over 100,000 fresh objects holds the GIL for a few
            # hundred ms; nothing built here is cyclic, so pause the collector meanwhile.
            gc_was_enabled = gc.isenabled()
            gc.disable()
            try:
                listing = listing_of(self.library)
                groups, total = listing.groups(filter_text), listing.total()
                doc_types, watched = listing.doc_types(), listing.paths(MAX_WATCHED_FILES)
                ctx.check()
                sources = list(self.library.sources())
            finally:
                if gc_was_enabled:
                    gc.enable()
            return (listing, groups, total, doc_types, watched), sources

        def done(result) -> None:
            (listing, groups, total, doc_types, watched), sources = result
            self.library_panel.set_listing(listing, groups, total)
            self.trends_view.set_doc_types(doc_types)
            # The targets stay in the library: the panel asks it for a page at a time, the
            # Compare view counts its figures in the manifest when it is shown.
            self.targets_panel.set_library(self.library)
            if hasattr(self.library, "indicator_counts"):
                self.compare_view.set_library(self.library)
            else:
                self.compare_view.set_source(LibraryTargets(self.library, total > 0))
            # Long-lived from here on: keep them out of future full collections.
            gc.freeze()
            self._watch(sources, watched)
            if self.report is not None:
                self.library_panel.select_path(self.report.path)
            self.library_loaded.emit(total)
            # Once per library folder: a new or another empty library gets the samples too,
            # but a library the user emptied on purpose does not get them back.
            here = str(self.library.path)
            if first_run and not total and self.settings.get("library/samples_offered_to") != here:
                self.settings.set("library/samples_offered_to", here)
                self.statusBar().showMessage(self.tr("首次运行：正在把内置的示例报告加入资料库…"), 8000)
                self.start_index([str(SAMPLES)])

        self.runner.run(job, done, self._task_failed, name="library")

    def open_report(self, path: str, then=None) -> None:
        """Load `path` in the background (from the library when it holds it), show it, then
        call `then()`; a newer open_report() supersedes an older one still loading."""
        self._open_generation += 1
        generation = self._open_generation
        library = self.library

        def job(_ctx: TaskContext) -> Report:
            if library is not None:
                try:
                    return library.report(path)
                except (KeyError, LookupError, FileNotFoundError, ValueError):
                    pass
            from explorer.core.ingest import load_report

            return load_report(path)

        def done(report: Report) -> None:
            if generation != self._open_generation:
                return
            self.show_report(report)
            if then is not None:
                then()
            self.report_opened.emit(report.path)

        def failed(message: str) -> None:
            if generation == self._open_generation:
                self.show_banner(self.tr("无法打开 %1：%2").replace("%1", path).replace("%2", message))

        self.statusBar().showMessage(self.tr("正在打开 %1…").replace("%1", Path(path).name))
        self.runner.run(job, done, failed, name="open")

    def show_report(self, report: Report) -> None:
        self.report = report
        self.view.set_report(report, self.script)
        self.raw_view.setPlainText(report.raw_text)
        self.outline_model.set_sections(report.sections, self._display)
        self.outline.expandToDepth(0)
        self.outline_stack.setCurrentIndex(0 if report.sections else 1)
        self._update_header()
        spans = self._hits_by_path.get(report.path)
        if spans:
            self.view.set_hits(spans, 0)
        else:
            self.view.set_hits([], 0)
        if self.find_bar.isVisible() and self.find_bar.edit.text():
            self._find_changed(self.find_bar.edit.text())
        self.library_panel.select_path(report.path)
        in_library = self.library_panel.model.contains(report.path)
        local = None if in_library else [
            TargetHit(report.path, report.title, report.region, report.year, t, seq) for seq, t in enumerate(report.targets)
        ]
        self.targets_panel.set_current_report(report.path, local)
        self.settings.set("library/last_report", report.path)
        self.statusBar().showMessage(self.tr("已打开 %1").replace("%1", report.title or Path(report.path).name), 4000)

    def _update_header(self) -> None:
        r = self.report
        if r is None:
            return
        self.title_label.setText(self._display(r.title or Path(r.path).name))
        facts = [x for x in (self._display(r.region), f"{r.year}" if r.year else "", self._display(r.doc_type), r.date or "") if x]
        cleaned = sum(r.cleaning.values())
        facts.append(self.tr("%1 字").replace("%1", f"{len(r.text):,}"))
        if r.targets:
            facts.append(self.tr("%1 条目标").replace("%1", str(len(r.targets))))
        if cleaned:
            detail = "，".join(f"{k} {v}" for k, v in sorted(r.cleaning.items()))
            facts.append(self.tr("清理 %1 处").replace("%1", str(cleaned)))
            self.facts_label.setToolTip(detail)
        self.facts_label.setText(" · ".join(facts))

    def _show_empty_state(self) -> None:
        self.title_label.setText(self.tr("没有打开的报告"))
        self.facts_label.setText(self.tr("从左侧资料库选择一份报告，或按 Ctrl+L 搜索全部报告。"))
        self.outline_empty.setText(self.tr("打开报告后，这里显示章节目录"))
        self.outline_stack.setCurrentIndex(1)

    def _display(self, text: str) -> str:
        return convert_for_display(text, self.script)

    def _open_file_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("打开报告文件"), "",
                                              self.tr("报告 (*.txt *.html *.htm);;所有文件 (*)"))
        if path:
            self.open_report(path)

    # ================================================================== outline
    def _outline_clicked(self, index: QModelIndex) -> None:
        section = self.outline_model.section_at(index)
        if section is not None:
            if self.stack.currentWidget() is not self.view:
                self.raw_action.setChecked(False)
                self.set_show_raw(False)
            self.view.scroll_to_offset(section.start)

    def _follow_scroll(self, offset: int) -> None:
        """The outline's current item follows the text's top line."""
        index = self.outline_model.index_for_offset(offset)
        if index.isValid() and index != self.outline.currentIndex():
            self.outline.setCurrentIndex(index)
            self.outline.scrollTo(index)

    # ================================================================== search
    def focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.focus_search()

    def search(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        self._search_generation += 1
        generation = self._search_generation
        library = self.library
        self.search_panel.show_busy(query)
        self.search_dock.show()
        self.search_dock.raise_()

        def job(_ctx: TaskContext):
            return library.search(query, limit=SEARCH_LIMIT)

        def done(results) -> None:
            if generation != self._search_generation:
                return  # the user typed another query meanwhile
            hits = list(results.results)
            self._hits_by_path = {h.path: tuple(h.spans) for h in hits}
            self.search_panel.show_results(query, hits, results.total, indexing=self._index_task is not None,
                                            occurrences=results.occurrences)
            if self.report is not None:
                self.view.set_hits(self._hits_by_path.get(self.report.path, ()), 0)
            if self._open_top_result and hits:
                self._open_top_result = False
                self._result_chosen(hits[0])
            self.search_done.emit(query)

        def failed(message: str) -> None:
            if generation == self._search_generation:
                self.search_panel.show_error(message)
                self.search_done.emit(query)

        self.runner.run(job, done, failed, name="search")

    def _more_results(self, query: str, limit: int) -> None:
        """The next page of results, as the list is scrolled to its end."""
        library, generation = self.library, self._search_generation

        def done(results) -> None:
            if generation == self._search_generation:
                hits = list(results.results)
                self._hits_by_path.update((h.path, tuple(h.spans)) for h in hits)
                self.search_panel.add_page(query, hits, results.total, results.occurrences)

        self.runner.run(lambda _ctx: library.search(query, limit=limit), done, self._task_failed, name="search more")

    def _result_chosen(self, hit: Hit) -> None:
        if self.report is not None and self.report.path == hit.path:
            self.view.set_hits(hit.spans, 0)
            return
        self._hits_by_path[hit.path] = tuple(hit.spans)
        self.open_report(hit.path)

    def step_hit(self, step: int) -> None:
        if self.find_bar.isVisible() and self._finds:
            self._find_step(step)
        else:
            self.view.go_to_hit(step)

    def _hit_changed(self, index: int, count: int) -> None:
        self.hit_label.setText(self.tr("命中 %1/%2").replace("%1", str(index + 1)).replace("%2", str(count)) if count else "")

    # ================================================================== find in report
    def open_find(self) -> None:
        sel = self.view.selection_span()
        text = self.view.displayed[sel[0]:sel[1]] if sel and sel[1] - sel[0] < 40 else ""
        self.find_bar.open_bar(text)

    def _find_changed(self, needle: str) -> None:
        self._finds = find_all(self.view.displayed, needle)
        self._find_current = -1
        self.view.set_finds(self._finds)
        if self._finds:
            self._find_step(1)
        else:
            self.find_bar.set_count(-1, 0)

    def _find_step(self, step: int) -> None:
        if not self._finds:
            return
        self._find_current = (self._find_current + step) % len(self._finds)
        s, e = self._finds[self._find_current]
        self.view.select_span(s, e)
        self.view.scroll_to_offset(s, center=True)
        self.find_bar.set_count(self._find_current, len(self._finds))

    def _find_closed(self) -> None:
        self._finds = []
        self.view.set_finds([])
        self.view.setFocus()

    # ================================================================== targets
    def _target_chosen(self, row: TargetHit) -> None:
        t = row.target

        def mark() -> None:
            if self.stack.currentWidget() is not self.view:
                self.raw_action.setChecked(False)
                self.set_show_raw(False)
            self.view.mark(t.start, t.end)

        if self.report is not None and self.report.path == row.path:
            mark()
        else:
            self.open_report(row.path, then=mark)

    def show_compare(self) -> None:
        """Show the Compare view with room for its table and chart."""
        first = not self.compare_dock.isVisible()
        self.compare_dock.show()
        self.compare_dock.raise_()
        if first and not self.compare_dock.isFloating():
            self.resizeDocks([self.compare_dock], [max(360, self.height() * 45 // 100)], Qt.Orientation.Vertical)
        self.compare_view.indicator_box.setFocus()

    def _observation_chosen(self, path: str, start: int, end: int) -> None:
        """A Compare cell's target or result: open its report and mark the figure."""
        def mark() -> None:
            if self.stack.currentWidget() is not self.view:
                self.raw_action.setChecked(False)
                self.set_show_raw(False)
            self.view.mark(start, end)

        if self.report is not None and self.report.path == path:
            mark()
        else:
            self.open_report(path, then=mark)

    # ================================================================== view settings
    def set_script(self, script: str) -> None:
        if script == self.script:
            return
        self.script = script
        self.settings.set("view/script", script)
        self.script_actions[script].setChecked(True)
        self.view.set_script(script)
        self.compare_view.set_convert(self._display)
        self._analysis_script_changed()
        if self.report is not None:
            self.outline_model.set_sections(self.report.sections, self._display)
            self.outline.expandToDepth(0)
            self._update_header()
        self.targets_panel.model.set_convert(self._display)
        self._excerpts_presentation_changed()
        if self._finds and self.find_bar.edit.text():
            self._find_changed(self.find_bar.edit.text())

    def change_font_size(self, step: int) -> None:
        lo, hi = FONT_SIZE_RANGE
        size = min(hi, max(lo, self.view.font_size + step))
        self.view.set_font_size(size)
        self.raw_view.setFont(self.view.document().defaultFont())
        self.settings.set("view/font_size", size)

    def set_show_raw(self, show: bool) -> None:
        self.stack.setCurrentWidget(self.raw_view if show else self.view)
        if show:
            self.show_banner(self.tr("正在显示原始文本（清理前）。搜索高亮、目录和引文只作用于清理后的正文；按 Ctrl+U 返回。"))
        else:
            self.hide_banner()

    def set_language(self, code: str) -> None:
        self.settings.set("ui/language", code)
        self.statusBar().showMessage(self.tr("界面语言将在重新启动后生效。"), 6000)

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def hide_banner(self) -> None:
        self.banner.hide()

    # ================================================================== closing
    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window_state(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.runner.cancel_all()
        self.runner.wait(5000)
        super().closeEvent(event)

"""The main window: library and search on the left, outline beside the report text in the
middle, targets on the right. Every long job goes through TaskRunner; this class only
wires results into widgets, on the GUI thread."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QMimeData, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from explorer.core.cite.styles import STYLES, cite, cite_target
from explorer.core.model import Hit, Report
from explorer.core.scripts import convert_for_display
from explorer.resources import SAMPLES
from explorer.ui.i18n import LANGUAGES
from explorer.ui.models.outline import OutlineModel
from explorer.ui.models.targets import TargetRow, TargetSummary, make_rows, summarize
from explorer.ui.settings import FONT_SIZE_RANGE, Settings
from explorer.ui.tasks import Task, TaskContext, TaskRunner, drop_in_chunks
from explorer.ui.widgets.compare_view import CompareView
from explorer.ui.widgets.find_bar import FindBar, find_all
from explorer.ui.widgets.library_panel import LibraryPanel, display_path
from explorer.ui.widgets.report_view import ReportView
from explorer.ui.widgets.search_panel import SearchPanel
from explorer.ui.widgets.targets_panel import TargetsPanel

SEARCH_LIMIT = 200  # reports listed per search; the status line gives the full count
WATCH_DEBOUNCE_MS = 2000
MAX_WATCHED_FILES = 4000  # inotify's default budget is 8192 per user; leave room  # editors save in several steps: wait for the last one
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



class MainWindow(QMainWindow):
    report_opened = Signal(str)  # path, after the text is shown
    search_done = Signal(str)  # query, after the results are shown
    library_loaded = Signal(int)  # number of reports, after the library view is filled
    index_done = Signal(object)  # IndexSummary

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
        self._finds: list[tuple[int, int]] = []
        self._find_current = -1
        self._extra_rows: list[TargetRow] = []  # targets of an open report outside the library
        self._library_rows: list[TargetRow] = []
        self._library_summary: TargetSummary | None = None
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
        self.library_panel = LibraryPanel(self)
        self.library_panel.report_chosen.connect(lambda p: self.open_report(p))
        self.library_panel.add_files_requested.connect(self._add_files)
        self.library_panel.add_folder_requested.connect(self._add_folder)
        self.library_panel.reindex_requested.connect(lambda: self.start_index(None))
        self.library_panel.cancel_requested.connect(self.cancel_index)
        self.library_panel.paths_dropped.connect(lambda paths: self.start_index(paths))
        self.targets_panel = TargetsPanel(self)
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

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState() needs stable names
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot, shortcut: str | QKeySequence.StandardKey | None = None,
                checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu(self.tr("文件(&F)"))
        self.open_action = self._action(self.tr("打开报告文件…"), self._open_file_dialog, QKeySequence.StandardKey.Open)
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("添加文件到资料库…"), self._add_files))
        file_menu.addAction(self._action(self.tr("添加文件夹到资料库…"), self._add_folder))
        self.reindex_action = self._action(self.tr("重新索引"), lambda: self.start_index(None), "F5")
        file_menu.addAction(self.reindex_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("导出目标…"), self._export_targets))
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("退出"), self.close, QKeySequence.StandardKey.Quit))

        edit_menu = mb.addMenu(self.tr("编辑(&E)"))
        copy = self._action(self.tr("复制"), self.view.copy)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the view owns Ctrl+C
        edit_menu.addAction(copy)
        edit_menu.addAction(self.view.copy_cited_action)
        style_menu = edit_menu.addMenu(self.tr("引文格式"))
        group = QActionGroup(self)
        labels = {"plain": self.tr("中文纯文本"), "gbt7714": self.tr("GB/T 7714-2015"), "markdown": self.tr("Markdown")}
        self.style_actions: dict[str, QAction] = {}
        for style in STYLES:
            a = QAction(labels[style], self, checkable=True)
            a.setChecked(style == self.citation_style)
            a.triggered.connect(lambda _c=False, s=style: self.set_citation_style(s))
            group.addAction(a)
            style_menu.addAction(a)
            self.style_actions[style] = a
        edit_menu.addSeparator()
        edit_menu.addAction(self._action(self.tr("在报告中查找…"), self.open_find, QKeySequence.StandardKey.Find))
        edit_menu.addAction(self._action(self.tr("下一处命中"), lambda: self.step_hit(1), "F3"))
        edit_menu.addAction(self._action(self.tr("上一处命中"), lambda: self.step_hit(-1), "Shift+F3"))
        edit_menu.addAction(self._action(self.tr("搜索全部报告"), self.focus_search, "Ctrl+L"))

        view_menu = mb.addMenu(self.tr("视图(&V)"))
        script_group = QActionGroup(self)
        self.script_actions: dict[str, QAction] = {}
        for script, label, key in (("original", self.tr("原文字形"), "Ctrl+0"),
                                   ("simplified", self.tr("简体显示"), "Ctrl+1"),
                                   ("traditional", self.tr("繁体显示"), "Ctrl+2")):
            a = QAction(label, self, checkable=True)
            a.setShortcut(QKeySequence(key))
            a.setChecked(script == self.script)
            a.triggered.connect(lambda _c=False, s=script: self.set_script(s))
            script_group.addAction(a)
            view_menu.addAction(a)
            self.script_actions[script] = a
        view_menu.addSeparator()
        view_menu.addAction(self._action(self.tr("放大字体"), lambda: self.change_font_size(1), QKeySequence.StandardKey.ZoomIn))
        view_menu.addAction(self._action(self.tr("缩小字体"), lambda: self.change_font_size(-1), QKeySequence.StandardKey.ZoomOut))
        self.raw_action = self._action(self.tr("显示原始文本（未清理）"), self.set_show_raw, "Ctrl+U", checkable=True)
        view_menu.addAction(self.raw_action)
        view_menu.addSeparator()
        for dock in (self.library_dock, self.search_dock, self.targets_dock):
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addAction(self._action(self.tr("对比各报告（目标与实际）"), self.show_compare, "Ctrl+Shift+P"))
        view_menu.addSeparator()
        lang_menu = view_menu.addMenu(self.tr("界面语言"))
        lang_group = QActionGroup(self)
        current = self.settings.get("ui/language")
        for code, label in LANGUAGES.items():
            a = QAction(label, self, checkable=True)
            a.setChecked(code == current)
            a.triggered.connect(lambda _c=False, c=code: self.set_language(c))
            lang_group.addAction(a)
            lang_menu.addAction(a)

        help_menu = mb.addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self._action(self.tr("搜索语法"), self._show_search_help))
        help_menu.addAction(self._action(self.tr("关于报告浏览器"), self._show_about))

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.hit_label = QLabel(bar)
        self.index_progress = QProgressBar(bar)
        self.index_progress.setMaximumWidth(220)
        self.index_progress.setMaximumHeight(16)
        self.index_progress.hide()
        self.index_cancel = QToolButton(bar)
        self.index_cancel.setText(self.tr("取消索引"))
        self.index_cancel.clicked.connect(self.cancel_index)
        self.index_cancel.hide()
        bar.addPermanentWidget(self.hit_label)
        bar.addPermanentWidget(self.index_progress)
        bar.addPermanentWidget(self.index_cancel)

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
        def job(ctx: TaskContext):
            # A full cyclic-GC pass over 100,000 fresh objects holds the GIL for a few
            # hundred ms; nothing built here is cyclic, so pause the collector meanwhile.
            gc_was_enabled = gc.isenabled()
            gc.disable()
            try:
                reports = self.library.reports()
                ctx.check()
                rows = make_rows(self.library.targets())
                summary = summarize(rows)
                sources = list(self.library.sources())
            finally:
                if gc_was_enabled:
                    gc.enable()
            return reports, rows, summary, sources

        def done(result) -> None:
            reports, rows, summary, sources = result
            self.library_panel.set_reports(reports)
            old_rows, self._library_rows = self._library_rows, rows
            self._library_summary = summary
            released = self._refresh_targets()
            self.compare_view.set_source(rows)
            # Long-lived from here on: keep them out of future full collections.
            gc.freeze()
            self.runner.run(lambda _ctx: drop_in_chunks([old_rows, *released]), name="free")
            self._watch(sources, reports)
            if self.report is not None:
                self.library_panel.select_path(self.report.path)
            self.library_loaded.emit(len(reports))
            # Once per library folder: a new or another empty library gets the samples too,
            # but a library the user emptied on purpose does not get them back.
            here = str(self.library.path)
            if first_run and not reports and self.settings.get("library/samples_offered_to") != here:
                self.settings.set("library/samples_offered_to", here)
                self.statusBar().showMessage(self.tr("首次运行：正在把内置的示例报告加入资料库…"), 8000)
                self.start_index([str(SAMPLES)])

        self.runner.run(job, done, self._task_failed, name="library")

    def _watch(self, sources: list[str], reports: list[Any] | None = None) -> None:
        """Watch the source folders (new, renamed, deleted files) and the reports' own
        files (edited in place), within the OS's watch budget."""
        old = self.watcher.files() + self.watcher.directories()
        if old:
            self.watcher.removePaths(old)
        wanted = list(dict.fromkeys(
            [s for s in sources if Path(s).exists()] + [r.path for r in (reports or [])[:MAX_WATCHED_FILES]]))
        if wanted:
            self.watcher.addPaths(wanted)

    def _source_changed(self, _path: str) -> None:
        self._watch_timer.start()

    # ================================================================== reports
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
        self.targets_panel.set_current_report(report.path)
        in_library = self.library_panel.model.index_for_path(report.path).isValid()
        self._extra_rows = [] if in_library else make_rows((report, t) for t in report.targets)
        self._refresh_targets()
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
            self.search_panel.show_results(query, hits, results.total, indexing=self._index_task is not None)
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
    def _refresh_targets(self) -> list:
        summary = self._library_summary
        if summary is None:
            summary = summarize(self._library_rows)
        if self._extra_rows:
            summary = summary.merge(summarize(self._extra_rows))
        return self.targets_panel.set_rows(self._library_rows + self._extra_rows, self._display, summary)

    def _target_chosen(self, row: TargetRow) -> None:
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

    # ================================================================== citations
    def _put_on_clipboard(self, text: str, html: str) -> None:
        mime = QMimeData()
        mime.setText(text)
        mime.setHtml(html)
        QGuiApplication.clipboard().setMimeData(mime)

    def copy_with_citation(self) -> None:
        span = self.view.selection_span() if self.stack.currentWidget() is self.view else None
        if self.report is None or span is None:
            self.statusBar().showMessage(self.tr("请先在报告正文中选中一段文字"), 4000)
            return
        try:
            c = cite(self.report, span[0], span[1], self.citation_style, self.script)
        except ValueError as exc:
            self.statusBar().showMessage(str(exc), 4000)
            return
        self._put_on_clipboard(c.text, c.html)
        self.statusBar().showMessage(self.tr("已复制选段和引文"), 3000)

    def copy_target_with_citation(self, row: TargetRow) -> None:
        style, script = self.citation_style, self.script

        def copy(report: Report) -> None:
            c = cite_target(report, row.target, style, script)
            self._put_on_clipboard(c.text, c.html)
            self.statusBar().showMessage(self.tr("已复制目标和引文"), 3000)

        if self.report is not None and self.report.path == row.path:
            copy(self.report)
        else:
            self.open_report(row.path, then=lambda: copy(self.report) if self.report is not None else None)

    def set_citation_style(self, style: str) -> None:
        self.citation_style = style
        self.settings.set("citation/style", style)
        self.style_actions[style].setChecked(True)

    # ================================================================== view settings
    def set_script(self, script: str) -> None:
        if script == self.script:
            return
        self.script = script
        self.settings.set("view/script", script)
        self.script_actions[script].setChecked(True)
        self.view.set_script(script)
        self.compare_view.set_convert(self._display)
        if self.report is not None:
            self.outline_model.set_sections(self.report.sections, self._display)
            self.outline.expandToDepth(0)
            self._update_header()
        self.targets_panel.model.set_convert(self._display)
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

    # ================================================================== indexing
    def _add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("添加报告文件"), "",
                                                self.tr("报告 (*.txt *.html *.htm);;所有文件 (*)"))
        if paths:
            self.start_index(paths)

    def _add_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("添加报告文件夹"))
        if path:
            self.start_index([path])

    def start_index(self, paths: list[str] | None, quiet: bool = False) -> None:
        """Index `paths` (None: every source again, picking up changed files). One index job
        at a time; a request during a run is kept and started when it ends."""
        if self._index_task is not None:
            self._pending_index = (self._pending_index or []) + (paths or [])
            return
        library = self.library

        in_child = self.index_in_child and hasattr(library, "path") and type(library).__module__ == "explorer.library"

        def job(ctx: TaskContext):
            targets = paths if paths is not None else list(library.sources())
            if in_child:
                from explorer.ui.indexing import index_in_child

                return index_in_child(str(library.path), targets, ctx.progress, lambda: ctx.cancelled)

            def progress(p) -> None:
                ctx.progress(p.done, p.total, str(p.current or ""))

            return library.index(targets, progress=progress, cancel=lambda: ctx.cancelled)

        task = Task(job, "index")
        task.signals.progress.connect(self._index_progress)
        task.signals.finished.connect(self._index_finished)
        task.signals.failed.connect(self._index_failed)
        task.signals.cancelled.connect(lambda: self._index_finished(None))
        self._index_task = task
        self.library_panel.set_indexing(True)
        self.index_progress.setRange(0, 0)
        self.index_progress.show()
        self.index_cancel.show()
        self.reindex_action.setEnabled(False)
        if not quiet:
            self.library_dock.raise_()
        self.runner.start(task, write=True)

    def cancel_index(self) -> None:
        if self._index_task is not None:
            self._index_task.cancel()
            self.library_panel.cancel_button.setEnabled(False)
            self.statusBar().showMessage(self.tr("正在取消索引…"))

    def _index_progress(self, done: int, total: int, current: str) -> None:
        self.library_panel.set_progress(done, total, current)
        self.index_progress.setRange(0, max(1, total))
        self.index_progress.setValue(done)

    def _index_ended(self) -> None:
        self._index_task = None
        self.library_panel.set_indexing(False)
        self.index_progress.hide()
        self.index_cancel.hide()
        self.reindex_action.setEnabled(True)
        if self._pending_index is not None:
            pending, self._pending_index = self._pending_index, None
            self.start_index(pending or None)

    def _index_finished(self, summary) -> None:
        if summary is None or getattr(summary, "cancelled", False):
            message = self.tr("索引已取消；已完成的部分已保存。")
        else:
            message = self.tr("索引完成：新增 %1，更新 %2，移除 %3，未变 %4").replace(
                "%1", str(summary.added)).replace("%2", str(summary.updated)).replace(
                "%3", str(summary.removed)).replace("%4", str(summary.unchanged))
            if summary.skipped:
                message += self.tr("，跳过 %1 个文件").replace("%1", str(len(summary.skipped)))
                self.library_panel.status.setToolTip(
                    "\n".join(f"{display_path(p)}: {why}" for p, why in summary.skipped[:50]))
        self.library_panel.status.setText(message)
        self.library_panel.set_skipped(summary.skipped if summary is not None else [])
        self.statusBar().showMessage(message, 8000)
        self._index_ended()
        self.refresh_library()
        if self.search_panel.model.query and summary is not None:
            self.search(self.search_panel.model.query)  # the results may have changed
        self.index_done.emit(summary)
        if self.report is None and summary is not None and not getattr(summary, "cancelled", False):
            self._open_first_report()

    def _open_first_report(self) -> None:
        """After the first indexing, show something rather than an empty page."""
        def pick(_n: int) -> None:
            self.library_loaded.disconnect(pick)
            model = self.library_panel.model
            paths = sorted(model._paths)
            last = self.settings.get("library/last_report")
            target = last if last in model._paths else (paths[0] if paths else "")
            if target and self.report is None and not self._open_top_result:
                self.open_report(target)

        self.library_loaded.connect(pick)

    def _index_failed(self, message: str) -> None:
        self.library_panel.status.setText(self.tr("索引失败：%1").replace("%1", message))
        self._index_ended()

    def _task_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("出错了：%1").replace("%1", message), 8000)

    # ================================================================== export
    def _export_targets(self) -> None:
        rows = self.targets_panel.visible_rows()
        if not rows:
            self.statusBar().showMessage(self.tr("没有可导出的目标"), 4000)
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出目标"), "targets.xlsx",
                                              self.tr("Excel 工作簿 (*.xlsx);;CSV (*.csv)"))
        if path:
            self.export_targets(rows, path)

    def export_targets(self, rows: list[TargetRow], path: str) -> Task:
        from explorer.ui.export import export_targets

        def job(ctx: TaskContext) -> int:
            return export_targets(rows, path, progress=lambda d, t: ctx.progress(d, t, path),
                                  cancelled=lambda: ctx.cancelled)

        self.statusBar().showMessage(self.tr("正在导出…"))
        return self.runner.run(
            job,
            lambda n: self.statusBar().showMessage(self.tr("已导出 %1 条目标到 %2").replace("%1", str(n)).replace("%2", path), 6000),
            self._task_failed,
            name="export",
        )

    # ================================================================== help
    def _show_search_help(self) -> None:
        QMessageBox.information(self, self.tr("搜索语法"), self.tr(
            "空格分隔的词须同时出现；A OR B 表示任一；-词 表示排除；\"引号\" 内为短语；\n"
            "year:2021、year:2019..2022、region:常州、type:政府工作报告、theme:就业 用于筛选。\n"
            "简体、繁体、全角半角都能互相找到；单个字也可以搜索。"))

    def _show_about(self) -> None:
        from explorer import __version__

        QMessageBox.about(self, self.tr("关于报告浏览器"), self.about_text(__version__))

    def about_text(self, version: str) -> str:
        """Version, licence and where the data lives: what a user needs to report a problem
        or back up the library."""
        return (
            self.tr("报告浏览器 %1\n检索、阅读和引用政府工作报告。").replace("%1", version)
            + "\n\n"
            + self.tr("许可证：MIT")
            + "\n"
            + self.tr("资料库文件夹：%1").replace("%1", str(self.library.path))
            + "\n"
            + self.tr("设置文件：%1").replace("%1", self.settings.location())
        )

    # ================================================================== closing
    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window_state(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.runner.cancel_all()
        self.runner.wait(5000)
        super().closeEvent(event)

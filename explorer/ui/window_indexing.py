"""Indexing from the main window: add files and folders, re-index, progress, cancel, the
summary, and watching the sources for changes (a mixin of MainWindow)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from explorer.ui.tasks import Task, TaskContext
from explorer.ui.widgets.engine_dialog import ENGINE_NAMES, EngineDialog
from explorer.ui.widgets.library_panel import display_path

MAX_WATCHED_FILES = 4000  # inotify's default budget is 8192 per user; leave room


class IndexingMixin:
    """One index job at a time, always off the GUI thread (in a child process for the real
    Library: see ui/indexing.py)."""

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
        in_child = self._write_in_child()

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
        self._start_write(task, quiet)

    def _write_in_child(self) -> bool:
        library = self.library
        return self.index_in_child and hasattr(library, "path") and type(library).__module__ == "explorer.library"

    def _start_write(self, task: Task, quiet: bool) -> None:
        """The one job that writes to the library (indexing or an engine move) starts."""
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
        if self._pending_engine is not None:
            engine, self._pending_engine = self._pending_engine, None
            self.set_engine(engine or None)
        elif self._pending_index is not None:
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
            last = self.settings.get("library/last_report")
            target = last if last and model.contains(last) else (model.first_path() or "")
            if target and self.report is None and not self._open_top_result:
                self.open_report(target)

        self.library_loaded.connect(pick)

    # -- the search engine (Library → 搜索引擎…) ----------------------------------------

    def show_engine_dialog(self) -> EngineDialog:
        """Shown window-modal; choosing another engine than the current one starts the move."""
        from explorer.search.engine import ENGINES, unavailable

        library = self.library
        problems = {name: why for name in ENGINES if (why := unavailable(name))}
        dialog = EngineDialog(library.engine_choice, len(library), problems,
                              moving=self._engine_moving is not None, parent=self)
        dialog.accepted.connect(lambda: self.set_engine(dialog.chosen() or None))
        dialog.open()
        return dialog

    def set_engine(self, engine: str | None) -> None:
        """Use `engine` (None: chosen by the library's size) from now on, remembered by the
        library; the index moves in the background (Library.set_engine) while searches go
        on with the old one. Waits for a running index job."""
        if self._index_task is not None:
            self._pending_engine = engine or ""
            return
        library = self.library
        in_child = self._write_in_child()

        def job(ctx: TaskContext) -> bool:
            if in_child:
                from explorer.ui.indexing import set_engine_in_child

                return set_engine_in_child(str(library.path), engine, ctx.progress, lambda: ctx.cancelled)
            return library.set_engine(engine, progress=lambda p: ctx.progress(p.done, p.total, ""),
                                      cancel=lambda: ctx.cancelled)

        task = Task(job, "engine")
        task.signals.progress.connect(self._engine_progress)
        task.signals.finished.connect(self._engine_finished)
        task.signals.failed.connect(self._engine_failed)
        task.signals.cancelled.connect(lambda: self._engine_finished(False))
        self._engine_moving = engine or ""
        self.statusBar().showMessage(self.tr("正在更换搜索引擎…"))
        self._start_write(task, quiet=True)

    def _engine_progress(self, done: int, total: int, _current: str) -> None:
        self._index_progress(done, total, "")
        wanted = self.library.engine_choice.wanted
        self.library_panel.status.setText(self.tr("正在为 %1 重建索引：%2 / %3").replace(
            "%1", ENGINE_NAMES.get(wanted, wanted)).replace("%2", str(done)).replace("%3", str(total)))

    def _engine_finished(self, complete: bool) -> None:
        self._engine_moving = None
        name = self.library.engine
        if complete:
            message = self.tr("搜索引擎：现在使用 %1。").replace("%1", ENGINE_NAMES.get(name, name))
        else:
            message = self.tr("更换搜索引擎已暂停，仍使用 %1；下次重新索引或再次选择时从中断处继续。").replace(
                "%1", ENGINE_NAMES.get(name, name))
        self.library_panel.status.setText(message)
        self.statusBar().showMessage(message, 8000)
        self._index_ended()
        self.engine_changed.emit(name)

    def _engine_failed(self, message: str) -> None:
        self._engine_moving = None
        text = self.tr("无法更换搜索引擎：%1").replace("%1", message)
        self.library_panel.status.setText(text)
        self.statusBar().showMessage(text, 8000)
        self._index_ended()
        self.engine_changed.emit(self.library.engine)

    def _index_failed(self, message: str) -> None:
        self.library_panel.status.setText(self.tr("索引失败：%1").replace("%1", message))
        self._index_ended()

    def _task_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("出错了：%1").replace("%1", message), 8000)

    def _watch(self, sources: list[str], report_paths: list[str] | None = None) -> None:
        """Watch the source folders (new, renamed, deleted files) and the reports' own
        files (edited in place), within the OS's watch budget."""
        old = self.watcher.files() + self.watcher.directories()
        if old:
            self.watcher.removePaths(old)
        wanted = list(dict.fromkeys(
            [s for s in sources if Path(s).exists()] + (report_paths or [])[:MAX_WATCHED_FILES]))
        if wanted:
            self.watcher.addPaths(wanted)

    def _source_changed(self, _path: str) -> None:
        self._watch_timer.start()

    # ================================================================== reports

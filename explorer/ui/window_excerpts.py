"""Excerpts in the main window (a mixin of MainWindow): "Add to excerpts" from the report
view, the Excerpts dock, opening an excerpt at its passage, removal with undo, exports;
and the page number of a paginated report in the status bar.

Listing (which may find passages again in changed reports), adding (which reads the
stored report) and exporting run as tasks; a note, tags or a removal is one row written
at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel

from explorer.core.cite.excerpts import Excerpt
from explorer.ui.tasks import Task, TaskContext
from explorer.ui.widgets.excerpt_dialog import AddExcerptDialog
from explorer.ui.widgets.excerpts_panel import ExcerptsPanel

EXPORT_FILTERS = {
    "md": ("摘录.md", "Markdown (*.md)"),
    "docx": ("摘录.docx", "Word (*.docx)"),
    "xlsx": ("摘录.xlsx", "Excel (*.xlsx)"),
    "csv": ("摘录.csv", "CSV (*.csv)"),
}


class ExcerptsMixin:
    """Needs of MainWindow: library, runner, settings, view, report, script, citation_style,
    _dock(), _display(), open_report(), _task_failed(), statusBar(), the report_opened and
    library_loaded signals."""

    def _build_excerpts(self) -> None:
        self._removed_excerpts: list[list[Excerpt]] = []
        panel = self.excerpts_panel = ExcerptsPanel(self)
        panel.set_presentation(self.citation_style, self.script)
        panel.group_box.setCurrentIndex(max(0, panel.group_box.findData(self.settings.get("excerpts/group"))))
        panel.group_box.currentIndexChanged.connect(
            lambda _i: self.settings.set("excerpts/group", panel.group_box.currentData()))
        panel.chosen.connect(self._excerpt_chosen)
        panel.edited.connect(self._excerpt_edited)
        panel.remove_requested.connect(self._remove_excerpts)
        panel.undo_requested.connect(self._undo_remove_excerpts)
        panel.export_requested.connect(self._export_excerpts)
        panel.copy_requested.connect(self._copy_excerpt)
        self.excerpts_dock = self._dock("excerptsDock", self.tr("摘录"), panel, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.excerpts_dock.hide()
        self.view.add_excerpt_requested.connect(self.add_excerpt)
        self.view.set_show_page_marks(self.settings.get("view/page_marks"))
        self.library_loaded.connect(lambda _n: self.refresh_excerpts())

        self.page_label = QLabel(self)
        self.page_label.setObjectName("hint")
        self.statusBar().addPermanentWidget(self.page_label)
        self.view.top_offset_changed.connect(self._update_page_label)
        self.report_opened.connect(lambda _p: self._update_page_label())

    def _excerpt_book(self):
        """The library's excerpts, None for a library without them (a test double)."""
        return getattr(self.library, "excerpts", None)

    # -- the dock ----------------------------------------------------------------------
    def show_excerpts(self) -> None:
        self._raise_bottom(self.excerpts_dock, 36)  # window_analysis: the bottom tab group
        self.excerpts_panel.table.setFocus()

    def refresh_excerpts(self) -> Task | None:
        book = self._excerpt_book()
        if book is None:
            return None
        return self.runner.run(lambda _ctx: book.all(), self.excerpts_panel.set_excerpts,
                               self._task_failed, name="excerpts")

    def _excerpts_presentation_changed(self) -> None:
        """The citation style or the display script changed."""
        self.excerpts_panel.set_presentation(self.citation_style, self.script)

    # -- adding ------------------------------------------------------------------------
    def add_excerpt(self) -> None:
        """The selected passage of the report view, with a note and tags asked for."""
        span = self.view.selection_span() if self.stack.currentWidget() is self.view else None
        if self.report is None or span is None or not self.report.text[span[0]:span[1]].strip():
            self.statusBar().showMessage(self.tr("请先在报告正文中选中一段文字"), 4000)
            return
        book = self._excerpt_book()
        if book is None:
            return
        report, (start, end) = self.report, span
        passage = report.text[start:end]
        source = " · ".join(x for x in (self._display(report.region), str(report.year or ""),
                                         self._display(report.title or Path(report.path).name)) if x)
        dialog = AddExcerptDialog(self._display(passage), source, sorted(self.excerpts_panel.model.tag_counts()),
                                  self.settings.get("excerpts/last_tags"), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        note, tags = dialog.values()
        self.save_excerpt(report.path, start, end, note, tags, passage)

    def save_excerpt(self, path: str, start: int, end: int, note: str, tags: str, passage: str) -> Task | None:
        book = self._excerpt_book()
        if book is None:
            return None
        self.settings.set("excerpts/last_tags", tags.strip())
        not_stored = self.tr("这份报告不在资料库中：先把它加入资料库，再添加摘录。")

        def job(_ctx: TaskContext) -> Excerpt:
            try:
                return book.add(path, start, end, note=note, tags=tags, text=passage)
            except KeyError:
                raise RuntimeError(not_stored) from None

        def done(excerpt: Excerpt) -> None:
            self.excerpts_panel.add(excerpt)
            if not self.excerpts_dock.isVisible():
                self.show_excerpts()
                self.view.setFocus()  # keep reading; the dock only shows the new row
            total = len(self.excerpts_panel.model.excerpts)
            self.statusBar().showMessage(self.tr("已添加到摘录（共 %1 条）").replace("%1", str(total)), 4000)

        return self.runner.run(job, done, self._task_failed, name="add excerpt")

    # -- using ------------------------------------------------------------------------
    def _excerpt_chosen(self, excerpt: Excerpt) -> None:
        """Open the excerpt's report at its passage, marked; a lost one near its last place."""
        if excerpt.found:
            self._observation_chosen(excerpt.path, excerpt.start, excerpt.end)
            return
        self.statusBar().showMessage(self.tr("这段文字在当前版本的报告中找不到了；显示它原来所在的位置附近。"), 6000)

        def near() -> None:
            self.view.scroll_to_offset(min(excerpt.start, len(self.view.displayed)), center=True)

        if self.report is not None and self.report.path == excerpt.path:
            near()
        else:
            self.open_report(excerpt.path, then=near)

    def _copy_excerpt(self, excerpt: Excerpt) -> None:
        c = excerpt.citation(self.citation_style, self.script)
        mime = QMimeData()
        mime.setText(c.text)
        mime.setHtml(c.html)
        QGuiApplication.clipboard().setMimeData(mime)
        self.statusBar().showMessage(self.tr("已复制摘录和引文"), 3000)

    def _excerpt_edited(self, excerpt: Excerpt) -> None:
        book = self._excerpt_book()
        if book is None:
            return
        try:
            book.update(excerpt.id, note=excerpt.note, tags=excerpt.tags)
        except (KeyError, RuntimeError) as exc:  # removed meanwhile (another window), or unwritable
            self._task_failed(str(exc.args[0] if exc.args else exc))
            self.refresh_excerpts()

    def _remove_excerpts(self, excerpts: list[Excerpt]) -> None:
        book = self._excerpt_book()
        if book is None or not excerpts:
            return
        try:
            gone = book.remove([e.id for e in excerpts])
        except (KeyError, RuntimeError) as exc:
            self._task_failed(str(exc.args[0] if exc.args else exc))
            self.refresh_excerpts()
            return
        # What the panel held (with its edits), which is what the store had.
        self._removed_excerpts.append(gone)
        self.excerpts_panel.remove([e.id for e in gone])
        self.excerpts_panel.set_undo(len(gone))
        self.statusBar().showMessage(
            self.tr("已删除 %1 条摘录（Ctrl+Z 撤销）").replace("%1", str(len(gone))), 6000)

    def _undo_remove_excerpts(self) -> None:
        book = self._excerpt_book()
        if book is None or not self._removed_excerpts:
            return
        batch = self._removed_excerpts.pop()
        try:
            book.restore(batch)
        except RuntimeError as exc:
            self._removed_excerpts.append(batch)
            self._task_failed(str(exc))
            return
        for e in batch:
            self.excerpts_panel.add(e)
        self.excerpts_panel.set_undo(len(self._removed_excerpts[-1]) if self._removed_excerpts else 0)
        self.statusBar().showMessage(self.tr("已恢复 %1 条摘录").replace("%1", str(len(batch))), 4000)

    # -- exporting ---------------------------------------------------------------------
    def _export_excerpts(self, fmt: str, group: str) -> None:
        excerpts = self.excerpts_panel.shown()
        if not excerpts:
            self.statusBar().showMessage(self.tr("没有可导出的摘录"), 4000)
            return
        name, pattern = EXPORT_FILTERS[fmt]
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出摘录"), name, pattern)
        if path:
            if not Path(path).suffix:
                path += "." + fmt
            self.export_excerpts(excerpts, path, fmt, group)

    def export_excerpts(self, excerpts: list[Excerpt], path: str, fmt: str | None = None,
                        group: str = "report") -> Task:
        from explorer.core.cite.export import write_file

        style, script = self.citation_style, self.script
        self.statusBar().showMessage(self.tr("正在导出…"))
        return self.runner.run(
            lambda _ctx: write_file(excerpts, path, style, script, group, fmt),
            lambda n: self.statusBar().showMessage(
                self.tr("已导出 %1 条摘录到 %2").replace("%1", str(n)).replace("%2", path), 6000),
            self._task_failed,
            name="export excerpts",
        )

    # -- pages -------------------------------------------------------------------------
    def set_show_page_marks(self, show: bool) -> None:
        self.settings.set("view/page_marks", show)
        self.view.set_show_page_marks(show)

    def _update_page_label(self, *_args) -> None:
        count = len(self.view.pages)
        if not count or self.report is None:
            self.page_label.clear()
            return
        page = self.view.page_at(self.view.top_offset())
        self.page_label.setText(self.tr("第 %1 / %2 页").replace("%1", str(page)).replace("%2", str(count)))

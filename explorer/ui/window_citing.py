"""Copy with citation and target export from the main window (a mixin of MainWindow)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from explorer.core.cite.styles import cite, cite_target
from explorer.core.model import Report
from explorer.library.targettable import TargetHit
from explorer.ui.tasks import Task, TaskContext


class CitingMixin:
    """Citations go to the clipboard as text/plain and text/html; exports run as tasks."""

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

    def copy_target_with_citation(self, row: TargetHit) -> None:
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
        self._excerpts_presentation_changed()

    def _export_targets(self) -> None:
        rows, total = self.targets_panel.export_rows()
        if not total and not self.targets_panel.visible_rows():
            self.statusBar().showMessage(self.tr("没有可导出的目标"), 4000)
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出目标"), "targets.xlsx",
                                              self.tr("Excel 工作簿 (*.xlsx);;CSV (*.csv)"))
        if path:
            self.export_targets(rows, path, total)

    def export_targets(self, rows: Iterable[TargetHit] | Callable[[], Iterable[TargetHit]], path: str,
                       total: int | None = None) -> Task:
        """Write `rows` (or what the function `rows` returns, called in the worker: the
        panel's rows streamed from the library) to `path`."""
        from explorer.ui.export import export_targets

        def job(ctx: TaskContext) -> int:
            return export_targets(rows() if callable(rows) else rows, path, total=total,
                                  progress=lambda d, t: ctx.progress(d, t, path), cancelled=lambda: ctx.cancelled)

        self.statusBar().showMessage(self.tr("正在导出…"))
        return self.runner.run(
            job,
            lambda n: self.statusBar().showMessage(self.tr("已导出 %1 条目标到 %2").replace("%1", str(n)).replace("%2", path), 6000),
            self._task_failed,
            name="export",
        )

"""Keyword analysis in the main window (a mixin of MainWindow): the Concordance of the current
search and the Trends of terms, two docks below the text beside the Compare view, and an
Analysis menu. The views do their work in workers; this only wires them to the window."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMenu

from explorer.search.query import QueryError, parse
from explorer.ui.widgets.charts import warm_up
from explorer.ui.widgets.concordance_view import ConcordanceView
from explorer.ui.widgets.trends_view import TrendsView


def query_terms(query: str) -> list[str]:
    """The positive terms of a search query, as typed (quoted when they hold a space)."""
    try:
        literals = parse(query).literals()
    except QueryError:
        return []
    words: list[str] = []
    for lit in literals:
        words.append(f'"{lit.text}"' if " " in lit.text else lit.text)
    return words


WARM_UP_DELAY_MS = 4000  # after the library is listed, before charts are prepared


class AnalysisMixin:
    """Builds the Concordance and Trends docks; call _build_analysis() after the docks and
    menus exist."""

    def _build_analysis(self) -> None:
        self.concordance_view = ConcordanceView(self.runner, self.library, self)
        self.concordance_view.set_script(self.script)
        self.concordance_view.citation_style = self.citation_style
        self.concordance_view.hit_chosen.connect(self._observation_chosen)
        self.concordance_view.status.connect(lambda m: self.statusBar().showMessage(m, 6000))
        self.trends_view = TrendsView(self.runner, self.library, self)
        self.trends_view.set_script(self.script)
        self.trends_view.hit_chosen.connect(self._observation_chosen)
        self.trends_view.status.connect(lambda m: self.statusBar().showMessage(m, 6000))
        area = Qt.DockWidgetArea.BottomDockWidgetArea
        self.concordance_dock = self._dock("concordanceDock", self.tr("语境（关键词索引）"), self.concordance_view, area)
        self.trends_dock = self._dock("trendsDock", self.tr("词频趋势"), self.trends_view, area)
        # One tab group below the text: the analyses share the wide bottom area.
        self.tabifyDockWidget(self.compare_dock, self.concordance_dock)
        self.tabifyDockWidget(self.concordance_dock, self.trends_dock)
        # Excerpts too: beside a chart, side by side, both were too narrow to read.
        self.tabifyDockWidget(self.trends_dock, self.excerpts_dock)
        self.concordance_dock.hide()
        self.trends_dock.hide()
        self._concordance_query = ""  # the search the concordance shows
        self.concordance_dock.visibilityChanged.connect(lambda shown: shown and self._update_concordance())
        self.search_done.connect(lambda _q: self._update_concordance())
        self.library_loaded.connect(lambda _n: self._library_changed())
        # matplotlib is imported once start-up has settled and no task runs (charts.warm_up):
        # imported by the first chart, it froze the window for a third of a second.
        self._warm_up_timer = QTimer(self)
        self._warm_up_timer.setSingleShot(True)
        self._warm_up_timer.setInterval(WARM_UP_DELAY_MS)
        self._warm_up_timer.timeout.connect(self._warm_up_charts)
        self.library_loaded.connect(lambda _n: self._warm_up_timer.start())
        self.search_panel.concordance_requested.connect(self.show_concordance)

        menu = QMenu(self.tr("分析(&A)"), self)
        menu.addAction(self._action(self.tr("当前搜索的语境（关键词索引）"), self.show_concordance, "Ctrl+Shift+K"))
        menu.addAction(self._action(self.tr("词频趋势（按年份、地区）"), self.show_trends, "Ctrl+Shift+T"))
        menu.addAction(self._action(self.tr("对比各报告（目标与实际）"), self.show_compare))
        menus = self.menuBar().actions()
        self.menuBar().insertMenu(menus[-1], menu)  # before Help, which stays last

    def set_citation_style(self, style: str) -> None:
        super().set_citation_style(style)  # type: ignore[misc]
        self.concordance_view.citation_style = style

    def _raise_bottom(self, dock, share: int = 45) -> None:
        """Show a bottom dock with `share` percent of the window's height the first time."""
        first = not dock.isVisible()
        dock.show()
        dock.raise_()
        if first and not dock.isFloating():
            self.resizeDocks([dock], [max(360, self.height() * share // 100)], Qt.Orientation.Vertical)

    def show_concordance(self) -> None:
        """Show every hit of the current search in context."""
        self._raise_bottom(self.concordance_dock)
        self._update_concordance()
        self.concordance_view.table.setFocus()

    def _update_concordance(self) -> None:
        query = self.search_panel.model.query
        if not self.concordance_dock.isVisible() or query == self._concordance_query:
            return
        self._concordance_query = query
        self.concordance_view.show_query(query)

    def _warm_up_charts(self) -> None:
        if self.runner.running:
            self._warm_up_timer.start()  # not while the window waits for an answer
            return
        warm_up(self.runner)

    def _library_changed(self) -> None:
        """Reports were added or removed: what the views show is counted again."""
        self._concordance_query = ""
        self._update_concordance()
        if self.trends_view.frequency is not None and self.trends_dock.isVisible():
            self.trends_view.compute()

    def show_trends(self) -> None:
        """Show the Trends view; with no terms yet, start from the current search's."""
        self._raise_bottom(self.trends_dock, 62)  # a chart, its table and the hits below
        view = self.trends_view
        if not view.terms_edit.text().strip():
            terms = query_terms(self.search_panel.model.query)
            if terms:
                view.terms_edit.setText(" ".join(terms))
                view.compute()
        view.terms_edit.setFocus()

    def _analysis_script_changed(self) -> None:
        self.concordance_view.set_script(self.script)
        self.trends_view.set_script(self.script)

"""A chart in the window: a matplotlib canvas (QtAgg backend) drawing library/plots.py's
charts, made on first show (importing matplotlib takes a moment: it is done in a worker), with
point clicks and export. plots.py says why matplotlib and how Chinese labels get a font.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedLayout, QVBoxLayout, QWidget

from explorer.ui.fonts import install_hint

Drawer = Any  # library.plots.Drawer; not imported here: that would load matplotlib
# A dock squeezed small leaves no room for the axes beside the legend and labels: the chart
# then draws as it can until the dock grows; that is not worth a warning on every repaint.
warnings.filterwarnings("ignore", message="constrained_layout not applied", category=UserWarning)


def qt_cjk_families() -> list[str]:
    """Families Qt has for Chinese, the interface's own first: the chart then matches the
    window's text."""
    families: list[str] = []
    for ws in (QFontDatabase.WritingSystem.SimplifiedChinese, QFontDatabase.WritingSystem.TraditionalChinese):
        families.extend(f for f in QFontDatabase.families(ws) if f not in families)
    ui = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
    return sorted(families, key=lambda name: name != ui)


def plots() -> Any:
    """library.plots, imported on first use (drawers run only once a canvas exists)."""
    from explorer.library import plots as module

    return module


def load_matplotlib(_ctx: Any = None) -> bool:
    """Import matplotlib's Qt canvas and the charts (a worker may do this; it only imports)."""
    import matplotlib.backends.backend_qtagg  # noqa: F401

    import explorer.library.plots  # noqa: F401

    return True


class ChartView(QWidget):
    """A matplotlib canvas made on first show; `plot(drawer)` draws (now, or once shown).

    point_clicked(series, key) when a marker or bar with a payload (plots.py) is clicked."""

    point_clicked = Signal(object, object)
    ready = Signal()  # the canvas exists and shows the current drawer

    def __init__(self, runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.canvas: Any = None
        self._drawer: Drawer | None = None
        self._empty_text = ""
        self._loading = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(150)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        self.font_note = QLabel(self)
        self.font_note.setObjectName("hint")
        self.font_note.setWordWrap(True)
        self.font_note.hide()
        outer.addWidget(self.font_note)
        self._stack = QStackedLayout()
        outer.addLayout(self._stack, 1)
        self.placeholder = QLabel(self)
        self.placeholder.setObjectName("hint")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self._stack.addWidget(self.placeholder)

    # -- drawing -----------------------------------------------------------------------

    def plot(self, drawer: Drawer | None, empty_text: str = "") -> None:
        """Show what `drawer` draws; None shows `empty_text` instead of a chart."""
        self._drawer = drawer
        self._empty_text = empty_text
        self._redraw()

    @property
    def drawer(self) -> Drawer | None:
        return self._drawer

    def _redraw(self) -> None:
        if self._drawer is None or self.canvas is None:
            self.placeholder.setText(self._empty_text if self._drawer is None else self.tr("正在载入图表…"))
            self._stack.setCurrentWidget(self.placeholder)
            if self._drawer is not None and self.isVisible():
                self._make_canvas()
            return
        fig = self.canvas.figure
        fig.clear()
        self._drawer(fig)
        self.canvas.draw_idle()
        self._stack.setCurrentWidget(self.canvas)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.canvas is None and self._drawer is not None:
            self._make_canvas()

    def _make_canvas(self) -> None:
        if self._loading:
            return
        self._loading = True
        if self.runner is None:
            load_matplotlib()
            self._canvas_loaded()
        else:
            self.runner.run(load_matplotlib, lambda _ok: self._canvas_loaded(),
                            lambda message: self.placeholder.setText(self.tr("无法载入图表：%1").replace("%1", message)),
                            name="matplotlib")

    def _canvas_loaded(self) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        family = plots().configure_fonts(qt_cjk_families())
        if family is None:
            self.font_note.setText(self.tr("没有找到中文字体，图中的汉字会显示为方框。请安装：%1").replace("%1", install_hint()))
            self.font_note.show()
        self.canvas = FigureCanvasQTAgg(plots().new_figure())
        self.canvas.setParent(self)
        self.canvas.setMinimumSize(240, 160)  # below this constrained layout collapses the axes
        self.canvas.mpl_connect("pick_event", self._picked)
        self._stack.addWidget(self.canvas)
        self._loading = False
        self._redraw()
        self.ready.emit()

    def _picked(self, event: Any) -> None:
        payload = getattr(event.artist, "payload", None)
        if payload is None:
            return
        label, keys = payload
        if isinstance(keys, list):
            ind = getattr(event, "ind", None)
            if ind is None or len(ind) == 0:
                return
            keys = keys[int(ind[0])]
        self.point_clicked.emit(label, keys)

    # -- export -------------------------------------------------------------------------

    def export_size(self) -> tuple[float, float]:
        """The size on screen in inches (what the user arranged), within paper-friendly
        bounds."""
        dpi = max(self.logicalDpiX(), 72)
        w = min(max(self.width() / dpi, 5.0), 12.0)
        h = min(max(self.height() / dpi, 3.0), 9.0)
        return w, h

    def save(self, path: str | Path) -> Path:
        """Write the current chart (see save_chart); ValueError when there is none."""
        if self._drawer is None:
            raise ValueError("there is no chart to export")
        plots().configure_fonts(qt_cjk_families())
        return plots().save_chart(self._drawer, path, self.export_size())

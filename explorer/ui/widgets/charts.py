"""A chart in the window: library/plots.py's charts drawn by matplotlib's Agg renderer on a
worker thread and shown as an image, with point clicks (matplotlib's picking on the drawn
figure) and export. plots.py says why matplotlib and how Chinese labels get a font.

Drawing on the worker: a chart with constrained layout took matplotlib 0.4-0.8 s to draw
(1.8 s the first time, fonts loaded), and a canvas on the GUI thread (FigureCanvasQTAgg) froze
the window that long whenever an indicator or a term was chosen. Only one figure is drawn
per thread at a time and a drawn figure is handed over whole, as matplotlib asks of threads.
"""

from __future__ import annotations

import importlib
import sys
import time
import warnings
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFontDatabase,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedLayout, QVBoxLayout, QWidget

from explorer.ui.fonts import install_hint

Drawer = Any  # library.plots.Drawer; not imported here: that would load matplotlib
# A dock squeezed small leaves no room for the axes beside the legend and labels: the chart
# then draws as it can until the dock grows; that is not worth a warning on every repaint.
warnings.filterwarnings("ignore", message="constrained_layout not applied", category=UserWarning)

BASE_DPI = 100  # figure inches per 100 logical pixels, as matplotlib's Qt canvas sizes them
RESIZE_DELAY_MS = 120  # a drag of the splitter redraws once it rests


# What the first chart imports, in dependency order. Importing it takes 1-2.5 s, and while a
# worker imports, the GUI thread waits for the GIL whenever the importer sits in C (a module's
# code unmarshalled, an extension initialised): the first Compare chart froze the window
# 335 ms at 10,000 reports. warm_up imports it at a quiet moment, a module at a time with a
# pause between, so the GUI thread's queued events run between them.
CHART_MODULES = (
    "numpy", "PIL.Image", "matplotlib", "matplotlib.colors", "matplotlib.path",
    "matplotlib.transforms", "matplotlib.text", "matplotlib.collections", "matplotlib.patches",
    "matplotlib.axis", "matplotlib.axes", "matplotlib.figure", "matplotlib.backend_bases",
    "matplotlib.backends.backend_agg", "explorer.library.plots",
)
WARM_UP_PAUSE = 0.02  # seconds between two modules


def warm_up(runner: Any) -> None:
    """Import what a chart needs (CHART_MODULES) on `runner`'s pool, unless it is imported."""
    if all(name in sys.modules for name in CHART_MODULES):
        return

    def job(_ctx: Any) -> None:
        for name in CHART_MODULES:
            if name not in sys.modules:
                importlib.import_module(name)
                time.sleep(WARM_UP_PAUSE)

    runner.run(job, name="warm up charts")


def qt_cjk_families() -> list[str]:
    """Families Qt has for Chinese, the interface's own first: the chart then matches the
    window's text."""
    families: list[str] = []
    for ws in (QFontDatabase.WritingSystem.SimplifiedChinese, QFontDatabase.WritingSystem.TraditionalChinese):
        families.extend(f for f in QFontDatabase.families(ws) if f not in families)
    ui = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
    return sorted(families, key=lambda name: name != ui)


def plots() -> Any:
    """library.plots, imported on first use (drawers run only once a chart is drawn)."""
    from explorer.library import plots as module

    return module


def render(drawer: Drawer, families: list[str], width: int, height: int, ratio: float) -> tuple[Any, QImage, str | None]:
    """Draw `drawer` into a new figure of width x height logical pixels at device pixel
    `ratio` (any thread): the figure (for picking), its image, and the CJK font used."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    family = plots().configure_fonts(families)
    fig = plots().new_figure(width / BASE_DPI, height / BASE_DPI)
    fig.set_dpi(BASE_DPI * ratio)
    FigureCanvasAgg(fig)
    drawer(fig)
    fig.canvas.draw()
    rgba = fig.canvas.buffer_rgba()
    image = QImage(bytes(rgba), rgba.shape[1], rgba.shape[0], QImage.Format.Format_RGBA8888).copy()
    image.setDevicePixelRatio(ratio)
    return fig, image, family


class ChartImage(QWidget):
    """A drawn chart: its image (scaled while a redraw at a new size is under way) and the
    figure it came from, which answers clicks by matplotlib's picking."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure: Any = None
        self.image = QImage()
        self.setMinimumSize(240, 160)  # below this constrained layout collapses the axes

    @property
    def device_pixel_ratio(self) -> float:
        return self.image.devicePixelRatio() if not self.image.isNull() else self.devicePixelRatioF()

    def show_chart(self, figure: Any, image: QImage) -> None:
        self.figure, self.image = figure, image
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if not self.image.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(self.rect()), self.image)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        super().mousePressEvent(event)
        if self.figure is None or self.image.isNull() or event.button() != Qt.MouseButton.LeftButton:
            return
        from matplotlib.backend_bases import MouseEvent

        # The figure's pixels, y upwards, as matplotlib's own canvas would report the click
        # (the image fills the widget, stretched while a redraw is pending).
        pos: QPointF = event.position()
        x = pos.x() * self.image.width() / max(1, self.width())
        y = (self.height() - pos.y()) * self.image.height() / max(1, self.height())
        self.figure.pick(MouseEvent("button_press_event", self.figure.canvas, x, y, button=1))


class ChartView(QWidget):
    """A chart drawn off the GUI thread; `plot(drawer)` draws it (now, or once shown).

    point_clicked(series, key) when a marker or bar with a payload (plots.py) is clicked."""

    point_clicked = Signal(object, object)
    ready = Signal()  # a chart of the current drawer is shown

    def __init__(self, runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.canvas: ChartImage | None = None  # made with the first chart drawn
        self._drawer: Drawer | None = None
        self._empty_text = ""
        self._drawn: tuple[Any, int, int, float] | None = None  # (drawer, w, h, ratio) on screen
        self._drawing: tuple[Any, int, int, float] | None = None  # under way on a worker
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(RESIZE_DELAY_MS)
        self._resize_timer.timeout.connect(self._redraw)
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

    def _target(self) -> tuple[Any, int, int, float]:
        """What should be on screen: the drawer at the chart area's size and pixel ratio."""
        area = self._stack.geometry() if self._stack.geometry().isValid() else self.rect()
        width, height = max(area.width(), 240), max(area.height(), 160)
        return self._drawer, width, height, self.devicePixelRatioF()

    def _redraw(self) -> None:
        if self._drawer is None:
            self._drawn = None  # the chart on the canvas is no longer what is shown
            self.placeholder.setText(self._empty_text)
            self._stack.setCurrentWidget(self.placeholder)
            return
        if self._drawn is None or self._drawn[0] is not self._drawer:
            self.placeholder.setText(self.tr("正在载入图表…"))
            self._stack.setCurrentWidget(self.placeholder)
        if not self.isVisible():
            return  # drawn once shown (showEvent)
        target = self._target()
        if target == self._drawn or target == self._drawing:
            return
        self._drawing = target
        drawer, width, height, ratio = target
        families = qt_cjk_families()
        if self.runner is None:
            self._drawn_now(target, render(drawer, families, width, height, ratio))
            return
        self.runner.run(lambda _ctx: render(drawer, families, width, height, ratio),
                        lambda result: self._drawn_now(target, result), self._failed, name="chart")

    def _failed(self, message: str) -> None:
        self._drawing = None
        self.placeholder.setText(self.tr("无法载入图表：%1").replace("%1", message))
        self._stack.setCurrentWidget(self.placeholder)

    def _drawn_now(self, target: tuple[Any, int, int, float], result: tuple[Any, QImage, str | None]) -> None:
        if target != self._drawing:
            return  # another drawer or size was asked for meanwhile; its drawing follows
        self._drawing = None
        figure, image, family = result
        if family is None:
            self.font_note.setText(self.tr("没有找到中文字体，图中的汉字会显示为方框。请安装：%1").replace("%1", install_hint()))
            self.font_note.show()
        if target[0] is not self._drawer:
            return
        if self.canvas is None:
            self.canvas = ChartImage(self)
            self._stack.addWidget(self.canvas)
        figure.canvas.mpl_connect("pick_event", self._picked)
        self.canvas.show_chart(figure, image)
        self._drawn = target
        self._stack.setCurrentWidget(self.canvas)
        self.ready.emit()
        if self._target() != target:
            self._redraw()  # resized while drawing

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._redraw()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._drawer is not None:
            self._resize_timer.start()

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

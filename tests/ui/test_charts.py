"""Charts are drawn on a worker, never on the GUI thread, and redrawn at a new size.

matplotlib took 0.4-0.8 s to draw a chart with constrained layout (1.8 s the first time)
and froze the window that long when drawn by a canvas on the GUI thread."""

from __future__ import annotations

import threading

from explorer.ui.tasks import TaskRunner
from explorer.ui.widgets.charts import ChartView

TIMEOUT = 30_000


def test_a_chart_is_drawn_on_a_worker_and_again_after_a_resize(qtbot):
    runner = TaskRunner()
    view = ChartView(runner)
    qtbot.addWidget(view)
    view.resize(600, 400)
    threads: list[threading.Thread] = []

    def drawer(fig):
        threads.append(threading.current_thread())
        ax = fig.add_subplot()
        ax.plot([2020, 2021, 2022], [1, 3, 2], label="就业")
        ax.legend()

    view.plot(drawer)
    assert view.canvas is None  # not shown yet: nothing drawn
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT):
        view.show()
    assert threads and all(t is not threading.main_thread() for t in threads)
    chart = view.canvas
    assert chart is not None and chart.figure.axes[0].get_legend().get_texts()[0].get_text() == "就业"
    ratio = chart.device_pixel_ratio
    assert abs(chart.image.width() - chart.width() * ratio) <= 1
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT):
        view.resize(900, 500)
    qtbot.waitUntil(lambda: abs(chart.image.width() - chart.width() * ratio) <= 1, timeout=TIMEOUT)
    assert chart.width() > 600 * 0.9 and len(threads) >= 2
    view.plot(None, "没有数据")
    assert view.placeholder.isVisible() and view.placeholder.text() == "没有数据"


def test_a_chart_shown_again_after_none_is_drawn_again(qtbot):
    view = ChartView()  # no runner: drawn on this thread, at once
    qtbot.addWidget(view)
    view.resize(500, 350)
    view.show()

    def drawer(fig):
        fig.add_subplot().bar(["2020", "2021"], [1, 2])

    view.plot(drawer)
    assert view.canvas is not None and view.canvas.isVisible()
    view.plot(None, "没有数据")
    assert view.placeholder.isVisible()
    view.plot(drawer)  # the same drawer again: the chart comes back, not the empty text
    assert view.canvas.isVisible() and not view.placeholder.isVisible()


def test_warm_up_imports_the_chart_modules_on_a_worker(qtbot, monkeypatch):
    """The first chart's imports hold the GIL for a third of a second at times: warm_up does
    them in a worker, a module at a time, never on the GUI thread."""
    import importlib
    import types

    from explorer.ui.widgets import charts

    imported: list[tuple[str, threading.Thread]] = []
    fresh = "tests.ui.a_module_not_imported"  # stands for matplotlib in a fresh process

    def recording(name, package=None):
        imported.append((name, threading.current_thread()))
        return None if name == fresh else importlib.import_module(name, package)

    monkeypatch.setattr(charts, "CHART_MODULES", ("json", "explorer.ui.widgets.charts", fresh))
    monkeypatch.setattr(charts, "importlib", types.SimpleNamespace(import_module=recording))
    runner = TaskRunner()
    charts.warm_up(runner)
    assert runner.wait(TIMEOUT)
    assert [name for name, _ in imported] == [fresh]  # the modules imported already are skipped
    assert all(t is not threading.main_thread() for _, t in imported)

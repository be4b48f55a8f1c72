"""The app's targets panel on a large library (run by bench_targets_panel.py, or alone):

    python3 benchmarks/bench_targets_gui.py LIBRARY [--runs 5]

In this process: the window up with LIBRARY (its targets table already filled), a report
opened; then, each --runs times, the time from a change (scope "all reports", a theme chip,
a text filter, a header sort) to the first page in the model, with the longest stall of
the event loop meanwhile (a 5 ms timer on the GUI thread); RSS with the panel open.
Prints one JSON line per measure.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("library", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--start-all", action="store_true", help="start in the all-reports scope; no report opened")
    args = ap.parse_args()

    from bench_gui import StallMeter
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from explorer.library import Library
    from explorer.ui.main_window import MainWindow
    from explorer.ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    settings = Settings(QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat))
    settings.set("library/samples_offered_to", str(args.library))
    if args.start_all:
        settings.set("targets/scope", "all")
    t0 = time.perf_counter()
    lib = Library(args.library)
    window = MainWindow(lib, settings)
    window.resize(1500, 950)
    window.show()

    def wait_for(signal, timeout_ms: int = 120_000) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: (print(json.dumps({"timed out waiting": str(signal)}), flush=True), loop.quit()))
        timer.start(timeout_ms)
        loop.exec()
        timer.stop()
        signal.disconnect(loop.quit)

    window.start()
    wait_for(window.library_loaded)
    out = {"window_and_library_listed_s": round(time.perf_counter() - t0, 2), "rss_mb": round(rss_mb())}
    print(json.dumps({"startup": out}), flush=True)
    panel = window.targets_panel
    meter = StallMeter()
    if args.start_all:
        if panel.model.rowCount() == 0:
            wait_for(panel.model.first_page)
        print(json.dumps({"all reports' first page at start": {"rows": panel.model.rowCount(), "rss_mb": round(rss_mb())}}),
              flush=True)
        return measure_filters(app, panel, meter, wait_for, args.runs, window)
    report = lib.reports()[len(lib) // 2].path
    t = time.perf_counter()
    window.open_report(report)
    wait_for(panel.model.first_page)
    print(json.dumps({"open report's targets": {"ms": round((time.perf_counter() - t) * 1000), "rows": panel.model.rowCount(),
                                                "rss_mb": round(rss_mb())}}), flush=True)
    return measure_filters(app, panel, meter, wait_for, args.runs, window, scope=True)




def measure_filters(app, panel, meter, wait_for, runs, window, scope=False) -> int:
    from PySide6.QtCore import QEventLoop, Qt

    from explorer.ui.models.targets import COL_VALUE

    def measure(name: str, change, undo) -> None:
        walls, cpus, gui_cpus, stalls, total = [], [], [], [], None
        for _ in range(runs):
            meter.start()
            c, g, t = cpu(), time.thread_time(), time.perf_counter()
            change()
            wait_for(panel.model.first_page)
            app.processEvents()  # the first page painted
            walls.append((time.perf_counter() - t) * 1000)
            cpus.append((cpu() - c) * 1000)
            gui_cpus.append((time.thread_time() - g) * 1000)
            # the count and the theme counts still arrive on workers: wait for them too
            if panel.model.total is None:
                wait_for(panel.model.counted)
            total = panel.model.total
            stalls.append(meter.stop()["max_gap_ms"])
            undo()
            wait_for(panel.model.first_page)
            if panel.model.total is None:
                wait_for(panel.model.counted)
        print(json.dumps({name: {"first_page_ms_median": round(statistics.median(walls)),
                                 "first_page_ms_max": round(max(walls)),
                                 "process_cpu_ms_median": round(statistics.median(cpus)),
                                 "gui_thread_cpu_ms_median": round(statistics.median(gui_cpus)),
                                 "max_event_loop_stall_ms": round(max(stalls)), "rows_total": total,
                                 "load": round(os.getloadavg()[0], 1)}}, ensure_ascii=False), flush=True)

    if scope:
        measure("scope: open report -> all reports", lambda: panel.set_scope("all"), lambda: panel.set_scope("report"))
        panel.set_scope("all")
        wait_for(panel.model.first_page)
    measure("all: theme 就业 on", lambda: panel.set_theme_filter({"就业"}), lambda: panel.set_theme_filter(set()))

    def text(value: str):
        def go() -> None:
            panel.text_edit.setText(value)
            panel._filters_changed()  # what the debounce timer does TEXT_DELAY_MS later
        return go

    measure("all: text 绿地", text("绿地"), text(""))
    measure("all: sort by value, descending",
            lambda: panel.table.sortByColumn(COL_VALUE, Qt.SortOrder.DescendingOrder),
            lambda: panel.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder))
    # Scrolling: fetch 20 more pages as the view would.
    t = time.perf_counter()
    for _ in range(20):
        panel.model.fetchMore()
        while panel.model.loading:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    print(json.dumps({"all: 20 more pages (4,000 rows)": {"ms": round((time.perf_counter() - t) * 1000),
                                                          "rows": panel.model.rowCount(), "rss_mb": round(rss_mb())}}),
          flush=True)
    print(json.dumps({"end": {"rss_mb": round(rss_mb()), "load": round(os.getloadavg()[0], 1)}}), flush=True)
    window.runner.cancel_all()
    window.runner.wait(10000)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

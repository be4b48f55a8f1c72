"""Keyword analysis benchmark (issue 14): concordance and term frequency on the 1,000-report
library of bench_search.py.

    python benchmarks/bench_analysis.py [--work DIR] [--runs 5]

Builds the corpus and the library with bench_search.py's generator (fixed seed; once: reused
when --work already holds them), then measures, median of --runs after one warm-up:

- frequency table of 5 terms by year: Library.frequency + table("year"), in-process, and
  `report-explorer freq ... --json` as a new process;
- concordance of a term with about 20,000 hits (KWIC_TERM): the library call alone; what the
  Concordance view does (offscreen Qt, on one thread): the first batch of rows painted (the
  first screen), then every row with its section path; `report-explorer kwic --json` as a
  new process;
- sorting those rows by the left context, and exporting them to CSV and to XLSX.

Prints a Markdown table (pasted into benchmarks/README.md) and writes analysis.json in --work.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_search import build_corpus, machine  # noqa: E402

FREQ_TERMS = ["就业", "碳达峰", "数字经济", "高质量发展", "乡村振兴"]
KWIC_TERM = "改革"  # 21,176 hits in the generated corpus (the script prints the count)


CPU: dict[str, float] = {}  # measure -> median CPU seconds of this process (see main)


def timed(fn, runs: int, name: str = "") -> tuple[float, list[float], object]:
    """Median wall time over `runs` after a warm-up; the median CPU time goes to CPU[name]:
    on a shared, loaded machine the wall time mostly measures the others' jobs."""
    fn()  # warm-up: first use opens the index, fills caches
    times, cpu, result = [], [], None
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    if name:
        CPU[name] = statistics.median(cpu)
    return statistics.median(times), times, result


def cold(cmd: list[str], runs: int, name: str) -> float:
    """Median wall time of a new process; its median CPU time (user + system) to CPU[name]."""
    import resource

    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        assert r.returncode == 0, r.stderr[-2000:]
    CPU[name] = statistics.median(cpu)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/report-explorer-bench"))
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    corpus, lib_dir = args.work / "corpus", args.work / "library"
    info = build_corpus(corpus, args.reports)

    from explorer.library import Library

    lib = Library(lib_dir)
    t = time.perf_counter()
    lib.index([corpus])  # nothing to do when built; stores outlines of an older library once
    out: dict[str, object] = {"machine": machine(), "corpus": info, "reports": len(lib),
                              "index_check_s": time.perf_counter() - t}

    # -- frequency --
    med, all_t, freq = timed(lambda: lib.frequency(FREQ_TERMS).table("year"), args.runs, "freq")
    out["freq_5_terms_by_year_s"] = med
    out["freq_runs"] = all_t
    out["freq_rows"] = len(freq)  # type: ignore[arg-type]
    cli = [sys.executable, "-m", "explorer", "--library", str(lib_dir)]
    out["freq_cli_cold_s"] = cold([*cli, "freq", *FREQ_TERMS, "--json"], args.runs, "freq_cli")

    # -- concordance --
    med, all_t, conc = timed(lambda: _build(lib), args.runs, "build")
    out["kwic_term"] = KWIC_TERM
    out["kwic_rows"] = len(conc)  # type: ignore[arg-type]
    out["kwic_build_s"] = med
    out["kwic_build_runs"] = all_t
    out.update(_first_screen(lib, args.runs))
    out["kwic_cli_cold_s"] = cold([*cli, "kwic", KWIC_TERM, "--json"], args.runs, "kwic_cli")

    from explorer.library.kwic import FIELDS, WIDTHS
    from explorer.library.tables import write_table

    order = conc.order("left")  # type: ignore[attr-defined]
    out["kwic_sort_left_s"], _, _ = timed(lambda: conc.order("left"), args.runs, "sort")  # type: ignore[attr-defined]
    for suffix in ("csv", "xlsx"):
        target = args.work / f"kwic.{suffix}"

        def export(target: Path = target) -> int:
            rows = ([r[f] for f in FIELDS] for r in conc.rows(order))  # type: ignore[attr-defined]
            return write_table(target, FIELDS, rows, sheet="kwic", bom=True, widths=WIDTHS)

        out[f"kwic_export_{suffix}_s"], _, _ = timed(export, max(1, args.runs // 2), suffix)
    lib.close()
    out["cpu_s"] = CPU
    out["load_average"] = os.getloadavg()

    (args.work / "analysis.json").write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nMachine: {out['machine']}; load average {out['load_average']}\n")

    def cpu(name: str) -> str:
        return f"{CPU[name]:.2f} s" if name in CPU else ""

    print("| measure | median wall | median CPU | goal |\n|---|---|---|---|")
    print(f"| frequency, 5 terms by year (in-process) | {out['freq_5_terms_by_year_s']:.2f} s | {cpu('freq')} | ≤ 1 s |")
    print(f"| `freq` 5 terms, new process | {out['freq_cli_cold_s']:.2f} s | {cpu('freq_cli')} | |")
    print(f"| concordance of {KWIC_TERM} ({out['kwic_rows']:,} hits) with outlines, library | {out['kwic_build_s']:.2f} s | {cpu('build')} | |")
    print(f"| … view: first screen (first batch read, rows painted) | {out['kwic_first_screen_s']:.2f} s | {cpu('first')} | ≤ 2 s |")
    print(f"| … view: every row, with section paths | {out['kwic_all_rows_s']:.2f} s | {cpu('all')} | |")
    print(f"| sort by left context | {out['kwic_sort_left_s']:.2f} s | {cpu('sort')} | |")
    print(f"| export CSV (rows made + written) | {out['kwic_export_csv_s']:.2f} s | {cpu('csv')} | ≤ 5 s |")
    print(f"| export XLSX (rows made + written) | {out['kwic_export_xlsx_s']:.2f} s | {cpu('xlsx')} | ≤ 5 s |")
    print(f"| `kwic --json`, new process | {out['kwic_cli_cold_s']:.2f} s | {cpu('kwic_cli')} | |")
    return 0


def _build(lib):
    conc = lib.concordance(KWIC_TERM)
    conc.load_outlines()
    return conc


def _first_screen(lib, runs: int) -> dict[str, float]:
    """What the window does for the Concordance view, on one thread: the first batch of
    rows into the model and painted (the first screen), then every row and the outlines."""
    from PySide6.QtWidgets import QApplication

    from explorer.ui.widgets.concordance_view import ConcordanceView

    app = QApplication.instance() or QApplication([])
    view = ConcordanceView(runner=None, library=lib)
    view.resize(1500, 600)
    view.show()
    app.processEvents()
    firsts: list[float] = []

    def first_rows(*_args: object) -> None:
        if len(firsts) < len(starts):
            view.table.viewport().grab()  # paints the rows there are
            firsts.append(time.perf_counter() - starts[-1])
            first_cpu.append(time.process_time() - cpu_starts[-1])

    view.model.rowsInserted.connect(first_rows)
    starts: list[float] = []
    cpu_starts: list[float] = []
    first_cpu: list[float] = []
    complete, complete_cpu = [], []
    for i in range(runs + 1):
        starts.append(time.perf_counter())
        cpu_starts.append(time.process_time())
        view.show_query(KWIC_TERM)
        view.table.viewport().grab()
        complete.append(time.perf_counter() - starts[-1])
        complete_cpu.append(time.process_time() - cpu_starts[-1])
        if i == 0:  # warm-up
            for kept in (starts, cpu_starts, firsts, first_cpu, complete, complete_cpu):
                kept.clear()
    view.close()
    CPU["first"], CPU["all"] = statistics.median(first_cpu), statistics.median(complete_cpu)
    return {"kwic_first_screen_s": statistics.median(firsts), "kwic_first_screen_runs": firsts,  # type: ignore[dict-item]
            "kwic_all_rows_s": statistics.median(complete), "kwic_all_rows_runs": complete}  # type: ignore[dict-item]


if __name__ == "__main__":
    sys.exit(main())

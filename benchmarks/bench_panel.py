"""Panel benchmark: export targets vs. results from a 1,000-report library.

    python benchmarks/bench_panel.py [--work DIR] [--reports 1000] [--runs 5]

1. Builds (once; deterministic) a corpus of --reports files from the real corpus
   (../shared/corpus/{seeds,extra} or the bundled samples): report k is corpus file k mod N
   with its place names replaced by one of 40 cities and every year 2000–2029 shifted by
   0–6, the same city and shift for each run of N files, so consecutive-year pairs
   (海拉尔区 2012 → 2013, 全国 2024 → 2025) survive in every group and the panel has real pairs.
2. Indexes it into a library (once; reused when present).
3. Measures, median of --runs: reading the targets from the library, mapping them to
   indicators, pairing, writing CSV and XLSX (in process), and the whole
   `report-explorer panel --csv` command in a new process (what a user waits for).

Prints a Markdown table and writes results.json in --work.

Measured (Linux x86_64, 2 cores shared with other engineers' jobs, load 1.7–4.9, Python
3.11.7; indexing the 1,000 files took 209 s, once): 1,000 reports, 116,800 targets ->
13,114 mapped to an indicator and a year -> 8,867 panel rows, 1,458 with both target and
result. Median of 5 runs, seconds:

| step | s |
|---|---|
| read the targets from the library (`Library.targets()`) | 1.42 |
| map them to indicators and years (`panel.observations`) | 0.64 |
| pair (`panel.pair_up`, every indicator) | 0.05 |
| write CSV | 0.13 |
| write XLSX (openpyxl write-only) | 1.66 |
| `report-explorer panel --csv F`, every indicator, new process | 2.35 |
| `report-explorer panel --indicator 地区生产总值增长 --csv F`, new process | 2.16 |
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The same 40 cities as the search benchmark, so the two synthetic libraries agree.
from bench_search import CITIES  # noqa: E402

from explorer.core.read.files import read_file  # noqa: E402
from explorer.resources import sample_paths  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
PLACES = re.compile("常州|镇江|鎮江|无锡|無錫|上海|四川|海拉尔|海拉爾|呼伦贝尔|钟楼|鐘樓|武进|武進|国务院")
YEAR = re.compile(r"(?<!\d)(20[0-2]\d)(?!\d)")


def sources() -> list[Path]:
    found = sorted(p for d in ("seeds", "extra") for p in (CORPUS / d).glob("*.txt")) if CORPUS.is_dir() else []
    return found or list(sample_paths())


def build_corpus(folder: Path, n: int) -> None:
    files = sources()
    texts = [read_file(p).text for p in files]
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        group = k // len(files)
        city = CITIES[group % len(CITIES)]
        shift = group % 7
        text = PLACES.sub(city, texts[k % len(files)])
        text = YEAR.sub(lambda m, s=shift: str(int(m.group(1)) + s), text)
        (folder / f"r{k:04d}.txt").write_text(text, encoding="utf-8")


def ensure_library(work: Path, n: int) -> Path:
    from explorer.library import Library

    corpus, lib_dir = work / f"corpus{n}", work / f"library{n}"
    if not (corpus / f"r{n - 1:04d}.txt").exists():
        build_corpus(corpus, n)
    with Library(lib_dir) as lib:
        if len(lib) < n:
            t0 = time.perf_counter()
            lib.index([str(corpus)])
            print(f"indexed {len(lib)} reports in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return lib_dir


def median_time(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "bench_panel")
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    from explorer.core.targets import panel
    from explorer.core.targets.indicators import load_indicators
    from explorer.library import Library

    lib_dir = ensure_library(args.work, args.reports)
    out = args.work / "out"
    out.mkdir(exist_ok=True)
    lib = Library(lib_dir)
    n_reports = len(lib)
    t_targets, pairs = median_time(lib.targets, args.runs)
    assert isinstance(pairs, list)

    def observe():
        return panel.observations(pairs, load_indicators())  # a fresh set: no warm mapping cache

    t_obs, obs = median_time(observe, args.runs)
    assert isinstance(obs, list)
    t_pair, rows = median_time(lambda: panel.pair_up(obs), args.runs)
    assert isinstance(rows, list)
    t_csv, _ = median_time(lambda: panel.write_csv(rows, out / "panel.csv"), args.runs)
    t_xlsx, _ = median_time(lambda: panel.write_xlsx(rows, out / "panel.xlsx"), max(1, min(args.runs, 3)))
    lib.close()

    cmd = [sys.executable, "-m", "explorer", "panel", "--library", str(lib_dir), "--csv", str(out / "cli.csv")]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t_cli, _ = median_time(lambda: subprocess.run(cmd, check=True, capture_output=True, env=env), args.runs)
    cmd_one = [*cmd[:-2], "--indicator", "地区生产总值增长", "--csv", str(out / "gdp.csv")]
    t_cli_one, _ = median_time(lambda: subprocess.run(cmd_one, check=True, capture_output=True, env=env), args.runs)

    paired = sum(1 for r in rows if r.target is not None and r.result is not None)
    results = {
        "reports": n_reports, "targets": len(pairs), "observations": len(obs), "rows": len(rows),
        "rows_with_target_and_result": paired,
        "seconds": {"read_targets": t_targets, "map_indicators": t_obs, "pair": t_pair, "write_csv": t_csv,
                    "write_xlsx": t_xlsx, "cli_panel_csv_all": t_cli, "cli_panel_csv_one_indicator": t_cli_one},
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }
    (args.work / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"{n_reports:,} reports, {len(pairs):,} targets -> {len(obs):,} mapped figures -> "
          f"{len(rows):,} panel rows ({paired:,} with target and result); median of {args.runs}\n")
    print("| step | seconds |\n|---|---|")
    for name, secs in results["seconds"].items():
        print(f"| {name} | {secs:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Time to ingest one report (read, clean, structure, metadata, outline, targets).

Usage: python benchmarks/bench_ingest.py [FILES...]   (default: the shared corpus, else the samples)
Prints, per file, the median of 7 runs after one warm-up (OpenCC and pypinyin load once per process,
as in the app), plus the one-off cold cost of the first file.
"""

from __future__ import annotations

import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> None:
    files = [Path(a) for a in argv] or sorted((ROOT.parent / "shared" / "corpus").glob("*/*.txt")) or sorted(
        (ROOT / "explorer" / "resources" / "samples").glob("*.txt")
    )
    t0 = time.perf_counter()
    from explorer.core.ingest import load_report

    load_report(files[0])
    cold = time.perf_counter() - t0
    print(f"# {platform.processor() or platform.machine()}, Python {platform.python_version()}, {len(files)} files")
    print(f"cold first ingest (imports, OpenCC, pypinyin): {cold * 1000:.0f} ms")
    print(f"{'file':40} {'chars':>7} {'median ms':>10} {'max ms':>8}")
    medians = []
    for f in files:
        runs = []
        for _ in range(7):
            s = time.perf_counter()
            r = load_report(f)
            runs.append(time.perf_counter() - s)
        med = statistics.median(runs)
        medians.append(med)
        print(f"{f.name[:40]:40} {len(r.raw_text):7d} {med * 1000:10.1f} {max(runs) * 1000:8.1f}")
    print(f"median over files: {statistics.median(medians) * 1000:.1f} ms; slowest file: {max(medians) * 1000:.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])

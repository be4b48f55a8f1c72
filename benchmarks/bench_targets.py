"""Time to extract the targets of one report (the text already read, cleaned and outlined).

Usage: python benchmarks/bench_targets.py [FILES...]
(default: the reports of the hand-checked golden set, tests/golden/targets, found in the shared
corpus beside the checkout or in $REPORT_EXPLORER_CORPUS). Prints, per file, the median of 5
runs of extract_targets with the report's year and region, as ingest calls it.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = Path(os.environ.get("REPORT_EXPLORER_CORPUS") or ROOT.parent / "shared" / "corpus")


def golden_reports() -> list[Path]:
    names = [
        tomllib.loads(p.read_text(encoding="utf-8"))["file"]
        for p in sorted((ROOT / "tests" / "golden" / "targets").glob("*.toml"))
    ]
    found = []
    for name in names:
        for folder in ("seeds", "extra", "set2", "set2/pdf"):
            if (CORPUS / folder / name).exists():
                found.append(CORPUS / folder / name)
                break
    return found


def main(argv: list[str]) -> None:
    from explorer.core.ingest import load_report
    from explorer.core.targets.extract import extract_targets

    files = [Path(a) for a in argv] or golden_reports()
    medians = []
    print(f"{'file':44} {'chars':>7} {'targets':>7} {'median ms':>10}")
    for f in files:
        report = load_report(f)
        runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            targets = extract_targets(
                report.text, report.sections, year=report.year, region=report.region
            )
            runs.append(time.perf_counter() - t0)
        medians.append(statistics.median(runs))
        print(f"{f.name:44} {len(report.text):>7} {len(targets):>7} {medians[-1] * 1000:>10.1f}")
    if medians:
        print(f"median {statistics.median(medians) * 1000:.1f} ms, max {max(medians) * 1000:.1f} ms"
              f" over {len(medians)} reports")


if __name__ == "__main__":
    main(sys.argv[1:])

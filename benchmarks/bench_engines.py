"""Whoosh vs tantivy at growing library sizes: where each wins (the automatic threshold).

    python benchmarks/bench_engines.py LIBRARY [--sizes 100,250,500,1000] [--runs 5]

LIBRARY is a built library (bench_search.py makes one). For each size N, the first N of
its stored reports are indexed into a fresh index of each engine, straight from the
manifest as a move between engines does (no ingest): CPU seconds per report and index
bytes; then the 40 queries of bench_search.py run through the one Searcher over those N
reports (median of --runs rounds per query, p50/p95 over the queries), and the first query
after opening the index.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_search import QUERIES, pct  # noqa: E402

from explorer.library import Library  # noqa: E402
from explorer.search.engine import engine_class, folder_size  # noqa: E402
from explorer.search.searcher import Searcher  # noqa: E402


class _Subset:
    """The first N reports of a library, as a DocStore."""

    def __init__(self, lib: Library, keys: list[str]) -> None:
        meta = lib.manifest.meta()
        self._meta = {k: meta[k] for k in keys}
        self._lib = lib

    def meta(self):  # noqa: ANN201
        return self._meta

    def texts(self, key: str):  # noqa: ANN201
        return self._lib.manifest.texts(key)


def measure(lib: Library, name: str, n: int, runs: int) -> dict[str, float]:
    docs = list(islice(lib.manifest.index_rows(), n))
    with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR")) as tmp:
        engine = engine_class(name)(Path(tmp) / name)
        cpu = time.process_time()
        engine.create()
        for i in range(0, len(docs), 200):
            engine.write(docs[i : i + 200], (), fresh=True)
        engine.finish()
        engine.close()
        build_cpu = time.process_time() - cpu
        size = folder_size(Path(tmp) / name)
        engine = engine_class(name)(Path(tmp) / name)
        t = time.perf_counter()
        assert engine.open()
        searcher = Searcher(_Subset(lib, [d.key for d in docs]), engine)
        searcher.search(QUERIES[0])
        first = time.perf_counter() - t
        per_query = []
        for q in QUERIES:
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                searcher.search(q, limit=20)
                times.append(time.perf_counter() - t)
            per_query.append(statistics.median(times))
        engine.close()
    return {
        "reports": len(docs), "build_cpu_s": build_cpu, "build_cpu_ms_per_report": build_cpu / len(docs) * 1e3,
        "index_mb": size / 1e6, "first_query_s": first, "query_p50_ms": pct(per_query, 0.5) * 1e3,
        "query_p95_ms": pct(per_query, 0.95) * 1e3, "load": os.getloadavg()[0],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("library", type=Path)
    ap.add_argument("--sizes", default="100,250,500,1000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--engines", default="whoosh,tantivy")
    args = ap.parse_args()
    lib = Library(args.library)
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        for name in args.engines.split(","):
            row = {"engine": name, **measure(lib, name, n, args.runs)}
            rows.append(row)
            print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

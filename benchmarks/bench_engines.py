"""Whoosh vs tantivy at growing library sizes: where each wins (the automatic threshold).

    python benchmarks/bench_engines.py LIBRARY [--sizes 100,250,500,1000] [--runs 5]
                                               [--replicate K] [--engines whoosh,tantivy]

LIBRARY is a built library (bench_search.py makes one). For each size N, the first N of
its stored reports are indexed into a fresh index of each engine, straight from the
manifest as a move between engines does (no ingest): CPU seconds per report and index
bytes; then the 40 queries of bench_search.py run through the one Searcher over those N
reports (median of --runs rounds per query, p50/p95 over the queries), and the first query
after opening the index.

--replicate K makes a library K times as large from the same reports (each one K times,
under K keys): for the engine side of a 10,000-report library (index build, size, query
times, first query) without ingesting 10,000 files. Texts repeat, so each term's postings
are as long as in a real library of that size; the figures of the ingest (index run
time, its memory) need the real corpus (bench_search.py --reports 10000).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_search import QUERIES, pct  # noqa: E402

from explorer.library import Library  # noqa: E402
from explorer.search.engine import IndexDoc, engine_class, folder_size  # noqa: E402
from explorer.search.searcher import Searcher  # noqa: E402


def _copy_key(key: str, copy: int) -> str:
    return key if copy == 0 else hashlib.sha256(f"{key}/{copy}".encode()).hexdigest()[:24]


class _Subset:
    """The first N reports of a library (each `replicate` times), as a DocStore."""

    def __init__(self, lib: Library, keys: list[str], replicate: int) -> None:
        meta = lib.manifest.meta()
        self._meta = {}
        self._source = {}
        for copy in range(replicate):
            for k in keys:
                m = meta[k]
                self._meta[_copy_key(k, copy)] = m._replace(path=f"{m.path}#{copy}")
                self._source[_copy_key(k, copy)] = k
        self._lib = lib

    def meta(self):  # noqa: ANN201
        return self._meta

    def texts(self, key: str):  # noqa: ANN201
        return self._lib.manifest.texts(self._source[key])


def _docs(lib: Library, n: int, replicate: int) -> Iterator[IndexDoc]:
    for copy in range(replicate):
        for d in islice(lib.manifest.index_rows(), n):
            yield IndexDoc(_copy_key(d.key, copy), d.text, d.region, d.doc_type, d.themes, d.year)


def measure(lib: Library, name: str, n: int, runs: int, replicate: int = 1) -> dict[str, float]:
    with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR")) as tmp:
        engine = engine_class(name)(Path(tmp) / name)
        cpu = time.process_time()
        engine.create()
        batch: list[IndexDoc] = []
        keys = []
        for d in _docs(lib, n, replicate):
            batch.append(d)
            if len(batch) == 200:
                engine.write(batch, (), fresh=True)
                batch = []
            if len(keys) < n:
                keys.append(d.key)
        engine.write(batch, (), fresh=True)
        engine.finish()
        engine.close()
        build_cpu = time.process_time() - cpu
        size = folder_size(Path(tmp) / name)
        engine = engine_class(name)(Path(tmp) / name)
        t, c = time.perf_counter(), time.process_time()
        assert engine.open()
        store = _Subset(lib, keys, replicate)
        searcher = Searcher(store, engine)
        searcher.search(QUERIES[0])
        first, first_cpu = time.perf_counter() - t, time.process_time() - c
        per_query, per_query_cpu = [], []
        for q in QUERIES:
            times, cpus = [], []
            for _ in range(runs):
                t, c = time.perf_counter(), time.process_time()
                searcher.search(q, limit=20)
                times.append(time.perf_counter() - t)
                cpus.append(time.process_time() - c)
            per_query.append(statistics.median(times))
            per_query_cpu.append(statistics.median(cpus))
        engine.close()
    reports = len(store.meta())
    return {
        "reports": reports, "build_cpu_s": build_cpu, "build_cpu_ms_per_report": build_cpu / reports * 1e3,
        "index_mb": size / 1e6, "first_query_s": first, "first_query_cpu_s": first_cpu, "query_p50_ms": pct(per_query, 0.5) * 1e3,
        "query_p95_ms": pct(per_query, 0.95) * 1e3, "load": os.getloadavg()[0],
        # Processor time of the same queries: what a quiet machine's wall time would be.
        "query_cpu_p50_ms": pct(per_query_cpu, 0.5) * 1e3, "query_cpu_p95_ms": pct(per_query_cpu, 0.95) * 1e3,
        # High-water mark of this process so far (run one size and engine per process).
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("library", type=Path)
    ap.add_argument("--sizes", default="100,250,500,1000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--engines", default="whoosh,tantivy")
    ap.add_argument("--replicate", type=int, default=1)
    args = ap.parse_args()
    lib = Library(args.library)
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        for name in args.engines.split(","):
            row = {"engine": name, **measure(lib, name, n, args.runs, args.replicate)}
            rows.append(row)
            print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

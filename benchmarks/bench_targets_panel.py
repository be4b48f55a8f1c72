"""The targets of a 10,000-report library: the targets table's migration, its queries, and
the targets panel of the app (issue 13: 900,000 targets took 11 s to list and the app held
1.8 GB at start).

    nice python3 benchmarks/bench_targets_panel.py [--source LIB] [--copies 10]
        [--work /work/scratch/bench-scale] [--runs 5] [--skip-gui] [--paging-only]

The library is made by replicating a stored library (default: the 1,000 generated reports
of bench_search.py's corpus, indexed by bench_engines into /work/scratch/bench-engines/1k)
`--copies` times: each docs row copied under a new path and key, its year shifted, the
report files shared (read, never written). No source is read again: this measures the
targets, not ingest. The source must be of the current format (4: the targets table is the
record, copied row by row in SQL); a format-3 source is refused (open it once with this
version to convert it: its conversion rewrites report files, which the copies share). The
"migration" step of earlier runs (filling the targets table from docs.targets) is gone
with format 3; --skip-migration is kept for old command lines.

Measures, median of --runs (wall and CPU of this process, load average noted):
  1. migration: filling the targets table from the stored JSON;
  2. the old listing (every target of the library into Python rows, as the panel did) and
     the new one (the first page, the count, the theme counts) for several filters;
  3. the app (a child process): RSS with the panel open, the open report's targets shown,
     then "all reports", a theme filter, a text filter and a sort: the time from the
     change to the first page shown (the model's first rows inserted), and the longest
     stall of the event loop meanwhile;
  4. scrolling (also alone: --paging-only): the time of one page (200 rows, as the panel
     asks) at depths 1, 10, 20 and 50, and of the 20 pages that scroll to row 4,000, in
     the library's order and sorted by value (both directions): each page asked after the
     last row of the one before where Library.target_hits takes `after` (keyset paging),
     else at its OFFSET (how earlier versions paged), so one script measures both.
"""

from __future__ import annotations

import argparse
import inspect
import itertools
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_SOURCE = Path("/work/scratch/bench-engines/1k/library-whoosh")


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def build(source: Path, folder: Path, copies: int) -> dict[str, int]:
    """A library of `copies` × the source's reports, their targets copied in SQL."""
    from explorer.library.store import path_key
    from explorer.library.targettable import STRING_BITS

    marker = folder / "BUILD_DONE"
    if marker.exists():
        return json.loads(marker.read_text())
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    src = sqlite3.connect((source / "library.sqlite").absolute().as_uri() + "?mode=ro", uri=True)
    dst = sqlite3.connect(folder / "library.sqlite")
    src.backup(dst)
    src.close()
    columns = [r[1] for r in dst.execute("PRAGMA table_info(docs)") if r[1] != "id"]
    if "targets" in columns:
        raise SystemExit(f"{source} is a format-3 library: open it once with this version to convert it")
    dst.execute("ATTACH DATABASE ? AS src", (str((source / "library.sqlite").absolute()),))  # read only
    ids = dict(dst.execute("SELECT key, id FROM docs"))
    for table in ("targets", "target_strings", "target_themes"):
        dst.execute(f"DELETE FROM {table}")
    rows = dst.execute(f"SELECT {', '.join(columns)} FROM docs").fetchall()
    dst.execute("CREATE TABLE IF NOT EXISTS outlines (key TEXT PRIMARY KEY, adcode TEXT, sections TEXT NOT NULL)")
    outlines = {r[0]: r[1:] for r in dst.execute("SELECT key, adcode, sections FROM outlines")}
    dst.execute("DELETE FROM docs")
    dst.execute("DELETE FROM outlines")
    at = {c: i for i, c in enumerate(columns)}
    n = 0
    for copy in range(copies):
        out, out_outlines = [], []
        for row in rows:
            row = list(row)
            old_key = row[at["key"]]
            path = f"/bench/copy{copy:02d}/{Path(row[at['path']]).name}"
            row[at["path"]] = path
            row[at["key"]] = path_key(path)
            if row[at["year"]] is not None:
                row[at["year"]] = 2012 + (row[at["year"]] - 2012 + copy) % 14
            out.append(row)
            if old_key in outlines:
                out_outlines.append((row[at["key"]], *outlines[old_key]))
        for original, row in zip(rows, out, strict=True):
            doc = dst.execute(f"INSERT INTO docs({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                              row).lastrowid
            was = ids[original[at["key"]]]
            dst.execute("INSERT INTO targets SELECT ?, seq, kind, indicator, value, value_high, unit, qualifier, "
                        "themes, start, \"end\", text, sentence, section, area, hay FROM src.targets WHERE doc = ?",
                        (doc, was))
            dst.execute(f"INSERT INTO target_strings SELECT (? << {STRING_BITS}) | (id & ((1 << {STRING_BITS}) - 1)), "
                        f"folded, diff FROM src.target_strings WHERE id BETWEEN ? AND ?",
                        (doc, was << STRING_BITS, ((was + 1) << STRING_BITS) - 1))
            dst.execute("INSERT INTO target_themes SELECT theme, ?, seq FROM src.target_themes "
                        "WHERE theme IN (SELECT id FROM src.themes) AND doc = ?", (doc, was))
        dst.executemany("INSERT INTO outlines(key, adcode, sections) VALUES (?, ?, ?)", out_outlines)
        n += len(out)
    dst.commit()
    dst.execute("DETACH DATABASE src")
    targets = dst.execute("SELECT sum(n_targets) FROM docs").fetchone()[0]
    dst.execute("VACUUM")
    dst.close()
    (folder / "reports").symlink_to((source / "reports").absolute())
    info = {"reports": n, "targets": targets}
    marker.write_text(json.dumps(info))
    return info


def timed(fn, runs: int) -> dict[str, float]:
    walls, cpus = [], []
    for _ in range(runs):
        c, t = cpu(), time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(cpu() - c)
    return {"wall_ms": statistics.median(walls) * 1000, "cpu_ms": statistics.median(cpus) * 1000,
            "load": os.getloadavg()[0]}


def queries(folder: Path, runs: int, old: bool) -> dict[str, dict[str, float]]:
    from explorer import Library
    from explorer.library import TargetQuery

    lib = Library(folder)
    t = time.perf_counter()
    lib.target_count(TargetQuery())  # migration when the library was not opened before
    results: dict[str, dict[str, float]] = {"open+sync_ms": {"wall_ms": (time.perf_counter() - t) * 1000}}
    report = lib.reports()[len(lib) // 2].path
    cases = {
        "open report": TargetQuery(report=report),
        "all": TargetQuery(),
        "theme 就业": TargetQuery(themes=("就业",)),
        "theme 就业 + kind target": TargetQuery(themes=("就业",), kind="target"),
        "year 2020": TargetQuery(year_from=2020, year_to=2020),
        "text 绿地": TargetQuery(text="绿地"),
        "text 綠地 + theme 生态": TargetQuery(text="綠地", themes=("生态",)),
        "sort value desc": TargetQuery(sort="value", descending=True),
        "theme 就业, sort indicator": TargetQuery(themes=("就业",), sort="indicator"),
    }
    for name, q in cases.items():
        results[f"first page: {name}"] = timed(lambda q=q: lib.target_hits(q, limit=200), runs)
        results[f"count: {name}"] = timed(lambda q=q: lib.target_count(q), max(1, runs // 2))
    results["theme counts: all"] = timed(lambda: lib.target_theme_counts(), runs)
    results["theme counts: open report"] = timed(lambda: lib.target_theme_counts(report), runs)
    results["facets"] = timed(lambda: lib.target_facets(), runs)
    # Earlier versions: "page at offset 100,000" (OFFSET paging, gone); now the page after that row.
    row = next(itertools.islice(lib.iter_target_hits(TargetQuery()), 99_999, None))
    results["page after row 100,000 (all)"] = timed(lambda: lib.target_hits(TargetQuery(), after=row, limit=100), runs)

    def old_listing() -> None:
        from explorer.ui.models.targets import make_rows

        make_rows((info, t) for info, ts in lib.manifest.targets(None, None) for t in ts)

    if old:
        results["old: every target into Python rows (make_rows)"] = timed(old_listing, 1)
        results["Library.targets() (CLI, every target)"] = timed(lambda: lib.targets(), 1)
    lib.close()
    return results


PAGE_ROWS = 200  # what the panel asks for (ui/models/targets.py)
DEPTHS = (1, 10, 20, 50)


def paging(folder: Path, runs: int) -> dict[str, dict[str, float]]:
    """Time of page n (n in DEPTHS) and of pages 1..20 in turn; see the module text."""
    from explorer import Library
    from explorer.library import TargetQuery

    lib = Library(folder)
    keyset = "after" in inspect.signature(lib.target_hits).parameters
    print(json.dumps({"paging": "keyset (after the last row)" if keyset else "OFFSET"}), flush=True)
    results: dict[str, dict[str, float]] = {}
    cases = {
        "library order": TargetQuery(),
        "sort value": TargetQuery(sort="value"),
        "sort value desc": TargetQuery(sort="value", descending=True),
    }

    def page(q, n: int, after):
        if keyset:
            return lib.target_hits(q, after=after, limit=PAGE_ROWS)
        return lib.target_hits(q, (n - 1) * PAGE_ROWS, PAGE_ROWS)

    def scroll(q, pages: int) -> list:
        """The last row of each of the first `pages` pages, asked one after another."""
        lasts: list = []
        for n in range(1, pages + 1):
            rows = page(q, n, lasts[-1] if lasts else None)
            lasts.append(rows[-1] if rows else None)
        return lasts

    lib.target_count(TargetQuery())  # the connection opened and warm
    for name, q in cases.items():
        lasts = scroll(q, max(DEPTHS) - 1) if keyset else []
        for n in DEPTHS:
            after = lasts[n - 2] if keyset and n > 1 else None
            results[f"page {n}: {name}"] = timed(lambda q=q, n=n, after=after: page(q, n, after), runs)
        results[f"pages 1-20 in turn: {name}"] = timed(lambda q=q: scroll(q, 20), runs)
    lib.close()
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--work", type=Path, default=Path("/work/scratch/bench-scale"))
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-gui", action="store_true")
    ap.add_argument("--skip-migration", action="store_true")
    ap.add_argument("--skip-old", action="store_true", help="skip listing every target the old way")
    ap.add_argument("--paging-only", action="store_true", help="measure only the pages as the panel scrolls")
    args = ap.parse_args()
    folder = args.work / "library"
    t = time.perf_counter()
    info = build(args.source, folder, args.copies)
    print(json.dumps({"library": info, "build_s": time.perf_counter() - t}, ensure_ascii=False), flush=True)
    if not args.skip_migration:
        print(json.dumps({"migration": "none: format 4 has no targets to derive (see the module text)"}), flush=True)
    if not args.paging_only:
        for name, r in queries(folder, args.runs, not args.skip_old).items():
            print(json.dumps({name: r}, ensure_ascii=False), flush=True)
    for name, r in paging(folder, args.runs).items():
        print(json.dumps({name: r}, ensure_ascii=False), flush=True)
    if not args.skip_gui and not args.paging_only:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        out = subprocess.run([sys.executable, str(Path(__file__).with_name("bench_targets_gui.py")), str(folder),
                              "--runs", str(args.runs)], env=env, capture_output=True, text=True, check=False)
        sys.stdout.write(out.stdout)
        sys.stderr.write(out.stderr[-3000:])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

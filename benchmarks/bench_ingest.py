"""Time to ingest one report (read, clean, structure, metadata, outline, targets).

Usage: python benchmarks/bench_ingest.py [FILES...]   (default: the shared corpus, else the samples)
Prints, per file, the median of 7 runs after one warm-up (OpenCC and pypinyin load once per process,
as in the app), plus the one-off cold cost of the first file.

       python benchmarks/bench_ingest.py --big 50 [--source NAME|all] [--runs 3] [--out DIR]
Makes one text file of about 50 MB from a corpus report copied end to end (national_2024.txt
unless --source names another; `all`: every corpus report in turn, mojibake and GBK files
included, which makes cleaning run its second round), the same bytes on every run, written
outside the repository (/work/scratch/bigfile unless --out says otherwise), and prints the
wall and CPU seconds of each stage of one ingest, median of --runs.
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
    if argv[:1] == ["--big"]:
        big_main(argv[1:])
        return
    files = [Path(a) for a in argv] or sorted((ROOT.parent / "shared" / "corpus").glob("*/*.txt")) or sorted(
        (ROOT / "explorer" / "resources" / "samples").glob("*.txt")
    )
    t0 = time.perf_counter()
    from explorer.core.ingest import load_report

    load_report(files[0])
    cold = time.perf_counter() - t0
    print(f"# {platform.processor() or platform.machine()}, Python {platform.python_version()}, {len(files)} files")
    print(f"cold first ingest (imports, OpenCC, pypinyin): {cold * 1000:.0f} ms")
    print(f"{'file':40} {'chars':>7} {'median ms':>10} {'max ms':>8} {'CPU ms':>8}")
    medians = []
    cpu_medians = []  # CPU time: on a shared machine the wall time is mostly other jobs'
    for f in files:
        runs = []
        cpu_runs = []
        for _ in range(7):
            s, c = time.perf_counter(), time.process_time()
            r = load_report(f)
            runs.append(time.perf_counter() - s)
            cpu_runs.append(time.process_time() - c)
        med = statistics.median(runs)
        medians.append(med)
        cpu_medians.append(statistics.median(cpu_runs))
        print(f"{f.name[:40]:40} {len(r.raw_text):7d} {med * 1000:10.1f} {max(runs) * 1000:8.1f} "
              f"{cpu_medians[-1] * 1000:8.1f}")
    print(f"median over files: {statistics.median(medians) * 1000:.1f} ms; slowest file: {max(medians) * 1000:.1f} ms")
    print(f"CPU: median over files {statistics.median(cpu_medians) * 1000:.1f} ms; "
          f"slowest file {max(cpu_medians) * 1000:.1f} ms")


BIG_DIR = Path("/work/scratch/bigfile")


def corpus_reports() -> list[Path]:
    corpus = ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        corpus = Path("/work/shared/corpus")
    files = sorted(corpus.glob("*/*.txt")) or sorted((ROOT / "explorer" / "resources" / "samples").glob("*.txt"))
    return [f for f in files if not f.name.startswith("LICENSE")]


def make_big_file(megabytes: int, out_dir: Path, source: str = "national_2024.txt") -> Path:
    """Whole corpus reports (decoded, "\\n" line ends; `source` or, for "all", every one in
    sorted order) again and again until the file holds `megabytes` MB of UTF-8:
    deterministic, so runs and machines compare."""
    from explorer.core.read.files import decode_bytes

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"big_{megabytes}mb_{Path(source).stem}.txt"
    chosen = [f for f in corpus_reports() if source in ("all", f.name)]
    if not chosen:
        raise SystemExit(f"no corpus report named {source}")
    texts = []
    for f in chosen:
        text, _enc = decode_bytes(f.read_bytes())
        texts.append((text.replace("\r\n", "\n").rstrip("\n") + "\n\n").encode("utf-8"))
    target = megabytes * 1024 * 1024
    parts: list[bytes] = []
    size = i = 0
    while size < target:
        parts.append(texts[i % len(texts)])
        size += len(parts[-1])
        i += 1
    data = b"".join(parts)[:target]
    data = data[: data.rfind(b"\n") + 1]  # end on a whole line
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
    return path


def ingest_by_stage(path: Path) -> dict[str, tuple[float, float]]:
    """One load_report, stage by stage as ingest.py strings them: {stage: (wall s, CPU s)},
    the cleaning fixers each on their own line (summed over the rounds clean() makes)."""
    from explorer.core.clean import pipeline
    from explorer.core.clean.structure import repair_structure
    from explorer.core.describe.metadata import extract_metadata
    from explorer.core.describe.outline import build_outline
    from explorer.core.read.files import read_file
    from explorer.core.targets.extract import extract_targets

    times: dict[str, tuple[float, float]] = {}

    def timed(name, fn, *args):
        w, c = time.perf_counter(), time.process_time()
        out = fn(*args)
        dw, dc = time.perf_counter() - w, time.process_time() - c
        before = times.get(name, (0.0, 0.0))
        times[name] = (before[0] + dw, before[1] + dc)
        return out

    original = pipeline._PIPELINE
    pipeline._PIPELINE = tuple(
        (name, lambda t, c, f, name=name, fixer=fixer: timed("clean." + name, fixer, t, c, f)) for name, fixer in original
    )
    try:
        decoded = timed("read", read_file, path)
        cleaned = timed("clean", pipeline.clean, decoded.text)
    finally:
        pipeline._PIPELINE = original
    text, _counts = timed("structure", repair_structure, cleaned.text)
    meta = timed("metadata", extract_metadata, text, cleaned.portal, str(path), decoded.title)
    sections = timed("outline", build_outline, text)
    timed("targets", lambda: extract_targets(
        text, sections, year=meta.year, region=meta.region, folded=cleaned.folds.text(text)))
    times["total"] = tuple(sum(times[k][i] for k in times if "." not in k) for i in (0, 1))  # type: ignore[assignment]
    return times


def big_main(argv: list[str]) -> None:
    import argparse
    import os

    ap = argparse.ArgumentParser(prog="bench_ingest.py --big")
    ap.add_argument("megabytes", type=int)
    ap.add_argument("--source", default="national_2024.txt")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=BIG_DIR)
    args = ap.parse_args(argv)
    path = make_big_file(args.megabytes, args.out, args.source)
    from explorer.core.ingest import load_report

    load_report(corpus_reports()[0])  # imports, OpenCC and pypinyin, as in a running app
    print(f"# {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.2f} at start")
    print(f"# {path} ({path.stat().st_size / 1e6:.1f} MB), median of {args.runs} runs")
    runs = [ingest_by_stage(path) for _ in range(args.runs)]
    print(f"{'stage':22} {'wall s':>8} {'CPU s':>8}")
    for stage in runs[0]:
        wall = statistics.median(r[stage][0] for r in runs)
        cpu = statistics.median(r[stage][1] for r in runs)
        print(f"{stage:22} {wall:8.2f} {cpu:8.2f}")
    print(f"# load average {os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    main(sys.argv[1:])

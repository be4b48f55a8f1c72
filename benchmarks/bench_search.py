"""Search benchmark: a synthetic library of 1,000 (or 10,000) reports, Report Explorer with
each search engine vs ripgrep vs Recoll.

    python benchmarks/bench_search.py [--work DIR] [--reports 1000] [--runs 5] [--skip-full]
                                      [--engine whoosh|tantivy]

1. Builds (once per --work; fixed seed, so byte-identical on every machine) a corpus of about
   50 KB per report: a title plus paragraphs drawn from the sample reports (and
   ../shared/corpus/extra when present), with its own city, year and perturbed figures.
   The first 1,000 reports of a 10,000-report corpus are the 1,000-report corpus. Keep
   --work outside the repository (default /tmp/report-explorer-bench).
2. Report Explorer, with --engine: the full index as a new `report-explorer index` process
   (wall and CPU seconds, peak memory of the process and its workers), library size,
   first search after opening, in-process query p50/p95 over a fixed mix of 40 queries
   (median over --runs rounds), re-index after changing one file, cold CLI search (a fresh
   `report-explorer search` process, median of --runs).
3. Side by side, when installed: ripgrep (`rg -F -c`) over the same normalized text
   (the library's folded clean text, exported), and Recoll (recollindex / recollq) over the
   same corpus folder. A missing competitor is reported as skipped.

The load average is recorded with each stage: the machine may be shared.
Writes results-<engine>.json in --work and prints the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from explorer.core.read.files import read_file  # noqa: E402
from explorer.resources import sample_paths  # noqa: E402

SEED = 20240601
EXTRA = ROOT.parent / "shared" / "corpus" / "extra"
CITIES = [
    "常州", "镇江", "无锡", "苏州", "南京", "扬州", "泰州", "南通", "盐城", "淮安", "宿迁", "连云港",
    "徐州", "杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "合肥", "芜湖", "成都", "绵阳",
    "武汉", "宜昌", "长沙", "株洲", "郑州", "洛阳", "济南", "青岛", "烟台", "福州", "厦门", "泉州",
    "广州", "深圳", "佛山", "东莞",
]
KNOWN_PLACES = re.compile("常州|镇江|鎮江|无锡|無錫|上海|四川|海拉尔|海拉爾|呼伦贝尔|钟楼|鐘樓|武进|武進")
NUMBER = re.compile(r"\d+(?:\.\d+)?")

# 40 queries: common and rare words, single characters, both scripts, Latin and numbers,
# AND, OR, NOT, phrases, filters.
QUERIES = [
    "就业", "就業", "发展", "高质量发展", "城镇新增就业", "再就业", "镇", "鎮", "%", "PM2.5",
    "5G", "碳达峰", "乡村振兴", "营商环境", "数字经济", "长三角一体化", "养老服务", "垃圾分类",
    "一个不存在的词", "常州", "就业 创业", "教育 医疗 养老", "就业 OR 创业", "养老 OR 医保 OR 学校",
    "生态 -太湖", "就业 -疫情 -新冠", '"城镇 新增"', "教育 year:2021", "就业 year:2018..2022",
    "生态 region:常州", "region:苏州", "theme:就业 亿元", "type:政府工作报告 现代化", "現代化 數字經濟",
    "高質量發展 OR 營商環境", "亿元 万人", "智能制造 -year:2020", "科技创新 region:无锡 year:2019..2023",
    "人", "新型城镇化",
]


# -- corpus -------------------------------------------------------------------------------


def _paragraph_pool() -> list[str]:
    sources = list(sample_paths()) + (sorted(EXTRA.glob("*.txt")) if EXTRA.is_dir() else [])
    pool: list[str] = []
    for p in sources:
        for line in read_file(p).text.splitlines():
            # Long lines (a report with its line breaks lost) become paragraphs of a few
            # sentences, so that every report mixes many sources.
            para = ""
            for sentence in re.findall(r"[^。]+。?", line.strip()):
                para += sentence
                if len(para) >= 150:
                    pool.append(para)
                    para = ""
            if len(para) >= 20 and re.search(r"[\u4e00-\u9fff]", para):
                pool.append(para)
    return pool


def _perturb(rng: random.Random, m: re.Match[str]) -> str:
    s = m.group()
    if rng.random() < 0.5 or len(s) > 8:
        return s
    if "." in s:
        decimals = len(s.split(".")[1])
        return f"{float(s) * rng.uniform(0.5, 1.5):.{decimals}f}"
    return str(max(1, round(int(s) * rng.uniform(0.5, 1.5))))


def build_corpus(folder: Path, n_reports: int) -> dict[str, object]:
    marker = folder / "CORPUS_DONE"
    if marker.exists():
        return json.loads(marker.read_text(encoding="utf-8"))
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rng = random.Random(SEED)
    pool = _paragraph_pool()
    total = 0
    for i in range(n_reports):
        city = rng.choice(CITIES)
        year = rng.randint(2012, 2025)
        kind = rng.choice(["政府工作报告", "政府工作报告", "政府工作报告", "重点工作", "民生实事"])
        target = rng.randint(35_000, 65_000)  # bytes of UTF-8, ~50 KB on average
        lines = [f"{city}市人民政府", f"{year}年{city}市{kind}", ""]
        size = sum(len(x.encode()) + 1 for x in lines)
        while size < target:
            para = KNOWN_PLACES.sub(city, rng.choice(pool))
            para = NUMBER.sub(lambda m: _perturb(rng, m), para)
            lines.append(para)
            size += len(para.encode()) + 1
        data = "\n".join(lines).encode("utf-8")
        sub = folder / f"{i // 100:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{year}_{city}_{i:04d}.txt").write_bytes(data)
        total += len(data)
    info = {"reports": n_reports, "bytes": total, "seed": SEED, "paragraphs": len(pool)}
    marker.write_text(json.dumps(info), encoding="utf-8")
    return info


# -- helpers ------------------------------------------------------------------------------


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def load() -> float:
    return os.getloadavg()[0]


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and all its descendants (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(stat.rsplit(")", 1)[1].split()[1])
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[pid] = int(line.split()[1]) * 1024
    tree, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        kids = [c for c, parent in parents.items() if parent == p and c not in tree]
        tree.update(kids)
        frontier.extend(kids)
    return sum(rss.get(p, 0) for p in tree)


def run_measured(cmd: list[str], **kw: object) -> dict[str, float]:
    """Run `cmd`; wall seconds, CPU seconds (it and its children), peak resident memory of
    its process tree (sampled every 0.2 s), load average at the start and the end."""
    import resource
    import threading

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start_load = load()
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)  # type: ignore[call-overload]
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _out, err = proc.communicate()
    wall = time.perf_counter() - t
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} failed: {err.decode(errors='replace')[-1000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu, "peak_bytes": peak[0], "load_start": start_load, "load_end": load()}


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def ms(x: float) -> str:
    return f"{x * 1000:.1f} ms"


# -- Report Explorer ------------------------------------------------------------------------


def bench_explorer(corpus: Path, work: Path, runs: int, skip_full: bool, engine: str) -> dict[str, object]:
    from explorer.library import Library
    from explorer.library.engines import FOLDERS

    lib_dir = work / f"library-{engine}"
    out: dict[str, object] = {"engine": engine}
    if not skip_full or not lib_dir.exists():
        if lib_dir.exists():
            shutil.rmtree(lib_dir)
        out["index"] = run_measured(
            [sys.executable, "-m", "explorer", "index", str(corpus), "--library", str(lib_dir),
             "--engine", engine, "-q"], cwd=ROOT,
        )
    lib = Library(lib_dir)
    out["reports"] = len(lib)
    out["workers"] = lib.workers
    out["size_bytes"] = du(lib_dir)
    out["index_bytes"] = du(lib_dir / FOLDERS[engine])
    out["sqlite_bytes"] = sum(f.stat().st_size for f in lib_dir.glob("library.sqlite*"))
    out["reports_bytes"] = du(lib_dir / "reports")
    db = lib.manifest.db()
    # The text columns of docs (format 3 had the targets JSON there, format 4 the raw text).
    present = {r[1] for r in db.execute("PRAGMA table_info(docs)")}
    columns = [c for c in ("folded", "script", "raw", "targets") if c in present]
    out["sqlite_columns_bytes"] = dict(zip(
        columns,
        db.execute(f"SELECT {', '.join(f'sum(length({c}))' for c in columns)} FROM docs").fetchone(),
        strict=True,
    ))
    lib.close()

    # First search after opening: a new Library (manifest, ranking table, engine opened).
    t = time.perf_counter()
    lib = Library(lib_dir)
    lib.search("就业 创业", limit=20)
    out["first_search_after_open_s"] = time.perf_counter() - t
    out["load_queries"] = load()

    # Queries: the first round is the first use in this process (searcher opening, caches).
    first = []
    for q in QUERIES:
        t = time.perf_counter()
        lib.search(q, limit=20)
        first.append(time.perf_counter() - t)
    rounds: list[list[float]] = []
    totals = {}
    for _ in range(runs):
        times = []
        for q in QUERIES:
            t = time.perf_counter()
            found = lib.search(q, limit=20)
            times.append(time.perf_counter() - t)
            totals[q] = found.total
        rounds.append(times)
    per_query = [statistics.median(r[i] for r in rounds) for i in range(len(QUERIES))]
    out["query_first_p50"] = pct(first, 0.5)
    out["query_first_p95"] = pct(first, 0.95)
    out["query_p50"] = pct(per_query, 0.5)
    out["query_p95"] = pct(per_query, 0.95)
    out["query_max"] = max(per_query)
    out["slowest"] = sorted(zip(per_query, QUERIES, strict=True), reverse=True)[:5]
    out["totals"] = totals

    # One changed file (in this process, as the app's re-index of a watched folder would).
    victim = sorted(corpus.rglob("*.txt"))[len(QUERIES)]
    original = victim.read_bytes()
    lines = original.decode("utf-8").split("\n")
    changed = "\n".join([*lines[:3], "基准测试改动的一段话。", *lines[3:]]).encode()
    try:
        victim.write_bytes(changed)
        t = time.perf_counter()
        s = lib.index([corpus])
        out["one_changed_s"] = time.perf_counter() - t
        assert s.updated == 1, s
        assert lib.search("基准测试改动的一段话").total == 1
    finally:
        victim.write_bytes(original)
        lib.index([corpus])
    t = time.perf_counter()
    s = lib.index([corpus])
    out["nothing_changed_s"] = time.perf_counter() - t
    lib.close()

    # Cold CLI: a new process each time (OS file cache warm, as after any earlier use).
    cold = []
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(
            [sys.executable, "-m", "explorer", "search", "就业 创业", "--library", str(lib_dir), "--json"],
            capture_output=True, cwd=ROOT,
        )
        cold.append(time.perf_counter() - t)
        assert r.returncode == 0, r.stderr
    out["cold_cli_median"] = statistics.median(cold)
    out["cold_cli_all"] = cold
    return out


def export_normalized(work: Path, engine: str) -> Path:
    """The library's folded clean text, one file per report, for ripgrep."""
    import sqlite3

    from explorer.library.textpack import unpack_folded

    folder = work / "normalized"
    if (folder / "DONE").exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    db = sqlite3.connect(str(work / f"library-{engine}" / "library.sqlite"))
    for key, folded in db.execute("SELECT key, folded FROM docs"):
        (folder / f"{key}.txt").write_text(unpack_folded(folded), encoding="utf-8")
    db.close()
    (folder / "DONE").touch()
    return folder


def _rg_terms(q: str) -> list[str]:
    from explorer.search.query import parse

    return [lit.text for lit in parse(q).literals()] or ["的"]


def bench_ripgrep(work: Path, runs: int, engine: str) -> dict[str, object]:
    rg = shutil.which("rg")
    if not rg:
        return {"skipped": "ripgrep (rg) not installed"}
    folder = export_normalized(work, engine)
    rounds = []
    for _ in range(runs):
        times = []
        for q in QUERIES:
            # One rg per positive term (AND/OR are combined by the caller): literal, counted.
            t = time.perf_counter()
            for term in _rg_terms(q):
                subprocess.run([rg, "-F", "-c", "--no-messages", term, str(folder)], capture_output=True)
            times.append(time.perf_counter() - t)
        rounds.append(times)
    per_query = [statistics.median(r[i] for r in rounds) for i in range(len(QUERIES))]
    return {"query_p50": pct(per_query, 0.5), "query_p95": pct(per_query, 0.95),
            "query_median": statistics.median(per_query), "load": load()}


def bench_recoll(corpus: Path, work: Path, runs: int, skip_full: bool) -> dict[str, object]:
    recollindex, recollq = shutil.which("recollindex"), shutil.which("recollq")
    if not (recollindex and recollq):
        return {"skipped": "recoll (recollindex/recollq) not installed"}
    conf = work / "recoll"
    out: dict[str, object] = {}
    if not skip_full or not (conf / "xapiandb").exists():
        if conf.exists():
            shutil.rmtree(conf)
        conf.mkdir()
        (conf / "recoll.conf").write_text(
            f"topdirs = {corpus}\ndefaultcharset = UTF-8\nindexStemmingLanguages =\n", encoding="utf-8"
        )
        try:
            out["index"] = run_measured([recollindex, "-c", str(conf), "-z"])
        except RuntimeError as exc:
            return {"skipped": f"recollindex failed: {exc}"}
    out["size_bytes"] = du(conf / "xapiandb")
    rounds = []
    for _ in range(runs):
        times = []
        for q in QUERIES:
            terms = " ".join(f'"{t}"' for t in _rg_terms(q))
            t = time.perf_counter()
            subprocess.run([recollq, "-c", str(conf), "-n", "20", "-q", terms], capture_output=True)
            times.append(time.perf_counter() - t)
        rounds.append(times)
    per_query = [statistics.median(r[i] for r in rounds) for i in range(len(QUERIES))]
    out["query_p50"] = pct(per_query, 0.5)
    out["query_p95"] = pct(per_query, 0.95)
    out["load"] = load()
    return out


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores {cpu}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/report-explorer-bench"))
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-full", action="store_true", help="reuse existing indexes (queries only)")
    ap.add_argument("--only", choices=["explorer", "ripgrep", "recoll"], action="append")
    ap.add_argument("--engine", choices=["whoosh", "tantivy"], default="whoosh")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    corpus = args.work / "corpus"
    t = time.perf_counter()
    info = build_corpus(corpus, args.reports)
    print(f"corpus: {info} ({time.perf_counter() - t:.1f} s)", file=sys.stderr)
    only = set(args.only or ["explorer", "ripgrep", "recoll"])
    results: dict[str, object] = {"machine": machine(), "corpus": info, "queries": QUERIES}
    if "explorer" in only:
        results["explorer"] = bench_explorer(corpus, args.work, args.runs, args.skip_full, args.engine)
        print(json.dumps(results["explorer"], ensure_ascii=False, default=str), file=sys.stderr)
    if "ripgrep" in only:
        results["ripgrep"] = bench_ripgrep(args.work, args.runs, args.engine)
        print(json.dumps(results["ripgrep"]), file=sys.stderr)
    if "recoll" in only:
        results["recoll"] = bench_recoll(corpus, args.work, args.runs, args.skip_full)
        print(json.dumps(results["recoll"]), file=sys.stderr)
    name = f"results-{args.engine}-{'-'.join(sorted(only))}.json"
    (args.work / name).write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str))
    print(f"machine: {results['machine']}")
    print(f"corpus: {info['reports']} reports, {info['bytes'] / 1e6:.1f} MB")
    ex = results.get("explorer", {})
    assert isinstance(ex, dict)
    for name, value in ex.items():
        if isinstance(value, float):
            print(f"explorer {name}: {ms(value) if value < 10 else f'{value:.1f} s'}")
        elif name.endswith("bytes") and isinstance(value, int):  # not the per-column dict
            print(f"explorer {name}: {int(value) / 1e6:.1f} MB")  # type: ignore[call-overload]
    for other in ("ripgrep", "recoll"):
        print(f"{other}: {results.get(other)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

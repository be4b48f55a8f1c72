"""kill -9 at random moments of `report-explorer index`, then a clean finish.

Each round starts the CLI on the same folder (some rounds after a file changed, so that
updates and removals are interrupted too) and kills it at a random moment drawn from a
fixed seed. After the rounds one run completes; the library must then equal a clean
index of the same files: same reports and metadata, same search totals and spans, no
leftover report files, the index and the manifest holding the same reports. For each
engine; and once with every round moving the library to the other engine
(`index --engine`), so that moves are killed half-way in both directions.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer.library import Library, engines
from tests.robustness.conftest import make_guard, run_cli
from tests.robustness.hostile import corpus_text

ROUNDS = 15
SEED = 20260606
FILES = [
    "001_f884b8c2acd53f6d.txt",
    "003_b38180b7f8c54865.txt",
    "004_1a0878056af8613d.txt",
    "district_hailaer_2012.gbk.txt",
    "district_hailaer_2013.gbk.txt",
    "national_2024.txt",
]
QUERIES = ["就业", "高质量发展", "year:2021..2024 教育", "region:海拉尔", "-就业 生态", '"城镇新增就业"']


def _state(lib: Library) -> dict[str, object]:
    reports = [(r.path, r.title, r.region, r.year, r.doc_type, r.n_targets, r.n_chars) for r in lib.reports()]
    searches = {}
    for q in QUERIES:
        found = lib.search(q, limit=0)
        searches[q] = (found.total, sorted((h.path, h.hits, h.spans) for h in found.results))
    targets = sorted((i.path, t.start, t.end, t.text) for i, t in lib.targets())
    return {"reports": reports, "searches": searches, "targets": targets}


def _check_consistent(lib_dir: Path) -> None:
    """No report file without a manifest row and the reverse; the index = the manifest."""
    lib = Library(lib_dir, workers=1)
    rows = dict(lib._db().execute("SELECT key, report_file FROM docs").fetchall())
    files = {p.name for p in (lib_dir / "reports").iterdir()}
    assert set(rows.values()) == files, f"orphans: {files - set(rows.values())}, missing: {set(rows.values()) - files}"
    ix = engines.make_engine(lib_dir, lib.engine)
    assert ix.open()
    assert ix.keys() == set(rows), f"the {lib.engine} index and the manifest disagree"
    ix.close()
    lib.close()


def _start(data: Path, lib_dir: Path, env: dict[str, str], cwd: Path, engine: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "explorer.cli", "index", str(data), "--library", str(lib_dir), "-q",
         "--engine", engine],
        cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill reaches ingest workers too
    )


@pytest.mark.parametrize("engine", ["whoosh", "tantivy", "moving"])
def test_kill_9_during_index_then_repair(tmp_path: Path, engine: str) -> None:
    """engine "moving": each round asks for the other engine than the last one."""
    rng = random.Random(SEED)
    data = tmp_path / "data"
    data.mkdir()
    texts = {name: corpus_text(name) for name in FILES}
    for name, text in texts.items():
        (data / name).write_text(text, encoding="utf-8")
    lib_dir = tmp_path / "lib"
    guard = make_guard(tmp_path / "guard")
    # One report per commit: many commit points to be interrupted between and inside.
    env = guard.env(REPORT_EXPLORER_BATCH="1", REPORT_EXPLORER_WORKERS="1")

    # How long an uninterrupted run takes here sets the window the kills are drawn from:
    # a first run reads every file, the rounds' runs read two (and may move the library).
    timing = tmp_path / "timing"
    shutil.copytree(data, timing)
    runs = []
    for n, name in enumerate(("whoosh" if engine == "moving" else engine, "tantivy" if engine == "moving" else engine)):
        if n:
            for changed in FILES[:2]:
                (timing / changed).write_text(texts[changed] + "\n补充说明。", encoding="utf-8")
        t0 = time.monotonic()
        done = run_cli(["index", str(timing), "--library", str(tmp_path / "timing-lib"), "-q", "--engine", name],
                       guard, tmp_path, timeout=300, REPORT_EXPLORER_BATCH="1", REPORT_EXPLORER_WORKERS="1")
        runs.append(time.monotonic() - t0)
        assert done.returncode == 0, done.stderr
    full = max(runs[1], runs[0] / 2)

    killed_mid_run = 0
    for i in range(ROUNDS):
        # Work for every run, of every kind: changed files (update, old version deleted),
        # a file gone (removal) and back (addition).
        for name in rng.sample(FILES, 2):
            texts[name] += f"\n补充说明第{i}条。"
            (data / name).write_text(texts[name], encoding="utf-8")
        gone = data / FILES[i % len(FILES)]
        if i % 4 == 3:
            gone.unlink()
        wanted = ("tantivy" if i % 2 else "whoosh") if engine == "moving" else engine
        proc = _start(data, lib_dir, env, tmp_path, wanted)
        time.sleep(rng.uniform(0.05, full * 0.8))
        if proc.poll() is None:
            killed_mid_run += 1
            os.killpg(proc.pid, signal.SIGKILL)
        try:
            _out, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            pytest.fail(f"round {i}: the index run did not stop")
        if proc.returncode == 0:
            assert b"Traceback" not in err, err.decode()[-2000:]
        elif proc.returncode != -signal.SIGKILL:
            pytest.fail(f"round {i}: exit {proc.returncode} after an earlier kill:\n{err.decode()[-2000:]}")
        if not gone.exists():
            gone.write_text(texts[gone.name], encoding="utf-8")
    print(f"\n{ROUNDS} rounds, {killed_mid_run} killed mid-run (a clean run takes {full:.1f} s)")
    assert killed_mid_run >= ROUNDS // 3  # the kills did land inside runs

    final = run_cli(["index", str(data), "--library", str(lib_dir)], guard, tmp_path, timeout=300)
    assert final.returncode == 0 and "Traceback" not in final.stderr, final.stderr[-2000:]
    _check_consistent(lib_dir)
    settled = Library(lib_dir, workers=1).engine_choice
    assert settled.engine == settled.wanted, "a move is still pending after a finished run"
    assert [p.name for p in lib_dir.iterdir() if p.name.startswith("index") and p.is_dir()] == [
        engines.FOLDERS[settled.engine]], "another engine's folder is left"
    # Nothing is re-read a second time: the repaired library is settled.
    again = Library(lib_dir, workers=1).index([data])
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, len(FILES))

    clean_dir = tmp_path / "clean"
    Library(clean_dir, workers=1).index([data])
    assert _state(Library(lib_dir, workers=1)) == _state(Library(clean_dir, workers=1))


def test_cancelled_index_leaves_no_stray_report_files(tmp_path: Path) -> None:
    """Cancel mid-run with the worker pool on: committed reports stay, what the workers
    stored for reports the run never took is deleted (not left for a next run that may
    never come), and the library is consistent."""
    from tests.conftest import CORPUS_FILES

    data = tmp_path / "data"
    data.mkdir()
    for name in CORPUS_FILES:
        (data / name).write_text(corpus_text(name), encoding="utf-8")
    lib = Library(tmp_path / "lib", workers=2)
    seen: list[int] = []
    summary = lib.index([data], progress=lambda p: seen.append(p.done), cancel=lambda: len(seen) >= 3)
    assert summary.cancelled
    assert 1 <= len(lib) < len(CORPUS_FILES)
    _check_consistent(tmp_path / "lib")

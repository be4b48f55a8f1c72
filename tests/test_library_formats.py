"""Older manifest formats (library/formats.py): a format-3 library made by the previous
version (tests/data/format3, from the bundled samples) converted to format 4 answers every
question as a library indexed afresh from the same reports does; a conversion killed at any
point opens and finishes; cancel and progress; a read-only format-3 library is read as it is."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.core.fingerprint import pipeline_fingerprint
from explorer.core.targets.indicators import current_indicators
from explorer.library import Library, TargetQuery, formats
from explorer.library.store import LIBRARY_FORMAT
from explorer.resources import sample_paths

FIXTURE = Path(__file__).parent / "data" / "format3"
ROOT = Path(__file__).resolve().parents[1]
QUERIES = ["就业", "就業", "发展 -生态", '"城镇新增就业"', "镇", "year:2021", "theme:就业 亿元", "PM2.5", "人"]
PANEL = [
    TargetQuery(), TargetQuery(themes=("就业",)), TargetQuery(themes=("教育",), kind="target"),
    TargetQuery(text="万人"), TargetQuery(text="綠地"), TargetQuery(text="鎮江"), TargetQuery(region_contains="常州"),
    TargetQuery(sort="value"), TargetQuery(sort="indicator", descending=True), TargetQuery(sort="themes"),
    TargetQuery(sort="report"), TargetQuery(sort="year", descending=True), TargetQuery(themes=("生态",), sort="value"),
]


def format3_copy(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copytree(FIXTURE / "reports", folder / "reports")
    (folder / "library.sqlite").write_bytes(gzip.decompress((FIXTURE / "library.sqlite.gz").read_bytes()))
    db = sqlite3.connect(folder / "library.sqlite")
    made_with = {r[0] for r in db.execute("SELECT DISTINCT pipeline FROM docs")}
    db.close()
    # The conversion keeps the stored reports; "answers as a fresh library" holds only for
    # reports the current pipeline would make.
    assert made_with == {pipeline_fingerprint()}, (
        f"the fixture's reports were made by pipeline {made_with}, not {pipeline_fingerprint()}: "
        "remake it as tests/data/format3/README.md says"
    )
    return folder


def version(folder: Path) -> int:
    db = sqlite3.connect(folder / "library.sqlite")
    try:
        return db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        db.close()


def answers(lib: Library, ranked: bool = True) -> dict[str, object]:
    """What a user can ask, report paths reduced to file names (the fixture's reports were
    stored from another folder). ranked False: search results in path order (a library
    without its index ranks otherwise)."""
    name = os.path.basename
    out: dict[str, object] = {}
    for q in QUERIES:
        r = lib.search(q, limit=0)
        found = [(name(x.path), x.hits, x.spans) for x in r.results]
        out[f"search {q}"] = (r.total, found if ranked else sorted(found))
    for info in lib.reports():
        report = lib.report(info.path)
        data = report.to_json(raw=True)
        del data["path"]
        out[f"report {name(info.path)}"] = (data, info.n_targets)
    for q in PANEL:
        page = [(name(h.path), h.title, h.region, h.year, h.target) for h in lib.target_hits(q, limit=50)]
        rest = [(name(h.path), h.target.start) for h in lib.iter_target_hits(q)]
        out[f"panel {q}"] = (lib.target_count(q), page, rest)
    out["themes"] = lib.target_theme_counts()
    out["cli targets"] = sorted((name(i.path), t.start, t.indicator) for i, t in lib.targets(themes=["就业"]))
    indicators = current_indicators()
    counts = lib.indicator_counts(indicators.match_text)
    out["compare"] = counts.counts
    out["compare figures"] = {
        n: sorted((name(i.path), t.start, t.value) for i, t in lib.indicator_targets(indicators.match_text, n, counts.reports[n]))
        for n in sorted(counts.counts)
    }
    return out


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict[str, object]:
    """The answers of a format-4 library indexed from the same sample reports."""
    folder = tmp_path_factory.mktemp("fresh")
    for p in sample_paths():
        shutil.copy(p, folder / Path(p).name)
    with Library(folder / "lib", workers=1) as lib:
        lib.index([str(folder / Path(p).name) for p in sample_paths()])
        return answers(lib)


def test_a_format_3_library_converted_answers_as_a_fresh_one(tmp_path, fresh):
    folder = format3_copy(tmp_path / "lib")
    seen = []
    with Library(folder, workers=1, progress=lambda done, total: seen.append((done, total))) as lib:
        assert version(folder) == LIBRARY_FORMAT
        assert answers(lib) == fresh
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    # The report files lost their copy of the targets (the table holds them) and nothing
    # of the conversion is left behind.
    for f in (folder / "reports").iterdir():
        assert not {"targets", "raw_text"} & set(json.loads(gzip.decompress(f.read_bytes())))
    db = sqlite3.connect(folder / "library.sqlite")
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    columns = {r[1] for r in db.execute("PRAGMA table_info(docs)")}
    db.close()
    assert not names & {"docs_4", "vacuum_due", "target_docs"} and "targets" not in columns
    assert {"id", "label"} <= columns


def test_a_cancelled_conversion_goes_on_at_the_next_open(tmp_path, fresh, monkeypatch):
    folder = format3_copy(tmp_path / "lib")
    monkeypatch.setattr(formats, "UPGRADE_BATCH", 2)
    seen = []
    with pytest.raises(formats.UpgradeCancelled):
        Library(folder, workers=1, progress=lambda d, t: seen.append(d), cancel=lambda: len(seen) > 1)
    assert seen == [0, 2] and version(folder) == 3
    with Library(folder, workers=1) as lib:
        assert answers(lib) == fresh


_KILLER = """
import os, signal, sys
from explorer.library import Library, formats

formats.UPGRADE_BATCH = 1
point, after = sys.argv[2], int(sys.argv[3])
calls = []

def kill_at(name):
    def hook(*args, **kw):
        calls.append(1)
        if len(calls) > after:
            os.kill(os.getpid(), signal.SIGKILL)
        return real[name](*args, **kw)
    return hook

real = {"_slim_report_file": formats._slim_report_file, "vacuum": formats.vacuum}
setattr(formats, point, kill_at(point))
Library(sys.argv[1], workers=1)
"""


@pytest.mark.parametrize("point,after", [
    ("_slim_report_file", 0),  # inside the first batch, its first file rewritten
    ("_slim_report_file", 3),  # inside the fourth batch: three committed
    ("vacuum", 0),  # converted, before the VACUUM
])
def test_a_conversion_killed_at_any_point_opens_and_finishes(tmp_path, fresh, point, after):
    folder = format3_copy(tmp_path / "lib")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _KILLER, str(folder), point, str(after)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert version(folder) == (LIBRARY_FORMAT if point == "vacuum" else 3)
    with Library(folder, workers=1) as lib:
        assert answers(lib) == fresh
    db = sqlite3.connect(folder / "library.sqlite")
    assert not db.execute("SELECT count(*) FROM sqlite_master WHERE name IN ('vacuum_due', 'docs_4')").fetchone()[0]
    named = {r[0] for r in db.execute("SELECT report_file FROM docs")}
    db.close()
    assert {f.name for f in (folder / "reports").iterdir()} == named  # no file left over


def test_a_read_only_format_3_library_is_read_as_it_is(tmp_path, fresh, monkeypatch):
    # A read-only medium (no search index either: every report is checked on its text).
    # os.access says so: tests run as root, whom chmod does not stop.
    real_access = os.access
    folder = format3_copy(tmp_path / "ro")
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == folder and mode == os.W_OK
                        else real_access(p, mode))
    before = (folder / "library.sqlite").read_bytes()
    lib = Library(folder, workers=1)
    try:
        assert lib.read_only
        want = {k: (v[0], sorted(v[1])) if k.startswith("search ") else v for k, v in fresh.items()}  # type: ignore[index]
        assert answers(lib, ranked=False) == want
    finally:
        lib.close()
    assert version(folder) == 3 and (folder / "library.sqlite").read_bytes() == before


def test_a_read_only_format_2_library_is_refused_with_a_reason(tmp_path, monkeypatch):
    folder = format3_copy(tmp_path / "lib")
    db = sqlite3.connect(folder / "library.sqlite")
    db.execute("PRAGMA user_version=2")
    db.close()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == folder and mode == os.W_OK
                        else real_access(p, mode))
    with pytest.raises(formats.LibraryError, match="format 2"):
        Library(folder, workers=1)


def test_the_cli_converts_with_its_progress_on_stderr(tmp_path, fresh):
    folder = format3_copy(tmp_path / "lib")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "explorer", "search", "就业", "--library", str(folder), "--json"],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "converting the library" in done.stderr and "5/5 reports (100%)" in done.stderr
    out = json.loads(done.stdout)
    assert out["total"] == fresh["search 就业"][0]  # type: ignore[index]
    assert version(folder) == LIBRARY_FORMAT
    again = subprocess.run([sys.executable, "-m", "explorer", "search", "就业", "--library", str(folder), "--json"],
                           env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and "converting" not in again.stderr

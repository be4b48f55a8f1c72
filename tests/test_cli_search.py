"""`report-explorer index` and `search` as a user (or a script) runs them."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.library import Library
from explorer.resources import sample_paths

CLI = [sys.executable, "-m", "explorer"]


def run(*args: str, library: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args, "--library", str(library)], capture_output=True, text=True,
        env={**os.environ, **(env or {})}, timeout=300,
    )


@pytest.fixture(scope="module")
def reports_folder(tmp_path_factory):
    """The samples as a user's folder would hold them: with a README beside the reports."""
    folder = tmp_path_factory.mktemp("reports")
    for p in sample_paths():
        shutil.copy2(p, folder / p.name)
    (folder / "README.md").write_text("# 我下载的报告\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def cli_library(tmp_path_factory, reports_folder):
    lib = tmp_path_factory.mktemp("clilib")
    r = run("index", str(reports_folder), library=lib)
    assert r.returncode == 0, r.stderr
    return lib


def test_index_reports_progress_skips_and_summary(cli_library, reports_folder):
    r = run("index", str(reports_folder), library=cli_library)
    assert r.returncode == 0, r.stderr
    assert "README.md: a README, not a report" in r.stderr
    assert "0 added, 0 updated, 0 removed, 5 unchanged" in r.stderr


def test_index_names_missing_paths_and_still_finishes(tmp_path):
    r = run("index", str(tmp_path / "nowhere"), library=tmp_path / "lib")
    assert r.returncode == 0
    assert "nowhere: it does not exist" in r.stderr


def test_search_json_contract(cli_library):
    r = run("search", "就業", "--json", "--limit", "0", library=cli_library)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out) == {"query", "total", "results"}
    assert out["query"] == "就業" and out["total"] == len(out["results"]) > 0
    lib = Library(cli_library)
    for item in out["results"]:
        assert set(item) == {"path", "title", "region", "year", "hits", "spans", "snippets"}
        text = lib.report(item["path"]).text
        assert item["hits"] == len(item["spans"]) > 0
        assert all(text[s:e] in ("就业", "就業") for s, e in item["spans"])
    lib.close()


def test_search_limit_and_text_output(cli_library):
    r = run("search", "镇", "--limit", "2", library=cli_library)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0].endswith("(showing 2)")
    assert "«" in r.stdout


@pytest.mark.parametrize("query", ['"城镇 新增', "OR", "year:abc", "", "就业 OR", "-就业"])
def test_bad_query_is_one_clear_line(cli_library, query):
    r = run("search", query, library=cli_library)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("report-explorer: bad query")


@pytest.mark.parametrize("command", ["search", "index"])
def test_cli_never_imports_qt(cli_library, command):
    args = ["search", "就业", "--library", str(cli_library)] if command == "search" else [
        "index", str(sample_paths()[0]), "--library", str(cli_library)]
    code = (
        "import sys; from explorer.cli import main; rc = main(sys.argv[1:]);"
        "qt = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6')];"
        "assert not qt, qt; sys.exit(rc)"
    )
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr


# -- interruption ---------------------------------------------------------------------------


def _make_folder(folder: Path, copies: int) -> None:
    """Distinct files made from the samples, each with its own word."""
    folder.mkdir()
    samples = sample_paths()
    for i in range(copies):
        src = samples[i % len(samples)]
        data = src.read_bytes()
        (folder / f"{i:02d}_{src.name}").write_bytes(data + f"\n中断测试{i:02d}号\n".encode())


def _state(library: Path) -> tuple:
    lib = Library(library, workers=1)
    try:
        reports = [(i.path, i.n_chars) for i in lib.reports()]
        searches = []
        for q in ("就业", "镇", "中断测试", "中断测试03号", "常州 -无锡", "PM2.5 OR 5G"):
            found = lib.search(q, limit=None)
            searches.append((q, found.total, sorted((h.path, h.hits, h.spans) for h in found.results)))
        return reports, searches
    finally:
        lib.close()


def _kill_after(args: list[str], lines: int, env: dict[str, str]) -> None:
    proc = subprocess.Popen([*CLI, *args], stderr=subprocess.PIPE, text=True, env={**os.environ, **env})
    assert proc.stderr is not None
    seen = 0
    for line in proc.stderr:
        if line.startswith("["):
            seen += 1
            if seen >= lines:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_kill_9_mid_index_then_resume_loses_nothing(tmp_path, workers):
    folder = tmp_path / "src"
    _make_folder(folder, 12)
    env = {"REPORT_EXPLORER_BATCH": "3", "REPORT_EXPLORER_WORKERS": workers}
    reference = tmp_path / "ref"
    assert run("index", str(folder), library=reference, env=env).returncode == 0

    library = tmp_path / "lib"
    args = ["index", str(folder), "--library", str(library)]
    for lines in (2, 4, 4):  # killed while reading, around and after a commit
        _kill_after(args, lines, env)
        # A killed writer leaves a library that can be searched right away.
        lib = Library(library, workers=1)
        assert lib.search("中断测试", limit=None).total == len(lib)
        lib.close()
    r = run("index", str(folder), library=library, env=env)
    assert r.returncode == 0, r.stderr
    assert _state(library) == _state(reference)

    lib = Library(library, workers=1)
    assert len(lib) == 12
    stored = sorted(p.name for p in (library / "reports").iterdir())
    assert len(stored) == 12 and not [n for n in stored if n.endswith(".tmp")]
    assert lib.index([folder]).unchanged == 12
    lib.close()


@pytest.mark.slow
def test_deleting_and_editing_between_runs_via_cli(tmp_path):
    folder = tmp_path / "src"
    _make_folder(folder, 3)
    library = tmp_path / "lib"
    assert run("index", str(folder), library=library).returncode == 0
    victim = sorted(folder.iterdir())[0]
    victim.unlink()
    edited = sorted(folder.iterdir())[0]
    edited.write_bytes(edited.read_bytes() + "\n后来加上的词\n".encode())
    r = run("index", str(folder), library=library)
    assert "0 added, 1 updated, 1 removed, 1 unchanged" in r.stderr, r.stderr
    out = json.loads(run("search", "后来加上的词", "--json", library=library).stdout)
    assert [Path(x["path"]).name for x in out["results"]] == [edited.name]
    out = json.loads(run("search", "中断测试00号", "--json", library=library).stdout)
    assert out["total"] == 0
    shutil.rmtree(folder)
    r = run("index", str(folder), library=library)
    assert r.returncode == 0 and "3 removed" not in r.stderr  # only 2 were left
    assert "2 removed" in r.stderr

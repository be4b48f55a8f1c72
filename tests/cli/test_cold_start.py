"""A cold `report-explorer search` (a new process) loads only what searching needs (issue 13:
≤ 0.5 s on 1,000 reports, figures in benchmarks/README.md), and its lean start changes
nothing the user sees: the same arguments parse to the same values.

The modules below are the ones whose import made the cold search slow before (the ingest
stack, the process pool, the other commands' modules) or that a search has no use for:
a module-level import added anywhere on the search path brings them back, and this fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.cli import COMMANDS, build_parser, command_named
from explorer.library import Library
from explorer.resources import sample_paths
from explorer.search.engine import ENGINES, unavailable

NOT_FOR_SEARCH = (
    "explorer.core.ingest",  # the ingest stack: reading, cleaning, metadata, targets
    "explorer.core.read.files",
    "explorer.core.clean.pipeline",
    "explorer.core.describe.metadata",
    "explorer.core.targets.extract",
    "pypinyin",
    "explorer.library.indexing",  # indexing and its worker pool
    "explorer.library.budget",
    "multiprocessing",
    "explorer.library.compare",  # the other views of the library
    "explorer.library.frequency",
    "explorer.library.excerpts",
    "explorer.library.plots",
    "matplotlib",
    "explorer.core.cite.styles",  # the other commands
    "explorer.commands.show",
    "explorer.commands.index",
    "explorer.commands.cite",
    "PySide6",
)

# Runs the CLI's main() as `report-explorer` would, then writes what was imported to argv[1].
PROBE = """
import json, sys
from explorer.cli import main
out = sys.argv[1]
code = main(sys.argv[2:])
with open(out, "w", encoding="utf-8") as f:
    json.dump({"code": code, "modules": sorted(sys.modules)}, f)
"""


def run_probe(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    out = tmp_path / "probe.json"
    r = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args], capture_output=True, text=True,
        env=os.environ.copy(), timeout=300,
    )
    assert r.returncode == 0, r.stderr
    probe = json.loads(out.read_text(encoding="utf-8"))
    assert probe["code"] == 0, r.stderr
    return r, set(probe["modules"])


@pytest.fixture(scope="module", params=ENGINES)
def sample_library(request, tmp_path_factory) -> Path:
    if unavailable(request.param):
        pytest.skip(unavailable(request.param) or "")
    folder = tmp_path_factory.mktemp(f"cold-{request.param}")
    lib_dir = folder / "library"
    reports = folder / "reports"
    reports.mkdir()
    for p in sample_paths():
        shutil.copy2(p, reports / p.name)
    with Library(lib_dir) as lib:
        lib.set_engine(request.param)
        assert lib.index([reports]).added == len(sample_paths())
    return lib_dir


def test_cold_search_imports_nothing_it_does_not_use(sample_library, tmp_path):
    r, modules = run_probe(tmp_path, "search", "就业", "--json", "--library", str(sample_library))
    found = json.loads(r.stdout)
    assert found["total"] > 0 and found["results"][0]["spans"]  # it did search
    assert sorted(m for m in NOT_FOR_SEARCH if m in modules) == []
    assert "explorer.commands.search" in modules  # the probe ran the real command


def test_one_changed_file_is_read_without_a_process_pool(sample_library, tmp_path):
    with Library(sample_library) as lib:
        source = Path(lib.reports()[0].path)
    original = source.read_bytes()
    try:
        source.write_bytes(original + "\n新增的一段话。\n".encode())
        r, modules = run_probe(tmp_path, "index", str(source.parent), "--library", str(sample_library))
        assert "1 updated" in r.stderr
        assert "multiprocessing" not in modules  # read in this process: no pool to start
    finally:
        source.write_bytes(original)
        with Library(sample_library) as lib:
            lib.index([source.parent])


ARGVS = [
    ["search", "就业", "-疫情", "--json", "--limit", "0"],
    ["--library", "search", "search", "就业"],  # a library folder named like a command
    ["--lib", "kwic", "index", "a.txt", "b", "--engine", "tantivy"],  # an option's prefix
    ["--library=L", "kwic", "就业", "--sort", "left", "--style", "gbt7714"],
    ["cite", "f.txt", "--start", "1", "--end", "5", "--style", "markdown"],
    ["freq", "就业", "创业", "--by", "region", "--per", "10k"],
    ["excerpts", "--tag", "a", "--group", "tag", "--style", "plain"],
    ["targets", "--theme", "就业", "--kind", "target"],
    ["panel", "--indicator", "GDP", "--from", "2019"],
    ["excerpt", "add", "f.txt", "--start", "0", "--end", "3", "--tag", "x"],
    ["show", "f.txt", "--json"],
]


@pytest.mark.parametrize("argv", ARGVS, ids=lambda a: " ".join(a))
def test_the_running_commands_parser_alone_parses_as_the_full_one(argv):
    only = command_named(argv)
    assert only in COMMANDS
    assert vars(build_parser(only).parse_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [[], ["--help"], ["-h", "search"], ["--version"], ["serch", "x"],
                                  ["--open", "search"], ["--search", "就业"], ["a/report.txt"]])
def test_help_errors_and_the_app_get_every_command(argv):
    assert command_named(argv) is None  # the full parser: the help lists every command

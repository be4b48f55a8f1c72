"""Shared helpers of the robustness suites: run the CLI the way a user does, guarded.

The CLI runs in a subprocess whose sitecustomize (first thing Python imports, in the
spawned index workers too) makes any network connection fail and leave a mark: the tests
assert the mark never appears, so "nothing is fetched" is checked, not assumed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SITECUSTOMIZE = '''
import os, socket
_MARK = os.environ["RE_TEST_SOCKET_MARK"]
open(os.environ["RE_TEST_GUARD_LOADED"], "a").close()  # proof the guard was installed

def _forbidden(self, *args, **kwargs):
    with open(_MARK, "a", encoding="utf-8") as f:
        f.write(repr(args) + "\\n")
    raise OSError("network access is forbidden in this test")

socket.socket.connect = _forbidden
socket.socket.connect_ex = _forbidden
socket.create_connection = _forbidden
'''


@dataclass(frozen=True)
class Guard:
    folder: Path  # holds sitecustomize.py
    socket_mark: Path  # written if anything tried to connect
    loaded_mark: Path  # written by every guarded interpreter at start

    def env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(self.folder), str(ROOT), env.get("PYTHONPATH", "")])
        env["RE_TEST_SOCKET_MARK"] = str(self.socket_mark)
        env["RE_TEST_GUARD_LOADED"] = str(self.loaded_mark)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.update(extra)
        return env


def make_guard(folder: Path) -> Guard:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return Guard(folder, folder / "socket-used", folder / "guard-loaded")


def run_cli(args: list[str], guard: Guard, cwd: Path, timeout: float = 300, **env: str
            ) -> subprocess.CompletedProcess[str]:
    """`report-explorer ARGS` in a guarded interpreter; a hang fails the test (timeout)."""
    return subprocess.run(
        [sys.executable, "-m", "explorer.cli", *args],
        cwd=cwd, env=guard.env(**env), capture_output=True, text=True, timeout=timeout,
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The slow cases (minutes) run only when asked for: -m slow, or RE_SLOW_TESTS=1.
    expr = config.getoption("markexpr", "") or ""
    wanted = ("slow" in expr and "not slow" not in expr) or os.environ.get("RE_SLOW_TESTS")
    if wanted:
        return
    skip = pytest.mark.skip(reason="slow (see its docstring for the measured time): run with -m slow")
    for item in items:
        if "robustness" in str(item.fspath) and item.get_closest_marker("slow"):
            item.add_marker(skip)

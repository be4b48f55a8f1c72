"""End to end: the real `report-explorer` process under Xvfb, first run on an empty library
(it indexes the bundled samples), started with --search; a screenshot is saved.

Skipped when Xvfb or ImageMagick's `import` is missing (.ci/system-packages installs them).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer.resources import sample_paths

pytestmark = [pytest.mark.gui, pytest.mark.slow]

NEEDED = ("Xvfb", "import", "identify")


def _docs(library: Path) -> int:
    db = library / "library.sqlite"
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM docs").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.fixture
def xvfb_display():
    missing = [tool for tool in NEEDED if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (see .ci/system-packages)")
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        number = server.stdout.readline().strip() if server.stdout else ""
        if not number:
            pytest.skip("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def test_app_indexes_samples_searches_and_is_screenshotted(xvfb_display, tmp_path):
    library = tmp_path / "library"
    config = tmp_path / "config"
    env = dict(os.environ)
    env.update(DISPLAY=xvfb_display, QT_QPA_PLATFORM="xcb", XDG_CONFIG_HOME=str(config),
               HOME=str(tmp_path), REPORT_EXPLORER_WORKERS="1")
    env.pop("WAYLAND_DISPLAY", None)
    # The app's output goes to files: a pipe nobody reads until the app exits would block
    # an app that writes more than the pipe holds (64 KB of Qt warnings, say).
    log = tmp_path / "app.log"
    out = log.open("w", encoding="utf-8")
    app = subprocess.Popen(
        [sys.executable, "-m", "explorer", "--library", str(library), "--search", "就业"],
        env=env, stdout=out, stderr=subprocess.STDOUT, text=True,
    )

    def app_output() -> str:
        if not out.closed:
            out.flush()
        return log.read_text(encoding="utf-8", errors="replace")

    try:
        deadline = time.monotonic() + 90
        n_samples = len(sample_paths())
        while _docs(library) < n_samples:
            if app.poll() is not None:
                err = app_output()
                if "platform plugin" in err:
                    pytest.skip(f"Qt's xcb plugin cannot load here: {err.strip().splitlines()[-1]}")
                pytest.fail(f"the app exited with {app.returncode}:\n{err}")
            assert time.monotonic() < deadline, f"the first run did not index the samples:\n{app_output()}"
            time.sleep(0.3)
        time.sleep(4)  # the search runs again on the new library, opens the best result, paints
        assert app.poll() is None, app_output()

        shot = tmp_path / "e2e.png"
        subprocess.run(["import", "-display", xvfb_display, "-window", "root", str(shot)], check=True, timeout=30)
        colours = subprocess.run(["identify", "-format", "%k", str(shot)], capture_output=True, text=True, check=True)
        # A blank or single-colour screen has a handful; a window full of antialiased text thousands.
        assert int(colours.stdout.strip()) > 500, f"screenshot {shot} looks empty"
        print(f"screenshot: {shot}")
    finally:
        if app.poll() is None:
            app.send_signal(signal.SIGTERM)  # the app closes its window and saves its settings
            try:
                app.wait(20)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
    out.close()
    assert app.returncode == 0, app_output()
    conf = config / "ReportExplorer" / "report-explorer.conf"
    text = conf.read_text(encoding="utf-8")
    assert "geometry=" in text and "samples_offered_to=" in text
    # --search opened the best report for 就业, which is one of the samples.
    last = next(line.split("=", 1)[1] for line in text.splitlines() if line.startswith("last_report="))
    assert Path(last).name in {p.name for p in sample_paths()}

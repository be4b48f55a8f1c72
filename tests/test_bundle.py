"""The PyInstaller one-folder app (packaging/report-explorer.spec), built once and run.

The frozen app must behave exactly like the installed one: the same JSON for a report (so
OpenCC's and pypinyin's dictionaries, the theme lexicon and the spam words all made it into the
bundle), .docx and .pdf reading, indexing with the spawned worker pool (a frozen executable
re-runs itself for each worker), and the window starting and closing on the bundled Qt plugins.

Cost: the build takes about 45 s on the 2-core development machine (PyInstaller 6.22,
PySide6 6.12; 230 MB), the runs another 15 s, so it is marked slow but stays in the default run
wherever PyInstaller is installed (`pip install -e '.[test,bundle]'`). RUN_BUNDLE_TEST=0 skips it;
RUN_BUNDLE_TEST=1 makes a missing PyInstaller a failure instead of a skip.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from explorer.cli import main as cli_main
from explorer.library.indexing import PARALLEL_MIN_FILES

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "report-explorer.spec"
EXE_SUFFIX = ".exe" if os.name == "nt" else ""

pytestmark = pytest.mark.slow

if os.environ.get("RUN_BUNDLE_TEST") == "0":
    pytest.skip("RUN_BUNDLE_TEST=0", allow_module_level=True)
if os.environ.get("RUN_BUNDLE_TEST") != "1":
    pytest.importorskip("PyInstaller", reason="pip install -e '.[bundle]' to build and test the bundle")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "REPORT_EXPLORER_LIBRARY")}
    env.update(extra)
    return env


def _run(cmd: list[str], timeout: float = 120, **kw) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=timeout, **kw)
    if proc.returncode != 0:
        pytest.fail(f"{' '.join(map(str, cmd))} exited {proc.returncode}\n"
                    f"--- stdout ---\n{proc.stdout[-4000:]}\n--- stderr ---\n{proc.stderr[-4000:]}")
    return proc


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    started = time.monotonic()
    _run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
          "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(SPEC)],
         timeout=900, cwd=work, env=_env())
    print(f"\nbundle built in {time.monotonic() - started:.0f} s")  # shown with -s / on failure
    app = work / "dist" / "report-explorer"
    assert app.is_dir(), f"no one-folder app in {work / 'dist'}"
    return app


@pytest.fixture(scope="module")
def cli(bundle) -> Path:
    return bundle / f"report-explorer{EXE_SUFFIX}"


def _internal(bundle: Path) -> Path:
    return bundle / "_internal"


def _samples(bundle: Path) -> list[Path]:
    return sorted((_internal(bundle) / "explorer" / "resources" / "samples").glob("*.txt"))


def _host_show(path: Path, capsys) -> dict:
    capsys.readouterr()
    assert cli_main(["show", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_bundle_holds_both_executables_and_the_data(bundle):
    assert (bundle / f"report-explorer{EXE_SUFFIX}").is_file()
    assert (bundle / f"report-explorer-gui{EXE_SUFFIX}").is_file()
    resources = _internal(bundle) / "explorer" / "resources"
    for rel in ("themes.toml", "spam_words.txt", "icons/report-explorer.svg"):
        assert (resources / rel).is_file(), rel
    assert _samples(bundle)
    assert list((resources / "i18n").glob("*.qm"))
    assert list((_internal(bundle) / "pypdfium2_raw").glob("*pdfium*")), "the PDFium library is missing"
    # Left out on purpose (see the spec's excludes).
    assert not (_internal(bundle) / "pandas").exists()
    # The charts' matplotlib with its data (fonts, styles), and no backend of another toolkit.
    assert (_internal(bundle) / "matplotlib" / "mpl-data" / "matplotlibrc").is_file()


def test_bundle_version(cli):
    from explorer import __version__

    assert _run([str(cli), "--version"], env=_env()).stdout.strip() == f"report-explorer {__version__}"


def test_bundle_show_matches_the_installed_app(bundle, cli, capsys):
    sample = _samples(bundle)[0]
    frozen = json.loads(_run([str(cli), "show", str(sample), "--json"], env=_env()).stdout)
    assert frozen["text"] and frozen["sections"] and frozen["targets"]
    assert frozen == _host_show(sample, capsys)


def test_bundle_reads_docx_and_pdf(bundle, cli, tmp_path, capsys):
    pytest.importorskip("docx")
    pytest.importorskip("reportlab")
    from explorer.core.ingest import load_report
    from tests.core.test_documents import _make_docx, _make_pdf

    report = load_report(_samples(bundle)[0])
    paragraphs = [p for p in report.text.split("\n") if p.strip()]
    made = {"report.docx": _make_docx, "report.pdf": _make_pdf}
    for name, make in made.items():
        path = tmp_path / name
        make(paragraphs, path)
        frozen = json.loads(_run([str(cli), "show", str(path), "--json"], env=_env()).stdout)
        assert frozen["sections"] and frozen["targets"], name
        assert frozen == _host_show(path, capsys), name


def test_bundle_indexes_with_worker_processes_searches_and_exports(bundle, cli, tmp_path):
    # Enough files for Library to start its spawn pool, which in a frozen app only works
    # when the executable hands the --multiprocessing-fork child to multiprocessing.
    folder = tmp_path / "reports"
    samples = _samples(bundle)
    copies = -(-PARALLEL_MIN_FILES // len(samples))
    for i in range(copies):
        (folder / f"set{i}").mkdir(parents=True)
        for s in samples:
            shutil.copy2(s, folder / f"set{i}" / s.name)
    files = copies * len(samples)
    library = tmp_path / "library"
    env = _env(REPORT_EXPLORER_WORKERS="2")
    indexed = _run([str(cli), "index", str(folder), "--library", str(library), "-q"], env=env, timeout=300)
    assert f"{files} added" in indexed.stdout + indexed.stderr

    found = json.loads(_run([str(cli), "search", "就业", "--library", str(library), "--json"], env=env).stdout)
    assert found["total"] == files
    assert all(r["hits"] == len(r["spans"]) > 0 for r in found["results"])

    sheet = tmp_path / "targets.xlsx"
    _run([str(cli), "targets", "--library", str(library), "--xlsx", str(sheet)], env=env)
    with zipfile.ZipFile(sheet) as zf:
        assert "xl/worksheets/sheet1.xml" in zf.namelist()

    # The concordance, the frequency table and its chart (matplotlib frozen: backends, data, fonts).
    kwic = json.loads(_run([str(cli), "kwic", "就业", "--library", str(library), "--json"], env=env).stdout)
    assert len(kwic["rows"]) == kwic["total"] == sum(r["hits"] for r in found["results"])
    charts = {suffix: tmp_path / f"freq{suffix}" for suffix in (".png", ".svg", ".pdf")}
    for suffix, chart in charts.items():
        freq = json.loads(_run([str(cli), "freq", "就业", "--library", str(library), "--json",
                                "--chart", str(chart)], env=_env(REPORT_EXPLORER_WORKERS="2", HOME=str(tmp_path)),
                               timeout=300).stdout)
        assert sum(r["hits"] for r in freq["rows"]) == kwic["total"], suffix
    assert charts[".png"].read_bytes().startswith(b"\x89PNG")
    assert charts[".svg"].read_bytes().startswith(b"<?xml")
    assert charts[".pdf"].read_bytes().startswith(b"%PDF")


@pytest.mark.gui
@pytest.mark.skipif(os.name == "nt", reason="closes the window with SIGTERM")
def test_bundle_gui_starts_indexes_samples_and_closes(bundle, tmp_path):
    """The windowed executable on the offscreen platform: first run fills a new library
    with the bundled samples, and SIGTERM (a logout) closes it cleanly."""
    library = tmp_path / "library"
    env = _env(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    gui = subprocess.Popen([str(bundle / "report-explorer-gui"), "--library", str(library)],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and gui.poll() is None:
            if (library / "reports").is_dir() and len(list((library / "reports").iterdir())) >= len(_samples(bundle)):
                break
            time.sleep(0.25)
        assert gui.poll() is None, f"the app exited early:\n{gui.communicate()[1][-4000:]}"
        time.sleep(1)  # let the indexing job commit before the close request
        gui.send_signal(signal.SIGTERM)
        _, err = gui.communicate(timeout=30)
    finally:
        if gui.poll() is None:
            gui.kill()
            gui.wait()
    assert gui.returncode == 0, err[-4000:]
    assert "Traceback" not in err, err[-4000:]
    assert len(list((library / "reports").iterdir())) >= len(_samples(bundle))

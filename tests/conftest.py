from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
# The shared corpus sits beside the checkout (../shared/corpus); the seeds also ship as samples.
# A checkout elsewhere (a git worktree) names it in $REPORT_EXPLORER_CORPUS.
CORPUS = Path(os.environ.get("REPORT_EXPLORER_CORPUS") or ROOT.parent / "shared" / "corpus")
SAMPLES = ROOT / "explorer" / "resources" / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"

# The first corpus (seeds, then extra): what the stress and interruption tests index.
CORPUS_FILES = [
    "000_f5ab8c29433f7e08.txt",
    "001_f884b8c2acd53f6d.txt",
    "002_727519bda47afc6d.txt",
    "003_b38180b7f8c54865.txt",
    "004_1a0878056af8613d.txt",
    "city_shanghai_2021.txt",
    "district_hailaer_2012.gbk.txt",
    "district_hailaer_2013.gbk.txt",
    "district_hailaer_2017.gbk.txt",
    "national_2024.txt",
    "national_2025.txt",
    "province_2026_四川省.txt",
]

# set2: reports from across the country (2024) and Hong Kong (README there). The mainland
# .txt are the inputs (their .docx twins are checked to give the same report); for Hong
# Kong the PDF is the input and its .txt only a plain extraction to compare with.
SET2_FILES = [
    "county_天门市_2024.txt",
    "county_黄山区_2024.txt",
    "prefecture_南宁市_2024.txt",
    "prefecture_呼和浩特市_2024.txt",
    "prefecture_宿州市_2024.txt",
    "prefecture_崇左市_2024.txt",
    "prefecture_成都市_2024.txt",
    "prefecture_承德市_2024.txt",
    "prefecture_林芝市_2024.txt",
    "prefecture_枣庄市_2024.txt",
    "prefecture_柳州市_2024.txt",
    "prefecture_桂林市_2024.txt",
    "prefecture_梧州市_2024.txt",
    "prefecture_甘孜藏族自治州_2024.txt",
    "prefecture_益阳市_2024.txt",
    "prefecture_眉山市_2024.txt",
    "prefecture_绵阳市_2024.txt",
    "prefecture_荆门市_2024.txt",
    "prefecture_蚌埠市_2024.txt",
    "prefecture_银川市_2024.txt",
    "prefecture_锡林郭勒盟_2024.txt",
    "prefecture_防城港市_2024.txt",
    "prefecture_黔南布依族苗族自治州_2024.txt",
    "province_北京市_2024.txt",
    "hk_香港_2021.pdf",
    "hk_香港_2023.pdf",
]
ALL_REPORT_FILES = CORPUS_FILES + SET2_FILES


def corpus_report_names() -> set[str]:
    """The report inputs present in ../shared/corpus, by file name (not its README, LICENSE
    or the Hong Kong reference extractions): what golden files must cover."""
    names = {p.name for p in CORPUS.glob("*/*.txt")} | {p.name for p in CORPUS.glob("set2/pdf/*.pdf")}
    return {n for n in names if not n.startswith(("LICENSE", "README")) and not n.startswith("hk_") or n.endswith(".pdf")}


def corpus_file(name: str) -> Path:
    """A corpus file by name; the seeds fall back to the bundled samples."""
    for folder in (CORPUS / "seeds", CORPUS / "extra", CORPUS / "set2", CORPUS / "set2" / "pdf",
                   CORPUS / "set2" / "docx", SAMPLES):
        p = folder / name
        if p.exists():
            return p
    pytest.skip(f"corpus file {name} not available")


@pytest.fixture
def corpus():
    return corpus_file


@pytest.fixture(autouse=True)
def _clear_offscreen_clipboard():
    """PySide6's offscreen platform crashes at interpreter exit when the clipboard still holds
    QMimeData the app set (a double free; xcb and real desktops are fine). Tests that copy
    leave it empty, so the run ends with pytest's own exit code."""
    yield
    qtgui = sys.modules.get("PySide6.QtGui")
    if qtgui is None:
        return
    app = qtgui.QGuiApplication.instance()
    if app is not None and qtgui.QGuiApplication.platformName() == "offscreen":
        qtgui.QGuiApplication.clipboard().clear()


# The files that take minutes (measured serially on the 2-core machine: the GUI on a large
# library ~350 s, kill -9 rounds ~280 s, the PyInstaller build ~145 s, the CLI's kills ~80 s).
# They are collected first so that pytest-xdist (--dist loadfile, --no-loadscope-reorder)
# starts them first: a worker given one of them last would run on alone after the others end.
# Only the order changes; every test runs, and alone (-n 0) as before.
SLOW_FIRST = [
    "tests/robustness/test_gui_engines.py",
    "tests/robustness/test_interruption.py",
    "tests/test_bundle.py",
    "tests/test_cli_search.py",
    "tests/robustness/test_gui_stress.py",
    "tests/search/test_engines_agree.py",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        where = item.path.resolve().relative_to(ROOT).as_posix()
        return SLOW_FIRST.index(where) if where in SLOW_FIRST else len(SLOW_FIRST)

    items.sort(key=rank)  # stable: the rest keep their collected order


@pytest.fixture(autouse=True, scope="session")
def _own_table_cache(tmp_path_factory):
    """One-time tables (explorer/core/table_cache.py) go to a folder of the test run, not to
    the user's cache: what a test sees does not depend on what an earlier run left there.
    Subprocesses started by tests inherit it."""
    old = os.environ.get("REPORT_EXPLORER_CACHE")
    os.environ["REPORT_EXPLORER_CACHE"] = str(tmp_path_factory.mktemp("table-cache"))
    yield
    if old is None:
        os.environ.pop("REPORT_EXPLORER_CACHE", None)
    else:
        os.environ["REPORT_EXPLORER_CACHE"] = old

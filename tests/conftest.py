from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
# The shared corpus sits beside the checkout (../shared/corpus); the seeds also ship as samples.
CORPUS = ROOT.parent / "shared" / "corpus"
SAMPLES = ROOT / "explorer" / "resources" / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"

# Every report of the shared corpus (seeds, then extra): the files golden tests cover.
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


def corpus_file(name: str) -> Path:
    """A corpus file by name; the seeds fall back to the bundled samples."""
    for folder in (CORPUS / "seeds", CORPUS / "extra", SAMPLES):
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

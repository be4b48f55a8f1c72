"""The window on the real Library (explorer/library.py): indexing runs in a child process,
search spans from the whoosh-backed library land on the right characters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from explorer.core.scripts import fold
from explorer.resources import SAMPLES, sample_paths

library_mod = pytest.importorskip("explorer.library")

TIMEOUT = 60000


@pytest.fixture
def real_window(qtbot, settings, tmp_path, monkeypatch):
    from explorer.ui.main_window import MainWindow

    monkeypatch.setenv("REPORT_EXPLORER_WORKERS", "1")
    w = MainWindow(library_mod.Library(tmp_path / "lib"), settings)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.runner.cancel_all()
    w.runner.wait(20000)


def test_index_in_child_process_then_search_and_highlight(qtbot, real_window):
    w = real_window
    progress = []
    w.library_panel.progress.valueChanged.connect(progress.append)
    with qtbot.waitSignal(w.index_done, timeout=TIMEOUT) as blocker:
        w.start_index([str(SAMPLES)])
    summary = blocker.args[0]
    assert summary.added == len(sample_paths()) and not summary.cancelled
    assert progress and max(progress) == len(sample_paths())
    qtbot.waitUntil(lambda: w.library_panel.model.report_count() == len(sample_paths()), timeout=TIMEOUT)

    with qtbot.waitSignal(w.search_done, timeout=TIMEOUT):
        w.search("就业")
    model = w.search_panel.model
    assert model.rowCount() >= 3
    hit = model.hit(0)
    with qtbot.waitSignal(w.report_opened, timeout=TIMEOUT):
        rect = w.search_panel.view.visualRect(model.index(0))
        qtbot.mouseClick(w.search_panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    painted = [sel.cursor.selectedText() for sel in w.view.extraSelections()]
    assert len(painted) == hit.hits
    assert {fold(t) for t in painted} == {"就业"}


def test_cancel_stops_the_child(qtbot, real_window, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        src = sample_paths()[i % len(sample_paths())]
        (corpus / f"r{i:02d}.txt").write_bytes(src.read_bytes() + f"\n{i}\n".encode())
    w = real_window
    with qtbot.waitSignal(w.index_done, timeout=TIMEOUT) as blocker:
        w.start_index([str(corpus)])
        qtbot.waitUntil(lambda: w.library_panel.progress.value() >= 1, timeout=TIMEOUT)
        w.cancel_index()
    summary = blocker.args[0]
    assert summary is None or summary.cancelled
    assert len(w.library) < 40

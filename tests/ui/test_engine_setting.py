"""Library → 搜索引擎…: the user forces an engine in the app; the index moves in a child
process with progress, can be cancelled and resumed, searches answer the same meanwhile
and after, and the choice is the library's (chosen_by "user")."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from explorer.library import Library, engines
from explorer.library.engines import read_choice
from explorer.resources import SAMPLES
from explorer.search.engine import unavailable

pytestmark = pytest.mark.skipif(unavailable("tantivy") is not None, reason="tantivy is not installed")

TIMEOUT = 120_000
QUERIES = ["就业", "高质量发展", "鎮江 OR 常州", '"城镇新增就业"', "生态 -就业"]


@pytest.fixture
def engine_window(qtbot, settings, tmp_path, monkeypatch):
    from explorer.ui.main_window import MainWindow

    monkeypatch.setenv("REPORT_EXPLORER_WORKERS", "1")
    lib = Library(tmp_path / "lib")
    lib.index([str(SAMPLES)])
    settings.set("library/samples_offered_to", str(lib.path))
    w = MainWindow(lib, settings)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.library_loaded, timeout=TIMEOUT):
        w.start()
    yield w
    w.runner.cancel_all()
    w.runner.wait(20000)


def _results(qtbot, w) -> dict[str, list[tuple[str, int, tuple]]]:
    """What the window shows for each query: path, hits and spans of every row."""
    shown = {}
    for q in QUERIES:
        with qtbot.waitSignal(w.search_done, timeout=TIMEOUT):
            w.search(q)
        model = w.search_panel.model
        shown[q] = [(h.path, h.hits, tuple(h.spans)) for h in (model.hit(r) for r in range(model.rowCount()))]
    return shown


def _choose_in_dialog(qtbot, w, key: str) -> None:
    dialog = w.show_engine_dialog()
    assert dialog.buttons[key].isEnabled()
    dialog.buttons[key].click()
    with qtbot.waitSignal(w.engine_changed, timeout=TIMEOUT):
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_switching_engines_both_ways_keeps_every_result(qtbot, engine_window):
    w = engine_window
    lib = w.library
    before = _results(qtbot, w)
    assert before["就业"], "the samples mention 就业"
    dialog = w.show_engine_dialog()
    assert "Whoosh" in dialog.state.text() and dialog.buttons[""].isChecked()  # automatic, small library
    dialog.reject()

    progress: list[int] = []
    w.index_progress.valueChanged.connect(progress.append)
    _choose_in_dialog(qtbot, w, "tantivy")
    assert read_choice(lib.path) == read_choice(lib.path).__class__("tantivy", "tantivy", "user")
    assert (lib.path / "index-tantivy").is_dir() and not (lib.path / "index").exists()
    assert progress and max(progress) == len(lib)
    assert not w.index_progress.isVisible() and w.reindex_action.isEnabled()
    assert "Tantivy" in w.statusBar().currentMessage()
    assert _results(qtbot, w) == before
    dialog = w.show_engine_dialog()
    assert dialog.buttons["tantivy"].isChecked() and "您选定" in dialog.state.text()
    dialog.reject()

    _choose_in_dialog(qtbot, w, "whoosh")
    assert read_choice(lib.path).engine == "whoosh" and read_choice(lib.path).chosen_by == "user"
    assert _results(qtbot, w) == before

    _choose_in_dialog(qtbot, w, "")  # back to automatic: a small library stays with whoosh
    assert read_choice(lib.path) == read_choice(lib.path).__class__("whoosh", "whoosh", "auto")


def test_a_cancelled_move_keeps_searching_and_resumes(qtbot, engine_window, monkeypatch):
    w = engine_window
    lib = w.library
    before = _results(qtbot, w)
    monkeypatch.setenv("REPORT_EXPLORER_BATCH", "1")  # one report per commit: a move to stop midway
    # The move is held after its first batch until the user cancels, so the cancel always
    # lands midway (a 5-report move on a fast machine could finish before it). Holding it
    # needs the move in this process: the test above covers the child process.
    w.index_in_child = False
    build = engines.build
    held = threading.Event()

    def held_build(engine, manifest, progress=None, cancel=None):
        def hold() -> bool:
            held.set()
            deadline = time.monotonic() + TIMEOUT / 1000
            while not cancel() and time.monotonic() < deadline:
                time.sleep(0.01)
            return cancel()

        return build(engine, manifest, progress, hold)

    monkeypatch.setattr(engines, "build", held_build)
    w.set_engine("tantivy")
    # Not the progress bar: progress is throttled to one signal in 50 ms, so the first
    # batch's "1 of 5" can be dropped when it follows "0 of 5" closely (CI saw that).
    qtbot.waitUntil(held.is_set, timeout=TIMEOUT)
    # Searches go on meanwhile, answered by the old index.
    assert _results(qtbot, w) == before
    with qtbot.waitSignal(w.engine_changed, timeout=TIMEOUT):
        w.cancel_index()
    monkeypatch.setattr(engines, "build", build)
    choice = read_choice(lib.path)
    assert choice.engine == "whoosh", "the move stopped after its first batch"
    assert choice.wanted == "tantivy" and choice.chosen_by == "user"
    assert "暂停" in w.library_panel.status.text()
    assert _results(qtbot, w) == before
    dialog = w.show_engine_dialog()
    assert "尚未完成" in dialog.state.text()
    dialog.reject()

    done: list[int] = []
    w.index_progress.valueChanged.connect(done.append)
    with qtbot.waitSignal(w.engine_changed, timeout=TIMEOUT):
        w.set_engine("tantivy")
    assert read_choice(lib.path).engine == "tantivy"
    assert done and min(done) >= 1, "the move went on from where it stopped"
    assert _results(qtbot, w) == before

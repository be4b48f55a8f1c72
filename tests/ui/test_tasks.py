"""The task runner: an answer that arrives after its widgets were deleted (a window closed
while a read ran) is dropped quietly; any other error in a callback still surfaces."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox

from explorer.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


def test_an_answer_for_a_deleted_widget_is_dropped(qtbot):
    runner = TaskRunner()
    box = QComboBox()
    box.deleteLater()
    qtbot.waitUntil(lambda: not _alive(box))
    seen: list[object] = []

    def fill(items: object) -> None:
        seen.append(items)
        box.addItems(items)  # the C++ object is gone: RuntimeError "already deleted"

    runner.run(lambda ctx: ["甲", "乙"], fill, name="choices")
    _wait_until_idle(qtbot, runner)
    assert seen == [["甲", "乙"]]  # the callback ran, and its error did not escape
    runner.wait(10_000)


def test_other_errors_in_a_callback_still_surface(qtbot):
    runner = TaskRunner()

    def broken(_value: object) -> None:
        raise RuntimeError("a real bug")

    with qtbot.captureExceptions() as caught:
        runner.run(lambda ctx: 1, broken, name="broken")
        _wait_until_idle(qtbot, runner)
    assert any("a real bug" in str(e[1]) for e in caught)
    runner.wait(10_000)


def _wait_until_idle(qtbot, runner: TaskRunner) -> None:
    # Not waitSignal on the task's `done`: a job this short can emit it from its thread
    # before waitSignal connects, and a queued signal goes only to the slots connected when
    # it was emitted (CI saw that). The runner forgets a task on `done` through a slot
    # connected before the task started.
    qtbot.waitUntil(lambda: runner.running == 0, timeout=10_000)


def _alive(widget: QComboBox) -> bool:
    try:
        widget.count()
    except RuntimeError:
        return False
    return True


def test_a_read_thread_keeps_its_library_connection(qtbot, tmp_path):
    """Each task of a pool thread runs under a new Python thread state; the manifest's
    connection and caches of that thread must still be the ones of its last task (the
    targets panel reconnected and re-folded every report title for each page)."""
    from explorer import Library

    runner = TaskRunner()
    runner.reads.setMaxThreadCount(1)
    with Library(tmp_path / "lib") as lib:
        seen: list[tuple] = []
        for _ in range(3):
            runner.run(lambda ctx: (lib.manifest.db(), lib.manifest.doc_forms()), seen.append, name="read")
            _wait_until_idle(qtbot, runner)
        assert len(seen) == 3
        connections = {id(db) for db, _forms in seen}
        assert len(connections) == 1 and all(forms is seen[0][1] for _db, forms in seen)
        assert seen[0][0] is not lib.manifest.db()  # the calling thread has its own
    runner.wait(10_000)

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

    task = runner.run(lambda ctx: ["甲", "乙"], fill, name="choices")
    with qtbot.waitSignal(task.signals.done, timeout=10_000):
        pass
    assert seen == [["甲", "乙"]]  # the callback ran, and its error did not escape
    runner.wait(10_000)


def test_other_errors_in_a_callback_still_surface(qtbot):
    runner = TaskRunner()

    def broken(_value: object) -> None:
        raise RuntimeError("a real bug")

    with qtbot.captureExceptions() as caught:
        task = runner.run(lambda ctx: 1, broken, name="broken")
        with qtbot.waitSignal(task.signals.done, timeout=10_000):
            pass
    assert any("a real bug" in str(e[1]) for e in caught)
    runner.wait(10_000)


def _alive(widget: QComboBox) -> bool:
    try:
        widget.count()
    except RuntimeError:
        return False
    return True

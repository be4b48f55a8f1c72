"""The app opening a library of an older format (explorer/ui/upgrade.py): the conversion
runs behind a progress dialog, off the GUI thread, and can be cancelled (the next start goes
on with it)."""

from __future__ import annotations

import argparse
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from explorer.library import formats
from explorer.library.store import LIBRARY_FORMAT
from tests.test_library_formats import format3_copy, version


def _dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def _slowly(monkeypatch) -> None:
    """A conversion slow enough to be seen and cancelled: a batch per report, 0.3 s each."""
    real = formats._slim_report_file

    def slow(*args, **kw):
        time.sleep(0.3)
        return real(*args, **kw)

    monkeypatch.setattr(formats, "UPGRADE_BATCH", 1)
    monkeypatch.setattr(formats, "_slim_report_file", slow)


def test_the_window_opens_on_a_converted_library_after_a_progress_dialog(qtbot, monkeypatch, settings, tmp_path):
    import explorer.ui.app as app_module

    folder = format3_copy(tmp_path / "lib")
    _slowly(monkeypatch)
    seen: list[tuple[int, int]] = []

    def look() -> None:
        for d in _dialogs():
            seen.append((d.value(), d.maximum()))
        if len(seen) < 50:
            QTimer.singleShot(50, look)

    QTimer.singleShot(50, look)
    w = app_module.create_window(argparse.Namespace(library=str(folder)), settings)
    qtbot.addWidget(w)
    assert version(folder) == LIBRARY_FORMAT
    assert any(maximum == 5 for _value, maximum in seen)  # the dialog showed the reports to do
    assert not _dialogs()
    assert len(w.library) == 5


def test_cancel_leaves_the_library_to_be_converted_at_the_next_start(qtbot, monkeypatch, settings, tmp_path):
    from explorer.ui.upgrade import open_library

    folder = format3_copy(tmp_path / "lib")
    _slowly(monkeypatch)

    def cancel() -> None:
        dialogs = _dialogs()
        if dialogs:
            dialogs[0].findChild(QPushButton).click()  # what the user does
        else:
            QTimer.singleShot(50, cancel)

    QTimer.singleShot(50, cancel)
    with pytest.raises(formats.UpgradeCancelled):
        open_library(folder)
    assert version(folder) == 3
    monkeypatch.undo()
    lib = open_library(folder)
    try:
        assert version(folder) == LIBRARY_FORMAT and len(lib) == 5
    finally:
        lib.close()

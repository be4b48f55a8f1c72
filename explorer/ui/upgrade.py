"""Opening a library of an older format: its conversion (library/formats.py: seconds to
minutes for thousands of reports) runs on a worker thread behind a progress dialog that can
cancel it; a cancelled conversion goes on at the next start."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget


def open_library(path: str | Path | None, parent: QWidget | None = None) -> Any:
    """Library(path), with a progress dialog while an older format is converted. Raises
    what Library raises (formats.UpgradeCancelled when the user cancels)."""
    from explorer.library import Library, default_library_path
    from explorer.library.formats import conversion_due

    folder = Path(path).expanduser() if path is not None else default_library_path()
    if not conversion_due(folder):
        return Library(folder)
    dialog = QProgressDialog(QCoreApplication.translate("UpgradeDialog", "正在把资料库转换为新的存储格式（只需一次）…"),
                             QCoreApplication.translate("UpgradeDialog", "取消"), 0, 0, parent)
    dialog.setWindowTitle(QCoreApplication.translate("UpgradeDialog", "转换资料库"))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    state: dict[str, Any] = {"done": 0, "total": 0}
    cancelled = threading.Event()
    dialog.canceled.connect(cancelled.set)

    def work() -> None:
        try:
            state["library"] = Library(folder, progress=lambda d, t: state.update(done=d, total=t),
                                       cancel=cancelled.is_set)
        except BaseException as exc:  # handed to the GUI thread, raised there
            state["error"] = exc

    worker = threading.Thread(target=work, name="library-conversion", daemon=True)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(100)

    def poll() -> None:
        if dialog.wasCanceled():  # Escape or the close button, as well as 取消
            cancelled.set()
        if state["total"]:
            dialog.setMaximum(state["total"])
            dialog.setValue(state["done"])
            dialog.setLabelText(QCoreApplication.translate("UpgradeDialog", "正在把资料库转换为新的存储格式（只需一次）… %1 / %2 份报告")
                                .replace("%1", str(state["done"])).replace("%2", str(state["total"])))
        if not worker.is_alive():
            loop.quit()

    timer.timeout.connect(poll)
    dialog.show()
    worker.start()
    timer.start()
    loop.exec()
    timer.stop()
    dialog.close()
    if "error" in state:
        raise state["error"]
    return state["library"]

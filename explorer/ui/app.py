"""Start the desktop app: `run_app(args)` is what `report-explorer` (no subcommand) calls."""

from __future__ import annotations

import argparse
import signal
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from explorer.resources import RESOURCES
from explorer.ui.fonts import has_cjk_font, install_hint
from explorer.ui.i18n import install_translator
from explorer.ui.main_window import MainWindow
from explorer.ui.settings import APPLICATION, ORGANIZATION, Settings


def create_window(args: argparse.Namespace, settings: Settings | None = None) -> MainWindow:
    """Build the window for `args` (needs a QApplication). Split from run_app so tests
    and benchmarks drive the same start-up as users get."""
    from explorer.ui.upgrade import open_library

    settings = settings or Settings()
    # An older library is converted first, behind a progress dialog (explorer/ui/upgrade.py).
    library = open_library(getattr(args, "library", None))
    window = MainWindow(library, settings)
    if not has_cjk_font():
        message = QCoreApplication.translate(
            "MainWindow", "没有找到可显示中文的字体，文字可能显示为方框。请安装中文字体，例如：%1")
        window.show_banner(message.replace("%1", install_hint()))
    return window


def _close_on_sigterm(app: QApplication, window: MainWindow) -> None:
    """A logout or `kill` closes the window properly, so settings and layout are saved.
    Python runs signal handlers only between bytecodes; the timer lets it look."""

    def close(*_args: object) -> None:
        window.close()
        app.quit()

    signal.signal(signal.SIGTERM, close)
    tick = QTimer(window)
    tick.timeout.connect(lambda: None)
    tick.start(250)


def run_app(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("报告浏览器")
    app.setDesktopFileName("io.github.reportexplorer.ReportExplorer")  # matches packaging/linux .desktop
    icon = RESOURCES / "icons" / "report-explorer.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    settings = Settings()
    translator = install_translator(app, settings.get("ui/language"))  # noqa: F841 (kept alive)
    from explorer.library.formats import UpgradeCancelled

    try:
        window = create_window(args, settings)
    except UpgradeCancelled:
        return 1  # the library stays as it was left: the next start goes on converting
    window.show()
    _close_on_sigterm(app, window)
    # The library is listed after the first paint: the window is up before any I/O.
    QTimer.singleShot(0, lambda: window.start(getattr(args, "search", None), getattr(args, "open_file", None)))
    return app.exec()

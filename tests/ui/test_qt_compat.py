"""The guard against PySide6 6.12's lost references to None (explorer/ui/qt_compat.py)."""

from __future__ import annotations

import subprocess
import sys


def test_many_void_calls_do_not_kill_the_interpreter():
    # In a child: if the guard fails, the interpreter aborts with none_dealloc.
    code = (
        "import explorer.ui, sys\n"
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication(['t', '-platform', 'offscreen'])\n"
        "label = QLabel()\n"
        "for _ in range(200_000): label.setToolTip('x')\n"
        "print('alive', sys.getrefcount(None) > 1_000_000)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "alive True" in r.stdout or sys.version_info >= (3, 12)

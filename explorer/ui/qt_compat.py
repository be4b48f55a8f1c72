"""Work-arounds for bugs of the Qt binding, in one place, each with its reason.

PySide6 6.12.0 on CPython < 3.12 drops a reference to None on every call of a method
returning void (QLabel.setToolTip, QStandardItem.setData, ...): measured with
sys.getrefcount(None), -1 per call. None's count reaches zero after some ten thousand
calls and the interpreter aborts ("Fatal Python error: none_dealloc"), at exit or in the
middle of a session (listing 1,000 reports was enough). CPython 3.12 made None, True and
False immortal (PEP 683) for exactly this class of bug; on older versions we do the same
by hand: give them a reference count no leak can exhaust. pyproject should also keep
PySide6 off the broken release (see the session report).
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 40  # a trillion leaked references: decades of clicking


def immortalize_singletons() -> bool:
    """Returns True when it changed anything (CPython < 3.12, release build)."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if hasattr(sys, "gettotalrefcount"):
        return False  # debug build: ob_refcnt is not the first field there
    for obj in (None, True, False):
        # ob_refcnt is the first field of every object in a release build of CPython.
        ctypes.c_ssize_t.from_address(id(obj)).value += _MARGIN
    return True

"""The desktop application (PySide6). Everything Qt lives under this package."""

from explorer.ui.qt_compat import immortalize_singletons

# Before any Qt call: see qt_compat for the binding bug this guards against.
immortalize_singletons()

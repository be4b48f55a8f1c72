"""The desktop application (PySide6). Everything Qt lives under this package."""

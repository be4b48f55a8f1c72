"""What the library raises for a person to act on (the CLI prints it, the app shows it)."""

from __future__ import annotations

from pathlib import Path


class LibraryBusy(RuntimeError):
    """Another process is writing this library (an `index` or a rebuild is running)."""


class LibraryError(RuntimeError):
    """The library folder cannot be opened or written: damaged manifest, read-only folder,
    full disk. The message names the folder and the cause, for a person to act on."""


def storage_trouble(path: Path, doing: str, exc: BaseException) -> LibraryError:
    reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
    return LibraryError(f"the library {path} cannot be {doing}: {reason}")

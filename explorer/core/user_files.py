"""User-editable data files (themes.toml, indicators.toml): where they are found, how they
are read, and a cache that re-reads a file when it changes on disk, so what the app extracts
always matches the file the user just saved."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

import platformdirs

T = TypeVar("T")


def user_config_file(name: str) -> Path:
    return Path(platformdirs.user_config_dir("report-explorer", appauthor=False)) / name


def find_user_file(env_var: str, user: Path, bundled: Path) -> Path:
    """$env_var if set, else the user's copy if it exists, else the bundled file."""
    env = os.environ.get(env_var)
    if env:
        return Path(env).expanduser()
    return user if user.is_file() else bundled


def read_user_file(path: Path, what: str, error: type[Exception]) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise error(f"cannot read {what} file {path}: {exc}") from exc


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        st = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), st.st_mtime_ns, st.st_size)


class ReloadingCache(Generic[T]):
    """The parsed contents of the file `path()` names, loaded on first use and again whenever
    that file (or the choice of file) changes."""

    def __init__(self, path: Callable[[], Path], load: Callable[[], T]) -> None:
        self._path = path
        self._load = load
        self._lock = threading.Lock()
        self._value: T | None = None
        self._stamp: tuple[str, int, int] | None = None

    def get(self) -> T:
        stamp = _stamp(self._path())
        with self._lock:
            if self._value is None or stamp != self._stamp:
                self._value = self._load()
                self._stamp = stamp
            return self._value

    def set(self, value: T) -> None:
        """Use `value` (loaded from a file of the caller's choice) until the file changes."""
        with self._lock:
            self._value = value
            self._stamp = _stamp(self._path())

"""An inter-process lock file (whoosh's portable fcntl/msvcrt lock), for the library's writer."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from whoosh.util.filelock import FileLock


class ProcessLock:
    """Held by the one process that writes a library; the OS drops it if that process dies
    (kill -9, power loss), so a stale lock never blocks the next run."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = FileLock(str(path))
        # File locks are per process: threads of this process are kept apart here.
        self._thread_lock = threading.Lock()
        self.held = False

    def acquire(self) -> bool:
        if not self._thread_lock.acquire(blocking=False):
            return False
        if not self._lock.acquire(blocking=False):
            self._thread_lock.release()
            return False
        self.held = True
        # Who holds it, for the "another index is running" message.
        self.path.with_suffix(".pid").write_text(str(os.getpid()), encoding="ascii")
        return True

    def holder(self) -> str:
        try:
            return self.path.with_suffix(".pid").read_text(encoding="ascii").strip()
        except OSError:
            return "?"

    def release(self) -> None:
        if self.held:
            self.held = False
            self._lock.release()
            self._thread_lock.release()

"""An inter-process lock file for the library's writer: flock on POSIX, msvcrt.locking on
Windows; the OS releases either when the holding process dies."""

from __future__ import annotations

import errno
import os
import sys
import threading
from pathlib import Path


class FileLock:
    """A non-blocking exclusive lock on one file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.fd: int | None = None

    def acquire(self, blocking: bool = False) -> bool:
        fd = os.open(self.path, os.O_CREAT | os.O_WRONLY)
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EDEADLK):
                return False
            raise
        self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        try:
            if sys.platform == "win32":
                import msvcrt

                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


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

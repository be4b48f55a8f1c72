"""Long jobs off the GUI thread: QRunnable workers that talk back through signals.

A worker never touches a widget. It gets a `TaskContext` to report progress (throttled,
so a fast loop cannot flood the GUI thread's event queue) and to poll for cancellation;
its return value arrives in `finished`, an exception's message in `failed`.
"""

from __future__ import annotations

import contextlib
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

PROGRESS_INTERVAL = 0.05  # seconds between two progress signals


class TaskSignals(QObject):
    progress = Signal(int, int, str)  # done, total, what is being done
    finished = Signal(object)  # the job's return value
    failed = Signal(str)  # a message a person can read
    cancelled = Signal()
    done = Signal()  # after any of finished/failed/cancelled


class TaskCancelled(Exception):
    """Raised inside a job by `TaskContext.check()` to stop it early."""


class TaskContext:
    def __init__(self, signals: TaskSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()
        self._last = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise TaskCancelled

    def progress(self, done: int, total: int, text: str = "") -> None:
        now = time.monotonic()
        if done >= total or now - self._last >= PROGRESS_INTERVAL:
            self._last = now
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile (Task._tell)
                self._signals.progress.emit(done, total, text)


class Task(QRunnable):
    """Runs `job(context)` in a pool thread. Create it on the GUI thread (its signals
    object then lives there and every signal is delivered queued, on the GUI thread)."""

    def __init__(self, job: Callable[[TaskContext], Any], name: str = "") -> None:
        super().__init__()
        self.setAutoDelete(False)  # TaskRunner keeps the Python object until `done`
        self.name = name or getattr(job, "__name__", "task")
        self.signals = TaskSignals()
        self.context = TaskContext(self.signals)
        self._job = job

    def cancel(self) -> None:
        self.context.cancel()

    def run(self) -> None:
        try:
            if self.context.cancelled:
                raise TaskCancelled
            result = self._job(self.context)
        except TaskCancelled:
            self._tell("cancelled")
        except Exception as exc:  # a worker must report, never die silently
            traceback.print_exc()
            self._tell("failed", str(exc) or type(exc).__name__)
        else:
            if self.context.cancelled:
                self._tell("cancelled")
            else:
                self._tell("finished", result)
        self._tell("done")

    def _tell(self, signal: str, *args: Any) -> None:
        # "Signal source has been deleted": the app closed while the job ran, and nobody
        # is left to tell (seen when a bundled app quit in the middle of a task).
        with contextlib.suppress(RuntimeError):
            getattr(self.signals, signal).emit(*args)


class TaskRunner(QObject):
    """Owns the thread pools and keeps running tasks alive.

    Reads (open a report, search, load lists) share a small pool; writes to the library
    (indexing) get their own single thread so a long index never queues a search behind it.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reads = QThreadPool(self)
        self.reads.setMaxThreadCount(2)
        # Read threads keep their library connection and its caches (the targets' folded
        # report titles, the theme counts): a thread that expired took them with it.
        self.reads.setExpiryTimeout(-1)
        self.writes = QThreadPool(self)
        self.writes.setMaxThreadCount(1)
        self._running: set[Task] = set()

    def start(self, task: Task, *, write: bool = False) -> Task:
        self._running.add(task)
        task.signals.done.connect(lambda t=task: self._forget(t))
        if len(self._running) == 1:
            self.busy_changed.emit(True)
        (self.writes if write else self.reads).start(task)
        return task

    def run(
        self,
        job: Callable[[TaskContext], Any],
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
        *,
        write: bool = False,
        name: str = "",
    ) -> Task:
        task = Task(job, name)
        if on_finished is not None:
            task.signals.finished.connect(_unless_gone(on_finished))
        if on_failed is not None:
            task.signals.failed.connect(_unless_gone(on_failed))
        return self.start(task, write=write)

    def _forget(self, task: Task) -> None:
        self._running.discard(task)
        if not self._running:
            # A task that ends after its window (and this runner) closed has nobody to tell.
            with contextlib.suppress(RuntimeError):
                self.busy_changed.emit(False)

    @property
    def running(self) -> int:
        return len(self._running)

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        ok_r = self.reads.waitForDone(msecs)
        ok_w = self.writes.waitForDone(msecs)
        return ok_r and ok_w


def _unless_gone(callback: Callable[[Any], None]) -> Callable[[Any], None]:
    """`callback`, quiet when the widgets it updates were deleted before the answer came
    (a window closed while its read ran: the queued signal still arrives, and a callback
    that is a lambda has no receiver for Qt to disconnect it with)."""

    def call(value: Any) -> None:
        try:
            callback(value)
        except RuntimeError as exc:
            if "already deleted" not in str(exc):
                raise

    return call


def run_or_call(
    runner: TaskRunner | None,
    job: Callable[..., Any],
    done: Callable[[Any], None],
    failed: Callable[[str], None],
    *,
    name: str,
    expected: tuple[type[BaseException], ...] = (Exception,),
) -> Task | None:
    """`job` on the runner's pool; a view made without a runner (in a test, a script)
    calls it here instead, an `expected` error going to `failed` as the pool would send it."""
    if runner is not None:
        return runner.run(job, done, failed, name=name)
    try:
        result = job()
    except expected as exc:
        failed(str(exc))
    else:
        done(result)
    return None

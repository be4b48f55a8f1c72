"""Preparing files within a time budget: a crafted or pathological file cannot stall a run.

Each file gets `seconds` of CPU time: a machine busy with other work does not make a
normal file fail. Inside the process that reads it, a timer (ITIMER_PROF, on POSIX)
interrupts Python code past the budget (the regular expression engine checks for it too),
so the file is skipped with a clear reason and the worker goes on. A worker that does not
answer within WALL_FACTOR times the budget plus KILL_GRACE of wall time (stuck in C code,
or on Windows where there is no such timer) is killed and replaced, and its file skipped
with the same reason.

`budgeted_map` is a minimal process pool built for that: a worker per pipe, so the parent
always knows which file each worker holds. Results come back in completion order.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, TypeVar

A = TypeVar("A")
R = TypeVar("R")

ENV_SECONDS = "REPORT_EXPLORER_FILE_SECONDS"
# CPU seconds. A real report takes well under one (bench_ingest.py); a 50 MB text file about
# 200 today (benchmarks/README.md), which must still get in.
FILE_SECONDS = 300.0
WALL_FACTOR = 4.0  # wall time per CPU second a loaded machine may need
KILL_GRACE = 10.0  # and beyond that, before a silent worker is killed


class OverBudget(BaseException):
    """Raised inside the reading of a file past its budget. A BaseException, so that the
    pipeline's own `except Exception` blocks do not swallow it."""


def file_seconds() -> float:
    try:
        return float(os.environ.get(ENV_SECONDS, "")) or FILE_SECONDS
    except ValueError:
        return FILE_SECONDS


def over_budget_reason(seconds: float) -> str:
    return (f"reading it took longer than {seconds:g} s of processor time "
            "(a file this slow is probably damaged or crafted)")


def kill_after(seconds: float) -> float:
    """Wall time after which a worker holding one file is killed."""
    return seconds * WALL_FACTOR + KILL_GRACE


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget in this thread after `seconds` of this process's CPU time, where the
    platform allows (POSIX, main thread); elsewhere a no-op, and the pool's kill is the
    only limit."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise OverBudget()

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent was killed (kill -9, crash) stops instead of reading the rest
    of its work for nobody."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _worker(conn: Any, fn: Callable[[Any], Any], parent: int) -> None:
    _exit_with_parent(parent)
    conn.send(_READY)  # started (spawn and imports take seconds): the clock runs from here
    while True:
        try:
            arg = conn.recv()
        except EOFError:
            return
        if arg is None:
            return
        conn.send(fn(arg))


_READY = "ready"


class _Worker:
    def __init__(self, ctx: Any, fn: Callable[[Any], Any]) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(child, fn, os.getpid()), daemon=True)
        self.process.start()
        child.close()
        self.arg: Any = None
        self.started = 0.0

    def give(self, arg: Any) -> None:
        self.arg, self.started = arg, time.monotonic()
        self.conn.send(arg)

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        with suppress(OSError):
            self.conn.send(None)
        self.process.join(5)
        if self.process.is_alive():
            self.kill()
        else:
            self.conn.close()


def budgeted_map(
    fn: Callable[[A], R],
    args: list[A],
    workers: int,
    seconds: float,
    failed: Callable[[A, str], R],
) -> Iterator[R]:
    """fn(arg) for each arg in `workers` spawned processes (fn runs its own time_budget);
    a worker silent past kill_after(seconds) is killed and failed(arg, reason) given
    instead, as for a worker that died. Closing the iterator kills the busy workers."""
    # Here, not at the top: a run of a few files reads them in its own process (indexing.py)
    # and `show` reads one; neither needs multiprocessing and its sockets and pickling.
    import multiprocessing
    from multiprocessing.connection import wait

    ctx = multiprocessing.get_context("spawn")  # fork is unsafe in a threaded process (the app)

    def start(into: dict[Any, _Worker]) -> None:
        w = _Worker(ctx, fn)
        into[w.conn] = w

    pending = deque(args)
    starting: dict[Any, _Worker] = {}
    for _ in range(min(workers, len(args))):
        start(starting)
    idle: list[_Worker] = []
    busy: dict[Any, _Worker] = {}
    try:
        while pending or busy:
            while idle and pending:
                w = idle.pop()
                w.give(pending.popleft())
                busy[w.conn] = w
            timeout = None
            if busy:
                deadline = min(w.started for w in busy.values()) + kill_after(seconds)
                timeout = max(0.0, deadline - time.monotonic())
            for conn in wait([*starting, *busy], timeout=timeout):
                w = starting.pop(conn) if conn in starting else busy.pop(conn)
                try:
                    result: R = w.conn.recv()
                except (EOFError, OSError):  # the worker died (out of memory, a crash)
                    code = w.process.exitcode
                    w.kill()
                    if w.arg is None:
                        raise RuntimeError(f"an ingest worker could not start (exit code {code})") from None
                    if pending:
                        start(starting)
                    yield failed(w.arg, f"the process reading it stopped (exit code {code})")
                    continue
                idle.append(w)
                if w.arg is not None:
                    w.arg = None
                    yield result
            now = time.monotonic()
            for conn, w in list(busy.items()):
                if now - w.started > kill_after(seconds):
                    del busy[conn]
                    w.kill()
                    if pending:
                        start(starting)
                    yield failed(w.arg, over_budget_reason(seconds))
    finally:
        for w in [*busy.values(), *starting.values()]:
            w.kill()  # cancelled: what it was writing is a *.tmp the run sweeps away
        for w in idle:
            w.stop()

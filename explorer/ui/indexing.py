"""Index (or move the index to another engine) in a child process, so the GUI process never competes for its own GIL.

Library.index in a thread of the GUI process froze the window for up to 2.3 s at a time
while 1,000 reports were indexed (bench_gui.py): whoosh sorts its postings with one
C-level sorted() call that holds the GIL. A child process has its own interpreter; the
worker thread here only waits on a pipe (GIL released) and forwards progress.

No Qt in this module: the child imports it.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from typing import Any

POLL_SECONDS = 0.1
CANCEL_GRACE_SECONDS = 2.0  # a cancelled engine move still working after this is stopped


def _child(library_path: str, job: tuple[str, Any], conn: Any, cancel: Any) -> None:
    """job: ("index", paths) runs Library.index; ("engine", name or None) Library.set_engine."""
    from explorer.library import Library

    def progress(p: Any) -> None:
        conn.send(("progress", p.done, p.total, str(p.current or "")))

    try:
        with Library(library_path) as library:
            if job[0] == "engine":
                result: Any = library.set_engine(job[1], progress=progress, cancel=cancel.is_set)
            else:
                result = library.index(job[1], progress=progress, cancel=cancel.is_set)
        conn.send(("done", result))
    except BaseException as exc:  # reported to the parent, which shows it
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def index_in_child(
    library_path: str,
    paths: list[str],
    progress: Callable[[int, int, str], None],
    cancelled: Callable[[], bool],
) -> Any:
    """Run Library(library_path).index(paths) in a spawned process; returns its
    IndexSummary. Raises RuntimeError with the child's message if it failed."""
    return _run_in_child(library_path, ("index", paths), progress, cancelled)


def set_engine_in_child(
    library_path: str,
    engine: str | None,
    progress: Callable[[int, int, str], None],
    cancelled: Callable[[], bool],
) -> bool:
    """Run Library(library_path).set_engine(engine) in a spawned process (building an
    index holds the GIL as indexing does); True when the library uses the engine, False
    when cancelled (the move resumes next time)."""
    return bool(_run_in_child(library_path, ("engine", engine), progress, cancelled, stop_when_slow=True))


def _run_in_child(
    library_path: str,
    job: tuple[str, Any],
    progress: Callable[[int, int, str], None],
    cancelled: Callable[[], bool],
    stop_when_slow: bool = False,
) -> Any:
    """stop_when_slow: a child still working CANCEL_GRACE_SECONDS after a cancel is stopped
    (an engine move, whose only writes are the new engine's folder). An index run is left
    to stop at its next commit point: it then also drops the report files it stored for
    the batch it gave up, which a stopped child would leave to the next run."""
    ctx = multiprocessing.get_context("spawn")  # fork is unsafe in a threaded Qt process
    parent_end, child_end = ctx.Pipe(duplex=False)
    cancel = ctx.Event()
    # Not a daemon: Library.index starts its own worker processes.
    proc = ctx.Process(target=_child, args=(library_path, job, child_end, cancel), name="report-explorer-index")
    proc.start()
    child_end.close()
    asked_to_stop: float | None = None
    try:
        while True:
            if cancelled():
                cancel.set()
                asked_to_stop = asked_to_stop or time.monotonic()
                if stop_when_slow and time.monotonic() - asked_to_stop > CANCEL_GRACE_SECONDS:
                    # Between two files or two documents the child stops within a moment;
                    # in a commit (whoosh takes half a minute for 200 reports) it would not.
                    # Stopping it is what a crash is to the library: what was committed
                    # stays, the rest is done again next time (tests/robustness).
                    # The parent has Qt (this module has none: the child imports it).
                    from explorer.ui.tasks import TaskCancelled

                    proc.terminate()
                    proc.join(5)
                    raise TaskCancelled
            if not parent_end.poll(POLL_SECONDS):
                if not proc.is_alive() and not parent_end.poll(0):
                    raise RuntimeError(f"the indexing process died (exit code {proc.exitcode})")
                continue
            try:
                message = parent_end.recv()
            except EOFError as exc:
                raise RuntimeError(f"the indexing process died (exit code {proc.exitcode})") from exc
            kind = message[0]
            if kind == "progress":
                progress(message[1], message[2], message[3])
            elif kind == "done":
                return message[1]
            else:
                raise RuntimeError(message[1])
    finally:
        cancel.set()
        proc.join(30)
        if proc.is_alive():
            proc.terminate()
            proc.join(5)
        parent_end.close()

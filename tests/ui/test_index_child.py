"""A cancelled job in the indexing child process: a child that does not stop within the
grace period (a whoosh commit of a batch takes half a minute) is stopped, the job counts
as cancelled, and the library is as a crash would leave it: what was committed stays."""

from __future__ import annotations

import shutil
import time

import pytest

from explorer.library import Library
from explorer.resources import sample_paths
from explorer.ui import indexing
from explorer.ui.tasks import TaskCancelled


def test_a_child_that_does_not_stop_in_time_is_stopped(tmp_path, monkeypatch):
    src = tmp_path / "reports"
    src.mkdir()
    for p in sample_paths():
        shutil.copy(p, src / p.name)
    lib = Library(tmp_path / "lib", workers=1)
    lib.index([src])
    before = lib.search("就业").total
    lib.close()
    monkeypatch.setattr(indexing, "CANCEL_GRACE_SECONDS", 0.0)
    started = time.monotonic()
    with pytest.raises(TaskCancelled):
        indexing.set_engine_in_child(str(tmp_path / "lib"), "tantivy", lambda *a: None, lambda: True)
    assert time.monotonic() - started < 10  # not the child's own pace: it was stopped
    lib = Library(tmp_path / "lib", workers=1)
    assert lib.engine == "whoosh" and lib.search("就业").total == before
    assert lib.set_engine("tantivy") and lib.search("就业").total == before
    lib.close()

"""Hostile and broken input: a folder of everything a scraped folder can hold.

One guarded `report-explorer index` run over the whole hostile folder (module fixture),
then one test per case: every good file indexed (its own marker word is found, in that
file only), every bad file named on stderr with its reason, no traceback, no hang,
nothing executed, nothing fetched. The cases themselves are in hostile.py.
"""

from __future__ import annotations

import builtins
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from explorer.library import Library
from tests.robustness.conftest import Guard, make_guard, run_cli
from tests.robustness.hostile import Case, build_hostile_folder, corpus_text, many_lines

INDEX_TIMEOUT = 300  # seconds; the run takes ~10 s on 2 busy cores


@dataclass(frozen=True)
class Run:
    cases: list[Case]
    data: Path
    library: Path
    cwd: Path
    guard: Guard
    returncode: int
    stderr: str
    seconds: float


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    base = tmp_path_factory.mktemp("hostile")
    data = base / "data"
    cases = build_hostile_folder(data)
    guard = make_guard(base / "guard")
    cwd = base / "cwd"
    cwd.mkdir()
    t0 = time.monotonic()
    # Two workers: the spawned ingest processes run the guard too.
    proc = run_cli(["index", str(data), "--library", str(base / "lib"), "--quiet"], guard, cwd,
                   timeout=INDEX_TIMEOUT, REPORT_EXPLORER_WORKERS="2")
    seconds = time.monotonic() - t0
    print(f"\nhostile folder: {len(cases)} cases indexed in {seconds:.1f} s")
    return Run(cases, data, base / "lib", cwd, guard, proc.returncode, proc.stderr, seconds)


def shown(path: Path | str) -> str:
    """A path as stderr prints it (surrogate escapes of undecodable names as \\udcXX)."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def _skipped_lines(stderr: str) -> dict[str, str]:
    # "skipped PATH: REASON"; a path may hold ": " and even a newline, so match known paths.
    return {m.group(1): m.group(2) for m in re.finditer(r"^skipped (.*?): (.*)$", stderr, re.M)}


def test_index_run_finishes_cleanly(hostile_run: Run) -> None:
    assert hostile_run.returncode == 0, hostile_run.stderr[-3000:]
    assert "Traceback" not in hostile_run.stderr, hostile_run.stderr[-3000:]
    # The guard really ran (in the CLI process at least): the socket check below means something.
    assert hostile_run.guard.loaded_mark.exists()


def test_nothing_fetched(hostile_run: Run) -> None:
    mark = hostile_run.guard.socket_mark
    assert not mark.exists(), f"a connection was attempted: {mark.read_text()}"


def test_nothing_executed(hostile_run: Run) -> None:
    base = hostile_run.data.parent
    made = [p for p in base.rglob("*pwned*") if p.is_file() and p.stat().st_size == 0]
    assert not made, f"a file name was executed by a shell: {made}"
    assert not (hostile_run.cwd / "pwned").exists()
    assert not Path("pwned").exists()


def _good(run: Run) -> list[Case]:
    return [c for c in run.cases if c.good]




def _case_ids(good: bool) -> list[str]:
    # The case list is fixed by hostile.py; build it once in a scratch folder for the ids.
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return [c.name for c in build_hostile_folder(Path(tmp) / "d") if c.good == good]


@pytest.mark.parametrize("name", _case_ids(True))
def test_good_file_is_indexed(hostile_run: Run, name: str) -> None:
    case = next(c for c in hostile_run.cases if c.name == name)
    skipped = _skipped_lines(hostile_run.stderr)
    assert str(case.path) not in skipped, skipped.get(str(case.path))
    found = Library(hostile_run.library, workers=1).search(case.marker, limit=0)
    assert [h.path for h in found.results] == [str(case.path)], (
        f"{case.marker} should be found in {case.path} only")
    assert found.results[0].hits == 1


@pytest.mark.parametrize("name", _case_ids(False))
def test_bad_file_is_named_with_its_reason(hostile_run: Run, name: str) -> None:
    case = next(c for c in hostile_run.cases if c.name == name)
    skipped = _skipped_lines(hostile_run.stderr)
    assert shown(case.path) in skipped, f"{case.path} not named on stderr:\n{hostile_run.stderr[-2000:]}"
    reason = skipped[shown(case.path)]
    assert reason.strip(), "a skip needs a reason"
    assert case.reason.lower() in reason.lower(), reason
    assert "Traceback" not in reason and "Error:" not in reason, f"an internal error, not a reason: {reason}"


def test_html_scripts_and_styles_are_not_text(hostile_run: Run) -> None:
    lib = Library(hostile_run.library, workers=1)
    for word in ("脚本内容不应出现", "脚本样式不应出现", "127.0.0.1"):
        assert lib.search(f'"{word}"').total == 0, word


def test_every_good_file_and_nothing_else(hostile_run: Run) -> None:
    lib = Library(hostile_run.library, workers=1)
    assert sorted(r.path for r in lib.reports()) == sorted(str(c.path) for c in _good(hostile_run))


# -- unreadable files and folders --------------------------------------------------------


def _as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.mark.skipif(_as_root(), reason="running as root: chmod 000 does not stop root reading "
                    "(the monkeypatched tests below cover the same paths)")
def test_chmod_000_file_and_folder_are_named(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "locked").mkdir(parents=True)
    text = corpus_text("national_2024.txt")
    (data / "good.txt").write_text(text, encoding="utf-8")
    (data / "locked" / "inside.txt").write_text(text, encoding="utf-8")
    (data / "secret.txt").write_text(text, encoding="utf-8")
    os.chmod(data / "secret.txt", 0)
    os.chmod(data / "locked", 0)
    try:
        summary = Library(tmp_path / "lib", workers=1).index([data])
    finally:
        os.chmod(data / "locked", 0o755)
        os.chmod(data / "secret.txt", 0o644)
    skipped = dict(summary.skipped)
    assert "denied" in skipped[str(data / "secret.txt")].lower()
    assert str(data / "locked") in skipped
    assert summary.added == 1


def test_unreadable_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Works as root too: opening this one file raises PermissionError."""
    data = tmp_path / "data"
    data.mkdir()
    text = corpus_text("national_2024.txt")
    (data / "good.txt").write_text(text, encoding="utf-8")
    secret = data / "secret.txt"
    secret.write_text(text, encoding="utf-8")
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(file) == str(secret) if isinstance(file, (str, os.PathLike)) else False:
            raise PermissionError(13, "Permission denied", str(secret))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    summary = Library(tmp_path / "lib", workers=1).index([data])
    monkeypatch.setattr(builtins, "open", real_open)
    skipped = dict(summary.skipped)
    assert "denied" in skipped.get(str(secret), "").lower(), summary.skipped
    assert summary.added == 1


def test_unreadable_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Works as root too: listing this one folder raises PermissionError. A folder the
    walk cannot enter must be named, not silently left out."""
    data = tmp_path / "data"
    locked = data / "locked"
    locked.mkdir(parents=True)
    text = corpus_text("national_2024.txt")
    (data / "good.txt").write_text(text, encoding="utf-8")
    (locked / "inside.txt").write_text(text, encoding="utf-8")
    real_scandir = os.scandir

    def guarded_scandir(path=".", *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    summary = Library(tmp_path / "lib", workers=1).index([data])
    monkeypatch.setattr(os, "scandir", real_scandir)
    skipped = dict(summary.skipped)
    assert "denied" in skipped.get(str(locked), "").lower(), summary.skipped
    assert summary.added == 1


# -- files that change under the indexer ---------------------------------------------------


def test_file_deleted_or_changed_while_indexing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Between two files of one run, one file is deleted and another rewritten. The deleted
    one is named, the rewritten one indexed with what it holds when read, and a second
    run leaves the library exactly as a clean index of the final files."""
    import explorer.library.indexing as library_module

    data = tmp_path / "data"
    data.mkdir()
    text = corpus_text("national_2024.txt")
    names = ["a.txt", "b.txt", "c.txt", "d.txt"]
    for i, name in enumerate(names):
        (data / name).write_text(f"第{i}号甲乙。\n" + text, encoding="utf-8")
    real_prepare = library_module._prepare

    def prepare(path: str, *args):  # type: ignore[no-untyped-def]
        if path.endswith("a.txt"):  # after the scan, before the others are read
            (data / "b.txt").unlink()
            (data / "c.txt").write_text("改写后的内容丙丁。\n" + text, encoding="utf-8")
        if path.endswith("d.txt"):
            # Changed between being hashed and being read: the worst moment.
            real_hash = library_module._hash_file

            def hash_then_change(p: str):  # type: ignore[no-untyped-def]
                out = real_hash(p)
                Path(p).write_text("第二次改写戊己。\n" + text + "追加。", encoding="utf-8")
                return out

            monkeypatch.setattr(library_module, "_hash_file", hash_then_change)
        try:
            return real_prepare(path, *args)
        finally:
            monkeypatch.setattr(library_module, "_hash_file", real_hash_file)

    real_hash_file = library_module._hash_file
    monkeypatch.setattr(library_module, "_prepare", prepare)
    lib = Library(tmp_path / "lib", workers=1)
    summary = lib.index([data])
    monkeypatch.undo()
    skipped = dict(summary.skipped)
    assert "does not exist" in skipped.get(str(data / "b.txt"), "") or "No such file" in skipped.get(
        str(data / "b.txt"), ""), summary.skipped
    assert lib.search("丙丁").total == 1

    lib.index([data])  # the repair run: d.txt's stored hash is stale, it is read again
    fresh = Library(tmp_path / "fresh", workers=1)
    fresh.index([data])
    assert _state(lib) == _state(fresh)
    assert lib.search("戊己").total == 1


def _state(lib: Library) -> list[tuple[str, str, int]]:
    return sorted((r.path, r.title, r.n_chars) for r in lib.reports())


# -- size ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_50_mb_text(tmp_path: Path) -> None:
    """A 50 MB text (hundreds of copies of a report): indexed, bounded in time.
    Measured ~100 s on the 2-core machine (ingest ~50 s, gram index ~50 s): slow."""
    data = tmp_path / "data"
    data.mkdir()
    marker = "標記爩爩號"
    (data / "big.txt").write_bytes(many_lines(corpus_text("national_2024.txt"), marker, 50 * 1024 * 1024))
    guard = make_guard(tmp_path / "guard")
    t0 = time.monotonic()
    proc = run_cli(["index", str(data), "--library", str(tmp_path / "lib"), "-q"], guard, tmp_path,
                   timeout=600)
    seconds = time.monotonic() - t0
    print(f"\n50 MB text indexed in {seconds:.1f} s")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert Library(tmp_path / "lib", workers=1).search(marker).total == 1


def test_pipe_given_by_name_is_named_not_read(tmp_path: Path) -> None:
    """A FIFO passed as a PATH argument: opening it would block the run forever."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    summary = Library(tmp_path / "lib", workers=1).index([fifo, tmp_path / "missing.txt"])
    reasons = dict(summary.skipped)
    assert "not a regular file" in reasons[str(fifo)]
    assert "does not exist" in reasons[str(tmp_path / "missing.txt")]

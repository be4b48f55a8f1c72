"""The library folder under attack or in trouble: damaged, foreign or hostile index files,
a read-only folder, a full disk, and a searcher that outlives the index it read."""

from __future__ import annotations

from pathlib import Path

from explorer.library import Library
from tests.robustness.hostile import corpus_text


def test_reindexed_report_is_found_once_by_the_same_library(tmp_path: Path) -> None:
    """The app indexes and searches with one Library: after a file changed and was indexed
    again, the search must see the new index generation, each report once (whoosh's
    Searcher.refresh kept the old reader's deletions: the report was counted twice)."""
    text = corpus_text("national_2024.txt")
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.txt").write_text("戊己一。\n" + text, encoding="utf-8")
    (data / "b.txt").write_text("其他。\n" + text, encoding="utf-8")
    lib = Library(tmp_path / "lib", workers=1)
    lib.index([data])
    assert lib.search("戊己").total == 1
    (data / "a.txt").write_text("戊己二。\n" + text + "补充。", encoding="utf-8")
    lib.index([data])
    found = lib.search("戊己", limit=0)
    assert (found.total, [h.path for h in found.results]) == (1, [str(data / "a.txt")])
    assert lib.search("戊己二").total == 1 and lib.search("戊己一").total == 0
    lib.remove([str(data / "a.txt")])
    assert lib.search("戊己").total == 0


# -- a library to damage ------------------------------------------------------------------

import builtins  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

import pytest  # noqa: E402
from whoosh.filedb.filestore import FileStorage  # noqa: E402
from whoosh.system import _FLOAT_SIZE, _INT_SIZE, _LONG_SIZE  # noqa: E402

from tests.robustness.conftest import make_guard, run_cli  # noqa: E402

CORPUS = ["national_2024.txt", "national_2025.txt", "district_hailaer_2012.gbk.txt"]
QUERIES = ["就业", "高质量发展", "海拉尔 OR 国务院", '"新质生产力"']


@pytest.fixture(scope="module")
def built_library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, int]]:
    """A small library (data folder, library folder, search totals), built once and copied."""
    base = tmp_path_factory.mktemp("lib")
    data = base / "data"
    data.mkdir()
    for name in CORPUS:
        (data / name).write_text(corpus_text(name), encoding="utf-8")
    lib = Library(base / "lib", workers=1)
    lib.index([data])
    counts = {q: lib.search(q).total for q in QUERIES}
    lib.close()
    assert all(counts.values()), counts
    return data, base / "lib", counts


def _copy(built: tuple[Path, Path, dict[str, int]], tmp_path: Path) -> Path:
    dest = tmp_path / "lib"
    shutil.copytree(built[1], dest, ignore=shutil.ignore_patterns("index.lock", "*.pid"))
    return dest


def _totals(lib: Library) -> dict[str, int]:
    return {q: lib.search(q).total for q in QUERIES}


class _Evil:
    """Unpickling this creates `marker`: the proof that a pickle ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (builtins.open, (str(self.marker), "w"))


def _write_evil_toc(index_dir: Path, marker: Path) -> None:
    """A whoosh TOC file, byte for byte the layout whoosh writes, whose schema and segment
    list are pickles that would create `marker` when loaded."""
    import pickle

    for f in index_dir.glob("_MAIN_*.toc"):
        f.unlink()
    storage = FileStorage(str(index_dir))
    stream = storage.create_file("_MAIN_99.toc")
    for n in (_INT_SIZE, _LONG_SIZE, _FLOAT_SIZE):
        stream.write_varint(n)
    stream.write_int(-12345)
    stream.write_int(-111)  # whoosh's current TOC version
    for n in (2, 7, 5):
        stream.write_varint(n)
    stream.write_string(pickle.dumps(_Evil(marker), 2))
    stream.write_int(99)
    stream.write_int(0)
    stream.write_pickle([_Evil(marker)])
    stream.close()


@pytest.mark.parametrize("keep_format", [True, False], ids=["format-file-copied", "no-format-file"])
def test_pickle_in_the_index_is_never_run(built_library, tmp_path: Path, keep_format: bool) -> None:
    """A library folder from elsewhere whose index would run code when unpickled: it is
    detected and rebuilt, the code never runs, even with a FORMAT file that says "ours"."""
    lib_dir = _copy(built_library, tmp_path)
    marker = tmp_path / "PWNED-by-pickle"
    _write_evil_toc(lib_dir / "index", marker)
    if not keep_format:
        (lib_dir / "index" / "FORMAT").unlink()
    lib = Library(lib_dir, workers=1)
    assert _totals(lib) == built_library[2]
    assert not marker.exists(), "the index's pickle was loaded and ran code"
    lib.close()
    # And the writer path (index run) too, in a fresh process.
    _write_evil_toc(lib_dir / "index", marker)
    proc = run_cli(["index", str(built_library[0]), "--library", str(lib_dir), "-q"],
                   make_guard(tmp_path / "guard"), tmp_path, timeout=300)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert not marker.exists(), "the index's pickle was loaded and ran code"
    assert _totals(Library(lib_dir, workers=1)) == built_library[2]


def test_foreign_whoosh_index_is_rebuilt(built_library, tmp_path: Path) -> None:
    """Someone else's whoosh index (another schema) in the index folder, with a FORMAT
    file copied beside it: not ours, rebuilt from the manifest."""
    from whoosh import fields, index

    lib_dir = _copy(built_library, tmp_path)
    format_text = (lib_dir / "index" / "FORMAT").read_text()
    shutil.rmtree(lib_dir / "index")
    (lib_dir / "index").mkdir()
    ix = index.create_in(str(lib_dir / "index"), fields.Schema(title=fields.TEXT(stored=True), body=fields.TEXT))
    with ix.writer() as w:
        w.add_document(title="foreign", body="some text")
    ix.close()
    (lib_dir / "index" / "FORMAT").write_text(format_text)
    lib = Library(lib_dir, workers=1)
    assert _totals(lib) == built_library[2]


@pytest.mark.parametrize("damage", ["truncate-toc", "garble-segments", "empty-folder", "format-says-other"])
def test_damaged_index_is_rebuilt(built_library, tmp_path: Path, damage: str) -> None:
    lib_dir = _copy(built_library, tmp_path)
    ix_dir = lib_dir / "index"
    if damage == "truncate-toc":
        for f in ix_dir.glob("*.toc"):
            f.write_bytes(f.read_bytes()[:20])
    elif damage == "garble-segments":
        for f in ix_dir.glob("*.seg"):
            data = bytearray(f.read_bytes())
            for i in range(64, len(data), 97):
                data[i] ^= 0x5A
            f.write_bytes(bytes(data))
    elif damage == "empty-folder":
        for f in ix_dir.iterdir():
            f.unlink()
    else:
        (ix_dir / "FORMAT").write_text("report-explorer-search 0\n")
    # A search in a fresh process (as the CLI does): the right totals, no traceback.
    guard = make_guard(tmp_path / "guard")
    for q in QUERIES:
        proc = run_cli(["search", q, "--library", str(lib_dir), "--json"], guard, tmp_path, timeout=120)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
        import json

        assert json.loads(proc.stdout)["total"] == built_library[2][q], q
    assert _totals(Library(lib_dir, workers=1)) == built_library[2]


def test_damaged_manifest_gives_a_clear_error(built_library, tmp_path: Path) -> None:
    lib_dir = _copy(built_library, tmp_path)
    for f in lib_dir.glob("library.sqlite*"):
        f.write_bytes(b"this is not a database" * 100)
    proc = run_cli(["search", "就业", "--library", str(lib_dir)], make_guard(tmp_path / "g"), tmp_path, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode != 0 and str(lib_dir) in proc.stderr, proc.stderr


# -- a folder that cannot be written ------------------------------------------------------


def _can_make_read_only(folder: Path) -> bool:
    os.chmod(folder, 0o555)
    try:
        (folder / "probe").write_text("x")
    except OSError:
        return True
    finally:
        os.chmod(folder, 0o755)
    (folder / "probe").unlink()
    return False


def test_read_only_library_folder(built_library, tmp_path: Path) -> None:
    """`index` into a library the user cannot write: a clear error, no traceback; search
    still works."""
    lib_dir = _copy(built_library, tmp_path)
    if not _can_make_read_only(lib_dir):
        pytest.skip("running as root: a read-only folder is writable; see the ENOSPC test")
    new = tmp_path / "new"
    new.mkdir()
    (new / "n.txt").write_text("甲乙丙丁。\n" + corpus_text("national_2025.txt"), encoding="utf-8")
    for p in [lib_dir, *lib_dir.rglob("*")]:
        os.chmod(p, 0o555 if p.is_dir() else 0o444)
    try:
        guard = make_guard(tmp_path / "g")
        proc = run_cli(["index", str(new), "--library", str(lib_dir)], guard, tmp_path, timeout=120)
        assert proc.returncode != 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
        assert str(lib_dir) in proc.stderr
        proc = run_cli(["search", "就业", "--library", str(lib_dir), "--json"], guard, tmp_path, timeout=120)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    finally:
        for p in [lib_dir, *lib_dir.rglob("*")]:
            os.chmod(p, 0o755 if p.is_dir() else 0o644)


_ENOSPC_SCRIPT = r'''
import errno, os, sys
real_write = os.write
import explorer.library as L

# Full disk after the index run started: every write to a file of the library fails.
real_open = open
class FullFile:
    def __init__(self, f): self._f = f
    def write(self, data): raise OSError(errno.ENOSPC, "No space left on device")
    def __getattr__(self, name): return getattr(self._f, name)
    def __enter__(self): return self
    def __exit__(self, *a): self._f.close()

import builtins
lib_dir = os.environ["LIB"]
def full_open(file, mode="r", *a, **k):
    f = real_open(file, mode, *a, **k)
    if any(c in mode for c in "wax+") and os.fspath(file).startswith(lib_dir):
        return FullFile(f)
    return f
builtins.open = full_open
from explorer.cli import main
sys.exit(main(sys.argv[1:]))
'''


def test_full_disk_while_indexing(built_library, tmp_path: Path) -> None:
    """ENOSPC on every write into the library folder (simulated: works as root, needs no
    mount): `index` stops with a clear error and no traceback; the library still searches
    with what it held before."""
    lib_dir = _copy(built_library, tmp_path)
    new = tmp_path / "new"
    new.mkdir()
    (new / "n.txt").write_text("甲乙丙丁。\n" + corpus_text("national_2025.txt"), encoding="utf-8")
    script = tmp_path / "full.py"
    script.write_text(_ENOSPC_SCRIPT)
    guard = make_guard(tmp_path / "g")
    proc = subprocess.run([sys.executable, str(script), "index", str(new), "--library", str(lib_dir)],
                          cwd=tmp_path, env=guard.env(LIB=str(lib_dir)), capture_output=True, text=True,
                          timeout=180)
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode != 0
    assert ("space" in proc.stderr.lower() or "full" in proc.stderr.lower()) and str(lib_dir) in proc.stderr, proc.stderr
    lib = Library(lib_dir, workers=1)
    assert _totals(lib) == built_library[2]
    lib.index([new])  # disk space back: the next run adds the file
    assert lib.search("甲乙丙丁").total == 1



def test_own_index_is_opened_not_rebuilt(built_library) -> None:
    """The restricted unpickler must accept everything whoosh itself writes (protocol 2
    TOC with Python 2 names, posting blocks, stored fields): an index the app wrote opens
    as it is; were it refused, every search would silently rebuild it."""
    from explorer.search.whoosh_engine import WhooshEngine

    ix = WhooshEngine(built_library[1] / "index")
    assert ix.open()
    assert ix.stats().documents == len(CORPUS)
    assert len(ix.keys()) == len(CORPUS)
    ix.close()


# -- real read-only and full file systems (root with mount rights; skipped otherwise) ------


def _mount(*args: str) -> bool:
    try:
        return subprocess.run(["mount", *args], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _umount(point: Path) -> None:
    subprocess.run(["umount", "-l", str(point)], capture_output=True, timeout=30)


def _lib_size(lib_dir: Path) -> int:
    return sum(p.stat().st_size for p in lib_dir.rglob("*") if p.is_file())


def test_read_only_file_system(built_library, tmp_path: Path) -> None:
    """The library on a read-only mount (EROFS stops root too): `index` fails with a clear
    message, `search` works (sqlite opens it immutable; no lock, no index rebuild)."""
    src = _copy(built_library, tmp_path)
    # And its index is from another version: it cannot be rebuilt there, search without it.
    (src / "index" / "FORMAT").write_text("report-explorer-search 0\n")
    ro = tmp_path / "ro"
    ro.mkdir()
    if not (_mount("--bind", str(src), str(ro)) and _mount("-o", "remount,ro,bind", str(ro))):
        _umount(ro)
        pytest.skip("cannot make a read-only bind mount here (needs root with mount rights)")
    try:
        new = tmp_path / "new"
        new.mkdir()
        (new / "n.txt").write_text("甲乙丙丁。\n" + corpus_text("national_2025.txt"), encoding="utf-8")
        guard = make_guard(tmp_path / "g")
        proc = run_cli(["index", str(new), "--library", str(ro)], guard, tmp_path, timeout=120)
        assert proc.returncode != 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
        assert str(ro) in proc.stderr and "read-only" in proc.stderr.lower(), proc.stderr
        import json

        for q in QUERIES:
            proc = run_cli(["search", q, "--library", str(ro), "--json"], guard, tmp_path, timeout=120)
            assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
            assert json.loads(proc.stdout)["total"] == built_library[2][q]
    finally:
        _umount(ro)


def test_full_file_system(built_library, tmp_path: Path) -> None:
    """The library on a tmpfs with little room left: `index` of more reports fails with a
    clear message, the library still searches as before, and once there is room the next
    run adds them and the library is consistent."""
    from tests.robustness.test_interruption import _check_consistent

    small = tmp_path / "small"
    small.mkdir()
    size_kb = _lib_size(built_library[1]) // 1024 + 300
    if not _mount("-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(small)):
        pytest.skip("cannot mount a tmpfs here (needs root with mount rights)")
    try:
        lib_dir = small / "lib"
        shutil.copytree(built_library[1], lib_dir, ignore=shutil.ignore_patterns("index.lock", "*.pid"))
        new = tmp_path / "new"
        new.mkdir()
        for name in ["national_2025.txt", "province_2026_四川省.txt", "city_shanghai_2021.txt", "002_727519bda47afc6d.txt"]:
            (new / name).write_text("甲乙丙丁。\n" + corpus_text(name), encoding="utf-8")
        guard = make_guard(tmp_path / "g")
        proc = run_cli(["index", str(new), "--library", str(lib_dir)], guard, tmp_path, timeout=180,
                       REPORT_EXPLORER_WORKERS="1")
        assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
        assert proc.returncode != 0, proc.stderr[-2000:]
        assert str(lib_dir) in proc.stderr and ("space" in proc.stderr or "full" in proc.stderr), proc.stderr
        assert _totals(Library(lib_dir, workers=1)) == built_library[2]
        assert _mount("-o", f"remount,size={size_kb * 20}k", str(small))
        lib = Library(lib_dir, workers=1)
        summary = lib.index([new])
        assert summary.added == 4 and not summary.skipped
        assert lib.search("甲乙丙丁").total == 4
        lib.close()
        _check_consistent(lib_dir)
    finally:
        _umount(small)

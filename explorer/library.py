"""The library: the reports a user collected, stored for reading and indexed for search.

The facade both the CLI and the desktop app use. A library is a folder:

    library.sqlite   manifest (WAL): sources, one row per report with the source file's
                     size, mtime and SHA-256, metadata, targets, clean and folded text
    reports/         each full Report (raw text, outline, cleaning counts...) as gzip JSON,
                     named <path key>-<content hash>.json.gz, written tmp + fsync + os.replace
    index/           the whoosh index (explorer/search), with its FORMAT version file
    index.lock       held by the process that writes (index, remove, rebuild)

Crash safety comes from the order of writes for each batch of reports: report files first
(new names, nothing is overwritten), then the whoosh commit, then the manifest transaction,
then old report files are deleted. The manifest row is the commit point: until it is
written the next `index` sees the file as new or changed and does it again; the whoosh
index is only a candidate finder, and search results are built from manifest rows, so a
whoosh document without a row is never shown (and is dropped by the next `index`).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explorer.core.model import Hit, Report, Target
from explorer.search.index import IndexDoc, SearchIndex, is_exact
from explorer.search.lock import ProcessLock
from explorer.search.normalize import search_form
from explorer.search.query import DocView, Query, QueryError, hit_spans, parse, query_matches

__all__ = [
    "IndexProgress",
    "IndexSummary",
    "Library",
    "LibraryBusy",
    "LibraryError",
    "QueryError",
    "ReportInfo",
    "SearchResults",
    "SNIPPET_MARKS",
]

LIBRARY_FORMAT = 2  # sqlite PRAGMA user_version; another value: the manifest is rebuilt
ENV_LIBRARY = "REPORT_EXPLORER_LIBRARY"
ENV_WORKERS = "REPORT_EXPLORER_WORKERS"
ENV_BATCH = "REPORT_EXPLORER_BATCH"  # reports per commit (tests shrink it to interrupt mid-run)

# A hit inside a snippet is wrapped in these (rare in Chinese report text, unlike 【】).
SNIPPET_MARKS = ("«", "»")
SNIPPET_CONTEXT = 20  # characters either side of a hit
SNIPPETS_PER_REPORT = 3

BATCH_DOCS = 100  # reports per commit: what an interruption can cost to redo
BATCH_SECONDS = 10.0
PARALLEL_MIN_FILES = 8  # below this a process pool costs more than it saves


@dataclass(frozen=True)
class IndexProgress:
    done: int
    total: int
    current: str


@dataclass(frozen=True)
class IndexSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    cancelled: bool = False


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int  # reports matched
    results: list[Hit]


@dataclass(frozen=True)
class ReportInfo:
    path: str
    title: str
    region: str
    level: str
    year: int | None
    doc_type: str
    n_targets: int
    encoding: str
    date: str | None = None
    publisher: str = ""
    n_chars: int = 0


class LibraryBusy(RuntimeError):
    """Another process is writing this library (an `index` or a rebuild is running)."""


class LibraryError(RuntimeError):
    """The library folder cannot be opened or written: damaged manifest, read-only folder,
    full disk. The message names the folder and the cause, for a person to act on."""


def _storage_trouble(path: Path, doing: str, exc: BaseException) -> LibraryError:
    reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
    return LibraryError(f"the library {path} cannot be {doing}: {reason}")


def default_library_path() -> Path:
    env = os.environ.get(ENV_LIBRARY)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("report-explorer", appauthor=False)) / "library"


def path_key(path: str) -> str:
    return hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:24]


# -- preparing one file (runs in a worker process for big jobs) -------------------------


@dataclass(frozen=True)
class _Prepared:
    path: str
    size: int
    mtime_ns: int
    sha256: str
    report_file: str | None = None  # None: content unchanged, only size/mtime moved
    row: dict[str, Any] | None = None
    skipped: str | None = None  # reason


def _hash_file(path: str) -> tuple[int, int, str]:
    st = os.stat(path)
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return st.st_size, st.st_mtime_ns, h.hexdigest()


def _write_atomic(target: Path, data: bytes) -> None:
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())  # the manifest will point here: the bytes must be on disk first
    os.replace(tmp, target)


def _prepare(path: str, known_sha: str | None, reports_dir: str, pipeline: str) -> _Prepared:
    """Read, ingest and store one file; never raises for a bad file (returns skipped)."""
    from explorer.core.ingest import load_report
    from explorer.core.read.files import UnreadableFile

    try:
        size, mtime_ns, sha = _hash_file(path)
    except OSError as exc:
        return _Prepared(path, 0, 0, "", skipped=f"it cannot be read ({exc.strerror or exc})")
    if sha == known_sha:
        return _Prepared(path, size, mtime_ns, sha)
    try:
        report = load_report(path)
    except UnreadableFile as exc:
        return _Prepared(path, size, mtime_ns, sha, skipped=str(exc))
    except Exception as exc:  # a bug in ingest must not stop a 1,000-file run
        return _Prepared(path, size, mtime_ns, sha, skipped=f"ingest failed: {type(exc).__name__}: {exc}")
    report.path = path
    key = path_key(path)
    name = f"{key}-{sha[:16]}.json.gz"
    payload = json.dumps(report.to_json(raw=True), ensure_ascii=False).encode("utf-8")
    _write_atomic(Path(reports_dir) / name, gzip.compress(payload, compresslevel=5))
    themes = sorted({t for target in report.targets for t in target.themes})
    row = {
        "key": key,
        "path": path,
        "size": size,
        "mtime_ns": mtime_ns,
        "sha256": sha,
        "report_file": name,
        "title": report.title,
        "region": report.region,
        "level": report.level,
        "year": report.year,
        "doc_type": report.doc_type,
        "date": report.date,
        "publisher": report.publisher,
        "encoding": report.encoding,
        "n_targets": len(report.targets),
        "themes": json.dumps(themes, ensure_ascii=False),
        "targets": json.dumps([t.to_json() for t in report.targets], ensure_ascii=False),
        "text": report.text,
        "folded": search_form(report.text),
        "pipeline": pipeline,  # decided once per run, the same value `known` was compared with
    }
    return _Prepared(path, size, mtime_ns, sha, report_file=name, row=row)


def _prepare_args(args: tuple[str, str | None, str, str]) -> _Prepared:
    return _prepare(*args)


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: a worker whose `index` process was killed (kill -9, crash) stops
    instead of ingesting the rest of its queue for nobody."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


# -- the manifest -----------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (path TEXT PRIMARY KEY, added REAL NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    key TEXT PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    report_file TEXT NOT NULL,
    title TEXT NOT NULL, region TEXT NOT NULL, level TEXT NOT NULL, year INTEGER,
    doc_type TEXT NOT NULL, date TEXT, publisher TEXT NOT NULL, encoding TEXT NOT NULL,
    n_targets INTEGER NOT NULL, themes TEXT NOT NULL, targets TEXT NOT NULL,
    text TEXT NOT NULL, folded TEXT NOT NULL,
    pipeline TEXT NOT NULL  -- ingest.pipeline_fingerprint() the report was made with
);
"""
_DOC_COLUMNS = [
    "key", "path", "size", "mtime_ns", "sha256", "report_file", "title", "region", "level",
    "year", "doc_type", "date", "publisher", "encoding", "n_targets", "themes", "targets",
    "text", "folded", "pipeline",
]
_INFO_COLUMNS = ", ".join(
    ["path", "title", "region", "level", "year", "doc_type", "n_targets", "encoding", "date",
     "publisher", "length(text)"]
)


def _connect(db_path: Path, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        # On a read-only medium sqlite cannot make the WAL index (-shm) a normal open
        # needs; nobody can write there, so reading it as immutable is exact.
        uri = db_path.absolute().as_uri() + "?immutable=1"
        return sqlite3.connect(uri, uri=True, timeout=60.0, check_same_thread=False)
    conn = sqlite3.connect(str(db_path), timeout=60.0, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    # NORMAL in WAL mode: a commit is atomic and survives a process kill; power loss may
    # lose the last commits, which the next `index` redoes (rows are the commit point).
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def _info(row: tuple[Any, ...]) -> ReportInfo:
    return ReportInfo(
        path=row[0], title=row[1], region=row[2], level=row[3], year=row[4], doc_type=row[5],
        n_targets=row[6], encoding=row[7], date=row[8], publisher=row[9], n_chars=row[10],
    )


# -- finding files ----------------------------------------------------------------------


def _name_problem(path: str) -> str | None:
    """Why a path cannot be stored, or None. A name in a legacy encoding (GBK names from a
    Windows zip unpacked on Linux) reaches Python with surrogate escapes, which neither
    sqlite nor JSON can hold: one such file crashed the whole run."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        # Say what the name most likely reads: a display that drops undecodable bytes
        # would show only ".txt".
        raw = os.fsencode(path)
        guess = raw.decode("gb18030", "replace")
        return (f"its name is not valid UTF-8 (read as GBK: {guess}); rename it, "
                "e.g. convmv -f gbk -t utf-8")
    return None


def _is_candidate(name: str) -> tuple[bool, str]:
    from explorer.core.read.files import SUPPORTED_SUFFIXES

    suffix = os.path.splitext(name)[1].lower()
    if suffix not in SUPPORTED_SUFFIXES or not suffix:
        return False, f"not a report format ({suffix or 'no extension'})"
    if name.lower().startswith("readme"):
        return False, "a README, not a report"
    return True, ""


def _walk(root: str, skip_dir: str, skipped: list[tuple[str, str]]) -> Iterator[str]:
    """Files under `root`, following symlinks but entering each directory once (no loops)."""
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()

    def unlistable(exc: OSError) -> None:
        # A folder the walk cannot list (no permission, vanished, a loop of links) would
        # otherwise be left out in silence: the user must learn which reports are missing.
        where = exc.filename if exc.filename is not None else root
        skipped.append((os.fspath(where), f"the folder cannot be read ({exc.strerror or exc})"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=unlistable):
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        ident = (st.st_dev, st.st_ino)
        if ident in seen_dirs or os.path.abspath(dirpath) == skip_dir:
            dirnames[:] = []
            continue
        seen_dirs.add(ident)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            full = os.path.join(dirpath, name)
            ok, reason = _is_candidate(name)
            if not ok:
                skipped.append((full, reason))
                continue
            problem = _name_problem(full)
            if problem:
                skipped.append((full, problem))
                continue
            try:
                fst = os.stat(full)
            except OSError as exc:
                skipped.append((full, f"it cannot be read ({exc.strerror or exc})"))
                continue
            if not stat.S_ISREG(fst.st_mode):
                # A pipe, socket or device named like a report: never opened (reading a
                # pipe blocks), but named, so the user knows why it is not in the library.
                if not stat.S_ISDIR(fst.st_mode):
                    skipped.append((full, "it is not a regular file (a pipe, socket or device)"))
                continue
            fid = (fst.st_dev, fst.st_ino)
            if fid in seen_files:
                continue  # the same file reached again through a symlink
            seen_files.add(fid)
            yield full


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


# -- snippets ---------------------------------------------------------------------------


def make_snippets(text: str, spans: list[tuple[int, int]], limit: int = SNIPPETS_PER_REPORT) -> tuple[str, ...]:
    """Short one-line contexts, each hit inside wrapped in SNIPPET_MARKS."""
    if not spans:
        head = " ".join(text[: 2 * SNIPPET_CONTEXT].split())
        return (head + ("…" if len(text) > 2 * SNIPPET_CONTEXT else ""),) if head else ()
    opening, closing = SNIPPET_MARKS
    out: list[str] = []
    i = 0
    while i < len(spans) and len(out) < limit:
        lo = max(0, spans[i][0] - SNIPPET_CONTEXT)
        hi = min(len(text), spans[i][1] + SNIPPET_CONTEXT)
        parts = ["…" if lo > 0 else ""]
        pos = lo
        # Every hit that fits in the window is marked; overlapping hits merge into one mark.
        while i < len(spans) and spans[i][0] < hi:
            s, e = spans[i]
            e = min(max(e, s), hi)
            while i + 1 < len(spans) and spans[i + 1][0] < e:
                i += 1
                e = min(max(e, spans[i][1]), hi)
            parts.append(text[pos:s])
            parts.append(opening + text[s:e] + closing)
            pos = e
            i += 1
        parts.append(text[pos:hi])
        parts.append("…" if hi < len(text) else "")
        out.append(" ".join("".join(parts).split()))
    return tuple(out)


# -- the library ------------------------------------------------------------------------


class Library:
    def __init__(self, path: str | Path | None = None, workers: int | None = None) -> None:
        self.path = Path(path).expanduser() if path is not None else default_library_path()
        self._reports_dir = self.path / "reports"
        self._db_path = self.path / "library.sqlite"
        self._lock = ProcessLock(self.path / "index.lock")
        self._local = threading.local()
        if workers is None:
            workers = int(os.environ.get(ENV_WORKERS, "0")) or min(os.cpu_count() or 1, 4)
        self.workers = max(1, workers)
        self.read_only = False
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._reports_dir.mkdir(exist_ok=True)
            # A library on a read-only mount or folder (a shared drive, a CD) can still be
            # searched and read; only index and remove need to write.
            self.read_only = not os.access(self.path, os.W_OK) and self._db_path.exists()
            self._init_manifest()
        except (OSError, sqlite3.Error) as exc:  # e.g. "file is not a database"
            raise _storage_trouble(self.path, "opened", exc) from exc

    # -- plumbing -------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        # One connection per thread: the app searches on one thread while it indexes on another.
        conn = getattr(self._local, "db", None)
        if conn is None:
            conn = self._local.db = _connect(self._db_path, self.read_only)
        return conn

    def _init_manifest(self) -> None:
        db = self._db()
        version = db.execute("PRAGMA user_version").fetchone()[0]
        has_tables = db.execute("SELECT count(*) FROM sqlite_master WHERE name='docs'").fetchone()[0]
        if has_tables and version == LIBRARY_FORMAT:
            return  # nothing to write: a library on a read-only medium still opens
        if has_tables and version != LIBRARY_FORMAT:
            # Written by another version: keep the sources, re-read every report.
            with db:
                db.execute("DROP TABLE IF EXISTS docs")
        with db:
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA user_version={LIBRARY_FORMAT}")

    def _index_reader(self) -> SearchIndex | None:
        """This thread's index for searching, rebuilt first if it is missing, old or damaged."""
        ix: SearchIndex | None = getattr(self._local, "index", None)
        if ix is None:
            ix = SearchIndex(self.path / "index")
        if ix.open():
            self._local.index = ix
            return ix
        try:
            writable = not self.read_only and self._lock.acquire()
        except OSError:  # no room even for the lock file: search without the index
            writable = False
        if not writable:
            return None  # the writer will rebuild it; meanwhile search without it
        try:
            self._rebuild_index(ix)
        finally:
            self._lock.release()
        self._local.index = ix
        return ix

    def _rebuild_index(self, ix: SearchIndex) -> int:
        db = self._db()
        rows = db.execute("SELECT key, folded, region, doc_type, themes, year FROM docs")
        return ix.rebuild(
            IndexDoc(key, folded, search_form(region), search_form(doc_type),
                     tuple(search_form(t) for t in json.loads(themes)), year)
            for key, folded, region, doc_type, themes, year in rows
        )

    def close(self) -> None:
        ix = getattr(self._local, "index", None)
        if ix is not None:
            ix.close()
            self._local.index = None
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- listing --------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self._db().execute("SELECT count(*) FROM docs").fetchone()[0])

    def sources(self) -> list[str]:
        return [r[0] for r in self._db().execute("SELECT path FROM sources ORDER BY added, path")]

    def reports(self) -> list[ReportInfo]:
        rows = self._db().execute(f"SELECT {_INFO_COLUMNS} FROM docs ORDER BY path")
        return [_info(r) for r in rows]

    def report(self, path: str) -> Report:
        """The stored report; KeyError if `path` is not in the library."""
        row = self._db().execute(
            "SELECT report_file FROM docs WHERE path=?", (os.path.abspath(path),)
        ).fetchone()
        if row is None:
            raise KeyError(f"{path} is not in the library {self.path}")
        with gzip.open(self._reports_dir / row[0], "rb") as f:
            return Report.from_json(json.loads(f.read()))

    def targets(
        self,
        themes: Iterable[str] = (),
        report: str | None = None,
        region: str | None = None,
        year: int | None = None,
        kind: str | None = None,
    ) -> list[tuple[ReportInfo, Target]]:
        """Targets of the stored reports. themes: any of them; region: a substring
        (常州 finds 常州市钟楼区); both in either script."""
        wanted = {search_form(t) for t in themes}
        region_form = search_form(region) if region else None
        sql = f"SELECT {_INFO_COLUMNS}, targets FROM docs"
        params: list[Any] = []
        where = []
        if report is not None:
            where.append("path=?")
            params.append(os.path.abspath(report))
        if year is not None:
            where.append("year=?")
            params.append(year)
        if where:
            sql += " WHERE " + " AND ".join(where)
        out: list[tuple[ReportInfo, Target]] = []
        for row in self._db().execute(sql + " ORDER BY path", params):
            info = _info(row[:-1])
            if region_form and region_form not in search_form(info.region):
                continue
            for t in json.loads(row[-1]):
                target = Target.from_json(t)
                if kind is not None and target.kind != kind:
                    continue
                if wanted and not wanted.intersection(search_form(x) for x in target.themes):
                    continue
                out.append((info, target))
        return out

    # -- searching ------------------------------------------------------------------

    def search(self, query: str, limit: int | None = 20) -> SearchResults:
        """Reports matching `query` (syntax: explorer/search/query.py), best first.

        limit None or 0: all. Raises QueryError for a malformed query.
        """
        q = parse(query)
        meta = self._meta()
        ix = self._index_reader()
        exact = ix is not None and is_exact(q)
        if ix is None:
            scored = [(key, 0.0) for key in meta]  # index being rebuilt: check every report
        else:
            found = ix.candidates(q, meta)
            scored = found.ranked
        # Best score first; equal scores: newer year, then newer date, then path.
        scored.sort(key=lambda ks: meta[ks[0]][0])
        scored.sort(key=lambda ks: meta[ks[0]][4] or "", reverse=True)
        scored.sort(key=lambda ks: meta[ks[0]][3] or 0, reverse=True)
        scored.sort(key=lambda ks: round(ks[1], 6), reverse=True)

        want = limit if limit else len(scored)
        hits: list[Hit] = []
        total = 0
        for key, score in scored:
            if exact and len(hits) >= want:
                break  # the index is exact for this query: the rest need not be read
            if len(hits) >= want:
                # Past the shown results only the count matters: a cheaper check.
                total += self._matches(q, key, meta[key])
                continue
            hit = self._verify(q, key, score, meta[key])
            if hit is not None:
                total += 1
                hits.append(hit)
        if exact:
            total = found.total
        return SearchResults(query, total, hits)

    def _meta(self) -> dict[str, tuple[Any, ...]]:
        """key -> (path, title, region, year, date, doc_type, themes) of every report,
        re-read only when the manifest changed (by another connection: data_version; by
        this one: total_changes)."""
        db = self._db()
        version = (db.execute("PRAGMA data_version").fetchone()[0], db.total_changes)
        cached = getattr(self._local, "meta", None)
        if cached is None or cached[0] != version:
            rows = db.execute("SELECT key, path, title, region, year, date, doc_type, themes FROM docs")
            cached = self._local.meta = (version, {r[0]: r[1:] for r in rows})
        return cached[1]

    def _doc_view(self, key: str, meta: tuple[Any, ...]) -> tuple[str, DocView] | None:
        row = self._db().execute("SELECT text, folded FROM docs WHERE key=?", (key,)).fetchone()
        if row is None:
            return None  # removed since the candidates were read
        _path, _title, region, year, _date, doc_type, themes = meta
        return row[0], DocView(
            text=row[1],
            region=search_form(region),
            doc_type=search_form(doc_type),
            year=year,
            themes=frozenset(search_form(t) for t in json.loads(themes)),
        )

    def _matches(self, q: Query, key: str, meta: tuple[Any, ...]) -> bool:
        found = self._doc_view(key, meta)
        return found is not None and query_matches(q, found[1])

    def _verify(self, q: Query, key: str, score: float, meta: tuple[Any, ...]) -> Hit | None:
        found = self._doc_view(key, meta)
        if found is None or not query_matches(q, found[1]):
            return None
        text, doc = found
        spans = hit_spans(q, doc.text)
        path, title, region, year = meta[:4]
        return Hit(
            path=path, title=title, region=region, year=year, hits=len(spans),
            spans=tuple(spans), snippets=make_snippets(text, spans), score=score,
        )

    # -- indexing -------------------------------------------------------------------

    def _acquire_writer(self) -> None:
        if self.read_only:
            raise LibraryError(f"the library {self.path} is read-only: reports cannot be added or removed")
        if not self._lock.acquire():
            raise LibraryBusy(
                f"another process (pid {self._lock.holder()}) is indexing the library "
                f"{self.path}; wait for it to finish and run this again"
            )

    def index(
        self,
        paths: Iterable[str | Path],
        progress: Callable[[IndexProgress], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> IndexSummary:
        """Add files and folders (recursively); re-read only new or changed files; drop
        reports whose file is gone. Raises LibraryBusy if another process is indexing."""
        try:
            self._acquire_writer()
        except OSError as exc:  # the lock file cannot be made: read-only folder, full disk
            raise _storage_trouble(self.path, "written", exc) from exc
        try:
            return _IndexRun(self, [os.path.abspath(os.fspath(p)) for p in paths], progress, cancel).run()
        except (OSError, sqlite3.Error) as exc:
            # Sources are read in _prepare, which names a bad file and goes on: what
            # arrives here is the library's own storage failing. What was committed
            # stays; leftovers of the unfinished batch are dropped by the next run.
            raise _storage_trouble(self.path, "written", exc) from exc
        finally:
            self._lock.release()

    def remove(self, paths: Iterable[str]) -> int:
        """Forget reports (a file, or every report under a folder) and those sources."""
        self._acquire_writer()
        try:
            roots = [os.path.abspath(p) for p in paths]
            db = self._db()
            gone = [
                (key, path, report_file)
                for key, path, report_file in db.execute("SELECT key, path, report_file FROM docs")
                if any(_under(path, r) for r in roots)
            ]
            ix = self._writer_index()
            ix.write((), [g[0] for g in gone])
            with db:
                db.executemany("DELETE FROM docs WHERE key=?", [(g[0],) for g in gone])
                db.executemany("DELETE FROM sources WHERE path=?", [(r,) for r in roots])
            for g in gone:
                _unlink(self._reports_dir / g[2])
            return len(gone)
        finally:
            self._lock.release()

    def _writer_index(self) -> SearchIndex:
        """The index for writing; caller holds the lock. Rebuilt from the manifest if needed."""
        ix = SearchIndex(self.path / "index")
        if not ix.open():
            self._rebuild_index(ix)
        return ix


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


class _IndexRun:
    """One `index` call: scan, decide, ingest, commit in batches."""

    def __init__(
        self,
        lib: Library,
        roots: list[str],
        progress: Callable[[IndexProgress], None] | None,
        cancel: Callable[[], bool] | None,
    ) -> None:
        self.lib = lib
        self.db = lib._db()
        self.roots = roots
        self.progress = progress
        self.cancel = cancel or (lambda: False)
        self.skipped: list[tuple[str, str]] = []
        self.counts = {"added": 0, "updated": 0, "removed": 0, "unchanged": 0}

    def _scan(self) -> list[str]:
        files: dict[str, None] = {}
        lib_dir = str(self.lib.path.resolve())
        for root in self.roots:
            if os.path.isdir(root):
                files.update(dict.fromkeys(_walk(root, lib_dir, self.skipped)))
            elif os.path.isfile(root):
                problem = _name_problem(root)
                if problem:
                    self.skipped.append((root, problem))
                else:
                    files[root] = None
            elif os.path.exists(root):
                self.skipped.append((root, "it is not a regular file (a pipe, socket or device)"))
            else:
                self.skipped.append((root, "it does not exist"))
        return list(files)

    def _recover(self, ix: SearchIndex) -> list[str]:
        """After an interruption: drop leftovers no manifest row points to."""
        rows = self._drop_unreferenced_files()
        return sorted(ix.keys() - rows)  # committed to whoosh, never to the manifest

    def _drop_unreferenced_files(self) -> set[str]:
        """Delete report files no manifest row points to; returns the manifest's keys."""
        rows = dict(self.db.execute("SELECT key, report_file FROM docs").fetchall())
        referenced = set(rows.values())
        for entry in os.scandir(self.lib._reports_dir):
            if entry.name not in referenced:
                _unlink(Path(entry.path))  # *.tmp of a killed writer, or a superseded version
        return set(rows)

    def run(self) -> IndexSummary:
        ix = self.lib._writer_index()
        stale_keys = self._recover(ix)
        with self.db:
            self.db.executemany(
                "INSERT OR IGNORE INTO sources(path, added) VALUES (?, ?)",
                [(r, time.time()) for r in self.roots if os.path.exists(r) and not _name_problem(r)],
            )
        files = self._scan()
        from explorer.core.ingest import pipeline_fingerprint  # heavy: only when indexing
        from explorer.core.targets.themes import current_lexicon

        # A broken themes.toml would make every report fail to ingest and drop out of the
        # library: refuse to start instead (LexiconError names the file and the fault).
        current_lexicon()
        pipeline = pipeline_fingerprint()
        known = {
            # A report made by another pipeline counts as unknown content: it is re-read.
            path: (key, size, mtime_ns, sha if made_by == pipeline else None, report_file)
            for key, path, size, mtime_ns, sha, report_file, made_by in self.db.execute(
                "SELECT key, path, size, mtime_ns, sha256, report_file, pipeline FROM docs"
            )
        }
        found = set(files)
        removed = [
            (info[0], info[4])
            for path, info in known.items()
            if path not in found
            and (any(_under(path, r) for r in self.roots) or not os.path.exists(path))
        ]
        todo: list[str] = []
        for path in files:
            k = known.get(path)
            try:
                st = os.stat(path)
            except OSError:
                todo.append(path)  # _prepare names the reason
                continue
            if k and k[3] is not None and k[1] == st.st_size and k[2] == st.st_mtime_ns:
                self.counts["unchanged"] += 1
            else:
                todo.append(path)
        total = len(files)
        done = total - len(todo)
        if self.progress and done:
            self.progress(IndexProgress(done, total, ""))

        batch = _Batch(deletes=stale_keys + [key for key, _ in removed])
        old_files = [Path(self.lib._reports_dir / f) for _, f in removed]
        self.counts["removed"] = len(removed)
        cancelled = False
        results = self._prepared(todo, known, pipeline)
        try:
            for prepared in results:
                done += 1
                if self.progress:
                    self.progress(IndexProgress(done, total, prepared.path))
                self._take(prepared, known, batch, old_files)
                if batch.due():
                    self._commit(ix, batch, old_files)
                    batch, old_files = _Batch(), []
                if self.cancel():
                    cancelled = True
                    break
        finally:
            close = getattr(results, "close", None)
            if close:
                close()
        self._commit(ix, batch, old_files)
        ix.close()
        if cancelled:
            # Reports the workers stored but the run never took: without this sweep they
            # stay on disk until the next index run (the pool has stopped writing by now).
            self._drop_unreferenced_files()
        # A file reached through two of the given paths is told once.
        return IndexSummary(skipped=list(dict.fromkeys(self.skipped)), cancelled=cancelled, **self.counts)

    def _prepared(self, todo: list[str], known: dict[str, tuple[Any, ...]], pipeline: str) -> Iterator[_Prepared]:
        reports_dir = str(self.lib._reports_dir)
        args = [(p, known[p][3] if p in known else None, reports_dir, pipeline) for p in todo]
        if self.lib.workers < 2 or len(todo) < PARALLEL_MIN_FILES:
            for a in args:
                yield _prepare(*a)
            return
        import multiprocessing

        # spawn, not fork: the app calls this from a Qt worker thread, and forking a
        # threaded process is unsafe. Ingest is CPU-bound; whoosh writes stay in this process.
        pool = ProcessPoolExecutor(
            self.lib.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_exit_with_parent,
            initargs=(os.getpid(),),
        )
        try:
            yield from pool.map(_prepare_args, args, chunksize=2)
        finally:
            # Closed early (cancel, error): pending files are dropped, and the ones being
            # read finish before the run ends, so no worker writes into reports/ after it.
            pool.shutdown(wait=True, cancel_futures=True)

    def _take(self, p: _Prepared, known: dict[str, tuple[Any, ...]], batch: _Batch, old_files: list[Path]) -> None:
        prev = known.get(p.path)
        if p.skipped is not None:
            self.skipped.append((p.path, p.skipped))
            if prev:  # it was a report and is no more: drop it rather than show stale text
                batch.deletes.append(prev[0])
                old_files.append(self.lib._reports_dir / prev[4])
                self.counts["removed"] += 1
            return
        if p.row is None:  # same bytes, touched file
            batch.touched.append((p.size, p.mtime_ns, p.path))
            self.counts["unchanged"] += 1
            return
        batch.puts.append(p.row)
        if prev:
            self.counts["updated"] += 1
            if prev[4] != p.report_file:
                old_files.append(self.lib._reports_dir / prev[4])
        else:
            self.counts["added"] += 1

    def _commit(self, ix: SearchIndex, batch: _Batch, old_files: list[Path]) -> None:
        if not (batch.puts or batch.deletes or batch.touched):
            return
        # Order matters for crash safety: see the module docstring.
        ix.write(
            [
                IndexDoc(
                    r["key"], r["folded"], search_form(r["region"]), search_form(r["doc_type"]),
                    tuple(search_form(t) for t in json.loads(r["themes"])), r["year"],
                )
                for r in batch.puts
            ],
            batch.deletes,
        )
        placeholders = ", ".join("?" for _ in _DOC_COLUMNS)
        with self.db:
            self.db.executemany("DELETE FROM docs WHERE key=?", [(k,) for k in batch.deletes])
            self.db.executemany(
                f"INSERT OR REPLACE INTO docs({', '.join(_DOC_COLUMNS)}) VALUES ({placeholders})",
                [tuple(r[c] for c in _DOC_COLUMNS) for r in batch.puts],
            )
            self.db.executemany("UPDATE docs SET size=?, mtime_ns=? WHERE path=?", batch.touched)
        for f in old_files:
            _unlink(f)


@dataclass
class _Batch:
    puts: list[dict[str, Any]] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)
    touched: list[tuple[int, int, str]] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def due(self) -> bool:
        size = int(os.environ.get(ENV_BATCH, "0")) or BATCH_DOCS
        return len(self.puts) >= size or time.monotonic() - self.started > BATCH_SECONDS

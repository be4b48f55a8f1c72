"""The library's storage: the sqlite manifest and the stored report files.

    library.sqlite   manifest (WAL): sources, one row per report with the source file's
                     size, mtime and SHA-256, metadata, and its text: the folded text and
                     the clean text packed against it (textpack.py); the reports' targets,
                     a row each (targettable.py); outlines
    reports/         each full Report (raw text, outline, cleaning counts...) as gzip JSON,
                     named <path key>-<content hash>.json.gz, written tmp + fsync + os.replace;
                     its raw text (packed against the clean text: textpack.pack_raw), its
                     clean text and its targets are the manifest's (stored once)

A manifest row is the commit point of a report (see indexing.py for the write order).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import sqlite3
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explorer.core.model import Report, Section, Target
from explorer.library import targettable
from explorer.library.lock import ProcessLock
from explorer.library.textpack import pack, unpack, unpack_folded, unpack_raw
from explorer.search.analysis import n_terms
from explorer.search.engine import IndexDoc
from explorer.search.normalize import search_form
from explorer.search.searcher import DocMeta

# sqlite PRAGMA user_version. 3: texts packed (textpack.py), n_chars and n_terms. 4: the
# targets table is the targets' record (no docs.targets, none in the report files), docs
# keyed by an integer id, the clean text primed with the folded one. Formats 2 and 3 are
# converted in place (formats.py); any other value: rebuilt from the sources.
LIBRARY_FORMAT = 4

TEXT_CACHE = 64  # unpacked reports kept (about 4 MB)
SOURCES_SCHEMA = "CREATE TABLE IF NOT EXISTS sources (path TEXT PRIMARY KEY, added REAL NOT NULL)"
# Small columns first, the text blobs last: a scan of the metadata (meta(), known(), the
# listing) then reads each row's first page only, not the overflow pages of its text.
DOCS_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY,     -- what the targets table keys a report by
    key TEXT NOT NULL UNIQUE,   -- path_key(path): what the search index keys it by
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    report_file TEXT NOT NULL,
    title TEXT NOT NULL, region TEXT NOT NULL, level TEXT NOT NULL, year INTEGER,
    doc_type TEXT NOT NULL, date TEXT, publisher TEXT NOT NULL, encoding TEXT NOT NULL,
    n_targets INTEGER NOT NULL, themes TEXT NOT NULL,
    label TEXT NOT NULL,       -- the title, else the file name: the targets panel's 报告
    n_chars INTEGER NOT NULL,  -- length of the clean text
    n_terms INTEGER NOT NULL,  -- its non-whitespace characters: the length ranking uses
    pipeline TEXT NOT NULL,    -- fingerprint.pipeline_fingerprint() the report was made with
    folded BLOB NOT NULL,      -- textpack.pack: the folded text
    script BLOB NOT NULL,      -- textpack.pack: the clean text, packed against it
    raw BLOB                   -- textpack.pack_raw: the raw text, packed against the clean
                               -- text; NULL: in the report file (read-only format 3)
)
"""
SCHEMA = f"{SOURCES_SCHEMA};\n{DOCS_SCHEMA};"
# Outlines (issue 14): what a concordance row needs beyond `docs`. A table of its own, not
# columns of `docs`, so that adding it needed no format bump (every report re-read): an older
# library gets the table on its next writable open and its rows on the next `index`
# (Manifest.backfill_outlines); until then a missing outline is read from the report file.
OUTLINES_SCHEMA = """
CREATE TABLE IF NOT EXISTS outlines (
    key TEXT PRIMARY KEY,  -- docs.key
    adcode TEXT,           -- Report.adcode
    sections TEXT NOT NULL -- JSON: [Section.to_json(), ...]
);
"""
DOC_COLUMNS = [
    "key", "path", "size", "mtime_ns", "sha256", "report_file", "title", "region", "level",
    "year", "doc_type", "date", "publisher", "encoding", "n_targets", "themes", "label",
    "n_chars", "n_terms", "pipeline", "folded", "script", "raw",
]
_INFO_COLUMNS = ", ".join(
    ["path", "title", "region", "level", "year", "doc_type", "n_targets", "encoding", "date",
     "publisher", "n_chars"]
)


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


@dataclass(frozen=True)
class DocOutline:
    """A report's metadata that DocMeta leaves out, and its outline (sections None: not in
    the outlines table yet; read the report file)."""

    level: str
    publisher: str
    adcode: str | None
    sections: tuple[Section, ...] | None


def outline_json(sections: Iterable[Section]) -> str:
    return json.dumps([s.to_json() for s in sections], ensure_ascii=False, separators=(",", ":"))


def _info(row: tuple[Any, ...]) -> ReportInfo:
    return ReportInfo(
        path=row[0], title=row[1], region=row[2], level=row[3], year=row[4], doc_type=row[5],
        n_targets=row[6], encoding=row[7], date=row[8], publisher=row[9], n_chars=row[10],
    )


def path_key(path: str) -> str:
    import hashlib  # here: loading OpenSSL's hashes is a cost a search never needs

    return hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def write_atomic(target: Path, data: bytes) -> None:
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())  # the manifest will point here: the bytes must be on disk first
    os.replace(tmp, target)


def unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def connect(db_path: Path, read_only: bool = False) -> sqlite3.Connection:
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


class ThreadSlots:
    """Attributes of the calling thread, as threading.local holds them, but kept by the
    thread's id: a thread Python did not start (a QThreadPool worker of the app) runs each
    task under a new Python thread state, and a threading.local is empty again for the
    next task there. Each page of the targets panel then opened a new connection and folded
    every report title again (doc_forms: 55 ms CPU a page at 10,000 reports, before its
    query). A slot outlives its thread: a later thread with the same id takes it over,
    one at a time as threads are (a connection is used by one thread at a time)."""

    def __init__(self) -> None:
        object.__setattr__(self, "_slots", {})

    def _mine(self) -> dict[str, Any]:
        return self._slots.setdefault(threading.get_ident(), {})

    def __getattr__(self, name: str) -> Any:
        try:
            return self._mine()[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        self._mine()[name] = value


class Manifest:
    """The manifest of one library folder, one sqlite connection per thread (the app
    searches on one thread while it indexes on another)."""

    def __init__(self, folder: Path, read_only: bool) -> None:
        self.db_path = folder / "library.sqlite"
        self.reports_dir = folder / "reports"
        self.read_only = read_only
        self._local = ThreadSlots()
        self._texts: OrderedDict[str, tuple[str, str]] = OrderedDict()
        self._texts_lock = threading.Lock()
        # The format of a library read as it is (read-only, older): its connections see
        # it through views of this format (formats.legacy_views); 0 for this format.
        self.legacy = 0

    def db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "db", None)
        if conn is None:
            conn = self._local.db = connect(self.db_path, self.read_only)
            targettable.register(conn)
            if self.legacy:
                from explorer.library.formats import legacy_views

                legacy_views(conn, self.legacy)
        return conn

    def init(self, progress: Callable[[int, int], None] | None = None,
             cancel: Callable[[], bool] | None = None, lock: ProcessLock | None = None) -> None:
        """Open the manifest, made if new; an older format is converted in place
        (formats.py: progress(done, total) told, stopped by cancel() with UpgradeCancelled,
        under `lock`), or on a read-only medium read as it is."""
        from explorer.library import formats

        db = self.db()
        version = db.execute("PRAGMA user_version").fetchone()[0]
        has_tables = db.execute("SELECT count(*) FROM sqlite_master WHERE name='docs'").fetchone()[0]
        if has_tables and version in formats.CONVERTED:
            version = formats.upgrade(self, version, progress, cancel, lock)
            if version != LIBRARY_FORMAT:
                return  # read-only: read as it is (formats.legacy_views)
        if has_tables and version == LIBRARY_FORMAT:
            if not self.read_only:
                if not self._has_outlines():
                    with db:
                        db.executescript(OUTLINES_SCHEMA)
                if targettable.missing_parts(db):  # an index added since
                    with db:
                        db.executescript(targettable.TARGETS_SCHEMA)
                        db.executescript(targettable.DOC_SORT_SCHEMA)
                formats.finish_vacuum(self, lock)
            return  # nothing to write: a library on a read-only medium still opens
        if has_tables:
            # Written by another version: keep the sources, re-read every report.
            with db:
                db.execute("DROP TABLE IF EXISTS docs")
        with db:
            db.executescript(SCHEMA)
            db.execute("DROP TABLE IF EXISTS outlines")
            db.executescript(OUTLINES_SCHEMA)
            for table in (*targettable.TABLES, *formats.OLD_TABLES):
                db.execute(f"DROP TABLE IF EXISTS {table}")
            db.executescript(targettable.TARGETS_SCHEMA)
            db.executescript(targettable.DOC_SORT_SCHEMA)
            db.execute(f"PRAGMA user_version={LIBRARY_FORMAT}")

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    # -- listing ----------------------------------------------------------------------

    def count(self) -> int:
        return int(self.db().execute("SELECT count(*) FROM docs").fetchone()[0])

    def sources(self) -> list[str]:
        return [r[0] for r in self.db().execute("SELECT path FROM sources ORDER BY added, path")]

    def reports(self) -> list[ReportInfo]:
        rows = self.db().execute(f"SELECT {_INFO_COLUMNS} FROM docs ORDER BY path")
        return [_info(r) for r in rows]

    def report(self, path: str) -> Report:
        """The stored report; KeyError if `path` is not in the library."""
        row = self.db().execute(
            "SELECT report_file, folded, script, id, raw FROM docs WHERE path=?", (path,)
        ).fetchone()
        if row is None:
            raise KeyError(path)
        with gzip.open(self.reports_dir / row[0], "rb") as f:
            data = json.loads(f.read())
        if "text" not in data:  # stored once, in the manifest (a format 2 file has it)
            data["text"] = unpack(row[1], row[2])[0]
        if "raw_text" not in data and row[4] is not None:  # likewise (format 3 files have it)
            data["raw_text"] = unpack_raw(row[4], data["text"])
        report = Report.from_json(data)
        if "targets" not in data:  # likewise (a format 3 file has them)
            report.targets = targettable.report_targets(self.target_db(), row[3])
        return report

    def targets(
        self, report: str | None, year: int | None
    ) -> Iterator[tuple[ReportInfo, list[Target]]]:
        sql = f"SELECT {_INFO_COLUMNS}, id FROM docs"
        params: list[Any] = []
        where = []
        if report is not None:
            where.append("path=?")
            params.append(report)
        if year is not None:
            where.append("year=?")
            params.append(year)
        if where:
            sql += " WHERE " + " AND ".join(where)
        db = self.target_db()
        for row in db.execute(sql + " ORDER BY path", params).fetchall():
            yield _info(row[:-1]), targettable.report_targets(db, row[-1])

    # -- what the searcher reads (search.searcher.DocStore) -----------------------------

    def meta(self) -> dict[str, DocMeta]:
        """key -> DocMeta of every report, re-read only when the manifest changed (by
        another connection: data_version; by this one: total_changes)."""
        db = self.db()
        version = (db.execute("PRAGMA data_version").fetchone()[0], db.total_changes)
        cached = getattr(self._local, "meta", None)
        if cached is None or cached[0] != version:
            rows = db.execute(
                "SELECT key, path, title, region, year, date, doc_type, themes, n_terms FROM docs"
            )
            # A library has few distinct theme lists (63 at 10,000 reports): each parsed once.
            themes: dict[str, tuple[str, ...]] = {}
            table = {}
            for r in rows:
                parsed = themes.get(r[7])
                if parsed is None:
                    parsed = themes[r[7]] = tuple(json.loads(r[7]))
                table[r[0]] = DocMeta(r[1], r[2], r[3], r[4], r[5], r[6], parsed, r[8])
            cached = self._local.meta = (version, table)
        return cached[1]

    def texts(self, key: str) -> tuple[str, str] | None:
        """(clean text, folded text) of a report, None if it was removed meanwhile."""
        row = self.db().execute("SELECT report_file, folded, script FROM docs WHERE key=?", (key,)).fetchone()
        if row is None:
            return None
        # The reports a search shows come back in the next search (a refined query):
        # the last TEXT_CACHE unpacked texts are kept, by report version (its file name).
        cache = self._texts
        with self._texts_lock:  # the app searches from more than one thread
            found = cache.get(row[0])
            if found is not None:
                cache.move_to_end(row[0])
                return found
        found = unpack(row[1], row[2])
        with self._texts_lock:
            cache[row[0]] = found
            if len(cache) > TEXT_CACHE:
                cache.popitem(last=False)
        return found

    def index_rows(self, skip: Container[str] = ()) -> Iterator[IndexDoc]:
        """What an index is built from, report by report (never all in memory), leaving
        out the keys in `skip`."""
        rows = self.db().execute("SELECT key, folded, region, doc_type, themes, year FROM docs")
        for key, folded, region, doc_type, themes, year in rows:
            if key not in skip:
                yield IndexDoc(key, unpack_folded(folded), *index_fields(region, doc_type, json.loads(themes)), year)

    # -- writing (the caller holds the library lock) -------------------------------------

    def add_sources(self, roots: Iterable[str], now: float) -> None:
        db = self.db()
        with db:
            db.executemany(
                "INSERT OR IGNORE INTO sources(path, added) VALUES (?, ?)", [(r, now) for r in roots]
            )

    def known(self) -> list[tuple[str, str, int, int, str, str, str]]:
        """(key, path, size, mtime_ns, sha256, report_file, pipeline) of every report."""
        return self.db().execute(
            "SELECT key, path, size, mtime_ns, sha256, report_file, pipeline FROM docs"
        ).fetchall()

    def report_files(self) -> dict[str, str]:
        """key -> report file name of every report."""
        return dict(self.db().execute("SELECT key, report_file FROM docs").fetchall())

    def commit(
        self,
        puts: list[dict[str, Any]],
        deletes: list[str],
        touched: list[tuple[int, int, str]],
        sources_gone: Iterable[str] = (),
    ) -> None:
        """One transaction: rows replaced or added, rows deleted by key, size and mtime of
        touched files updated, sources forgotten."""
        db = self.db()
        insert = f"INSERT OR REPLACE INTO docs({', '.join(DOC_COLUMNS)}) VALUES ({', '.join('?' * len(DOC_COLUMNS))})"
        with db:
            # A replaced row gets a new id: the old one's targets go first.
            targettable.delete(db, self._ids([*deletes, *(r["key"] for r in puts)]))
            db.executemany("DELETE FROM docs WHERE key=?", [(k,) for k in deletes])
            for r in puts:
                row = {**r, "label": targettable.report_label(r["title"], r["path"])}
                doc = db.execute(insert, tuple(row[c] for c in DOC_COLUMNS)).lastrowid
                assert doc is not None
                targets = [Target.from_json(t) for t in r["targets"]]
                targettable.put_targets(db, doc, targets, r.get("target_folds"))
            db.executemany("UPDATE docs SET size=?, mtime_ns=? WHERE path=?", touched)
            db.executemany("DELETE FROM sources WHERE path=?", [(r,) for r in sources_gone])
            db.executemany("DELETE FROM outlines WHERE key=?", [(k,) for k in deletes])
            db.executemany(
                "INSERT OR REPLACE INTO outlines(key, adcode, sections) VALUES (?, ?, ?)",
                [(r["key"], r.get("adcode"), r["outline"]) for r in puts if "outline" in r],
            )

    def _ids(self, keys: list[str]) -> list[int]:
        ids: list[int] = []
        for i in range(0, len(keys), 500):  # under sqlite's limit of bound parameters
            chunk = keys[i : i + 500]
            ids += [r[0] for r in self.db().execute(f"SELECT id FROM docs WHERE key IN ({', '.join('?' * len(chunk))})", chunk)]
        return ids

    # -- what the concordance and term counts read (issue 14; see OUTLINES_SCHEMA) ----------

    def _has_outlines(self) -> bool:
        return bool(self.db().execute("SELECT count(*) FROM sqlite_master WHERE name='outlines'").fetchone()[0])

    def outlines(self, keys: Iterable[str]) -> dict[str, DocOutline]:
        """key -> DocOutline of the reports asked for that are in the library."""
        sql = (
            "SELECT d.key, d.level, d.publisher, o.adcode, o.sections FROM docs d "
            "LEFT JOIN outlines o ON o.key = d.key WHERE d.key IN ({})"
            if self._has_outlines() else "SELECT key, level, publisher, NULL, NULL FROM docs WHERE key IN ({})"
        )
        wanted = list(dict.fromkeys(keys))
        out: dict[str, DocOutline] = {}
        for i in range(0, len(wanted), 500):  # under sqlite's limit of bound parameters
            chunk = wanted[i : i + 500]
            for key, level, publisher, adcode, sections in self.db().execute(
                sql.format(", ".join("?" * len(chunk))), chunk
            ):
                tree = None if sections is None else tuple(Section.from_json(x) for x in json.loads(sections))
                out[key] = DocOutline(level, publisher, adcode, tree)
        return out

    def folded_utf8(self, keys: Iterable[str] | None = None) -> Iterator[tuple[str, str, bytes]]:
        """(key, level, folded clean text as UTF-8 bytes) of every report (or of `keys`), in
        one scan: what a term count over the library reads. Bytes because decoding 50 MB
        costs more than the count, and a UTF-8 substring count equals the text's count."""
        sql = "SELECT key, level, folded FROM docs"
        if keys is None:
            for key, level, packed in self.db().execute(sql):
                yield key, level, zlib.decompress(packed)
            return
        wanted = list(keys)
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            for key, level, packed in self.db().execute(f"{sql} WHERE key IN ({', '.join('?' * len(chunk))})", chunk):
                yield key, level, zlib.decompress(packed)

    def backfill_outlines(self) -> int:
        """Store the outline of every report the table lacks (a library made before it).
        The caller holds the library lock. Returns the rows added."""
        db = self.db()
        if not self._has_outlines():
            with db:
                db.executescript(OUTLINES_SCHEMA)
        missing = db.execute(
            "SELECT d.key, d.path FROM docs d LEFT JOIN outlines o ON o.key = d.key WHERE o.key IS NULL"
        ).fetchall()
        rows = []
        for key, path in missing:
            try:
                report = self.report(path)
            except (KeyError, OSError, ValueError):
                continue  # a damaged report file: the concordance falls back to it and says so
            rows.append((key, report.adcode, outline_json(report.sections)))
        if rows:
            with db:
                db.executemany("INSERT OR REPLACE INTO outlines(key, adcode, sections) VALUES (?, ?, ?)", rows)
        return len(rows)

    # -- the targets table (targettable.py) ---------------------------------------------

    def target_db(self) -> sqlite3.Connection:
        """This thread's connection, where the targets tables can be asked (in memory for a
        read-only library of format 3, filled on first use: formats.legacy_targets)."""
        db = self.db()
        if self.legacy and not getattr(self._local, "legacy_targets", False):
            from explorer.library.formats import legacy_targets

            legacy_targets(db)
            self._local.legacy_targets = True
        return db

    def doc_forms(self) -> list[tuple[int, str, str]]:
        """(docs.id, folded title, folded region) of every report, re-read when the manifest
        changed: the targets' text and region filters match reports by these."""
        db = self.db()
        version = (db.execute("PRAGMA data_version").fetchone()[0], db.total_changes)
        cached = getattr(self._local, "doc_forms", None)
        if cached is None or cached[0] != version:
            rows = db.execute("SELECT id, title, region FROM docs").fetchall()
            forms = targettable.fold_all([f"{title}\t{region}" for _k, title, region in rows])
            table = [(k, *f.split("\t", 1)) for (k, _t, _r), f in zip(rows, forms, strict=True)]
            cached = self._local.doc_forms = (version, table)
        return cached[1]

    def target_hits(self, query: targettable.TargetQuery, after: targettable.TargetHit | None = None,
                    limit: int | None = None) -> Iterator[targettable.TargetHit]:
        db = self.target_db()
        return targettable.hits(db, query, self.doc_forms(), after, limit)

    def target_count(self, query: targettable.TargetQuery, cancelled: Callable[[], bool] | None = None) -> int:
        """Raises TargetsCancelled when `cancelled()` turns true meanwhile: a count may read
        every target (seconds), and a newer question should not wait behind it."""
        db = self.target_db()
        forms = self.doc_forms()
        if cancelled is None:
            return targettable.count(db, query, forms)
        db.set_progress_handler(lambda: 1 if cancelled() else 0, 20_000)
        try:
            return targettable.count(db, query, forms)
        except sqlite3.OperationalError:
            if cancelled():
                raise targettable.TargetsCancelled from None
            raise
        finally:
            db.set_progress_handler(None, 0)

    def target_theme_counts(self, report: str | None = None) -> dict[str, int]:
        """Kept until the manifest changes: the library's counts read every theme row."""
        db = self.target_db()
        version = (db.execute("PRAGMA data_version").fetchone()[0], db.total_changes, report)
        cached = getattr(self._local, "theme_counts", None)
        if cached is None or cached[0] != version:
            cached = self._local.theme_counts = (version, targettable.theme_counts(db, report))
        return dict(cached[1])

    def target_facets(self) -> tuple[list[tuple[str, str]], list[str], list[int]]:
        """What the targets' filters offer: (path, label) of the reports with targets,
        sorted by label; their regions; their years, newest first."""
        rows = self.db().execute("SELECT path, title, region, year FROM docs WHERE n_targets > 0").fetchall()
        reports = sorted(((p, targettable.report_label(t, p)) for p, t, _r, _y in rows), key=lambda x: (x[1], x[0]))
        regions = sorted({r for _p, _t, r, _y in rows if r})
        years = sorted({y for _p, _t, _r, y in rows if y}, reverse=True)
        return reports, regions, years


def index_fields(region: str, doc_type: str, themes: Iterable[str]) -> tuple[str, str, tuple[str, ...]]:
    """Metadata in the one form the index and the verifier search in."""
    return search_form(region), search_form(doc_type), tuple(search_form(t) for t in themes)


def text_columns(text: str) -> dict[str, Any]:
    """The manifest columns that hold a report's clean text (see textpack.py), and
    "search_text": the folded text itself, for the index (not a column)."""
    folded = search_form(text)
    packed_folded, script = pack(text, folded)
    return {"n_chars": len(text), "n_terms": n_terms(folded), "folded": packed_folded, "script": script,
            "search_text": folded}

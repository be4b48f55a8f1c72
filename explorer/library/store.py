"""The library's storage: the sqlite manifest and the stored report files.

    library.sqlite   manifest (WAL): sources, one row per report with the source file's
                     size, mtime and SHA-256, metadata, targets, and its text: the folded
                     text and the clean text's differences from it (textpack.py)
    reports/         each full Report (raw text, outline, cleaning counts...) as gzip JSON,
                     named <path key>-<content hash>.json.gz, written tmp + fsync + os.replace;
                     its clean text is the manifest's (stored once)

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
from explorer.library.textpack import pack, unpack, unpack_folded
from explorer.search.analysis import n_terms
from explorer.search.engine import IndexDoc
from explorer.search.normalize import search_form
from explorer.search.searcher import DocMeta

# sqlite PRAGMA user_version. 3: texts packed (textpack.py), n_chars and n_terms; a format 2
# manifest is converted in place (_upgrade_2); any other value: rebuilt from the sources.
LIBRARY_FORMAT = 3

TEXT_CACHE = 64  # unpacked reports kept (about 4 MB)
SOURCES_SCHEMA = "CREATE TABLE IF NOT EXISTS sources (path TEXT PRIMARY KEY, added REAL NOT NULL)"
DOCS_SCHEMA = """
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
    n_chars INTEGER NOT NULL,  -- length of the clean text
    n_terms INTEGER NOT NULL,  -- its non-whitespace characters: the length ranking uses
    folded BLOB NOT NULL,      -- textpack.pack: the folded text
    script BLOB NOT NULL,      -- textpack.pack: where the clean text differs from it
    pipeline TEXT NOT NULL  -- ingest.pipeline_fingerprint() the report was made with
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
    "year", "doc_type", "date", "publisher", "encoding", "n_targets", "themes", "targets",
    "n_chars", "n_terms", "folded", "script", "pipeline",
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


class Manifest:
    """The manifest of one library folder, one sqlite connection per thread (the app
    searches on one thread while it indexes on another)."""

    def __init__(self, folder: Path, read_only: bool) -> None:
        self.db_path = folder / "library.sqlite"
        self.reports_dir = folder / "reports"
        self.read_only = read_only
        self._local = threading.local()
        self._texts: OrderedDict[str, tuple[str, str]] = OrderedDict()
        self._texts_lock = threading.Lock()

    def db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "db", None)
        if conn is None:
            conn = self._local.db = connect(self.db_path, self.read_only)
        return conn

    def init(self) -> None:
        db = self.db()
        version = db.execute("PRAGMA user_version").fetchone()[0]
        has_tables = db.execute("SELECT count(*) FROM sqlite_master WHERE name='docs'").fetchone()[0]
        if has_tables and version == LIBRARY_FORMAT:
            if not self.read_only and not self._has_outlines():
                with db:
                    db.executescript(OUTLINES_SCHEMA)
            self._add_target_tables()
            return  # nothing to write: a library on a read-only medium still opens
        if has_tables and version == 2:
            upgrade_2(db, LIBRARY_FORMAT)
            if not self.read_only and not self._has_outlines():
                with db:
                    db.executescript(OUTLINES_SCHEMA)
            self._add_target_tables()
            return
        if has_tables and version != LIBRARY_FORMAT:
            # Written by another version: keep the sources, re-read every report.
            with db:
                db.execute("DROP TABLE IF EXISTS docs")
        with db:
            db.executescript(SCHEMA)
            db.execute("DROP TABLE IF EXISTS outlines")
            db.executescript(OUTLINES_SCHEMA)
            for table in targettable.TABLES:
                db.execute(f"DROP TABLE IF EXISTS {table}")
            db.executescript(targettable.TARGETS_SCHEMA)
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
            "SELECT report_file, folded, script FROM docs WHERE path=?", (path,)
        ).fetchone()
        if row is None:
            raise KeyError(path)
        with gzip.open(self.reports_dir / row[0], "rb") as f:
            data = json.loads(f.read())
        if "text" not in data:  # stored once, in the manifest (a format 2 file has it)
            data["text"] = unpack(row[1], row[2])[0]
        return Report.from_json(data)

    def targets(
        self, report: str | None, year: int | None
    ) -> Iterator[tuple[ReportInfo, list[Target]]]:
        sql = f"SELECT {_INFO_COLUMNS}, targets FROM docs"
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
        for row in self.db().execute(sql + " ORDER BY path", params):
            yield _info(row[:-1]), [Target.from_json(t) for t in json.loads(row[-1])]

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
            table = {
                r[0]: DocMeta(r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7])), r[8])
                for r in rows
            }
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
        placeholders = ", ".join("?" for _ in DOC_COLUMNS)
        with db:
            db.executemany("DELETE FROM docs WHERE key=?", [(k,) for k in deletes])
            db.executemany(
                f"INSERT OR REPLACE INTO docs({', '.join(DOC_COLUMNS)}) VALUES ({placeholders})",
                [tuple(r[c] for c in DOC_COLUMNS) for r in puts],
            )
            db.executemany("UPDATE docs SET size=?, mtime_ns=? WHERE path=?", touched)
            db.executemany("DELETE FROM sources WHERE path=?", [(r,) for r in sources_gone])
            db.executemany("DELETE FROM outlines WHERE key=?", [(k,) for k in deletes])
            db.executemany(
                "INSERT OR REPLACE INTO outlines(key, adcode, sections) VALUES (?, ?, ?)",
                [(r["key"], r.get("adcode"), r["outline"]) for r in puts if "outline" in r],
            )
            if self._has_target_tables():
                targettable.delete(db, [*deletes, *(r["key"] for r in puts)])
                targettable.put(db, puts)

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

    def _has_target_tables(self) -> bool:
        return targettable.has_tables(self.db())

    def _add_target_tables(self) -> None:
        """Create the (empty) targets tables on a library made before them (their rows come
        from docs.targets on first use: target_db), and any index added since."""
        if not self.read_only and targettable.missing_parts(self.db()):
            with self.db() as db:
                db.executescript(targettable.TARGETS_SCHEMA)

    def target_db(self) -> sqlite3.Connection:
        """This thread's connection, its targets tables in step with docs: filled from the
        stored JSON the first time (the migration of an older library), repaired after a
        writer that does not know them. A read-only library without them gets them in
        memory, for this connection."""
        db = self.db()
        version = (db.execute("PRAGMA data_version").fetchone()[0], db.total_changes)
        if getattr(self._local, "targets_checked", None) == version:
            return db
        if not self._has_target_tables():
            if not self.read_only:
                self._add_target_tables()
            elif not getattr(self._local, "targets_in_memory", False):
                db.execute("ATTACH DATABASE ':memory:' AS mem")
                db.executescript(targettable.TARGETS_SCHEMA.replace("IF NOT EXISTS ", "IF NOT EXISTS mem."))
                self._local.targets_in_memory = True
        if targettable.out_of_step(db) and (not self.read_only or getattr(self._local, "targets_in_memory", False)):
            targettable.sync(db)
        self._local.targets_checked = (db.execute("PRAGMA data_version").fetchone()[0], db.total_changes)
        return db

    def doc_forms(self) -> list[tuple[str, str, str]]:
        """(key, folded title, folded region) of every report, re-read when the manifest
        changed: the targets' text and region filters match reports by these."""
        db = self.db()
        version = (db.execute("PRAGMA data_version").fetchone()[0], db.total_changes)
        cached = getattr(self._local, "doc_forms", None)
        if cached is None or cached[0] != version:
            rows = db.execute("SELECT key, title, region FROM docs").fetchall()
            # One fold per batch: OpenCC's call overhead dominates for short strings.
            joined = search_form("\n".join(f"{title}\t{region}".replace("\n", " ") for _k, title, region in rows))
            forms = joined.split("\n") if rows else []
            table = [(k, *f.split("\t", 1)) for (k, _t, _r), f in zip(rows, forms, strict=True)]
            cached = self._local.doc_forms = (version, table)
        return cached[1]

    def target_hits(self, query: targettable.TargetQuery, offset: int = 0, limit: int | None = None
                    ) -> Iterator[targettable.TargetHit]:
        db = self.target_db()
        return targettable.hits(db, query, self.doc_forms(), offset, limit)

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


def upgrade_2(db: sqlite3.Connection, new_version: int) -> None:
    """A format 2 manifest (clean and folded text as plain columns) converted in place,
    report by report, in one transaction: no source file is read again."""
    kept = ", ".join(DOC_COLUMNS[:17])  # key ... targets: the same in both formats
    insert = f"INSERT INTO docs({', '.join(DOC_COLUMNS)}) VALUES ({', '.join('?' for _ in DOC_COLUMNS)})"
    db.execute("BEGIN IMMEDIATE")  # DDL too: python's sqlite3 would autocommit it
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] == 2:  # not done meanwhile
            db.execute("ALTER TABLE docs RENAME TO docs_2")
            db.execute(DOCS_SCHEMA)
            old = db.execute(f"SELECT {kept}, text, folded, pipeline FROM docs_2")
            while rows := old.fetchmany(200):
                out = []
                for row in rows:
                    text, folded = row[17], row[18]
                    packed_folded, script = pack(text, folded)
                    out.append((*row[:17], len(text), n_terms(folded), packed_folded, script, row[19]))
                db.executemany(insert, out)
            db.execute("DROP TABLE docs_2")
            db.execute(f"PRAGMA user_version={new_version}")
        db.commit()
    except BaseException:
        db.rollback()
        raise


# -- the library's listing (the app's tree), filtered and grouped where it is stored -------

LISTING_INDEX = "CREATE INDEX IF NOT EXISTS docs_listing ON docs(region, year, title, path)"


def listing_haystack(title: str | None, region: str | None, year: int | None, path: str | None) -> str:
    """What a listing filter searches, in search form (either script finds either): the
    title, region, year (2021 and 2021年) and file name."""
    name = os.path.basename(path or "")
    return search_form(f"{title or ''}\n{region or ''}\n{year or ''}年\n{name}")


class Listing:
    """The reports of a manifest grouped by region and year, each group's reports on
    demand, with an optional text filter: SQL over a covering index (docs_listing), so a
    library of 10,000 reports is never loaded into Python to be shown."""

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest

    def _db(self) -> sqlite3.Connection:
        db = self.manifest.db()
        if not getattr(self.manifest._local, "listing_ready", False):
            db.create_function("listing_hay", 4, listing_haystack, deterministic=True)
            if not self.manifest.read_only:
                # The index is what keeps a listing off the reports' big rows. Made by the
                # first reader that can write; a writer busy elsewhere is not waited for.
                db.execute("PRAGMA busy_timeout=200")
                try:
                    with db:
                        db.execute(LISTING_INDEX)
                except sqlite3.OperationalError:
                    pass  # locked or read-only: the listing scans the table this time
                finally:
                    db.execute("PRAGMA busy_timeout=60000")
            self.manifest._local.listing_ready = True
        return db

    @staticmethod
    def _where(text: str, params: list[Any]) -> str:
        needle = search_form(text.strip()) if text else ""
        if not needle:
            return ""
        params.append(needle)
        return "instr(listing_hay(title, region, year, path), ?) > 0"

    def total(self) -> int:
        return self.manifest.count()

    def groups(self, text: str = "") -> list[tuple[str, int | None, int]]:
        """(region, year, reports) of every region and year with a report the filter admits."""
        params: list[Any] = []
        where = self._where(text, params)
        sql = "SELECT region, year, count(*) FROM docs" + (f" WHERE {where}" if where else "")
        return [(r, y, n) for r, y, n in self._db().execute(sql + " GROUP BY region, year", params)]

    def reports(self, region: str, year: int | None, text: str = "") -> list[ReportInfo]:
        """The reports of one group the filter admits, by title then path."""
        params: list[Any] = [region, year]
        where = self._where(text, params)
        sql = f"SELECT {_INFO_COLUMNS} FROM docs WHERE region=? AND year IS ?" + (f" AND {where}" if where else "")
        return [_info(r) for r in self._db().execute(sql + " ORDER BY title, path", params)]

    def group_of(self, path: str) -> tuple[str, int | None] | None:
        row = self._db().execute("SELECT region, year FROM docs WHERE path=?", (path,)).fetchone()
        return None if row is None else (row[0], row[1])

    def first_path(self) -> str | None:
        row = self._db().execute("SELECT path FROM docs ORDER BY path LIMIT 1").fetchone()
        return None if row is None else row[0]

    def doc_types(self) -> list[str]:
        return [r[0] for r in self._db().execute("SELECT DISTINCT doc_type FROM docs WHERE doc_type != '' ORDER BY doc_type")]

    def paths(self, limit: int) -> list[str]:
        return [r[0] for r in self._db().execute("SELECT path FROM docs ORDER BY path LIMIT ?", (limit,))]

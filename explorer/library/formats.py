"""Older manifest formats: converted in place on a writable open, read as they are on a
read-only medium. No source file is read again: everything a newer format holds is in the
older manifest and report files.

    2 -> 3   texts packed (textpack.py): one transaction (upgrade_2)
    3 -> 4   the targets table becomes the record (targettable.py): docs.targets dropped,
             docs keyed by an integer id, the clean text primed with the folded one, the raw
             text moved from the report files to the manifest, packed against the clean
             text, and the report files written anew without it or the targets (upgrade_3)

3 -> 4 runs UPGRADE_BATCH reports per transaction: each batch writes its reports' new
report files (new names, as indexing does: nothing is overwritten), then moves their rows
from the format-3 `docs` to `docs_4` (and their targets into the table), then deletes the
old files; so a kill at any point leaves a manifest that opens and goes on where it
stopped (files of a batch that was not committed are rewritten by the retry, and a file
no row names is swept at the end, or by the next `index`).
The last transaction swaps the tables and sets the version; VACUUM then gives the freed
pages back (a kill before it: the next writable open does it, `vacuum_due` says so).

A read-only format-3 library is read through temporary views of format 4 (legacy_views):
`docs` with the id and label format 4 has, and the targets tables in memory, filled from
docs.targets on a connection's first targets question (legacy_targets). A read-only
format-2 one cannot be read (its texts are not packed): LibraryError says what to do.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.core.model import Target
from explorer.library import targettable
from explorer.library.errors import LibraryBusy, LibraryError
from explorer.library.store import unlink, write_atomic
from explorer.library.textpack import pack, pack_raw, primed_script, unpack
from explorer.search.analysis import n_terms

if TYPE_CHECKING:
    from explorer.library.lock import ProcessLock
    from explorer.library.store import Manifest

CONVERTED = (2, 3)  # the formats opened by conversion
OLD_TABLES = ("target_docs",)  # format 3's, not format 4's (targets, target_themes are both's)
UPGRADE_BATCH = 100  # reports per transaction: what a kill can cost to redo

# Format 3's docs, as upgrade_2 makes it (store.DOCS_SCHEMA is format 4's).
DOCS_SCHEMA_3 = """
CREATE TABLE docs (
    key TEXT PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL, report_file TEXT NOT NULL,
    title TEXT NOT NULL, region TEXT NOT NULL, level TEXT NOT NULL, year INTEGER,
    doc_type TEXT NOT NULL, date TEXT, publisher TEXT NOT NULL, encoding TEXT NOT NULL,
    n_targets INTEGER NOT NULL, themes TEXT NOT NULL, targets TEXT NOT NULL,
    n_chars INTEGER NOT NULL, n_terms INTEGER NOT NULL, folded BLOB NOT NULL, script BLOB NOT NULL,
    pipeline TEXT NOT NULL
)"""
_COMMON = ["key", "path", "size", "mtime_ns", "sha256", "report_file", "title", "region", "level", "year",
           "doc_type", "date", "publisher", "encoding", "n_targets", "themes"]  # in formats 2, 3 and 4


class UpgradeCancelled(LibraryError):
    """The conversion to the current format was stopped; the next open goes on with it."""


def upgrade(manifest: Manifest, version: int, progress: Callable[[int, int], None] | None,
            cancel: Callable[[], bool] | None, lock: ProcessLock | None) -> int:
    """Convert the manifest to the current format; returns the format it is now in (the
    old one for a read-only library, which is then read through legacy_views)."""
    from explorer.library.store import LIBRARY_FORMAT

    if manifest.read_only:
        if version == 2:
            raise LibraryError(
                f"the library {manifest.db_path.parent} was made by an older version (format 2) and is "
                "read-only: open it once where it can be written, to convert it")
        manifest.legacy = version
        manifest.close()  # reopened with the views
        return version
    if lock is not None and not lock.acquire():
        raise LibraryBusy(
            f"another process (pid {lock.holder()}) is using the library {manifest.db_path.parent}; "
            "wait for it to finish and open it again")
    try:
        db = manifest.db()
        if db.execute("PRAGMA user_version").fetchone()[0] == 2:
            upgrade_2(db, 3)
        if db.execute("PRAGMA user_version").fetchone()[0] == 3:
            upgrade_3(manifest, progress, cancel or (lambda: False))
        vacuum(db)
        return LIBRARY_FORMAT
    finally:
        if lock is not None:
            lock.release()


def upgrade_2(db: sqlite3.Connection, new_version: int) -> None:
    """A format 2 manifest (clean and folded text as plain columns) converted to format 3
    in place, report by report, in one transaction."""
    kept = ", ".join([*_COMMON, "targets"])
    columns = [*_COMMON, "targets", "n_chars", "n_terms", "folded", "script", "pipeline"]
    insert = f"INSERT INTO docs({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    with _immediate(db):
        if db.execute("PRAGMA user_version").fetchone()[0] == 2:  # not done meanwhile
            db.execute("ALTER TABLE docs RENAME TO docs_2")
            db.execute(DOCS_SCHEMA_3)
            old = db.execute(f"SELECT {kept}, text, folded, pipeline FROM docs_2")
            while rows := old.fetchmany(200):
                out = []
                for row in rows:
                    text, folded = row[17], row[18]
                    packed_folded, script = pack(text, folded, primed=False)
                    out.append((*row[:17], len(text), n_terms(folded), packed_folded, script, row[19]))
                db.executemany(insert, out)
            db.execute("DROP TABLE docs_2")
            db.execute(f"PRAGMA user_version={new_version}")


def _statements(schema: str) -> list[str]:
    """The statements of a schema script (its comments hold no ";"), to run inside a
    transaction (executescript would commit it first)."""
    out = []
    for chunk in schema.split(";"):
        code = "\n".join(line for line in chunk.splitlines() if not line.strip().startswith("--")).strip()
        if code:
            out.append(code)
    return out


def upgrade_3(manifest: Manifest, progress: Callable[[int, int], None] | None, cancel: Callable[[], bool]) -> None:
    """Format 3 -> 4 in batches (see the module text); the caller holds the library lock."""
    from explorer.library.store import DOC_COLUMNS, DOCS_SCHEMA

    db = manifest.db()
    with _immediate(db):
        if not _has(db, "docs_4"):
            # Format 3's targets tables are derived from docs.targets: dropped, remade below.
            for table in (*targettable.TABLES, *OLD_TABLES):
                db.execute(f"DROP TABLE IF EXISTS {table}")
            db.execute(DOCS_SCHEMA.replace("EXISTS docs (", "EXISTS docs_4 ("))
            for statement in _statements(targettable.TARGETS_SCHEMA):
                db.execute(statement)
    done = db.execute("SELECT count(*) FROM docs_4").fetchone()[0]
    total = done + db.execute("SELECT count(*) FROM docs").fetchone()[0]
    insert = f"INSERT INTO docs_4({', '.join(DOC_COLUMNS)}) VALUES ({', '.join('?' * len(DOC_COLUMNS))})"
    select = f"SELECT rowid, {', '.join(_COMMON)}, n_chars, n_terms, pipeline, folded, script, targets FROM docs"
    if progress:
        progress(done, total)
    while True:
        if cancel():
            raise UpgradeCancelled(f"the conversion of the library {manifest.db_path.parent} was stopped "
                                   f"({done} of {total} reports done); it goes on at the next open")
        gone = []
        with _immediate(db):
            rows = db.execute(f"{select} ORDER BY rowid LIMIT {UPGRADE_BATCH}").fetchall()
            for row in rows:
                values = dict(zip(["rowid", *_COMMON, "n_chars", "n_terms", "pipeline", "folded", "script"],
                                  row[:-1], strict=True))
                values["label"] = targettable.report_label(values["title"], values["path"])
                clean = unpack(values["folded"], values["script"])[0]
                values["script"] = primed_script(values["folded"], values["script"])
                old = values["report_file"]
                values["report_file"], values["raw"] = _slim_report_file(manifest, old, clean)
                if values["report_file"] != old:
                    gone.append(old)
                doc = db.execute(insert, [values[c] for c in DOC_COLUMNS]).lastrowid
                assert doc is not None
                targettable.put_targets(db, doc, [Target.from_json(t) for t in json.loads(row[-1])])
            db.executemany("DELETE FROM docs WHERE rowid=?", [(r[0],) for r in rows])
        for name in gone:  # committed: the old files are no one's now
            unlink(manifest.reports_dir / name)
        done += len(rows)
        if progress and rows:
            progress(done, total)
        if not rows:
            break
    with _immediate(db):
        db.execute("DROP TABLE docs")
        db.execute("ALTER TABLE docs_4 RENAME TO docs")
        db.execute("CREATE TABLE IF NOT EXISTS vacuum_due (why TEXT)")
        db.execute("PRAGMA user_version=4")
    _sweep(manifest)


_SLIM = ".4.json.gz"  # the name of a report file written by the conversion


def _slim_report_file(manifest: Manifest, name: str, clean: str) -> tuple[str, bytes | None]:
    """Write a report file anew without its targets and raw text (the manifest holds
    them); returns its name and the raw text packed (None: the file is missing or damaged,
    kept as it is; the next index reads its source again)."""
    try:
        data = json.loads(gzip.decompress((manifest.reports_dir / name).read_bytes()))
    except (OSError, ValueError, EOFError, zlib.error):
        return name, None
    data.pop("targets", None)
    raw = pack_raw(data.pop("raw_text", ""), clean)
    new = name if name.endswith(_SLIM) else name.removesuffix(".json.gz") + _SLIM
    payload = json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
    write_atomic(manifest.reports_dir / new, gzip.compress(payload, compresslevel=5))
    return new, raw


def _sweep(manifest: Manifest) -> None:
    """Delete the report files no row names (those of a batch killed after its commit)."""
    named = {r[0] for r in manifest.db().execute("SELECT report_file FROM docs")}
    for entry in os.scandir(manifest.reports_dir):
        if entry.name not in named:
            unlink(Path(entry.path))


def vacuum(db: sqlite3.Connection) -> None:
    """Give the pages a conversion freed back to the file system, if one is due."""
    if not _has(db, "vacuum_due"):
        return
    db.execute("VACUUM")
    with db:
        db.execute("DROP TABLE vacuum_due")
    # VACUUM in WAL mode wrote the whole database into the WAL: fold it back, empty it.
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def finish_vacuum(manifest: Manifest, lock: ProcessLock | None) -> None:
    """On a writable open: the VACUUM a killed conversion did not get to (not waited for
    when another process holds the library)."""
    db = manifest.db()
    if not _has(db, "vacuum_due") or (lock is not None and not lock.acquire()):
        return
    try:
        vacuum(db)
    finally:
        if lock is not None:
            lock.release()


def _has(db: sqlite3.Connection, table: str) -> bool:
    return bool(db.execute("SELECT count(*) FROM main.sqlite_master WHERE name=?", (table,)).fetchone()[0])


class _immediate:
    """A write transaction taken at once (BEGIN IMMEDIATE), DDL included, rolled back on
    any exception."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind: object, *_rest: object) -> None:
        if kind is None:
            self.db.commit()
        else:  # any exception, KeyboardInterrupt and a cancel included
            self.db.rollback()


# -- reading a format-3 library as it is (read-only) ------------------------------------


def legacy_views(db: sqlite3.Connection, version: int) -> None:
    """Format 4's docs over a read-only format-3 manifest, for this connection: a temporary
    view (temp objects come first in sqlite's name lookup) with the id (the rowid) and
    label format 4 has."""
    from explorer.library.store import DOC_COLUMNS

    db.create_function("report_label", 2, targettable.report_label, deterministic=True)
    special = {"label": "report_label(title, path) AS label", "raw": "NULL AS raw"}
    columns = ", ".join(special.get(c, c) for c in DOC_COLUMNS)
    db.execute(f"CREATE TEMP VIEW IF NOT EXISTS docs AS SELECT rowid AS id, {columns}, targets FROM main.docs")


def legacy_targets(db: sqlite3.Connection) -> None:
    """The targets tables of format 4, in this connection's temp schema (they shadow
    format 3's own), filled from docs.targets. Seconds at 1,000 reports: a read-only
    library of an older format is read this way until it is opened where it can be written."""
    schema = targettable.TARGETS_SCHEMA.replace("TABLE IF NOT EXISTS ", "TEMP TABLE IF NOT EXISTS ")
    schema = schema.replace("INDEX IF NOT EXISTS ", "INDEX IF NOT EXISTS temp.")
    with db:
        for statement in _statements(schema):
            db.execute(statement)
        for doc, targets in db.execute("SELECT rowid, targets FROM main.docs").fetchall():
            targettable.put_targets(db, doc, [Target.from_json(t) for t in json.loads(targets)])


def conversion_due(folder: Path) -> bool:
    """Whether opening the library at `folder` will convert it (a writable library of an
    older format): the app then shows the conversion's progress."""
    db_path = folder / "library.sqlite"
    if not db_path.exists() or not os.access(folder, os.W_OK):
        return False
    try:
        db = sqlite3.connect(str(db_path), timeout=5.0)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            has_docs = db.execute("SELECT count(*) FROM sqlite_master WHERE name='docs'").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return False  # Library says what is wrong with it
    return bool(has_docs) and version in CONVERTED

"""The indexing run: find the files, read the new and changed ones in a pool of worker
processes, and commit them in batches to the index and the manifest.

Crash safety comes from the order of writes for each batch of reports: report files first
(new names, nothing is overwritten), then the index commit, then the manifest transaction,
then old report files are deleted. The manifest row is the commit point: until it is
written the next `index` sees the file as new or changed and does it again; the index is
only a candidate finder, and search results are built from manifest rows, so an index
document without a row is never shown (and is dropped by the next `index`).

Before the first batch the run settles the search engine (engines.py): a library whose
size after this run passes the automatic threshold, or whose user chose another engine,
is moved first (a cancelled move is resumed by the next run).

Bounded work: a run holds at most one batch of rows (BATCH_DOCS reports, BATCH_CHARS of
text or BATCH_SECONDS of work) before it commits them, never a list of the library's
texts; each file is read within a time budget (budget.py) and skipped, with the reason,
past it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.library import engines
from explorer.library.budget import (
    OverBudget,
    budgeted_map,
    file_seconds,
    over_budget_reason,
    time_budget,
)
from explorer.library.engines import ENV_BATCH
from explorer.library.files import name_problem, under, walk
from explorer.library.store import (
    Manifest,
    index_fields,
    outline_json,
    path_key,
    text_columns,
    unlink,
    write_atomic,
)
from explorer.library.targettable import folds
from explorer.library.textpack import pack_raw
from explorer.search.engine import Engine, IndexDoc

if TYPE_CHECKING:
    from explorer.library import Library

BATCH_DOCS = 100  # reports per commit: what an interruption can cost to redo
BATCH_CHARS = 20_000_000  # and at most this much text held before a commit
BATCH_SECONDS = 10.0
PARALLEL_MIN_FILES = 8  # below this a process pool costs more than it saves


@dataclass(frozen=True)
class IndexProgress:
    done: int
    total: int
    current: str  # the file just read ("" when none)
    stage: str = "index"  # "index": reading files; "move": building another engine's index
    engine: str = ""  # the engine being built (stage "move")


@dataclass(frozen=True)
class IndexSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    cancelled: bool = False
    engine_moved: str | None = None  # the engine the library moved to in this run


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


def _prepare(path: str, known_sha: str | None, reports_dir: str, pipeline: str, seconds: float) -> _Prepared:
    """Read, ingest and store one file within `seconds`; never raises for a bad file
    (returns skipped)."""
    try:
        size, mtime_ns, sha = _hash_file(path)
    except OSError as exc:
        return _Prepared(path, 0, 0, "", skipped=f"it cannot be read ({exc.strerror or exc})")
    if sha == known_sha:
        return _Prepared(path, size, mtime_ns, sha)
    name = f"{path_key(path)}-{sha[:16]}.json.gz"
    if "explorer.core.ingest" not in sys.modules:  # a worker's first import is not the file's time
        from explorer.core.regex_cache import cached_compiles

        with cached_compiles():  # its patterns' compiled code, from an earlier process
            import explorer.core.ingest  # noqa: F401

    try:
        with time_budget(seconds):
            row = _ingest(path, Path(reports_dir) / name)
    except OverBudget:
        (Path(reports_dir) / name).unlink(missing_ok=True)
        return _Prepared(path, size, mtime_ns, sha, skipped=over_budget_reason(seconds))
    except _Skip as exc:
        return _Prepared(path, size, mtime_ns, sha, skipped=str(exc))
    row.update(path=path, size=size, mtime_ns=mtime_ns, sha256=sha, report_file=name, pipeline=pipeline)
    return _Prepared(path, size, mtime_ns, sha, report_file=name, row=row)


class _Skip(Exception):
    """A file that is not a report the pipeline can read; str(exc) says why."""


def _ingest(path: str, report_file: Path) -> dict[str, Any]:
    """The manifest row of one file (without its file facts), its report stored."""
    from explorer.core.ingest import load_report
    from explorer.core.read.files import UnreadableFile

    try:
        report = load_report(path)
    except UnreadableFile as exc:
        raise _Skip(str(exc)) from exc
    except Exception as exc:  # a bug in ingest must not stop a 1,000-file run
        raise _Skip(f"ingest failed: {type(exc).__name__}: {exc}") from exc
    report.path = path
    stored = report.to_json()  # no raw text: the manifest's raw column holds it, packed
    del stored["text"]  # kept once, in the manifest (store.py)
    targets = stored.pop("targets")  # likewise: the targets table (targettable.py)
    payload = json.dumps(stored, ensure_ascii=False).encode("utf-8", "surrogatepass")
    write_atomic(report_file, gzip.compress(payload, compresslevel=5))
    themes = sorted({t for target in report.targets for t in target.themes})
    return {
        "key": path_key(path),
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
        **text_columns(report.text),  # and "search_text", the folded text, for the index
        "raw": pack_raw(report.raw_text, report.text),
        # Not docs columns: the outlines table (store.OUTLINES_SCHEMA), for the concordance.
        "outline": outline_json(report.sections),
        "adcode": report.adcode,
        # Not docs columns: the targets table's rows (targettable.py), their strings
        # numbered and folded here in the worker rather than in the single writer.
        "targets": targets,
        "target_folds": folds(report.targets),
    }


def _prepare_args(args: tuple[str, str | None, str, str, float]) -> _Prepared:
    """_prepare in a pool worker, which reads hundreds of files: numpy's ways (mojibake's
    pair counts) pay for its import there, not in a run that reads one file."""
    import numpy  # noqa: F401

    return _prepare(*args)


def _not_prepared(args: tuple[str, str | None, str, str, float], reason: str) -> _Prepared:
    path = args[0]
    try:
        st = os.stat(path)
        return _Prepared(path, st.st_size, st.st_mtime_ns, "", skipped=reason)
    except OSError:
        return _Prepared(path, 0, 0, "", skipped=reason)


# -- the run -----------------------------------------------------------------------------


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
        self.manifest: Manifest = lib.manifest
        self.reports_dir = lib.manifest.reports_dir
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
                files.update(dict.fromkeys(walk(root, lib_dir, self.skipped)))
            elif os.path.isfile(root):
                problem = name_problem(root)
                if problem:
                    self.skipped.append((root, problem))
                else:
                    files[root] = None
            elif os.path.exists(root):
                self.skipped.append((root, "it is not a regular file (a pipe, socket or device)"))
            else:
                self.skipped.append((root, "it does not exist"))
        return list(files)

    def _recover(self, ix: Engine) -> list[str]:
        """After an interruption: drop leftovers no manifest row points to."""
        rows = self._drop_unreferenced_files()
        return sorted(ix.keys() - rows)  # committed to the index, never to the manifest

    def _drop_unreferenced_files(self) -> set[str]:
        """Delete report files no manifest row points to; returns the manifest's keys."""
        rows = self.manifest.report_files()
        referenced = set(rows.values())
        for entry in os.scandir(self.reports_dir):
            if entry.name not in referenced:
                unlink(Path(entry.path))  # *.tmp of a killed writer, or a superseded version
        return set(rows)

    def run(self) -> IndexSummary:
        self.manifest.add_sources(
            [r for r in self.roots if os.path.exists(r) and not name_problem(r)], time.time()
        )
        files = self._scan()
        from explorer.core.fingerprint import pipeline_fingerprint

        pipeline = pipeline_fingerprint()
        known = {
            # A report made by another pipeline counts as unknown content: it is re-read.
            path: (key, size, mtime_ns, sha if made_by == pipeline else None, report_file)
            for key, path, size, mtime_ns, sha, report_file, made_by in self.manifest.known()
        }
        found = set(files)
        removed = [
            (info[0], info[4])
            for path, info in known.items()
            if path not in found
            and (any(under(path, r) for r in self.roots) or not os.path.exists(path))
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
        if todo:
            # A broken themes.toml would make every report fail to ingest and drop out of
            # the library: refuse to start instead (LexiconError names the file and the
            # fault). With nothing to read it is not parsed: the fingerprint holds its
            # hash, so the lexicon is the one every stored report was made with.
            from explorer.core.targets.themes import current_lexicon

            current_lexicon()
        moved = self._settle_engine(len(known) - len(removed) + sum(p not in known for p in todo))
        if moved is None:
            return IndexSummary(skipped=list(dict.fromkeys(self.skipped)), cancelled=True)
        ix = self.lib._writer_engine()
        stale_keys = self._recover(ix)
        total = len(files)
        done = total - len(todo)
        if self.progress and done:
            self.progress(IndexProgress(done, total, ""))

        batch = _Batch(deletes=stale_keys + [key for key, _ in removed])
        old_files = [Path(self.reports_dir / f) for _, f in removed]
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
        return IndexSummary(skipped=list(dict.fromkeys(self.skipped)), cancelled=cancelled,
                            engine_moved=moved or None, **self.counts)

    def _settle_engine(self, reports_after: int) -> str | None:
        """Move the library to the engine it should use before this run writes: the one
        its user chose, or the automatic choice for `reports_after` reports. Returns the
        engine moved to, "" for no move, None if the move was cancelled."""
        choice = engines.read_choice(self.lib.path)
        if choice.chosen_by == "auto":
            wanted = engines.auto_engine(reports_after, choice.engine)
            if wanted != choice.wanted:
                choice = engines.EngineChoice(choice.engine, wanted, "auto")
                engines.write_choice(self.lib.path, choice)
        if choice.wanted == choice.engine:
            return ""
        return choice.wanted if self.lib._moved(choice, self.progress, self.cancel) else None

    def _prepared(self, todo: list[str], known: dict[str, tuple[Any, ...]], pipeline: str) -> Iterator[_Prepared]:
        reports_dir = str(self.reports_dir)
        seconds = file_seconds()
        args = [(p, known[p][3] if p in known else None, reports_dir, pipeline, seconds) for p in todo]
        if self.lib.workers < 2 or len(todo) < PARALLEL_MIN_FILES:
            for a in args:
                yield _prepare(*a)
            return
        # Ingest is CPU-bound and runs in worker processes; index writes stay in this one.
        # Closed early (cancel, error), the pool kills the workers still reading.
        yield from budgeted_map(_prepare_args, args, self.lib.workers, seconds, _not_prepared)

    def _take(self, p: _Prepared, known: dict[str, tuple[Any, ...]], batch: _Batch, old_files: list[Path]) -> None:
        prev = known.get(p.path)
        if p.skipped is not None:
            self.skipped.append((p.path, p.skipped))
            if prev:  # it was a report and is no more: drop it rather than show stale text
                batch.deletes.append(prev[0])
                old_files.append(self.reports_dir / prev[4])
                self.counts["removed"] += 1
            return
        if p.row is None:  # same bytes, touched file
            batch.touched.append((p.size, p.mtime_ns, p.path))
            self.counts["unchanged"] += 1
            return
        batch.puts.append(p.row)
        batch.chars += len(p.row["search_text"])
        if prev:
            self.counts["updated"] += 1
            if prev[4] != p.report_file:
                old_files.append(self.reports_dir / prev[4])
        else:
            self.counts["added"] += 1

    def _commit(self, ix: Engine, batch: _Batch, old_files: list[Path]) -> None:
        if not (batch.puts or batch.deletes or batch.touched):
            return
        # Order matters for crash safety: see the module docstring.
        ix.write(
            [
                IndexDoc(
                    r["key"], r["search_text"],
                    *index_fields(r["region"], r["doc_type"], json.loads(r["themes"])), r["year"],
                )
                for r in batch.puts
            ],
            batch.deletes,
        )
        self.manifest.commit(batch.puts, batch.deletes, batch.touched)
        for f in old_files:
            unlink(f)


@dataclass
class _Batch:
    puts: list[dict[str, Any]] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)
    touched: list[tuple[int, int, str]] = field(default_factory=list)
    chars: int = 0
    started: float = field(default_factory=time.monotonic)

    def due(self) -> bool:
        size = int(os.environ.get(ENV_BATCH, "0")) or BATCH_DOCS
        return (len(self.puts) >= size or self.chars >= BATCH_CHARS
                or time.monotonic() - self.started > BATCH_SECONDS)

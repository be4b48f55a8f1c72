"""The library: the reports a user collected, stored for reading and indexed for search.

`Library` is the facade both the CLI and the desktop app use. A library is a folder:

    library.sqlite   the manifest (store.py): sources, one row per report with its texts,
                     one row per target (targettable.py), outlines
    reports/         the rest of each Report (outline, cleaning counts...) as gzip JSON
    engine.json      which search engine the library uses (engines.py)
    index/           the whoosh index, or index-tantivy/ the tantivy index (explorer/search),
                     each with its FORMAT version file
    index.lock       held by the process that writes (index, remove, rebuild) (lock.py)
    excerpts.sqlite  passages the user collected, with notes and tags (excerpts.py)

The package, by job:

    store.py      the manifest and the stored report files; textpack.py its text columns
    formats.py    older manifest formats: converted in place, or read as they are
    listing.py    the app's tree: reports grouped by region and year, in SQL
    targettable.py  the targets table, the record of every report's targets: filtered,
                  sorted, paged and counted in SQL (the targets panel, `targets`, exports)
    files.py      finding report files under the paths a user adds
    indexing.py   the indexing run: worker pool, batches, crash-safe write order
    budget.py     the worker pool that bounds the time one file may take
    engines.py    the engine a library uses; building and moving its index
    lock.py       the writer's inter-process lock
    errors.py     LibraryBusy, LibraryError
    kwic.py       the concordance: every hit of a query with its context
    frequency.py  term frequency per year, region or level
    excerpts.py   the user's excerpts (excerpts.sqlite beside the manifest), found again
                  in their reports when these change

Searching is explorer.search.Searcher over the manifest (a DocStore) and the index.
May import: explorer.search and explorer.core. Never Qt.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from explorer.library import engines
from explorer.library.engines import EngineChoice
from explorer.library.errors import LibraryBusy, LibraryError, storage_trouble
from explorer.library.kwic import CONTEXT, Concordance, KwicDoc, concordance
from explorer.library.listing import Listing
from explorer.library.lock import ProcessLock
from explorer.library.store import Manifest, ReportInfo, ThreadSlots, path_key, unlink
from explorer.library.targettable import TargetHit, TargetQuery
from explorer.search.engine import ENGINES, Engine, unavailable
from explorer.search.query import QueryError
from explorer.search.searcher import Searcher, SearchResults
from explorer.search.snippets import SNIPPET_MARKS

if TYPE_CHECKING:
    from explorer.core.model import Report, Target
    from explorer.library.compare import IndicatorCounts
    from explorer.library.excerpts import ExcerptBook
    from explorer.library.frequency import Filters, Frequency
    from explorer.library.indexing import IndexProgress, IndexSummary

# A cold `search` imports only what searching needs (issue 13: a new process answers in
# well under 0.5 s): indexing (and the ingest stack and process pool behind it),
# frequencies and the Compare view's counts are imported when first used, and these names
# of the package's interface on first access (PEP 562).
_LAZY = {
    "Filters": "explorer.library.frequency",
    "Frequency": "explorer.library.frequency",
    "IndexProgress": "explorer.library.indexing",
    "IndexSummary": "explorer.library.indexing",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


T = TypeVar("T")

__all__ = [
    "Concordance",
    "Filters",
    "Frequency",
    "ENGINES",
    "EngineChoice",
    "IndexProgress",
    "IndexSummary",
    "Library",
    "LibraryBusy",
    "LibraryError",
    "QueryError",
    "ReportInfo",
    "SearchResults",
    "TargetHit",
    "TargetQuery",
    "SNIPPET_MARKS",
    "default_library_path",
    "path_key",
]

ENV_LIBRARY = "REPORT_EXPLORER_LIBRARY"
ENV_WORKERS = "REPORT_EXPLORER_WORKERS"


def default_library_path() -> Path:
    env = os.environ.get(ENV_LIBRARY)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("report-explorer", appauthor=False)) / "library"


class Library:
    def __init__(
        self,
        path: str | Path | None = None,
        workers: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> None:
        """Open the library at `path`, made if new. A library of an older format is
        converted first (library/formats.py: seconds to minutes; progress(done, total)
        told, stopped by cancel() with formats.UpgradeCancelled, resumed at the next open)."""
        self.path = Path(path).expanduser() if path is not None else default_library_path()
        self._lock = ProcessLock(self.path / "index.lock")
        if workers is None:
            workers = int(os.environ.get(ENV_WORKERS, "0")) or min(os.cpu_count() or 1, 4)
        self.workers = max(1, workers)
        self.read_only = False
        self.manifest = Manifest(self.path, read_only=False)
        self._local = ThreadSlots()  # this thread's index for searching (see ThreadSlots)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self.manifest.reports_dir.mkdir(exist_ok=True)
            # A library on a read-only mount or folder (a shared drive, a CD) can still be
            # searched and read; only index and remove need to write.
            self.read_only = not os.access(self.path, os.W_OK) and self.manifest.db_path.exists()
            self.manifest.read_only = self.read_only
            self.manifest.init(progress, cancel, self._lock)
        except (OSError, sqlite3.Error) as exc:  # e.g. "file is not a database"
            raise storage_trouble(self.path, "opened", exc) from exc
        self._excerpts: ExcerptBook | None = None

    # -- plumbing -------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        return self.manifest.db()

    def _index_reader(self) -> Engine | None:
        """This thread's engine for searching, rebuilt first if it is missing, old or
        damaged; None while it cannot be used (then every report is checked on its text)."""
        stamp = engines.choice_stamp(self.path)
        cached = getattr(self._local, "index", None)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        if cached is not None:
            cached[1].close()  # the library moved to another engine meanwhile
            self._local.index = None
        name = engines.read_choice(self.path).engine
        if unavailable(name):
            return None
        ix = engines.make_engine(self.path, name)
        if not ix.open():
            try:
                writable = not self.read_only and self._lock.acquire()
            except OSError:  # no room even for the lock file: search without the index
                writable = False
            if not writable:
                return None  # the writer will rebuild it; meanwhile search without it
            try:
                if engines.read_choice(self.path).engine != name:
                    return None  # switched while we waited for the lock: next search
                engines.build(ix, self.manifest)
            finally:
                self._lock.release()
        self._local.index = (stamp, ix)
        return ix

    def close(self) -> None:
        cached = getattr(self._local, "index", None)
        if cached is not None:
            cached[1].close()
            self._local.index = None
        self.manifest.close()
        if self._excerpts is not None:
            self._excerpts.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def excerpts(self) -> ExcerptBook:
        """The user's excerpts: .add(path, start, end, note, tags), .all(tags), .update,
        .remove, .restore, .tags. Made on first use: the indexing processes never need it."""
        if self._excerpts is None:
            from explorer.library.excerpts import ExcerptBook

            self._excerpts = ExcerptBook(self.path, self, self.read_only)
        return self._excerpts

    # -- listing --------------------------------------------------------------------

    def __len__(self) -> int:
        return self.manifest.count()

    def sources(self) -> list[str]:
        return self.manifest.sources()

    def reports(self) -> list[ReportInfo]:
        return self.manifest.reports()

    def listing(self) -> Listing:
        """The reports grouped by region and year, filtered in the manifest (the app's
        tree; listing.Listing): for a large library, instead of reports()."""
        return Listing(self.manifest)

    def report(self, path: str) -> Report:
        """The stored report; KeyError if `path` is not in the library."""
        try:
            return self.manifest.report(os.path.abspath(path))
        except KeyError:
            raise KeyError(f"{path} is not in the library {self.path}") from None

    def report_version(self, path: str) -> str | None:
        """Which version of a stored report this is (its source's content and the pipeline
        that read it), None if the library does not hold `path`: excerpts compare it to know
        when to look for their passage again."""
        row = self._db().execute(
            "SELECT sha256, pipeline FROM docs WHERE path=?", (os.path.abspath(path),)
        ).fetchone()
        return None if row is None else f"{row[0]}/{row[1]}"

    def targets(
        self,
        themes: Iterable[str] = (),
        report: str | None = None,
        region: str | None = None,
        year: int | None = None,
        kind: str | None = None,
    ) -> list[tuple[ReportInfo, Target]]:
        """Targets of the stored reports, by report path then position. themes: any of
        them; region: a substring (常州 finds 常州市钟楼区); both in either script."""
        query = TargetQuery(themes=tuple(themes), kind=kind or "", year_from=year, year_to=year,
                            region_contains=region or "",
                            report=os.path.abspath(report) if report is not None else None)
        infos = {info.path: info for info in self.manifest.reports()}
        return [(infos[h.path], h.target) for h in self.manifest.target_hits(query) if h.path in infos]

    def target_hits(self, query: TargetQuery, *, after: TargetHit | None = None,
                    limit: int | None = None) -> list[TargetHit]:
        """One page of the targets `query` asks for (library/targettable.py), filtered,
        sorted and paged in the manifest: what the targets panel shows. after: the last
        row of the page before (asked with the same query), the next page starting where
        that row is (keyset paging: a page costs the same at any depth); None: the first."""
        return list(self.manifest.target_hits(query, after, limit))

    def iter_target_hits(self, query: TargetQuery) -> Iterator[TargetHit]:
        """Every target `query` asks for, read a batch at a time (exports)."""
        return self.manifest.target_hits(query)

    def target_count(self, query: TargetQuery, cancelled: Callable[[], bool] | None = None) -> int:
        """Targets `query` matches; raises targettable.TargetsCancelled when `cancelled()`
        turns true before the count is done."""
        return self.manifest.target_count(query, cancelled)

    def target_theme_counts(self, report: str | None = None) -> dict[str, int]:
        """Targets per theme, of the report at path `report` or of the whole library."""
        return self.manifest.target_theme_counts(os.path.abspath(report) if report is not None else None)

    def target_facets(self) -> tuple[list[tuple[str, str]], list[str], list[int]]:
        """(path, label) of the reports with targets, their regions, their years."""
        return self.manifest.target_facets()

    def indicator_counts(self, classify: Callable[[str, str], str | None]) -> IndicatorCounts:
        """Figures per canonical indicator (classify: indicator text and unit -> name),
        counted in the manifest (library/compare.py), and the reports that hold them."""
        from explorer.library.compare import indicator_counts

        return indicator_counts(self.manifest, classify)

    def indicator_targets(self, classify: Callable[[str, str], str | None], name: str,
                          reports: list[int]) -> list[tuple[ReportInfo, Target]]:
        """The targets classified as `name` in `reports` (IndicatorCounts.reports[name])."""
        from explorer.library.compare import indicator_targets

        return list(indicator_targets(self.manifest, classify, name, reports))

    # -- searching ------------------------------------------------------------------

    def search(self, query: str, limit: int | None = 20) -> SearchResults:
        """Reports matching `query` (syntax: explorer/search/query.py), best first.

        limit None or 0: all. Raises QueryError for a malformed query.
        """
        return self._with_index(lambda index: Searcher(self.manifest, index).search(query, limit))

    def _with_index(self, use: Callable[[Engine | None], T]) -> T:
        """use(this thread's engine). A move to another engine ends by deleting the old
        engine's folder, which may happen while this thread still reads it: then the call
        is made once more, on the engine the library now names."""
        stamp = engines.choice_stamp(self.path)
        try:
            return use(self._index_reader())
        except QueryError:
            raise
        except Exception:
            if engines.choice_stamp(self.path) == stamp:
                raise  # not a move: a real failure
            return use(self._index_reader())

    def concordance(
        self,
        query: str,
        context: int = CONTEXT,
        cross_paragraphs: bool = False,
        limit: int | None = None,
        paths: Iterable[str] | None = None,
        on_batch: Callable[[list[KwicDoc], list[tuple[int, int, int]]], None] | None = None,
    ) -> Concordance:
        """Every hit of `query` (search syntax) with `context` characters either side, in
        the reports at `paths` only if given, `on_batch` told of each batch of reports as
        they are read (library/kwic.py). Raises QueryError."""
        # The engine is asked once, before the first batch: a retry repeats no batch.
        wanted = None if paths is None else [os.path.abspath(p) for p in paths]
        return self._with_index(lambda index: concordance(
            self.manifest, index, query, context, cross_paragraphs, limit, wanted, on_batch))

    def frequency(self, terms: Iterable[str], filters: Filters | None = None) -> Frequency:
        """Occurrences of each term in every report the filters admit (library/frequency.py);
        Frequency.table(by) groups them per year, region or level."""
        from explorer.library.frequency import Filters, library_frequency

        return library_frequency(self.manifest, list(terms), filters or Filters())

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
        from explorer.library.indexing import _IndexRun

        try:
            self._acquire_writer()
        except OSError as exc:  # the lock file cannot be made: read-only folder, full disk
            raise storage_trouble(self.path, "written", exc) from exc
        try:
            summary = _IndexRun(self, [os.path.abspath(os.fspath(p)) for p in paths], progress, cancel).run()
            if not summary.cancelled:
                self.manifest.backfill_outlines()  # once, for a library made before the table
            return summary
        except (OSError, sqlite3.Error) as exc:
            # Sources are read in the workers, which name a bad file and go on: what
            # arrives here is the library's own storage failing. What was committed
            # stays; leftovers of the unfinished batch are dropped by the next run.
            raise storage_trouble(self.path, "written", exc) from exc
        finally:
            self._lock.release()

    def remove(self, paths: Iterable[str]) -> int:
        """Forget reports (a file, or every report under a folder) and those sources."""
        from explorer.library.files import under

        self._acquire_writer()
        try:
            roots = [os.path.abspath(p) for p in paths]
            gone = [
                (key, path, report_file)
                for key, path, _size, _mtime, _sha, report_file, _pipeline in self.manifest.known()
                if any(under(path, r) for r in roots)
            ]
            ix = self._writer_engine()
            try:
                ix.write((), [g[0] for g in gone])
            finally:
                ix.close()
            self.manifest.commit([], [g[0] for g in gone], [], sources_gone=roots)
            for g in gone:
                unlink(self.manifest.reports_dir / g[2])
            return len(gone)
        finally:
            self._lock.release()

    # -- the search engine ----------------------------------------------------------

    @property
    def engine(self) -> str:
        """The search engine whose index answers this library's searches."""
        return engines.read_choice(self.path).engine

    @property
    def engine_choice(self) -> EngineChoice:
        """The engine, the one wanted (another while a move is pending), who chose."""
        return engines.read_choice(self.path)

    def set_engine(
        self,
        name: str | None,
        progress: Callable[[IndexProgress], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> bool:
        """Use engine `name` from now on (None: let the library choose by its size) and
        move the index to it: rebuilt from the stored reports beside the old one, which
        answers searches until the switch. The choice is remembered at once; True when
        the library uses the engine, False if cancelled (the next call or index run goes
        on from where the move stopped). Raises LibraryBusy, LibraryError."""
        if name is not None and name not in ENGINES:
            raise LibraryError(f"unknown search engine {name!r}: choose one of {', '.join(ENGINES)}")
        problem = unavailable(name) if name else None
        if problem:
            raise LibraryError(problem)
        self._acquire_writer()
        try:
            current = engines.read_choice(self.path)
            if name is None:
                wanted = engines.auto_engine(len(self), current.engine)
                choice = EngineChoice(current.engine, wanted, "auto")
            else:
                choice = EngineChoice(current.engine, name, "user")
            if choice != current:
                engines.write_choice(self.path, choice)
            return self._moved(choice, progress, cancel)
        finally:
            self._lock.release()

    def _moved(
        self,
        choice: EngineChoice,
        progress: Callable[[IndexProgress], None] | None,
        cancel: Callable[[], bool] | None,
    ) -> bool:
        """Carry out a pending move (caller holds the lock); True when none is left."""
        from explorer.library.indexing import IndexProgress

        if choice.wanted == choice.engine:
            return True

        def report(done: int, total: int) -> None:
            if progress:
                progress(IndexProgress(done, total, "", stage="move", engine=choice.wanted))

        try:
            return engines.move(self.path, self.manifest, choice, report, cancel)
        except (OSError, sqlite3.Error) as exc:
            raise storage_trouble(self.path, "written", exc) from exc

    def _writer_engine(self) -> Engine:
        """The current engine, open for writing; caller holds the lock. Rebuilt from the
        manifest if needed; other engines' folders (stale by this write) are dropped."""
        name = engines.read_choice(self.path).engine
        problem = unavailable(name)
        if problem:
            raise LibraryError(f"this library uses the {name} engine, which cannot be used here: {problem}")
        engines.drop_other_engines(self.path, name)
        ix = engines.make_engine(self.path, name)
        if not ix.open():
            engines.build(ix, self.manifest)
        return ix

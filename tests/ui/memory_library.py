"""A test double with the Library API (explorer/library.py), kept in memory.

GUI tests use it so that they check the window's behaviour, not whoosh: spans are
computed here by a plain folded substring scan, which is exactly what the real library
promises (literal substring semantics, Simplified = Traditional)."""

from __future__ import annotations

import shutil
import tempfile
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from explorer.core.ingest import load_report
from explorer.core.model import Hit, Report
from explorer.core.read.files import UnreadableFile
from explorer.core.scripts import fold
from explorer.library import IndexProgress, IndexSummary, QueryError, ReportInfo, SearchResults
from explorer.library.excerpts import ExcerptBook


@dataclass
class _Summary:
    """Counted up while indexing, then frozen into the library's own IndexSummary."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list = field(default_factory=list)
    cancelled: bool = False


class MemoryLibrary:
    def __init__(self, path=None) -> None:
        self.path = Path(path or "/nonexistent")
        self._reports: dict[str, Report] = {}
        self._sources: list[str] = []
        self.index_delay = 0.0  # seconds per file, to test progress and cancel
        # The real excerpt store, in a folder of its own that goes with this object.
        folder = Path(tempfile.mkdtemp(prefix="excerpts-"))
        weakref.finalize(self, shutil.rmtree, folder, True)
        self.excerpts = ExcerptBook(folder, self)

    def index(self, paths, progress=None, cancel=None) -> IndexSummary:
        import time

        files: list[Path] = []
        for p in map(Path, paths):
            if str(p) not in self._sources:
                self._sources.append(str(p))
            files.extend(sorted(p.glob("*.txt")) if p.is_dir() else [p])
        summary = _Summary()
        for i, f in enumerate(files):
            if cancel and cancel():
                summary.cancelled = True
                break
            if progress:
                progress(IndexProgress(i, len(files), str(f)))
            time.sleep(self.index_delay)
            try:
                report = load_report(f)
            except UnreadableFile as exc:
                summary.skipped.append((str(f), str(exc)))
                continue
            key = str(f.resolve())
            report.path = key
            if key in self._reports:
                summary.unchanged += 1
            else:
                summary.added += 1
            self._reports[key] = report
        if progress and not summary.cancelled:
            progress(IndexProgress(len(files), len(files), ""))
        return IndexSummary(**vars(summary))

    def search(self, query: str, limit: int | None = 20) -> SearchResults:
        terms = [fold(t) for t in query.split()]
        if not terms:
            raise QueryError("empty query")
        hits = []
        for r in self._reports.values():
            hay = fold(r.text)
            spans = []
            for t in terms:
                found = []
                i = hay.find(t)
                while i >= 0:
                    found.append((i, i + len(t)))
                    i = hay.find(t, i + len(t))
                if not found:
                    break
                spans.extend(found)
            else:
                spans.sort()
                snippets = tuple(r.text[max(0, s - 12):e + 12] for s, e in spans[:5])
                hits.append(Hit(r.path, r.title, r.region, r.year, len(spans), tuple(spans), snippets))
        hits.sort(key=lambda h: -h.hits)
        return SearchResults(query, len(hits), hits[:limit] if limit else hits)

    def report(self, path: str) -> Report:
        return self._reports[path]

    def report_version(self, path: str) -> str | None:
        report = self._reports.get(path)
        return None if report is None else str(id(report))

    def reports(self) -> list[ReportInfo]:
        return [ReportInfo(r.path, r.title, r.region, r.level, r.year, r.doc_type, len(r.targets), r.encoding)
                for r in self._reports.values()]

    def targets(self, themes=(), report=None, region=None, year=None, kind=None):
        infos = {i.path: i for i in self.reports()}
        return [(infos[r.path], t) for r in self._reports.values() for t in r.targets]

    def _hits(self) -> list:
        from explorer.library.targettable import TargetHit

        return [TargetHit(r.path, r.title, r.region, r.year, t, seq)
                for r in sorted(self._reports.values(), key=lambda r: r.path) for seq, t in enumerate(r.targets)]

    # The targets panel's questions, answered in memory as the manifest would (targettable.select).
    def target_hits(self, query, *, after=None, limit=None):
        from explorer.library.targettable import select

        rows = select(self._hits(), query)
        if after is not None:  # the rows after that one (it is among them: nothing changes here)
            at = [(h.path, h.seq) for h in rows].index((after.path, after.seq))
            rows = rows[at + 1:]
        return rows[:limit]

    def iter_target_hits(self, query):
        return iter(self.target_hits(query))

    def target_count(self, query, cancelled=None) -> int:
        return len(self.target_hits(query))

    def target_theme_counts(self, report=None) -> dict:
        from explorer.library.targettable import count_themes

        return count_themes(h for h in self._hits() if report is None or h.path == report)

    def target_facets(self):
        with_targets = [r for r in self._reports.values() if r.targets]
        return (sorted(((r.path, r.title or Path(r.path).name) for r in with_targets), key=lambda x: (x[1], x[0])),
                sorted({r.region for r in with_targets if r.region}),
                sorted({r.year for r in with_targets if r.year}, reverse=True))

    def remove(self, paths) -> int:
        n = 0
        for p in paths:
            n += self._reports.pop(p, None) is not None
        return n

    def sources(self) -> list[str]:
        return list(self._sources)

    def __len__(self) -> int:
        return len(self._reports)

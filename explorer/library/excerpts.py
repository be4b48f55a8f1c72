"""Excerpts: passages a user collected from the library's reports, with notes and tags.

They live in their own file, excerpts.sqlite in the library folder, not in the manifest:
the manifest is derived data the program drops and rebuilds (a format it cannot convert drops
its reports table; a damaged one is deleted and the library re-indexed), while excerpts
are the user's own work and cannot be derived again. Apart they also never wait for the
indexer's write transactions, have their own schema version, and are one file to back up
or hand to a colleague.

An excerpt is anchored by its text, its offsets and some context on either side, and
remembers which version of its report (Library.report_version) it was last checked
against. When a report changes (re-indexed from an edited file, or by a newer cleaning
pipeline), its excerpts are found again the next time they are listed: the exact text
nearest the old place (the context deciding between repeats), else the passage's two ends
around an edited middle. One that cannot be found stays listed, marked not found, with its
last text: nothing is dropped silently. Re-anchoring happens here, on reading; the
indexing run knows nothing of excerpts.

May import: explorer.core (and explorer.library's errors). Never Qt.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Protocol

from explorer.core.cite.excerpts import Excerpt, has_any_tag, normalize_tags
from explorer.core.cite.styles import CitationParts, citation_parts, stripped_span
from explorer.core.model import Report
from explorer.library.errors import LibraryError, storage_trouble
from explorer.library.store import ThreadSlots

EXCERPTS_FORMAT = 1  # PRAGMA user_version of excerpts.sqlite; migrations, never drops
CONTEXT = 40  # characters kept on either side of a passage to find it again
MAX_REPEATS = 5000  # occurrences of a passage weighed when it must be found again
END_SIZES = (20, 12, 8, 6, 4)  # lengths of a passage's ends that find it around an edited middle
MIN_SIMILARITY = 0.6  # an edited passage must still be mostly the one collected

SCHEMA = """
CREATE TABLE IF NOT EXISTS excerpts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: scripts name excerpts by id
    path TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    text TEXT NOT NULL,          -- the passage as last found
    before TEXT NOT NULL,        -- context, to find it again
    after TEXT NOT NULL,
    collected TEXT NOT NULL,     -- the passage as the user collected it
    note TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    found INTEGER NOT NULL DEFAULT 1,
    version TEXT NOT NULL DEFAULT '',  -- report version the anchor was last checked against
    source TEXT NOT NULL,        -- CitationParts JSON without the passage, original script
    created TEXT NOT NULL,
    modified TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS excerpts_by_path ON excerpts(path);
"""
_COLUMNS = ("id, path, start_offset, end_offset, text, before, after, collected, note, tags, "
            "found, version, source, created")


class ReportSource(Protocol):
    """What the excerpts need of a library."""

    def report(self, path: str) -> Report:
        """The stored report; KeyError when the library does not hold it."""
        ...

    def report_version(self, path: str) -> str | None:
        """Changes whenever the stored report may have changed; None: not stored."""
        ...


# -- anchoring: pure functions ----------------------------------------------------------


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    text: str
    before: str
    after: str


def anchor_at(text: str, start: int, end: int) -> Anchor:
    return Anchor(start, end, text[start:end], text[max(0, start - CONTEXT):start], text[end:end + CONTEXT])


def _agreement(text: str, start: int, end: int, old: Anchor) -> int:
    """How many characters of the old context still stand next to text[start:end]."""
    n = 0
    for a, b in zip(reversed(text[max(0, start - CONTEXT):start]), reversed(old.before), strict=False):
        if a != b:
            break
        n += 1
    for a, b in zip(text[end:end + CONTEXT], old.after, strict=False):
        if a != b:
            break
        n += 1
    return n


def relocate(text: str, old: Anchor) -> Anchor | None:
    """Where the passage `old` stands in `text` (a new version of its report): its exact
    text where most of the old context agrees, nearest the old place among equals; else its
    two ends around an edited middle; else None."""
    best: tuple[tuple[int, int], int] | None = None
    i = text.find(old.text) if old.text else -1
    for _ in range(MAX_REPEATS):
        if i < 0:
            break
        key = (-_agreement(text, i, i + len(old.text), old), abs(i - old.start))
        if best is None or key < best[0]:
            best = (key, i)
        i = text.find(old.text, i + 1)
    if best is not None:
        return anchor_at(text, best[1], best[1] + len(old.text))
    return _around_edit(text, old)


def _around_edit(text: str, old: Anchor) -> Anchor | None:
    """The passage's first and last characters still there, something inserted, removed or
    changed between: the span from one to the other, if it is still mostly the passage.
    Each end is tried long first, then shorter (an edit may come close to an end)."""
    n = len(old.text)
    sizes = [k for k in END_SIZES if 3 * k <= n]
    best: tuple[tuple[float, int], Anchor] | None = None
    for kh in sizes:
        head = old.text[:kh]
        heads: list[int] = []
        i = text.find(head)
        while i >= 0 and len(heads) < MAX_REPEATS:
            heads.append(i)
            i = text.find(head, i + 1)
        for h in sorted(heads, key=lambda h: abs(h - old.start))[:20]:
            for kt in sizes:
                t = text.find(old.text[-kt:], h + kh, h + 2 * n + 200)
                if t < 0:
                    continue
                matcher = SequenceMatcher(None, old.text, text[h:t + kt], autojunk=False)
                ratio = matcher.ratio() if matcher.quick_ratio() >= MIN_SIMILARITY else 0.0
                key = (-ratio, abs(h - old.start))
                if ratio >= MIN_SIMILARITY and (best is None or key < best[0]):
                    best = (key, anchor_at(text, h, t + kt))
                break
        if best is not None:
            return best[1]
    return None


# -- storage -----------------------------------------------------------------------------


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _source_of(report: Report, start: int, end: int) -> CitationParts:
    """What the citation names, kept so an excerpt is cited even after its report is gone."""
    return replace(citation_parts(report, start, end), passage="")


class ExcerptBook:
    """The excerpts of one library folder (excerpts.sqlite), one connection per thread."""

    def __init__(self, folder: Path, reports: ReportSource, read_only: bool = False) -> None:
        self.folder = folder
        self.db_path = folder / "excerpts.sqlite"
        self.reports = reports
        self.read_only = read_only
        self._local = ThreadSlots()  # this thread's connection (see ThreadSlots)
        self._made = False

    # -- plumbing ---------------------------------------------------------------------

    def _db(self, write: bool = False) -> sqlite3.Connection | None:
        """This thread's connection; None when reading a library that has no excerpts yet.
        The file is made on the first write, so merely listing leaves no file behind."""
        if write and self.read_only:
            raise LibraryError(f"the library {self.folder} is read-only: excerpts cannot be changed")
        conn = getattr(self._local, "db", None)
        if conn is not None:
            return conn
        if not write and not self.db_path.exists():
            return None
        try:
            if self.read_only:
                uri = self.db_path.absolute().as_uri() + "?immutable=1"
                conn = sqlite3.connect(uri, uri=True, timeout=60.0, check_same_thread=False)
            else:
                conn = sqlite3.connect(str(self.db_path), timeout=60.0, check_same_thread=False)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                self._migrate(conn)
        except (OSError, sqlite3.Error) as exc:
            raise storage_trouble(self.folder, "read for excerpts", exc) from exc
        self._local.db = conn
        return conn

    @staticmethod
    def _migrate(conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > EXCERPTS_FORMAT:
            # Written by a newer version: read it, never rewrite what we do not know.
            return
        with conn:
            conn.executescript(SCHEMA)
            conn.execute(f"PRAGMA user_version={EXCERPTS_FORMAT}")

    def _write(self, sql: str, params: Iterable[tuple] | tuple, many: bool = False) -> sqlite3.Cursor:
        conn = self._db(write=True)
        assert conn is not None
        try:
            with conn:
                return conn.executemany(sql, params) if many else conn.execute(sql, params)  # type: ignore[arg-type]
        except sqlite3.Error as exc:
            raise storage_trouble(self.folder, "written (excerpts)", exc) from exc

    def close(self) -> None:
        conn = getattr(self._local, "db", None)
        if conn is not None:
            conn.close()
            self._local.db = None

    @staticmethod
    def _excerpt(row: tuple) -> Excerpt:
        (id_, path, start, end, text, _before, _after, collected, note, tags, found, _version,
         source, created) = row
        return Excerpt(
            id=id_, path=path, start=start, end=end, text=text,
            source=CitationParts.from_json(json.loads(source)),
            note=note, tags=tuple(json.loads(tags)), found=bool(found),
            collected=collected if collected != text else "", created=created,
        )

    def _rows(self, where: str = "", params: tuple = ()) -> list[tuple]:
        conn = self._db()
        if conn is None:
            return []
        try:
            return conn.execute(f"SELECT {_COLUMNS} FROM excerpts {where} ORDER BY id", params).fetchall()
        except sqlite3.Error as exc:
            raise storage_trouble(self.folder, "read for excerpts", exc) from exc

    # -- reading ----------------------------------------------------------------------

    def all(self, tags: Iterable[str] = (), refresh: bool = True) -> list[Excerpt]:
        """Every excerpt in the order collected, or those with any of `tags` (either
        script). refresh: first find again the excerpts of reports that changed."""
        if refresh:
            self.refresh()
        wanted = tuple(tags)
        return [e for e in map(self._excerpt, self._rows()) if has_any_tag(e, wanted)]

    def get(self, excerpt_id: int) -> Excerpt:
        rows = self._rows("WHERE id=?", (excerpt_id,))
        if not rows:
            raise KeyError(f"there is no excerpt with id {excerpt_id}")
        return self._excerpt(rows[0])

    def tags(self) -> Counter[str]:
        """Every tag in use and how many excerpts carry it."""
        counts: Counter[str] = Counter()
        for e in self.all(refresh=False):
            counts.update(e.tags)
        return counts

    def refresh(self, paths: Iterable[str] | None = None) -> int:
        """Check excerpts against their reports' current versions; find again those whose
        report changed. Returns how many excerpts moved, changed or were lost."""
        if self.read_only:
            return 0
        wanted = None if paths is None else set(paths)
        by_path: dict[str, list[tuple]] = {}
        for row in self._rows():
            if wanted is None or row[1] in wanted:
                by_path.setdefault(row[1], []).append(row)
        updates = []
        moved = 0
        for path, rows in by_path.items():
            version = self.reports.report_version(path) or ""
            stale = [r for r in rows if r[11] != version]
            if not stale:
                continue
            report = self._report(path) if version else None
            for row in stale:
                update = self._reanchor(row, report, version)
                moved += update[:5] != (row[2], row[3], row[4], row[5], row[6]) or update[5] != row[10]
                updates.append(update)
        if updates:
            self._write(
                "UPDATE excerpts SET start_offset=?, end_offset=?, text=?, before=?, after=?, found=?, "
                "source=?, version=?, modified=? WHERE id=?",
                updates, many=True,
            )
        return moved

    def _report(self, path: str) -> Report | None:
        try:
            return self.reports.report(path)
        except (KeyError, OSError, ValueError):  # gone, or its stored file unreadable
            return None

    @staticmethod
    def _reanchor(row: tuple, report: Report | None, version: str) -> tuple:
        (id_, _path, start, end, text, before, after, _collected, _note, _tags, found, _version,
         source, _created) = row
        old = Anchor(start, end, text, before, after)
        new = relocate(report.text, old) if report is not None else None
        if report is None or new is None:
            # Lost: keep its last place and text, so it is still listed and cited. Without
            # a version (the report is gone) it is tried again once the report is back.
            return (start, end, text, before, after, 0, source, version if report else "", _now(), id_)
        fresh = json.dumps(_source_of(report, new.start, new.end).to_json(), ensure_ascii=False)
        return (new.start, new.end, new.text, new.before, new.after, 1, fresh, version, _now(), id_)

    # -- writing ----------------------------------------------------------------------

    def add(self, path: str, start: int, end: int, note: str = "", tags: Iterable[str] | str = (),
            text: str | None = None) -> Excerpt:
        """Collect report.text[start:end] of the stored report `path` (white space at the ends
        left out). `text`: what the caller saw there; if the stored report changed since, the
        passage is looked for. Raises KeyError (not stored) or ValueError (bad span)."""
        report = self.reports.report(path)
        version = self.reports.report_version(report.path) or ""
        if text is not None and report.text[start:end] != text:
            found = relocate(report.text, Anchor(start, end, text, "", ""))
            if found is None:
                raise ValueError("the report changed since it was opened and the passage is no longer in it")
            start, end = found.start, found.end
        parts = citation_parts(report, start, end)  # ValueError for a span outside or blank
        a = anchor_at(report.text, *stripped_span(report.text, start, end))
        source = json.dumps(replace(parts, passage="").to_json(), ensure_ascii=False)
        now = _now()
        cur = self._write(
            "INSERT INTO excerpts(path, start_offset, end_offset, text, before, after, collected, "
            "note, tags, found, version, source, created, modified) VALUES (?,?,?,?,?,?,?,?,?,1,?,?,?,?)",
            (report.path, a.start, a.end, a.text, a.before, a.after, a.text, note.strip(),
             json.dumps(normalize_tags(tags), ensure_ascii=False), version, source, now, now),
        )
        assert cur.lastrowid is not None
        return self.get(cur.lastrowid)

    def update(self, excerpt_id: int, note: str | None = None,
               tags: Iterable[str] | str | None = None) -> Excerpt:
        """Change an excerpt's note and/or tags. KeyError for an unknown id."""
        old = self.get(excerpt_id)
        new_note = old.note if note is None else note.strip()
        new_tags = old.tags if tags is None else normalize_tags(tags)
        self._write(
            "UPDATE excerpts SET note=?, tags=?, modified=? WHERE id=?",
            (new_note, json.dumps(new_tags, ensure_ascii=False), _now(), excerpt_id),
        )
        return self.get(excerpt_id)

    def remove(self, ids: Iterable[int]) -> list[Excerpt]:
        """Remove excerpts; every id must exist, else KeyError and nothing is removed.
        Returns what was removed (for restore())."""
        ids = list(dict.fromkeys(ids))
        gone = [self.get(i) for i in ids]
        self._write("DELETE FROM excerpts WHERE id=?", [(i,) for i in ids], many=True)
        return gone

    def restore(self, excerpts: Iterable[Excerpt]) -> None:
        """Put removed excerpts back under their ids (an undo). They are found again in
        their reports at the next listing (their context was not kept)."""
        now = _now()
        self._write(
            "INSERT OR REPLACE INTO excerpts(id, path, start_offset, end_offset, text, before, after, "
            "collected, note, tags, found, version, source, created, modified) "
            "VALUES (?,?,?,?,?,'','',?,?,?,?,'',?,?,?)",
            [(e.id, e.path, e.start, e.end, e.text, e.collected or e.text, e.note,
              json.dumps(list(e.tags), ensure_ascii=False), int(e.found),
              json.dumps(e.source.to_json(), ensure_ascii=False), e.created, now) for e in excerpts],
            many=True,
        )

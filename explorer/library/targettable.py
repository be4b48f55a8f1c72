"""The targets table: one manifest row per target, so that the targets of a large library
are counted, filtered, sorted and paged where they are stored (issue 13: 900,000 targets
loaded into Python took 11 s and held 1.8 GB).

    targets        the Target's fields, and the report's year, region and label copied
                   beside them (what the panel filters and sorts on, without a join)
    target_themes  (key, seq, theme): a target's themes, indexed by theme
    target_docs    (key, report_file): the reports whose rows are in the table, and which
                   version of each (report_file names the content)

docs.targets (JSON) stays the record; these tables are derived from it, written in the same
transaction as the docs row (Manifest.commit). `sync` brings them in line with docs: on a
library made before the tables (the migration), and after a writer that does not know them
(an older version of the program) added or replaced reports. Every sync is one transaction.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from explorer.core.model import Target
from explorer.search.normalize import search_form

TARGETS_SCHEMA = """
CREATE TABLE IF NOT EXISTS targets (
    key TEXT NOT NULL,          -- docs.key
    seq INTEGER NOT NULL,       -- the target's position in the report's targets
    year INTEGER,               -- the report's (a sort key here; filters read docs')
    region TEXT NOT NULL,       -- the report's (likewise)
    label TEXT NOT NULL,        -- the report's title, else its file name (the panel's 报告)
    kind TEXT NOT NULL, indicator TEXT NOT NULL, value REAL NOT NULL, value_high REAL,
    unit TEXT NOT NULL, qualifier TEXT NOT NULL,
    themes TEXT NOT NULL,       -- "、".join(Target.themes)
    section TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, sentence TEXT NOT NULL, area TEXT NOT NULL,
    -- search_form of indicator, text, sentence and section (haystack()); NULL where that
    -- equals them as stored (most Simplified reports): the text filter reads those instead
    hay TEXT,
    UNIQUE (key, seq)  -- a rowid table: rows of about 700 bytes pack a third tighter than WITHOUT ROWID
);
-- No index on year or region: those filters are asked of docs, read first (_FROM). The
-- two sorts users reach for most walk an index (_SORTED_FROM); the others sort.
CREATE INDEX IF NOT EXISTS targets_value ON targets(unit, value);
CREATE INDEX IF NOT EXISTS targets_indicator ON targets(indicator);
CREATE TABLE IF NOT EXISTS target_themes (
    key TEXT NOT NULL, seq INTEGER NOT NULL, theme TEXT NOT NULL,
    PRIMARY KEY (key, seq, theme)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS target_themes_theme ON target_themes(theme, key, seq);
CREATE TABLE IF NOT EXISTS target_docs (key TEXT PRIMARY KEY, report_file TEXT NOT NULL) WITHOUT ROWID;
"""
TABLES = ("targets", "target_themes", "target_docs")
_TARGET_COLUMNS = ["key", "seq", "year", "region", "label", "kind", "indicator", "value", "value_high",
                   "unit", "qualifier", "themes", "section", "start", "end", "text", "sentence", "area", "hay"]
_INSERT = f"INSERT OR REPLACE INTO targets({', '.join(map(repr, _TARGET_COLUMNS))}) VALUES ({', '.join('?' * len(_TARGET_COLUMNS))})"
# What the text filter searches when `hay` is NULL: the same fields, joined the same way.
_PLAIN_HAY = "t.indicator || ' ' || t.text || ' ' || t.sentence || ' ' || t.section"
THEME_SEP = "、"

# Sort keys of the panel's columns; ties keep the library's order (report path, then the
# target's position), ascending or descending alike, as a stable sort would.
SORTS = {
    "indicator": ("t.indicator",),
    "value": ("t.unit", "t.value"),
    "qualifier": ("t.qualifier",),
    "kind": ("t.kind",),
    "year": ("coalesce(t.year, 0)",),
    "region": ("t.region",),
    "report": ("t.label",),
    "themes": ("t.themes",),
}


def report_label(title: str, path: str) -> str:
    return title or os.path.basename(path)


def haystack(t: Target) -> str:
    return " ".join((t.indicator, t.text, t.sentence, t.section))


def haystacks(targets: list[Target]) -> list[str | None]:
    """Each target's `hay` column: the folded haystack, None where folding keeps it as it is.
    One fold for the whole report: OpenCC's per-call cost dominates short strings (a call
    per target made the migration of 1.6 million targets take many minutes). Newlines are
    the joints (fold keeps the length, so the split gives each back)."""
    plains = [haystack(t) for t in targets]
    forms = search_form("\n".join(p.replace("\n", " ") for p in plains)).split("\n") if plains else []
    if len(forms) != len(plains):  # a fold that moved a joint: one target at a time
        forms = [search_form(p) for p in plains]
    return [None if folded == plain else folded for plain, folded in zip(plains, forms, strict=True)]


def target_rows(key: str, year: int | None, region: str, label: str, targets: list[dict[str, Any]],
                hays: list[str | None] | None = None) -> tuple[list[tuple[Any, ...]], list[tuple[str, int, str]]]:
    """The targets and target_themes rows of one report, from its Target.to_json() dicts
    (and their haystacks(), when the indexing worker made them already)."""
    rows: list[tuple[Any, ...]] = []
    themes: list[tuple[str, int, str]] = []
    parsed = [Target.from_json(d) for d in targets]
    if hays is None or len(hays) != len(parsed):
        hays = haystacks(parsed)
    for seq, (t, hay) in enumerate(zip(parsed, hays, strict=True)):
        rows.append((key, seq, year, region, label, t.kind, t.indicator, t.value, t.value_high, t.unit,
                     t.qualifier, THEME_SEP.join(t.themes), t.section, t.start, t.end, t.text, t.sentence,
                     t.area, hay))
        themes.extend((key, seq, theme) for theme in dict.fromkeys(t.themes))
    return rows, themes


def missing_parts(db: sqlite3.Connection) -> bool:
    """Whether a table or an index of TARGETS_SCHEMA is missing."""
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE name LIKE 'target%'")}
    return not {*TABLES, "targets_value", "targets_indicator", "target_themes_theme"} <= names


def has_tables(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT count(*) FROM sqlite_master WHERE name='target_docs'").fetchone()[0] == 1


def delete(db: sqlite3.Connection, keys: Iterable[str]) -> None:
    """Inside the caller's transaction."""
    params = [(k,) for k in keys]
    for table in TABLES:
        db.executemany(f"DELETE FROM {table} WHERE key=?", params)


def put(db: sqlite3.Connection, docs: Iterable[dict[str, Any]]) -> None:
    """Rows of manifest rows being committed (DOC_COLUMNS dicts), inside the caller's
    transaction; their old rows must be deleted first."""
    for d in docs:
        hays = json.loads(d["target_hay"]) if "target_hay" in d else None
        rows, themes = target_rows(d["key"], d["year"], d["region"], report_label(d["title"], d["path"]),
                                   json.loads(d["targets"]), hays)
        db.executemany(_INSERT, rows)
        db.executemany("INSERT OR IGNORE INTO target_themes(key, seq, theme) VALUES (?, ?, ?)", themes)
        db.execute("INSERT OR REPLACE INTO target_docs(key, report_file) VALUES (?, ?)", (d["key"], d["report_file"]))


_STALE = """
SELECT d.key FROM docs d LEFT JOIN target_docs td ON td.key = d.key
WHERE td.report_file IS NOT d.report_file
UNION ALL
SELECT td.key FROM target_docs td LEFT JOIN docs d ON d.key = td.key WHERE d.key IS NULL
"""


def out_of_step(db: sqlite3.Connection) -> bool:
    """Whether some report's rows are missing, stale or left over (a cheap check: one join
    of the two small per-report tables)."""
    return db.execute(f"SELECT EXISTS ({_STALE})").fetchone()[0] == 1


SYNC_BATCH = 500  # reports per transaction: a killed migration keeps what it did


def sync(db: sqlite3.Connection) -> int:
    """Bring the tables in line with docs, SYNC_BATCH reports per transaction (docs.targets
    JSON is read, no report file or source); another thread or process syncing at the same
    time takes the next batch. Returns the reports whose rows were written or dropped."""
    done = 0
    select = "SELECT key, path, report_file, title, region, year, targets FROM docs WHERE key=?"
    while True:
        db.execute("BEGIN IMMEDIATE")  # a writer committing meanwhile waits, or we wait for it
        try:
            stale = [r[0] for r in db.execute(f"{_STALE} LIMIT {SYNC_BATCH}")]
            delete(db, stale)
            for key in stale:
                row = db.execute(select, (key,)).fetchone()
                if row is not None:
                    put(db, [dict(zip(("key", "path", "report_file", "title", "region", "year", "targets"), row,
                                      strict=True))])
            db.commit()
        except BaseException:
            db.rollback()
            raise
        done += len(stale)
        if len(stale) < SYNC_BATCH:
            return done


# -- reading ----------------------------------------------------------------------------


class TargetsCancelled(Exception):
    """A count stopped because its asker no longer wanted it."""


@dataclass(frozen=True)
class TargetQuery:
    """Which targets, in which order. Every filter narrows: themes (any of them), kind,
    years from..to (inclusive), regions (exact names, any of them), region_contains (a
    substring in either script, 常州 finds 常州市钟楼区), report (a path), text (a substring,
    either script, of the indicator, figure, sentence, section, report title or region).
    sort: a key of SORTS, or "" for the library's order (report path, then position)."""

    themes: tuple[str, ...] = ()
    kind: str = ""
    year_from: int | None = None
    year_to: int | None = None
    regions: tuple[str, ...] = ()
    region_contains: str = ""
    report: str | None = None
    text: str = ""
    sort: str = ""
    descending: bool = False


@dataclass(frozen=True)
class TargetHit:
    """A target with the report it is in (what a panel row or an export line shows)."""

    path: str
    title: str
    region: str
    year: int | None
    target: Target

    @property
    def report_label(self) -> str:
        return report_label(self.title, self.path)


def _where(db: sqlite3.Connection, q: TargetQuery, doc_forms: list[tuple[str, str, str]]
           ) -> tuple[str, list[Any]]:
    """SQL condition on `t` (targets) and `d` (docs) and its parameters. doc_forms:
    (key, folded title, folded region) of every report, for the text and region filters."""
    where: list[str] = []
    params: list[Any] = []
    if q.report is not None:
        where.append("d.path = ?")
        params.append(q.report)
    if q.kind:
        where.append("t.kind = ?")
        params.append(q.kind)
    # The report's own facts are asked of docs (10,000 rows), before any target is read.
    if q.year_from is not None:
        where.append("d.year >= ?")
        params.append(q.year_from)
    if q.year_to is not None:
        where.append("d.year <= ?")
        params.append(q.year_to)
    if q.regions:
        where.append(f"d.region IN ({', '.join('?' * len(q.regions))})")
        params.extend(q.regions)
    if q.region_contains:
        form = search_form(q.region_contains)
        where.append("d.key IN (SELECT value FROM json_each(?))")
        params.append(json.dumps([k for k, _title, region in doc_forms if form in region]))
    if q.themes:
        wanted = sorted({search_form(x) for x in q.themes} | set(q.themes))
        where.append(f"EXISTS (SELECT 1 FROM target_themes tt WHERE tt.key = t.key AND tt.seq = t.seq "
                     f"AND tt.theme IN ({', '.join('?' * len(wanted))}))")
        params.extend(wanted)
    text = search_form(q.text.strip())
    if text:
        keys = [k for k, title, region in doc_forms if text in title or text in region]
        where.append(f"(instr(coalesce(t.hay, {_PLAIN_HAY}), ?) > 0 OR t.key IN (SELECT value FROM json_each(?)))")
        params.extend([text, json.dumps(keys)])
    return (" WHERE " + " AND ".join(where)) if where else "", params


def _order(q: TargetQuery) -> str:
    direction = " DESC" if q.descending else ""
    keys = [f"{k}{direction}" for k in SORTS.get(q.sort, ())]
    return " ORDER BY " + ", ".join([*keys, "d.path", "t.seq"])


# docs first, always (CROSS JOIN fixes the order in sqlite): its path index gives the
# library's order without a sort, and the filters on a report's facts prune whole reports
# before their targets are read. Left to itself the planner may scan every target and sort.
_FROM = "docs d CROSS JOIN targets t ON t.key = d.key"
_SORTED_FROM = "targets t CROSS JOIN docs d ON d.key = t.key"
_HIT_COLUMNS = ("d.path, d.title, d.region, d.year, t.indicator, t.value, t.value_high, t.unit, t.qualifier, "
                "t.kind, t.themes, t.start, t.\"end\", t.text, t.section, t.sentence, t.area")


def _hit(row: tuple[Any, ...]) -> TargetHit:
    themes = tuple(row[10].split(THEME_SEP)) if row[10] else ()
    target = Target(indicator=row[4], value=row[5], value_high=row[6], unit=row[7], qualifier=row[8],
                    kind=row[9], themes=themes, start=row[11], end=row[12], text=row[13], section=row[14],
                    sentence=row[15], area=row[16])
    return TargetHit(row[0], row[1], row[2], row[3], target)


def hits(db: sqlite3.Connection, q: TargetQuery, doc_forms: list[tuple[str, str, str]],
         offset: int = 0, limit: int | None = None) -> Iterator[TargetHit]:
    """The targets `q` asks for, in its order, from `offset`, at most `limit` (None: all,
    read a batch at a time)."""
    where, params = _where(db, q, doc_forms)
    # A sort of the library by an indexed column walks the index and stops at the page;
    # one report's targets are few: read them by report and sort.
    source, first = _FROM, list[str]()
    if q.sort and q.report is None and q.themes:
        source, first = _themed_from(q)
    elif q.sort in ("value", "indicator") and q.report is None:
        source = _SORTED_FROM
    params = [*first, *params]
    sql = f"SELECT {_HIT_COLUMNS} FROM {source}{where}{_order(q)}"
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
    cursor = db.execute(sql, params)
    while batch := cursor.fetchmany(500):
        yield from (_hit(r) for r in batch)


def count(db: sqlite3.Connection, q: TargetQuery, doc_forms: list[tuple[str, str, str]]) -> int:
    where, params = _where(db, q, doc_forms)
    if q.themes and q.report is None:
        source, first = _themed_from(q)
        return int(db.execute(f"SELECT count(*) FROM {source}{where}", [*first, *params]).fetchone()[0])
    return int(db.execute(f"SELECT count(*) FROM {_FROM}{where}", params).fetchone()[0])


def _themed_from(q: TargetQuery) -> tuple[str, list[str]]:
    """FROM the theme index: only the targets of the themes asked for are read (a count,
    or a sort that a walk of a column's index would cross half the library for)."""
    wanted = sorted({search_form(x) for x in q.themes} | set(q.themes))
    source = (f"(SELECT DISTINCT key, seq FROM target_themes WHERE theme IN ({', '.join('?' * len(wanted))})) tt "
              "CROSS JOIN targets t ON t.key = tt.key AND t.seq = tt.seq CROSS JOIN docs d ON d.key = t.key")
    return source, wanted


def theme_counts(db: sqlite3.Connection, report: str | None = None) -> dict[str, int]:
    """Targets per theme, of one report (a path) or of the library."""
    if report is None:
        rows = db.execute("SELECT theme, count(*) FROM target_themes GROUP BY theme")
    else:
        rows = db.execute("SELECT tt.theme, count(*) FROM target_themes tt JOIN docs d ON d.key = tt.key "
                          "WHERE d.path = ? GROUP BY tt.theme", (report,))
    return {theme: n for theme, n in rows}


# -- the same questions of targets held in memory (a report outside the library) ---------


def _sort_key(sort: str):
    keys = {
        "indicator": lambda h: h.target.indicator,
        "value": lambda h: (h.target.unit, h.target.value),
        "qualifier": lambda h: h.target.qualifier,
        "kind": lambda h: h.target.kind,
        "year": lambda h: h.year or 0,
        "region": lambda h: h.region,
        "report": lambda h: h.report_label,
        "themes": lambda h: THEME_SEP.join(h.target.themes),
    }
    return keys.get(sort)


def select(hits: Iterable[TargetHit], q: TargetQuery) -> list[TargetHit]:
    """What `hits` (in the library's order) answer to `q`, as the manifest would."""
    themes = {search_form(x) for x in q.themes} | set(q.themes)
    region_form = search_form(q.region_contains) if q.region_contains else ""
    text = search_form(q.text.strip())

    def wanted(h: TargetHit) -> bool:
        t = h.target
        return ((q.report is None or h.path == q.report)
                and (not q.kind or t.kind == q.kind)
                and (q.year_from is None or (h.year is not None and h.year >= q.year_from))
                and (q.year_to is None or (h.year is not None and h.year <= q.year_to))
                and (not q.regions or h.region in q.regions)
                and (not region_form or region_form in search_form(h.region))
                and (not themes or not themes.isdisjoint(t.themes))
                and (not text or text in search_form(haystack(t)) or text in search_form(h.title)
                     or text in search_form(h.region)))

    out = [h for h in hits if wanted(h)]
    key = _sort_key(q.sort)
    if key is not None:
        out.sort(key=key, reverse=q.descending)
    return out


def count_themes(hits: Iterable[TargetHit]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for h in hits:
        for theme in dict.fromkeys(h.target.themes):
            counts[theme] = counts.get(theme, 0) + 1
    return counts

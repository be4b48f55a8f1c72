"""The targets table: the record of every report's targets, one manifest row per target,
so that the targets of a large library are counted, filtered, sorted and paged where they
are stored (issue 13: 900,000 targets loaded into Python took 11 s and held 1.8 GB).

    targets         a Target's own fields, keyed by (docs.id, position); the report's
                    year, region and label are docs' (joined), its sentence and section
                    numbers into target_strings, its themes numbers into themes
    target_strings  (id, folded, diff): a report's sentences and section paths, each stored
                    once (many targets share a sentence), numbered n = 0, 1... within the
                    report (id = string_id(doc, n)): the folded form the text filter
                    searches, and where the text differs from it (JSON, unfold())
    themes          (id, name): the theme names, numbered
    target_themes   (theme, doc, seq): a target's themes, indexed by theme

Format 4 (library/formats.py): this table is the record; a report's Target list (Library.report:
the report view, the CLI's `targets`, exports, Compare) is rebuilt from it in seq order, and
neither docs nor the stored report files hold the targets again. Written in the same
transaction as the docs row (Manifest.commit).

Size (the 1,000-report benchmark library, 146,000 targets): format 3 held the targets as
docs.targets JSON (86 MB), in the report files, and in a table of about 1 KB a target (its
sentence, section and a folded haystack, the report's facts copied beside them: 172 MB with
its indexes); format 4's tables take 45 MB (benchmarks/README.md, "Format 4").
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from explorer.core.model import Target
from explorer.search.normalize import search_form

TARGETS_SCHEMA = """
CREATE TABLE IF NOT EXISTS targets (
    doc INTEGER NOT NULL,       -- docs.id
    seq INTEGER NOT NULL,       -- the target's position in the report's targets
    kind TEXT NOT NULL, indicator TEXT NOT NULL, value REAL NOT NULL, value_high REAL,
    unit TEXT NOT NULL, qualifier TEXT NOT NULL,
    themes TEXT NOT NULL,       -- themes.id of Target.themes, in order, comma-joined
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    sentence INTEGER NOT NULL,  -- n of a target_strings row of this report
    section INTEGER NOT NULL,   -- likewise
    area TEXT NOT NULL,
    -- search_form(indicator + " " + text), NULL where that equals them as stored (most
    -- Simplified reports): the text filter reads those instead
    hay TEXT,
    PRIMARY KEY (doc, seq)
) WITHOUT ROWID;
-- The two sorts users reach for most walk an index (_SORTED_FROM), the others sort.
-- Year, region and report filters are asked of docs, read first (_FROM).
CREATE INDEX IF NOT EXISTS targets_value ON targets(unit, value);
CREATE INDEX IF NOT EXISTS targets_indicator ON targets(indicator);
-- A rowid table: its rows pack tighter than an index b-tree's (WITHOUT ROWID) would.
-- The text is stored as its differences from the folded form: a Traditional sentence or
-- one with full-width punctuation differs at a few places (7 MB less than both forms).
CREATE TABLE IF NOT EXISTS target_strings (
    id INTEGER PRIMARY KEY,     -- string_id(docs.id, n)
    folded TEXT NOT NULL,       -- search_form(text)
    diff TEXT                   -- [[offset, characters], ...] where the text differs, else NULL
);
CREATE TABLE IF NOT EXISTS themes (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS target_themes (
    theme INTEGER NOT NULL, doc INTEGER NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (theme, doc, seq)
) WITHOUT ROWID;
"""
TABLES = ("targets", "target_strings", "themes", "target_themes")
# The sorts by a report's fact (year, report) walk docs in that order and each report's
# targets by the primary key, so a page reads its own rows: 7-16 ms at 10,000 reports
# instead of sorting 1.4 million targets (0.5 s). A docs row is a report, so these are
# small. A year sort descending keeps the path ascending: an index of its own. The region
# sort has docs_listing (listing.py). The SQL must be SORTS' own, word for word.
DOC_SORT_SCHEMA = """
CREATE INDEX IF NOT EXISTS docs_by_year ON docs(coalesce(year, 0), path);
CREATE INDEX IF NOT EXISTS docs_by_year_desc ON docs(coalesce(year, 0) DESC, path);
CREATE INDEX IF NOT EXISTS docs_by_label ON docs(label, path);
"""
_INDEXES = ("targets_value", "targets_indicator", "docs_by_year", "docs_by_year_desc", "docs_by_label")
_TARGET_COLUMNS = ["doc", "seq", "kind", "indicator", "value", "value_high", "unit", "qualifier", "themes",
                   "start", "end", "text", "sentence", "section", "area", "hay"]
_INSERT = (f"INSERT INTO targets({', '.join(map(repr, _TARGET_COLUMNS))}) "
           f"VALUES ({', '.join('?' * len(_TARGET_COLUMNS))})")
THEME_SEP = "、"


STRING_BITS = 20  # a report's strings are numbered below 2**20 (1,000 targets is a big report)


def string_id(doc: int, n: int) -> int:
    return (doc << STRING_BITS) | n


def _string(n: str, column: str = "s.folded") -> str:
    return f"(SELECT {column} FROM target_strings s WHERE s.id = (t.doc << {STRING_BITS}) | t.{n})"


def differences(text: str, folded: str) -> str | None:
    """unfold()'s `diff`: where `text` differs from `folded` (same length), as JSON."""
    if text == folded:
        return None
    if len(text) != len(folded):  # not seen (folding keeps the length), but kept exact
        return json.dumps([[-1, text]], ensure_ascii=False)
    runs: list[list[Any]] = []
    for i, (a, b) in enumerate(zip(text, folded, strict=True)):
        if a != b:
            if runs and runs[-1][0] + len(runs[-1][1]) == i:
                runs[-1][1] += a
            else:
                runs.append([i, a])
    return json.dumps(runs, ensure_ascii=False, separators=(",", ":"))


def unfold(folded: str, diff: str | None) -> str:
    """The text a target_strings row holds (registered with sqlite: register())."""
    if diff is None:
        return folded
    chars = list(folded)
    for at, run in json.loads(diff):
        if at < 0:
            return str(run)
        chars[at : at + len(run)] = run
    return "".join(chars)


def register(db: sqlite3.Connection) -> None:
    """The SQL functions the targets' queries use, on a new connection. unfold is cached:
    the targets of a page share their sentences and sections."""
    db.create_function("unfold", 2, functools.lru_cache(maxsize=4096)(unfold), deterministic=True)


# What the text filter searches: indicator, figure, sentence and section, joined by spaces
# as haystack() joins them, each part in its folded form.
_HEAD = "coalesce(t.hay, t.indicator || ' ' || t.text)"
_HAY = (f"coalesce(t.hay, t.indicator || ' ' || t.text) || ' ' || {_string('sentence')} "
        f"|| ' ' || {_string('section')}")


class SortColumn(NamedTuple):
    """One column of a sort: its SQL over `t` (targets) and `d` (docs), the same value read
    from a TargetHit (the order of targets held in memory, and where a page after a given
    row starts), and whether the SQL can be NULL."""

    sql: str
    value: Callable[[TargetHit], Any]
    nullable: bool = False


# Sort keys of the panel's columns; ties keep the library's order (report path, then the
# target's position), ascending or descending alike, as a stable sort would. No column is
# NULL: docs.year is read as 0 where unknown, as the year column shows it (empty).
SORTS: dict[str, tuple[SortColumn, ...]] = {
    "indicator": (SortColumn("t.indicator", lambda h: h.target.indicator),),
    "value": (SortColumn("t.unit", lambda h: h.target.unit), SortColumn("t.value", lambda h: h.target.value)),
    "qualifier": (SortColumn("t.qualifier", lambda h: h.target.qualifier),),
    "kind": (SortColumn("t.kind", lambda h: h.target.kind),),
    "year": (SortColumn("coalesce(d.year, 0)", lambda h: h.year or 0),),
    "region": (SortColumn("d.region", lambda h: h.region),),
    "report": (SortColumn("d.label", lambda h: h.report_label),),  # docs.label is report_label()
    "themes": (SortColumn("theme_label(t.themes)", lambda h: THEME_SEP.join(h.target.themes)),),
}
# The library's order, which every sort ends with: unique, so a row is known by its values.
_LIBRARY_ORDER = (SortColumn("d.path", lambda h: h.path), SortColumn("t.seq", lambda h: h.seq))


def report_label(title: str, path: str) -> str:
    return title or os.path.basename(path)


def haystack(t: Target) -> str:
    return " ".join((t.indicator, t.text, t.sentence, t.section))


def fold_all(plains: list[str]) -> list[str]:
    """search_form of each string, in one call: OpenCC's per-call cost dominates short
    strings (a call per target made a migration of 1.6 million targets take minutes).
    Newlines are the joints (fold keeps the length, so the split gives each back); a string's
    own newlines are folded as spaces, as the haystack always was."""
    if not plains:
        return []
    forms = search_form("\n".join(p.replace("\n", " ") for p in plains)).split("\n")
    if len(forms) != len(plains):  # a fold that moved a joint: one at a time
        forms = [search_form(p.replace("\n", " ")) for p in plains]
    return forms


def folds(targets: list[Target]) -> dict[str, Any]:
    """What put() stores beside the targets' own fields: the report's strings (sentences,
    section paths) numbered by first use, each target's two numbers, and the folded forms
    that differ (None where they do not). Made in the indexing worker, not the writer."""
    numbers: dict[str, int] = {}
    refs = []
    for t in targets:
        refs.append((numbers.setdefault(t.sentence, len(numbers)), numbers.setdefault(t.section, len(numbers))))
    strings = list(numbers)
    heads = [f"{t.indicator} {t.text}" for t in targets]
    forms = fold_all(strings + heads)
    return {
        "strings": [(f, differences(s, f)) for s, f in zip(strings, forms[: len(strings)], strict=True)],
        "refs": refs,
        "hays": [None if f == h else f for h, f in zip(heads, forms[len(strings):], strict=True)],
    }


def theme_ids(db: sqlite3.Connection, names: Iterable[str]) -> dict[str, int]:
    """id of each theme name, numbered on first use (inside the caller's transaction)."""
    wanted = list(dict.fromkeys(names))
    known = theme_names(db, inverse=True)
    for name in wanted:
        if name not in known:
            known[name] = db.execute("INSERT INTO themes(name) VALUES (?)", (name,)).lastrowid or 0
    return known


def theme_names(db: sqlite3.Connection, inverse: bool = False) -> dict[Any, Any]:
    rows = db.execute("SELECT id, name FROM themes").fetchall()
    return {name: i for i, name in rows} if inverse else dict(rows)


def put_targets(db: sqlite3.Connection, doc: int, targets: list[Target], folded: dict[str, Any] | None = None) -> None:
    """The rows of one report's targets (docs.id `doc`), inside the caller's transaction;
    its old rows must be deleted first. folded: folds(targets), when the worker made it."""
    if not targets:
        return
    if folded is None or len(folded["refs"]) != len(targets):
        folded = folds(targets)
    ids = theme_ids(db, (x for t in targets for x in t.themes))
    rows = []
    themes: list[tuple[int, int, int]] = []
    for seq, (t, (sentence, section), hay) in enumerate(zip(targets, folded["refs"], folded["hays"], strict=True)):
        rows.append((doc, seq, t.kind, t.indicator, t.value, t.value_high, t.unit, t.qualifier,
                     ",".join(str(ids[x]) for x in t.themes), t.start, t.end, t.text, sentence, section, t.area, hay))
        themes.extend((ids[x], doc, seq) for x in dict.fromkeys(t.themes))
    db.executemany(_INSERT, rows)
    db.executemany("INSERT INTO target_strings(id, folded, diff) VALUES (?, ?, ?)",
                   [(string_id(doc, n), f, d) for n, (f, d) in enumerate(folded["strings"])])
    db.executemany("INSERT OR IGNORE INTO target_themes(theme, doc, seq) VALUES (?, ?, ?)", themes)


def missing_parts(db: sqlite3.Connection, schema: str = "main") -> bool:
    """Whether a table or an index of TARGETS_SCHEMA or DOC_SORT_SCHEMA is missing."""
    names = {r[0] for r in db.execute(f"SELECT name FROM {schema}.sqlite_master")}
    return not {*TABLES, *_INDEXES} <= names


def delete(db: sqlite3.Connection, docs: Iterable[int]) -> None:
    """The rows of the reports with these docs.id, inside the caller's transaction."""
    params = [(d,) for d in docs]
    db.executemany("DELETE FROM targets WHERE doc=?", params)
    db.executemany("DELETE FROM target_strings WHERE id BETWEEN ? AND ?",
                   [(string_id(d, 0), string_id(d + 1, 0) - 1) for (d,) in params])
    # theme first in the key: one lookup per theme (a handful) finds the report's rows
    db.executemany("DELETE FROM target_themes WHERE theme IN (SELECT id FROM themes) AND doc=?", params)


def report_targets(db: sqlite3.Connection, doc: int) -> list[Target]:
    """A report's targets, in order, rebuilt from the table."""
    strings = {i - string_id(doc, 0): unfold(f, d) for i, f, d in db.execute(
        "SELECT id, folded, diff FROM target_strings WHERE id BETWEEN ? AND ?", (string_id(doc, 0), string_id(doc + 1, 0) - 1))}
    names = theme_names(db)
    rows = db.execute("SELECT indicator, value, value_high, unit, qualifier, kind, themes, start, \"end\", text, "
                      "section, sentence, area FROM targets WHERE doc=? ORDER BY seq", (doc,))
    return [Target(indicator=r[0], value=r[1], value_high=r[2], unit=r[3], qualifier=r[4], kind=r[5],
                   themes=_themes(r[6], names), start=r[7], end=r[8], text=r[9], section=strings[r[10]],
                   sentence=strings[r[11]], area=r[12]) for r in rows]


def _themes(ids: str, names: dict[int, str]) -> tuple[str, ...]:
    return tuple(names[int(i)] for i in ids.split(",")) if ids else ()


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
    """A target with the report it is in (what a panel row or an export line shows); seq
    is its position in the report's targets (what a page after it starts from)."""

    path: str
    title: str
    region: str
    year: int | None
    target: Target
    seq: int

    @property
    def report_label(self) -> str:
        return report_label(self.title, self.path)


def _theme_ids_sql(q: TargetQuery) -> tuple[str, list[str]]:
    """SQL for the ids of the themes `q` asks for (either script) and its parameters."""
    wanted = sorted({search_form(x) for x in q.themes} | set(q.themes))
    return f"(SELECT id FROM themes WHERE name IN ({', '.join('?' * len(wanted))}))", wanted


def _where(db: sqlite3.Connection, q: TargetQuery, doc_forms: list[tuple[int, str, str]],
           counting: bool = False) -> tuple[str, list[Any]]:
    """SQL condition on `t` (targets) and `d` (docs) and its parameters. doc_forms:
    (docs.id, folded title, folded region) of every report, for the text and region filters."""
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
        where.append("d.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps([k for k, _title, region in doc_forms if form in region]))
    if q.themes:
        ids, wanted = _theme_ids_sql(q)
        where.append(f"EXISTS (SELECT 1 FROM target_themes tt WHERE tt.theme IN {ids} "
                     "AND tt.doc = t.doc AND tt.seq = t.seq)")
        params.extend(wanted)
    text = search_form(q.text.strip())
    if text:
        docs = [k for k, title, region in doc_forms if text in title or text in region]
        if " " in text:  # it may span the haystack's joints (spaces): search it whole
            where.append(f"(t.doc IN (SELECT value FROM json_each(?)) OR instr({_HAY}, ?) > 0)")
            params.extend([json.dumps(docs), text])
        elif counting and q.report is None:
            # Within one part, then. A count reads every target: the strings (sentences,
            # sections) that hold it are found first, in one pass over target_strings (each
            # once, not once per target): 2.6 s instead of 5 s CPU at 10,000 reports.
            strings = json.dumps([r[0] for r in db.execute(
                "SELECT id FROM target_strings WHERE instr(folded, ?) > 0", (text,))])
            where.append(f"(t.doc IN (SELECT value FROM json_each(?)) OR instr({_HEAD}, ?) > 0 "
                         f"OR (t.doc << {STRING_BITS}) | t.sentence IN (SELECT value FROM json_each(?)) "
                         f"OR (t.doc << {STRING_BITS}) | t.section IN (SELECT value FROM json_each(?)))")
            params.extend([json.dumps(docs), text, strings, strings])
        else:
            # A page stops at its last row: each target is tested as it is reached, its
            # parts one by one (a common term fills the first page after a few reports).
            where.append(f"(t.doc IN (SELECT value FROM json_each(?)) OR instr({_HEAD}, ?) > 0 "
                         f"OR instr({_string('sentence')}, ?) > 0 OR instr({_string('section')}, ?) > 0)")
            params.extend([json.dumps(docs), text, text, text])
    return (" WHERE " + " AND ".join(where)) if where else "", params


def _columns(q: TargetQuery) -> list[tuple[SortColumn, bool]]:
    """The columns of q's order, each with whether it is descending."""
    return [*((c, q.descending) for c in SORTS.get(q.sort, ())), *((c, False) for c in _LIBRARY_ORDER)]


def _order(q: TargetQuery) -> str:
    return " ORDER BY " + ", ".join(c.sql + (" DESC" if desc else "") for c, desc in _columns(q))


def seek(columns: list[tuple[str, bool, Any, bool]]) -> tuple[str, list[Any]]:
    """SQL true of the rows that come after a given row in an ORDER BY of `columns`, and its
    parameters: keyset paging, a page asked after the last row of the one before, so that
    sqlite starts where that row is instead of reading and dropping every row before it
    (OFFSET). columns: (SQL, descending, the row's value, whether the SQL can be NULL), the
    last ones unique together. NULL sorts first ascending, last descending, as in sqlite.

    A run of columns of one direction is one row-value comparison, (a, b) > (?, ?), so an
    expression (theme_label()) is computed once a row. Where a value is NULL, or a
    descending column can be NULL, the column stands alone: a row-value comparison with a
    NULL is NULL (false), which is right only where NULLs sort before the row's value."""
    terms: list[tuple[str, list[Any], str, list[Any]]] = []  # (beyond, its params, equal, its params)
    i = 0
    while i < len(columns):
        sql, descending, value, nullable = columns[i]
        if value is None:
            terms.append(("0" if descending else f"{sql} IS NOT NULL", [], f"{sql} IS NULL", []))
            i += 1
        elif descending and nullable:
            terms.append((f"({sql} < ? OR {sql} IS NULL)", [value], f"{sql} = ?", [value]))
            i += 1
        else:
            j = i + 1
            while (j < len(columns) and columns[j][1] == descending and columns[j][2] is not None
                   and not (descending and columns[j][3])):
                j += 1
            left = ", ".join(c[0] for c in columns[i:j])
            right = ", ".join("?" * (j - i))
            values = [c[2] for c in columns[i:j]]
            terms.append((f"({left}) {'<' if descending else '>'} ({right})", values, f"({left}) = ({right})", values))
            i = j
    sql, params = terms[-1][0], list(terms[-1][1])
    for beyond, beyond_params, equal, equal_params in reversed(terms[:-1]):
        sql = f"({beyond} OR ({equal} AND {sql}))"
        params = [*beyond_params, *equal_params, *params]
    return sql, params


def _after(q: TargetQuery, row: TargetHit) -> tuple[str, list[Any]]:
    """SQL true of the targets after `row` in q's order (keyset paging: see seek), with a
    bound on the leading columns alone, which sqlite takes as the start of an index walk
    (targets_value, targets_indicator, docs' path) where seek()'s OR is no range."""
    columns = [(c.sql, descending, c.value(row), c.nullable) for c, descending in _columns(q)]
    sql, params = seek(columns)
    lead = columns[: len(SORTS.get(q.sort, ())) or 1]  # the sort's columns, else the path
    descending = lead[0][1]
    # The rows after this one are at or past its leading values, but for NULLs: those sort
    # before the values ascending (no loss) and after them descending (the bound would lose them).
    if all(c[2] is not None for c in lead) and not (descending and any(c[3] for c in lead)):
        bound = f"({', '.join(c[0] for c in lead)}) {'<=' if descending else '>='} ({', '.join('?' * len(lead))})"
        sql = f"{bound} AND {sql}"
        params = [*(c[2] for c in lead), *params]
    return sql, params


# docs first, always (CROSS JOIN fixes the order in sqlite): its path index gives the
# library's order without a sort, and the filters on a report's facts prune whole reports
# before their targets are read. Left to itself the planner may scan every target and sort.
_FROM = "docs d CROSS JOIN targets t ON t.doc = d.id"
_SORTED_FROM = "targets t CROSS JOIN docs d ON d.id = t.doc"
HIT_COLUMNS = ("d.path, d.title, d.region, d.year, t.indicator, t.value, t.value_high, t.unit, t.qualifier, "
                "t.kind, t.themes, t.start, t.\"end\", t.text, "
                f"{_string('section', 'unfold(s.folded, s.diff)')}, {_string('sentence', 'unfold(s.folded, s.diff)')}, t.area, "
                "t.seq")


def hit(row: tuple[Any, ...], names: dict[int, str]) -> TargetHit:
    target = Target(indicator=row[4], value=row[5], value_high=row[6], unit=row[7], qualifier=row[8],
                    kind=row[9], themes=_themes(row[10], names), start=row[11], end=row[12], text=row[13],
                    section=row[14], sentence=row[15], area=row[16])
    return TargetHit(row[0], row[1], row[2], row[3], target, row[17])


def _with_themes(db: sqlite3.Connection) -> dict[int, str]:
    """The theme names now, and theme_label() (the themes sort) registered on `db` with them."""
    names = theme_names(db)
    labels: dict[str, str] = {}  # a library has few distinct theme lists

    def label(ids: str | None) -> str:
        found = labels.get(ids or "")
        if found is None:
            found = labels[ids or ""] = THEME_SEP.join(_themes(ids or "", names))
        return found

    db.create_function("theme_label", 1, label, deterministic=True)
    return names


def hits(db: sqlite3.Connection, q: TargetQuery, doc_forms: list[tuple[int, str, str]],
         after: TargetHit | None = None, limit: int | None = None) -> Iterator[TargetHit]:
    """The targets `q` asks for, in its order, those after the row `after` (the last one of
    the page before, asked with the same q; None: from the first), at most `limit` (None:
    all, read a batch at a time). A page costs the same at any depth: no OFFSET."""
    where, params = _where(db, q, doc_forms)
    if after is not None:
        seek_sql, seek_params = _after(q, after)
        where = f"{where} AND {seek_sql}" if where else f" WHERE {seek_sql}"
        params += seek_params
    names = _with_themes(db)
    # A sort of the library by an indexed column walks the index and stops at the page;
    # one report's targets are few: read them by report and sort.
    source, first = _FROM, list[str]()
    if q.sort and q.report is None and q.themes:
        source, first = _themed_from(q)
    elif q.sort in ("value", "indicator") and q.report is None:
        source = _SORTED_FROM
    params = [*first, *params]
    if limit is None:
        sql = f"SELECT {HIT_COLUMNS} FROM {source}{where}{_order(q)}"
    else:
        # A page's rows are chosen by their keys alone, then read: a sort puts every row it
        # weighs into its sorter with the columns selected (the sentence and section looked
        # up and unfolded), and a sort by value weighs every row that ties on the value
        # (thousands of 5%), a sort by another column every row of the library.
        sql = (f"SELECT {HIT_COLUMNS} FROM (SELECT t.doc AS doc, t.seq AS seq FROM {source}{where}{_order(q)} "
               "LIMIT ?) k CROSS JOIN targets t ON t.doc = k.doc AND t.seq = k.seq "
               f"CROSS JOIN docs d ON d.id = t.doc{_order(q)}")
        params.append(limit)
    cursor = db.execute(sql, params)
    while batch := cursor.fetchmany(500):
        yield from (hit(r, names) for r in batch)


def count(db: sqlite3.Connection, q: TargetQuery, doc_forms: list[tuple[int, str, str]]) -> int:
    where, params = _where(db, q, doc_forms, counting=True)
    if q.themes and q.report is None:
        source, first = _themed_from(q)
        return int(db.execute(f"SELECT count(*) FROM {source}{where}", [*first, *params]).fetchone()[0])
    return int(db.execute(f"SELECT count(*) FROM {_FROM}{where}", params).fetchone()[0])


def _themed_from(q: TargetQuery) -> tuple[str, list[str]]:
    """FROM the theme index: only the targets of the themes asked for are read (a count,
    or a sort that a walk of a column's index would cross half the library for)."""
    ids, wanted = _theme_ids_sql(q)
    source = (f"(SELECT DISTINCT doc, seq FROM target_themes WHERE theme IN {ids}) tt "
              "CROSS JOIN targets t ON t.doc = tt.doc AND t.seq = tt.seq CROSS JOIN docs d ON d.id = t.doc")
    return source, wanted


def theme_counts(db: sqlite3.Connection, report: str | None = None) -> dict[str, int]:
    """Targets per theme, of one report (a path) or of the library."""
    names = theme_names(db)
    if report is None:
        rows = db.execute("SELECT theme, count(*) FROM target_themes GROUP BY theme")
    else:
        rows = db.execute("SELECT tt.theme, count(*) FROM target_themes tt WHERE tt.theme IN (SELECT id FROM themes) "
                          "AND tt.doc = (SELECT id FROM docs WHERE path = ?) GROUP BY tt.theme", (report,))
    return {names[theme]: n for theme, n in rows}


# -- the same questions of targets held in memory (a report outside the library) ---------


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
    if q.sort in SORTS:
        columns = SORTS[q.sort]
        out.sort(key=lambda h: tuple(c.value(h) for c in columns), reverse=q.descending)
    return out


def count_themes(hits: Iterable[TargetHit]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for h in hits:
        for theme in dict.fromkeys(h.target.themes):
            counts[theme] = counts.get(theme, 0) + 1
    return counts

"""Term frequency across reports: how often terms occur per year, region or level.

For each term and group (FreqRow):

    hits           occurrences, counted as search counts them: non-overlapping, left to
                   right, in the folded clean text (explorer/search/query.py occurrences),
                   so 就業 counts 就业 and a term inside a longer word counts
    reports        reports of the group that mention the term
    chars          the clean text length (Python characters, whitespace and punctuation
                   included) of ALL the group's reports that pass the filters, whether they
                   mention the term or not
    per_10k        hits / chars * 10,000
    group_reports  reports in the group (beyond the CLI contract: reports / group_reports is
                   the share of the group's reports that mention it)

The denominator is the group's whole text, not only the text of the reports that mention the
term: the rate answers "how much of what this group's reports say is this term", so a year
with more or longer reports is not mistaken for more attention, and a year in which one
report of a hundred mentions a term does not rank with a year in which all of them do.

Reports are scanned once (Frequency holds each report's counts); grouping by another field
or a year range is then a pass over those counts, no text read again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from explorer.search.normalize import search_form
from explorer.search.query import Literal, occurrences

BY = ("year", "region", "level")
PER = 10_000
# Levels in administrative order (core/describe/metadata.py); others after, unknown last.
LEVEL_ORDER = ("全国", "省", "市", "区县")
# The fields of a row, in the order of `freq --json` (GUIDE.md) and of the exported columns.
FIELDS = ("key", "term", "hits", "reports", "chars", "per_10k", "group_reports")
WIDTHS = (14, 14, 10, 10, 12, 10, 14)  # of the exported columns, in characters

Key = int | str | None


def term_literal(term: str) -> Literal:
    """A term as search reads a quoted phrase: folded, whitespace runs matching any run."""
    text = " ".join(term.split())
    if not text:
        raise ValueError("an empty term: give a word to count, e.g. 碳达峰")
    return Literal(search_form(text))


_CONTINUATION = bytes(range(0x80, 0xC0))  # UTF-8 bytes that do not start a character


def count(folded_text: str | bytes, literal: Literal) -> int:
    """Occurrences of `literal` in a folded text, as search counts them; the text may be
    its UTF-8 bytes: a character sequence's UTF-8 occurs exactly where the sequence does
    (a match can only start on a lead byte), so the byte count is the same."""
    if isinstance(folded_text, bytes):
        if " " not in literal.text:
            return folded_text.count(literal.text.encode("utf-8"))
        if not all(p.encode("utf-8") in folded_text for p in literal.pieces):
            return 0
        folded_text = folded_text.decode("utf-8")
    if " " in literal.text:
        return len(occurrences(folded_text, literal))
    return folded_text.count(literal.text)  # str.count: non-overlapping, left to right


def n_chars(folded_text: str | bytes) -> int:
    """Characters of a text, also given as its UTF-8 bytes (those that start a character)."""
    if isinstance(folded_text, bytes):
        return len(folded_text.translate(None, _CONTINUATION))
    return len(folded_text)


@dataclass(frozen=True)
class Filters:
    """Which reports count. Regions and document types match as substrings in either script
    (region:常州 finds 常州市钟楼区), levels exactly; several values: any of them. A year
    range leaves out reports whose year is unknown."""

    year_from: int | None = None
    year_to: int | None = None
    regions: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    doc_types: tuple[str, ...] = ()

    def admits(self, region: str, level: str, year: int | None, doc_type: str) -> bool:
        if self.year_from is not None or self.year_to is not None:
            if year is None:
                return False
            if self.year_from is not None and year < self.year_from:
                return False
            if self.year_to is not None and year > self.year_to:
                return False
        if self.levels and level not in self.levels:
            return False
        if self.regions:
            folded = search_form(region)
            if not any(search_form(r) in folded for r in self.regions):
                return False
        if self.doc_types:
            folded = search_form(doc_type)
            if not any(search_form(t) in folded for t in self.doc_types):
                return False
        return True


@dataclass(frozen=True)
class DocCounts:
    """One report: its metadata, text length and each term's occurrences."""

    path: str
    title: str
    region: str
    level: str
    year: int | None
    doc_type: str
    chars: int
    counts: tuple[int, ...]


@dataclass(frozen=True)
class FreqRow:
    key: Key
    term: str
    hits: int
    reports: int
    chars: int
    per_10k: float
    group_reports: int

    def to_json(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in FIELDS}


def group_key(doc: DocCounts, by: str) -> Key:
    if by == "year":
        return doc.year
    if by == "region":
        return doc.region
    if by == "level":
        return doc.level
    raise ValueError(f"unknown grouping {by!r} (choose from {', '.join(BY)})")


def _key_order(by: str, key: Key) -> tuple[Any, ...]:
    if key is None or key == "":
        return (1,)  # unknown last
    if by == "level":
        k = str(key)
        return (0, LEVEL_ORDER.index(k) if k in LEVEL_ORDER else len(LEVEL_ORDER), k)
    if by == "region":
        return (0, search_form(str(key)))
    return (0, key)


@dataclass(frozen=True)
class Frequency:
    terms: tuple[str, ...]  # as given (the first spelling of terms equal when folded)
    docs: tuple[DocCounts, ...]  # every report that passed the filters

    def table(self, by: str = "year", year_from: int | None = None, year_to: int | None = None) -> list[FreqRow]:
        """One row per group and term, groups in order (years ascending, levels from 全国
        down, regions by name; unknown last), terms in the order given. A group is listed
        for every term, with zeros where it does not occur (a chart's line drops to 0)."""
        groups: dict[Key, list[DocCounts]] = {}
        for d in self.docs:
            if year_from is not None and (d.year is None or d.year < year_from):
                continue
            if year_to is not None and (d.year is None or d.year > year_to):
                continue
            groups.setdefault(group_key(d, by), []).append(d)
        rows = []
        for key in sorted(groups, key=lambda k: _key_order(by, k)):
            members = groups[key]
            chars = sum(d.chars for d in members)
            for t, term in enumerate(self.terms):
                hits = sum(d.counts[t] for d in members)
                mentioning = sum(1 for d in members if d.counts[t])
                rate = round(hits * PER / chars, 4) if chars else 0.0
                rows.append(FreqRow(key, term, hits, mentioning, chars, rate, len(members)))
        return rows

    def docs_in(self, by: str, key: Key, term: str | None = None) -> list[DocCounts]:
        """The reports of one group (that mention `term`, if given), most hits first."""
        t = self.terms.index(term) if term is not None else None
        found = [d for d in self.docs if group_key(d, by) == key and (t is None or d.counts[t])]
        found.sort(key=lambda d: (-(d.counts[t] if t is not None else sum(d.counts)), d.path))
        return found


def series(rows: Sequence[FreqRow], terms: Sequence[str], measure: str = "hits") -> list[tuple[str, list[Key], list[float]]]:
    """(term, group keys, values of `measure`) per term, keys in the table's order: what a
    chart draws."""
    keys = list(dict.fromkeys(r.key for r in rows))
    cells = {(r.key, r.term): float(getattr(r, measure)) for r in rows}
    return [(t, keys, [cells.get((k, t), 0.0) for k in keys]) for t in terms]


def distinct_terms(terms: Iterable[str]) -> tuple[tuple[str, ...], tuple[Literal, ...]]:
    """The terms with those equal when folded (就業, 就业) kept once, and their literals."""
    seen: dict[Literal, str] = {}
    for term in terms:
        lit = term_literal(term)
        seen.setdefault(lit, " ".join(term.split()))
    if not seen:
        raise ValueError("no term given: name one or more words to count, e.g. 碳达峰 数字经济")
    return tuple(seen.values()), tuple(seen)


@dataclass(frozen=True)
class ScanDoc:
    """What a scan reads of one report."""

    path: str
    title: str
    region: str
    level: str
    year: int | None
    doc_type: str


def scan(
    docs: Iterable[tuple[ScanDoc, str | bytes]],
    terms: Sequence[str],
    filters: Filters = Filters(),
) -> Frequency:
    """Count `terms` in `docs`: (metadata, folded clean text or its UTF-8 bytes) of every
    report; those the filters do not admit are skipped. The folded text is as long as the
    clean text (search_form), so its length is the report's `chars`."""
    names, literals = distinct_terms(terms)
    out = []
    for meta, folded in docs:
        if not filters.admits(meta.region, meta.level, meta.year, meta.doc_type):
            continue
        out.append(DocCounts(meta.path, meta.title, meta.region, meta.level, meta.year, meta.doc_type,
                             n_chars(folded), tuple(count(folded, lit) for lit in literals)))
    return Frequency(names, tuple(out))


def library_frequency(manifest: Any, terms: Sequence[str], filters: Filters = Filters()) -> Frequency:
    """Frequency over a library.store.Manifest: metadata from meta(), the folded texts in one
    scan (folded_utf8), of the reports the filters admit on what meta() knows."""
    meta = manifest.meta()
    # Level is not in DocMeta: a filter on it waits for the scan, the others narrow it first.
    early = Filters(filters.year_from, filters.year_to, filters.regions, (), filters.doc_types)
    keys = [k for k, m in meta.items() if early.admits(m.region, "", m.year, m.doc_type)]

    def docs() -> Iterable[tuple[ScanDoc, bytes]]:
        for key, level, folded in manifest.folded_utf8(keys if len(keys) < len(meta) else None):
            m = meta.get(key)
            if m is not None:  # added since meta() was read: next time
                yield ScanDoc(m.path, m.title, m.region, level, m.year, m.doc_type), folded

    return scan(docs(), terms, filters)

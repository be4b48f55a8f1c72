"""Concordance (keyword in context): every hit of a query as a row with its context.

The hits are the searcher's (explorer/search/searcher.py): the same query language and the
same spans, so a row exists exactly where search marks a hit, whatever engine proposed the
candidates. Rows are compact arrays (report, start, end); a row's strings (contexts, section
path, citation) are made when asked for, so tens of thousands of rows cost little until
they are shown or written.

Context: up to `context` characters either side of the hit, cut at a paragraph break unless
`cross_paragraphs`. A paragraph is a line of the clean text; in a hard-wrapped report (its
paragraphs separated by a blank line, see core/clean/whitespace.py) it is the run of lines
between blank lines, and a line break inside it is dropped from the context. A break the
context crosses is shown as BREAK_SHOWN.

Sorting (Concordance.order): by the left context read from the hit outwards (the character
nearest the hit decides first, as concordancers sort), by the right context, by the hit,
region, year, title or section. Text compares in search form (Simplified, half-width, lower
case) by code point, so both scripts of a word sort together and equal contexts line up.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explorer.core.cite.styles import citation_parts, reference, section_label
from explorer.core.model import Report, Section
from explorer.core.scripts import convert_for_display
from explorer.search.normalize import search_form
from explorer.search.searcher import CandidateSource, DocMeta, Searcher

CONTEXT = 30  # characters either side of a hit, by default
BREAK_SHOWN = "¶"  # a paragraph break inside a context (cross_paragraphs)
SORT_KEYS = ("order", "left", "right", "hit", "region", "year", "title", "section")
# The fields of a row, in the order of `kwic --json` (GUIDE.md) and of the exported columns.
FIELDS = ("left", "hit", "right", "path", "title", "region", "adcode", "level", "year",
          "doc_type", "section", "start", "end", "citation")


@dataclass(eq=False)
class KwicDoc:
    """One report with hits. level, publisher, adcode and sections come with the outline
    (Concordance.load_outlines); sections None means not loaded yet."""

    key: str
    path: str
    title: str
    region: str
    year: int | None
    date: str | None
    doc_type: str
    text: str
    level: str = ""
    publisher: str = ""
    adcode: str | None = None
    sections: tuple[Section, ...] | None = None
    _report: Report | None = field(default=None, repr=False)

    @property
    def paragraph_break(self) -> str:
        return "\n\n" if "\n\n" in self.text else "\n"

    def as_report(self) -> Report:
        """A Report to cite from (text, outline and the metadata a citation uses)."""
        if self._report is None:
            self._report = Report(
                path=self.path, title=self.title, region=self.region, level=self.level,
                year=self.year, doc_type=self.doc_type, publisher=self.publisher, date=self.date,
                speaker="", encoding="", raw_text="", text=self.text,
                sections=list(self.sections or ()), adcode=self.adcode,
            )
        return self._report


# Fills level, publisher, adcode and sections of the documents given.
OutlineLoader = Callable[[Sequence[KwicDoc]], None]


def _flat(piece: str, paragraph_break: str) -> str:
    """A context on one line: breaks crossed shown as ¶, a hard wrap's line breaks dropped."""
    if paragraph_break == "\n\n":
        return piece.replace("\n\n", BREAK_SHOWN).replace("\n", "")
    return piece.replace("\n", BREAK_SHOWN)


def left_context(text: str, start: int, n: int, paragraph_break: str = "\n", cross: bool = False) -> str:
    lo = max(0, start - n)
    if not cross:
        k = text.rfind(paragraph_break, max(0, lo - len(paragraph_break) + 1), start)
        if k >= 0:
            lo = k + len(paragraph_break)
    return _flat(text[lo:start], paragraph_break)


def right_context(text: str, end: int, n: int, paragraph_break: str = "\n", cross: bool = False) -> str:
    hi = min(len(text), end + n)
    if not cross:
        k = text.find(paragraph_break, end, hi + len(paragraph_break) - 1)
        if k >= 0:
            hi = min(hi, k)
    return _flat(text[end:hi], paragraph_break)


def _fold_many(pieces: list[str]) -> list[str]:
    """search_form of many short strings in one OpenCC call (a call per row costs more
    than the conversion). Contexts hold no line break (see _flat), so one separates them."""
    return search_form("\n".join(pieces)).split("\n") if pieces else []


class Concordance:
    """The rows of one query: docs (reports with hits) and, per row, its doc, start, end."""

    def __init__(
        self,
        query: str,
        docs: list[KwicDoc],
        spans: Iterable[tuple[int, int, int]],
        context: int = CONTEXT,
        cross_paragraphs: bool = False,
        total: int | None = None,
        outlines: OutlineLoader | None = None,
    ) -> None:
        self.query = query
        self.docs = docs
        self.context = context
        self.cross_paragraphs = cross_paragraphs
        self.doc_of = array("i")
        self.starts = array("q")
        self.ends = array("q")
        for d, s, e in spans:
            self.doc_of.append(d)
            self.starts.append(s)
            self.ends.append(e)
        self.total = len(self.doc_of) if total is None else total  # before any limit
        self._outlines = outlines
        self._breaks = [d.paragraph_break for d in docs]

    def __len__(self) -> int:
        return len(self.doc_of)

    @property
    def truncated(self) -> bool:
        return self.total > len(self)

    # -- one row --------------------------------------------------------------------------

    def doc(self, i: int) -> KwicDoc:
        return self.docs[self.doc_of[i]]

    def span(self, i: int) -> tuple[int, int]:
        return self.starts[i], self.ends[i]

    def left(self, i: int) -> str:
        d = self.doc_of[i]
        return left_context(self.docs[d].text, self.starts[i], self.context, self._breaks[d], self.cross_paragraphs)

    def right(self, i: int) -> str:
        d = self.doc_of[i]
        return right_context(self.docs[d].text, self.ends[i], self.context, self._breaks[d], self.cross_paragraphs)

    def hit(self, i: int) -> str:
        d = self.doc_of[i]
        return _flat(self.docs[d].text[self.starts[i] : self.ends[i]], self._breaks[d])

    def outlines_loaded(self) -> bool:
        return all(d.sections is not None for d in self.docs)

    def load_outlines(self) -> None:
        """Level, publisher, adcode and outline of every report (one batched read)."""
        missing = [d for d in self.docs if d.sections is None]
        if missing and self._outlines is not None:
            self._outlines(missing)
        for d in missing:
            if d.sections is None:
                d.sections = ()  # nothing to be had: no section path rather than a retry per row

    def _loaded(self, doc: KwicDoc) -> KwicDoc:
        if doc.sections is None:
            if self._outlines is not None:
                self._outlines([doc])
            if doc.sections is None:
                doc.sections = ()
        return doc

    def section(self, i: int) -> str:
        """The section path of the hit, outermost first (" › " joined); "" outside any."""
        doc = self._loaded(self.doc(i))
        return section_label(doc.as_report(), self.starts[i])

    def citation(self, i: int, style: str = "plain", script: str = "original") -> str:
        """Where the hit is, as a citation style writes its source (core/cite/styles.py)."""
        doc = self._loaded(self.doc(i))
        try:
            parts = citation_parts(doc.as_report(), self.starts[i], self.ends[i], script)
        except ValueError:
            return ""
        return reference(parts, style)

    def row(self, i: int, script: str = "original", style: str = "plain") -> dict[str, Any]:
        """The row as `kwic --json` prints it; text fields in `script`."""
        doc = self._loaded(self.doc(i))

        def disp(text: str) -> str:
            return convert_for_display(text, script)

        return {
            "left": disp(self.left(i)),
            "hit": disp(self.hit(i)),
            "right": disp(self.right(i)),
            "path": doc.path,
            "title": disp(doc.title or Path(doc.path).stem),
            "region": disp(doc.region),
            "adcode": doc.adcode,
            "level": doc.level,
            "year": doc.year,
            "doc_type": disp(doc.doc_type),
            "section": disp(self.section(i)),
            "start": self.starts[i],
            "end": self.ends[i],
            "citation": self.citation(i, style, script),
        }

    def rows(self, order: Sequence[int] | None = None, script: str = "original", style: str = "plain") -> Iterator[dict[str, Any]]:
        self.load_outlines()
        for i in (range(len(self)) if order is None else order):
            yield self.row(i, script, style)

    # -- sorting --------------------------------------------------------------------------

    def order(self, by: str = "order", descending: bool = False) -> list[int]:
        """Row indices sorted by `by` (SORT_KEYS); ties keep the concordance's own order
        (year, region, report, position)."""
        n = len(self)
        rows = range(n)
        key: Callable[[int], Any]
        if by == "order":
            return list(reversed(rows)) if descending else list(rows)
        if by == "left":
            keys = [k[::-1] for k in _fold_many([self.left(i) for i in rows])]
            key = keys.__getitem__
        elif by == "right":
            keys = _fold_many([self.right(i) for i in rows])
            key = keys.__getitem__
        elif by == "hit":
            hits = _fold_many([self.hit(i) for i in rows])
            rights = _fold_many([self.right(i) for i in rows])
            key = lambda i: (hits[i], rights[i])  # noqa: E731
        elif by in ("region", "year", "title"):
            # Docs are already in year, region, path order; sort docs once, rows by their doc.
            doc_rank = _doc_ranks(self.docs, by)
            doc_of = self.doc_of
            key = lambda i: doc_rank[doc_of[i]]  # noqa: E731
        elif by == "section":
            self.load_outlines()
            labels = _fold_many([self.section(i) for i in rows])
            key = labels.__getitem__
        else:
            raise ValueError(f"unknown sort key {by!r} (choose from {', '.join(SORT_KEYS)})")
        return sorted(rows, key=key, reverse=descending)


def _doc_ranks(docs: Sequence[KwicDoc], by: str) -> list[int]:
    def doc_key(d: KwicDoc) -> tuple[Any, ...]:
        if by == "region":
            return (search_form(d.region), d.year is None, d.year or 0)
        if by == "year":
            return (d.year is None, d.year or 0)
        return (search_form(d.title),)

    ranked = sorted(range(len(docs)), key=lambda k: doc_key(docs[k]))
    rank = [0] * len(docs)
    for r, k in enumerate(ranked):
        rank[k] = r
    return rank


# -- from a library ----------------------------------------------------------------------


class _KeepingStore:
    """The manifest as the searcher's DocStore, narrowed to some reports if asked, keeping
    the clean text of each report it hands out (the concordance needs it again)."""

    def __init__(self, manifest: Any, paths: Iterable[str] | None) -> None:
        self.manifest = manifest
        self.only = None if paths is None else set(paths)
        self.kept: dict[str, str] = {}

    def meta(self) -> Mapping[str, DocMeta]:
        table = self.manifest.meta()
        if self.only is None:
            return table
        return {k: m for k, m in table.items() if m.path in self.only}

    def texts(self, key: str) -> tuple[str, str] | None:
        found = self.manifest.texts(key)
        if found is not None:
            self.kept[key] = found[0]
        return found


def _outline_loader(manifest: Any) -> OutlineLoader:
    def load(docs: Sequence[KwicDoc]) -> None:
        got = manifest.outlines([d.key for d in docs])
        for d in docs:
            o = got.get(d.key)
            if o is None:
                continue  # removed since the search
            d.level, d.publisher, d.adcode = o.level, o.publisher, o.adcode
            if o.sections is not None:
                d.sections = o.sections
                continue
            try:  # a library indexed before the outlines table: its report file has them
                report = manifest.report(d.path)
            except (KeyError, OSError, ValueError):
                continue
            d.sections, d.adcode = tuple(report.sections), report.adcode

    return load


def doc_order(d: KwicDoc) -> tuple[Any, ...]:
    """The concordance's own order of reports: oldest first, then region, then file."""
    return (d.year is None, d.year or 0, search_form(d.region), d.path)


def concordance(
    manifest: Any,
    index: CandidateSource | None,
    query: str,
    context: int = CONTEXT,
    cross_paragraphs: bool = False,
    limit: int | None = None,
    paths: Iterable[str] | None = None,
) -> Concordance:
    """Every hit of `query` in the library (only in `paths`, if given), at most `limit`
    rows (None or 0: all) in the concordance's own order. `manifest` is a
    library.store.Manifest (meta, texts, outlines, report). Raises QueryError."""
    if context < 0:
        raise ValueError("the context must be 0 or more characters")
    store = _KeepingStore(manifest, paths)
    found = Searcher(store, index).search(query, limit=None)
    meta = store.meta()
    key_of = {m.path: k for k, m in meta.items()}
    docs: list[KwicDoc] = []
    spans: list[tuple[tuple[int, int], ...]] = []
    for hit in found.results:
        key = key_of.get(hit.path)
        text = store.kept.get(key) if key is not None else None
        if key is None or text is None or not hit.spans:
            continue  # removed while the search ran
        m = meta[key]
        docs.append(KwicDoc(key, m.path, m.title, m.region, m.year, m.date, m.doc_type, text))
        spans.append(hit.spans)
    ranked = sorted(range(len(docs)), key=lambda k: doc_order(docs[k]))
    ordered = [docs[k] for k in ranked]
    rows = [(new, s, e) for new, old in enumerate(ranked) for s, e in spans[old]]
    total = len(rows)
    if limit:
        rows = rows[:limit]
        keep = sorted({d for d, _, _ in rows})
        renumber = {old: new for new, old in enumerate(keep)}
        ordered = [ordered[k] for k in keep]
        rows = [(renumber[d], s, e) for d, s, e in rows]
    return Concordance(query, ordered, rows, context, cross_paragraphs, total, _outline_loader(manifest))

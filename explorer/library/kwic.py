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

from explorer.core.model import Report, Section
from explorer.core.scripts import convert_for_display
from explorer.search.normalize import search_form
from explorer.search.query import parse
from explorer.search.searcher import CandidateSource, DocMeta, Searcher

CONTEXT = 30  # characters either side of a hit, by default
BREAK_SHOWN = "¶"  # a paragraph break inside a context (cross_paragraphs)
SORT_KEYS = ("order", "left", "right", "hit", "region", "year", "title", "section")
# The fields of a row, in the order of `kwic --json` (GUIDE.md) and of the exported columns.
FIELDS = ("left", "hit", "right", "path", "title", "region", "adcode", "level", "year",
          "doc_type", "section", "start", "end", "citation")
WIDTHS = (34, 8, 34, 30, 24, 12, 8, 6, 6, 12, 30, 8, 8, 40)  # of the exported columns, in characters


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
        """A Report to cite from (text, outline and the metadata a citation uses); kept
        once the outline is loaded (before, it would cite without the section)."""
        if self._report is not None:
            return self._report
        report = Report(
            path=self.path, title=self.title, region=self.region, level=self.level,
            year=self.year, doc_type=self.doc_type, publisher=self.publisher, date=self.date,
            speaker="", encoding="", raw_text="", text=self.text,
            sections=list(self.sections or ()), adcode=self.adcode,
        )
        if self.sections is not None:
            self._report = report
        return report


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
    """The rows of one query: docs (reports with hits) and, per row, its doc, start, end.
    Built at once (concordance()) or batch by batch as the hits are found (extend())."""

    def __init__(
        self,
        query: str,
        docs: list[KwicDoc] | None = None,
        spans: Iterable[tuple[int, int, int]] = (),
        context: int = CONTEXT,
        cross_paragraphs: bool = False,
        total: int | None = None,
        outlines: OutlineLoader | None = None,
    ) -> None:
        self.query = query
        self.docs: list[KwicDoc] = []
        self.context = context
        self.cross_paragraphs = cross_paragraphs
        self.doc_of = array("i")
        self.starts = array("q")
        self.ends = array("q")
        self._breaks: list[str] = []
        self._citations: dict[tuple[int, str, str, str], str] = {}
        self._outlines = outlines
        self.extend(docs or [], spans)
        self.total = len(self.doc_of) if total is None else total  # before any limit

    def extend(self, docs: Sequence[KwicDoc], spans: Iterable[tuple[int, int, int]]) -> int:
        """Add reports and their rows (doc index within `docs`, start, end); returns the
        rows added."""
        base = len(self.docs)
        self.docs.extend(docs)
        self._breaks.extend(d.paragraph_break for d in docs)
        n = len(self.doc_of)
        for d, start, end in spans:
            self.doc_of.append(base + d)
            self.starts.append(start)
            self.ends.append(end)
        self.total = len(self.doc_of)
        return len(self.doc_of) - n

    def __len__(self) -> int:
        return len(self.doc_of)

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

    def load_outlines(self) -> None:
        """Level, publisher, adcode and outline of every report (one batched read). A
        concordance without a loader (built from batches another thread read) leaves them
        to that thread."""
        if self._outlines is None:
            return
        missing = [d for d in self.docs if d.sections is None]
        if missing:
            self._outlines(missing)
        for d in missing:
            if d.sections is None:
                d.sections = ()  # nothing to be had: no section path rather than a retry per row

    def _loaded(self, doc: KwicDoc) -> KwicDoc:
        if doc.sections is None and self._outlines is not None:
            self._outlines([doc])
            if doc.sections is None:
                doc.sections = ()
        return doc

    def section(self, i: int, load: bool = True) -> str | None:
        """The section path of the hit, outermost first (" › " joined); "" outside any;
        None when the outline is not loaded and `load` is false (a view on the GUI thread
        does not read the library)."""
        from explorer.core.cite.styles import section_label  # not needed to find the hits

        doc = self.doc(i)
        if doc.sections is None and not load:
            return None
        return section_label(self._loaded(doc).as_report(), self.starts[i])

    def citation(self, i: int, style: str = "plain", script: str = "original") -> str:
        """Where the hit is, as a citation style writes its source (core/cite/styles.py).
        The same for every hit of a section: made once per report and section."""
        from explorer.core.cite.styles import citation_parts, reference

        d = self.doc_of[i]
        doc = self._loaded(self.docs[d])
        key = (d, self.section(i) or "", style, script)
        cited = self._citations.get(key)
        if cited is None:
            try:
                cited = reference(citation_parts(doc.as_report(), self.starts[i], self.ends[i], script), style)
            except ValueError:
                cited = ""
            self._citations[key] = cited
        return cited

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
            "section": disp(self.section(i) or ""),
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
            labels = _fold_many([self.section(i) or "" for i in rows])
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


def outline_loader(manifest: Any) -> OutlineLoader:
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


def doc_order(m: DocMeta | KwicDoc) -> tuple[Any, ...]:
    """The concordance's own order of reports: oldest first, then region, then file."""
    return (m.year is None, m.year or 0, search_form(m.region), m.path)


class _Narrowed:
    """A DocStore of some of another store's reports."""

    def __init__(self, store: _KeepingStore, keys: Sequence[str]) -> None:
        table = store.meta()
        self._meta = {k: table[k] for k in keys if k in table}
        self.texts = store.texts

    def meta(self) -> Mapping[str, DocMeta]:
        return self._meta


Batch = tuple[list[KwicDoc], list[tuple[int, int, int]]]  # reports, (doc index, start, end) rows


def iter_concordance(
    manifest: Any,
    index: CandidateSource | None,
    query: str,
    paths: Iterable[str] | None = None,
    first_batch: int = 8,
    batch: int = 64,
) -> Iterator[Batch]:
    """The hits of `query`, report by report in the concordance's own order, in batches
    (a small first one: a view can show rows at once). Candidates come from the index;
    each batch is verified by the Searcher on the reports' text, so a row exists exactly
    where search marks a hit. Raises QueryError for a malformed query."""
    q = parse(query)
    store = _KeepingStore(manifest, paths)
    meta = store.meta()
    keys = list(meta) if index is None else [k for k in index.matches(q).keys if k in meta]
    keys.sort(key=lambda k: doc_order(meta[k]))
    at, size = 0, first_batch
    while at < len(keys):
        chunk = keys[at : at + size]
        at, size = at + size, batch
        found = {h.path: h for h in Searcher(_Narrowed(store, chunk), None).search(query, limit=None).results}
        docs: list[KwicDoc] = []
        rows: list[tuple[int, int, int]] = []
        for key in chunk:  # in the concordance's order, not the searcher's ranking
            m = meta[key]
            hit = found.get(m.path)
            text = store.kept.pop(key, None)
            if hit is None or text is None or not hit.spans:
                continue  # no hit after all, or removed while the search ran
            rows.extend((len(docs), s, e) for s, e in hit.spans)
            docs.append(KwicDoc(key, m.path, m.title, m.region, m.year, m.date, m.doc_type, text))
        if docs:
            yield docs, rows


def concordance(
    manifest: Any,
    index: CandidateSource | None,
    query: str,
    context: int = CONTEXT,
    cross_paragraphs: bool = False,
    limit: int | None = None,
    paths: Iterable[str] | None = None,
    on_batch: Callable[[list[KwicDoc], list[tuple[int, int, int]]], None] | None = None,
) -> Concordance:
    """Every hit of `query` in the library (only in `paths`, if given), at most `limit`
    rows (None or 0: all; `total` counts them all) in the concordance's own order.
    `on_batch(docs, rows)` hears each batch as it is added (a view shows rows early).
    `manifest` is a library.store.Manifest (meta, texts, outlines, report)."""
    if context < 0:
        raise ValueError("the context must be 0 or more characters")
    conc = Concordance(query, context=context, cross_paragraphs=cross_paragraphs,
                       outlines=outline_loader(manifest))
    total = 0
    for docs, rows in iter_concordance(manifest, index, query, paths):
        total += len(rows)
        room = None if not limit else limit - len(conc)
        if room is not None and room <= 0:
            continue
        if room is not None and len(rows) > room:
            rows = rows[:room]
            docs = docs[: rows[-1][0] + 1]
        conc.extend(docs, rows)
        if on_batch is not None:
            on_batch(docs, rows)
    conc.total = total
    return conc

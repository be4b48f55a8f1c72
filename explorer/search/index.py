"""The whoosh index of a library: open (or rebuild), write in batches, find candidates.

The index is a candidate finder and ranker, never the judge: query.py decides what matches
on the stored text. For queries without whitespace inside a term the candidates are exact
(see analysis.py), which lets a search skip verifying results it does not show.

Only an index this code wrote is opened: <index>/FORMAT must hold exactly schema.FORMAT.
It is written after the index is complete, so an interrupted rebuild is rebuilt again.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.searching import Searcher

from explorer.search.analysis import query_grams
from explorer.search.query import AnyOf, FieldFilter, Literal, Node, Not, Query, YearRange
from explorer.search.schema import FORMAT, build_schema

FORMAT_FILE = "FORMAT"
WRITER_TIMEOUT = 60.0  # seconds; the library lock normally makes the wait zero


@dataclass(frozen=True)
class IndexDoc:
    """One report as the index sees it; every string already in search form."""

    key: str
    text: str
    region: str
    doc_type: str
    themes: tuple[str, ...]
    year: int | None


def _gram_query(field: str, piece: str) -> wq.Query:
    grams = query_grams(piece)
    if len(piece) == 1:
        # Every position carries one term that starts with its character (analysis.py).
        return wq.Prefix(field, piece)
    if len(grams) == 1:
        return wq.Term(field, grams[0])
    return wq.Phrase(field, grams)


def _substring_query(field: str, text: str) -> wq.Query:
    pieces = text.split()
    if len(pieces) == 1:
        return _gram_query(field, pieces[0])
    # Whitespace is not indexed: each piece must occur; query.py checks the whole.
    return wq.And([_gram_query(field, p) for p in pieces])


def _unscored(q: wq.Query) -> wq.Query:
    # Filters select, they must not change the BM25 ranking of the text terms.
    return wq.ConstantScoreQuery(q, 0.0)


def to_whoosh(node: Node) -> wq.Query:
    if isinstance(node, Literal):
        return _substring_query("body", node.text)
    if isinstance(node, YearRange):
        return _unscored(wq.NumericRange("year", node.low, node.high))
    if isinstance(node, FieldFilter):
        if node.field == "theme":
            return _unscored(wq.Term("themes", node.value))
        field = "region" if node.field == "region" else "doctype"
        return _unscored(_substring_query(field, node.value))
    if isinstance(node, AnyOf):
        return wq.Or([to_whoosh(n) for n in node.items])
    return wq.Not(to_whoosh(node.item))


def is_exact(query: Query) -> bool:
    """Whether the index alone gives exactly the matching documents."""

    def exact(node: Node) -> bool:
        if isinstance(node, Literal):
            return " " not in node.text
        if isinstance(node, FieldFilter):
            return " " not in node.value
        if isinstance(node, AnyOf):
            return all(exact(n) for n in node.items)
        if isinstance(node, Not):
            return exact(node.item)
        return True

    return all(exact(c) for c in query.clauses)


class SearchIndex:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._ix: whoosh_index.Index | None = None
        self._searcher: Searcher | None = None

    # -- opening --------------------------------------------------------------------

    def is_current(self) -> bool:
        try:
            return (self.folder / FORMAT_FILE).read_text(encoding="utf-8").strip() == FORMAT
        except OSError:
            return False

    def open(self) -> bool:
        """Open the index if it is ours and readable; False means it must be rebuilt."""
        if self._ix is not None:
            return True
        if not self.is_current():
            return False
        try:
            ix = whoosh_index.open_dir(str(self.folder))
            ix.doc_count()  # reads the segment list: fails here on a damaged index
        except Exception:  # whoosh raises many kinds (EmptyIndexError, pickle, OSError...)
            return False
        self._ix = ix
        return True

    def rebuild(self, docs: Iterable[IndexDoc]) -> int:
        """Throw the index away and index `docs` again. Caller holds the library lock."""
        self.close()
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        ix = whoosh_index.create_in(str(self.folder), build_schema())
        n = 0
        batch: list[IndexDoc] = []
        self._ix = ix
        for doc in docs:
            batch.append(doc)
            if len(batch) >= 200:
                self.write(batch, (), new=True)
                n += len(batch)
                batch = []
        if batch or n == 0:
            self.write(batch, (), new=True)
            n += len(batch)
        tmp = self.folder / (FORMAT_FILE + ".tmp")
        tmp.write_text(FORMAT + "\n", encoding="utf-8")
        os.replace(tmp, self.folder / FORMAT_FILE)
        return n

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        if self._ix is not None:
            self._ix.close()
            self._ix = None

    # -- writing --------------------------------------------------------------------

    def write(self, puts: Sequence[IndexDoc], deletes: Iterable[str], new: bool = False) -> None:
        """One commit: replace or add `puts`, drop `deletes` (keys)."""
        assert self._ix is not None, "open() or rebuild() first"
        with self._ix.writer(timeout=WRITER_TIMEOUT) as w:
            for key in deletes:
                w.delete_by_term("key", key)
            add = w.add_document if new else w.update_document
            for d in puts:
                fields: dict[str, object] = {
                    "key": d.key,
                    "body": d.text,
                    "region": d.region,
                    "doctype": d.doc_type,
                }
                if d.themes:
                    fields["themes"] = list(d.themes)
                if d.year is not None:
                    fields["year"] = d.year
                add(**fields)

    def optimize(self) -> None:
        assert self._ix is not None
        self._ix.optimize()

    # -- reading --------------------------------------------------------------------

    def _current_searcher(self) -> Searcher:
        assert self._ix is not None, "open() first"
        if self._searcher is None:
            self._searcher = self._ix.searcher()
        else:
            # Another process (or this one) may have committed since: see its work.
            self._searcher = self._searcher.refresh()
        return self._searcher

    def candidates(self, query: Query) -> list[tuple[str, float]]:
        """(key, BM25F score) of every document the index proposes, in index order."""
        q = wq.And([to_whoosh(c) for c in query.clauses]).normalize()
        searcher = self._current_searcher()
        results = searcher.search(q, limit=None, sortedby=None)
        return [(str(hit["key"]), float(hit.score or 0.0)) for hit in results]

    def keys(self) -> set[str]:
        """Keys of the live (not deleted) documents."""
        return {str(f["key"]) for f in self._current_searcher().all_stored_fields()}

    def doc_count(self) -> int:
        return self._current_searcher().doc_count()

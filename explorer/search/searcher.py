"""The one searcher: a query string in, ranked reports with every hit out.

A query goes down once and comes back up once:

    parse (query.py) -> candidates from the index (an engine) -> ranking -> verification
    on the stored text (query.py) -> spans and snippets -> SearchResults

The engine only proposes documents (exactly, for queries without whitespace inside a term)
and scores them; what matches, where, and how often is decided here on the folded clean
text, so every engine answers identically. The text comes from a DocStore: the library's
manifest, or anything else that can hand out a report's metadata and texts by key.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from explorer.core.model import Hit
from explorer.search.normalize import search_form
from explorer.search.query import DocView, Query, hit_spans, parse, query_matches
from explorer.search.snippets import make_snippets


class DocMeta(NamedTuple):
    """What the searcher needs of a report besides its text (metadata as stored)."""

    path: str
    title: str
    region: str
    year: int | None
    date: str | None
    doc_type: str
    themes: tuple[str, ...]


class DocStore(Protocol):
    def meta(self) -> Mapping[str, DocMeta]:
        """key -> metadata of every report in the library."""

    def texts(self, key: str) -> tuple[str, str] | None:
        """(clean text, folded text) of a report; None if it is gone."""


@dataclass(frozen=True)
class Candidates:
    ranked: list[tuple[str, float]]  # (key, score), best score first; all, or the top asked for
    total: int  # matching documents, all of them
    constant: bool  # no text term to score: every score is equal (filters, single characters)


class CandidateSource(Protocol):
    def candidates(self, query: Query, allowed: Container[str]) -> Candidates:
        """Documents matching `query` (exactly when is_exact(query)) among `allowed` keys."""


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int  # reports matched
    results: list[Hit]


def is_exact(query: Query) -> bool:
    """Whether an index of character grams alone gives exactly the matching documents:
    whitespace is not indexed, so a term with whitespace inside is only a candidate."""
    from explorer.search.query import AnyOf, FieldFilter, Literal, Node, Not

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


class Searcher:
    """Answers queries over `store` with candidates from `index` (None while the index is
    being rebuilt: then every report is checked on its text)."""

    def __init__(self, store: DocStore, index: CandidateSource | None) -> None:
        self.store = store
        self.index = index

    def search(self, query: str, limit: int | None = 20) -> SearchResults:
        """Reports matching `query` (syntax: query.py), best first; limit None or 0: all.
        Raises QueryError for a malformed query."""
        q = parse(query)
        meta = self.store.meta()
        exact = self.index is not None and is_exact(q)
        if self.index is None:
            scored = [(key, 0.0) for key in meta]
            total_from_index = None
        else:
            found = self.index.candidates(q, meta)
            scored = found.ranked
            total_from_index = found.total
        # Best score first; equal scores: newer year, then newer date, then path.
        scored.sort(key=lambda ks: meta[ks[0]].path)
        scored.sort(key=lambda ks: meta[ks[0]].date or "", reverse=True)
        scored.sort(key=lambda ks: meta[ks[0]].year or 0, reverse=True)
        scored.sort(key=lambda ks: round(ks[1], 6), reverse=True)

        want = limit if limit else len(scored)
        hits: list[Hit] = []
        total = 0
        for key, score in scored:
            if exact and len(hits) >= want:
                break  # the index is exact for this query: the rest need not be read
            if len(hits) >= want:
                # Past the shown results only the count matters: a cheaper check.
                total += self._matches(q, key, meta[key])
                continue
            hit = self._verify(q, key, score, meta[key])
            if hit is not None:
                total += 1
                hits.append(hit)
        if exact and total_from_index is not None:
            total = total_from_index
        return SearchResults(query, total, hits)

    def _doc_view(self, key: str, meta: DocMeta) -> tuple[str, DocView] | None:
        texts = self.store.texts(key)
        if texts is None:
            return None  # removed since the candidates were read
        return texts[0], DocView(
            text=texts[1],
            region=search_form(meta.region),
            doc_type=search_form(meta.doc_type),
            year=meta.year,
            themes=frozenset(search_form(t) for t in meta.themes),
        )

    def _matches(self, q: Query, key: str, meta: DocMeta) -> bool:
        found = self._doc_view(key, meta)
        return found is not None and query_matches(q, found[1])

    def _verify(self, q: Query, key: str, score: float, meta: DocMeta) -> Hit | None:
        found = self._doc_view(key, meta)
        if found is None or not query_matches(q, found[1]):
            return None
        text, doc = found
        spans = hit_spans(q, doc.text)
        return Hit(
            path=meta.path, title=meta.title, region=meta.region, year=meta.year,
            hits=len(spans), spans=tuple(spans), snippets=make_snippets(text, spans), score=score,
        )

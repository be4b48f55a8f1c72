"""The one searcher: a query string in, ranked reports with every hit out.

A query goes down once and comes back up once:

    parse (query.py) -> matches from the index (an engine, engine.py) -> ranking
    (ranking.py) -> verification on the stored text (query.py) -> spans and snippets

The engine only proposes documents (exactly, when it says so) and counts the query's
pieces in them; what matches, where, and how often is decided here on the folded clean
text, and the order by ranking.py, so every engine answers identically. The text comes
from a DocStore: the library's manifest, or anything else that can hand out a report's
metadata and texts by key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, Protocol

from explorer.core.model import Hit
from explorer.search.engine import Matches
from explorer.search.normalize import search_form
from explorer.search.query import DocView, Query, hit_spans, parse, query_matches
from explorer.search.ranking import rank_table, scores
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
    n_terms: int = 0  # non-whitespace characters: the length ranking uses


class DocStore(Protocol):
    def meta(self) -> Mapping[str, DocMeta]:
        """key -> metadata of every report in the library (the same object while the
        library is unchanged: ranking keeps what it computes from it)."""

    def texts(self, key: str) -> tuple[str, str] | None:
        """(clean text, folded text) of a report; None if it is gone."""


class CandidateSource(Protocol):
    """A search engine (engine.Engine), as far as searching needs one."""

    def matches(self, query: Query) -> Matches:
        """The reports matching `query` (exactly when Matches.exact), with counts."""


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int  # reports matched
    results: list[Hit]
    # Hits (Hit.hits) summed over all `total` reports, where the engine's counts give it
    # exactly; None otherwise (the shown results' hits are then all that is known).
    occurrences: int | None = None


class Searcher:
    """Answers queries over `store` with candidates from `index` (an engine; None while
    the index is being rebuilt: then every report is checked on its text)."""

    def __init__(self, store: DocStore, index: CandidateSource | None) -> None:
        self.store = store
        self.index = index

    def search(self, query: str, limit: int | None = 20) -> SearchResults:
        """Reports matching `query` (syntax: query.py), best first; limit None or 0: all.
        Raises QueryError for a malformed query."""
        q = parse(query)
        meta = self.store.meta()
        table = rank_table(meta)
        occurrences = None
        matched = 0  # reports matched, when the index is exact
        if self.index is None:
            exact = False
            scored = scores(meta, None, table).ranked()
        else:
            found = self.index.matches(q)
            exact = found.exact
            ranking = scores(found.keys, found, table)  # those still in meta
            # Exact: the first `limit` are the results, the rest only counted.
            scored = ranking.ranked(limit or None, rest=False) if exact else ranking.ranked()
            matched = len(ranking)
            counted = _counted_pieces(q)
            if exact and counted is not None:
                occurrences = ranking.occurrences(counted)

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
        if exact:
            total = matched
        return SearchResults(query, total, hits, occurrences)

    def _doc_view(self, key: str, meta: DocMeta) -> tuple[str, DocView] | None:
        texts = self.store.texts(key)
        if texts is None:
            return None  # removed since the candidates were read
        region, doc_type, themes = _filter_forms(meta.region, meta.doc_type, meta.themes)
        return texts[0], DocView(text=texts[1], region=region, doc_type=doc_type, year=meta.year, themes=themes)

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


def _counted_pieces(q: Query) -> list[str] | None:
    """The pieces whose engine counts (every start, overlapping) add up to the hits of a
    report (non-overlapping occurrences of every positive term): each term one piece of
    two or more characters that cannot overlap itself (no border: 哈哈 in 哈哈哈 starts
    twice but occurs once). None when the query has another kind of term."""
    pieces = [lit.text for lit in q.literals()]
    for p in pieces:
        if len(p) < 2 or " " in p or any(p[:i] == p[-i:] for i in range(1, len(p))):
            return None
    return pieces


@lru_cache(maxsize=4096)
def _filter_forms(region: str, doc_type: str, themes: tuple[str, ...]) -> tuple[str, str, frozenset[str]]:
    """The search forms of a report's filter fields. The same few regions, types and
    theme sets recur across reports: folding them (OpenCC) for every report a search
    reads was about a tenth of a query's time."""
    return search_form(region), search_form(doc_type), frozenset(search_form(t) for t in themes)

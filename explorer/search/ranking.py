"""The order of search results, the same whichever engine found them.

BM25 (whoosh's formula and defaults: idf = ln(N / (df + 1)) + 1, B = 0.75, K1 = 1.2) over the
occurrence counts an engine reports (engine.Matches) and the exact length of each report
from the library's manifest (DocMeta.n_terms: its non-whitespace characters), never an
engine's own quantized lengths. Equal scores (to 6 decimals): newer year first, then newer
date, then path.

When the engine answers in arrays (a large library), ranking_arrays.py computes the same
scores on numpy arrays.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from math import log
from typing import TYPE_CHECKING, Protocol

from explorer.search.engine import Counts, KeySet, Matches

if TYPE_CHECKING:
    from explorer.search.ranking_arrays import TableArrays
    from explorer.search.searcher import DocMeta

BM25_B, BM25_K1 = 0.75, 1.2


class RankTable:
    """What ranking needs of the library, computed once per version of its metadata."""

    def __init__(self, meta: Mapping[str, DocMeta]) -> None:
        self.meta = meta
        self.n_docs = max(1, len(meta))
        self.avg_length = max(1.0, sum(m.n_terms for m in meta.values()) / self.n_docs)
        order = sorted(meta, key=lambda k: meta[k].path)
        order.sort(key=lambda k: meta[k].date or "", reverse=True)
        order.sort(key=lambda k: meta[k].year or 0, reverse=True)
        self.order = {key: i for i, key in enumerate(order)}
        avg = self.avg_length
        self.norms = {key: BM25_K1 * ((1 - BM25_B) + BM25_B * m.n_terms / avg) for key, m in meta.items()}
        self._arrays: TableArrays | None = None

    def arrays(self) -> TableArrays:
        """The table as arrays (ranking_arrays.py), made when first asked for."""
        if self._arrays is None:
            from explorer.search.ranking_arrays import TableArrays

            self._arrays = TableArrays(self)
        return self._arrays


_last: tuple[Mapping[str, DocMeta], RankTable] | None = None


def rank_table(meta: Mapping[str, DocMeta]) -> RankTable:
    """The table of `meta`, reused while the same metadata object is passed (the manifest
    hands out one object per version of its contents)."""
    global _last
    cached = _last
    if cached is None or cached[0] is not meta:
        cached = _last = (meta, RankTable(meta))
    return cached[1]


class Scores(Protocol):
    """The scores of the reports a query matched, ready to be ranked."""

    def __len__(self) -> int:
        """The reports scored."""

    def ranked(self, best: int | None = None, rest: bool = True) -> list[tuple[str, float]]:
        """(key, score), best first; with `best`, only that many first come in order, the
        rest follow in no order (only counted), or not at all when not `rest`."""

    def occurrences(self, pieces: Iterable[str]) -> int | None:
        """The counts of `pieces` summed over the reports scored; None when a piece has
        no counts."""


def scores(keys: Collection[str], matches: Matches | None, table: RankTable) -> Scores:
    """The BM25 scores of the reports `keys` (distinct; those not in `table` left out) for
    the counts of `matches` (None: every score 0): on arrays when the engine answered in
    arrays, else one report at a time."""
    if isinstance(keys, KeySet) or (matches is not None and any(isinstance(c, Counts) for c in matches.counts.values())):
        from explorer.search.ranking_arrays import ArrayScores

        return ArrayScores(keys, matches, table.arrays())
    return DictScores(keys, matches, table)


class DictScores:
    """Scores one report at a time (the formula as written above)."""

    def __init__(self, keys: Collection[str], matches: Matches | None, table: RankTable) -> None:
        self.table = table
        self.matches = matches
        norms = table.norms
        self.scores = dict.fromkeys((k for k in keys if k in norms), 0.0)
        if matches is not None:
            k1p1 = BM25_K1 + 1
            scores = self.scores
            for piece, tf in matches.counts.items():
                df = matches.holders.get(piece, len(tf))
                idf = log(table.n_docs / (df + 1)) + 1
                for key, f in tf.items():
                    score = scores.get(key)
                    if score is not None:
                        scores[key] = score + idf * ((f * k1p1) / (f + norms[key]))

    def __len__(self) -> int:
        return len(self.scores)

    def ranked(self, best: int | None = None, rest: bool = True) -> list[tuple[str, float]]:
        scores, order = self.scores, self.table.order

        def by_rank(ks: tuple[str, float]) -> tuple[float, int]:
            return -round(ks[1], 6), order[ks[0]]

        if best is None or best * 4 >= len(scores):
            return sorted(scores.items(), key=by_rank)[: None if rest else best]
        # Only a score that rounds to the best-th highest one or above can be among the
        # first `best`: those few are ordered, the rest are not looked at again. The bound
        # is a little loose; the sort of the few is exact.
        floor = round(sorted(scores.values(), reverse=True)[best - 1], 6) - 1e-6
        head = [ks for ks in scores.items() if ks[1] >= floor]
        head.sort(key=by_rank)
        top = head[:best]
        if not rest:
            return top
        chosen = {k for k, _ in top}
        return top + [ks for ks in scores.items() if ks[0] not in chosen]

    def occurrences(self, pieces: Iterable[str]) -> int | None:
        counts = {} if self.matches is None else self.matches.counts
        total = 0
        for piece in pieces:
            tf = counts.get(piece)
            if tf is None:
                return None
            total += sum(f for k, f in tf.items() if k in self.scores)
        return total


def rank(keys: Collection[str], matches: Matches | None, table: RankTable,
         best: int | None = None) -> list[tuple[str, float]]:
    """(key, score) of `keys` (those in `table`), best first; with `best`, only that many
    first come in order, the rest follow in no order (only counted)."""
    return scores(keys, matches, table).ranked(best)

"""The order of search results, the same whichever engine found them.

BM25 (whoosh's formula and defaults: idf = ln(N / (df + 1)) + 1, B = 0.75, K1 = 1.2) over the
occurrence counts an engine reports (engine.Matches) and the exact length of each report
from the library's manifest (DocMeta.n_terms: its non-whitespace characters), never an
engine's own quantized lengths. Equal scores (to 6 decimals): newer year first, then newer
date, then path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from math import log
from typing import TYPE_CHECKING

from explorer.search.engine import Matches

if TYPE_CHECKING:
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


_last: tuple[Mapping[str, DocMeta], RankTable] | None = None


def rank_table(meta: Mapping[str, DocMeta]) -> RankTable:
    """The table of `meta`, reused while the same metadata object is passed (the manifest
    hands out one object per version of its contents)."""
    global _last
    cached = _last
    if cached is None or cached[0] is not meta:
        cached = _last = (meta, RankTable(meta))
    return cached[1]


def rank(keys: Iterable[str], matches: Matches | None, table: RankTable,
         best: int | None = None) -> list[tuple[str, float]]:
    """(key, score) of `keys` (all in `table`), best first; with `best`, only that many
    first come in order, the rest follow in no order (only counted)."""
    scores = dict.fromkeys(keys, 0.0)
    if matches is not None:
        k1p1 = BM25_K1 + 1
        norms = table.norms
        for piece, tf in matches.counts.items():
            df = matches.holders.get(piece, len(tf))
            idf = log(table.n_docs / (df + 1)) + 1
            for key, f in tf.items():
                score = scores.get(key)
                if score is not None:
                    scores[key] = score + idf * ((f * k1p1) / (f + norms[key]))
    order = table.order

    def by_rank(ks: tuple[str, float]) -> tuple[float, int]:
        return -round(ks[1], 6), order[ks[0]]

    if best is None or best * 4 >= len(scores):
        return sorted(scores.items(), key=by_rank)
    # Only a score that rounds to the best-th highest one or above can be among the first
    # `best`: those few are ordered, the rest (thousands at 10,000 reports) are not looked
    # at again. The bound is a little loose; the sort of the few is exact.
    floor = round(sorted(scores.values(), reverse=True)[best - 1], 6) - 1e-6
    head = [ks for ks in scores.items() if ks[1] >= floor]
    head.sort(key=by_rank)
    top = head[:best]
    chosen = {k for k, _ in top}
    return top + [ks for ks in scores.items() if ks[0] not in chosen]

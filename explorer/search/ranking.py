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
        self._norms: dict[str, float] = {}

    def norm(self, key: str) -> float:
        found = self._norms.get(key)
        if found is None:
            length = self.meta[key].n_terms if key in self.meta else self.avg_length
            found = self._norms[key] = BM25_K1 * ((1 - BM25_B) + BM25_B * length / self.avg_length)
        return found


_last: tuple[Mapping[str, DocMeta], RankTable] | None = None


def rank_table(meta: Mapping[str, DocMeta]) -> RankTable:
    """The table of `meta`, reused while the same metadata object is passed (the manifest
    hands out one object per version of its contents)."""
    global _last
    cached = _last
    if cached is None or cached[0] is not meta:
        cached = _last = (meta, RankTable(meta))
    return cached[1]


def rank(keys: Iterable[str], matches: Matches | None, table: RankTable) -> list[tuple[str, float]]:
    """(key, score) of `keys`, best first."""
    scores = dict.fromkeys(keys, 0.0)
    if matches is not None:
        k1p1 = BM25_K1 + 1
        for piece, tf in matches.counts.items():
            df = matches.holders.get(piece, len(tf))
            idf = log(table.n_docs / (df + 1)) + 1
            for key, f in tf.items():
                if key in scores:
                    scores[key] += idf * ((f * k1p1) / (f + table.norm(key)))
    last = len(table.order)
    return sorted(scores.items(), key=lambda ks: (-round(ks[1], 6), table.order.get(ks[0], last)))

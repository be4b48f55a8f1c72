"""The tantivy engine's reading of its hits as numpy arrays, for large libraries.

A common term holds most reports of a large library (10,000 hits for 发展 at 10,000
reports): reading each hit's key and count in Python was 41% of such a query. Here the
scores, keys and counts of all hits are arrays (engine.KeySet, engine.Counts), and ranking
works on them (ranking_arrays.py). Used from ARRAY_MIN_DOCS reports on (tantivy_engine.py):
numpy's import costs more than the Python way saves in a small library's search.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import reduce
from typing import Any

import numpy as np
import tantivy

from explorer.search.engine import Counts, KeySet
from explorer.search.tantivy_scores import _FREE, Bm25


class ArrayReader:
    """Hits, keys and counts as arrays; the names of keys kept across queries."""

    def __init__(self) -> None:
        self._names = _KeyNames()

    def hits(self, searcher: tantivy.Searcher, query: tantivy.Query, n: int) -> tuple[np.ndarray, list[Any]]:
        hits = searcher.search(query, limit=n, count=False).hits
        if not hits:
            return np.empty(0), []
        scores, addresses = zip(*hits, strict=True)
        return np.array(scores, dtype=np.float64), list(addresses)

    def keys(self, searcher: tantivy.Searcher, addresses: list[Any]) -> KeySet:
        his = searcher.fast_field_values("key_hi", addresses)
        los = searcher.fast_field_values("key_lo", addresses)
        return KeySet(*self._names.of(np.array(his, dtype=np.uint64), np.array(los, dtype=np.uint64)))

    @staticmethod
    def counts_from_scores(scores: np.ndarray, lengths: Sequence[Any], c: Bm25) -> np.ndarray:
        return counts_from_scores(scores, _int_array(lengths), c)

    @staticmethod
    def unsure(found: np.ndarray) -> list[int]:
        return np.flatnonzero(found == 0).tolist()

    @staticmethod
    def tally(keys: KeySet, found: Sequence[int] | np.ndarray) -> Counts:
        return Counts(keys, np.asarray(found, dtype=np.int64))

    @staticmethod
    def as_set(keys: KeySet) -> KeySet:
        return keys

    @staticmethod
    def key_set(tally: Counts) -> KeySet:
        return tally.reports

    @staticmethod
    def combined(groups: list[list[AbstractSet[str]]]) -> AbstractSet[str]:
        return _combined(groups)


class _KeyNames:
    """Key strings by (key_hi, key_lo), kept across queries (the same keys come back query
    after query): sorted by key_hi, found with one searchsorted per batch of hits. It maps
    values to values, so a stale entry (a deleted report) costs nothing but its room."""

    def __init__(self) -> None:
        self.his = np.empty(0, dtype=np.uint64)
        self.los = np.empty(0, dtype=np.uint64)
        self.names = np.empty(0, dtype=object)

    def _find(self, his: np.ndarray, los: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        at = np.minimum(np.searchsorted(self.his, his), max(len(self.his) - 1, 0))
        if not len(self.his):
            return at, np.zeros(len(his), dtype=bool)
        return at, (self.his[at] == his) & (self.los[at] == los)

    def of(self, his: np.ndarray, los: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(an array of names, the position of each (hi, lo) in it)."""
        at, known = self._find(his, los)
        if known.all():
            return self.names, at
        new = ~known
        hi_new, lo_new = his[new], los[new]
        names = [f"{h:016x}{lo:08x}" for h, lo in zip(hi_new.tolist(), lo_new.tolist(), strict=True)]
        his_all = np.concatenate([self.his, hi_new])
        los_all = np.concatenate([self.los, lo_new])
        names_all = np.concatenate([self.names, np.array(names, dtype=object)])
        # Unique by (hi, lo), sorted by hi; two keys sharing their first 16 digits (a
        # lookup by hi alone cannot tell them apart) are named one by one.
        order = np.lexsort((los_all, his_all))
        his_all, los_all, names_all = his_all[order], los_all[order], names_all[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = (his_all[1:] != his_all[:-1]) | (los_all[1:] != los_all[:-1])
        self.his, self.los, self.names = his_all[first], los_all[first], names_all[first]
        if (self.his[1:] == self.his[:-1]).any():
            one_by_one = [f"{h:016x}{lo:08x}" for h, lo in zip(his.tolist(), los.tolist(), strict=True)]
            return np.array(one_by_one, dtype=object), np.arange(len(his))
        return self.names, self._find(his, los)[0]


def _combined(groups: list[list[AbstractSet[str]]]) -> AbstractSet[str]:
    """The keys in every group's union."""
    first = groups[0][0]
    if isinstance(first, KeySet) and all(isinstance(r, KeySet) and r.names is first.names for g in groups for r in g):
        unions = [reduce(np.union1d, (r.at for r in g if isinstance(r, KeySet))) for g in groups]
        return KeySet(first.names, reduce(lambda a, b: np.intersect1d(a, b, assume_unique=True), unions))
    # The engine learnt new keys between the terms (its names array was replaced).
    return set.intersection(*(set().union(*g) for g in groups))


def quantized_lengths(lengths: np.ndarray) -> np.ndarray:
    """quantized_length of every element (int64, below 2**31): a length past the exact
    range keeps the four leading bits of its excess over _FREE."""
    excess = np.maximum(lengths - _FREE, 0)
    # frexp's exponent is the bit length of an integer below 2**53.
    shift = np.maximum(np.frexp(excess.astype(np.float64))[1] - 4, 0)
    return np.where(lengths < _FREE, lengths, _FREE + ((excess >> shift) << shift))


def counts_from_scores(scores: np.ndarray, lengths: np.ndarray, c: Bm25) -> np.ndarray:
    """The tf behind each score (float64, as tantivy's f32 scores widen) of documents of
    `lengths` tokens (int64); 0 where the score cannot tell (the caller asks `explain`).
    Elementwise IEEE double arithmetic, so each count is the one the same formula gives
    in Python."""
    dl = quantized_lengths(lengths)
    norm = c.k1 * (1 - c.b + c.b * dl / c.avgdl)
    wn = c.weight * norm
    x = scores / c.weight
    sure = x < 1
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        tf = np.rint(norm * x / (1 - x))  # round half to even, as Python's round
        # A tf is trusted when the scores of tf and tf + 1 lie 32 f32 ulps apart or more.
        ulps = 32 * 2.0**-23
        sure &= (tf >= 1) & ~(wn * (1 / (tf + norm) - 1 / (tf + 1 + norm)) < ulps * scores)
    return np.where(sure, tf, 0).astype(np.int64)


def _int_array(values: Sequence[object]) -> np.ndarray:
    try:
        return np.array(values, dtype=np.int64)
    except TypeError:  # None: a segment without the column (none of this FORMAT's)
        return np.array([v or 0 for v in values], dtype=np.int64)

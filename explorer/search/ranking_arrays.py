"""Ranking (ranking.py) on numpy arrays, for an engine that answers in arrays (engine.KeySet,
engine.Counts): a common term matches all 10,000 reports of a large library, and a Python
step per report was most of such a query. The same double operations in the same order as
the formula taken one report at a time (ranking.DictScores), so the scores, and the order,
are that formula's (tests/search/test_ranking_top.py checks both against it written out).
Imported only when an engine answers in arrays: numpy's import is a tenth of a second, more
than a whole search of a small library.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from itertools import repeat
from math import log
from typing import TYPE_CHECKING

import numpy as np

from explorer.search.engine import Counts, KeySet, Matches
from explorer.search.ranking import BM25_K1

if TYPE_CHECKING:
    from explorer.search.ranking import RankTable


class TableArrays:
    """A RankTable as arrays over its reports' rows: each report's key, BM25 length norm and
    place among equal scores."""

    def __init__(self, table: RankTable) -> None:
        self.n_docs = table.n_docs
        keys = list(table.meta)
        self.row = {key: i for i, key in enumerate(keys)}
        self.keys = np.array(keys, dtype=object)
        self.order = np.fromiter(map(table.order.__getitem__, keys), dtype=np.int64, count=len(keys))
        self.norms = np.fromiter(map(table.norms.__getitem__, keys), dtype=np.float64, count=len(keys))
        self._names: tuple[np.ndarray, np.ndarray] | None = None  # an engine's names, their rows

    def rows(self, keys: Collection[str]) -> np.ndarray:
        """The rows of `keys`; -1 for a key not in the table."""
        return np.fromiter(map(self.row.get, keys, repeat(-1)), dtype=np.intp, count=len(keys))

    def rows_of_names(self, names: np.ndarray) -> np.ndarray:
        """rows() of an engine's array of key names, kept while the engine hands out the
        same array (it replaces the array when it learns new keys)."""
        cached = self._names
        if cached is None or cached[0] is not names:
            cached = self._names = (names, self.rows(names.tolist()))
        return cached[1]


class ArrayScores:
    """The BM25 scores of the reports `keys` (those in `table`) for the counts of `matches`
    (None: every score 0), computed on arrays over the table's rows. Each score is the
    same double the formula gives in Python: elementwise IEEE arithmetic, the pieces
    added in the same order."""

    def __init__(self, keys: Collection[str], matches: Matches | None, table: TableArrays) -> None:
        """keys: distinct (a set, a mapping's keys, an engine's KeySet)."""
        self.table = table
        rows = _rows(keys, table)
        known = rows >= 0  # a report gone from the library since the engine answered
        self.rows = rows[known]
        self.keys = table.keys[self.rows].tolist()
        self.tallies: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # piece -> (rows, counts)
        every = np.zeros(len(table.keys))
        if matches is not None:
            k1p1 = BM25_K1 + 1
            for piece, tf in matches.counts.items():
                at, f = self.tallies[piece] = _rows_and_counts(tf, table)
                df = matches.holders.get(piece, len(tf))
                idf = log(table.n_docs / (df + 1)) + 1
                every[at] += idf * ((f * k1p1) / (f + table.norms[at]))
        self.values = every[self.rows]

    def __len__(self) -> int:
        return len(self.values)

    def ranked(self, best: int | None = None, rest: bool = True) -> list[tuple[str, float]]:
        """(key, score), best first; with `best`, only that many first come in order, the
        rest follow in no order (only counted), or not at all when not `rest`."""
        values, n = self.values, len(self.values)
        if best is None or best * 4 >= n:
            head = np.arange(n)
        else:
            # Only a score that rounds to the best-th highest one or above can be among the
            # first `best`: those few are ordered, the rest (thousands at 10,000 reports)
            # are not looked at again. The bound is a little loose; the sort of the few
            # is exact.
            floor = round(float(np.partition(values, n - best)[n - best]), 6) - 1e-6
            head = np.flatnonzero(values >= floor)
        top = head[self._order(head)][:best]
        out = list(zip([self.keys[i] for i in top.tolist()], values[top].tolist(), strict=True))
        if rest and len(top) < n:
            others = np.ones(n, dtype=bool)
            others[top] = False
            out += zip(self.table.keys[self.rows[others]].tolist(), values[others].tolist(), strict=True)
        return out

    def _order(self, head: np.ndarray) -> np.ndarray:
        """The order of the reports at `head`: higher score to 6 decimals first (Python's
        round, decimal-exact, on each distinct score: ties are many, scores few), then
        the table's order of equal scores (newer year, newer date, path)."""
        distinct, which = np.unique(self.values[head], return_inverse=True)
        rounded = np.array([round(v, 6) for v in distinct.tolist()], dtype=np.float64)
        return np.lexsort((self.table.order[self.rows[head]], -rounded[which]))

    def occurrences(self, pieces: Iterable[str]) -> int | None:
        """The counts of `pieces` summed over the reports `keys`; None when a piece has no
        counts."""
        mine = np.zeros(len(self.table.keys), dtype=bool)
        mine[self.rows[self.rows >= 0]] = True
        total = 0
        for piece in pieces:
            tally = self.tallies.get(piece)
            if tally is None:
                return None
            at, f = tally
            total += int(f[mine[at]].sum())
        return total


def _rows_and_counts(tf: Mapping[str, int], table: TableArrays) -> tuple[np.ndarray, np.ndarray]:
    """The table rows of the reports in `tf` and their counts (reports not in the table
    left out)."""
    if isinstance(tf, Counts):
        rows, counts = _rows(tf.reports, table), tf.tf
    else:
        rows, counts = table.rows(list(tf)), np.fromiter(tf.values(), dtype=np.int64, count=len(tf))
    known = rows >= 0
    return rows[known], counts[known]


def _rows(keys: Collection[str], table: TableArrays) -> np.ndarray:
    if isinstance(keys, KeySet):
        return table.rows_of_names(keys.names)[keys.at]
    return table.rows(keys)

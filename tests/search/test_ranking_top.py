"""rank(best=k) puts the same k reports first, in the same order, as the full ranking, and
keeps every other report (only counted), also when many scores tie; and the ranking (done
on arrays) gives each report the very score, and the order, of the formula written out
here one report at a time (ranking.py's docstring), whether the counts come as dicts or
as an engine's arrays."""

import random
from math import log

import numpy as np
import pytest

from explorer.search.engine import Counts, KeySet, Matches
from explorer.search.ranking import RankTable, rank
from explorer.search.searcher import DocMeta


def _library(rng: random.Random, n: int) -> dict[str, DocMeta]:
    return {
        f"{i:024x}": DocMeta(
            path=f"/r/{rng.randint(0, 30)}.txt", title="t", region="r", year=rng.choice([None, 2019, 2020]),
            date=rng.choice([None, "2020-03-01"]), doc_type="d", themes=(), n_terms=rng.choice([500, 800, 1200]),
        )
        for i in range(n)
    }


def _draw(seed: int, most: int) -> tuple[random.Random, dict[str, DocMeta], RankTable, list[str]]:
    """A library of 50 to `most` reports, its table, and the reports a query matched."""
    rng = random.Random(seed)
    meta = _library(rng, rng.randint(50, most))
    return rng, meta, RankTable(meta), [k for k in meta if rng.random() < 0.8]


@pytest.mark.parametrize("seed", range(20))
def test_top_k_matches_full_ranking(seed: int) -> None:
    rng, _, table, keys = _draw(seed, 600)
    # Few distinct counts and lengths: many equal scores, ordered by year, date, path.
    counts = {"就业": {k: rng.choice([1, 1, 2, 3]) for k in keys if rng.random() < 0.7},
              "创业": {k: 1 for k in keys if rng.random() < 0.3}}
    matches = Matches(set(keys), True, counts, {p: len(c) for p, c in counts.items()})
    best = rng.randint(1, 12)
    full = rank(keys, matches, table)
    top = rank(keys, matches, table, best)
    assert top[:best] == full[:best]
    assert sorted(top) == sorted(full)


def _by_the_formula(keys, matches, meta):
    """BM25 as ranking.py states it, report by report, pieces added in order; then equal
    scores (to 6 decimals) newer year first, newer date, path (stable sorts, as stated)."""
    n = max(1, len(meta))
    avg = max(1.0, sum(m.n_terms for m in meta.values()) / n)
    scores = {}
    for k in keys:
        score = 0.0
        for piece, tf in matches.counts.items():
            if k in tf:
                idf = log(n / (matches.holders.get(piece, len(tf)) + 1)) + 1
                norm = 1.2 * ((1 - 0.75) + 0.75 * meta[k].n_terms / avg)
                score = score + idf * ((tf[k] * 2.2) / (tf[k] + norm))
        scores[k] = score
    order = sorted(meta, key=lambda k: meta[k].path)
    order.sort(key=lambda k: meta[k].date or "", reverse=True)
    order.sort(key=lambda k: meta[k].year or 0, reverse=True)
    place = {k: i for i, k in enumerate(order)}
    return sorted(scores.items(), key=lambda ks: (-round(ks[1], 6), place[ks[0]]))


def _as_arrays(tf: dict[str, int], names: np.ndarray) -> Counts:
    position = {k: i for i, k in enumerate(names.tolist())}
    return Counts(KeySet(names, np.array([position[k] for k in tf], dtype=np.intp)),
                  np.array(list(tf.values()), dtype=np.int64))


@pytest.mark.parametrize("seed", range(10))
def test_scores_and_order_are_the_formulas(seed: int) -> None:
    rng, meta, table, keys = _draw(seed, 400)
    counts = {"就业": {k: rng.randint(1, 400) for k in keys if rng.random() < 0.7},
              "创业": {k: rng.randint(1, 9) for k in keys if rng.random() < 0.3}}
    # An engine's names: more keys than the library holds, in its own order.
    names = np.array(rng.sample([*meta, "f" * 24], len(meta) + 1), dtype=object)
    want = _by_the_formula(keys, Matches(set(keys), True, counts, {"就业": 300}), meta)
    for given in (counts, {p: _as_arrays(tf, names) for p, tf in counts.items()}):
        matches = Matches(set(keys), True, given, {"就业": 300})
        assert rank(keys, matches, table) == want
        assert rank(keys, matches, table, 5)[:5] == want[:5]

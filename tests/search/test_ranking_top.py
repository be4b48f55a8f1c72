"""rank(best=k) puts the same k reports first, in the same order, as the full ranking, and
keeps every other report (only counted), also when many scores tie."""

import random

import pytest

from explorer.search.engine import Matches
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


@pytest.mark.parametrize("seed", range(20))
def test_top_k_matches_full_ranking(seed: int) -> None:
    rng = random.Random(seed)
    meta = _library(rng, rng.randint(50, 600))
    table = RankTable(meta)
    keys = [k for k in meta if rng.random() < 0.8]
    # Few distinct counts and lengths: many equal scores, ordered by year, date, path.
    counts = {"就业": {k: rng.choice([1, 1, 2, 3]) for k in keys if rng.random() < 0.7},
              "创业": {k: 1 for k in keys if rng.random() < 0.3}}
    matches = Matches(set(keys), True, counts, {p: len(c) for p, c in counts.items()})
    best = rng.randint(1, 12)
    full = rank(keys, matches, table)
    top = rank(keys, matches, table, best)
    assert top[:best] == full[:best]
    assert sorted(top) == sorted(full)

"""The tantivy engine's occurrence counts, recovered from BM25 scores, are exact.

tantivy-py has no postings API; tantivy_scores.py inverts the score. This checks the route
where it is weakest: counts from 1 to 12,000 in reports of 0 to 60,000 characters (the
f32 score stops telling tf from tf + 1 around 3,000: `explain` answers beyond), among
ordinary reports that set a realistic average length; and the quantized lengths against
the fieldnorm tantivy itself reports. A tantivy release that scored differently fails
here (and the engine's query-time check falls back to `explain`).
"""

from __future__ import annotations

import hashlib
import json
import random

import pytest

from explorer.search.engine import IndexDoc
from explorer.search.query import parse
from explorer.search.tantivy_arrays import quantized_lengths
from explorer.search.tantivy_engine import ARRAY_MIN_DOCS, TantivyEngine
from explorer.search.tantivy_scores import quantized_length

FILLER = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
COUNTS = [1, 2, 3, 5, 8, 50, 300, 1000, 2000, 3000, 5000, 8000, 12000]
FILLER_LENGTHS = [0, 2000, 18000, 60000]


def _key(i: int) -> str:
    return hashlib.sha256(str(i).encode()).hexdigest()[:24]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    rng = random.Random(3)
    docs, truth = [], {}
    for n in COUNTS:
        for filler in FILLER_LENGTHS:
            body = [rng.choice(FILLER) for _ in range(filler)]
            for _ in range(n):
                body.insert(rng.randrange(len(body) + 1), "\u3000哈哈\u3000")
            key = _key(len(docs))
            docs.append(IndexDoc(key, "".join(body), "", "", (), 2020))
            truth[key] = n
    for _ in range(60):  # ordinary reports: the average length
        docs.append(IndexDoc(_key(len(docs)), "".join(rng.choice(FILLER) for _ in range(18000)), "", "", (), 2021))
    ix = TantivyEngine(tmp_path_factory.mktemp("tantivy"))
    ix.create()
    for i in range(0, len(docs), 40):  # several segments
        ix.write(docs[i : i + 40], (), fresh=True)
    ix.finish()
    yield ix, truth
    ix.close()


ROUTES = pytest.mark.parametrize("arrays", [False, True], ids=["dicts", "arrays"])


def _route(ix: TantivyEngine, arrays: bool) -> None:
    """Read hits the small library's way (Python) or the large one's (numpy arrays)."""
    ix.array_min_docs = 0 if arrays else ARRAY_MIN_DOCS
    ix.explain_fallbacks = 0


@ROUTES
def test_counts_from_scores_are_exact_to_12000(engine, arrays):
    ix, truth = engine
    _route(ix, arrays)
    found = ix.matches(parse("哈哈"))
    assert found.counts["哈哈"] == truth
    assert found.holders["哈哈"] == len(truth)
    # Most come from the scores alone; the largest counts need `explain`.
    assert 0 < ix.explain_fallbacks < len(truth) // 2


@ROUTES
def test_counts_inside_a_filtered_set(engine, arrays):
    ix, truth = engine
    _route(ix, arrays)
    found = ix.matches(parse("哈哈 year:2020"))
    assert {k: found.counts["哈哈"][k] for k in found.keys} == truth


def test_quantized_lengths_are_tantivys(tmp_path):
    """The dl of the inversion, for lengths around every step of tantivy's fieldnorm byte,
    equals the field length tantivy's own explanation states."""
    import tantivy

    ix = TantivyEngine(tmp_path / "ix")
    ix.create()
    lengths = sorted({n for e in range(1, 17) for n in (2**e - 1, 2**e, 2**e + 1, 3 * 2**e)} | set(range(2, 40)))
    ix.write([IndexDoc(_key(n), "哈" + "的" * (n - 1), "", "", (), None) for n in lengths], (), fresh=True)
    searcher = ix._searcher()
    q = tantivy.Query.term_query(ix._ix.schema, "body", "哈的")
    for _, address in searcher.search(q, limit=len(lengths)).hits:
        n = searcher.fast_field_values("length", [address])[0]
        explained = json.loads(q.explain(searcher, address).to_json())
        assert _field_length(explained) == quantized_length(n), n
    ix.close()


def _field_length(e: dict) -> float:
    if e["description"].startswith("dl,"):
        return e["value"]
    for d in e.get("details", []):
        found = _field_length(d)
        if found is not None:
            return found
    return None  # type: ignore[return-value]


def test_quantized_lengths_of_an_array_are_each_ones():
    """The array form the engine uses equals the per-length definition above, at every
    length to 70,000 and around every step beyond, to 2**31."""
    import numpy as np

    lengths = sorted(set(range(70_000)) | {n for e in range(16, 31) for n in (2**e - 1, 2**e, 2**e + 1, 3 * 2**e)})
    got = quantized_lengths(np.array(lengths, dtype=np.int64)).tolist()
    assert got == [quantized_length(n) for n in lengths]

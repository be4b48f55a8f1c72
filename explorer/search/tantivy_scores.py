"""Occurrence counts from tantivy's BM25 scores: tantivy-py has no postings API.

Ranking (ranking.py) needs how often each query piece occurs in each matching report.
tantivy-py 0.27 exposes no postings, positions or term frequencies, but its BM25 score of a
term or phrase query is

    score = weight * tf / (tf + k1 * (1 - b + b * dl / avgdl))

with weight = idf * (k1 + 1), k1, b and avgdl the same for every document of one query
(read from one `explain`), and dl the document's field length as tantivy stores it: one
byte on a log scale (Lucene's SmallFloat, `quantized_length`), computed here from the exact
length kept in a fast field. Solving for tf gives the count exactly while the f32 score
still tells tf from tf + 1 (to tf of about 3,000 in a report of normal length); beyond
that, and wherever the arithmetic looks doubtful, the document's own `explain` answers
(about 20 us each). tests/search/test_tantivy_scores.py checks the route against the text
up to tf = 12,000, and TantivyEngine checks one document per piece against `explain` at
query time, so a tantivy that scored differently is noticed instead of ranking wrongly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


# tantivy's fieldnorm byte (Lucene SmallFloat.intToByte4): exact below 24, then 4 bits of
# mantissa.
def _long_to_int4(i: int) -> int:
    nbits = i.bit_length()
    if nbits < 4:
        return i
    shift = nbits - 4
    return ((i >> shift) & 0x07) | ((shift + 1) << 3)


def _int4_to_long(i: int) -> int:
    bits, shift = i & 0x07, (i >> 3) - 1
    return bits if shift == -1 else (bits | 0x08) << shift


_FREE = 255 - _long_to_int4(2**31 - 1)  # 24


def quantized_length(n: int) -> int:
    """The dl tantivy's BM25 uses for a field of n tokens."""
    if n < _FREE:
        return n
    return _FREE + _int4_to_long(_long_to_int4(n - _FREE))


_QUANTIZED: dict[int, int] = {}  # lengths recur query after query: computed once each


@dataclass(frozen=True)
class Bm25:
    weight: float  # idf * (k1 + 1), rounded to f32 as tantivy computes it
    k1: float
    b: float
    avgdl: float


class ScoreShapeError(ValueError):
    """An explanation that does not have the shape this module reads (another tantivy)."""


def _f32(x: float) -> float:
    import struct

    return float(struct.unpack("f", struct.pack("f", x))[0])


def _term_part(e: dict[str, Any]) -> dict[str, Any]:
    """The BM25 product inside an explanation: a term query is that product itself, a
    phrase wraps it ("Phrase Scorer"), a boolean with a zero-score filter sums it."""
    for _ in range(8):
        if e["description"].startswith("TermQuery"):
            return e
        details = e.get("details") or []
        scored = [d for d in details if d.get("value", 0) > 0 and d["description"] != "ConstScore"]
        if not scored:
            break
        e = scored[0]
    raise ScoreShapeError(f"no BM25 term part in the explanation {e.get('description')!r}")


def _explained(query: Any, searcher: Any, address: Any) -> dict[str, Any]:
    return _term_part(json.loads(query.explain(searcher, address).to_json()))


def _freq_part(term: dict[str, Any]) -> dict[str, float]:
    try:
        part = next(d for d in term["details"] if d["description"].startswith("freq /"))
        return {d["description"].split(",")[0]: float(d["value"]) for d in part["details"]}
    except (StopIteration, KeyError) as exc:
        raise ScoreShapeError("no tf part in the explanation") from exc


def constants(query: Any, searcher: Any, address: Any) -> Bm25:
    """weight, k1, b and avgdl of `query`, read from the explanation of one matching doc."""
    term = _explained(query, searcher, address)
    parts = {d["description"].split(",")[0].split(" ")[0]: float(d["value"]) for d in term["details"]}
    inner = _freq_part(term)
    try:
        return Bm25(_f32(_f32(parts["idf"]) * _f32(parts["(K1+1)"])), inner["k1"], inner["b"], inner["avgdl"])
    except KeyError as exc:
        raise ScoreShapeError(f"the explanation lacks {exc}") from exc


def explained_count(query: Any, searcher: Any, address: Any) -> int:
    """The occurrences of `query` in one document, as its explanation states them."""
    inner = _freq_part(_explained(query, searcher, address))
    try:
        return int(inner["freq"])
    except KeyError as exc:
        raise ScoreShapeError("the explanation states no freq") from exc


def counts_from_scores(scores: list[float], lengths: list[int], c: Bm25) -> list[int]:
    """The tf behind each score (documents of `lengths` tokens); 0 where the score cannot
    tell (the caller asks `explain` for those)."""
    norms: dict[int, tuple[float, float]] = {}  # by quantized length: at most 256
    out = []
    # A tf is trusted when the scores of tf and tf + 1 lie 32 f32 ulps apart or more.
    ulps = 32 * 2.0**-23
    quantized = _QUANTIZED
    for score, n in zip(scores, lengths, strict=True):
        dl = quantized.get(n)
        if dl is None:
            dl = quantized[n] = quantized_length(n)
        pair = norms.get(dl)
        if pair is None:
            norm = c.k1 * (1 - c.b + c.b * dl / c.avgdl)
            pair = norms[dl] = (norm, c.weight * norm)
        norm, wn = pair
        x = score / c.weight
        if x >= 1:
            out.append(0)
            continue
        tf = round(norm * x / (1 - x))
        if tf < 1 or wn * (1 / (tf + norm) - 1 / (tf + 1 + norm)) < ulps * score:
            out.append(0)
        else:
            out.append(tf)
    return out

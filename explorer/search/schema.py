"""The whoosh schema of a library index.

Whoosh pickles the schema (field classes included) into the index, so `GramField` must stay
importable here; `FORMAT` is bumped whenever the schema or the term cutting changes, and an
index whose version file does not say exactly `FORMAT` is rebuilt from the library's stored
reports (see index.py).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from whoosh import fields, formats
from whoosh.system import _INT_SIZE, pack_uint, unpack_uint

from explorer.search.analysis import CharGramAnalyzer, gram_postings

FORMAT = "report-explorer-search 2"

# Writer memory for one batch of reports: whoosh spills postings to temporary run files
# beyond this, which costs ~40% more time (measured on 150 reports of 50 KB).
WRITER_LIMIT_MB = 512


class GramPositions(formats.Positions):
    """whoosh's Positions, encoded as a little-endian uint32 delta array instead of a pickle:
    the same information, several times cheaper to write and to read (phrase queries
    decode positions for every candidate document)."""

    def encode(self, poslist: list[int]) -> bytes:
        deltas = array("I", (b - a for a, b in zip([0, *poslist], poslist, strict=False)))
        if sys.byteorder == "big":
            deltas.byteswap()
        return pack_uint(len(deltas)) + deltas.tobytes()

    def decode_positions(self, valuestring: bytes) -> list[int]:
        deltas = array("I")
        deltas.frombytes(valuestring[_INT_SIZE:])
        if sys.byteorder == "big":
            deltas.byteswap()
        return list(accumulate(deltas))

    def decode_frequency(self, valuestring: bytes) -> int:
        return int(unpack_uint(valuestring[:_INT_SIZE])[0])


class GramField(fields.TEXT):
    """A TEXT field of character grams with positions (see analysis.py).

    Values are indexed as given: callers pass text already folded with scripts.fold, so
    positions are offsets into the report's clean text.
    """

    def __init__(self, scorable: bool = True) -> None:
        super().__init__(analyzer=CharGramAnalyzer(), phrase=True, stored=False)
        self.format = GramPositions(field_boost=1.0)
        self.scorable = scorable

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        # Fast path: build the postings with list slicing instead of one whoosh Token per
        # character; this is where most of the indexing time goes.
        if not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        encode = self.format.encode
        boost = self.format.field_boost
        for term, poses in gram_postings(value).items():
            yield term.encode("utf-8"), len(poses), len(poses) * boost, encode(poses)


def build_schema() -> fields.Schema:
    return fields.Schema(
        key=fields.ID(unique=True, stored=True),
        body=GramField(),
        # Metadata filters: substring semantics like the body ("region:常州" finds 常州市钟楼区),
        # not scored so that filters never change the ranking.
        region=GramField(scorable=False),
        doctype=GramField(scorable=False),
        themes=fields.KEYWORD(commas=True, scorable=False, lowercase=False),
        year=fields.NUMERIC(int, bits=32, signed=True, stored=False),
    )

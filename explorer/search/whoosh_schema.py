"""The whoosh schema of a library index, and every class whoosh pickles into it.

Whoosh pickles the schema (field, format and analyzer classes included) into the index:
these classes must stay importable under this module path with these names. `FORMAT` is
bumped whenever the schema, the encoding or the term cutting changes; an index whose FORMAT
file does not say exactly `FORMAT` is rebuilt from the library's stored reports before
anything is unpickled (engine.py, whoosh_engine.py).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from whoosh import fields, formats
from whoosh.analysis import Token, Tokenizer
from whoosh.system import _INT_SIZE, pack_uint, unpack_uint

from explorer.search.analysis import gram_arrays, gram_postings, runs

# 3: classes moved here (from schema.py and analysis.py), positions as 16-bit deltas when
# they fit, no region/type positions beyond what the filters need.
FORMAT = "report-explorer-search whoosh 3"

# Writer memory for one batch of reports: whoosh spills postings to temporary run files
# beyond this, which costs ~40% more time (measured on 150 reports of 50 KB).
WRITER_LIMIT_MB = 512

_SHORT, _LONG = b"H", b"I"
HUGE_TEXT = 500_000  # characters: from here postings are made with numpy (analysis.gram_arrays)


class GramPositions(formats.Positions):
    """whoosh's Positions, encoded as a little-endian delta array (16-bit when every gap
    fits, as in any report of normal size, else 32-bit) instead of a pickle: the same
    information, several times cheaper to write and to read (phrase queries decode
    positions for every candidate document), and half the size of a 32-bit array."""

    def encode(self, poslist: list[int]) -> bytes:
        gaps = [b - a for a, b in zip([0, *poslist], poslist, strict=False)]
        kind = _SHORT if max(gaps, default=0) < 0x10000 else _LONG
        deltas = array(kind.decode(), gaps)
        if sys.byteorder == "big":
            deltas.byteswap()
        return pack_uint(len(deltas)) + kind + deltas.tobytes()

    def encode_array(self, positions: Any) -> bytes:
        """encode() of a numpy array of positions (a text of millions of characters)."""
        import numpy as np

        gaps = np.diff(positions, prepend=0)
        kind = _SHORT if int(gaps.max()) < 0x10000 else _LONG
        dtype = "<u2" if kind == _SHORT else "<u4"
        return pack_uint(len(gaps)) + kind + gaps.astype(dtype).tobytes()

    def decode_positions(self, valuestring: bytes) -> list[int]:
        deltas = array(valuestring[_INT_SIZE : _INT_SIZE + 1].decode())
        deltas.frombytes(valuestring[_INT_SIZE + 1 :])
        if sys.byteorder == "big":
            deltas.byteswap()
        return list(accumulate(deltas))

    def decode_frequency(self, valuestring: bytes) -> int:
        return int(unpack_uint(valuestring[:_INT_SIZE])[0])


class CharGramTokenizer(Tokenizer):
    """The whoosh view of `analysis.gram_postings`, for code paths that ask a field to
    tokenize. The index itself is written through `GramField.index`, which builds the same
    terms without a Token object per character."""

    def __eq__(self, other: object) -> bool:
        return self.__class__ is other.__class__

    def __hash__(self) -> int:
        return hash(self.__class__.__name__)

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for start, run in runs(value):
            for i in range(len(run)):
                t.text = run[i : i + 2]
                t.boost = 1.0
                t.stopped = False
                if keeporiginal:
                    t.original = t.text
                if positions:
                    t.pos = start_pos + start + i
                if chars:
                    t.startchar = start_char + start + i
                    t.endchar = t.startchar + len(t.text)
                yield t


class GramField(fields.TEXT):
    """A TEXT field of character grams with positions (see analysis.py).

    Values are indexed as given: callers pass text already folded with scripts.fold, so
    positions are offsets into the report's clean text.
    """

    def __init__(self, scorable: bool = True) -> None:
        super().__init__(analyzer=CharGramTokenizer(), phrase=True, stored=False)
        self.format = GramPositions(field_boost=1.0)
        self.scorable = scorable

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        # Fast path: build the postings with list slicing instead of one whoosh Token per
        # character; this is where most of the indexing time goes.
        if not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        boost = self.format.field_boost
        if len(value) >= HUGE_TEXT:
            try:
                grams = list(gram_arrays(value))
            except (ImportError, UnicodeError):  # no numpy, or a lone surrogate
                pass
            else:
                for term, positions in grams:
                    n = len(positions)
                    yield term.encode("utf-8"), n, n * boost, self.format.encode_array(positions)
                return
        encode = self.format.encode
        for term, poses in gram_postings(value).items():
            yield term.encode("utf-8"), len(poses), len(poses) * boost, encode(poses)


def build_schema() -> fields.Schema:
    return fields.Schema(
        key=fields.ID(unique=True, stored=True),
        # Not scorable: ranking (ranking.py) takes lengths from the manifest, so whoosh need
        # not keep a length per document and field.
        body=GramField(scorable=False),
        # Metadata filters: substring semantics like the body ("region:常州" finds 常州市钟楼区).
        region=GramField(scorable=False),
        doctype=GramField(scorable=False),
        themes=fields.KEYWORD(commas=True, scorable=False, lowercase=False),
        year=fields.NUMERIC(int, bits=32, signed=True, stored=False),
    )

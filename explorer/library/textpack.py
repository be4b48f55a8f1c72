"""A report's clean text and its folded (search) form, stored once.

The folded text (scripts.fold: Simplified, half-width, lower-case) is exactly as long as the
clean text and equal to it at most positions. The manifest keeps the folded text, which
every search verifies on, compressed; and of the clean text only the characters that
differ from the folded one (Traditional characters, full-width forms, capitals), with
their positions, compressed too. A Simplified report's difference is a few bytes.

Measured on the 1,000-report benchmark library (18.3 M characters, a quarter of its
paragraphs in Traditional script): 88 MB stored as two plain columns, 25 MB packed;
unpacking both texts of a report costs about 0.4 ms (zlib) + 0.1-0.5 ms (the difference).
"""

from __future__ import annotations

import json
import sys
import zlib

LEVEL = 6  # zlib: level 9 gains under 1% here at twice the time
_FAST_FROM = 4_000_000  # bytes: a huge text is compressed at level 1 (10% larger, 2.5x faster)
_CHUNK = 256
_NUMPY_FROM = 1_000_000  # characters; below this the chunked scan is as fast as numpy's import


def pack(text: str, folded: str) -> tuple[bytes, bytes]:
    """(folded, script): the folded text and the clean text's differences, compressed."""
    if len(text) != len(folded):
        raise ValueError("the folded text must be exactly as long as the text")
    runs: list[int] = []  # gap since the previous run's end, run length, ...
    chars: list[str] = []
    end = 0
    for start, stop in _differences(text, folded):
        runs += [start - end, stop - start]
        chars.append(text[start:stop])
        end = stop
    script = json.dumps(runs, separators=(",", ":")) + "\n" + "".join(chars)
    return _compress(folded), _compress(script)


def unpack_folded(folded: bytes) -> str:
    return zlib.decompress(folded).decode("utf-8", "surrogatepass")


def unpack(folded: bytes, script: bytes) -> tuple[str, str]:
    """(clean text, folded text)."""
    folded_text = unpack_folded(folded)
    head, _, chars = zlib.decompress(script).decode("utf-8", "surrogatepass").partition("\n")
    runs = json.loads(head)
    if not runs:
        return folded_text, folded_text
    parts = []
    end = used = 0
    for i in range(0, len(runs), 2):
        start = end + runs[i]
        stop = start + runs[i + 1]
        parts.append(folded_text[end:start])
        parts.append(chars[used : used + runs[i + 1]])
        used += runs[i + 1]
        end = stop
    parts.append(folded_text[end:])
    return "".join(parts), folded_text


def _compress(text: str) -> bytes:
    # surrogatepass: a lone surrogate a decoder let through is kept, not a reason to fail.
    data = text.encode("utf-8", "surrogatepass")
    return zlib.compress(data, LEVEL if len(data) < _FAST_FROM else 1)


def _differences(a: str, b: str) -> list[tuple[int, int]]:
    """[start, stop) runs of the positions where a and b differ (equal lengths)."""
    if len(a) >= _NUMPY_FROM or "numpy" in sys.modules:
        try:
            return _differences_numpy(a, b)
        except (ImportError, UnicodeError):
            pass
    out: list[tuple[int, int]] = []
    for lo in range(0, len(a), _CHUNK):
        hi = lo + _CHUNK
        if a[lo:hi] == b[lo:hi]:
            continue  # most chunks of a Simplified report: one C-level comparison
        for i in range(lo, min(hi, len(a))):
            if a[i] != b[i]:
                if out and out[-1][1] == i:
                    out[-1] = (out[-1][0], i + 1)
                else:
                    out.append((i, i + 1))
    return out


def _differences_numpy(a: str, b: str) -> list[tuple[int, int]]:
    import numpy as np

    x = np.frombuffer(a.encode("utf-32-le"), dtype=np.uint32)
    y = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    diff = np.concatenate(([False], x != y, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(diff))
    return list(zip(edges[0::2].tolist(), edges[1::2].tolist(), strict=True))

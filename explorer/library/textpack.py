"""A report's clean text and its folded (search) form, each stored once, compressed.

The folded text (scripts.fold: Simplified, half-width, lower-case) is exactly as long as the
clean text and equal to it at most positions. The manifest keeps the folded text, which
every search verifies on, compressed; and the clean text (for snippets and reading) as its
differences from the folded text when they are few (MAX_RUNS runs: a report with half-
width punctuation, say), else whole, compressed too.

The trade-off, measured on the 1,000-report benchmark library (18.3 M characters): the two
texts as plain columns took 88 MB; compressed, 18 MB (folded) + 18 MB (clean). Keeping the
clean text always as differences took 6 MB instead of 18, but a real report differs at
every full-width comma (，→ ,: 700-1,300 runs in 15,000 characters) and rebuilding it
cost 2-2.5 ms of Python per report shown, against 0.35 ms to decompress it whole; a search
shows 20. So differences only where they are few.

Format 4 (library/formats.py) keeps the clean text, where it differs at many places, as
zlib streams of CHUNK characters each primed with the same stretch of the folded text as
its dictionary (zdict): the two texts agree at most positions, so a chunk compresses to
little more than its differences, and is rebuilt in C (0.4 ms a report, as before).
Measured on the benchmark library: 18.8 MB -> 9.2 MB for those clean texts.
"""

from __future__ import annotations

import sys
import zlib
from array import array

LEVEL = 6  # zlib: level 9 gains under 1% here at twice the time
MAX_RUNS = 128  # differing runs up to which the clean text is kept as its differences
_FAST_FROM = 4_000_000  # bytes: a huge text is compressed at level 1 (10% larger, 2.5x faster)
_CHUNK = 256
_NUMPY_FROM = 1_000_000  # characters; below this the chunked scan is as fast as numpy's import


CHUNK = 8_000  # characters: their UTF-8 (up to 24 KB) fits zlib's 32 KB window as a zdict
_PRIMED = b"Z"  # the first byte of a primed script; a zlib stream starts with 0x78


def pack(text: str, folded: str, primed: bool = True) -> tuple[bytes, bytes]:
    """(folded, script): the folded text compressed, and the clean text compressed either
    as its differences from the folded text (few) or whole (many: see the module text).

    script, once decompressed: b"D", a uint32 count, that many uint32 offsets where runs
    of differing characters start and stop in turn (little-endian), then those characters
    (UTF-8); or b"T" and the clean text (UTF-8)."""
    if len(text) != len(folded):
        raise ValueError("the folded text must be exactly as long as the text")
    runs = _differences(text, folded, MAX_RUNS)
    if runs is None:
        return _compress(folded), (_primed(text, folded) if primed else _compress(text, b"T"))
    head = _with_header(b"D", array("I", [i for run in runs for i in run]), 1)
    chars = "".join(text[a:b] for a, b in runs)
    return _compress(folded), zlib.compress(head + chars.encode("utf-8", "surrogatepass"), LEVEL)


def unpack_folded(folded: bytes) -> str:
    return zlib.decompress(folded).decode("utf-8", "surrogatepass")


def _primed(text: str, folded: str) -> bytes:
    """b"Z", a uint32 count of chunks, each chunk's compressed length (uint32), then the
    chunks: chunk i is text[i*CHUNK:(i+1)*CHUNK] in UTF-8, compressed with the same slice
    of the folded text as zdict."""
    parts = []
    for lo in range(0, len(text), CHUNK):
        c = zlib.compressobj(LEVEL, zdict=folded[lo : lo + CHUNK].encode("utf-8", "surrogatepass"))
        parts.append(c.compress(text[lo : lo + CHUNK].encode("utf-8", "surrogatepass")) + c.flush())
    return _with_header(_PRIMED, array("I", [len(p) for p in parts]), 1) + b"".join(parts)


def _with_header(tag: bytes, table: array, per_part: int) -> bytes:
    """What _header reads: the tag, a uint32 count of parts, and the table of uint32s
    (per_part numbers a part), little-endian."""
    if sys.byteorder == "big":
        table.byteswap()
    return tag + (len(table) // per_part).to_bytes(4, "little") + table.tobytes()


def _header(packed: bytes, per_part: int) -> tuple[array, int]:
    """The little-endian uint32 table after a packed blob's tag and part count (per_part
    numbers a part), and where the parts begin."""
    count = int.from_bytes(packed[1:5], "little")
    table = array("I")
    table.frombytes(packed[5 : 5 + 4 * per_part * count])
    if sys.byteorder == "big":
        table.byteswap()
    return table, 5 + 4 * per_part * count


def _unprime(script: bytes, folded: str) -> str:
    sizes, at = _header(script, 1)
    out = []
    for i, size in enumerate(sizes):
        d = zlib.decompressobj(zdict=folded[i * CHUNK : (i + 1) * CHUNK].encode("utf-8", "surrogatepass"))
        out.append(d.decompress(script[at : at + size]) + d.flush())
        at += size
    return b"".join(out).decode("utf-8", "surrogatepass")


def primed_script(folded: bytes, script: bytes) -> bytes:
    """A format-3 script as pack() makes it now: a whole clean text primed, differences kept."""
    data = zlib.decompress(script)
    if data[:1] != b"T":
        return script
    return _primed(data[1:].decode("utf-8", "surrogatepass"), unpack_folded(folded))


def unpack(folded: bytes, script: bytes) -> tuple[str, str]:
    """(clean text, folded text), of either format (3: a zlib stream; 4: primed too)."""
    folded_text = unpack_folded(folded)
    if script[:1] == _PRIMED:
        return _unprime(script, folded_text), folded_text
    data = zlib.decompress(script)
    if data[:1] == b"T":
        return data[1:].decode("utf-8", "surrogatepass"), folded_text
    bounds, at = _header(data, 1)
    chars = data[at:].decode("utf-8", "surrogatepass")
    parts = []
    end = used = 0
    for i in range(0, len(bounds), 2):
        start, stop = bounds[i], bounds[i + 1]
        parts.append(folded_text[end:start])
        parts.append(chars[used : used + stop - start])
        used += stop - start
        end = stop
    parts.append(folded_text[end:])
    return "".join(parts), folded_text


def _compress(text: str, prefix: bytes = b"") -> bytes:
    # surrogatepass: a lone surrogate a decoder let through is kept, not a reason to fail.
    data = prefix + text.encode("utf-8", "surrogatepass")
    return zlib.compress(data, LEVEL if len(data) < _FAST_FROM else 1)


def _differences(a: str, b: str, most: int) -> list[tuple[int, int]] | None:
    """[start, stop) runs of the positions where a and b differ (equal lengths); None if
    there are more than `most`."""
    if len(a) >= _NUMPY_FROM or "numpy" in sys.modules:
        try:
            found = _differences_numpy(a, b)
            return found if len(found) <= most else None
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
                    if len(out) > most:
                        return None
    return out


def _differences_numpy(a: str, b: str) -> list[tuple[int, int]]:
    import numpy as np

    x = np.frombuffer(a.encode("utf-32-le"), dtype=np.uint32)
    y = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    diff = np.concatenate(([False], x != y, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(diff))
    return list(zip(edges[0::2].tolist(), edges[1::2].tolist(), strict=True))


# -- the raw text (what the source said before cleaning), primed with the clean text --------
#
# The raw text differs from the clean text at the cleaner's changes only (chrome lines,
# glosses, mojibake, whitespace), but at shifting offsets: each RAW_CHUNK-character chunk is
# compressed with the stretch of the clean text around where the chunk's first characters
# are found in it (searched near where the previous chunk ended) as zdict. A chunk not found
# gets the stretch where it would be: it compresses worse, never wrongly (the stretch's start
# is stored). Measured on the benchmark library: 0.87 MB of zlib'd raw text -> 0.09 MB for
# 40 reports.

RAW_CHUNK = 6_000
_RAW_MARGIN = 1_000  # clean characters on either side of the chunk's place in the zdict
_ANCHOR = 24


def _raw_zdict(clean: str, at: int) -> bytes:
    return clean[max(0, at - _RAW_MARGIN) : at + RAW_CHUNK + _RAW_MARGIN].encode("utf-8", "surrogatepass")[-32768:]


def pack_raw(raw: str, clean: str) -> bytes:
    """b"=" when the raw text is the clean text; else b"R", a uint32 count of chunks, each
    chunk's (place in the clean text, compressed length) as uint32 pairs, then the chunks."""
    if raw == clean:
        return b"="
    head = array("I")
    parts = []
    expected = 0
    for lo in range(0, len(raw), RAW_CHUNK):
        chunk = raw[lo : lo + RAW_CHUNK]
        found = clean.find(chunk[:_ANCHOR], max(0, expected - 3 * RAW_CHUNK), expected + 3 * RAW_CHUNK)
        at = found if found >= 0 else min(expected, len(clean))
        c = zlib.compressobj(LEVEL, zdict=_raw_zdict(clean, at))
        parts.append(c.compress(chunk.encode("utf-8", "surrogatepass")) + c.flush())
        head.extend((at, len(parts[-1])))
        expected = at + len(chunk)
    return _with_header(b"R", head, 2) + b"".join(parts)


def unpack_raw(packed: bytes, clean: str) -> str:
    if packed[:1] == b"=":
        return clean
    head, pos = _header(packed, 2)
    out = []
    for i in range(len(head) // 2):
        at, size = head[2 * i], head[2 * i + 1]
        d = zlib.decompressobj(zdict=_raw_zdict(clean, at))
        out.append(d.decompress(packed[pos : pos + size]) + d.flush())
        pos += size
    return b"".join(out).decode("utf-8", "surrogatepass")

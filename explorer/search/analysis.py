"""Character n-gram analysis for literal substring search over CJK (and any) text.

The indexed form of a text is `scripts.fold(text)`: Simplified, half-width, lower-case and
exactly as long as the clean text, so every index position is also a clean-text offset.

Each maximal run of non-whitespace characters is cut into one term per character: the
character and the one after it (a bigram), or the character alone at the end of a run.
Every position thus carries exactly one term, and:

- a query term of two or more characters is found exactly where its bigrams sit at
  consecutive positions (a phrase of bigrams);
- a single character is found exactly where a term *starts* with it (a prefix);
- a character alone (a one-character term) marks the end of a run, which lets an engine
  whose positions count terms (tantivy) answer phrases with whitespace inside exactly;

so an index answers literal substring questions ("就业" inside "再就业") without a word
segmenter. Latin letters, digits and punctuation are cut the same way, so "PM2.5" and "5G"
are literal substrings too, as with Ctrl+F.

Both engines use these terms: whoosh with character offsets as positions (gram_postings),
tantivy with the terms in text order, space-separated, for its whitespace tokenizer
(cut_terms): there a position is the index of the term, i.e. of the non-whitespace
character, so a phrase can never straddle whitespace without saying so.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import cache
from typing import Any

# str.split() and this pattern agree on what whitespace is (Unicode White_Space).
_RUN = re.compile(r"\S+")
# Above this many characters the numpy ways pay for the import (indexing only) and the
# per-term overhead: a report of normal size (15,000 characters) is cut in pure Python.
_NUMPY_FROM = 20_000
_NUMPY_POSTINGS_FROM = 500_000
# Once numpy is loaded (an index run loads it with its first large report) it cuts a report
# of normal size 6x faster than Python: 0.7 against 4.6 ms for 18,000 characters.
_NUMPY_LOADED_FROM = 1_000


def runs(folded: str) -> Iterator[tuple[int, str]]:
    """(offset, run) for every maximal run of non-whitespace characters."""
    for m in _RUN.finditer(folded):
        yield m.start(), m.group()


def gram_postings(folded: str) -> dict[str, list[int]]:
    """term -> ascending positions (character offsets) for the whole text."""
    if len(folded) >= _NUMPY_POSTINGS_FROM:
        try:
            return {term: positions.tolist() for term, positions in gram_arrays(folded)}
        except (ImportError, UnicodeError):
            pass
    postings: dict[str, list[int]] = {}
    for start, run in runs(folded):
        # Slicing builds every gram at C speed; the grouping loop is the only Python work.
        grams = [run[i : i + 2] for i in range(len(run))]
        for i, g in enumerate(grams, start):
            p = postings.get(g)
            if p is None:
                postings[g] = [i]
            else:
                p.append(i)
    return postings


def query_grams(piece: str) -> list[str]:
    """The terms a whitespace-free query piece must match at consecutive positions.

    "城镇就业" -> ["城镇", "镇就", "就业"]; a single character -> [that character], to be
    matched as a prefix (see module docstring).
    """
    if len(piece) == 1:
        return [piece]
    return [piece[i : i + 2] for i in range(len(piece) - 1)]


def n_terms(folded: str) -> int:
    """How many terms (= non-whitespace characters) a text has: its length for ranking."""
    return sum(map(len, folded.split()))


def cut_terms(folded: str) -> str:
    """The terms of gram_postings in text order, separated by whitespace (ASCII spaces
    only: no term holds whitespace of any kind)."""
    if len(folded) >= _NUMPY_FROM or (len(folded) >= _NUMPY_LOADED_FROM and "numpy" in sys.modules):
        try:
            return _cut_numpy(folded)
        except (ImportError, UnicodeError):  # no numpy, or a lone surrogate: the slow way
            pass
    out: list[str] = []
    for run in folded.split():
        out.extend([run[i : i + 2] for i in range(len(run))])
    return " ".join(out)


def gram_arrays(folded: str) -> Iterator[tuple[str, Any]]:
    """(term, ascending positions as a numpy array) for every term of the text: what
    gram_postings gives, for texts of millions of characters (a 50 MB file), where a
    Python loop over the characters costs tens of seconds."""
    import numpy as np

    chars = np.frombuffer(folded.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    if chars.size == 0:
        return
    is_ws = np.isin(chars, np.array(_whitespace_codes(), dtype=np.int64))
    nxt = np.empty_like(chars)
    nxt[:-1] = chars[1:] + 1
    nxt[-1] = 0
    nxt[np.append(is_ws[1:], True)] = 0  # the run's last character stands alone
    codes = chars * (1 << 22) + nxt  # one integer per term: (character, next character + 1 or 0)
    positions = np.flatnonzero(~is_ws)
    order = np.argsort(codes[positions], kind="stable")  # stable: positions stay ascending
    positions = positions[order]
    sorted_codes = codes[positions]
    bounds = np.flatnonzero(np.diff(sorted_codes)) + 1
    starts = np.concatenate(([0], bounds))
    ends = np.concatenate((bounds, [positions.size]))
    for lo, hi, code in zip(starts.tolist(), ends.tolist(), sorted_codes[starts].tolist(), strict=True):
        first, second = divmod(code, 1 << 22)
        yield (chr(first) + chr(second - 1) if second else chr(first)), positions[lo:hi]


@cache
def _whitespace_codes() -> list[int]:
    return [cp for cp in range(0x3001) if chr(cp).isspace()]  # none above U+3000


def _cut_numpy(folded: str) -> str:
    """cut_terms with numpy: each character becomes three code points (itself, the next
    character or a space, a space); whitespace becomes spaces."""
    import numpy as np

    chars = np.frombuffer(folded.encode("utf-32-le"), dtype=np.uint32)
    space = ord(" ")
    is_ws = np.isin(chars, np.array(_whitespace_codes(), dtype=np.uint32))
    out = np.empty((chars.size, 3), dtype=np.uint32)
    out[:, 0] = chars
    out[:-1, 1] = chars[1:]
    out[:, 2] = space
    next_ws = np.empty_like(is_ws)
    next_ws[:-1] = is_ws[1:]
    next_ws[-1] = True
    out[next_ws, 1] = space  # the run's last character stands alone
    out[is_ws] = space  # whitespace yields no term
    return out.tobytes().decode("utf-32-le")

"""The language model of mojibake repair (mojibake.py): which character pairs are ordinary,
by the document's own pairs and pypinyin's phrase list.

Made once or twice a cleaning round for every document with a "?" in it (and for a 50 MB
file, over 16 million characters): its costs are kept to what a repair asks.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

# Layout and glosses the model looks through (see Bigrams).
_LAYOUT = re.compile(r"[ \t\u3000\u2003\u00a0]*\n[\s\u3000\u2003\u00a0]*")
_ANY_GLOSS = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")
# NFKC made ASCII of the document's full-width punctuation; the language model treats both
# spellings as one so that "(二)" in the text supports "（二）" in a repair.
_TO_FULLWIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F) if not chr(c).isalnum()}
_NUMERAL_MARK = "〇"
_NUMERALS = "一二三四五六七八九十" + _NUMERAL_MARK  # the characters of a pair whose class has a mark
_NUMERAL_CLASS = str.maketrans(dict.fromkeys(_NUMERALS[:-1], _NUMERAL_MARK))
_NUMPY_FROM = 200_000  # characters; see _PairCounts
_LOW_21 = (1 << 21) - 1  # a pair's code: first character << 21 | second (code points < 2**21)
# str.translate looks every character of a Chinese text up in the table: translate only the
# runs of ASCII punctuation (exactly the keys of _TO_FULLWIDTH).
_ASCII_PUNCT_RUN = re.compile(r"[!-/:-@\[-`{-~]+")


def _fullwidth_run(m: re.Match[str]) -> str:
    return m.group().translate(_TO_FULLWIDTH)


@lru_cache(maxsize=1)
def phrase_pairs() -> PhrasePairs:
    """Two-character pieces of pypinyin's phrase list (Simplified): general Chinese usage.
    Read from its JSON file (importing pypinyin took 0.6 s of a one-file index run), once:
    later processes load the pairs from the table cache (building them took 0.4 s)."""
    from explorer.core.clean.glosses import pypinyin_json_path
    from explorer.core.table_cache import cached_table

    path = pypinyin_json_path("phrases_dict")
    if path is None:  # a layout without the file: the slow way, every time
        from pypinyin.phrases_dict import phrases_dict

        return _pairs_of(phrases_dict)
    return cached_table("phrase_pairs", [path], lambda: _pairs_of(_read_json(path)))


class PhrasePairs:
    """A set of two-character strings, kept as their pair codes (first << 21 | second) in a
    CodeSet, which loads from the cache in a millisecond (a frozenset of the strings took 40
    ms). `in` answers as a frozenset of the strings would."""

    __slots__ = ("codes",)

    def __init__(self, pairs: Iterable[str]) -> None:
        from explorer.core.table_cache import CodeSet

        self.codes = CodeSet((ord(p[0]) << 21) | ord(p[1]) for p in pairs if len(p) == 2)

    def __contains__(self, pair: object) -> bool:
        return isinstance(pair, str) and len(pair) == 2 and ((ord(pair[0]) << 21) | ord(pair[1])) in self.codes

    def __len__(self) -> int:
        return len(self.codes)

    def strings(self) -> frozenset[str]:
        return frozenset(chr(c >> 21) + chr(c & _LOW_21) for c in self.codes)


def _read_json(path: str) -> dict:
    import json

    with open(path, encoding="utf-8") as f:
        data: dict = json.load(f)
    return data


def _pairs_of(phrases: Iterable[str]) -> PhrasePairs:
    # The distinct strings first: coding each of the million pieces cost twice as long.
    return PhrasePairs(frozenset(p[i : i + 2] for p in phrases for i in range(len(p) - 1)))


@lru_cache(maxsize=20000)
def simplified(pair: str) -> str:
    from explorer.core.scripts import to_simplified

    return to_simplified(pair)


class _PairCounts:
    """How often each pair of adjacent characters occurs in a text (overlapping: "aaa" has
    "aa" twice), keyed by code (first << 21 | second). numpy counts in a third of the time
    (1.6 against 5.0 ms for 19,000 characters; the model is made once or twice a round for
    every document with a "?" in it), but its import costs 0.16 s: it is used once loaded
    (an indexing worker loads it) or for a long text, else Counter counts."""

    def __init__(self, text: str) -> None:
        self._counts: dict[int, int]
        if "numpy" not in sys.modules and len(text) < _NUMPY_FROM:
            self._counts = Counter((ord(a) << 21) | ord(b) for a, b in zip(text[:-1], text[1:], strict=True))
            return
        import numpy as np

        chars = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
        codes, counts = np.unique((chars[:-1] << 21) | chars[1:], return_counts=True)
        self._counts = dict(zip(codes.tolist(), counts.tolist(), strict=True))

    def get(self, pair: str, default: int = 0) -> int:
        if len(pair) != 2:
            return default
        return self._counts.get((ord(pair[0]) << 21) | ord(pair[1]), default)

    def __contains__(self, pair: str) -> bool:
        return self.get(pair) > 0

    def first_characters(self) -> frozenset[str]:
        """The characters that start a pair (frozenset(text) iterates a 50 MB text in 1.6 s)."""
        return frozenset(chr(code >> 21) for code in self._counts)

    def holding(self, chars: str) -> Iterator[tuple[str, int]]:
        """(pair, count) of every distinct pair holding one of `chars`."""
        wanted = {ord(c) for c in chars}
        for code, n in self._counts.items():
            if code >> 21 in wanted or code & _LOW_21 in wanted:
                yield chr(code >> 21) + chr(code & _LOW_21), n


class Bigrams:
    """Which character pairs are ordinary: those of the document itself and of common phrases."""

    def __init__(self, text: str) -> None:
        # Glosses sit between the characters of a word (建設(shè)。): look through them.
        # Indentation and blank lines are layout, gone after cleaning: the model must not
        # change with them, or a second cleaning would decide differently.
        t = _ASCII_PUNCT_RUN.sub(_fullwidth_run, _ANY_GLOSS.sub("", _LAYOUT.sub("\n", text)))
        self.pairs = _PairCounts(t)
        self._last = t[-1:]  # the one character that starts no pair (see uses)
        self._numeral_classes: Counter[str] | None = None  # made on first need: see class_count
        self.phrases = phrase_pairs()
        self._chars: frozenset[str] | None = None
        # Variants of one run ask the same questions many times.
        self.joint_cache: dict[tuple[int, int, str, str], str | None] = {}
        self.choice_cache: dict[tuple[object, ...], str | None] = {}
        self.weight_cache: dict[str, float] = {}

    def uses(self, ch: str) -> bool:
        if self._chars is None:  # every character but the last starts a pair
            self._chars = self.pairs.first_characters() | frozenset(self._last)
        return ch in self._chars

    def class_count(self, key: str) -> int:
        """How often the document has a pair of the numeral class `key` (a pair translated
        by _NUMERAL_CLASS): numbered headings "(一)" and "(三)" in the text vouch for "（二）"
        in a repair. A key without "〇" is a pair holding no numeral, whose class is itself;
        only the pairs around the document's numerals are counted again, and only when a
        key asks for them, from the distinct pairs holding a numeral (counting every pair's
        class cost half the model's time; translating the text, seconds for a 50 MB file)."""
        if _NUMERAL_MARK not in key:
            return self.pairs.get(key, 0)
        if self._numeral_classes is None:
            self._numeral_classes = Counter()
            for pair, n in self.pairs.holding(_NUMERALS):
                self._numeral_classes[pair.translate(_NUMERAL_CLASS)] += n
        return self._numeral_classes.get(key, 0)

    def weight(self, pair: str) -> float:
        """How strongly the document and the phrase list vouch for a pair (0 = not at all)."""
        w = self.weight_cache.get(pair)
        if w is None:
            w = self.weight_cache[pair] = self._weight(pair)
        return w

    def _weight(self, pair: str) -> float:
        if len(pair) != 2:
            return 0.0
        p = pair.translate(_TO_FULLWIDTH)
        n = self.pairs.get(p, 0) or self.class_count(p.translate(_NUMERAL_CLASS))
        phrase = simplified(p) in self.phrases
        return (1 + math.log2(n) if n else 0.0) + phrase

    def known(self, pair: str) -> bool:
        """The document or the phrase list has the pair: exactly when its weight is not 0
        (a count n >= 1 weighs 1 + log2(n) >= 1), so both share weight's cache."""
        return self.weight(pair) > 0

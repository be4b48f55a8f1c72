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

# Layout and glosses the model looks through (see Bigrams and _prepared_lines).
_TRAILING_BLANKS = " \t\u3000\u2003\u00a0"
_ANY_GLOSS = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")
# NFKC made ASCII of the document's full-width punctuation; the language model treats both
# spellings as one so that "(二)" in the text supports "（二）" in a repair.
_TO_FULLWIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F) if not chr(c).isalnum()}
_NUMERAL_MARK = "〇"
_NUMERALS = "一二三四五六七八九十" + _NUMERAL_MARK  # the characters of a pair whose class has a mark
_NUMERAL_CLASS = str.maketrans(dict.fromkeys(_NUMERALS[:-1], _NUMERAL_MARK))
_NUMPY_FROM = 200_000  # characters; see _count_pairs
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
    "aa" twice), keyed by code (first << 21 | second)."""

    def __init__(self, counts: dict[int, int]) -> None:
        self.counts = counts  # no zero counts: every key is a pair of the text

    def get(self, pair: str, default: int = 0) -> int:
        if len(pair) != 2:
            return default
        return self.counts.get((ord(pair[0]) << 21) | ord(pair[1]), default)

    def __contains__(self, pair: str) -> bool:
        return self.get(pair) > 0

    def first_characters(self) -> frozenset[str]:
        """The characters that start a pair (frozenset(text) iterates a 50 MB text in 1.6 s)."""
        return frozenset(chr(code >> 21) for code in self.counts)

    def holding(self, chars: str) -> Iterator[tuple[str, int]]:
        """(pair, count) of every distinct pair holding one of `chars`."""
        wanted = {ord(c) for c in chars}
        for code, n in self.counts.items():
            if code >> 21 in wanted or code & _LOW_21 in wanted:
                yield chr(code >> 21) + chr(code & _LOW_21), n


def _count_pairs(text: str) -> dict[int, int]:
    """The pairs of `text` with its ASCII punctuation full-width, by code. numpy counts in a
    third of the time (1.6 against 5.0 ms for 19,000 characters; the model is made once or
    twice a round for every document with a "?" in it), but its import costs 0.16 s: it is
    used once loaded (an indexing worker loads it) or for a long text, else Counter counts."""
    if "numpy" not in sys.modules and len(text) < _NUMPY_FROM:
        t = _ASCII_PUNCT_RUN.sub(_fullwidth_run, text)
        return Counter((ord(a) << 21) | ord(b) for a, b in zip(t[:-1], t[1:], strict=True))
    import numpy as np

    chars = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    # Full-width punctuation by a table of the ASCII code points (the regex and its
    # callback above cost 0.16 s per 10 MB, a third of the model).
    ascii_at = chars < 128
    chars[ascii_at] = _ascii_to_fullwidth(np)[chars[ascii_at]]
    codes, counts = np.unique((chars[:-1] << 21) | chars[1:], return_counts=True)
    return dict(zip(codes.tolist(), counts.tolist(), strict=True))


@lru_cache(maxsize=1)
def _ascii_to_fullwidth(np):  # type: ignore[no-untyped-def]
    table = np.arange(128, dtype=np.int64)
    for code, wide in _TO_FULLWIDTH.items():
        table[code] = wide
    return table


def _sum_of_pairs(pieces: list[str]) -> dict[int, int]:
    """The pairs of each piece, summed (no pair across two pieces): the pieces are counted
    joined, and the pair at each junction taken off."""
    pieces = [p for p in pieces if p]
    counts = _count_pairs("".join(pieces))
    for a, b in zip(pieces[:-1], pieces[1:], strict=True):
        code = (ord(a[-1].translate(_TO_FULLWIDTH)) << 21) | ord(b[0].translate(_TO_FULLWIDTH))
        counts[code] -= 1
    return counts


class _Lines:
    """A prepared text as its lines, for counting its pairs again after some lines changed.
    Every pair of "first\nm1\nm2\nlast" lies in exactly one of "first\n", "\nm1\n",
    "\nm2\n" and "\nlast" (the line breaks belong to both neighbours, the pairs do not):
    so the text's pairs are the sum of its pieces', and a middle line's piece depends on
    the line alone, wherever it stands."""

    def __init__(self, lines: list[str]) -> None:
        self.size = sum(map(len, lines)) + len(lines) - 1  # of the text they make
        self.edges = [lines[0] + "\n", "\n" + lines[-1]] if len(lines) > 1 else [lines[0]]
        self.middle = Counter(lines[1:-1])

    def counts_from(self, old: _Lines, old_counts: dict[int, int]) -> dict[int, int] | None:
        """This text's pair counts from those of `old`: what the lines that went held taken
        off, what the new ones hold added. None when most of the text changed (a count of
        the whole text is then the quicker)."""
        gone = old.middle - self.middle
        came = self.middle - old.middle
        changed = sum(len(line) * n for counter in (gone, came) for line, n in counter.items())
        if changed > _RECOUNT_SHARE * self.size:
            return None
        counts = dict(old_counts)
        for pieces, sign in ((old.edges + _pieces(gone), -1), (self.edges + _pieces(came), 1)):
            for code, n in _sum_of_pairs(pieces).items():
                counts[code] = counts.get(code, 0) + sign * n
        return {code: n for code, n in counts.items() if n}


def _prepared_lines(text: str) -> list[str]:
    r"""The lines of the text the model counts: `text` with the blanks around each line break
    and blank lines dropped (layout), and glosses. Its definition is a regex over the text,
    _ANY_GLOSS.sub("", re.sub(r"[ \t\u3000\u2003\u00a0]*\n[\s\u3000\u2003\u00a0]*", "\n", text)),
    which tried its pattern at every character (0.15 s per 10 MB); line by line
    that is: the first line loses its trailing blanks, the last its leading whitespace,
    a line between them both or, when it is all whitespace, goes (\s is str.isspace, which
    the three extra blanks are too; tests/core/test_mojibake_model.py holds the two equal)."""
    lines = text.split("\n")
    if len(lines) > 1:
        middle = [kept.rstrip(_TRAILING_BLANKS) for line in lines[1:-1] if (kept := line.lstrip())]
        lines = [lines[0].rstrip(_TRAILING_BLANKS), *middle, lines[-1].lstrip()]
    # A gloss never spans a line break: each line loses its own.
    return [_ANY_GLOSS.sub("", line) if "(" in line or "（" in line else line for line in lines]


def _pieces(lines: Counter[str]) -> list[str]:
    return ["\n" + line + "\n" for line in lines.elements()]


# Count the whole text again when the changed lines hold more than this share of it.
_RECOUNT_SHARE = 0.5


class PairMemo:
    """The last model one cleaning made: its next pass, and its next round, count only the
    lines that changed (see Bigrams). A cache: the counts are those of the text either way."""

    def __init__(self) -> None:
        self.model: Bigrams | None = None


class Bigrams:
    """Which character pairs are ordinary: those of the document itself and of common phrases."""

    def __init__(self, text: str, previous: Bigrams | None = None) -> None:
        # Glosses sit between the characters of a word (建設(shè)。): look through them.
        # Indentation and blank lines are layout, gone after cleaning: the model must not
        # change with them, or a second cleaning would decide differently.
        lines = _prepared_lines(text)
        # `previous`: the model of an earlier version of the text (the pass before, the
        # round before), whose counts this one corrects by the lines that changed: a pass
        # repairs a few hundred runs of a 50 MB file, whose count costs seconds.
        self._lines = _Lines(lines)
        counts: dict[int, int] | None = None
        if previous is not None:
            counts = self._lines.counts_from(previous._lines, previous.pairs.counts)
        self.pairs: _PairCounts = _PairCounts(_count_pairs("\n".join(lines)) if counts is None else counts)
        # The one character that starts no pair (see uses): the text's last.
        last = lines[-1] or ("\n" if len(lines) > 1 else "")
        self._last = last[-1:].translate(_TO_FULLWIDTH)
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

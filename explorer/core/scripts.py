"""Simplified/Traditional handling with OpenCC.

Every function here preserves length, character for character, so offsets computed on
one form of a text stay valid on the other (search spans, outline, highlights).
The converters are heavy to build, so each is created once, on first use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

import opencc


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _convert_aligned(text: str, config: str) -> str:
    conv = _converter(config)
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    # A phrase rule changed the length somewhere: convert character by character,
    # keeping any character whose conversion is not exactly one character.
    chars = []
    for ch in text:
        c = conv.convert(ch)
        chars.append(c if len(c) == 1 else ch)
    return "".join(chars)


def _width_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII
        table[cp] = chr(cp - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    for cp in range(0x2160, 0x2190):  # Roman numerals and similar: NFKC when 1:1
        n = unicodedata.normalize("NFKC", chr(cp))
        if len(n) == 1:
            table[cp] = n
    return table


_FOLD_WIDTH = _width_table()
# str.translate walks every character through a dict lookup; most report text has no
# full-width Latin at all, so translate only the runs that need it.
_NEEDS_WIDTH_FOLD = re.compile(
    "[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD_WIDTH)) + "]+"
)


def _fold_width(m: re.Match[str]) -> str:
    return m.group().translate(_FOLD_WIDTH)


# The full-width marks Chinese prose is full of (the comma alone is one character in
# fifteen): in a long text, one str.replace each costs less than a callback per mark.
_COMMON_WIDE = tuple((ch, _FOLD_WIDTH[ord(ch)]) for ch in "，：；（）！？％")
_LONG_TEXT = 4096  # characters; below this the callbacks are cheaper than the replaces


# Above this many characters, per-character work on a text runs on numpy arrays of its
# code points (ARRAY_TEXT): the width regex below reads a very long text at about 20 ns a
# character, numpy at a third of that. Shorter texts never import numpy for it.
ARRAY_TEXT = 1 << 20
_ARRAY_CHUNK = 1 << 20  # characters per array (4 bytes each), to bound the memory


def code_point_arrays(text: str) -> Iterator[tuple[str, Any]]:
    """(piece, its code points as a little-endian uint32 numpy array) for each _ARRAY_CHUNK
    characters of `text`, in order."""
    import numpy as np

    for at in range(0, len(text), _ARRAY_CHUNK):
        piece = text[at : at + _ARRAY_CHUNK]
        yield piece, np.frombuffer(piece.encode("utf-32-le", "surrogatepass"), dtype="<u4")


@cache
def _width_codes() -> object:
    import numpy as np  # only for very long texts: ordinary reports never load it here

    lookup = np.zeros(0x10000, dtype=np.uint32)  # every key of _FOLD_WIDTH is in the BMP
    for cp, narrow in _FOLD_WIDTH.items():
        lookup[cp] = ord(narrow)
    return lookup


def _fold_widths_as_arrays(text: str) -> str:
    """_fold_widths(text) (every fold in _FOLD_WIDTH is one character to one)."""
    import numpy as np

    lookup = _width_codes()
    pieces = []
    for piece, codes in code_point_arrays(text):
        narrow = lookup[np.minimum(codes, 0xFFFF)]  # type: ignore[index]
        folds = narrow != 0
        if folds.any():
            piece = np.where(folds, narrow, codes).astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")
        pieces.append(piece)
    return "".join(pieces)


def _fold_widths(text: str) -> str:
    if len(text) >= ARRAY_TEXT:
        return _fold_widths_as_arrays(text)
    if len(text) >= _LONG_TEXT:
        for wide, narrow in _COMMON_WIDE:
            text = text.replace(wide, narrow)
    return _NEEDS_WIDTH_FOLD.sub(_fold_width, text)


def fold(text: str) -> str:
    """The search form of a text: Simplified, half-width, lower-case; same length."""
    return _fold_flagged(text)[0]


def _fold_flagged(text: str) -> tuple[str, bool]:
    """fold(text), and whether it took a fallback (a conversion or a lower-case letter
    that changes length), which folds the whole text character by character."""
    converted = _converter("t2s").convert(text)
    fell_back = len(converted) != len(text)
    folded = _fold_widths(_convert_aligned(text, "t2s") if fell_back else converted)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered, fell_back
    # A few letters (İ) lower-case to two characters: keep those as they are.
    return "".join(c if len(c := ch.lower()) == 1 else ch for ch in folded), True


def fold_lines(lines: Sequence[str]) -> list[str]:
    """fold() of every line, with one OpenCC call for all of them (a call per line costs
    more than the conversion of a short line). Folding keeps every character's place, so
    the lines of the folded text are the folds of the lines, unless a fallback of fold()
    (a phrase or a lower-case letter that changes length) fired somewhere: then each line
    is folded on its own, as fold() would."""
    return _fold_lines_flagged(lines)[0]


def _fold_lines_flagged(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """fold_lines(lines), and the lines whose fold() took its fallback."""
    text = "\n".join(lines)
    converted = _converter("t2s").convert(text)
    lowered = _fold_widths(converted).lower() if len(converted) == len(text) else ""
    if len(lowered) == len(text):
        folded = lowered.split("\n")
        if len(folded) == len(lines) and all(map(_same_length, folded, lines)):
            return folded, []
    flagged = [_fold_flagged(line) for line in lines]
    return [f for f, _ in flagged], [line for line, (_, fell) in zip(lines, flagged, strict=True) if fell]


class LineFolds:
    """fold() of lines, remembered line by line for the length of one report's cleaning.

    Several fixers read the folded lines of nearly the same text (spam, then chrome after
    a few lines went): the fold of a long report costs more than all else those fixers do,
    so each line is folded once and looked up after. Only a cache: fold() is a pure
    function of the line, so what `lines` returns never depends on what was asked before."""

    def __init__(self) -> None:
        self._folded: dict[str, str] = {}
        self._fell_back: set[str] = set()  # lines whose fold() took its fallback

    def lines(self, lines: Sequence[str]) -> list[str]:
        """fold_lines(lines)."""
        known = self._folded
        # Each distinct line once: a long text repeats many of its lines (blank ones,
        # boilerplate), and fold() is a function of the line alone.
        missing = list(dict.fromkeys(line for line in lines if line not in known))
        if missing:
            folded, fell_back = _fold_lines_flagged(missing)
            known.update(zip(missing, folded, strict=True))
            self._fell_back.update(fell_back)
        return [known[line] for line in lines]

    def text(self, text: str) -> str:
        """fold(text), joined from the folds of its lines (most of them known already when
        `text` is the cleaned text after structure repair, which changes few lines). The
        two are equal unless fold() takes its fallback, which folds the whole text
        character by character; it does for the text exactly when it does for a line
        (a phrase or a letter changes length in that line), and then fold(text) it is."""
        lines = text.split("\n")
        known = self._folded
        if 2 * sum(len(line) for line in lines if line not in known) > len(text):
            return fold(text)  # most lines are new (a hard-wrapped text joined): fold it whole
        folded = self.lines(lines)
        if self._fell_back and not self._fell_back.isdisjoint(lines):
            return fold(text)
        return "\n".join(folded)


def _same_length(a: str, b: str) -> bool:
    return len(a) == len(b)


def to_simplified(text: str) -> str:
    return _convert_aligned(text, "t2s")


def to_traditional(text: str) -> str:
    return _convert_aligned(text, "s2t")


def convert_for_display(text: str, script: str) -> str:
    """script: "original", "simplified" or "traditional"."""
    if script == "simplified":
        return to_simplified(text)
    if script == "traditional":
        return to_traditional(text)
    return text

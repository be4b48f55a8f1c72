"""Python str offsets <-> Qt (UTF-16) text positions.

Every offset in the core is a Python index into the clean text; Qt's QTextCursor counts
UTF-16 code units, so a character outside the BMP (𠀀, emoji) takes two positions there.
Convert only at the widget boundary, with one map per displayed text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Offset conversion for one text. O(number of non-BMP characters) memory; texts
    without any (nearly all reports) convert with no lookup at all."""

    __slots__ = ("_astral", "_qt_starts", "length")

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # Qt position where the k-th astral character's surrogate pair starts.
        self._qt_starts = [a + k for k, a in enumerate(self._astral)]
        self.length = len(text)

    @property
    def trivial(self) -> bool:
        return not self._astral

    def to_qt(self, offset: int) -> int:
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        """A position inside a surrogate pair maps to the start of its character."""
        if not self._astral:
            return position
        k = bisect_right(self._qt_starts, position)  # pairs starting at or before position
        if k and position == self._qt_starts[k - 1] + 1:
            return self._astral[k - 1]  # between the two halves of a pair
        # Pairs wholly before `position` each took one extra UTF-16 unit.
        completed = k - 1 if k and position == self._qt_starts[k - 1] else k
        return position - completed

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

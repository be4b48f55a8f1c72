"""The shape every cleaning fixer shares.

A fixer is a pure function `(text, config) -> (text, steps)`: it returns the new text and
one `Step` per change, in the spirit of ftfy's fix_and_explain, so the pipeline can count
changes by kind and a person can see exactly what was removed or repaired.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    kind: str  # "gloss", "mojibake_repaired", "chrome_line", ...
    before: str = ""  # the text that was removed or replaced (kept short for lines)
    after: str = ""  # its replacement ("" for a removal)
    field: str = ""  # for metadata lifted out of the text: the normalized field name
    value: str = ""  # ... and its value


def count_steps(steps: Iterable[Step]) -> Counter[str]:
    return Counter(s.kind for s in steps)

"""Character n-gram analysis for literal substring search over CJK (and any) text.

The indexed form of a text is `scripts.fold(text)`: Simplified, half-width, lower-case and
exactly as long as the clean text, so every index position is also a clean-text offset.

Each maximal run of non-whitespace characters is cut into one term per character: the
character and the one after it (a bigram), or the character alone at the end of a run.
Every position thus carries exactly one term, and:

- a query term of two or more characters is found exactly where its bigrams sit at
  consecutive positions (a whoosh Phrase of bigrams);
- a single character is found exactly where a term *starts* with it (a whoosh Prefix);

so the index answers literal substring questions ("就业" inside "再就业") without a word
segmenter. Latin letters, digits and punctuation are cut the same way, so "PM2.5" and "5G"
are literal substrings too, as with Ctrl+F.

Whoosh pickles the analyzer into the index schema: this module must stay importable under
this name, and its classes must keep their names (the index format version guards changes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from whoosh.analysis import Token, Tokenizer

# str.split() and this pattern agree on what whitespace is (Unicode White_Space).
_RUN = re.compile(r"\S+")


def runs(folded: str) -> Iterator[tuple[int, str]]:
    """(offset, run) for every maximal run of non-whitespace characters."""
    for m in _RUN.finditer(folded):
        yield m.start(), m.group()


def gram_postings(folded: str) -> dict[str, list[int]]:
    """term -> ascending positions (character offsets) for the whole text."""
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


class CharGramTokenizer(Tokenizer):
    """The whoosh view of `gram_postings`, for code paths that ask a field to tokenize.

    The index itself is written through `schema.GramField.index`, which builds the same
    terms without a Token object per character.
    """

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


def CharGramAnalyzer() -> CharGramTokenizer:
    """Analyzer for folded text: no lower-casing or stemming, the text is already folded."""
    return CharGramTokenizer()

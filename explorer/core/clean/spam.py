"""SEO spam: whole spam lines (porn/casino link farms) and spam names injected into text.

The words are data (explorer/resources/spam_words.txt), matched on the Simplified,
half-width, lower-case fold of the text so that one list serves both scripts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from explorer.core.clean.fixing import Step
from explorer.core.scripts import LineFolds, fold


@dataclass(frozen=True)
class SpamLexicon:
    inline: tuple[str, ...]  # removed wherever found (longest first)
    line: frozenset[str]  # mark a line as spam when several occur


@lru_cache(maxsize=8)
def load_lexicon(text: str | None = None) -> SpamLexicon:
    """The bundled lexicon, or one given as text in the same format (for tests)."""
    if text is None:
        text = resources.files("explorer.resources").joinpath("spam_words.txt").read_text("utf-8")
    sections: dict[str, list[str]] = {"inline": [], "line": []}
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            continue
        if current in sections:
            sections[current].append(fold(line))
    inline = tuple(sorted(set(sections["inline"]), key=len, reverse=True))
    return SpamLexicon(inline=inline, line=frozenset(sections["line"]))


_SENTENCE_END = re.compile(r"[。！？；]")
_WWW = re.compile(r"www|https?:|\.com|\.net|\.cc", re.I)


def line_spam_words(line: str, lexicon: SpamLexicon) -> set[str]:
    folded = fold(line)
    return {w for w in lexicon.line if w in folded}


def is_spam_line(line: str, lexicon: SpamLexicon) -> bool:
    """Two different spam words, or one plus the shape of a link farm: a web address, or
    fragments chained by commas with no sentence ever ending."""
    words = line_spam_words(line, lexicon)
    if not words:
        return False
    if len(words) >= 2:
        # A report may say 打击赌场和博彩 in a sentence; link farms do not write sentences.
        return not _SENTENCE_END.search(line) or len(words) >= 4
    fragments = [f for f in re.split(r"[,，、|]", line) if f.strip()]
    shaped = bool(_WWW.search(line)) or (len(fragments) >= 3 and not _SENTENCE_END.search(line))
    return shaped


def remove_spam(
    text: str, lexicon: SpamLexicon | None = None, folds: LineFolds | None = None
) -> tuple[str, list[Step]]:
    """Drop spam lines and cut injected spam names out of the remaining lines.

    The line break a cut name leaves behind (高效澳门万博体育网站 / 办实事) is not repaired
    here: joining broken lines is structure repair's job. `folds`: the fold of lines
    shared with the other fixers of one cleaning."""
    lex = lexicon or load_lexicon()
    steps: list[Step] = []
    out: list[str] = []
    lines = text.split("\n")
    with_words = _lines_with_words(lines, lex, folds or LineFolds())
    for i, line in enumerate(lines):
        if i not in with_words:  # neither a spam line nor one with a name to cut
            out.append(line)
        elif line.strip() and is_spam_line(line, lex):
            steps.append(Step("spam_line", line))
        else:
            out.append(_cut_inline(line, lex, steps))
    return "\n".join(out), steps


def _lines_with_words(lines: list[str], lex: SpamLexicon, folds: LineFolds) -> set[int]:
    """The indices of the lines whose fold holds a word of the lexicon, found by one search
    of the folded lines, each distinct one once (a long text repeats many): a line with a
    word always holds a match (the leftmost word from its start on), and no word spans a
    line break."""
    words = sorted(lex.inline + tuple(lex.line), key=len, reverse=True)
    if not words:
        return set()
    folded_lines = folds.lines(lines)
    distinct = list(dict.fromkeys(folded_lines))
    hit: set[str] = set()
    line_no, line_end = 0, len(distinct[0])
    for m in _word_pattern(tuple(words)).finditer("\n".join(distinct)):
        while m.start() > line_end:
            line_no += 1
            line_end += 1 + len(distinct[line_no])
        hit.add(distinct[line_no])
    return {i for i, folded in enumerate(folded_lines) if folded in hit} if hit else set()


@lru_cache(maxsize=8)
def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, words)))


def _cut_inline(line: str, lex: SpamLexicon, steps: list[Step]) -> str:
    if not lex.inline:
        return line
    folded = fold(line)  # same length as line, so positions carry over
    if len(folded) != len(line):  # lower() can lengthen a rare letter: match unfolded then
        folded = line
    if not any(w in folded for w in lex.inline):
        return line
    cuts: list[tuple[int, int]] = []
    for w in lex.inline:
        start = 0
        while (i := folded.find(w, start)) >= 0:
            if not any(a < i + len(w) and i < b for a, b in cuts):
                cuts.append((i, i + len(w)))
            start = i + 1
    pieces: list[str] = []
    pos = 0
    for a, b in sorted(cuts):
        pieces.append(line[pos:a])
        steps.append(Step("spam_word", line[a:b]))
        pos = b
    pieces.append(line[pos:])
    return "".join(pieces)

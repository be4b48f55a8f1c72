"""Whitespace and character width.

Conventions of the clean text (the outline, targets and search rely on them):
- one paragraph per line, lines separated by a single "\\n", no blank lines — except in a
  hard-wrapped document (paragraphs broken over several lines, separated by blank lines),
  where one blank line between paragraphs is kept: it is the only paragraph evidence left;
- no indentation (the "　　" of GBK-era documents) and no trailing spaces;
- a whitespace run *inside* a line, after a sentence end (。 ：…) or anywhere in a very long
  line, is kept verbatim: on a page whose line breaks were lost (city_shanghai_2021) it marks
  the paragraph break that structure repair restores; any other run of odd spaces (\\u2003, \\u3000, NBSP, tabs) becomes one ordinary space;
- full-width ASCII letters and digits become half-width (ＰＭ２．５ → PM2.5), while the
  report's full-width CJK punctuation (，。：；（）) is kept as the report wrote it. ASCII
  punctuation a report uses inside Chinese text (2017 海拉尔: ,:;) is kept too: changing a
  report's punctuation is not cleaning;
- a letter-spaced line (政 府 工 作 报 告, 李　强) is closed up.
"""

from __future__ import annotations

import re
from functools import cache

from explorer.core.clean.fixing import Step
from explorer.core.scripts import ARRAY_TEXT, code_point_arrays

_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ODD_SPACE = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_EDGE = " " + _ODD_SPACE
_INNER_RUN = re.compile(rf"[ {_ODD_SPACE}]+")
# After these a whitespace run may be a lost paragraph break.
_SENTENCE_END = "。！？；：!?;:…”」』）)"
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# 政 府 工 作 报 告, and names spaced to a width (李　强)
_LETTER_SPACED = re.compile(rf"^[{_CJK}](?: [{_CJK}])+$")
LONG_LINE = 300  # a line this long holds several paragraphs whose breaks were lost
_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B) if chr(c).isalnum()}
_FULLWIDTH_ALNUM_RUN = re.compile("[" + "".join(map(chr, _FULLWIDTH_ALNUM)) + "]+")
# The mark first, the digit before it looked behind from there: a pattern that opens with
# a look-behind is tried at every character of the text, one that opens with a mark only
# where the mark is.
_FULLWIDTH_DOT = re.compile(r"[．](?<=\d[．])(?=\d)")
_FULLWIDTH_PERCENT = re.compile(r"％(?<=\d％)")


def normalize_whitespace(text: str, config: object = None) -> tuple[str, list[Step]]:
    steps: list[Step] = []
    present = _present(text)  # removing characters never brings one of another class in
    if present & _HAS_INVISIBLE:
        text = _count_sub(_INVISIBLE, "", text, "invisible", steps)
    if present & _HAS_CONTROL:
        text = _count_sub(_CONTROL, "", text, "control", steps)
    text = _to_halfwidth(text, steps, alnum=bool(present & _HAS_FULLWIDTH))
    # A line without a blank of any kind has nothing to strip, close or collapse (most
    # lines of a Chinese report): one search tells, where _clean_line cost several calls.
    lines = []
    # A line's cleaning and its steps depend on the line alone: each distinct line is read
    # and cleaned once (a long text repeats lines; the search for a blank reads every
    # character of a line; steps are immutable). None: a line without blanks, kept as is.
    cleaned: dict[str, tuple[str, list[Step]] | None] = {}
    for line in text.split("\n"):
        if line in cleaned:
            known = cleaned[line]
        else:
            known = None
            if _INNER_RUN.search(line):
                line_steps: list[Step] = []
                known = (_clean_line(line, line_steps), line_steps)
            cleaned[line] = known
        if known is None:
            lines.append(line)
        else:
            lines.append(known[0])
            steps.extend(known[1])
    return _join_paragraphs(lines, steps), steps


# Which of the character classes removed or narrowed above a text holds. The three class
# patterns read a long text at 3-8 ns a character each; one look-up array of its code
# points tells at once which of them can match (a text of 50 MB: half a second less).
_HAS_INVISIBLE, _HAS_CONTROL, _HAS_FULLWIDTH = 1, 2, 4
_ALL_CLASSES = _HAS_INVISIBLE | _HAS_CONTROL | _HAS_FULLWIDTH


@cache
def _class_codes() -> object:
    import numpy as np  # only for very long texts: ordinary reports never load it here

    classes = np.zeros(0x10000, dtype=np.uint8)  # every class character is in the BMP
    # One search of a string of every BMP character per pattern (a match per code point
    # cost a quarter second, paid by the first long text).
    bmp = "".join(map(chr, range(0x10000)))
    for pattern, bit in ((_INVISIBLE, _HAS_INVISIBLE), (_CONTROL, _HAS_CONTROL)):
        for m in pattern.finditer(bmp):
            classes[m.start()] |= bit
    for cp in _FULLWIDTH_ALNUM:
        classes[cp] |= _HAS_FULLWIDTH
    return classes


def _present(text: str) -> int:
    """The _HAS_ bits of the classes `text` holds a character of (all, for a short text)."""
    if len(text) < ARRAY_TEXT:  # shorter texts run the patterns without asking
        return _ALL_CLASSES
    import numpy as np

    classes = _class_codes()
    present = 0
    for _piece, codes in code_point_arrays(text):
        present |= int(np.bitwise_or.reduce(classes[np.minimum(codes, 0xFFFF)]))  # type: ignore[index]
        if present == _ALL_CLASSES:
            break
    return present


def _count_sub(pattern: re.Pattern[str], repl: str, text: str, kind: str, steps: list[Step]) -> str:
    def sub(m: re.Match[str]) -> str:
        steps.append(Step(kind, m.group(0), repl))
        return repl

    return pattern.sub(sub, text)


def _to_halfwidth(text: str, steps: list[Step], alnum: bool = True) -> str:
    # Only the runs of full-width letters and digits are translated and counted: a
    # translate and a comparison of every character cost seconds on a large text.
    changed = 0

    def halfwidth(m: re.Match[str]) -> str:
        nonlocal changed
        changed += len(m.group())  # every one of them changes
        return m.group().translate(_FULLWIDTH_ALNUM)

    if not alnum:
        out = text
    elif len(text) >= ARRAY_TEXT:
        out, changed = _halfwidth_as_arrays(text)
    else:
        out = _FULLWIDTH_ALNUM_RUN.sub(halfwidth, text)
    out = _count_sub(_FULLWIDTH_DOT, ".", out, "width", steps)
    out = _count_sub(_FULLWIDTH_PERCENT, "%", out, "width", steps)
    steps.extend([Step("width")] * changed)  # steps are immutable: one is enough
    return out


def _halfwidth_as_arrays(text: str) -> tuple[str, int]:
    """Every full-width letter and digit of a long text made half-width, and how many: as
    numpy arrays of code points (the run pattern read every character, 20 ns each)."""
    import numpy as np

    wide = _alnum_codes()
    pieces = []
    changed = 0
    for piece, codes in code_point_arrays(text):
        found = wide[np.minimum(codes, 0xFFFF)]  # type: ignore[index]
        n = int(np.count_nonzero(found))
        if n:
            changed += n
            narrow = np.where(found, codes - 0xFEE0, codes).astype("<u4")
            piece = narrow.tobytes().decode("utf-32-le", "surrogatepass")
        pieces.append(piece)
    return "".join(pieces), changed


@cache
def _alnum_codes() -> object:
    import numpy as np

    wide = np.zeros(0x10000, dtype=bool)
    wide[list(_FULLWIDTH_ALNUM)] = True
    return wide


def _clean_line(line: str, steps: list[Step]) -> str:
    stripped = line.strip(_EDGE)
    if stripped:
        lead = line[: len(line) - len(line.lstrip(_EDGE))]
        trail = line[len(line.rstrip(_EDGE)) :]
        if lead:
            steps.append(Step("indent", lead))
        if trail:
            steps.append(Step("trailing_space", trail))

    def inner(m: re.Match[str]) -> str:
        run = m.group(0)
        before = stripped[m.start() - 1] if m.start() else ""
        if len(run) > 1 and (before in _SENTENCE_END or len(stripped) > LONG_LINE):
            return run  # evidence of a lost paragraph break: structure repair reads it
        if run != " ":
            steps.append(Step("space", run, " "))
        return " "

    s = _INNER_RUN.sub(inner, stripped)
    if _LETTER_SPACED.match(s):
        steps.append(Step("letter_spacing", s, s.replace(" ", "")))
        s = s.replace(" ", "")
    return s


def _join_paragraphs(lines: list[str], steps: list[Step]) -> str:
    if "" not in lines:
        return "\n".join(lines)  # one block, whatever its separator: nothing to join or count
    # String and list operations, where a loop over the lines cost a quarter second on a
    # long text: a line inside a block (a run of non-blank lines) is one followed by another
    # non-blank line; the blocks are the pieces of the text between runs of blank lines.
    blanks = lines.count("")
    inner = [line for line, nxt in zip(lines, lines[1:], strict=False) if line and nxt]
    if _hard_wrapped(inner):
        text = "\n".join(lines).strip("\n")
        blocks = _BLANK_RUN.split(text)  # text is not empty: it has inner lines
        joined, kept = "\n\n".join(blocks), len(blocks) - 1
    else:
        joined, kept = "\n".join(filter(None, lines)), 0  # the blank lines dropped
    steps.extend([Step("blank_line")] * max(0, blanks - kept))  # immutable: one serves all
    return joined


_BLANK_RUN = re.compile(r"\n\n+")
_SENTENCE_PUNCT_CHARS = frozenset("。！？；：!?;:”」』…")


def _ends_sentence(line: str) -> bool:
    """Whether the line ends in a sentence mark, whitespace after it aside (the regex
    [。！？；：!?;:”」』…]\\s*$ read from the end: the search scanned every line)."""
    end = line.rstrip()
    return bool(end) and end[-1] in _SENTENCE_PUNCT_CHARS


def _hard_wrapped(inner: list[str]) -> bool:
    """Paragraphs broken over several lines: most lines inside multi-line blocks (`inner`:
    those followed by another line of their block) stop short of a sentence end. Then the
    blank lines are the only paragraph evidence left."""
    if len(inner) < 6:
        return False
    open_ended = sum(1 for line in inner if not _ends_sentence(line))
    return open_ended > 0.6 * len(inner)

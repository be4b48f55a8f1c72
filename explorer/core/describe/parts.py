"""What makes a line a section beyond its number, judged from the lines around it.

- Unnumbered part titles. Many reports frame their parts with a bare title on its own line
  ("2024年工作安排建议", "努力做好2024年各项工作", "全力实现2024年高质量发展的奋斗目标") and
  number only inside them. A known part phrase (clean/headings.py) is enough; any other
  title-shaped line is a part only when the numbering after it shows it: the numbers
  restart there (（七） … title … （一）, or an outer scheme begins: （五） … title … 一、),
  and no sequence that was open before it goes on after it (a bold lead-in under （二） is
  followed by （三）). A title before any number is a part only in a report that has such
  evidence elsewhere; one after the last number only in a report with two parts already.
- Numbered paragraphs. Hong Kong addresses and legal texts number every paragraph (1. …
  171.) right through their chapters: a long run of long numbered paragraphs is a scheme
  of paragraphs, not of sections, and so is every list of the same scheme in that report.
- Inline lists. "今年要全力抓好十件大事：" followed by 1. … 10., one line each, inside a part
  whose own sections are （一）…: the items belong to the sentence that announces them, not
  beside the part's sections. (In the preamble, before any heading, a list stays: there is
  nothing it could be confused with.)

The functions take the report's non-blank lines and the numbered headings found on them
and return line indices; describe/outline.py builds the tree.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from statistics import median

from explorer.core.clean.headings import (
    SCHEME_ARABIC,
    SCHEME_PAREN_ARABIC,
    USUAL_ORDER,
    is_part_heading,
    is_title_shaped,
)


@dataclass(frozen=True)
class Numbered:
    index: int  # line index
    scheme: str
    value: int


@dataclass(frozen=True)
class PartsConfig:
    # A paragraph-numbering scheme: a run of at least this many consecutive numbers ...
    paragraph_run: int = 30
    # ... whose lines are this long (median characters): paragraphs, not titles.
    paragraph_chars: int = 60
    inline_list_min_items: int = 3
    # A trailing title (after the last number) needs this many parts found before it.
    trailing_needs_parts: int = 2
    trailing_min_chars: int = 8
    # The text under a part: at least one line this long, with a sentence end.
    body_line_chars: int = 30


DEFAULT_PARTS = PartsConfig()

_SALUTATION = re.compile(r"(?:各位代表|各位委员|各位主任|各位议员|各位議員|立法會主席|立法会主席)")
_SENTENCE_END = re.compile(r"[。！？!?]")
_DATE_LINE = ("——", "--", "—")


def _usual(scheme: str) -> int:
    return USUAL_ORDER.index(scheme) if scheme in USUAL_ORDER else len(USUAL_ORDER)


def paragraph_schemes(
    numbered: list[Numbered], lines: list[str], config: PartsConfig = DEFAULT_PARTS
) -> set[str]:
    """Arabic schemes that number paragraphs: a long run of consecutive numbers whose lines
    are paragraphs."""
    found: set[str] = set()
    for scheme in (SCHEME_ARABIC, SCHEME_PAREN_ARABIC):
        items = [n for n in numbered if n.scheme == scheme]
        run: list[Numbered] = []
        best: list[Numbered] = []
        for n in items:
            run = [*run, n] if run and n.value == run[-1].value + 1 else [n]
            if len(run) > len(best):
                best = run
        if len(best) >= config.paragraph_run and (
            median(len(lines[n.index]) for n in best) >= config.paragraph_chars
        ):
            found.add(scheme)
    return found


def inline_list_items(
    numbered: list[Numbered], lines: list[str], config: PartsConfig = DEFAULT_PARTS
) -> set[int]:
    """Line indices of numbered items that form a list announced by a sentence inside a
    part, with the part's own (outer) sections after them."""
    out: set[int] = set()
    k = 0
    while k < len(numbered):
        first = numbered[k]
        run = [first]
        while (
            k + len(run) < len(numbered)
            and numbered[k + len(run)].scheme == first.scheme
            and numbered[k + len(run)].value == run[-1].value + 1
            and numbered[k + len(run)].index == run[-1].index + 1  # one line per item
        ):
            run.append(numbered[k + len(run)])
        after = numbered[k + len(run)] if k + len(run) < len(numbered) else None
        announced = first.index > 0 and lines[first.index - 1].rstrip().endswith(("：", ":"))
        inside_part = k > 0 or _has_unnumbered_before(lines, first.index)
        if (
            first.value == 1
            and len(run) >= config.inline_list_min_items
            and announced
            and inside_part
            and after is not None
            and after.value == 1
            and _usual(after.scheme) < _usual(first.scheme)
        ):
            out.update(n.index for n in run)
        k += len(run)
    return out


def out_of_sequence(numbered: list[Numbered]) -> set[int]:
    """Line indices of numbers that go back in their sequence without a new parent: an
    enumeration a page wrap left at a line start ("…包括（一）建立…；（二）…；" /
    "（三）加強…；" under chapter (四)). A sequence may restart at 1 anywhere, and at any
    number after a heading of an outer scheme (its first item may be lost to mojibake)."""
    out: set[int] = set()
    last: dict[str, int] = {}  # scheme -> value of its latest kept number
    outer_since: set[str] = set()  # schemes that met an outer heading since their last number
    for n in numbered:
        previous = last.get(n.scheme)
        if (
            previous is not None
            and n.value != 1
            and n.value <= previous
            and n.scheme not in outer_since
        ):
            out.add(n.index)
            continue
        last[n.scheme] = n.value
        outer_since.discard(n.scheme)
        outer_since.update(s for s in last if _usual(s) > _usual(n.scheme))
    return out


def _has_unnumbered_before(lines: list[str], index: int) -> bool:
    return any(is_part_heading(line) for line in lines[:index])


def body_start(lines: list[str], config: PartsConfig = DEFAULT_PARTS) -> int:
    """Index of the first line of the report's body: the salutation, else the first
    paragraph. Lines before it are the title block (title, date, speaker)."""
    for i, line in enumerate(lines):
        if _SALUTATION.match(line) or (
            len(line) >= config.body_line_chars and _SENTENCE_END.search(line)
        ):
            return i
    return len(lines)


def part_titles(
    lines: list[str],
    numbered: list[Numbered],
    end: int,
    config: PartsConfig = DEFAULT_PARTS,
) -> set[int]:
    """Indices of title-shaped lines that the numbering around them shows to be parts.
    `numbered`: the numbered lines in line order. `end` is where back matter begins (or the
    number of lines): nothing after it is a part."""
    numbered = sorted(numbered, key=_line_index)
    around = _NumberingAround(numbered)
    start = body_start(lines, config)
    numbered_at = {n.index for n in numbered}
    # Whether a line is shaped like a part title depends on the line alone: each distinct
    # line of a long text is read once.
    shaped: dict[str, bool] = {}

    def title_shaped(line: str) -> bool:
        known = shaped.get(line)
        if known is None:
            known = shaped[line] = is_title_shaped(line) and not is_part_heading(line)
        return known

    candidates = [
        i
        for i in range(start + 1, end)
        if i not in numbered_at
        and title_shaped(lines[i])
        and not (i + 1 < len(lines) and lines[i + 1].startswith(_DATE_LINE))
    ]
    candidates = [c for c in candidates if _has_body_after(lines, c, candidates, end, config)]
    known = sum(1 for i in range(start + 1, end) if is_part_heading(lines[i]))
    strong: set[int] = set()
    weak: set[int] = set()
    trailing: list[int] = []
    for c in candidates:
        before, after = around.split(c)  # numbered[:before] precede line c, [after:] follow
        if after == len(numbered):
            trailing.append(c)
            continue
        nxt = numbered[after]
        if nxt.value != 1 or around.sequence_goes_on(before, after):
            continue
        if not before:
            weak.add(c)
        elif (
            nxt.scheme == numbered[before - 1].scheme
            or _usual(nxt.scheme) < _usual(numbered[before - 1].scheme)
        ):
            strong.add(c)
    parts = set(strong)
    if strong:
        parts |= weak
    if len(parts) + known >= config.trailing_needs_parts:
        parts.update(c for c in trailing if len(lines[c]) >= config.trailing_min_chars)
    return parts


def _line_index(n: Numbered) -> int:
    return n.index


class _NumberingAround:
    """The numbered lines before and after a line, by bisection: lists of both for every
    candidate title made a long text's outline quadratic."""

    def __init__(self, numbered: list[Numbered]) -> None:
        self._numbered = numbered
        self._indices = [n.index for n in numbered]
        self._by_scheme: dict[str, list[int]] = {}  # scheme -> its positions in numbered
        for k, n in enumerate(numbered):
            self._by_scheme.setdefault(n.scheme, []).append(k)

    def split(self, line: int) -> tuple[int, int]:
        """Positions in numbered: those before the first are above `line`, those from the
        second on below it."""
        return bisect.bisect_left(self._indices, line), bisect.bisect_right(self._indices, line)

    def sequence_goes_on(self, before: int, after: int) -> bool:
        """Whether a numbering open above a line continues below it (the line sits inside
        a section, not between parts): a scheme seen above whose first number below is
        not 1."""
        for positions in self._by_scheme.values():
            if positions[0] >= before:
                continue  # the scheme is not seen above the line
            k = bisect.bisect_left(positions, after)
            if k < len(positions) and self._numbered[positions[k]].value != 1:
                return True
        return False


def _has_body_after(
    lines: list[str], c: int, candidates: list[int], end: int, config: PartsConfig
) -> bool:
    """A part holds text: some paragraph follows before the next candidate title."""
    later = bisect.bisect_right(candidates, c)  # candidates are in line order
    stop = candidates[later] if later < len(candidates) else end
    return any(
        len(lines[j]) >= config.body_line_chars and _SENTENCE_END.search(lines[j])
        for j in range(c + 1, stop)
    )

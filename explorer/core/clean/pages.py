"""Page numbers left in text copied out of a PDF or a printed page.

A report copied from a PDF keeps the page furniture between its paragraphs: "— 12 —" lines
(the Chinese official-document style, GB/T 9704), "第3页" / "3/23", and in a plain
extraction a bare number at each page break (the form feed). When the copy also lost its
line breaks (a whole report on one line) the same dashed numbers sit inside the line, often
in the middle of a word ("一 — 1 — 般公共预算收入").

A number is page furniture only where the form leaves no doubt (both dashes, 第…页) or where
it continues a sequence of page numbers: a bare "7" at a page break is page 7 only if 6 and 8
are at the neighbouring breaks, so a table of contents' "7" or a figure on its own line
stays. Only whole lines go (inline: the number and its dashes), so no word of the report is
touched; the blank or space left behind is what whitespace and structure repair read.
"""

from __future__ import annotations

import re

from explorer.core.clean.fixing import Step

_DASH = "—－–\\-"
# "— 12 —", "-12-", "－ 3 －": a number between dashes, the whole line.
_DASHED = re.compile(rf"[{_DASH}]{{1,2}}\s*(\d{{1,3}})\s*[{_DASH}]{{1,2}}")
# "— 23": the closing dash lost (the last page of a copy); only as the next page of a run.
_DASH_OPEN = re.compile(rf"[{_DASH}]{{1,2}}\s*(\d{{1,3}})")
# "第 3 页", "第3页 共23页", "3 / 23", "- 3/23 -".
_PAGE_OF = re.compile(
    rf"[{_DASH}\s]*(?:第\s*(\d{{1,3}})\s*页(?:\s*[，,/／]?\s*共\s*\d{{1,3}}\s*页)?"
    rf"|(\d{{1,3}})\s*[/／]\s*\d{{1,3}})[{_DASH}\s]*"
)
_BARE = re.compile(r"\d{1,4}")
# Inside a line that lost its line breaks: " — 12 — " between blanks (em dashes only: a
# hyphen between two blanks can be a minus or a range).
_INLINE = re.compile(r" ?[—－] ?(\d{1,3}) ?[—－](?= )")
_LONG_LINE = 500
_MIN_RUN = 3  # bare numbers at page breaks: how many consecutive pages make a run
_MAX_PAGE_GAP = 2  # a page without a number (a full-page table) may sit inside a run


def remove_page_numbers(text: str, config: object = None) -> tuple[str, list[Step]]:
    steps: list[Step] = []
    lines = text.split("\n")
    # A bare page number stands next to a form feed: without one no line is read for it.
    drop = _dashed_lines(lines) | (_page_break_numbers(lines) if "\f" in text else set())
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in drop:
            # The form feeds go with it: a page break is no paragraph break.
            steps.append(Step("page_number", line))
            continue
        if len(line) >= _LONG_LINE:
            line = _remove_inline(line, steps)
        out.append(line)
    return "\n".join(out), steps


def _stripped(line: str) -> str:
    return line.strip(" \t\f\u3000\u00a0")


def _dashed_lines(lines: list[str]) -> set[int]:
    drop: set[int] = set()
    last_page: int | None = None
    for i, line in enumerate(lines):
        s = _stripped(line)
        if not s or len(s) > 16:
            continue
        m = _DASHED.fullmatch(s) or _PAGE_OF.fullmatch(s)
        if m:
            drop.add(i)
            last_page = int(next(g for g in m.groups() if g))
            continue
        m = _DASH_OPEN.fullmatch(s)
        if m and last_page is not None and int(m.group(1)) == last_page + 1:
            drop.add(i)
            last_page += 1
    return drop


def _page_break_numbers(lines: list[str]) -> set[int]:
    """Bare numbers next to a form feed that count pages: the longest run of them in which
    each is the next page (allowing a page without a number)."""
    candidates: list[tuple[int, int]] = []  # (line index, value)
    for i, line in enumerate(lines):
        s = _stripped(line)
        if not _BARE.fullmatch(s):
            continue
        at_break = (
            "\f" in line
            or (i + 1 < len(lines) and lines[i + 1].startswith("\f"))
            or (i > 0 and lines[i - 1].endswith("\f"))
        )
        if at_break:
            candidates.append((i, int(s)))
    # Longest chain with increasing values, each step at most _MAX_PAGE_GAP pages on: a
    # candidate continues the longest chain ending at a value one or two below its own
    # (on a tie, the one ending latest), so only the best chain ending at each value is
    # kept. Looking back over every earlier candidate was quadratic in them (a text of
    # many short numbered lines between form feeds).
    length: list[int] = []  # length[k]: of the chain ending at candidate k
    previous: list[int] = []  # the candidate before k in it, -1 for none
    ending_at: dict[int, int] = {}  # value -> the candidate ending the best chain at it
    for k, (_, value) in enumerate(candidates):
        before = -1
        for gap in range(1, _MAX_PAGE_GAP + 1):
            j = ending_at.get(value - gap, -1)
            if j >= 0 and (before < 0 or (length[j], j) > (length[before], before)):
                before = j
        length.append(1 + (length[before] if before >= 0 else 0))
        previous.append(before)
        known = ending_at.get(value, -1)
        if known < 0 or length[k] >= length[known]:
            ending_at[value] = k
    if not candidates or max(length) < _MIN_RUN:
        return set()
    k = length.index(max(length))  # the first longest chain
    drop = set()
    while k >= 0:
        drop.add(candidates[k][0])
        k = previous[k]
    return drop


def _remove_inline(line: str, steps: list[Step]) -> str:
    """Dashed page numbers inside a line that lost its line breaks, when they count up."""
    found = list(_INLINE.finditer(line))
    values = [int(m.group(1)) for m in found]
    if len(found) < 2 or values != sorted(values):
        return line
    steps.extend(Step("page_number", m.group(0).strip()) for m in found)
    return _INLINE.sub("", line)

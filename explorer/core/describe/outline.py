"""The outline: a tree of sections with offsets into the clean text.

Government reports number their headings with a handful of schemes (第一部分 / 壹、 / 一、 /
（一） / 1. / （1） / ①) but every document picks its own nesting: one starts at 一、,
another has no 一、 level and starts at （一）, a project list puts 1. directly under 一、.
So levels are not fixed per scheme: a section's level is its depth in the tree, and which
scheme nests which is read from the document — numbering that restarts at 1 under the
other scheme, else the order in which two interleaving schemes first appear. Only two
schemes that never interleave (a numbered list of targets in the preamble, then 一、 parts)
fall back to the usual hierarchy, so the list cannot swallow the parts after it. A few
unnumbered lines are headings too ("2023年工作安排", "名词解释"); they are always outermost,
because reports use them to frame whole parts of the text, except the document's own title
line.

Decisions (read against the 12 corpus files and set2's 26 reports):
- Enumerations in prose ("一是…", "一要…", "第一，…。") are not headings: they sit inside
  paragraphs and have no numbering punctuation of their own. "第一，…" standing alone as a
  title line, without a sentence end, is one (甘孜).
- Paragraph lead-ins ("强化企业创新主体地位。实施…") are topic sentences, not headings: no
  number, no way to tell them from a sentence.
- Numbered lists under a glossary or annex heading (名词解释, 注释, 附件…) are entries, not
  sections: the outline shows the glossary as one section, closed by the next heading
  (the body's own numbering resuming, or another part heading).
- A run-in heading ("（一）优布局、精管理，推动…。聚力城市更新…") is titled up to the first
  sentence end (。！？；, or ：followed by text); titles without one are cut at a clause
  boundary once they grow past `max_title_chars`.
- A heading whose number was garbled (mojibake the cleaner could not repair) takes the free
  place in its sibling sequence when exactly the right number of garbled lines fill a gap;
  its `number` is then the scheme's canonical form ("（六）"), since none is legible.

- A report's own table of contents (clean/contents.py) is its statement of its structure:
  the headings it lists are found in the body and nested as its paragraph ranges say; the
  contents page itself is never listed as sections.
- Unnumbered part titles beyond the known phrases, numbered paragraphs (Hong Kong's 1. …
  171.), lists announced inside a part, and numbers that go back in their sequence are
  judged from the lines around them (describe/parts.py).

What a heading line looks like (numbering schemes, markers, unnumbered part titles) is
clean/headings.py, shared with structure repair so the two always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from explorer.core.clean.contents import find_contents, locate
from explorer.core.clean.headings import (
    DEFAULT_CONFIG,
    USUAL_ORDER,
    Marker,
    OutlineConfig,
    canonical_number,
    garbled_title,
    is_back_matter_heading,
    is_garbled_heading,
    is_part_heading,
    match_marker,
    run_in_title,
    strip_indent,
)
from explorer.core.describe.parts import (
    Numbered,
    inline_list_items,
    out_of_sequence,
    paragraph_schemes,
    part_titles,
)
from explorer.core.model import Section

# --- building the tree -------------------------------------------------------------------


@dataclass
class _Heading:
    start: int  # offset of the heading's first non-blank character
    scheme: str  # "" for unnumbered headings
    value: int
    number: str
    title: str
    back_matter: bool = False
    contents_level: int = 0  # its entry's nesting in the report's table of contents


@dataclass
class _Node:
    heading: _Heading
    level: int
    end: int = -1
    children: list[_Node] = field(default_factory=list)

    def freeze(self) -> Section:
        h = self.heading
        return Section(
            title=h.title,
            number=h.number,
            level=self.level,
            start=h.start,
            end=self.end,
            children=tuple(c.freeze() for c in self.children),
        )


class _Line(NamedTuple):  # a tuple: a frozen dataclass cost a microsecond a line to make
    start: int  # offset of the first non-blank character
    text: str  # stripped


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    # Each distinct line stripped once, where lines repeat (else remembering costs more).
    raws = text.split("\n")
    strips: dict[str, tuple[int, str]] | None = {} if 2 * len(set(raws)) <= len(raws) else None
    for raw in raws:
        if strips is None:
            indent, stripped = strip_indent(raw)
        else:
            known = strips.get(raw)
            if known is None:
                known = strips[raw] = strip_indent(raw)
            indent, stripped = known
        if stripped:
            out.append(_Line(pos + indent, stripped))
        pos += len(raw) + 1
    return out


def _find_headings(lines: list[_Line], config: OutlineConfig) -> list[_Heading]:
    texts = [line.text for line in lines]
    contents = find_contents(texts)
    skip = range(contents.start, contents.end) if contents else range(0)
    listed = {hit.line: hit.entry.level for hit in locate(contents, texts)} if contents else {}
    ranged = contents is not None and contents.ranged
    numbered: list[Numbered] = []
    found: dict[int, _Heading] = {}  # line index -> its heading
    in_back_matter = False
    back_matter_at = len(lines)
    last_value: dict[str, int] = {}  # scheme -> latest value outside back matter
    # A line's marker and whether it reads as a back-matter or part heading depend on the
    # line alone: each distinct line of a text that repeats lines is read once.
    readings: dict[str, tuple[Marker | None, bool, bool]] = {}
    memo = 2 * len(set(texts)) <= len(texts)
    for i, line in enumerate(lines):
        if i in skip:
            continue  # the table of contents lists the headings; they are in the body
        s = line.text
        level = listed.get(i, 0) if ranged else 0
        reading = readings.get(s)
        if reading is None:
            marker = match_marker(s)
            reading = (
                marker,
                marker is None and is_back_matter_heading(s),
                marker is None and is_part_heading(s),
            )
            if memo:
                readings[s] = reading
        marker, back_matter, part = reading
        if marker is not None:
            if in_back_matter:
                if last_value.get(marker.scheme, -1) + 1 != marker.value:
                    continue  # glossary entries and annex lists are not sections
                # The body's own numbering goes on: the glossary sat between two parts.
                in_back_matter = False
            last_value[marker.scheme] = marker.value
            numbered.append(Numbered(i, marker.scheme, marker.value))
            # A heading the contents lists is its whole line ("前言：新局面"), not a run-in title.
            rest = s[marker.end :]
            title = rest.strip() if i in listed else run_in_title(rest, config)
            found[i] = _Heading(
                line.start, marker.scheme, marker.value, marker.number, title, False, level
            )
        elif i in listed or back_matter or (part and not _is_title_block(lines, i)):
            in_back_matter = i not in listed and back_matter
            if in_back_matter:
                back_matter_at = min(back_matter_at, i)
            # A second-level entry of the contents nests like a scheme of its own.
            scheme = f"contents:{level}" if level > 1 else ""
            title = s.rstrip("：: \u3000")
            found[i] = _Heading(line.start, scheme, 0, "", title, in_back_matter, level)
    paragraphs = paragraph_schemes(numbered, texts)
    numbered = [n for n in numbered if n.scheme not in paragraphs]
    stray = out_of_sequence(numbered)
    numbered = [n for n in numbered if n.index not in stray]
    listed_items = inline_list_items(numbered, texts)
    numbered = [n for n in numbered if n.index not in listed_items]
    kept = {n.index for n in numbered}
    headings = {i: h for i, h in found.items() if not h.scheme or i in kept or i in listed}
    if contents is None:  # with contents, the headings it lists are the parts
        for i in part_titles(texts, numbered, back_matter_at):
            headings[i] = _Heading(lines[i].start, "", 0, "", texts[i])
    return [headings[i] for i in sorted(headings)]


def _is_title_block(lines: list[_Line], i: int) -> bool:
    """Whether line i is the document's own title ("2021年市政府重点工作"), not a part:
    the first line of the text, or a line followed by the delivery line ("——2023年1月3日…")."""
    if i == 0:
        return True
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    return nxt.startswith(("——", "--", "—"))


def _restarts_under(headings: list[_Heading], child: str, parent: str) -> bool:
    """Whether `child` numbering starts again at 1 right after a `parent` heading: the
    mark of a scheme nested in another."""
    seen_child = False
    previous = ""
    for h in headings:
        if h.scheme == child:
            if h.value == 1 and seen_child and previous == parent:
                return True
            seen_child = True
        previous = h.scheme
    return False


def _outer(
    headings: list[_Heading], first: dict[str, int], levels: dict[str, int], a: str, b: str
) -> bool:
    """Whether scheme `a` nests scheme `b` in this document.

    The document's own evidence decides: its table of contents, else numbering that
    restarts under the other scheme, else the order of first appearance when the two
    interleave. Two schemes that never interleave (a numbered list in the preamble, then 一、
    parts) fall back to the usual hierarchy, so the list does not swallow the parts that
    follow it."""
    if a in levels and b in levels and levels[a] != levels[b]:
        return levels[a] < levels[b]
    if first[a] > first[b]:
        return not _outer(headings, first, levels, b, a)
    b_under_a = _restarts_under(headings, b, a)
    a_under_b = _restarts_under(headings, a, b)
    if b_under_a != a_under_b:
        return b_under_a
    if any(h.scheme == a for h in headings[first[b] :]):
        return True
    return _usual_index(a) < _usual_index(b)


def _usual_index(scheme: str) -> int:
    """Place in the usual hierarchy; an unnumbered contents level comes after the numbers
    (a subheading the contents lists under a numbered chapter)."""
    if scheme in USUAL_ORDER:
        return USUAL_ORDER.index(scheme)
    return len(USUAL_ORDER) + int(scheme.rpartition(":")[2] or 0)


def _ranks(headings: list[_Heading]) -> dict[str, int]:
    """Scheme → nesting rank (0 outermost); unnumbered headings are always outermost."""
    first: dict[str, int] = {}
    levels: dict[str, int] = {}  # scheme -> its shallowest level in the table of contents
    for i, h in enumerate(headings):
        if h.scheme:
            first.setdefault(h.scheme, i)
            if h.contents_level:
                levels[h.scheme] = min(levels.get(h.scheme, h.contents_level), h.contents_level)
    order: list[str] = []
    for scheme in sorted(first, key=first.__getitem__):
        at = next(
            (
                j
                for j, other in enumerate(order)
                if _outer(headings, first, levels, scheme, other)
            ),
            len(order),
        )
        order.insert(at, scheme)
    ranks = {"": 0}
    ranks.update({scheme: i + 1 for i, scheme in enumerate(order)})
    return ranks


def _closes(open_heading: _Heading, new: _Heading, ranks: dict[str, int]) -> bool:
    """Whether `new` ends the section of `open_heading`: same or outer rank, or any
    heading after back matter (a glossary holds no sections)."""
    return open_heading.back_matter or ranks[open_heading.scheme] >= ranks[new.scheme]


def _parents(headings: list[_Heading], ranks: dict[str, int]) -> list[int]:
    """Index of each heading's parent (-1 for top level), by the same rule as the tree."""
    parents: list[int] = []
    stack: list[int] = []
    for i, h in enumerate(headings):
        while stack and _closes(headings[stack[-1]], h, ranks):
            stack.pop()
        parents.append(stack[-1] if stack else -1)
        stack.append(i)
    return parents


def _infer_garbled(
    headings: list[_Heading], lines: list[_Line], config: OutlineConfig
) -> list[_Heading]:
    """Give unreadable headings their place where a sibling sequence has a gap."""
    if not headings:
        return headings
    ranks = _ranks(headings)
    parents = _parents(headings, ranks)
    taken = {h.start for h in headings}
    candidates = [
        ln for ln in lines if ln.start not in taken and is_garbled_heading(ln.text, config)
    ]
    if not candidates:
        return headings
    inferred: list[_Heading] = []
    last_sibling: dict[tuple[int, str], _Heading] = {}
    for i, h in enumerate(headings):
        if not h.scheme:
            continue
        key = (parents[i], h.scheme)
        prev = last_sibling.get(key)
        if prev is not None:
            low, expect_from = prev.start, prev.value + 1
        else:
            parent = parents[i]
            low = headings[parent].start if parent >= 0 else -1
            expect_from = 1
        missing = h.value - expect_from
        if missing > 0:
            between = [c for c in candidates if low < c.start < h.start and c.start not in taken]
            if len(between) == missing:
                taken.update(c.start for c in between)  # one garbled line fills one place
                for k, c in enumerate(between):
                    value = expect_from + k
                    title = run_in_title(garbled_title(c.text) or "", config)
                    inferred.append(
                        _Heading(c.start, h.scheme, value, canonical_number(h.scheme, value), title)
                    )
        last_sibling[key] = h
    if not inferred:
        return headings
    return sorted(headings + inferred, key=lambda h: h.start)


def _tree(headings: list[_Heading], text_len: int) -> list[Section]:
    ranks = _ranks(headings)
    roots: list[_Node] = []
    stack: list[_Node] = []
    for h in headings:
        while stack and _closes(stack[-1].heading, h, ranks):
            stack.pop().end = h.start
        node = _Node(h, level=len(stack) + 1)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    for node in stack:
        node.end = text_len
    return [n.freeze() for n in roots]


def build_outline(text: str, config: OutlineConfig = DEFAULT_CONFIG) -> list[Section]:
    """Top-level sections of `text` (the repaired clean text), children nested."""
    lines = _lines(text)
    headings = _find_headings(lines, config)
    headings = _infer_garbled(headings, lines, config)
    return _tree(headings, len(text))

"""Line-structure repair: every heading and every paragraph on a line of its own.

Scraped and copied reports lose their line structure in these ways, each repaired by a pass:

- line_break_restored: a copied page whose every line break became a single space (枣庄:
  the whole report on one line, "…在全市深 入开展…"). The spaces between CJK characters
  give the page width; each printed line goes back on a line of its own for line_join.
- letter_spacing: a heading spaced out to its line's width ("( 九 )   結 語").
- paragraph_break: the whole report on one line, paragraphs separated only by runs of
  spaces ("   ", " \u2003\u2003"). Such a line is cut at every run.
- item_split: numbered items run together ("…5G基站800个。 2. 提供企业金融服务。…"). A
  number after a sentence end starts a new line only when it continues the sequence of
  its scheme (previous item 1 → 2), so "第2." "1.5亿元" and dates are never split.
- line_join: a paragraph or heading broken over two lines ("逐步把相关" / "类热线整合到…",
  "四、聚焦提供优质高效" / "办实事"), the speaker line split before the name, a number
  whose text went to the next line ("46." / "9 月…"), and every line of a text
  hard-wrapped at a fixed width (measured in half-ems, with the shorter first line of each
  paragraph, which lost its indent). A heading the report's table of contents lists is
  joined as the contents gives it ("(三) 新氣象" / "新未來") and never glued to its
  neighbours.

Only whitespace is removed or inserted, so no character of the text is lost. The passes
run until nothing changes, which makes the repair idempotent.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from explorer.core.clean.contents import find_contents, locate
from explorer.core.clean.headings import (
    LIST_LABEL,
    Marker,
    is_garbled_heading,
    is_part_heading,
    match_marker,
    starts_heading,
    strip_indent,
)

_WS = " \t\r\u3000\u2003\u2002\u00a0"

# A paragraph separator inside a one-line report: two or more blanks of which at least one
# is an ideographic/em space (the indent of the next paragraph), or three plain spaces.
_SEPARATOR = re.compile(r"[ \t\u00a0]*[\u3000\u2003][ \t\u00a0\u3000\u2003]+|[ \t\u00a0]{3,}")
# The salutation that opens a report, often glued to the speaker line by a single space.
_SALUTATION = re.compile(r"[ \t\u00a0\u3000\u2003]+(?=各位代表[：:！!，,])")

# Where an item may end and the next one begin (the lookahead keeps the candidates few:
# something that can start a number must follow).
_SENTENCE_END = re.compile(
    r"[。；！？!;]([ \t\u00a0\u3000\u2003]*)(?=[（(\d一二三四五六七八九十第\u2460-\u2473])"
)

# Line endings after which the sentence is not finished: a character, or an opening mark.
_OPEN_ENDINGS = set("，、,（(《“‘")
# Characters half an em wide: ASCII and the half-width forms (what East Asian Width calls
# narrow and half-width); everything else in a report is set full width.
_NARROW = re.compile(r"[\x00-\x7f\uff61-\uffdc\uffe8-\uffee]")
# The space first: opened with its look-behind, the pattern was tried at every character.
_INNER_SPACE = re.compile(r" (?<=\S )(?=\S)")
_SENTENCE_ENDS = set("。！？；：!?;:.…")
_INNER_PUNCT = re.compile(r"[，。；,;]")
_PAIRS = (("“", "”"), ("（", "）"), ("《", "》"), ("‘", "’"))
_SALUTATION_LINE = re.compile(r"各位代表[：:！!，,]")
_ANY_PUNCT = re.compile(r"[，。、；：！？,.;:!?“”\"《》（）()]")
_TERMINATORS = re.compile(r"[。！？；：!?;:]")
# Prose enumerations and dash lists start paragraphs of their own.
_PARAGRAPH_OPENER = re.compile(
    r"(?:[一二三四五六七八九十]+[是要]|第[一二三四五六七八九十]+[，,、]|[—-])"
)
# "国务院总理　" / "李　强": an office title alone on a line, the name on the next.
_OFFICE_END = re.compile(r"(?:总理|省长|市长|区长|县长|州长|盟长|旗长|主席|主任)$")
_NAME = re.compile(r"[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){1,3}")


@dataclass(frozen=True)
class StructureConfig:
    # A line this long, holding at least `one_line_min_separators` separator runs, is a
    # whole report (or a large part of one) that lost its line breaks.
    one_line_min_chars: int = 200
    one_line_min_separators: int = 3
    # A long line with this many single spaces between CJK characters, at a regular
    # interval, is a copied page whose line breaks became spaces.
    spaced_min_breaks: int = 20
    # A line that stops without a sentence end is half a paragraph only if it is at least
    # this long and reads as prose; shorter ones are titles, dates, names or page chrome.
    join_min_chars: int = 40
    # A heading broken in two: its second half is short and has no punctuation.
    heading_tail_max_chars: int = 12
    max_heading_chars: int = 40
    # A text is hard-wrapped when this share of its lines (of at least `wrap_min_lines`)
    # have the same length within one character.
    wrap_min_lines: int = 8
    wrap_min_share: float = 0.5
    wrap_mixed_share: float = 0.25
    wrap_mixed_open: float = 0.8
    wrap_min_width: int = 16  # characters
    max_wrap_chars: int = 120  # no page is wider
    # Half-ems a line may fall short of the wrap width and still be a cut line: a lost
    # two-character paragraph indent, or punctuation the typesetter squeezed.
    wrap_slack: int = 6
    max_indent_chars: int = 6  # a paragraph's first line is at most this much shorter
    max_passes: int = 4


DEFAULT_CONFIG = StructureConfig()


def _unbalanced(s: str) -> bool:
    """An opening quote or bracket that the line never closes."""
    return any(s.count(o) > s.count(c) for o, c in _PAIRS)


def _is_bare_number(line: str) -> bool:
    """"46." alone: joined to "9 月…" it must stay "46. 9 月", not the decimal 46.9."""
    _, stripped = strip_indent(line)
    marker = match_marker(stripped)
    return marker is not None and marker.end == len(stripped)


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _is_cjk_or_alnum(ch: str) -> bool:
    return ch.isalnum() or _is_cjk(ch)


def _may_hold_separator(line: str, first: int, last: int) -> bool:
    """Whether line[first:last] may hold a _SEPARATOR: each holds an ideographic or em
    space, or three blanks of which, without tabs and no-break spaces, all are spaces.
    A few substring searches spare the regex, which tries a match at every character."""
    return (
        line.find("\u3000", first, last) >= 0
        or line.find("\u2003", first, last) >= 0
        or line.find("   ", first, last) >= 0
        or line.find("\t", first, last) >= 0
        or line.find("\u00a0", first, last) >= 0
    )


@dataclass
class _Readings:
    """What the passes of one repair learnt about lines, each a function of its key alone
    (config and wrap are fixed for a repair): a long text repeats lines, and the confirming
    pass reads mostly the lines the first one read."""

    whole: set[str] = field(default_factory=set)  # long lines break_paragraphs left whole
    items: dict[str, tuple[Marker | None, bool]] = field(default_factory=dict)  # split_items
    joins: dict[tuple[str, str, str | None], str | None] = field(default_factory=dict)  # join_lines
    stripped: dict[str, str] = field(default_factory=dict)  # strip_indent(line)[1]
    # Whether the text repeats lines at all: remembering costs more than it spares where
    # nothing repeats (a long text of distinct lines), so then nothing is remembered.
    repeats: bool = True


def _repeats(lines: list[str]) -> bool:
    """Whether at most half the lines are distinct."""
    return 2 * len(set(lines)) <= len(lines)


def break_paragraphs(
    lines: list[str], counts: Counter[str], config: StructureConfig, readings: _Readings | None = None
) -> list[str]:
    out: list[str] = []
    # A line is cut by its own blanks alone: each distinct long line is read once (those
    # left whole; a cut line is rare and read each time, so that its cuts are counted).
    whole = (readings or _Readings()).whole  # a set look-up only for long lines: kept always
    for line in lines:
        if len(line) < config.one_line_min_chars or line in whole:
            out.append(line)
            continue
        if _cut_paragraphs(line, out, counts, config):
            continue
        whole.add(line)
        out.append(line)
    return out


def _cut_paragraphs(line: str, out: list[str], counts: Counter[str], config: StructureConfig) -> bool:
    """Append the paragraphs of a long line to `out` and count the cuts, if it holds
    enough separators to be cut; else False, and nothing is appended."""
    first = len(line) - len(line.lstrip(_WS))  # where the line's text starts and ends
    last = len(line.rstrip(_WS))
    if not _may_hold_separator(line, first, last):
        return False
    runs = [m for m in _SEPARATOR.finditer(line) if first < m.start() and m.end() < last]
    if len(runs) < config.one_line_min_separators:
        return False
    cuts = sorted(
        [(m.start(), m.end()) for m in runs]
        + [(m.start(), m.end()) for m in _SALUTATION.finditer(line) if m.start() > 0]
    )
    pieces: list[str] = []
    pos = 0
    for start, end in cuts:
        if start < pos:
            continue
        pieces.append(line[pos:start])
        pos = end
    pieces.append(line[pos:])
    counts["paragraph_break"] += len(pieces) - 1
    out.extend(pieces)
    return True


def _is_sure_break(line: str, at: int) -> bool:
    """A single space between two CJK characters or marks: no writer puts one there, so it
    is where a copied line ended. Next to a digit or Latin letter it may be the spacing a PDF
    puts around a number ("2023 年")."""
    before, after = line[at - 1], line[at + 1]
    return not (before.isascii() or after.isascii())


def _line_ends_at(segment: str, before: str, wrapped_at: int, config: StructureConfig) -> bool:
    """Whether the space after `segment` (a copied line so far) ended that line."""
    if text_width(segment) >= wrapped_at - config.wrap_slack:
        return True  # a full line
    if segment[-1] in "。！？；：!?;:":
        return True  # a paragraph's last line
    marker = match_marker(segment)
    # A heading on a line of its own ("一、2023年工作回顾 2023 年是…"), unless the space is
    # the one after a number inside the title ("二、2024 年工作安排").
    return (
        marker is not None
        and not before.isdigit()
        and len(segment) <= config.max_heading_chars
        and not _TERMINATORS.search(segment[marker.end :])
    )


def restore_line_breaks(text: str, counts: Counter[str], config: StructureConfig) -> str:
    """A report whose line breaks all became single spaces (a PDF page copied as one line):
    the spaces between CJK characters mark where each printed line ended, and their spacing
    gives the page width. Each such line is put back on a line of its own; joining the
    cut paragraphs is then the ordinary work of line_join."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) < config.one_line_min_chars:
            out.append(line)
            continue
        spaces = [m.start() for m in _INNER_SPACE.finditer(line)]
        sure = [i for i in spaces if _is_sure_break(line, i)]
        if len(sure) < config.spaced_min_breaks:
            out.append(line)
            continue
        widths = Counter(
            text_width(line[a + 1 : b]) // 4 * 4 for a, b in zip([-1, *sure], sure, strict=False)
        )
        bin_start, most = widths.most_common(1)[0]
        if most < 0.4 * len(sure) or bin_start < 2 * config.wrap_min_width:
            out.append(line)  # spaces at no regular interval: prose with blanks, not lines
            continue
        wrapped_at = bin_start + 4
        pieces: list[str] = []
        start = 0
        for at in spaces:
            segment = line[start:at]
            if _is_sure_break(line, at) or _line_ends_at(segment, line[at - 1], wrapped_at, config):
                pieces.append(segment)
                start = at + 1
        pieces.append(line[start:])
        counts["line_break_restored"] += len(pieces) - 1
        out.append("\n".join(pieces))
    return "\n".join(out)


# A letter-spaced heading, spaced to the width of its line: "( 九 )   結 語", "附 件 ： 指 定".
_SPACED_CHARS = re.compile(r"\S(?:[ \u3000]+\S){2,}")


def _gap_width(gap: str) -> int:
    return len(gap) + gap.count("\u3000")


def close_letter_spacing(text: str, counts: Counter[str], config: StructureConfig) -> str:
    """Close up short lines spaced out one character at a time, keeping one space where
    the spacing was wider than the line's narrowest gap (after the number). Lines of CJK
    characters alone are closed by whitespace normalisation; these hold a number or a mark
    as well. An ideographic space is as wide as two spaces: a line spaced with them
    throughout is closed up whole, and a kept space is never spacing a second repair
    would close (repair is idempotent)."""
    out: list[str] = []
    for line in text.split("\n"):
        if " " not in line and "\u3000" not in line:
            out.append(line)  # no gap to close (most lines: two scans, no strip)
            continue
        _, stripped = strip_indent(line)
        if (
            len(stripped) <= config.max_heading_chars * 2
            and _SPACED_CHARS.fullmatch(stripped)
            and all(len(token) == 1 for token in stripped.split())
            and sum(map(_is_cjk, stripped)) >= 2
        ):
            tokens = re.split(r"([ \u3000]+)", stripped)  # character, gap, character, ...
            narrowest = min(map(_gap_width, tokens[1::2]))
            closed = "".join(
                piece if i % 2 == 0 else (" " if _gap_width(piece) > narrowest else "")
                for i, piece in enumerate(tokens)
            )
            counts["letter_spacing"] += 1
            line = line[: len(line) - len(line.lstrip(_WS))] + closed
        out.append(line)
    return "\n".join(out)


def split_items(lines: list[str], counts: Counter[str], readings: _Readings | None = None) -> list[str]:
    last: dict[str, int] = {}  # scheme -> value of the latest item seen
    out: list[str] = []
    # A line's own marker, and whether a numbering marker follows a sentence end in it (else
    # nothing in it can split), depend on the line alone: read once per distinct line.
    readings = readings or _Readings(repeats=_repeats(lines))
    known = readings.items if readings.repeats else {}
    for line in lines:
        if not line:
            out.append(line)  # half the lines of most texts: no number, nothing to split
            continue
        reading = known.get(line)
        if reading is None:
            reading = (
                match_marker(strip_indent(line)[1]),
                any(match_marker(line, m.end()) is not None for m in _SENTENCE_END.finditer(line)),
            )
            if readings.repeats:
                known[line] = reading
        marker, may_split = reading
        if marker is not None:
            last[marker.scheme] = marker.value
        if not may_split:
            out.append(line)
            continue
        pieces: list[str] = []
        rest = line
        while True:
            for m in _SENTENCE_END.finditer(rest):
                # Matched in place: a copy of the rest of the line at every sentence end
                # made a long line quadratic.
                nxt = match_marker(rest, m.end())
                if (
                    nxt is not None
                    and nxt.scheme in last
                    and nxt.value == last[nxt.scheme] + 1
                    and rest[m.end() + nxt.end :].strip(_WS)
                    # "。2、3月份" is a span of months, not item 2
                    and not rest[m.end() + nxt.end :].lstrip(_WS)[:1].isdigit()
                ):
                    pieces.append(rest[: m.start() + 1])
                    rest = rest[m.end() :]
                    last[nxt.scheme] = nxt.value
                    counts["item_split"] += 1
                    break
            else:
                break
        pieces.append(rest)
        out.extend(pieces)
    return out


def text_width(s: str) -> int:
    """Width in half-ems, the unit a page wraps at: a CJK character or full-width mark is two,
    a digit or Latin letter one ("增长6.5%" is as wide as five characters, not seven)."""
    return 2 * len(s) - len(_NARROW.findall(s))


@dataclass(frozen=True)
class Wrap:
    """How a hard-wrapped text was cut, in half-ems."""

    width: int  # the page's line width
    first: int | None = None  # a paragraph's first line, shorter by the indent it lost


def wrap_width(lines: list[str], config: StructureConfig) -> Wrap | None:
    """How a hard-wrapped text (PDF or e-mail copy) was cut, else None.

    In such a text most lines have the same width give or take a character, and most of
    those stop mid-sentence; ordinary paragraphs vary from a few characters to a thousand
    and end with a full stop. Width, not length: a line holding figures has more characters.
    The first line of each paragraph lost its indent (two characters, or four after a
    hanging paragraph number), so its width is measured apart: the common width of lines
    that follow a paragraph's end."""
    stripped = [s for s in (strip_indent(line)[1] for line in lines) if s]
    long_lines = [s for s in stripped if len(s) >= 10]
    if len(long_lines) < config.wrap_min_lines:
        return None
    # A cut line is never longer than a page is wide: paragraphs on one line need no width.
    widths = [text_width(s) if len(s) <= config.max_wrap_chars else -1 for s in long_lines]
    counts = Counter(widths)
    # The page width is the widest common width: the first lines of short paragraphs may
    # be as common, but they are shorter.
    counts.pop(-1, None)
    if not counts:
        return None
    near = {w: sum(counts[w + d] for d in (-1, 0, 1)) for w in counts}
    width = max(w for w in counts if near[w] >= 0.5 * max(near.values()))
    share = sum(counts[width + d] for d in (-2, -1, 0, 1, 2))
    if width < 2 * config.wrap_min_width or share < config.wrap_min_lines:
        return None
    at_width = [s for s, w in zip(long_lines, widths, strict=True) if abs(w - width) <= 2]
    open_ended = sum(1 for s in at_width if _is_cjk_or_alnum(s[-1]) or s[-1] in _OPEN_ENDINGS)
    # Most lines at one width, most of them cut mid-sentence; or fewer (a report with
    # tables or lists in another layout), nearly all of them cut.
    wrapped = (
        share >= config.wrap_min_share * len(long_lines)
        and open_ended >= config.wrap_min_share * len(at_width)
    ) or (
        share >= config.wrap_mixed_share * len(long_lines)
        and open_ended >= config.wrap_mixed_open * len(at_width)
    )
    if not wrapped:
        return None
    openers = Counter(
        w
        for prev, line in zip(stripped, stripped[1:], strict=False)
        if prev[-1] in _SENTENCE_ENDS or match_marker(prev) is not None
        if width - 2 * config.max_indent_chars <= (w := text_width(line)) < width - 2
    )
    first, n_first = _mode(openers) if openers else (0, 0)
    return Wrap(width, first if n_first >= config.wrap_min_lines else None)


def _mode(counts: Counter[int]) -> tuple[int, int]:
    """The most common width, counting its neighbours within a character."""
    return max(
        ((w, sum(counts[w + d] for d in (-2, -1, 0, 1, 2))) for w in counts), key=lambda ws: ws[1]
    )


def _full_width(line: str, wrap: Wrap | None, config: StructureConfig) -> bool:
    """A line that reaches the wrap width: it was cut by the page, not ended by the writer.
    Some slack is allowed for punctuation the typesetter squeezed, and a paragraph's
    first line may be short by its lost indent."""
    if wrap is None:
        return False
    width = text_width(line)
    return width >= wrap.width - config.wrap_slack or (
        wrap.first is not None and abs(width - wrap.first) <= 2
    )


def _join_kind(
    a: str,
    b: str,
    after: str | None,
    config: StructureConfig,
    wrap: Wrap | None = None,
    a_s: str | None = None,
    b_s: str | None = None,
) -> str | None:
    """How line `b` continues line `a`: "speaker", "text", or None for a real break.
    `a_s`, `b_s`: their strip_indent texts when the caller has them already."""
    if a_s is None:
        _, a_s = strip_indent(a)
    if b_s is None:
        _, b_s = strip_indent(b)
    if not a_s or not b_s:
        return None
    if (
        _OFFICE_END.search(a_s)
        and _NAME.fullmatch(b_s)
        and len(a_s) <= config.join_min_chars
        and not _ANY_PUNCT.search(a_s)
    ):
        return "speaker"
    # An indented line opens a paragraph; a heading or an enumeration opens a block.
    if (
        len(b) - len(b.lstrip(_WS)) >= 2
        or starts_heading(b_s)
        or _PARAGRAPH_OPENER.match(b_s)
        or LIST_LABEL.match(b_s)
    ):
        return None
    marker = match_marker(a_s)
    if (marker is not None and not a_s[marker.end :].strip(_WS)) or LIST_LABEL.fullmatch(a_s):
        return "text"  # a bare number ("1.", "(三)", "(ii)") whose text went to the next line
    last = a_s[-1]
    # A full line of a wrapped text may stop at any mark but a sentence end ("…“1131”" /
    # "突破工程…", "…增长6.5%" / "左右").
    cut_after_mark = last not in _SENTENCE_ENDS and _full_width(a_s, wrap, config)
    if not (_is_cjk_or_alnum(last) or last in _OPEN_ENDINGS or cut_after_mark):
        return None
    if marker is not None and not _TERMINATORS.search(a_s[marker.end :]):
        # A heading whose last words went to the next line ("四、聚焦提供优质高效" / "办实事").
        _, after_s = strip_indent(after or "")
        if (
            len(a_s) <= config.max_heading_chars
            and len(b_s) <= config.heading_tail_max_chars
            and not _ANY_PUNCT.search(b_s)
            and any(_is_cjk(ch) for ch in b_s)  # not a page or paragraph locator
            and (not after_s or starts_heading(after_s))
        ):
            return "text"
        if _full_width(a_s, wrap, config):
            return "text"  # a long heading hard-wrapped like the paragraphs
        return None
    if marker is None and (is_part_heading(a_s) or is_garbled_heading(a_s)):
        return None
    if is_part_heading(b_s) or _SALUTATION_LINE.match(b_s):
        return None
    if last in _OPEN_ENDINGS or _unbalanced(a_s):
        return "text"  # the sentence visibly goes on
    if len(a_s) >= config.join_min_chars and _INNER_PUNCT.search(a_s):
        return "text"  # a paragraph cut mid-sentence
    if _full_width(a_s, wrap, config):
        return "text"  # a full-width line of a hard-wrapped text
    return None


def join_lines(
    lines: list[str],
    counts: Counter[str],
    config: StructureConfig,
    wrap: Wrap | None = None,
    headings: frozenset[str] = frozenset(),
    readings: _Readings | None = None,
) -> list[str]:
    """`readings`: shared by the passes of one repair (the same config and wrap)."""
    out: list[str] = []
    # Each line is stripped once: as the line joined and then as the one joined to.
    last_s = ""  # strip_indent(out[-1])[1]
    # How a line continues the one before is a function of the two and the line after
    # (config and wrap are fixed for a repair): a long text asks about the same three lines
    # many times (its boilerplate, a repeated list), each distinct triple once.
    readings = readings or _Readings(repeats=_repeats(lines))
    kinds, stripped, memo = readings.joins, readings.stripped, readings.repeats
    for i, line in enumerate(lines):
        known_s = stripped.get(line) if memo else None
        if known_s is None:
            known_s = strip_indent(line)[1]
            if memo:
                stripped[line] = known_s
        line_s = known_s
        if out and not (headings and {last_s, line_s} & headings):
            after = lines[i + 1] if i + 1 < len(lines) else None
            if not memo:
                kind = _join_kind(out[-1], line, after, config, wrap, last_s, line_s)
            elif (key := (out[-1], line, after)) in kinds:
                kind = kinds[key]
            else:
                kind = kinds[key] = _join_kind(out[-1], line, after, config, wrap, last_s, line_s)
            if kind is not None:
                prev = out[-1]
                body = line.lstrip(_WS)
                if kind == "speaker":
                    # Keep the blank between office and name; add one if there was none.
                    glue = "" if prev != prev.rstrip(_WS) else " "
                    out[-1] = prev + glue + body
                else:
                    head = prev.rstrip(_WS)
                    glue = (
                        " "
                        if head[-1:].isascii()
                        and (head[-1:].isalnum() or _is_bare_number(head))
                        and body[:1].isascii()
                        and body[:1].isalnum()
                        else ""
                    )
                    out[-1] = head + glue + body
                _, last_s = strip_indent(out[-1])
                counts["line_join"] += 1
                continue
        out.append(line)
        last_s = line_s
    return out


def join_contents_headings(text: str, counts: Counter[str]) -> tuple[str, frozenset[str]]:
    """Join the body headings that the report's table of contents shows were broken over
    lines ("(三) 新氣象" / "新未來"); returns the text and the heading lines, which no other
    join may touch (the contents lists "不忘初心" apart from the chapter title above it)."""
    lines = text.split("\n")
    stripped = [strip_indent(line)[1] for line in lines]
    contents = find_contents(stripped)
    if contents is None:
        return text, frozenset()
    found = locate(contents, stripped)
    headings: set[str] = set()
    for hit in reversed(found):
        pieces = stripped[hit.line : hit.line + hit.span]
        heading = pieces[0]
        for piece in pieces[1:]:
            words = _is_cjk_or_alnum(heading[-1]) and _is_cjk_or_alnum(piece[0])
            heading += (" " if words else "") + piece
        if hit.span > 1:
            lines[hit.line : hit.line + hit.span] = [heading]
            counts["line_join"] += hit.span - 1
        headings.add(heading)
    return "\n".join(lines), frozenset(headings)


def repair_structure(
    text: str, config: StructureConfig = DEFAULT_CONFIG
) -> tuple[str, dict[str, int]]:
    """Restore line structure; returns the new text and counts by kind of repair."""
    counts: Counter[str] = Counter()
    text = restore_line_breaks(text, counts, config)
    text = close_letter_spacing(text, counts, config)
    text, headings = join_contents_headings(text, counts)
    # Measured once on the input: joining changes the line lengths it is read from.
    lines = text.split("\n")
    wrap = wrap_width(lines, config)
    readings = _Readings(repeats=_repeats(lines))
    # The passes hand each other lines, not text: no piece holds a line break, so the
    # lines are equal exactly when the texts they make are.
    for _ in range(config.max_passes):
        new = break_paragraphs(lines, counts, config, readings)
        new = split_items(new, counts, readings)
        new = join_lines(new, counts, config, wrap, headings, readings)
        if new == lines:
            break
        lines = new
    return "\n".join(lines), {k: v for k, v in counts.items() if v}

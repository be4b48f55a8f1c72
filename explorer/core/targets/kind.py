"""Plan or result: is a figure a target ("target") or a reported result ("achievement")?

A report delivered for year Y reviews Y−1 and plans Y, so the year a statement is about
decides first; the words of the part it stands in come next. In order:
  1. the sentence: a time frame named before the figure ("2023年，…", "到2025年", "今年",
     "过去一年") — a year before Y is a result, Y or later a plan;
  2. the paragraph: the time frame its first sentence opens with ("2023年，我们重点抓了以下
     工作：", "今年经济社会发展主要预期目标是：");
  3. the nearest kind-deciding heading before the figure, from the outline or from the text
     itself (a heading line, or a numbered heading inside a report that lost its line
     breaks): its year first ("2024年发展思路", "奋力完成2023年…任务"), then its words
     (工作回顾 → achievement; 工作安排 / 预期目标 / 工作建议 → target). The nearest one wins,
     so a plan part the outline missed ("2024年工作安排建议" nested under the review) still
     counts;
  4. the time frame of the last paragraph that opened with one, for reports without part
     headings ("2023年，…" … "2024年是…");
  5. cue words in the sentence (力争, 确保, 年内 / 完成了, 预计全年完成, 五年来);
  6. otherwise "target": documents without a review part (重点工作, 实事 lists) are plans.
Without a known report year only relative frames (今年, 去年, 过去一年) and words count.
All matching is done on folded text (Simplified script), so Traditional reports work too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from explorer.core.model import Section, walk_sections
from explorer.core.scripts import fold
from explorer.core.targets.figures import LastMark

TARGET = "target"
ACHIEVEMENT = "achievement"

_ACHIEVEMENT_TITLE = re.compile(r"回顾|过去.{0,3}年|五年来|一年来|主要成绩|成绩回顾|去年工作")
_TARGET_TITLE = re.compile(
    r"安排|目标|任务|计划|打算|部署|总体要求|政策取向|工作重点|重点工作|主要工作|今后|未来"
    r"|发展思路|总体思路|工作建议"
)

# A heading: a short line, or a numbered heading (一、 / （一） / 二是 / 1.) running up to
# the first full stop or comma inside a long line (reports whose line breaks were lost).
_MAX_HEADING = 40
# Searched through the whole text: the lookahead names the characters a match starts
# with, so re skips to those instead of trying the pattern at every character.
_NUMBERED_HEADING = re.compile(
    r"(?=[一二三四五六七八九十（(])(?:^|(?<=[。！？!?；;：:\s]))(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])"
    r"[^。！？!?\n]{2,36}?(?=[。，,：:\n]|$)",
    re.M,
)

# Sentence cues. Checked in this order: the first pattern that matches decides, so the
# more specific "预计全年完成" (a result) is tested before "全年" (a plan).
_SENTENCE_CUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"预计全年(?:可)?完成|预计全年|完成了|实现了|达到了|五年来|过去一年|过去五年|一年来|去年|上年度|已经|已完成|已建成|累计完成|目前|最新"), ACHIEVEMENT),
    (re.compile(r"力争|确保|年内|全年|今年|到20\d\d年|20\d\d年底前|计划|预期|目标|将|争取|努力"), TARGET),
)

# "全面完成“十三五”目标任务" reports a result although it names 目标任务.
_COMPLETED_GOALS = re.compile(r"(?:全面完成|圆满完成|超额完成|胜利完成|完成了|实现了).{0,12}(?:目标|任务)")

# Time frames. A year is a frame unless it is a baseline ("比2023年", "较2022年同期",
# "从2020年的11万亩", "在2023年基础上"): those name the year compared with, not the one
# the figure is about. Relative frames count without a report year.
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)[ \u3000]*年(?!代)")
_BASELINE_BEFORE = re.compile(r"(?:比|较|同|与|和|从|由|自|相比|对比|高于|低于)[ \u3000]*$")
_BASELINE_AFTER = re.compile(r"^[ \u3000]*(?:的|同期|基础|水平|相比|相较|比较)")
_THIS_YEAR = re.compile(r"今年|本年度|年内|今后|未来五年|未来几年")
_LAST_YEAR = re.compile(r"(?<!比)(?<!较)(?:去年|过去一年|过去的一年|一年来|过去五年|五年来|上一年)")
# What may stand before a frame that opens a paragraph ("回顾过去一年，", "初步预计，2023年…").
# No "^": it is matched at the paragraph's offset, where "^" never matches but at offset 0.
_OPENING_LEAD = re.compile(
    r"(?:各位代表[，,！!：:]?|回顾|初步预计[，,]?|预计|力争|确保|到|至|截至|在|自|从|——|[ \u3000])*"
)
_DONE = re.compile(r"已经|已于|已达|已完成|已建成|已实现|已有")
_SENTENCE_END = "。！？!?\n"
_SENTENCE_END_MARK = re.compile("[" + re.escape(_SENTENCE_END) + "]")
_PART_OPENING = re.compile(r"(?<=[。！？!?])(?:(?:19|20)\d\d[ \u3000]*年|今年|去年)是")
# A "paragraph" longer than this is a report that lost its line breaks: its first
# sentence speaks for nothing but itself.
_MAX_PARAGRAPH = 2000


def part_openings(folded: str) -> list[tuple[int, int]]:
    """(start, end) of every _PART_OPENING match, in order. Each holds "年是": found with
    str.find, then read back, where the pattern (a look-behind first) was tried at every
    character of the text."""
    found: list[tuple[int, int]] = []
    at = folded.find("年是")
    while at >= 0:
        if at >= 1 and folded[at - 1] in "今去":
            start = at - 1
        else:
            digits = at
            while digits > 0 and folded[digits - 1] in " \u3000":
                digits -= 1
            start = digits - 4  # (?:19|20)\d\d, \d being what isdecimal() says
            if not (
                start >= 0
                and folded[start : start + 2] in ("19", "20")
                and folded[start + 2].isdecimal()
                and folded[start + 3].isdecimal()
            ):
                start = -1
        if start >= 1 and folded[start - 1] in "。！？!?":
            found.append((start, at + 2))
        at = folded.find("年是", at + 1)
    return found


def _frames(folded: str, start: int, end: int, year: int | None) -> list[tuple[int, str]]:
    """(offset, kind) of every time frame in folded[start:end], in order."""
    if folded.find("年", start, end) < 0 and folded.find("今后", start, end) < 0:
        return []  # every frame but 今后 names a 年: most clauses are done with two finds
    found: list[tuple[int, str]] = []
    if year is not None:
        for m in _YEAR.finditer(folded, start, end):
            if _BASELINE_BEFORE.search(folded, max(start, m.start() - 4), m.start()):
                continue
            if _BASELINE_AFTER.match(folded[m.end() : m.end() + 4]):
                continue
            found.append((m.start(), ACHIEVEMENT if int(m.group(1)) < year else TARGET))
    found += [(m.start(), TARGET) for m in _THIS_YEAR.finditer(folded, start, end)]
    found += [(m.start(), ACHIEVEMENT) for m in _LAST_YEAR.finditer(folded, start, end)]
    found.sort()
    return found


def _title_year_kind(folded_title: str, year: int | None) -> str | None:
    """A heading that names only past years reviews, one naming only coming years plans."""
    kinds = {k for _, k in _frames(folded_title, 0, len(folded_title), year)}
    return kinds.pop() if len(kinds) == 1 else None


def _classify_words(title: str) -> str | None:
    if _COMPLETED_GOALS.search(title):
        return ACHIEVEMENT
    a = _ACHIEVEMENT_TITLE.search(title)
    t = _TARGET_TITLE.search(title)
    if a and not t:
        return ACHIEVEMENT
    if t and not a:
        return TARGET
    if a and t:
        # "过去一年工作回顾与今年目标": whichever word comes last names what follows.
        return ACHIEVEMENT if a.start() > t.start() else TARGET
    return None


def classify_title(folded_title: str, year: int | None = None) -> str | None:
    return _title_year_kind(folded_title, year) or _classify_words(folded_title)


def classify_titles(titles: Sequence[str], year: int | None = None) -> str | None:
    """Kind from an outline path (outermost first): the innermost title that decides."""
    for title in reversed(titles):
        kind = classify_title(fold(title), year)
        if kind:
            return kind
    return None


def classify_sentence(folded_sentence: str) -> str | None:
    for pattern, kind in _SENTENCE_CUES:
        if pattern.search(folded_sentence):
            return kind
    return None


class _Marks:
    """Offsets with a kind, for "the nearest one at or before" look-ups."""

    def __init__(self, marks: dict[int, str]) -> None:
        self._starts = sorted(marks)
        self._kinds = [marks[s] for s in self._starts]

    def at(self, offset: int) -> str | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self._kinds[i] if i >= 0 else None


# A line's reading in KindDecider: (its kind as a heading line, whether it is a paragraph,
# the frame it opens with, ((offset in the line, kind) of each numbered heading in it)).
_LineReading = tuple[str | None, bool, str | None, tuple[tuple[int, str], ...]]


class KindDecider:
    """Everything in one report that decides kinds, gathered once (see the module doc)."""

    def __init__(
        self, folded: str, sections: Iterable[Section] = (), year: int | None = None
    ) -> None:
        self._folded = folded
        self._year = year
        self._newlines = LastMark(folded, "\n")  # kinds are asked for figures in order
        headings: dict[int, str] = {}
        # Outline titles first: where the outline and a line agree on an offset, the
        # outline's reading of the heading wins.
        title_kinds: dict[str, str | None] = {}  # a long text repeats its section titles
        for s in walk_sections(list(sections)):
            if s.title not in title_kinds:
                title_kinds[s.title] = classify_title(fold(s.title), year)
            kind = title_kinds[s.title]
            if kind:
                headings.setdefault(s.start, kind)
        openings: dict[int, str] = {}
        paragraphs: list[int] = []
        # What a line says (see _read_line) depends on the line alone: each distinct line
        # of a long text is read once.
        known: dict[str, _LineReading] = {}
        offset = 0
        for line in folded.split("\n"):
            reading = known.get(line) if offset else None
            if reading is None:
                reading = self._read_line(line, offset)
                if offset:  # the first line's opening is read in place (nothing before it)
                    known[line] = reading
            title_kind, paragraph, opening, numbered = reading
            if title_kind:
                headings.setdefault(offset, title_kind)
            # Numbered headings within the line, after the line's own reading as a title.
            for at, kind in numbered:
                headings.setdefault(offset + at, kind)
            if paragraph:
                paragraphs.append(offset)
                if opening:
                    openings[offset] = opening
            offset += len(line) + 1
        # A part may open inside a paragraph ("各位代表：现在，我代表…。2023年是…"): the
        # formula "<year>是…" opens one wherever it stands.
        for start, end in part_openings(folded):
            kind = self._opening_frame(start, end)
            if kind:
                openings.setdefault(start, kind)
        self._headings = _Marks(headings)
        self._openings = _Marks(openings)
        self._own_opening = {p: openings.get(p) for p in paragraphs}

    def _read_line(self, line: str, offset: int) -> _LineReading:
        """What the line at `offset` says: its kind as a heading line, whether it is a
        paragraph, the frame it opens with, and (offset in the line, kind) of the numbered
        headings inside it. The frame is read in the text up to the line's end or its first
        sentence end, with a line break before it for any line but the first; and no
        numbered heading spans a line break (its words stop at one, and "^", "$" and the
        look-behind see one alike at a line's ends): so the reading is the line's own."""
        year = self._year
        stripped = line.strip(" \t\u3000\r")
        title_kind = None
        if 2 <= len(stripped) <= _MAX_HEADING and not stripped.endswith(("。", "；", "，")):
            title_kind = classify_title(stripped, year)
        paragraph = bool(stripped) and len(line) <= _MAX_PARAGRAPH
        opening = None
        # Every frame names 年 or is 今后 (see _frames): a line without them opens with none,
        # and most lines are done here.
        if paragraph and ("年" in line or "今后" in line):
            opening = self._opening_frame(offset, offset + len(line))
        numbered = tuple(
            (m.start(), kind)
            for m in _NUMBERED_HEADING.finditer(line)
            if (kind := classify_title(m.group(), year))
        )
        return title_kind, paragraph, opening, numbered

    def _opening_frame(self, start: int, end: int) -> str | None:
        """The frame a paragraph opens with: at the start of its first sentence, or at the
        start of a clause of it ("各位代表，一年来，…")."""
        folded = self._folded
        first_end = _SENTENCE_END_MARK.search(folded, start, end)
        stop = first_end.start() if first_end else max(start, end)
        frames = _frames(folded, start, stop, self._year)
        if not frames:
            return None
        lead = _OPENING_LEAD.match(folded, start, stop)
        at = lead.end() if lead else start
        for pos, kind in frames:
            if pos == at or folded[pos - 1] in "，,：:；;":
                return kind
        return None

    def kind_at(self, offset: int, sentence_start: int, sentence_end: int) -> str:
        """The kind of the figure at `offset` in the sentence folded[sentence_start:sentence_end]."""
        folded = self._folded
        frames = _frames(folded, sentence_start, offset, self._year)
        if frames:
            if frames[-1][1] == TARGET and _DONE.search(folded, sentence_start, offset):
                return ACHIEVEMENT  # "已于今年6月达到…": this year's, but done
            return frames[-1][1]
        paragraph = self._newlines.before(offset) + 1
        own = self._own_opening.get(paragraph)
        return (
            own
            or self._headings.at(offset)
            or self._openings.at(offset)
            or classify_sentence(folded[sentence_start:sentence_end])
            or TARGET
        )

"""Plan or result: is a figure a target ("target") or a reported result ("achievement")?

Decided, in order, from
  1. the outline: the titles of the sections around the figure (工作回顾 → achievement;
     工作安排 / 预期目标 / 目标任务 → target);
  2. the nearest preceding heading-like line in the text itself, so the decision also
     works before (or without) an outline, e.g. "2022年工作回顾", "一、过去一年工作回顾",
     "二、2013年工作安排", and numbered headings inside a report that lost its line breaks;
  3. cue words in the sentence (力争, 确保, 年内, 到2025年 / 完成了, 预计全年完成, 五年来);
  4. otherwise "target": documents without a review part (重点工作, 实事 lists) are plans.
All matching is done on folded text (Simplified script), so Traditional reports work too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

TARGET = "target"
ACHIEVEMENT = "achievement"

_ACHIEVEMENT_TITLE = re.compile(r"回顾|过去.{0,3}年|五年来|一年来|主要成绩|成绩回顾|去年工作")
_TARGET_TITLE = re.compile(
    r"安排|目标|任务|计划|打算|部署|总体要求|政策取向|工作重点|重点工作|主要工作|今后|未来"
)

# A heading: a short line, or a numbered heading (一、 / （一） / 二是 / 1.) running up to
# the first full stop or comma inside a long line (reports whose line breaks were lost).
_MAX_HEADING = 40
_NUMBERED_HEADING = re.compile(
    r"(?:^|(?<=[。！？!?；;：:\s]))(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])"
    r"[^。！？!?\n]{2,36}?(?=[。，,：:\n]|$)",
    re.M,
)

# Sentence cues. Checked in this order: the first pattern that matches decides, so the
# more specific "预计全年完成" (a result) is tested before "全年" (a plan).
_SENTENCE_CUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"预计全年(?:可)?完成|预计全年|完成了|实现了|达到了|五年来|过去一年|过去五年|一年来|去年|上年度|已经|已完成|已建成|累计完成|目前"), ACHIEVEMENT),
    (re.compile(r"力争|确保|年内|全年|今年|到20\d\d年|20\d\d年底前|计划|预期|目标|将|争取|努力"), TARGET),
)


# "全面完成“十三五”目标任务" reports a result although it names 目标任务.
_COMPLETED_GOALS = re.compile(r"(?:全面完成|圆满完成|超额完成|胜利完成|完成了|实现了).{0,12}(?:目标|任务)")


def _classify_title(title: str) -> str | None:
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


def classify_titles(titles: Sequence[str]) -> str | None:
    """Kind from an outline path (outermost first): the innermost title that decides."""
    for title in reversed(titles):
        kind = _classify_title(title)
        if kind:
            return kind
    return None


class HeadingMarkers:
    """The kind-deciding headings found in one (folded) text, for quick lookback."""

    def __init__(self, folded: str) -> None:
        marks: dict[int, str] = {}
        offset = 0
        for line in folded.split("\n"):
            stripped = line.strip(" \t\u3000\r")
            if 2 <= len(stripped) <= _MAX_HEADING and not stripped.endswith(("。", "；", "，")):
                kind = _classify_title(stripped)
                if kind:
                    marks[offset] = kind
            offset += len(line) + 1
        for m in _NUMBERED_HEADING.finditer(folded):
            kind = _classify_title(m.group())
            if kind:
                marks.setdefault(m.start(), kind)
        self._starts = sorted(marks)
        self._kinds = [marks[s] for s in self._starts]

    def kind_at(self, offset: int) -> str | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self._kinds[i] if i >= 0 else None


def classify_sentence(folded_sentence: str) -> str | None:
    for pattern, kind in _SENTENCE_CUES:
        if pattern.search(folded_sentence):
            return kind
    return None


def decide_kind(
    section_titles: Sequence[str],
    markers: HeadingMarkers,
    offset: int,
    folded_sentence: str,
) -> str:
    return (
        classify_titles(section_titles)
        or markers.kind_at(offset)
        or classify_sentence(folded_sentence)
        or TARGET
    )

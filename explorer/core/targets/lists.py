"""Paired lists: "规上工业增加值、固定资产投资、一般公共预算收入分别增长7.5%、7.0%、15.1%".

The names before 分别 and the figures after it pair up by position. When one noun ends the
list and the names before it only modify it ("城镇、农村常住居民人均可支配收入", "一、二、三产
增加值", "体育、文创产业规模"), that noun is given to every name: 城镇常住居民人均可支配收入.
A list whose names and figures do not pair one to one is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explorer.core.targets.figures import Figure

_TOGETHER = "分别"
# Between two figures of one list: an enumeration mark or a conjunction, nothing else.
_FIGURE_GAP = re.compile(r"^[ \u3000]*(?:、|和|与|及|以及)[ \u3000]*$")
_NAME_SPLIT = re.compile(r"、")
_CONJUNCTION = re.compile(r"和|与|及")
# Nouns a list shares ("城镇、农村|常住居民人均可支配收入"): where the shared part begins in
# the last name. Folded (Simplified) spellings.
_SHARED_HEADS = (
    "常住居民", "居民", "人均", "产增加值", "产业", "增加值", "产量", "销售额", "营业额",
    "营业收入", "吞吐量", "贷款余额", "存款余额", "余额", "规模", "业务", "总量", "总额",
    "产值", "投资", "收入",
)

# "A、B、C三项增速分别为…": the count of the names, then what is measured of each.
_COUNTED_MEASURE = re.compile(r"[两二三四五六七八九十]+[项个类大](?P<measure>[\u4e00-\u9fff]{1,6})$")
# Only short names modify a shared noun; a longer one names its own measure.
_MAX_MODIFIER = 5


@dataclass(frozen=True)
class ListedName:
    start: int  # where the name is written (offset into the text)
    end: int
    name: str  # the name, completed with the shared noun when the list shares one


@dataclass(frozen=True)
class PairedList:
    names: tuple[ListedName, ...]  # one per figure, in order
    verb_start: int  # the words between 分别 and the first figure ("增长", "达到")
    verb_end: int


def _split(folded: str, a: int, b: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    spans = []
    pos = a
    for m in pattern.finditer(folded, a, b):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, b))
    return spans


def _shared_head(name: str) -> int:
    """Where the shared noun starts in `name` (folded), 0 when it has none."""
    found = [i for i in (name.find(h, 1) for h in _SHARED_HEADS) if i > 0]
    return min(found) if found else 0


def _parallel_head(folded_names: list[str]) -> int:
    """"国、省考断面水质优Ⅲ比例": one- or two-character names of one length before a long
    last name modify its rest; where that rest starts (0: they do not)."""
    lengths = {len(n) for n in folded_names[:-1]}
    if len(lengths) != 1:
        return 0
    (length,) = lengths
    return length if length <= 2 and len(folded_names[-1]) > length + 2 else 0


def list_members(figures: list[Figure], k: int, folded: str) -> int:
    """How many figures, from figure k on, are written one after another as one list."""
    n = 1
    while k + n < len(figures):
        gap = folded[figures[k + n - 1].end : figures[k + n].start]
        if not _FIGURE_GAP.match(gap):
            break
        n += 1
    return n


def paired_list(
    text: str, folded: str, a: int, b: int, figures: list[Figure], k: int
) -> PairedList | None:
    """The name of each figure k, k+1, … of a 分别 list whose words stand in text[a:b]
    (b: where figure k starts); None when there is no such list or it does not pair up."""
    together = folded.rfind(_TOGETHER, a, b)
    if together <= a:
        return None
    names_end = together
    while names_end > a and folded[names_end - 1] in " \u3000":
        names_end -= 1
    n = list_members(figures, k, folded)
    if n < 2:
        return None
    spans = _split(folded, a, names_end, _NAME_SPLIT)
    if len(spans) < n:
        # "城镇和农村居民人均可支配收入": the last name may hold a conjunction.
        last_a, last_b = spans.pop()
        spans += _split(folded, last_a, last_b, _CONJUNCTION)
    if len(spans) != n or any(s >= e for s, e in spans):
        return None
    counted = _COUNTED_MEASURE.search(folded, spans[-1][0], spans[-1][1])
    measure = ""
    if counted and counted.start() > spans[-1][0]:
        # "…、农村居民人均可支配收入三项增速": the measure of every name.
        measure = text[counted.start("measure") : counted.end()]
        spans[-1] = (spans[-1][0], counted.start())
    names = [text[s:e] for s, e in spans]
    folded_names = [folded[s:e] for s, e in spans]
    head = _shared_head(folded_names[-1]) or _parallel_head(folded_names)
    modifiers = folded_names[:-1] + [folded_names[-1][:head]]
    if head and all(len(m) <= _MAX_MODIFIER and not _shared_head(m) for m in modifiers):
        shared = names[-1][head:]
        names = [name + shared for name in names[:-1]] + [names[-1]]
    listed = tuple(ListedName(s, e, name + measure) for (s, e), name in zip(spans, names, strict=True))
    return PairedList(listed, together + len(_TOGETHER), b)

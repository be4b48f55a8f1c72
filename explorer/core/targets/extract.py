"""Quantified targets: indicator + figure + unit + qualifier, with kind, themes and span.

What a Target holds (see explorer.core.model.Target):
- value / value_high: the figure as written (9万人 → 9, unit "万人"). A single figure has
  value_high == value; a written range (增长5%—5.5%, 5%至5.5%) has value 5, value_high 5.5.
- unit, qualifier: normalised to Simplified script so filters work across scripts.
  The qualifier is the written one: a postfix (左右, 以上, 以内, 以下) wins over a prefix
  (不低于, 超过, 达到, 力争 ...), then 余/多; a range without one gets "range".
- indicator: what is measured, in the report's own script. Usually the words before the
  figure in its clause ("地区生产总值增长"); a change verb directly before the figure is
  kept (增长 / 下降 ...) because "PM2.5浓度下降10%" and "PM2.5浓度10%" differ, while a
  level verb (达到, 下降到, 控制在 ...) is dropped. For counts written before the noun
  ("建成14个生态廊道") the indicator is the noun, with a short leading verb ("建成生态廊道").
  A figure whose own words are only a change verb inherits the previous indicator of the
  sentence: "地区生产总值增长20%，达到282亿元" → 地区生产总值增长 20% and 地区生产总值 282亿元.
- start:end spans the indicator's first character to the end of the qualifier
  ("地区生产总值增长6.5%左右"), or to the end of the noun for count-before-noun forms;
  text == clean_text[start:end].
- section: the outline title path (" > " joined), "" when the report has no outline.
- sentence: the whole sentence the figure stands in.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from explorer.core.model import Section, Target
from explorer.core.scripts import fold, to_simplified
from explorer.core.targets.areas import figure_area
from explorer.core.targets.figures import Figure, LastMark, find_figures
from explorer.core.targets.kind import KindDecider
from explorer.core.targets.lists import ListedName, PairedList, paired_list
from explorer.core.targets.themes import Lexicon, current_lexicon

_CLAUSE_END = set("，,；;。：:！？!?\n")
_SENTENCE_END = set("。！？!?\n")
_SENTENCE_END_MARK = re.compile("[" + re.escape("".join(sorted(_SENTENCE_END))) + "]")
_OPEN_QUOTES = set("“「『‘《")
_CLOSE_QUOTES = set("”」』’》")
_SPACE = " \t\u3000\r"

# Words in front of an indicator that are not part of it (folded forms).
_LEAD_WORDS = (
    "预计全年", "其中", "同时", "另外", "并且", "确保", "力争", "力促", "争取", "努力",
    "预计", "全年", "年内", "今年", "当年", "并", "和", "及", "与", "以及", "或", "、", "且",
    # The whole territory is the report's own: "全市地区生产总值增长6.5%" measures 地区生产总值.
    "全市", "全区", "全县", "全州", "全盟", "全旗", "全省", "我市", "我区", "我县", "本市",
)
# Only a word starting with the character at hand can be skipped there (same order).
_LEAD_WORDS_BY_FIRST: dict[str, tuple[str, ...]] = {
    first: tuple(w for w in _LEAD_WORDS if w[0] == first) for first in {w[0] for w in _LEAD_WORDS}
}
# No "^": it is matched at a position (Pattern.match(folded, a, b)), where "^" never matches
# but at the text's first character, so no date was ever stripped.
_LEAD_DATE = re.compile(r"(?:到|至|在)?(?:20\d\d|19\d\d)年(?:底前|年底|底|末|前|内)?|\d{1,2}月(?:底|初|中旬|上旬|下旬|末)?前?")
_LEAD_PLAN_VERBS = ("力争", "确保", "力促", "争取")
# Verbs that only say "reach"; dropped from the indicator (the qualifier keeps the nuance).
_LEAD_REACH = ("完成", "实现")

# Prefix qualifiers directly before the figure, longest first. Mapped to the qualifier
# recorded (None: drop the word, record nothing).
_PREFIX_QUALIFIERS: tuple[tuple[str, str | None], ...] = (
    ("首次跃上", "突破"), ("首次突破", "突破"), ("跃上", "突破"), ("迈上", "突破"), ("站上", "突破"),
    ("分别达到", "达到"), ("累计达到", "达到"), ("平均达到", "达到"), ("稳定在", None),
    ("不低于", "不低于"), ("不少于", "不少于"), ("不高于", "不高于"), ("不超过", "不超过"),
    ("控制在", "控制在"), ("保持在", None), ("下降到", None), ("下降至", None), ("降低到", None),
    ("降低至", None), ("提高到", None), ("提高至", None), ("提升到", None), ("提升至", None),
    ("上升到", None), ("上升至", None), ("增加到", None), ("增加至", None), ("增长到", None),
    ("缩小至", None), ("缩小到", None), ("扩大到", None), ("扩大至", None), ("分别为", None),
    ("平均为", None), ("达到", "达到"), ("超过", "超过"), ("突破", "突破"), ("接近", "接近"),
    ("低于", "低于"), ("高于", "高于"), ("降至", None), ("增至", None), ("升至", None),
    ("分别", None), ("达", "达到"), ("超", "超过"), ("近", "近"), ("约", "约"), ("为", None),
    ("共", None), ("到", None), ("至", None), ("在", None),
)
_ONLY_CHANGE = re.compile(
    r"^(?:同比|年均|比上年|累计|分别|平均|均|再)*(?:增长|下降|提高|提升|降低|减少|增加|上升|增幅|降幅|压降|压缩)?$"
)
_TRAILING_CHANGE = re.compile(
    r"(?:同比|年均|比上年|累计|分别|平均|均|再)*(?:增长|下降|提高|提升|降低|减少|增加|上升|增幅|降幅|压降|压缩)$"
)
_MONEY = ("元", "美元", "欧元")
# Words after a figure that describe the level reached, not a thing counted (folded).
_MILESTONE_NOUNS = ("新台阶", "大关", "新高", "新水平", "关口", "台阶")
_MAX_NOUN = 30
_MAX_INDICATOR = 40
# An aside just before the figure ("同比增长（以下简称增长）8%") says how it is written,
# not what it measures.
_TRAILING_ASIDE = re.compile(r"[(（][^()（）]*[)）]$")
# 等 closing a list of examples; not 等 in a word (等级, 平等, 高等教育, 中等职业 …).
_EXAMPLES_END = re.compile(r"(?<![平同均对初高中上下次优])等(?![级待于同次第等])")
_GLOSSARY = re.compile(r"(?m)^[ \t\u3000]*(?:附[件录]?[:：]?[ \t\u3000]*)?名词解释[ \t\u3000:：]*$")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _glossary_start(folded: str) -> int:
    """Where an end-of-report glossary (名词解释) begins: its figures define, not target."""
    m = _GLOSSARY.search(folded)
    return m.start() if m else len(folded)


def _themes_of(lexicon: Lexicon, folded_words: str) -> tuple[str, ...]:
    """Themes named by some words. Examples a 等 closes illustrate; the words after 等 name
    the thing ("争取科创、人才、交通、环保等|各类政策资金"). The examples add their theme
    only when they all agree on one ("幼儿园、呼伦小学、南开路中学等|14个项目": 教育)."""
    ends = list(_EXAMPLES_END.finditer(folded_words))
    if not ends:
        return lexicon.match(folded_words)
    themes = lexicon.match(folded_words[ends[-1].end() :])
    named = lexicon.match(folded_words[: ends[-1].start()])
    if len(named) != 1 or named[0] in themes:
        return themes
    return tuple(n for n in lexicon.names if n in themes or n in named)


_QUOTE_MARK = re.compile("[" + re.escape("".join(sorted(_OPEN_QUOTES | _CLOSE_QUOTES))) + "]")


def _clause_start(folded: str, pos: int, clause_ends: LastMark | None = None) -> int:
    """Where the clause holding `pos` starts: after the last clause end before it that no
    quote encloses. `clause_ends`: the clause ends of `folded` (a cursor, asked in order)."""
    if clause_ends is not None:
        # With no quote mark after the last clause end, that end is the one: the walk
        # back below would reach it at depth 0 (most figures, and a walk of every character).
        last = clause_ends.before(pos)
        if _QUOTE_MARK.search(folded, last + 1, pos) is None:
            return last + 1
    i = pos - 1
    depth = 0
    while i >= 0:
        ch = folded[i]
        if ch in _CLOSE_QUOTES:
            depth += 1
        elif ch in _OPEN_QUOTES and depth > 0:
            depth -= 1
        elif depth == 0 and ch in _CLAUSE_END:
            return i + 1
        i -= 1
    return 0


def _noun_end(folded: str, pos: int, limit: int) -> int:
    """End of the noun phrase that follows a count (建成14个|生态廊道|，): up to the clause
    end, an enumeration comma outside quotes, or the next figure."""
    depth = 0
    i = pos
    while i < limit:
        ch = folded[i]
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in _CLAUSE_END or ch == "、"):
            break
        i += 1
    return i


def _sentence_bounds(folded: str, start: int, end: int, ends: LastMark) -> tuple[int, int]:
    """`ends`: the sentence ends of `folded`."""
    i = ends.before(start) + 1
    next_end = _SENTENCE_END_MARK.search(folded, end)
    j = next_end.start() if next_end else max(end, len(folded))
    if j < len(folded) and folded[j] != "\n":
        j += 1  # keep the full stop
    return i, j


def _run_in_heading(folded: str, sentence_start: int, newlines: LastMark) -> tuple[int, int] | None:
    """The short first sentence of the paragraph ("推动就业创业。", "13. 促进就业稳定增长。")
    or the short sentence just before this one, when it reads like a run-in heading.
    `newlines`: the line breaks of `folded`."""
    para = newlines.before(sentence_start) + 1
    candidates = []
    stop = folded.find("。", para, sentence_start + 1)
    if stop != -1:
        candidates.append((para, stop))
    prev_stop = sentence_start - 1
    if prev_stop > para and folded[prev_stop] == "。":
        prev_start = max(folded.rfind("。", para, prev_stop), para - 1) + 1
        candidates.append((prev_start, prev_stop))
    for a, b in candidates:
        body = folded[a:b].strip(_SPACE)
        if 2 <= len(body) <= 24 and "，" not in body and "," not in body:
            return a, b
    return None


def _strip_lead(folded: str, a: int, b: int) -> tuple[int, str]:
    """Skip words that precede an indicator; returns the new start and a plan qualifier
    (力争/确保) if one was skipped."""
    plan = ""
    changed = True
    while changed and a < b:
        changed = False
        while a < b and folded[a] in _SPACE:
            a += 1
            changed = True
        m = _LEAD_DATE.match(folded, a, b)
        if m and m.end() > a:
            a = m.end()
            changed = True
            continue
        for w in _LEAD_WORDS_BY_FIRST.get(folded[a], ()) if a < b else ():
            if folded.startswith(w, a) and a + len(w) <= b:
                if w in _LEAD_PLAN_VERBS and not plan:
                    plan = w
                a += len(w)
                changed = True
                break
    return a, plan


def _strip_prefix_qualifier(folded: str, a: int, b: int) -> tuple[int, str]:
    """Drop the level verb / qualifier that ends the indicator region; return the new end
    and the qualifier to record."""
    while b > a and folded[b - 1] in _SPACE:
        b -= 1
    if b == a:
        return b, ""
    for word, qualifier in _PREFIX_QUALIFIERS_BY_LAST.get(folded[b - 1], ()):
        if b - len(word) >= a and folded.startswith(word, b - len(word)):
            return b - len(word), qualifier or ""
    return b, ""


def _by_last_character(
    words: tuple[tuple[str, str | None], ...],
) -> dict[str, tuple[tuple[str, str | None], ...]]:
    """The words grouped by their last character, each group in the words' order: only a
    word ending in the character before the figure can end there."""
    groups: dict[str, list[tuple[str, str | None]]] = {}
    for word, qualifier in words:
        groups.setdefault(word[-1], []).append((word, qualifier))
    return {last: tuple(group) for last, group in groups.items()}


_PREFIX_QUALIFIERS_BY_LAST = _by_last_character(_PREFIX_QUALIFIERS)


class _SectionPaths:
    """section_path() for many offsets. A level whose sections are in order and do not
    overlap (every outline build_outline makes) is searched by bisection; any other level
    as section_path searches it, first match in list order. A scan of every top-level
    section per target made a large text's extraction quadratic."""

    def __init__(self, sections: Sequence[Section]) -> None:
        self._top = tuple(sections)
        self._starts: dict[int, tuple[tuple[Section, ...], list[int] | None]] = {}

    def path(self, offset: int) -> list[Section]:
        path: list[Section] = []
        level = self._top
        while (inner := self._containing(level, offset)) is not None:
            path.append(inner)
            level = tuple(inner.children)
        return path

    def _containing(self, level: tuple[Section, ...], offset: int) -> Section | None:
        known = self._starts.get(id(level))
        if known is None or known[0] is not level:
            ordered = all(a.start <= a.end <= b.start for a, b in zip(level, level[1:], strict=False))
            known = self._starts[id(level)] = (level, [s.start for s in level] if ordered else None)
        starts = known[1]
        if starts is None:
            return next((s for s in level if s.start <= offset < s.end), None)
        i = bisect.bisect_right(starts, offset) - 1
        return level[i] if i >= 0 and offset < level[i].end else None


# Units, qualifiers and area names come from small vocabularies: an OpenCC call for each
# of them per target was a tenth of a large text's extraction.
_simplified_term = lru_cache(maxsize=4096)(to_simplified)


def _trim(text: str) -> str:
    return text.strip(_SPACE + "、，,；;：:")


def _choose_qualifier(fig: Figure, prefix: str, plan: str) -> str:
    if fig.post_qualifier:
        return fig.post_qualifier
    if prefix:
        return prefix
    if fig.approx:
        return fig.approx
    if fig.value_high is not None:
        return "range"
    return plan


def extract_targets(
    text: str,
    sections: Sequence[Section],
    *,
    lexicon: Lexicon | None = None,
    year: int | None = None,
    region: str = "",
    folded: str | None = None,
) -> list[Target]:
    """Every quantified statement of `text` (see the module doc). `year` is the year the
    report is delivered for (it reviews year−1 and plans `year`), `region` the region it
    is the report of; without them kinds rest on words and every figure is the region's.
    `folded`: fold(text), when the caller has it (ingest gets it from cleaning's folds)."""
    lexicon = lexicon or current_lexicon()
    if folded is None:
        folded = fold(text)
    cutoff = _glossary_start(folded)
    figures = [f for f in find_figures(folded) if f.start < cutoff]
    kinds = KindDecider(folded, sections, year)
    section_paths = _SectionPaths(sections)
    sentence_ends = LastMark(folded, "".join(sorted(_SENTENCE_END)))
    newlines = LastMark(folded, "\n")
    clause_ends = LastMark(folded, "".join(sorted(_CLAUSE_END)))
    out: list[Target] = []
    # Figures of a 分别 list met earlier: figure index -> its name and its list.
    listed_names: dict[int, tuple[ListedName, PairedList]] = {}
    heading_themes: dict[int, tuple[str, ...]] = {}  # section start -> themes its title names
    prev_end = -1
    prev_sentence = -1
    prev_indicator = ""
    # The words of one figure are folded up to three times each (lead, change, themes),
    # and a long text repeats many of them (units of a list, stock phrases): each distinct
    # string is folded once per call, and its themes looked up once.
    folds: dict[str, str] = {}
    heading_of: tuple[int, tuple[int, int] | None] = (-1, None)  # the last sentence's
    area_of: tuple[tuple[int, int], str] = ((-1, -1), "")  # the last clause's
    themes_by_words: dict[str, tuple[str, ...]] = {}

    def themes_of(folded_words: str) -> tuple[str, ...]:
        themes = themes_by_words.get(folded_words)
        if themes is None:
            themes = themes_by_words[folded_words] = _themes_of(lexicon, folded_words)
        return themes

    def fold_once(words: str) -> str:
        folded_words = folds.get(words)
        if folded_words is None:
            folded_words = folds[words] = fold(words)
        return folded_words

    for k, fig in enumerate(figures):
        clause_start = _clause_start(folded, fig.start, clause_ends)
        region_start = max(clause_start, prev_end if prev_end <= fig.start else clause_start)
        # A ratio's colon ends no clause ("按1:4撬动…400亿元"): its digits are no indicator.
        while region_start < fig.start and folded[region_start] in "0123456789.:∶":
            region_start += 1
        sent_start, sent_end = _sentence_bounds(folded, fig.start, fig.end, sentence_ends)
        next_start = figures[k + 1].start if k + 1 < len(figures) else len(folded)

        a, plan = _strip_lead(folded, region_start, fig.start)
        listed = listed_names.pop(k, None)
        if listed is None:
            paired = paired_list(text, folded, a, fig.start, figures, k)
            if paired:
                listed_names.update({k + i: (n, paired) for i, n in enumerate(paired.names)})
                listed = listed_names.pop(k)
        b, prefix = _strip_prefix_qualifier(folded, a, fig.start)
        words = _trim(text[a:b])
        aside = _TRAILING_ASIDE.search(words)
        if aside:
            words = _trim(words[: aside.start()])
        if words:
            a = text.index(words, a, fig.start)  # where the trimmed words start
        if listed is not None:
            # A member of a 分别 list: its own name, then the list's change verb if any
            # ("分别增长"); a level verb ("分别达到") is the written qualifier of the first.
            name, paired = listed
            verb_end, _ = _strip_prefix_qualifier(folded, paired.verb_start, paired.verb_end)
            verb = _trim(text[paired.verb_start : verb_end])
            words = name.name + (verb if _ONLY_CHANGE.match(fold_once(verb)) else "")
            a = name.start

        is_money = fig.unit.endswith(_MONEY)
        after = fig.end
        while after < len(folded) and folded[after] in _SPACE:
            after += 1
        follows = folded[after] if after < len(folded) else ""
        # "控制在3.9%的较低水平": a figure followed by 的 describes, it does not count a noun.
        # A list member is followed by the next one ("分别增长5.6%和7.8%"), not by its noun.
        noun_before = (
            (_is_cjk(follows) and follows not in "的和与及或") or follows in _OPEN_QUOTES
        ) and listed is None
        # What the themes are read from: the indicator's own words, plus whatever else
        # names the thing counted (the examples before a count, the use of an amount).
        theme_text = words
        if noun_before and (is_money or fig.chinese):
            # "总投资10亿元的…项目" names the project's size; "三次产业", "八项规定" are
            # fixed terms. Neither is a count of the noun that follows.
            if fig.chinese:
                # Left inside the next figure's words: "…、农村居民人均可支配收入三项增速
                # 分别为5.7%、…" still names that list.
                continue
            if _noun_end(folded, after, next_start) == next_start and next_start < len(folded):
                # "5000万元以上|科技成果转化项目|30个": the amount sizes the projects that
                # the next figure counts; the count is the target, not the size.
                prev_end = fig.end
                continue
            # "筹集|80亿元|创新发展资金": the amount is the target, the noun says of what.

        start, end = a, fig.end
        if noun_before:
            noun_end = min(_noun_end(folded, after, len(folded)), next_start)
            noun = _trim(text[after:noun_end])[:_MAX_NOUN]
            if not noun or fold_once(noun).startswith(_MILESTONE_NOUNS):
                # "粮食产量跃上1.4万亿斤|新台阶": the words after say it is a milestone, the
                # measure is named before the figure.
                noun_before = False
            else:
                # A short verb in front belongs to the indicator (建成|14个|生态廊道);
                # a long stretch is a list of examples (实施红星新村等|37个|老旧小区改造).
                short_verb = 0 < len(words) <= 4
                indicator = words + noun if short_verb else noun
                theme_text = words + noun
                if not short_verb:
                    start = fig.start
                end = after + len(text[after:noun_end].rstrip(_SPACE))
        if not noun_before:
            # "完成地区生产总值890亿元": 完成 only says the figure was reached.
            folded_words = fold_once(words)
            for w in _LEAD_REACH:
                if folded_words.startswith(w) and len(words) > len(w):
                    words = words[len(w):]
                    a += len(w)
                    start = a
                    break
            indicator = words
            if _ONLY_CHANGE.match(fold_once(words)):
                if prev_sentence == sent_start and prev_indicator:
                    base = prev_indicator
                    m = _TRAILING_CHANGE.search(fold_once(base))
                    if m:
                        base = base[: m.start()]
                    indicator = base + words
                    theme_text = indicator
                if not words:
                    start = fig.start
        indicator = indicator[-_MAX_INDICATOR:] if len(indicator) > _MAX_INDICATOR else indicator
        prev_end = end
        if not indicator.strip():
            continue

        sentence = text[sent_start:sent_end].strip(_SPACE)
        # The indicator names the theme; failing that, its whole clause, then the
        # paragraph's run-in heading ("推动就业创业。"). Neighbouring clauses and the whole
        # sentence were tried and mix in other figures' themes too often.
        themes = themes_of(fold_once(theme_text or indicator))
        if not themes:
            clause_end = _noun_end(folded, fig.end, sent_end)
            themes = themes_of(folded[clause_start:clause_end])
        # Figures of one sentence share its run-in heading (half of them follow another of
        # the same sentence).
        if sent_start != heading_of[0]:
            heading_of = (sent_start, _run_in_heading(folded, sent_start, newlines))
        heading = heading_of[1]
        if not themes and heading:
            themes = lexicon.match(folded[heading[0] : heading[1]])
        # The section the target stands in votes as well (themes.toml, [sections]).
        path = section_paths.path(start)
        if path:
            inner = path[-1]
            if inner.start not in heading_themes:
                heading_themes[inner.start] = lexicon.match(fold(inner.title))
            themes = lexicon.with_heading(themes, heading_themes[inner.start])
        kind = kinds.kind_at(fig.start, sent_start, sent_end)
        value_high = fig.value_high if fig.value_high is not None else fig.value
        if (sent_start, clause_start) != area_of[0]:  # figures of one clause share its area
            area_of = ((sent_start, clause_start), figure_area(folded, sent_start, clause_start, region))
        area = area_of[1]
        out.append(
            Target(
                indicator=indicator,
                value=fig.value,
                value_high=value_high,
                unit=_simplified_term(fig.unit),
                qualifier=_simplified_term(_choose_qualifier(fig, prefix, plan)),
                kind=kind,
                themes=themes,
                start=start,
                end=end,
                text=text[start:end],
                section=" > ".join(s.title for s in path),
                sentence=sentence,
                area=_simplified_term(area) if area else "",
            )
        )
        prev_sentence = sent_start
        prev_indicator = indicator
    return out

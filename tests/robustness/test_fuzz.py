"""Property tests with a fixed, bounded budget (derandomized: CI sees the same examples).

tests/core already fuzzes cleaning on shuffled corpus lines and the outline on heading
soup; this file adds what they leave out: cleaning on arbitrary text with the noise the
fixers hunt (glosses, garble, spam and chrome phrases, odd whitespace) spliced into real
lines; the outline and the targets on the text ingest really hands them (cleaned and
structure-repaired); and the query parser on any unicode string.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from explorer.core.clean.pipeline import clean
from explorer.core.clean.structure import repair_structure
from explorer.core.describe.outline import build_outline
from explorer.core.targets.extract import extract_targets
from explorer.search.normalize import search_form
from explorer.search.query import (
    DocView,
    QueryError,
    hit_spans,
    parse,
    query_matches,
    whitespace_free,
)
from explorer.search.whoosh_engine import to_whoosh
from tests.conftest import CORPUS_FILES
from tests.core.test_outline import check_invariants
from tests.robustness.hostile import corpus_text

BUDGET = settings(
    max_examples=300, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")


@cache
def _lines() -> tuple[str, ...]:
    out: list[str] = []
    for name in CORPUS_FILES:
        out.extend(ln[:200] for ln in corpus_text(name).split("\n") if ln.strip())
    return tuple(out)


# Pieces the fixers look for, and pieces that look like them but must stay.
_NOISE = st.sampled_from([
    "現(xiàn)", "鎮(zhèn)", "(PM2.5)", "（或潛在獨角獸）", "(ü)", "(", ")", "（", "）",
    "?。", "ㄋ", "模┩", "\ufffd", "澳门万博体育网站", "掃一掃在手機打開當前頁", "返回顶部",
    "责任编辑：", "索引号：", "发布机构", "【打印】", "\u3000", "\t", " ", "\n", "\n\n",
    "一、", "（二）", "3.", "（4）", "增长6.5%左右", "新增就业9万人", "第二十条", "𠀀", "😀",
])
_CHARS = st.characters(min_codepoint=0x20, max_codepoint=0x2FFFF, blacklist_categories=("Cs", "Cc"))


@st.composite
def _noisy_text(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.integers(0, 2))
        if kind == 0:
            parts.append(draw(st.sampled_from(_lines())))
        elif kind == 1:
            parts.append(draw(_NOISE))
        else:
            parts.append(draw(st.text(_CHARS, max_size=12)))
        parts.append(draw(st.sampled_from(["", "\n", "。"])))
    return "".join(parts)


@BUDGET
@given(_noisy_text())
def test_cleaning_keeps_every_cjk_character_it_does_not_account_for(raw: str) -> None:
    cleaned = clean(raw)
    lost = Counter(_CJK.findall(raw)) - Counter(_CJK.findall(cleaned.text))
    accounted: Counter[str] = Counter()
    for s in cleaned.steps:
        accounted += Counter(_CJK.findall(s.before)) - Counter(_CJK.findall(s.after))
    assert not (lost - accounted), f"lost without a step: {''.join((lost - accounted).elements())}"


@BUDGET
@given(_noisy_text())
# Found by this test: a field-like body line under a chrome line was kept by the first
# pass and lifted as portal metadata by the second (portal.py, fixed).
@example("掃一掃在手機打開當前頁\n信息名稱:2021年市政府重點工作 |強化企業(yè)創(chuàng)新主體地位。實施新一輪"
         "“十百千”創(chuàng)新型企業(yè)培育工程,認定高企1200家以上。")
def test_cleaning_is_idempotent_on_noisy_text(raw: str) -> None:
    once = clean(raw).text
    assert clean(once).text == once


def _ingested(raw: str) -> str:
    text, _counts = repair_structure(clean(raw).text)
    return text


@BUDGET
@given(_noisy_text())
def test_outline_of_ingested_text_is_nested_and_inside(raw: str) -> None:
    text = _ingested(raw)
    check_invariants(text, build_outline(text))


@BUDGET
@given(_noisy_text())
def test_targets_point_at_their_own_text(raw: str) -> None:
    text = _ingested(raw)
    sections = build_outline(text)
    for t in extract_targets(text, sections):
        assert 0 <= t.start < t.end <= len(text), t
        assert text[t.start:t.end] == t.text, t
        assert t.value == t.value and abs(t.value) != float("inf"), t  # a real number
        if t.value_high is not None:
            assert t.value_high == t.value_high
        assert t.kind in ("target", "achievement")


_QUERY_CHARS = st.one_of(
    st.characters(blacklist_categories=("Cs",)),
    st.sampled_from(list('"-:.() OR AND year region type theme 就业..2021 \u3000\uff02')),
)
_DOC = "就業和再就业。2021年高質量發展，year:2020 region OR -“新”"


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(st.text(_QUERY_CHARS, max_size=40))
def test_query_parser_gives_a_query_or_a_clear_error(source: str) -> None:
    try:
        q = parse(source)
    except QueryError as exc:
        assert str(exc).strip(), "an error must say what is wrong"
        return
    for clause in q.clauses:
        to_whoosh(clause)  # every parsed query can be sent to the index
    whitespace_free(q)
    doc = DocView(text=search_form(_DOC), region="示范市", doc_type="政府工作报告", year=2021, themes=frozenset())
    query_matches(q, doc)
    for s, e in hit_spans(q, doc.text):
        assert 0 <= s < e <= len(doc.text)

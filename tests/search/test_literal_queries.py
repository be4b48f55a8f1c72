"""Every literal query finds exactly what a plain scan of the normalized clean text finds.

The seed reports are indexed into a temporary library. For each case the expected reports
and occurrence counts come from this file alone: the case's meaning is written as a small
expression (T, OR, NOT, YEAR...), evaluated here by brute force over fold(report.text) of
reports loaded straight from their files. Nothing from explorer.search or explorer.library
is used to compute an expectation.

Counting rule (shared with the search, see explorer/search/query.py): occurrences of a term
are non-overlapping, left to right, as str.count counts them; a report's hit count is the
sum over the distinct positive terms of the query; whitespace inside a quoted phrase matches
any run of whitespace.

Every case is run twice: as typed (Simplified) and converted to Traditional with OpenCC s2t;
and all of it once per search engine (whoosh, tantivy).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import opencc
import pytest

from explorer.core.ingest import load_report
from explorer.core.scripts import fold
from explorer.library import ENGINES, Library
from explorer.resources import sample_paths
from explorer.search import tantivy_engine

# -- the expression language of expectations --------------------------------------------


@dataclass(frozen=True)
class E:
    op: str  # term | and | or | not | year | region | type | theme
    args: tuple


def T(text: str) -> E:
    return E("term", (text,))


def AND(*xs: E) -> E:
    return E("and", xs)


def OR(*xs: E) -> E:
    return E("or", xs)


def NOT(x: E) -> E:
    return E("not", (x,))


def YEAR(lo: int, hi: int | None = None) -> E:
    return E("year", (lo, hi if hi is not None else lo))


def REGION(v: str) -> E:
    return E("region", (v,))


def TYPE(v: str) -> E:
    return E("type", (v,))


def THEME(v: str) -> E:
    return E("theme", (v,))


# (query as a user types it in Simplified, what it means)
CASES: list[tuple[str, E]] = [
    ("就业", T("就业")),
    ("再就业", T("再就业")),
    ("城镇新增就业", T("城镇新增就业")),
    ("镇", T("镇")),
    ("常州", T("常州")),
    ("镇江", T("镇江")),
    ("PM2.5", T("pm2.5")),
    ("Pm2.5", T("pm2.5")),
    ("ＰＭ２.５", T("pm2.5")),
    ("5G", T("5g")),
    ("高质量发展", T("高质量发展")),
    ("%", T("%")),
    ("（", T("(")),
    ("人人", T("人人")),
    ("十四五", T("十四五")),
    ("一个不存在的检索词", T("一个不存在的检索词")),
    ("就业 创业", AND(T("就业"), T("创业"))),
    ("就业 就业", T("就业")),
    ("长三角 一体化", AND(T("长三角"), T("一体化"))),
    ("长三角一体化", T("长三角一体化")),
    ('"长三角 一体化"', T("长三角 一体化")),
    ("亿元 万人 %", AND(T("亿元"), T("万人"), T("%"))),
    ("碳达峰 新冠", AND(T("碳达峰"), T("新冠"))),
    ("就业 OR 创业", OR(T("就业"), T("创业"))),
    ("养老 OR 医保 OR 学校", OR(T("养老"), T("医保"), T("学校"))),
    ("就业 智能制造 OR 乡村振兴", AND(T("就业"), OR(T("智能制造"), T("乡村振兴")))),
    ("就业 -疫情", AND(T("就业"), NOT(T("疫情")))),
    ("生态 -太湖 -无锡", AND(T("生态"), NOT(T("太湖")), NOT(T("无锡")))),
    ("文明城市 OR 大运河 -常州", AND(OR(T("文明城市"), T("大运河")), NOT(T("常州")))),
    ("教育 year:2021", AND(T("教育"), YEAR(2021))),
    ("教育 year:2021..2022", AND(T("教育"), YEAR(2021, 2022))),
    ("year:2019..2022", YEAR(2019, 2022)),
    ("就业 region:常州", AND(T("就业"), REGION("常州"))),
    ("region:常州", REGION("常州")),
    ("自贸 OR 太湖 region:无锡", AND(OR(T("自贸"), T("太湖")), REGION("无锡"))),
    ("生态 type:政府工作报告", AND(T("生态"), TYPE("政府工作报告"))),
    ("theme:就业 亿元", AND(THEME("就业"), T("亿元"))),
    ("theme:教育 -theme:安全", AND(THEME("教育"), NOT(THEME("安全")))),
    ("现代化 OR 数字经济 year:2023", AND(OR(T("现代化"), T("数字经济")), YEAR(2023))),
    ("营商环境 OR 智能制造 -year:2023", AND(OR(T("营商环境"), T("智能制造")), NOT(YEAR(2023)))),
]

_S2T = opencc.OpenCC("s2t")


def traditional(query: str) -> str:
    # Only the words change script; OR and filter names are syntax.
    return " ".join(w if w == "OR" else re.sub(r"(?<=:).*", lambda m: _S2T.convert(m.group()), w)
                    if ":" in w else _S2T.convert(w) for w in query.split(" "))


# -- brute force --------------------------------------------------------------------------


def count(folded_text: str, term: str) -> int:
    term = fold(term)
    if " " in term:
        return len(re.findall(r"\s+".join(re.escape(p) for p in term.split()), folded_text))
    return folded_text.count(term)


def holds(e: E, r, ft: str) -> bool:
    if e.op == "term":
        return count(ft, e.args[0]) > 0
    if e.op == "and":
        return all(holds(x, r, ft) for x in e.args)
    if e.op == "or":
        return any(holds(x, r, ft) for x in e.args)
    if e.op == "not":
        return not holds(e.args[0], r, ft)
    if e.op == "year":
        return r.year is not None and e.args[0] <= r.year <= e.args[1]
    if e.op == "region":
        return fold(e.args[0]) in fold(r.region)
    if e.op == "type":
        return fold(e.args[0]) in fold(r.doc_type)
    if e.op == "theme":
        return fold(e.args[0]) in {fold(t) for target in r.targets for t in target.themes}
    raise AssertionError(e.op)


def positive_terms(e: E) -> set[str]:
    if e.op == "term":
        return {fold(e.args[0])}
    if e.op in ("and", "or"):
        return set().union(*(positive_terms(x) for x in e.args))
    return set()


def expected(e: E, reports) -> dict[str, int]:
    out = {}
    for r in reports:
        ft = fold(r.text)
        if holds(e, r, ft):
            out[r.path] = sum(count(ft, t) for t in positive_terms(e))
    return out


# -- fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_reports():
    return [load_report(str(p)) for p in sample_paths()]


@pytest.fixture(scope="module", params=[*ENGINES, "tantivy arrays"])
def seed_library(tmp_path_factory, request):
    """The seed reports in a library of each engine: every case runs against both, and
    against tantivy reading its hits as arrays (the route of libraries of ARRAY_MIN_DOCS
    reports and more)."""
    engine = request.param.split()[0]
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "tantivy arrays":
            patch.setattr(tantivy_engine, "ARRAY_MIN_DOCS", 0)
        lib = Library(tmp_path_factory.mktemp(f"seedlib-{engine}"), workers=1)
        assert lib.set_engine(engine)
        summary = lib.index([str(p) for p in sample_paths()])
        assert lib.engine == engine
        assert summary.added == len(sample_paths()) and not summary.skipped, summary
        yield lib
        lib.close()


def _show(d: dict[str, int]) -> list[str]:
    return [f"{Path(p).name}: {n}" for p, n in sorted(d.items())]


def test_enough_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize(("query", "meaning"), CASES, ids=[q for q, _ in CASES])
def test_query_finds_exactly_what_a_scan_finds(seed_library, seed_reports, query, meaning, script):
    typed = query if script == "simplified" else traditional(query)
    want = expected(meaning, seed_reports)
    found = seed_library.search(typed, limit=None)
    got = {h.path: h.hits for h in found.results}
    diff = "\n".join(difflib.unified_diff(_show(want), _show(got), "scan", f"search {typed!r}", lineterm=""))
    assert got == want, f"\n{diff}"
    assert found.total == len(want)
    # The hit total over every matching report, where the engine's counts give it.
    assert found.occurrences in (None, sum(want.values()))

    texts = {r.path: r.text for r in seed_reports}
    for h in found.results:
        assert len(h.spans) == h.hits
        assert list(h.spans) == sorted(h.spans)
        terms = positive_terms(meaning)
        for s, e in h.spans:
            # Spans are offsets into the clean text: the folded slice is one of the terms.
            piece = fold(texts[h.path][s:e])
            assert piece in terms or " ".join(piece.split()) in terms, (piece, terms)


LIMIT_CASES = CASES[:8] + [c for c in CASES if '"' in c[0] or c[1].op in ("or", "and")][:6]


@pytest.mark.parametrize(("query", "meaning"), LIMIT_CASES, ids=[q for q, _ in LIMIT_CASES])
def test_limit_keeps_the_total_and_the_best(seed_library, query, meaning):
    everything = seed_library.search(query, limit=None)
    top = seed_library.search(query, limit=2)
    assert top.total == everything.total
    assert [h.path for h in top.results] == [h.path for h in everything.results[:2]]


def test_the_hit_total_is_given_where_counts_make_it_exact(seed_library, seed_reports):
    """共 N 处 in the app: given with 2 shown results of many, for queries of terms of two
    or more characters (also with filters, exclusions and ORs); not for a term that can
    overlap itself (人人: counts every start, hits do not), a single character or a
    phrase, whose hits only the text can count."""
    given = [q for q, _ in CASES if seed_library.search(q, limit=2).occurrences is not None]
    for query, meaning in CASES:
        top = seed_library.search(query, limit=2)
        if top.occurrences is not None:
            assert top.occurrences == sum(expected(meaning, seed_reports).values()), query
    assert {"就业", "高质量发展", "就业 创业", "养老 OR 医保 OR 学校", "就业 -疫情", "就业 region:常州",
            "theme:就业 亿元", "region:常州"} <= set(given)
    assert not {"人人", "镇", "%", '"长三角 一体化"', "亿元 万人 %"} & set(given)
    assert seed_library.search("就业", limit=2).occurrences > sum(h.hits for h in seed_library.search("就业", limit=2).results)


def test_ranking_is_by_score_then_newer_first(seed_library):
    for query, _ in CASES:
        results = seed_library.search(query, limit=None).results
        for a, b in zip(results, results[1:], strict=False):
            assert round(a.score, 6) >= round(b.score, 6), query
            if round(a.score, 6) == round(b.score, 6):
                assert (a.year or 0) >= (b.year or 0), (query, a.path, b.path)


def test_snippets_mark_the_hits(seed_library):
    found = seed_library.search("就业", limit=None)
    assert found.results
    for h in found.results:
        assert h.snippets
        for s in h.snippets:
            assert "«" in s and "»" in s
            marked = re.findall("«(.*?)»", s)
            assert all(fold(m) == "就业" for m in marked), s
            assert "\n" not in s

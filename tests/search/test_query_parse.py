"""The query language: what a query means, and a clear message for every malformed one."""

from __future__ import annotations

import pytest

from explorer.library import QueryError as LibraryQueryError
from explorer.search.query import (
    AnyOf,
    FieldFilter,
    Literal,
    Not,
    QueryError,
    YearRange,
    hit_spans,
    occurrences,
    parse,
)


def test_query_error_is_a_value_error_importable_from_the_library():
    assert LibraryQueryError is QueryError
    assert issubclass(QueryError, ValueError)


@pytest.mark.parametrize(
    ("query", "clauses"),
    [
        ("就業 城镇", (Literal("就业"), Literal("城镇"))),
        ("a b OR c", (Literal("a"), AnyOf((Literal("b"), Literal("c"))))),
        ("就业 -疫情", (Literal("就业"), Not(Literal("疫情")))),
        ('"城镇  新增"', (Literal("城镇 新增"),)),
        ("“城镇新增”", (Literal("城镇新增"),)),
        ("ＰＭ２.５", (Literal("pm2.5"),)),
        ("year:2021", (YearRange(2021, 2021),)),
        ("year:2019..2022", (YearRange(2019, 2022),)),
        ("年份：2019-2022", (YearRange(2019, 2022),)),
        ("region:常州", (FieldFilter("region", "常州"),)),
        ("地区:無錫", (FieldFilter("region", "无锡"),)),
        ('type:"政府 工作报告"', (FieldFilter("type", "政府 工作报告"),)),
        ("theme:就業", (FieldFilter("theme", "就业"),)),
        ("-year:2023 就业", (Not(YearRange(2023, 2023)), Literal("就业"))),
        ("http://x.cn", (Literal("http://x.cn"),)),  # not a filter name: a literal
        ("or", (Literal("or"),)),  # only upper-case OR is the operator
        ("就业 就业", (Literal("就业"),)),
    ],
)
def test_meaning(query, clauses):
    assert parse(query).clauses == clauses


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty query"),
        ("   ", "empty query"),
        ('"城镇 新增', "unbalanced quote"),
        ('就业 "城镇', "unbalanced quote"),
        ('type:"政府', "unbalanced quote"),
        ("OR", "OR needs a term on each side"),
        ("OR 就业", "OR needs a term on each side"),
        ("就业 OR", "OR needs a term on each side"),
        ("就业 OR OR 创业", "OR needs a term on each side"),
        ("year:abc", "is not a year"),
        ("year:20210", "is not a year"),
        ("year:2022..2019", "goes backwards"),
        ("year:", "needs a value"),
        ("region:", "needs a value"),
        ('""', "empty quotes"),
        ("- 就业", "'-' must be directly followed"),
        ("-就业", "only excludes"),
        ("-就业 -创业", "only excludes"),
        ("就业 OR -创业", "cannot be used inside an OR group"),
    ],
)
def test_malformed_queries_say_what_is_wrong(query, message):
    with pytest.raises(QueryError) as info:
        parse(query)
    assert message in str(info.value)


def test_occurrences_do_not_overlap_like_str_count():
    text = "哈哈哈 哈哈哈哈"
    assert occurrences(text, Literal("哈哈")) == [(0, 2), (4, 6), (6, 8)]
    assert len(occurrences(text, Literal("哈哈"))) == text.count("哈哈")


def test_phrase_whitespace_matches_any_whitespace_run():
    text = "城镇\n新增就业 城镇  新增"
    assert occurrences(text, Literal("城镇 新增")) == [(0, 5), (8, 14)]


def test_spans_of_different_terms_may_overlap():
    q = parse("就业 再就业")
    assert hit_spans(q, "促进再就业") == [(2, 5), (3, 5)]

"""The search query language: parse, evaluate on one document, count occurrences.

Syntax (GUIDE.md "Search semantics"):

    就业 城镇          space = AND
    就业 OR 创业       OR (upper case) binds tighter than AND: `a b OR c` is a AND (b OR c)
    -疫情              NOT (not allowed inside an OR group)
    "城镇 新增"        quoted phrase: literal, whitespace inside matches any run of whitespace
    year:2021  year:2019..2022  region:常州  type:政府工作报告  theme:就业
                       filters (also 年份: 地区: 类型: 主题:); region and type match as
                       substrings (region:常州 finds 常州市钟楼区), theme matches a theme name

Terms and filter values are folded (scripts.fold: Simplified, half-width, lower-case) so
either script finds both. Full-width and curly quotes, full-width colon and minus work as
their ASCII forms. A term `name:value` whose name is not a filter is an ordinary literal.

Occurrences are counted like str.count: non-overlapping, left to right, per distinct term
("哈哈" occurs once in "哈哈哈"). Different terms may overlap each other ("就业" and
"再就业" both count inside "再就业").

This module is the ground truth of what matches: a search engine only proposes candidates
(see engine.py), `matches` decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explorer.search.normalize import search_form


class QueryError(ValueError):
    """A malformed query; str(exc) says what is wrong in words a user understands."""


@dataclass(frozen=True)
class Literal:
    text: str  # folded; for a quoted phrase, whitespace runs collapsed to one space

    @property
    def pieces(self) -> tuple[str, ...]:
        return tuple(self.text.split(" "))


@dataclass(frozen=True)
class YearRange:
    low: int
    high: int


@dataclass(frozen=True)
class FieldFilter:
    field: str  # "region" | "type" | "theme"
    value: str  # folded


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


Node = Literal | YearRange | FieldFilter | AnyOf | Not


@dataclass(frozen=True)
class Query:
    source: str
    clauses: tuple[Node, ...]  # all must hold

    def literals(self) -> tuple[Literal, ...]:
        """The distinct positive terms, in query order: what hits and spans count."""
        seen: dict[Literal, None] = {}

        def visit(node: Node) -> None:
            if isinstance(node, Literal):
                seen.setdefault(node)
            elif isinstance(node, AnyOf):
                for item in node.items:
                    visit(item)

        for clause in self.clauses:
            visit(clause)
        return tuple(seen)


FILTER_NAMES = {
    "year": "year",
    "年份": "year",
    "region": "region",
    "地区": "region",
    "type": "type",
    "类型": "type",
    "類型": "type",
    "theme": "theme",
    "主题": "theme",
    "主題": "theme",
}

# Syntax characters as typed with a Chinese input method.
_SYNTAX = str.maketrans({"＂": '"', "“": '"', "”": '"', "：": ":", "－": "-"})
_YEAR = re.compile(r"(\d{4})(?:\s*(?:\.\.|-|—|~|～|至)\s*(\d{4}))?")


@dataclass(frozen=True)
class _Token:
    kind: str  # "term" | "phrase" | "or"
    text: str
    negated: bool = False


def _tokens(source: str) -> list[_Token]:
    s = source.translate(_SYNTAX)
    tokens: list[_Token] = []
    i, n = 0, len(s)
    while i < n:
        if s[i].isspace():
            i += 1
            continue
        negated = False
        if s[i] == "-":
            negated = True
            i += 1
            if i >= n or s[i].isspace():
                raise QueryError("'-' must be directly followed by the term to exclude, e.g. -疫情")
        if s[i] == '"':
            close = s.find('"', i + 1)
            if close < 0:
                raise QueryError(f"unbalanced quote: {s[i:]} has no closing quote")
            tokens.append(_Token("phrase", s[i + 1 : close], negated))
            i = close + 1
            continue
        j = i
        while j < n and not s[j].isspace() and s[j] != '"':
            j += 1
        word = s[i:j]
        # `type:"政府 工作报告"`: a filter name followed by a quoted value.
        if word.endswith(":") and FILTER_NAMES.get(word[:-1].lower()) and j < n and s[j] == '"':
            close = s.find('"', j + 1)
            if close < 0:
                raise QueryError(f"unbalanced quote: {s[j:]} has no closing quote")
            tokens.append(_Token("term", word + s[j + 1 : close], negated))
            i = close + 1
            continue
        if word == "OR" and not negated:
            tokens.append(_Token("or", word))
        else:
            tokens.append(_Token("term", word, negated))
        i = j
    return tokens


def _filter(name: str, value: str) -> Node:
    field = FILTER_NAMES[name.lower()]
    value = value.strip()
    if not value:
        raise QueryError(f"{name}: needs a value, e.g. {name}:{'2021' if field == 'year' else '就业'}")
    if field == "year":
        m = _YEAR.fullmatch(value)
        if not m:
            raise QueryError(f"{name}:{value} is not a year; write year:2021 or year:2019..2022")
        low = int(m.group(1))
        high = int(m.group(2) or low)
        if low > high:
            raise QueryError(f"{name}:{value}: the range goes backwards (write {high}..{low})")
        return YearRange(low, high)
    return FieldFilter(field, search_form(value))


def _node(token: _Token) -> Node:
    if token.kind == "term":
        name, colon, value = token.text.partition(":")
        if colon and name.lower() in FILTER_NAMES:
            node: Node = _filter(name, value)
        else:
            node = Literal(search_form(token.text))
    else:
        text = " ".join(token.text.split())
        if not text:
            raise QueryError('empty quotes "": put the phrase to search between the quotes')
        node = Literal(search_form(text))
    return Not(node) if token.negated else node


def parse(source: str) -> Query:
    tokens = _tokens(source)
    if not tokens:
        raise QueryError("empty query: type a word to search for, e.g. 就业")
    groups: list[list[Node]] = []
    expect_operand = True
    joined_by_or = False
    for tok in tokens:
        if tok.kind == "or":
            if expect_operand:
                raise QueryError("OR needs a term on each side, e.g. 就业 OR 创业")
            expect_operand = True
            joined_by_or = True
            continue
        node = _node(tok)
        if joined_by_or:
            groups[-1].append(node)
        else:
            groups.append([node])
        expect_operand = False
        joined_by_or = False
    if expect_operand:
        raise QueryError("OR needs a term on each side, e.g. 就业 OR 创业")
    clauses: list[Node] = []
    for group in groups:
        if len(group) == 1:
            clauses.append(group[0])
        else:
            if any(isinstance(n, Not) for n in group):
                raise QueryError("'-' cannot be used inside an OR group; exclude the term separately")
            clauses.append(AnyOf(tuple(dict.fromkeys(group))))
    if all(isinstance(c, Not) for c in clauses):
        raise QueryError("the query only excludes terms: add a term or filter to search for")
    return Query(source, tuple(dict.fromkeys(clauses)))


def whitespace_free(query: Query) -> bool:
    """No term or filter value with whitespace inside: an index of character grams that
    does not index whitespace answers such a query exactly."""

    def free(node: Node) -> bool:
        if isinstance(node, Literal):
            return " " not in node.text
        if isinstance(node, FieldFilter):
            return " " not in node.value
        if isinstance(node, AnyOf):
            return all(free(n) for n in node.items)
        if isinstance(node, Not):
            return free(node.item)
        return True

    return all(free(c) for c in query.clauses)


def positive_pieces(query: Query) -> list[str]:
    """The distinct whitespace-free pieces of two or more characters of the positive
    terms: what ranking scores (a single character is not scored)."""
    return list(dict.fromkeys(p for lit in query.literals() for p in lit.pieces if len(p) >= 2))


# -- evaluation on one document -------------------------------------------------------


@dataclass(frozen=True)
class DocView:
    """What a query looks at in one report, all in search form (folded)."""

    text: str
    region: str
    doc_type: str
    year: int | None
    themes: frozenset[str]


def occurrences(folded_text: str, literal: Literal) -> list[tuple[int, int]]:
    """Non-overlapping occurrences, left to right (str.count semantics)."""
    term = literal.text
    if " " not in term:
        spans = []
        size = len(term)
        i = folded_text.find(term)
        while i >= 0:
            spans.append((i, i + size))
            i = folded_text.find(term, i + size)
        return spans
    pattern = r"\s+".join(re.escape(p) for p in literal.pieces)
    return [m.span() for m in re.finditer(pattern, folded_text)]


def _contains(folded_text: str, literal: Literal) -> bool:
    if " " not in literal.text:
        return literal.text in folded_text
    return bool(occurrences(folded_text, literal))


def matches(node: Node, doc: DocView) -> bool:
    if isinstance(node, Literal):
        return _contains(doc.text, node)
    if isinstance(node, YearRange):
        return doc.year is not None and node.low <= doc.year <= node.high
    if isinstance(node, FieldFilter):
        if node.field == "region":
            return node.value in doc.region
        if node.field == "type":
            return node.value in doc.doc_type
        return node.value in doc.themes
    if isinstance(node, AnyOf):
        return any(matches(item, doc) for item in node.items)
    return not matches(node.item, doc)


def query_matches(query: Query, doc: DocView) -> bool:
    return all(matches(c, doc) for c in query.clauses)


def hit_spans(query: Query, folded_text: str) -> list[tuple[int, int]]:
    """Every occurrence of every positive term, sorted by position."""
    spans: list[tuple[int, int]] = []
    for literal in query.literals():
        spans.extend(occurrences(folded_text, literal))
    spans.sort()
    return spans

"""Whichever engine answers, a search gives the same results: the same reports in the same
order, the same counts, spans, snippets and scores.

One library of the real corpus is indexed with whoosh, its results for every query of the
literal-query cases (both scripts) are kept, then the library is moved to tantivy (rebuilt
from the stored reports, no file read again) and asked the same.
"""

from __future__ import annotations

import re
import shutil

import pytest

from explorer.library import Library
from tests.conftest import CORPUS_FILES, SET2_FILES, corpus_file
from tests.search.test_literal_queries import CASES, traditional

QUERIES = [q for q, _ in CASES] + [traditional(q) for q, _ in CASES] + [
    '"城镇 新增"', '"高质量 发展"', '"就业 创业"', "镇", "人", "的", "(", "2024", "%", "香港",
]


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    for name in CORPUS_FILES + [n for n in SET2_FILES if n.endswith(".txt")]:
        shutil.copy(corpus_file(name), folder / name)
    lib = Library(tmp_path_factory.mktemp("lib"), workers=2)
    lib.index([folder])
    assert lib.engine == "whoosh"
    queries = QUERIES + _across_lines(lib)
    whoosh = {q: lib.search(q, limit=None) for q in queries}
    seen = []
    assert lib.set_engine("tantivy", progress=seen.append)
    assert lib.engine == "tantivy" and seen[-1].done == seen[-1].total == len(lib)
    assert not (lib.path / "index").exists()  # the old engine's folder is gone
    tantivy = {q: lib.search(q, limit=None) for q in queries}
    lib.close()
    return whoosh, tantivy


def _across_lines(lib: Library) -> list[str]:
    """Quoted phrases with a line break inside, as they occur in the stored texts: the
    phrases whoosh verifies on the text and tantivy answers from its positions."""
    out = []
    for info in lib.reports()[:8]:
        text = lib.report(info.path).text
        for m in re.finditer(r"[\u4e00-\u9fff]{2}\n[\u4e00-\u9fff]{2}", text[len(text) // 2 :]):
            out.append('"' + m.group().replace("\n", " ") + '"')
            break
    return out


@pytest.mark.parametrize("query", QUERIES)
def test_same_results_from_both_engines(both, query):
    whoosh, tantivy = both
    assert tantivy[query] == whoosh[query]


def test_same_results_for_phrases_across_lines(both):
    whoosh, tantivy = both
    phrases = [q for q in whoosh if q not in QUERIES]
    assert len(phrases) >= 3 and all(whoosh[q].total for q in phrases)
    assert all(tantivy[q] == whoosh[q] for q in phrases)


def test_the_queries_find_something(both):
    whoosh, _ = both
    assert sum(bool(r.results) for r in whoosh.values()) > len(QUERIES) * 0.7
    assert any(len({round(h.score, 6) for h in r.results}) > 3 for r in whoosh.values())

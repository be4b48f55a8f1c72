"""The character-gram index alone returns exactly the documents that contain a term.

This is what lets a search skip reading reports it does not show (library.search trusts
the index count for queries without whitespace inside a term); checked here on random
texts against str.count, with repeated characters, single characters and whitespace.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.scripts import fold
from explorer.search.analysis import gram_postings, query_grams
from explorer.search.index import IndexDoc, SearchIndex
from explorer.search.query import parse
from explorer.search.searcher import is_exact

ALPHABET = "就业業再镇鎮哈a5."
texts = st.text(alphabet=ALPHABET + " \n", max_size=40)
terms = st.text(alphabet=ALPHABET, min_size=1, max_size=4)


def test_every_position_carries_one_term():
    assert gram_postings("ab 就业再就业\n哈哈哈") == {
        "ab": [0], "b": [1], "就业": [3, 6], "业再": [4], "再就": [5], "业": [7],
        "哈哈": [9, 10], "哈": [11],
    }
    assert query_grams("城镇就业") == ["城镇", "镇就", "就业"]
    assert query_grams("镇") == ["镇"]


@settings(max_examples=60, deadline=None)
@given(docs=st.lists(texts, min_size=1, max_size=6), queried=st.lists(terms, min_size=1, max_size=5))
def test_candidates_equal_a_scan(docs, queried):
    with tempfile.TemporaryDirectory() as tmp:
        ix = SearchIndex(Path(tmp) / "index")
        ix.rebuild(IndexDoc(str(i), fold(t), "", "", (), None) for i, t in enumerate(docs))
        try:
            for term in queried:
                q = parse(term)
                assert is_exact(q)
                found = ix.candidates(q, allowed={str(i) for i in range(len(docs))})
                got = {k for k, _ in found.ranked}
                assert found.total == len(got)
                want = {str(i) for i, t in enumerate(docs) if fold(term) in fold(t)}
                assert got == want, (term, docs)
        finally:
            ix.close()


def test_whitespace_phrases_are_not_exact_in_the_index():
    assert not is_exact(parse('"城镇 新增"'))
    assert is_exact(parse("城镇新增 OR 就业 -疫情 year:2021 region:常州"))


def test_segments_with_deleted_documents(tmp_path):
    """A changed report leaves a deletion in an older segment: matching must skip it."""
    texts = [f"城镇新增就业{i}人 镇" if i % 2 else f"再就业{i} 哈哈哈" for i in range(12)]
    texts[0] = "哈哈 哈哈哈哈"
    ix = SearchIndex(tmp_path / "index")
    ix.rebuild(IndexDoc(str(i), fold(t), "", "", (), None) for i, t in enumerate(texts))
    texts[3] = "改过的文本 没有那个词"
    texts[4] = "城镇新增就业 加上"
    ix.write([IndexDoc(str(i), fold(texts[i]), "", "", (), None) for i in (3, 4)], ["5"])
    del texts[5]
    keys = [str(i) for i in range(12) if i != 5]
    try:
        for term in ("就业", "城镇新增就业", "镇", "哈哈", "哈哈哈", "哈哈哈哈", "改过", "加上"):
            found = ix.candidates(parse(term), allowed=set(keys))
            want = {k for k, t in zip(keys, texts, strict=True) if term in t}
            assert {k for k, _ in found.ranked} == want and found.total == len(want), term
    finally:
        ix.close()

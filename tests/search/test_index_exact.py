"""Each engine alone returns exactly the documents that contain a term, and its counts.

This is what lets a search skip reading reports it does not show (the searcher trusts the
engine's set when Matches.exact); checked here for every engine on random texts against a
scan (str.count for the set, overlapping starts for the counts ranking uses), with
repeated characters, single characters and whitespace, and across deletions.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.scripts import fold
from explorer.search.analysis import cut_terms, gram_postings, query_grams
from explorer.search.engine import ENGINES, IndexDoc, WriteStopped, engine_class
from explorer.search.query import parse, whitespace_free

ALPHABET = "就业業再镇鎮哈a5."
texts = st.text(alphabet=ALPHABET + " \n\u3000", max_size=40)
terms = st.text(alphabet=ALPHABET, min_size=1, max_size=4)
phrases = st.lists(terms, min_size=2, max_size=3).map(lambda ps: '"' + " ".join(ps) + '"')


def key(i: int) -> str:
    return hashlib.sha256(str(i).encode()).hexdigest()[:24]


# tantivy reads hits as numpy arrays from ARRAY_MIN_DOCS reports on: the route of large
# libraries, checked here on small ones.
ROUTES = [*ENGINES, "tantivy arrays"]


def build(name: str, folder: Path, docs: list[str]):
    engine = engine_class(name.split()[0])(folder)
    if name == "tantivy arrays":
        engine.array_min_docs = 0
    engine.create()
    engine.write([IndexDoc(key(i), fold(t), "", "", (), None) for i, t in enumerate(docs)], (), fresh=True)
    engine.finish()
    return engine


def overlapping(text: str, piece: str) -> int:
    return len(re.findall("(?=" + re.escape(piece) + ")", text))


def test_every_position_carries_one_term():
    assert gram_postings("ab 就业再就业\n哈哈哈") == {
        "ab": [0], "b": [1], "就业": [3, 6], "业再": [4], "再就": [5], "业": [7],
        "哈哈": [9, 10], "哈": [11],
    }
    assert query_grams("城镇就业") == ["城镇", "镇就", "就业"]
    assert query_grams("镇") == ["镇"]


def test_tantivy_terms_are_the_same_grams_in_text_order():
    text = "ab 就业再就业\n哈哈哈\u3000x \x1c y"
    by_position = sorted((p, t) for t, ps in gram_postings(text).items() for p in ps)
    assert cut_terms(text).split() == [t for _, t in by_position]
    long = (text + "再") * 3000  # the numpy path
    assert cut_terms(long).split() == [t for run in long.split() for t in
                                        (run[i : i + 2] for i in range(len(run)))]


@pytest.mark.parametrize("name", ROUTES)
@settings(max_examples=40, deadline=None)
@given(docs=st.lists(texts, min_size=1, max_size=6), queried=st.lists(terms | phrases, min_size=1, max_size=5))
def test_matches_equal_a_scan(name, docs, queried):
    with tempfile.TemporaryDirectory() as tmp:
        engine = build(name, Path(tmp) / "index", docs)
        try:
            for term in queried:
                q = parse(term)
                found = engine.matches(q)
                pieces = q.literals()[0].pieces
                want = {key(i) for i, t in enumerate(docs)
                        if re.search(r"\s+".join(map(re.escape, pieces)), fold(t))}
                if found.exact:
                    assert found.keys == want, (term, docs)
                else:
                    assert not whitespace_free(q) and found.keys >= want, (term, docs)
                for piece, counts in found.counts.items():
                    holding = {key(i): n for i, t in enumerate(docs) if (n := overlapping(fold(t), piece))}
                    assert found.holders[piece] == len(holding)
                    assert {k: counts[k] for k in found.keys} == {k: holding[k] for k in found.keys}
        finally:
            engine.close()


@pytest.mark.parametrize("name", ROUTES)
@settings(max_examples=40, deadline=None)
@given(docs=st.lists(texts, min_size=1, max_size=8),
       groups=st.lists(st.lists(terms, min_size=1, max_size=3), min_size=1, max_size=3))
def test_terms_joined_by_and_or_equal_a_scan(name, docs, groups):
    """AND of ORs of terms: the set (tantivy makes it from each term's own hits when most
    reports may match) and each term's counts."""
    query = " ".join(" OR ".join(g) for g in groups)
    with tempfile.TemporaryDirectory() as tmp:
        engine = build(name, Path(tmp) / "index", docs)
        try:
            found = engine.matches(parse(query))
            folded = [fold(t) for t in docs]
            want = {key(i) for i, t in enumerate(folded)
                    if all(any(fold(term) in t for term in g) for g in groups)}
            assert found.exact and found.keys == want, (query, docs)
            for piece, counts in found.counts.items():
                holding = {key(i): n for i, t in enumerate(folded) if (n := overlapping(t, piece))}
                assert found.holders[piece] == len(holding)
                # A report matching through another term of an OR need not hold this one.
                assert {k: counts.get(k, 0) for k in found.keys} == {k: holding.get(k, 0) for k in found.keys}
        finally:
            engine.close()


def test_whitespace_phrases_are_not_exact_for_whoosh():
    assert not whitespace_free(parse('"城镇 新增"'))
    assert whitespace_free(parse("城镇新增 OR 就业 -疫情 year:2021 region:常州"))


@pytest.mark.parametrize("name", ROUTES)
def test_segments_with_deleted_documents(name, tmp_path):
    """A changed report leaves a deletion in an older segment: matching must skip it."""
    texts = [f"城镇新增就业{i}人 镇" if i % 2 else f"再就业{i} 哈哈哈" for i in range(12)]
    texts[0] = "哈哈 哈哈哈哈"
    engine = build(name, tmp_path / "index", texts)
    texts[3] = "改过的文本 没有那个词"
    texts[4] = "城镇新增就业 加上"
    engine.write([IndexDoc(key(i), fold(texts[i]), "", "", (), None) for i in (3, 4)], [key(5)])
    keys = [key(i) for i in range(12) if i != 5]
    del texts[5]
    try:
        assert engine.keys() == set(keys)
        for term in ("就业", "城镇新增就业", "镇", "哈哈", "哈哈哈", "哈哈哈哈", "改过", "加上"):
            found = engine.matches(parse(term))
            want = {k for k, t in zip(keys, texts, strict=True) if term in t}
            assert found.keys == want, term
            if len(term) > 1:
                assert found.holders[term] == len(want)
    finally:
        engine.close()


@pytest.mark.parametrize("name", ENGINES)
def test_an_unfinished_build_is_resumed_not_taken_for_an_index(name, tmp_path):
    engine = engine_class(name)(tmp_path / "index")
    engine.create()
    engine.write([IndexDoc(key(1), "就业", "", "", (), None)], (), fresh=True)
    engine.close()
    again = engine_class(name)(tmp_path / "index")
    assert not again.open()  # no FORMAT yet: not complete
    assert again.resume() and again.keys() == {key(1)}
    again.write([IndexDoc(key(2), "再就业", "", "", (), None)], (), fresh=True)
    again.finish()
    again.close()
    done = engine_class(name)(tmp_path / "index")
    assert done.open()
    assert done.matches(parse("就业")).keys == {key(1), key(2)}
    done.close()


@pytest.mark.parametrize("name", ENGINES)
def test_a_stopped_write_commits_nothing_of_it(name, tmp_path):
    engine = build(name, tmp_path / "index", ["就业", "再就业"])
    asked = []

    def stop(i: int) -> bool:
        asked.append(i)
        return i == 2

    docs = [IndexDoc(key(i), fold(t), "", "", (), None) for i, t in ((1, "哈哈"), (5, "就业镇"), (6, "镇"))]
    with pytest.raises(WriteStopped):
        engine.write(docs, [key(0)], stop=stop)
    try:
        assert asked == [0, 1, 2]
        assert engine.keys() == {key(0), key(1)}  # neither the updates nor the deletion
        assert engine.matches(parse("就业")).keys == {key(0), key(1)}
        assert engine.matches(parse("镇")).keys == set()
        engine.write(docs, [key(0)], stop=lambda i: False)
        assert engine.keys() == {key(1), key(5), key(6)}
        assert engine.matches(parse("镇")).keys == {key(5), key(6)}
    finally:
        engine.close()

"""The whoosh index of a library: open (or rebuild), write in batches, find candidates.

The index is a candidate finder and ranker, never the judge: query.py decides what matches
on the stored text. For queries without whitespace inside a term the candidates are exact
(see analysis.py), which lets a search skip verifying results it does not show.

Only an index this code wrote is opened: <index>/FORMAT must hold exactly schema.FORMAT.
It is written after the index is complete, so an interrupted rebuild is rebuilt again.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from math import log
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.scoring import bm25
from whoosh.searching import Searcher

from explorer.search.analysis import query_grams
from explorer.search.query import AnyOf, FieldFilter, Literal, Node, Not, Query, YearRange
from explorer.search.safe_pickle import install as _install_safe_pickle
from explorer.search.schema import FORMAT, WRITER_LIMIT_MB, build_schema
from explorer.search.searcher import Candidates

# Before any index is opened: whoosh's pickles may only rebuild whoosh's own data.
_install_safe_pickle()

FORMAT_FILE = "FORMAT"
WRITER_TIMEOUT = 60.0
BM25_B, BM25_K1 = 0.75, 1.2  # whoosh.scoring.BM25F defaults  # seconds; the library lock normally makes the wait zero


@dataclass(frozen=True)
class IndexDoc:
    """One report as the index sees it; every string already in search form."""

    key: str
    text: str
    region: str
    doc_type: str
    themes: tuple[str, ...]
    year: int | None


def _gram_query(field: str, piece: str) -> wq.Query:
    grams = query_grams(piece)
    if len(piece) == 1:
        # Every position carries one term that starts with its character (analysis.py).
        return wq.Prefix(field, piece)
    if len(grams) == 1:
        return wq.Term(field, grams[0])
    return wq.Phrase(field, grams)


def _substring_query(field: str, text: str) -> wq.Query:
    pieces = text.split()
    if len(pieces) == 1:
        return _gram_query(field, pieces[0])
    # Whitespace is not indexed: each piece must occur; query.py checks the whole.
    return wq.And([_gram_query(field, p) for p in pieces])


def _unscored(q: wq.Query) -> wq.Query:
    # Filters select, they must not change the BM25 ranking of the text terms.
    return wq.ConstantScoreQuery(q, 0.0)


def to_whoosh(node: Node) -> wq.Query:
    if isinstance(node, Literal):
        return _substring_query("body", node.text)
    if isinstance(node, YearRange):
        return _unscored(wq.NumericRange("year", node.low, node.high))
    if isinstance(node, FieldFilter):
        if node.field == "theme":
            return _unscored(wq.Term("themes", node.value))
        field = "region" if node.field == "region" else "doctype"
        return _unscored(_substring_query(field, node.value))
    if isinstance(node, AnyOf):
        return wq.Or([to_whoosh(n) for n in node.items])
    return wq.Not(to_whoosh(node.item))


class _DocSets:
    """Exact sets of matching document numbers, computed from the gram postings."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.leaves = list(self.reader.leaf_readers())
        # From the schema: a segment with deletions wraps its matchers, hiding .format.
        self.formats = {name: searcher.schema[name].format for name in ("body", "region", "doctype")}
        self._live: set[int] | None = None
        self.tf: dict[str, dict[int, int]] = {}  # body piece -> doc -> occurrences

    def live(self) -> set[int]:
        if self._live is None:
            self._live = set(self.reader.all_doc_ids())
        return self._live

    def all_of(self, nodes: Sequence[Node]) -> set[int]:
        # Positive clauses first: they narrow the set that exclusions are taken from.
        ordered = sorted(nodes, key=lambda n: isinstance(n, Not))
        result: set[int] | None = None
        for node in ordered:
            if isinstance(node, Not):
                base = result if result is not None else self.live()
                result = base - self.docs(node.item)
            else:
                d = self.docs(node)
                result = d if result is None else result & d
            if not result:
                return set()
        return result or set()

    def docs(self, node: Node) -> set[int]:
        if isinstance(node, Literal):
            return self._substring("body", node.text)
        if isinstance(node, FieldFilter) and node.field != "theme":
            return self._substring("region" if node.field == "region" else "doctype", node.value)
        if isinstance(node, (YearRange, FieldFilter)):
            return set(self.searcher.docs_for_query(to_whoosh(node)))
        if isinstance(node, AnyOf):
            out: set[int] = set()
            for item in node.items:
                out |= self.docs(item)
            return out
        return self.live() - self.docs(node.item)

    def _substring(self, field: str, text: str) -> set[int]:
        result: set[int] | None = None
        for piece in text.split():
            d = self._piece(field, piece)
            result = d if result is None else result & d
            if not result:
                return set()
        return result or set()

    def _ids(self, field: str, term: str) -> set[int]:
        out: set[int] = set()
        for sub, base in self.leaves:
            if (field, term) in sub:
                out.update(base + i for i in sub.postings(field, term).all_ids())
        return out & self.live()

    def _freqs(self, field: str, term: str) -> dict[int, int]:
        out: dict[int, int] = {}
        live = self.live()
        for sub, base in self.leaves:
            if (field, term) in sub:
                freq = self.formats[field].decode_frequency
                items = sub.postings(field, term).all_items()
                out.update((base + i, freq(v)) for i, v in items if base + i in live)
        return out

    def _piece(self, field: str, piece: str) -> set[int]:
        if len(piece) == 1:
            terms = [t.decode("utf-8") if isinstance(t, bytes) else t for t in self.reader.expand_prefix(field, piece)]
            # Most common grams first: for a frequent character the union soon holds every
            # document and the hundreds of rarer grams need not be read.
            terms.sort(key=lambda t: self.reader.doc_frequency(field, t), reverse=True)
            out: set[int] = set()
            live = self.live()
            for term in terms:
                out |= self._ids(field, term)
                if len(out) >= len(live):
                    break
            return out
        grams = query_grams(piece)
        if len(grams) == 1:
            if field != "body":
                return self._ids(field, grams[0])
            self.tf[piece] = self._freqs(field, grams[0])
            return set(self.tf[piece])
        # Grams that tile the piece are enough: "高质量发展" is 高质@p, 量发@p+2, 发展@p+3.
        # A document must hold them all (rarest first), then at those offsets from one start.
        cover = [(i, grams[i]) for i in range(0, len(grams), 2)]
        if cover[-1][0] != len(grams) - 1:
            cover.append((len(grams) - 1, grams[-1]))
        unique = sorted({g for _, g in cover}, key=lambda g: self.reader.doc_frequency(field, g))
        docs: set[int] | None = None
        for g in unique:
            d = self._ids(field, g)
            docs = d if docs is None else docs & d
            if not docs:
                return set()
        assert docs is not None
        positions = {g: self._positions(field, g, docs) for g in unique}
        counts = {}
        for doc in docs:
            # Anchor on the gram with the fewest positions here, then test its candidate
            # starts against the others (set lookups, no arithmetic over long lists).
            lists = [(positions[g][doc], i) for i, g in cover]
            k = min(range(len(lists)), key=lambda j: len(lists[j][0]))
            anchor, at = lists[k]
            starts = {p - at for p in anchor}
            for j, (plist, i) in enumerate(lists):
                if j == k:
                    continue  # (the same gram may sit at two offsets: compare by index)
                present = set(plist)
                starts = {s for s in starts if s + i in present}
                if not starts:
                    break
            if starts:
                counts[doc] = len(starts)
        if field == "body":
            self.tf[piece] = counts
        return set(counts)

    def _positions(self, field: str, gram: str, docs: set[int]) -> dict[int, list[int]]:
        # Segment by segment with whole-posting-list iteration: walking a multi-segment
        # matcher doc by doc with skip_to costs several times more.
        out = {}
        for sub, base in self.leaves:
            if (field, gram) not in sub:
                continue
            decode = self.formats[field].decode_positions
            for i, value in sub.postings(field, gram).all_items():
                if base + i in docs:
                    out[base + i] = decode(value)
        return out


def _same_schema(found: Any, ours: Any) -> bool:
    try:
        return sorted(found.names()) == sorted(ours.names()) and all(
            type(found[name]) is type(ours[name]) for name in ours.names()
        )
    except Exception:  # not even a whoosh Schema
        return False


class SearchIndex:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._ix: whoosh_index.Index | None = None
        self._searcher: Searcher | None = None
        self._table: tuple[dict[int, str], dict[int, int]] = ({}, {})
        self._table_of: Searcher | None = None

    # -- opening --------------------------------------------------------------------

    def is_current(self) -> bool:
        try:
            return (self.folder / FORMAT_FILE).read_text(encoding="utf-8").strip() == FORMAT
        except OSError:
            return False

    def open(self) -> bool:
        """Open the index if it is ours and readable; False means it must be rebuilt."""
        if self._ix is not None:
            return True
        if not self.is_current():
            return False
        try:
            ix = whoosh_index.open_dir(str(self.folder))
            ix.doc_count()  # reads the segment list: fails here on a damaged index
        except Exception:  # whoosh raises many kinds (EmptyIndexError, UnsafePickle, OSError...)
            return False
        if not _same_schema(ix.schema, build_schema()):
            ix.close()  # a FORMAT file copied beside someone else's index
            return False
        self._ix = ix
        return True

    def rebuild(self, docs: Iterable[IndexDoc]) -> int:
        """Throw the index away and index `docs` again. Caller holds the library lock."""
        self.close()
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        ix = whoosh_index.create_in(str(self.folder), build_schema())
        n = 0
        batch: list[IndexDoc] = []
        self._ix = ix
        for doc in docs:
            batch.append(doc)
            if len(batch) >= 200:
                self.write(batch, (), new=True)
                n += len(batch)
                batch = []
        if batch or n == 0:
            self.write(batch, (), new=True)
            n += len(batch)
        tmp = self.folder / (FORMAT_FILE + ".tmp")
        tmp.write_text(FORMAT + "\n", encoding="utf-8")
        os.replace(tmp, self.folder / FORMAT_FILE)
        return n

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        if self._ix is not None:
            self._ix.close()
            self._ix = None

    # -- writing --------------------------------------------------------------------

    def write(self, puts: Sequence[IndexDoc], deletes: Iterable[str], new: bool = False) -> None:
        """One commit: replace or add `puts`, drop `deletes` (keys)."""
        assert self._ix is not None, "open() or rebuild() first"
        with self._ix.writer(timeout=WRITER_TIMEOUT, limitmb=WRITER_LIMIT_MB) as w:
            for key in deletes:
                w.delete_by_term("key", key)
            add = w.add_document if new else w.update_document
            for d in puts:
                fields: dict[str, object] = {
                    "key": d.key,
                    "body": d.text,
                    "region": d.region,
                    "doctype": d.doc_type,
                }
                if d.themes:
                    fields["themes"] = list(d.themes)
                if d.year is not None:
                    fields["year"] = d.year
                add(**fields)

    def optimize(self) -> None:
        assert self._ix is not None
        self._ix.optimize()

    # -- reading --------------------------------------------------------------------

    def _current_searcher(self) -> Searcher:
        assert self._ix is not None, "open() first"
        if self._searcher is not None and self._ix.latest_generation() != self._searcher.reader().generation():
            # Another process (or this one) committed since: see its work. Not with
            # Searcher.refresh(): whoosh 2.7 reuses the old segment readers there, and a
            # reused reader keeps its old deletions and segments merged away come back,
            # so a re-indexed report was found twice (tests/robustness).
            self._searcher.close()
            self._searcher = None
        if self._searcher is None:
            self._searcher = self._ix.searcher()
        return self._searcher

    def candidates(self, query: Query, allowed: Container[str]) -> Candidates:
        """The documents matching `query` (exact when is_exact(query)) whose key is in
        `allowed`, best first.

        Ranking is whoosh's BM25F formula (scoring.bm25, its idf and defaults B=0.75,
        K1=1.2) with the frequency of each whole term, taken from the positions already
        read to match it, rather than of its separate character grams. whoosh's own Phrase
        query would find the same documents but builds a span object per position, 5-10x
        slower on common phrases.
        """
        searcher = self._current_searcher()
        keys, lengths = self._doc_table(searcher)
        sets = _DocSets(searcher)
        docs = {d for d in sets.all_of(query.clauses) if keys.get(d) in allowed}
        terms = [sets.tf[p] for lit in query.literals() for p in lit.pieces if p in sets.tf]
        if not docs or not terms:
            return Candidates([(keys[d], 0.0) for d in docs], len(docs), constant=True)
        n_docs = max(1, len(keys))
        avg_length = max(1.0, sum(lengths.values()) / n_docs)
        scores = dict.fromkeys(docs, 0.0)
        for tf in terms:
            idf = log(n_docs / (len(tf) + 1)) + 1
            for d, f in tf.items():
                if d in scores:
                    scores[d] += bm25(idf, f, lengths.get(d, 1), avg_length, BM25_B, BM25_K1)
        ranked = sorted(((keys[d], sc) for d, sc in scores.items()), key=lambda ks: ks[1], reverse=True)
        return Candidates(ranked, len(docs), constant=False)

    def _doc_table(self, searcher: Searcher) -> tuple[dict[int, str], dict[int, int]]:
        """docnum -> key and -> body length of the live documents, read once per index
        generation (the searcher is replaced when the index changes)."""
        if self._table_of is not searcher:
            reader = searcher.reader()
            keys = {n: str(f["key"]) for n, f in reader.iter_docs()}
            self._table = (keys, {n: reader.doc_field_length(n, "body", 1) or 1 for n in keys})
            self._table_of = searcher
        return self._table

    def keys(self) -> set[str]:
        """Keys of the live (not deleted) documents."""
        return {str(f["key"]) for f in self._current_searcher().all_stored_fields()}

    def doc_count(self) -> int:
        return self._current_searcher().doc_count()

"""The tantivy engine (engine.py): compiled (Rust, tantivy-py), for large libraries.

Terms. The folded text is cut in Python (analysis.cut_terms: the same grams as whoosh's,
in text order, space-separated) and indexed with tantivy's whitespace tokenizer, so a
position is the index of a non-whitespace character. tantivy's own n-gram tokenizer keeps
no positions and would give false phrase matches. A piece of two or more characters is a
phrase of its grams; a single character is the set of grams starting with it (the term
dictionary's prefix walk; tantivy's phrase_prefix_query stops at 50 expansions, which is
wrong for a common character). Because a one-character term marks the end of a run,
a phrase with whitespace inside is exact too: "城镇 新增" is 城镇, 镇 (end of a run), 新增.

Documents are named by their key (the library's path key: hexadecimal) split into two
fast u64 fields, so a hit's key is read without touching stored documents. Occurrence
counts for ranking come from tantivy's scores (tantivy_scores.py). A common term holds
most of a large library (10,000 hits for 发展): hits are read into numpy arrays and their
keys and counts computed on those, with no Python work per hit.

Fields: key (raw, for deletes), key_hi and key_lo (fast), body, region, doctype (grams
with positions), themes (raw), year (i64), length (fast: body terms, for the scores).
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import reduce
from pathlib import Path
from typing import Any

import numpy as np
import tantivy

from explorer.search.analysis import cut_terms, n_terms, query_grams
from explorer.search.engine import (
    Counts,
    EngineStats,
    FolderEngine,
    IndexDoc,
    KeySet,
    Matches,
    folder_size,
)
from explorer.search.query import (
    AnyOf,
    FieldFilter,
    Literal,
    Node,
    Not,
    Query,
    YearRange,
    positive_pieces,
)
from explorer.search.tantivy_scores import (
    ScoreShapeError,
    constants,
    counts_from_scores,
    explained_count,
)

# tantivy-py's version names its index format too ("tantivy v0.27.0, index_format v7").
FORMAT = f"report-explorer-search tantivy 1 ({getattr(tantivy, '__version__', '?')})"
WRITER_HEAP = 128_000_000  # bytes of tantivy's indexing arena before it writes a segment
GRAM_FIELDS = ("body", "region", "doctype")
_KEY = re.compile(r"[0-9a-f]{24}")
_KEY_LO_DIGITS = 8


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("key", stored=False, tokenizer_name="raw", index_option="basic")
    sb.add_unsigned_field("key_hi", fast=True)
    sb.add_unsigned_field("key_lo", fast=True)
    for name in GRAM_FIELDS:
        sb.add_text_field(name, stored=False, tokenizer_name="whitespace", index_option="position")
    sb.add_text_field("themes", stored=False, tokenizer_name="raw", index_option="basic")
    sb.add_integer_field("year", indexed=True, fast=True)
    sb.add_unsigned_field("length", fast=True)
    return sb.build()


_SCHEMA = build_schema()


def _split_key(key: str) -> tuple[int, int]:
    """A key (24 lower-case hex digits, as library path keys are) as two integers."""
    if not _KEY.fullmatch(key):
        raise ValueError(f"the tantivy engine names documents by 24 hexadecimal digits, not {key!r}")
    return int(key[:-_KEY_LO_DIGITS], 16), int(key[-_KEY_LO_DIGITS:], 16)


def _document(d: IndexDoc) -> tantivy.Document:
    hi, lo = _split_key(d.key)
    fields: dict[str, Any] = {
        "key": d.key, "key_hi": hi, "key_lo": lo, "body": cut_terms(d.text),
        "region": cut_terms(d.region), "doctype": cut_terms(d.doc_type),
        "themes": list(d.themes), "length": n_terms(d.text),
    }
    if d.year is not None:
        fields["year"] = d.year
    # from_dict with the schema: Document(**fields) would ignore the field types.
    return tantivy.Document.from_dict(fields, _SCHEMA)


def _regex_escape(text: str) -> str:
    return "".join("\\" + ch if ch in r".+*?()|[]{}^$#&-~\/\"<>@" else ch for ch in text)


class TantivyEngine(FolderEngine):
    name = "tantivy"

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, FORMAT)
        self._ix: tantivy.Index | None = None
        self._writer: Any = None
        self._seen: tuple[int, int, int] | None = None  # meta.json as last loaded
        self._names = _KeyNames()
        self.explain_fallbacks = 0  # counts recovered by `explain` (see tantivy_scores.py)

    # -- opening --------------------------------------------------------------------

    def _open_dir(self) -> bool:
        try:
            ix = tantivy.Index.open(str(self.folder))
            if ix.schema != _SCHEMA:
                return False  # a FORMAT file copied beside someone else's index
            ix.reload()
            ix.searcher().num_docs  # noqa: B018  (reads the segment list)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:  # ValueError, OSError, or a Rust panic (pyo3 PanicException)
            return False
        self._ix = ix
        self._seen = self._meta_stamp()
        return True

    def create(self) -> None:
        self.close()
        self.markers.start()
        self._ix = tantivy.Index(_SCHEMA, str(self.folder), reuse=False)

    def finish(self) -> None:
        self._close_writer()
        self.markers.finish()

    def close(self) -> None:
        self._close_writer()
        self._ix = None

    def _close_writer(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.wait_merging_threads()  # consumes the writer; its lock is released

    # -- writing --------------------------------------------------------------------

    def write(self, puts: Sequence[IndexDoc], deletes: Iterable[str], fresh: bool = False) -> None:
        """One commit. fresh: no key of `puts` is in the index yet (a build)."""
        assert self._ix is not None, "open(), resume() or create() first"
        docs = [_document(d) for d in puts]  # a bad key fails before anything is written
        if self._writer is None:
            # One thread: the ingest workers use the other cores during an index run.
            self._writer = self._ix.writer(WRITER_HEAP, 1)
        w = self._writer
        try:
            for key in deletes:
                w.delete_documents_by_term("key", key)
            for d, doc in zip(puts, docs, strict=True):
                if not fresh:
                    w.delete_documents_by_term("key", d.key)  # update = delete + add
                w.add_document(doc)
            w.commit()
        except BaseException:
            w.rollback()
            raise
        self._ix.reload()

    # -- reading --------------------------------------------------------------------

    def _meta_stamp(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.folder / "meta.json")
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size  # a commit replaces the file

    def _searcher(self) -> tantivy.Searcher:
        assert self._ix is not None, "open() first"
        stamp = self._meta_stamp()
        if stamp != self._seen:  # another process (or this one) committed since
            self._ix.reload()
            self._seen = stamp
        return self._ix.searcher()

    def _keys_of(self, searcher: tantivy.Searcher, addresses: list[tantivy.DocAddress]) -> KeySet:
        """The keys of the documents at `addresses`, in their order."""
        his = searcher.fast_field_values("key_hi", addresses)
        los = searcher.fast_field_values("key_lo", addresses)
        return KeySet(*self._names.of(np.array(his, dtype=np.uint64), np.array(los, dtype=np.uint64)))

    def _all(self, searcher: tantivy.Searcher, query: tantivy.Query) -> tuple[np.ndarray, list[tantivy.DocAddress]]:
        """(scores, addresses) of every live document matching `query`, best first."""
        n = searcher.num_docs
        if n == 0:
            return np.empty(0), []  # search(limit=0) panics
        hits = searcher.search(query, limit=n, count=False).hits
        if not hits:
            return np.empty(0), []
        scores, addresses = zip(*hits, strict=True)
        return np.array(scores, dtype=np.float64), list(addresses)

    def keys(self) -> set[str]:
        s = self._searcher()
        return set(self._keys_of(s, self._all(s, tantivy.Query.all_query())[1]))

    def stats(self) -> EngineStats:
        s = self._searcher()
        return EngineStats(self.name, s.num_docs, folder_size(self.folder), s.num_segments)

    # -- queries --------------------------------------------------------------------

    def _piece_query(self, searcher: tantivy.Searcher, field: str, piece: str) -> tantivy.Query:
        if len(piece) == 1:
            # terms_with_prefix("镇") lists 镇 and 镇江, 镇就...: all start with it.
            terms = [t for t, _ in searcher.terms_with_prefix(field, piece)]
            if not terms:
                return tantivy.Query.empty_query()
            return tantivy.Query.term_set_query(_SCHEMA, field, terms)
        grams: list[str | tuple[int, str]] = list(query_grams(piece))
        if len(grams) == 1:
            return tantivy.Query.term_query(_SCHEMA, field, piece)
        return tantivy.Query.phrase_query(_SCHEMA, field, grams)

    def _text_query(self, searcher: tantivy.Searcher, field: str, text: str) -> tantivy.Query:
        pieces = text.split()
        if len(pieces) == 1:
            return self._piece_query(searcher, field, pieces[0])
        # Each piece but the last ends a run: its grams, then its last character alone.
        terms: list[str | tuple[int, str]] = []
        for p in pieces[:-1]:
            terms += [*query_grams(p), p[-1]] if len(p) > 1 else [p]
        last = pieces[-1]
        if len(last) > 1:
            return tantivy.Query.phrase_query(_SCHEMA, field, [*terms, *query_grams(last)])
        # The last piece is one character: the term there starts with it.
        words: list[str | tuple[int, str]] = [_regex_escape(str(t)) for t in terms]
        words.append(_regex_escape(last) + ".?")
        return tantivy.Query.regex_phrase_query(_SCHEMA, field, words)

    def _node_query(self, searcher: tantivy.Searcher, node: Node) -> tantivy.Query:
        if isinstance(node, Literal):
            return self._text_query(searcher, "body", node.text)
        if isinstance(node, YearRange):
            return tantivy.Query.range_query(_SCHEMA, "year", tantivy.FieldType.Integer, node.low, node.high)
        if isinstance(node, FieldFilter):
            if node.field == "theme":
                return tantivy.Query.term_query(_SCHEMA, "themes", node.value)
            return self._text_query(searcher, "region" if node.field == "region" else "doctype", node.value)
        if isinstance(node, AnyOf):
            return tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, self._node_query(searcher, n)) for n in node.items]
            )
        # A boolean of only MustNot matches nothing: exclude from everything.
        return tantivy.Query.boolean_query([
            (tantivy.Occur.Must, tantivy.Query.all_query()),
            (tantivy.Occur.MustNot, self._node_query(searcher, node.item)),
        ])

    def _query(self, searcher: tantivy.Searcher, query: Query) -> tantivy.Query:
        clauses = [
            (tantivy.Occur.MustNot, self._node_query(searcher, c.item)) if isinstance(c, Not)
            else (tantivy.Occur.Must, self._node_query(searcher, c))
            for c in query.clauses
        ]
        if all(occur == tantivy.Occur.MustNot for occur, _ in clauses):
            clauses.insert(0, (tantivy.Occur.Must, tantivy.Query.all_query()))
        return tantivy.Query.boolean_query(clauses)

    def matches(self, query: Query) -> Matches:
        s = self._searcher()
        pieces = positive_pieces(query)
        exact = not any(isinstance(n, FieldFilter) and " " in n.value for n in _nodes(query))
        groups = _plain_groups(query)
        # Terms only (AND of ORs): each term's hits, counted, and the set made from them,
        # with no search of the whole query: for one term or one OR group always (every
        # hit of a term is a match), for several when most reports may match (counting
        # inside the matches would cost as much as counting everywhere).
        if groups is not None and (len(groups) == 1 or 2 * self._at_most(s, groups) >= s.num_docs):
            tallies = {p: self._counts(s, self._piece_query(s, "body", p)) for g in groups for p in g}
            combined = _combined([[tallies[p].reports for p in g] for g in groups])
            return Matches(combined, exact, {**tallies}, {p: len(c) for p, c in tallies.items()})
        whole = self._query(s, query)
        _, addresses = self._all(s, tantivy.Query.const_score_query(whole, 1.0))
        keys = self._keys_of(s, addresses)
        counts: dict[str, Mapping[str, int]] = {}
        holders: dict[str, int] = {}
        for piece in pieces if keys else ():
            q = self._piece_query(s, "body", piece)
            if len(keys) * 2 < s.num_docs:
                # Few matches: count only inside them (the filter adds 0 to each score).
                inside = tantivy.Query.boolean_query([
                    (tantivy.Occur.Must, q),
                    (tantivy.Occur.Must, tantivy.Query.const_score_query(whole, 0.0)),
                ])
                counts[piece] = self._counts(s, inside, q)
                holders[piece] = _count(s, q)
            else:
                counts[piece] = self._counts(s, q)
                holders[piece] = len(counts[piece])
        return Matches(keys, exact, counts, holders)

    @staticmethod
    def _at_most(s: tantivy.Searcher, groups: list[list[str]]) -> int:
        """An upper bound of the reports matching the AND of `groups` (ORs of terms), from
        the term dictionary: a term is in no more reports than its rarest gram."""
        return min(sum(min(s.doc_freq("body", g) for g in query_grams(p)) for p in group) for group in groups)

    def _counts(self, s: tantivy.Searcher, query: tantivy.Query, scored: tantivy.Query | None = None) -> Counts:
        """The occurrences of the piece `scored` (default `query`) in each hit of `query`,
        recovered from the scores (tantivy_scores.py)."""
        scored = scored or query
        scores, addresses = self._all(s, query)
        keys = self._keys_of(s, addresses)
        if not addresses:
            return Counts(keys, np.empty(0, dtype=np.int64))
        try:
            c = constants(scored, s, addresses[0])
        except ScoreShapeError as exc:
            return self._fallback(keys, exc)
        lengths = _int_array(s.fast_field_values("length", addresses))
        found = counts_from_scores(scores, lengths, c)
        # Guard the route: the best-scored document's count (hits come best first),
        # checked against `explain`.
        if found[0] and found[0] != explained_count(scored, s, addresses[0]):
            warnings.warn("tantivy's scores no longer give exact counts: using explain", stacklevel=2)
            found[:] = 0
        for i in np.flatnonzero(found == 0).tolist():
            found[i] = explained_count(scored, s, addresses[i])
            self.explain_fallbacks += 1
        return Counts(keys, found)

    @staticmethod
    def _fallback(keys: KeySet, exc: Exception) -> Counts:
        warnings.warn(f"tantivy gives no counts ({exc}): ranking without them", stacklevel=3)
        return Counts(keys, np.ones(len(keys), dtype=np.int64))


class _KeyNames:
    """Key strings by (key_hi, key_lo), kept across queries (the same keys come back query
    after query): sorted by key_hi, found with one searchsorted per batch of hits. It maps
    values to values, so a stale entry (a deleted report) costs nothing but its room."""

    def __init__(self) -> None:
        self.his = np.empty(0, dtype=np.uint64)
        self.los = np.empty(0, dtype=np.uint64)
        self.names = np.empty(0, dtype=object)

    def _find(self, his: np.ndarray, los: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        at = np.minimum(np.searchsorted(self.his, his), max(len(self.his) - 1, 0))
        if not len(self.his):
            return at, np.zeros(len(his), dtype=bool)
        return at, (self.his[at] == his) & (self.los[at] == los)

    def of(self, his: np.ndarray, los: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(an array of names, the position of each (hi, lo) in it)."""
        at, known = self._find(his, los)
        if known.all():
            return self.names, at
        new = ~known
        hi_new, lo_new = his[new], los[new]
        names = [f"{h:016x}{lo:08x}" for h, lo in zip(hi_new.tolist(), lo_new.tolist(), strict=True)]
        his_all = np.concatenate([self.his, hi_new])
        los_all = np.concatenate([self.los, lo_new])
        names_all = np.concatenate([self.names, np.array(names, dtype=object)])
        # Unique by (hi, lo), sorted by hi; two keys sharing their first 16 digits (a
        # lookup by hi alone cannot tell them apart) are named one by one.
        order = np.lexsort((los_all, his_all))
        his_all, los_all, names_all = his_all[order], los_all[order], names_all[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = (his_all[1:] != his_all[:-1]) | (los_all[1:] != los_all[:-1])
        self.his, self.los, self.names = his_all[first], los_all[first], names_all[first]
        if (self.his[1:] == self.his[:-1]).any():
            one_by_one = [f"{h:016x}{lo:08x}" for h, lo in zip(his.tolist(), los.tolist(), strict=True)]
            return np.array(one_by_one, dtype=object), np.arange(len(his))
        return self.names, self._find(his, los)[0]


def _plain_groups(query: Query) -> list[list[str]] | None:
    """The query as an AND of ORs of terms of two or more characters without whitespace,
    or None if it has anything else (a filter, an exclusion, a phrase, one character)."""
    groups = []
    for clause in query.clauses:
        items = clause.items if isinstance(clause, AnyOf) else (clause,)
        if not all(isinstance(n, Literal) and len(n.text) >= 2 and " " not in n.text for n in items):
            return None
        groups.append([n.text for n in items if isinstance(n, Literal)])
    return groups


def _combined(groups: list[list[KeySet]]) -> AbstractSet[str]:
    """The keys in every group's union."""
    names = groups[0][0].names
    if all(r.names is names for g in groups for r in g):
        unions = [reduce(np.union1d, (r.at for r in g)) for g in groups]
        return KeySet(names, reduce(lambda a, b: np.intersect1d(a, b, assume_unique=True), unions))
    # The engine learnt new keys between the terms (its names array was replaced).
    return set.intersection(*(set().union(*g) for g in groups))


def _int_array(values: Sequence[object]) -> np.ndarray:
    try:
        return np.array(values, dtype=np.int64)
    except TypeError:  # None: a segment without the column (none of this FORMAT's)
        return np.array([v or 0 for v in values], dtype=np.int64)


def _count(s: tantivy.Searcher, query: tantivy.Query) -> int:
    """Live documents matching `query` (doc_freq would count deleted ones too)."""
    return int(s.search(query, limit=1, count=True).count)  # type: ignore[attr-defined]  # not in the stubs


def _nodes(query: Query) -> Iterable[Node]:
    stack: list[Node] = list(query.clauses)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, AnyOf):
            stack.extend(node.items)
        elif isinstance(node, Not):
            stack.append(node.item)



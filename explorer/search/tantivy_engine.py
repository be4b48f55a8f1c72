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
counts for ranking come from tantivy's scores (tantivy_scores.py). From ARRAY_MIN_DOCS
reports on, hits, keys and counts are read as numpy arrays (tantivy_arrays.py: a common
term holds most reports of a large library); below, in Python (_DictReader), which spares
a small library's search the import of numpy.

Fields: key (raw, for deletes), key_hi and key_lo (fast), body, region, doctype (grams
with positions), themes (raw), year (i64), length (fast: body terms, for the scores).
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

import tantivy

from explorer.search.analysis import cut_terms, n_terms, query_grams
from explorer.search.engine import (
    EngineStats,
    FolderEngine,
    IndexDoc,
    Matches,
    WriteStopped,
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
    Bm25,
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
# From this many reports on, hits are read as arrays. numpy's import (0.1-0.2 CPU s) is paid
# once per process; the Python way costs about 2 us a hit, so a cold CLI search of a
# 1,000-report library is faster without numpy, a 10,000-report query 2-3x faster with it.
ARRAY_MIN_DOCS = 3000


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
        self._dicts = _DictReader()
        self.array_min_docs = ARRAY_MIN_DOCS
        self._arrays: Any = None  # tantivy_arrays.ArrayReader, made when first needed
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

    def write(self, puts: Sequence[IndexDoc], deletes: Iterable[str], fresh: bool = False,
              stop: Callable[[int], bool] | None = None) -> None:
        """One commit. fresh: no key of `puts` is in the index yet (a build). stop: see
        Engine.write; asked while the documents are cut (the Python part of a write)."""
        assert self._ix is not None, "open(), resume() or create() first"
        docs = []  # a bad key fails before anything is written
        for i, d in enumerate(puts):
            if stop is not None and stop(i):
                raise WriteStopped
            docs.append(_document(d))
        if self._writer is None:
            # One thread: the ingest workers use the other cores during an index run.
            self._writer = self._ix.writer(WRITER_HEAP, 1)
            # A writer killed between writing a commit's files and its meta.json leaves those
            # files behind; the next commit can reach the same opstamp and would fail on
            # FileAlreadyExists("<segment>.<opstamp>.del"). Tantivy collects unreferenced files
            # only after a commit, so collect them before the first one.
            self._writer.garbage_collect_files()
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

    def _reader(self, searcher: tantivy.Searcher) -> Any:
        """How hits are read: _DictReader or tantivy_arrays.ArrayReader (same methods)."""
        if searcher.num_docs < self.array_min_docs:
            return self._dicts
        if self._arrays is None:
            from explorer.search.tantivy_arrays import ArrayReader

            self._arrays = ArrayReader()
        return self._arrays

    def _all(self, searcher: tantivy.Searcher, query: tantivy.Query) -> tuple[Sequence[float], list[Any]]:
        """(scores, addresses) of every live document matching `query`, best first."""
        n = searcher.num_docs
        if n == 0:
            return [], []  # search(limit=0) panics
        return self._reader(searcher).hits(searcher, query, n)  # type: ignore[no-any-return]

    def _keys_of(self, searcher: tantivy.Searcher, addresses: list[Any]) -> Any:
        """The keys at `addresses`, in their order: a list of str or a KeySet."""
        return self._reader(searcher).keys(searcher, addresses)

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
            reader = self._reader(s)
            tallies = {p: self._counts(s, self._piece_query(s, "body", p)) for g in groups for p in g}
            combined = reader.combined([[reader.key_set(tallies[p]) for p in g] for g in groups])
            return Matches(combined, exact, {**tallies}, {p: len(c) for p, c in tallies.items()})
        whole = self._query(s, query)
        _, addresses = self._all(s, tantivy.Query.const_score_query(whole, 1.0))
        keys = self._reader(s).as_set(self._keys_of(s, addresses))
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

    def _counts(self, s: tantivy.Searcher, query: tantivy.Query, scored: tantivy.Query | None = None) -> Mapping[str, int]:
        """key -> occurrences of the piece `scored` (default `query`) in each hit of
        `query`, recovered from the scores (tantivy_scores.py)."""
        scored = scored or query
        reader = self._reader(s)
        scores, addresses = self._all(s, query)
        keys = self._keys_of(s, addresses)
        if not addresses:
            return reader.tally(keys, [])  # type: ignore[no-any-return]
        try:
            c = constants(scored, s, addresses[0])
        except ScoreShapeError as exc:
            warnings.warn(f"tantivy gives no counts ({exc}): ranking without them", stacklevel=2)
            return reader.tally(keys, [1] * len(addresses))  # type: ignore[no-any-return]
        found = reader.counts_from_scores(scores, s.fast_field_values("length", addresses), c)
        # Guard the route: the best-scored document's count (hits come best first),
        # checked against `explain`.
        if found[0] and found[0] != explained_count(scored, s, addresses[0]):
            warnings.warn("tantivy's scores no longer give exact counts: using explain", stacklevel=2)
            found[:] = [0] * len(found)
        for i in reader.unsure(found):
            found[i] = explained_count(scored, s, addresses[i])
            self.explain_fallbacks += 1
        return reader.tally(keys, found)  # type: ignore[no-any-return]


class _DictReader:
    """Hits, keys and counts as Python lists and dicts (a small library's way)."""

    def __init__(self) -> None:
        self._names: dict[tuple[Any, Any], str] = {}  # (key_hi, key_lo) -> key

    @staticmethod
    def hits(searcher: tantivy.Searcher, query: tantivy.Query, n: int) -> tuple[list[float], list[Any]]:
        hits = searcher.search(query, limit=n, count=False).hits
        return [sc for sc, _ in hits], [a for _, a in hits]

    def keys(self, searcher: tantivy.Searcher, addresses: list[Any]) -> list[str]:
        his = searcher.fast_field_values("key_hi", addresses)
        los = searcher.fast_field_values("key_lo", addresses)
        names = self._names  # the same keys come back query after query
        out = []
        for pair in zip(his, los, strict=True):
            name = names.get(pair)
            if name is None:
                name = names[pair] = f"{pair[0]:016x}{pair[1]:08x}"
            out.append(name)
        return out

    @staticmethod
    def counts_from_scores(scores: list[float], lengths: list[Any], c: Bm25) -> list[int]:
        return counts_from_scores(scores, [int(n or 0) for n in lengths], c)

    @staticmethod
    def unsure(found: list[int]) -> list[int]:
        return [i for i, tf in enumerate(found) if not tf]

    @staticmethod
    def tally(keys: list[str], found: list[int]) -> dict[str, int]:
        return dict(zip(keys, found, strict=True))

    @staticmethod
    def as_set(keys: list[str]) -> set[str]:
        return set(keys)

    @staticmethod
    def key_set(tally: dict[str, int]) -> AbstractSet[str]:
        return tally.keys()

    @staticmethod
    def combined(groups: list[list[AbstractSet[str]]]) -> set[str]:
        """The keys in every group's union."""
        return set.intersection(*(set().union(*g) for g in groups))


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



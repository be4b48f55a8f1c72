"""The whoosh engine (engine.py): pure Python, the default for small libraries.

The index holds the character grams of analysis.py with character offsets as positions
(whoosh_schema.py). Matching documents are computed from the posting lists directly
(_DocSets): a piece of two or more characters is where its grams sit at consecutive
offsets, a single character is where a gram starts with it. Whitespace is not indexed, so
a term with whitespace inside (a quoted phrase) gets candidates only, which the searcher
verifies on the text.

Only an index this code wrote is opened: <folder>/FORMAT must hold exactly
whoosh_schema.FORMAT, and its pickles are read through safe_pickle's restricted unpickler.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.searching import Searcher

from explorer.search.analysis import query_grams
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
    whitespace_free,
)
from explorer.search.safe_pickle import install as _install_safe_pickle
from explorer.search.whoosh_schema import FORMAT, WRITER_LIMIT_MB, build_schema

# Before any index is opened: whoosh's pickles may only rebuild whoosh's own data.
_install_safe_pickle()

WRITER_TIMEOUT = 60.0  # seconds; the library lock normally makes the wait zero


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
    # Whitespace is not indexed: each piece must occur; the searcher checks the whole.
    return wq.And([_gram_query(field, p) for p in pieces])


def to_whoosh(node: Node) -> wq.Query:
    """A whoosh query for one clause (used for the filters; kept whole for inspection)."""
    if isinstance(node, Literal):
        return _substring_query("body", node.text)
    if isinstance(node, YearRange):
        return wq.NumericRange("year", node.low, node.high)
    if isinstance(node, FieldFilter):
        if node.field == "theme":
            return wq.Term("themes", node.value)
        field = "region" if node.field == "region" else "doctype"
        return _substring_query(field, node.value)
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
            return set(self.searcher.docs_for_query(to_whoosh(node))) & self.live()
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
        if field == "body" and piece in self.tf:
            return set(self.tf[piece])
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
                if field == "body":
                    self.tf[piece] = {}
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


class WhooshEngine(FolderEngine):
    name = "whoosh"

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, FORMAT)
        self._ix: whoosh_index.Index | None = None
        self._searcher: Searcher | None = None
        self._keys: dict[int, str] = {}
        self._keys_of: Searcher | None = None

    # -- opening --------------------------------------------------------------------

    def _open_dir(self) -> bool:
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

    def create(self) -> None:
        self.close()
        self.markers.start()
        self._ix = whoosh_index.create_in(str(self.folder), build_schema())

    def finish(self) -> None:
        self.markers.finish()

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        if self._ix is not None:
            self._ix.close()
            self._ix = None

    # -- writing --------------------------------------------------------------------

    def write(self, puts: Sequence[IndexDoc], deletes: Iterable[str], fresh: bool = False,
              stop: Callable[[int], bool] | None = None) -> None:
        """One commit. fresh: no key of `puts` is in the index yet (a build), so
        documents are added without looking for an older version. stop: see Engine.write
        (whoosh's writer, left by an exception, cancels itself: nothing is committed)."""
        assert self._ix is not None, "open(), resume() or create() first"
        with self._ix.writer(timeout=WRITER_TIMEOUT, limitmb=WRITER_LIMIT_MB) as w:
            for key in deletes:
                w.delete_by_term("key", key)
            add = w.add_document if fresh else w.update_document
            for i, d in enumerate(puts):
                if stop is not None and stop(i):
                    raise WriteStopped
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

    def _key_table(self, searcher: Searcher) -> dict[int, str]:
        """docnum -> key of the live documents, read once per index generation."""
        if self._keys_of is not searcher:
            self._keys = {n: str(f["key"]) for n, f in searcher.reader().iter_docs()}
            self._keys_of = searcher
        return self._keys

    def matches(self, query: Query) -> Matches:
        """whoosh's own Phrase query would find the same documents but builds a span
        object per position, 5-10x slower on common phrases."""
        searcher = self._current_searcher()
        keys = self._key_table(searcher)
        sets = _DocSets(searcher)
        docs = sets.all_of(query.clauses)
        found = {keys[d] for d in docs if d in keys}
        counts: dict[str, Mapping[str, int]] = {}
        holders: dict[str, int] = {}
        for piece in positive_pieces(query):
            tf = sets.tf.get(piece)
            if tf is not None:
                counts[piece] = {keys[d]: f for d, f in tf.items() if d in keys}
                holders[piece] = len(tf)
        return Matches(found, whitespace_free(query), counts, holders)

    def keys(self) -> set[str]:
        return {str(f["key"]) for f in self._current_searcher().all_stored_fields()}

    def stats(self) -> EngineStats:
        searcher = self._current_searcher()
        return EngineStats(self.name, searcher.doc_count(), folder_size(self.folder),
                           len(list(searcher.reader().leaf_readers())))

"""The search-engine interface: what the library asks of an index, whichever engine holds it.

An engine holds, for each report (its key), the folded body text cut into character grams
(analysis.py) and the metadata the filters look at (region, type, themes, year). Asked a
parsed Query it answers with `Matches`: the keys of the matching reports (exactly, when
`Matches.exact`) and, for every positive body piece of two or more characters, how often it
occurs in each report holding it and how many live reports hold it. Everything else is
done above the engines, once for all of them: parsing (query.py), ranking (ranking.py),
verification on the stored text, spans and snippets (searcher.py). So every engine answers
identically; tests/search runs one exactness suite over all of them.

The keys and counts may come as plain sets and dicts (whoosh) or as arrays that read as
them (KeySet, Counts: tantivy, whose common terms hold 10,000 reports of a large library;
ranking then works on the arrays without a Python step per report).

Engines: whoosh (pure Python, the default for small libraries) and tantivy (compiled, for
large ones). A server engine (OpenSearch or Elasticsearch with a CJK bigram analyzer) would
be a third implementation of the same protocol: `matches` is one boolean query of phrase
clauses, with counts from term vectors.

Life cycle, the same for every engine, each in a folder of its own:

    create()  empty index, marked BUILDING (an unfinished build can be resumed: resume())
    write()   one durable, atomic commit: documents replaced or added, others deleted
    finish()  marks the index complete: <folder>/FORMAT holds the engine's FORMAT string
    open()    opens a complete index of exactly this FORMAT; False means: rebuild it

FORMAT is written last, so an interrupted build is never taken for a complete index.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from explorer.search.query import Query

if TYPE_CHECKING:
    import numpy as np

FORMAT_FILE = "FORMAT"
BUILDING_FILE = "BUILDING"
ENGINES = ("whoosh", "tantivy")


@dataclass(frozen=True)
class IndexDoc:
    """One report as an engine sees it; every string already in search form (folded)."""

    key: str
    text: str
    region: str
    doc_type: str
    themes: tuple[str, ...]
    year: int | None


class KeySet(AbstractSet[str]):
    """Report keys as positions `at` in an engine's array of key names (`names`, a numpy
    object array of str that the engine keeps across queries): how an engine that reads
    its hits in bulk hands them on. Ranking maps `names` to its rows once, not every key
    of every query; anyone else reads a set of str."""

    __slots__ = ("names", "at", "_set")

    def __init__(self, names: np.ndarray, at: np.ndarray) -> None:
        self.names = names
        self.at = at  # distinct positions (one per live document)
        self._set: frozenset[str] | None = None

    def array(self) -> np.ndarray:
        """The keys, in the order of `at`, as a numpy object array."""
        return self.names[self.at]

    def _keys(self) -> frozenset[str]:
        if self._set is None:
            self._set = frozenset(self.array().tolist())
        return self._set

    def __contains__(self, key: object) -> bool:
        return key in self._keys()

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self.at)


class Counts(Mapping[str, int]):
    """Occurrences of one piece by report: the `reports` and their counts `tf` (int64), aligned,
    for ranking to work on arrays instead of a dict of 10,000 entries. It reads as the
    dict it stands for where one is wanted."""

    __slots__ = ("reports", "tf", "_dict")

    def __init__(self, keys: KeySet, tf: np.ndarray) -> None:
        self.reports = keys
        self.tf = tf
        self._dict: dict[str, int] | None = None

    def _as_dict(self) -> dict[str, int]:
        if self._dict is None:
            self._dict = dict(zip(self.reports.array().tolist(), self.tf.tolist(), strict=True))
        return self._dict

    def __getitem__(self, key: str) -> int:
        return self._as_dict()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._as_dict())

    def __len__(self) -> int:
        return len(self.tf)


@dataclass(frozen=True)
class Matches:
    """An engine's answer to a query."""

    keys: AbstractSet[str]  # the matching reports (a superset when not exact)
    exact: bool  # keys are exactly the reports the query matches on their text
    # Positive body pieces of 2+ characters -> key -> occurrences (every start, overlapping),
    # for at least the reports in `keys`; and -> live reports holding the piece anywhere.
    counts: dict[str, Mapping[str, int]] = field(default_factory=dict)
    holders: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class EngineStats:
    engine: str
    documents: int
    bytes_on_disk: int
    segments: int


class WriteStopped(Exception):
    """Engine.write was stopped by its `stop` callback; the index is as before the write."""


class Engine(Protocol):
    name: str
    folder: Path

    def __init__(self, folder: Path) -> None: ...

    def open(self) -> bool:
        """Open the complete index in `folder`; False if absent, unfinished, of another
        format or damaged (the caller rebuilds it)."""

    def resume(self) -> bool:
        """Open an unfinished build of this format to go on with it; False if there is none."""

    def create(self) -> None:
        """Throw away whatever is in `folder` and start an empty index (marked BUILDING)."""

    def write(self, puts: Sequence[IndexDoc], deletes: Iterable[str], fresh: bool = False,
              stop: Callable[[int], bool] | None = None) -> None:
        """One commit: replace or add `puts` (by key), drop the `deletes` keys. fresh: no
        key of `puts` is in the index yet (a build), so none is looked for. stop: asked
        before each document of `puts` with how many came before it; when it answers True
        nothing of this write is committed and WriteStopped is raised (a build's batch
        takes whoosh half a minute: a cancel must not wait for it)."""

    def finish(self) -> None:
        """Mark the index complete (after the last write of a build)."""

    def matches(self, query: Query) -> Matches: ...

    def keys(self) -> set[str]:
        """Keys of the live documents."""

    def stats(self) -> EngineStats: ...

    def close(self) -> None: ...


def engine_class(name: str) -> type[Engine]:
    """The class of engine `name`; ImportError if its package is not installed."""
    if name == "whoosh":
        from explorer.search.whoosh_engine import WhooshEngine

        return WhooshEngine
    if name == "tantivy":
        from explorer.search.tantivy_engine import TantivyEngine

        return TantivyEngine
    raise ValueError(f"unknown search engine {name!r} (known: {', '.join(ENGINES)})")


def unavailable(name: str) -> str | None:
    """Why engine `name` cannot be used here, or None."""
    try:
        engine_class(name)
    except ImportError as exc:
        return f"the {name} engine is not installed ({exc})"
    except ValueError as exc:
        return str(exc)
    return None


# -- the FORMAT / BUILDING markers, shared by the engines ----------------------------------


class Markers:
    """The two marker files of an engine's folder."""

    def __init__(self, folder: Path, fmt: str) -> None:
        self.folder = folder
        self.format = fmt

    def _read(self, name: str) -> str | None:
        try:
            return (self.folder / name).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None

    def complete(self) -> bool:
        return self._read(FORMAT_FILE) == self.format

    def building(self) -> bool:
        return self._read(BUILDING_FILE) == self.format and not (self.folder / FORMAT_FILE).exists()

    def start(self) -> None:
        """An empty folder marked as a build in progress."""
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        _write_atomic(self.folder / BUILDING_FILE, self.format)

    def finish(self) -> None:
        _write_atomic(self.folder / FORMAT_FILE, self.format)
        (self.folder / BUILDING_FILE).unlink(missing_ok=True)


class FolderEngine:
    """What the engines share: an index in `folder` with its markers, opened for searching
    only when complete, for resuming a build only when marked as one in progress."""

    _ix: Any = None  # the engine's open index, None while closed

    def __init__(self, folder: Path, fmt: str) -> None:
        self.folder = folder
        self.markers = Markers(folder, fmt)

    def open(self) -> bool:
        if self._ix is not None:
            return True
        return self.markers.complete() and self._open_dir()

    def resume(self) -> bool:
        return self.markers.building() and self._open_dir()

    def _open_dir(self) -> bool:
        """Open the folder's index (False if it is missing, damaged or not ours)."""
        raise NotImplementedError


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def folder_size(folder: Path) -> int:
    total = 0
    for entry in folder.rglob("*"):
        try:
            if entry.is_file():
                total += entry.stat().st_size
        except OSError:
            continue  # merged away meanwhile
    return total

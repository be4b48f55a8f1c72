"""One-time tables (pypinyin's phrase pairs and readings, the gazetteer, GBK's gaps) kept on
disk between processes, so a new process that reads one changed file does not build them
again from their sources (issue 13: building them cost about 0.6 s of a 1.5 s one-file index
run; loading them, a few milliseconds).

A table is stored under the user cache folder with the key it was built for: the content
hash of every file it was built from (its data files and the module of its builder, whose
code decides what the table holds), Python's version (pickle, and the codecs a table may be
computed with) and this file's FORMAT. A cached table is used only when that key matches,
so it cannot go stale; a missing, unreadable, corrupt or mismatched file is rebuilt from
the sources and written again, and when nothing can be written the table is simply built.
$REPORT_EXPLORER_CACHE names another folder, or "off" to build every table in process.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ENV_CACHE = "REPORT_EXPLORER_CACHE"
FORMAT = 1  # raise when the file layout below changes


def cache_folder() -> Path | None:
    """Where tables are kept, or None when caching is off."""
    env = os.environ.get(ENV_CACHE)
    if env:
        return None if env.strip().lower() == "off" else Path(env).expanduser()
    import platformdirs  # small, and imported only when a table is first asked for

    return Path(platformdirs.user_cache_dir("report-explorer", appauthor=False)) / "tables"


def table_key(sources: Iterable[str | Path]) -> tuple[object, ...]:
    """What a table built from `sources` depends on. A source that cannot be read counts as
    absent: the builder then decides (it may fall back to other data), and the key differs
    from the one of a readable file."""
    digests: list[tuple[str, str]] = []
    for source in sources:
        try:
            with open(source, "rb") as f:
                digest = hashlib.sha1(f.read()).hexdigest()
        except OSError:
            digest = "absent"
        digests.append((os.path.basename(source), digest))
    return (FORMAT, sys.version, tuple(digests))


def builder_source(build: Callable[..., object]) -> str | None:
    module = sys.modules.get(getattr(build, "__module__", ""), None)
    return getattr(module, "__file__", None)


def cached_table(name: str, sources: Iterable[str | Path], build: Callable[[], T]) -> T:
    """build(), or the table a previous process built from the same sources. `name` is the
    file's name in the cache folder, one per table."""
    folder = cache_folder()
    if folder is None:
        return build()
    own = builder_source(build)
    key = table_key([*sources, *([own] if own else [])])
    found, value = load_table(name, key, folder)
    if found:
        return value  # type: ignore[return-value]
    value = build()
    store_table(name, key, value, folder)
    return value


def load_table(name: str, key: object, folder: Path | None = None) -> tuple[bool, object]:
    """(True, the table) if the cache holds `name` made for `key`, else (False, None)."""
    folder = folder or cache_folder()
    if folder is None:
        return False, None
    try:
        with open(folder / f"{name}.pickle", "rb") as f:
            if pickle.load(f) == key:  # the key comes first: a mismatch reads no further
                return True, pickle.load(f)
    except Exception:  # missing, truncated or corrupt (unpickling can raise anything): rebuild
        pass
    return False, None


def store_table(name: str, key: object, value: object, folder: Path | None = None) -> None:
    folder = folder or cache_folder()
    if folder is not None:
        _write(folder / f"{name}.pickle", key, value)


def _write(path: Path, key: object, value: object) -> None:
    """Write atomically (a new file renamed over the old one): processes of an indexing pool
    may build the same table at once, and a reader sees one whole file or the other."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    except OSError:
        return  # a read-only or missing home: every process builds the table itself
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(key, f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:  # OSError, or a value pickle cannot hold: the table is still returned
        with contextlib.suppress(OSError):
            os.unlink(tmp)


class CodeSet:
    """A frozen set of integers (code points, pair codes) as one sorted array: unpickled in
    about a millisecond where a frozenset of 64,000 two-character strings took 40 ms at load
    3 (a lookup bisects: a few microseconds, against a fraction of one in a set)."""

    __slots__ = ("_codes",)

    def __init__(self, codes: Iterable[int]) -> None:
        self._codes = array("q", sorted(set(codes)))

    def __contains__(self, code: object) -> bool:
        codes = self._codes
        i = bisect_left(codes, code)  # type: ignore[call-overload]
        return i < len(codes) and codes[i] == code

    def __len__(self) -> int:
        return len(self._codes)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._codes)


class CodeMap:
    """A frozen mapping of integers to strings as a sorted array of keys, one string of all
    values and their end offsets: for the 41,923 readings of pypinyin's table, unpickled in
    about a millisecond against 40 ms as a dict (lookups bisect, and are cached by callers)."""

    __slots__ = ("_keys", "_ends", "_text")

    def __init__(self, items: Mapping[int, str]) -> None:
        keys = sorted(items)
        self._keys = array("q", keys)
        self._text = "".join(items[k] for k in keys)
        ends, end = array("q"), 0
        for k in keys:
            end += len(items[k])
            ends.append(end)
        self._ends = ends

    def get(self, key: int, default: str = "") -> str:
        keys = self._keys
        i = bisect_left(keys, key)
        if i == len(keys) or keys[i] != key:
            return default
        return self._text[self._ends[i - 1] if i else 0 : self._ends[i]]

    def items(self):  # type: ignore[no-untyped-def]
        return ((k, self.get(k)) for k in self._keys)

    def __len__(self) -> int:
        return len(self._keys)

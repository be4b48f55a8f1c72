"""Compiled regular expressions kept between processes (issue 13). The ingest stack compiles
about 200 patterns when it is imported, many with classes of all Han characters, which re's
compiler fills in one code point at a time: about 0.2 s of a 1 s run that re-reads one
changed file. Within `cached_compiles()`, a pattern compiled by an earlier process is made
from the code re's compiler made for it then (stored in the table cache), without parsing
or compiling it again.

The code re compiles a pattern to depends only on the pattern, its flags and the Python
build (its _sre engine's MAGIC and version are the table's key): the Pattern made from
stored code equals (==) the one re.compile makes. Only str patterns are stored; anything
this does not recognise (another Python without re._compiler) compiles as usual.
"""

from __future__ import annotations

import re
import sys
import threading
from array import array
from collections.abc import Iterator
from contextlib import contextmanager

from explorer.core.table_cache import cache_folder, load_table, store_table

TABLE = "regex_code"
FORMAT = 1

_lock = threading.Lock()  # one window at a time: it swaps a function of the re module


def _engine() -> tuple[object, object, object] | None:
    """re's compiler module, its parser and the _sre module, if this Python has them."""
    try:
        import _sre
        from re import _compiler, _parser  # type: ignore[attr-defined]
    except ImportError:
        return None
    if not all(hasattr(m, n) for m, n in ((_compiler, "compile"), (_compiler, "_code"),
                                          (_parser, "parse"), (_sre, "compile"), (_sre, "MAGIC"))):
        return None
    return _compiler, _parser, _sre


def _key() -> tuple[object, ...]:
    import _sre

    return (FORMAT, sys.version, _sre.MAGIC, sys.maxunicode)


Stored = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


@contextmanager
def cached_compiles() -> Iterator[None]:
    """Patterns compiled inside (e.g. by the imports of the ingest stack) come from the
    cache when an earlier process compiled them; new ones are stored when the window ends.
    The table kept is the patterns of the last window that compiled a new one."""
    engine = _engine()
    folder = cache_folder()
    if engine is None or folder is None or not _lock.acquire(blocking=False):
        yield
        return
    compiler, parser, sre = engine
    key = _key()
    found, table = load_table(TABLE, key, folder)
    stored: dict[tuple[str, int], Stored] = table if found and isinstance(table, dict) else {}
    used: dict[tuple[str, int], Stored] = {}
    new = False
    original = compiler.compile  # type: ignore[attr-defined]

    def compile(p: object, flags: int = 0) -> re.Pattern:  # type: ignore[type-arg]
        nonlocal new
        if not isinstance(p, str):
            return original(p, flags)  # type: ignore[no-any-return]
        k = (p, int(flags))
        args = stored.get(k)
        if args is None:
            parsed = parser.parse(p, flags)  # type: ignore[attr-defined]
            code = compiler._code(parsed, flags)  # type: ignore[attr-defined]
            groupindex = dict(parsed.state.groupdict)
            indexgroup: list[str | None] = [None] * parsed.state.groups
            for name, i in groupindex.items():
                indexgroup[i] = name
            args = (int(flags | parsed.state.flags), array("I", code).tobytes(),
                    parsed.state.groups - 1, groupindex, tuple(indexgroup))
            new = True
        fl, code_bytes, groups, gi, ig = args
        codes = array("I")
        try:
            codes.frombytes(code_bytes)
            pattern = sre.compile(p, fl, codes.tolist(), groups, gi, ig)  # type: ignore[attr-defined]
        except Exception:  # stored code _sre refuses (a damaged table): compile as usual
            return original(p, flags)  # type: ignore[no-any-return]
        used[k] = args
        return pattern  # type: ignore[no-any-return]

    compiler.compile = compile  # type: ignore[attr-defined]
    try:
        yield
    finally:
        compiler.compile = original  # type: ignore[attr-defined]
        _lock.release()
        if new:
            store_table(TABLE, key, used, folder)

"""Compiled patterns kept between processes (explorer/core/regex_cache.py): a pattern made
from stored code is the pattern re.compile makes, and matches as it does."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from explorer.core import regex_cache, table_cache
from explorer.core.regex_cache import cached_compiles

if regex_cache._engine() is None:
    pytest.skip("this Python's re has no _compiler module", allow_module_level=True)

from re import _compiler, _parser  # type: ignore[attr-defined]  # noqa: E402

PATTERNS = [
    (r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", 0),
    (r"(?=[\u3400-\u9fff][(（])([\u3400-\u9fff])((?:[(（][a-zāáǎàü]{1,7}[)）])+)", re.IGNORECASE),
    (r"(?P<y>\d{4})\s*年(?:(?P<m>\d{1,2})月)?", 0),
    (r"^(?P<pre>[一二三四五六七八九十]+)、(?!\d)(.*?)(?<=[。；])$", re.MULTILINE),
    (r"[^\S\n]+|\s*\n", 0),
    (r"(?i)pm2\.5|[ａ-ｚ]+", 0),
    (r"(a)|(?P<b>b)(?(1)c|d)", 0),
]
TEXT = "（二）現(xiàn)代化 2024年3月 一、总体要求。\n  PM2.5 ａｂ abd\n"


def _compile_all() -> list[re.Pattern]:
    re.purge()  # re's own cache would answer without reaching the compiler
    return [re.compile(p, f) for p, f in PATTERNS]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(table_cache.ENV_CACHE, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_patterns_from_stored_code_equal_the_compiled_ones(cache, monkeypatch):
    plain = _compile_all()
    with cached_compiles():
        first = _compile_all()  # compiled, and stored when the window ends
    assert (cache / f"{regex_cache.TABLE}.pickle").is_file()

    def no_parsing(*args, **kwargs):
        raise AssertionError("a stored pattern was parsed again")

    monkeypatch.setattr(_parser, "parse", no_parsing)
    with cached_compiles():
        stored = _compile_all()
    monkeypatch.undo()
    assert stored == first == plain  # Pattern equality: same pattern, flags and code
    for a, b in zip(plain, stored, strict=True):
        assert [m.span() for m in a.finditer(TEXT)] == [m.span() for m in b.finditer(TEXT)]
        assert (a.groups, a.groupindex) == (b.groups, b.groupindex)
    assert "cached_compiles" not in repr(_compiler.compile)  # restored after the window


def test_a_damaged_table_compiles_as_usual(cache):
    with cached_compiles():
        _compile_all()
    key = regex_cache._key()
    found, table = table_cache.load_table(regex_cache.TABLE, key)
    assert found
    broken = {k: (flags, b"\x01\x02\x03\x04", groups, gi, ig) for k, (flags, _, groups, gi, ig) in table.items()}
    table_cache.store_table(regex_cache.TABLE, key, broken)
    with cached_compiles():
        again = _compile_all()
    re.purge()
    assert again == [re.compile(p, f) for p, f in PATTERNS]


def test_off_compiles_as_usual(monkeypatch):
    monkeypatch.setenv(table_cache.ENV_CACHE, "off")
    with cached_compiles():
        patterns = _compile_all()
    assert patterns == _compile_all()


# Imports the ingest stack inside the window (as an index run does), then checks every
# module-level pattern of explorer against a fresh compile of its pattern and flags.
PROBE = """
import re, sys
from explorer.core.regex_cache import cached_compiles
with cached_compiles():
    import explorer.core.ingest
from re import _compiler
n = 0
for name, module in list(sys.modules.items()):
    if not name.startswith("explorer"):
        continue
    for value in list(vars(module).values()):
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
            assert value == _compiler.compile(value.pattern, value.flags), (name, value.pattern)
            n += 1
print(n)
"""


def test_the_ingest_stacks_patterns_from_the_cache_are_the_compiled_ones(cache):
    env = dict(os.environ, REPORT_EXPLORER_CACHE=str(cache))
    counts = [subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env,
                             timeout=300, check=True).stdout for _ in range(2)]  # stores, then loads
    assert counts[0] == counts[1] and int(counts[0]) > 100

"""The on-disk cache of one-time tables (explorer/core/table_cache.py): a cached table is
the table its sources give, whatever state the cache folder is in, and a report read with
the cache is the report read without it."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.core import table_cache
from explorer.core.clean import glosses, mojibake, mojibake_model
from explorer.core.describe import gazetteer
from explorer.core.table_cache import cached_table


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(table_cache.ENV_CACHE, str(folder))
    return folder


def _words(source: Path) -> list[str]:
    return source.read_text(encoding="utf-8").split()


def test_a_table_is_built_once_then_loaded(cache, tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("甲 乙 丙", encoding="utf-8")
    builds: list[int] = []

    def build() -> list[str]:
        builds.append(1)
        return _words(source)

    assert cached_table("words", [source], build) == ["甲", "乙", "丙"]
    assert cached_table("words", [source], build) == ["甲", "乙", "丙"]
    assert len(builds) == 1
    assert (cache / "words.pickle").is_file()


def test_a_changed_source_is_never_served_stale(cache, tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("甲 乙", encoding="utf-8")
    assert cached_table("words", [source], lambda: _words(source)) == ["甲", "乙"]
    stat = source.stat()
    source.write_text("丙 丁", encoding="utf-8")  # same size and, restored below, same mtime
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cached_table("words", [source], lambda: _words(source)) == ["丙", "丁"]
    source.unlink()  # a source gone is a key of its own, not the last table read
    assert cached_table("words", [source], lambda: ["fallback"]) == ["fallback"]


@pytest.mark.parametrize("damage", [b"", b"\x80\x05garbage", b"not a pickle at all"])
def test_a_corrupt_or_truncated_file_is_rebuilt(cache, tmp_path, damage):
    source = tmp_path / "words.txt"
    source.write_text("甲 乙", encoding="utf-8")
    cached_table("words", [source], lambda: _words(source))
    whole = (cache / "words.pickle").read_bytes()
    for data in (damage, whole[: len(whole) // 2]):
        (cache / "words.pickle").write_bytes(data)
        assert cached_table("words", [source], lambda: _words(source)) == ["甲", "乙"]
        assert (cache / "words.pickle").read_bytes() == whole  # written again, whole


def test_a_file_of_another_key_is_not_used(cache, tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("甲 乙", encoding="utf-8")
    cache.mkdir()
    with open(cache / "words.pickle", "wb") as f:  # as another Python or format would leave it
        pickle.dump(("another key",), f)
        pickle.dump(["stale"], f)
    assert cached_table("words", [source], lambda: _words(source)) == ["甲", "乙"]


def test_off_or_an_unwritable_folder_still_gives_the_table(tmp_path, monkeypatch):
    monkeypatch.setenv(table_cache.ENV_CACHE, "off")
    assert cached_table("t", [], lambda: {1, 2}) == {1, 2}
    blocker = tmp_path / "a file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(table_cache.ENV_CACHE, str(blocker / "cache"))  # cannot be made
    assert cached_table("t", [], lambda: {1, 2}) == {1, 2}
    assert blocker.read_text(encoding="utf-8") == "x"


def test_the_builders_own_module_is_part_of_the_key(cache, tmp_path):
    """A change to the code that builds a table makes a new table, without a version to bump."""
    assert table_cache.builder_source(mojibake._all_undecodable_pairs) == mojibake.__file__
    before = table_cache.table_key([mojibake.__file__])
    copy = tmp_path / "mojibake.py"
    copy.write_text(Path(mojibake.__file__).read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert table_cache.table_key([copy]) != before


def _phrase_strings() -> frozenset[str]:
    """The phrase pairs as the frozenset of strings they were before CodeSet."""
    phrases = mojibake_model._read_json(glosses.pypinyin_json_path("phrases_dict"))
    return frozenset(p[i : i + 2] for p in phrases for i in range(len(p) - 1))


TABLES = {
    "phrase_pairs": (mojibake_model.phrase_pairs, lambda t: t.strings(), _phrase_strings),
    "pinyin_readings": (glosses._reading_table, lambda t: dict(t.items()), lambda: glosses._read_readings(
        glosses.pypinyin_json_path("pinyin_dict"))),
    "gbk_undecodable": (mojibake._undecodable_pairs, lambda t: t, mojibake._all_undecodable_pairs),
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_the_cached_tables_are_the_tables_their_sources_give(cache, name):
    cached, contents, built = TABLES[name]
    expected = built()
    for _ in range(2):  # built and written, then loaded from the file
        cached.cache_clear()
        assert contents(cached()) == expected
    assert (cache / f"{name}.pickle").is_file()
    cached.cache_clear()


def test_phrase_pairs_answer_in_as_the_set_of_strings_did():
    strings = _phrase_strings()
    pairs = mojibake_model.phrase_pairs()
    assert len(pairs) == len(strings) > 60_000
    probes = sorted(strings)[::97] + ["", "发", "发展了", "zz", "（二", "\U0002070e字", 12]
    probes += [a + b for a, b in zip("发展改革经济社会", "展发革改济经会社", strict=True)]
    assert [p in pairs for p in probes] == [p in strings for p in probes]
    assert any(p in pairs for p in probes) and not all(p in pairs for p in probes)


def test_a_code_map_gets_as_the_dict_does():
    items = {5: "a,b", 7: "", 9: "xiàn,xiǎn", 1 << 40: "长"}
    table = table_cache.CodeMap(items)
    assert len(table) == 4 and dict(table.items()) == items
    assert [table.get(k, "-") for k in (0, 5, 6, 7, 9, 10, 1 << 40, 1 << 41)] == [
        items.get(k, "-") for k in (0, 5, 6, 7, 9, 10, 1 << 40, 1 << 41)]
    assert table_cache.CodeMap({}).get(3, "none") == "none"


def test_the_cached_gazetteer_is_the_parsed_one(cache):
    parsed = gazetteer.load_gazetteer(gazetteer.DIVISIONS_FILE)
    for _ in range(2):
        gazetteer.gazetteer.cache_clear()
        g = gazetteer.gazetteer()
        assert [(u.adcode, u.name, u.level, u.short, u.retired, u.parent and u.parent.name)
                for u in g.units] == [(u.adcode, u.name, u.level, u.short, u.retired, u.parent and u.parent.name)
                                      for u in parsed.units]
        assert {k: [u.name for u in v] for k, v in g.by_form.items()} == {
            k: [u.name for u in v] for k, v in parsed.by_form.items()}
        assert {k: u.adcode for k, u in g.by_code.items()} == {k: u.adcode for k, u in parsed.by_code.items()}
        assert {k: u.name for k, u in g.by_region.items()} == {k: u.name for k, u in parsed.by_region.items()}
        assert g.by_bigram == parsed.by_bigram
        # One object per unit, as parsed: parents are the units of the tuple.
        ids = {id(u) for u in g.units}
        assert all(u.parent is None or id(u.parent) in ids for u in g.units)
    gazetteer.gazetteer.cache_clear()


# Reads one report in a new process (each table is built or loaded once a process).
READ = """
import json, sys
from explorer.core.regex_cache import cached_compiles
with cached_compiles():  # as an index run imports it
    from explorer.core.ingest import load_report
r = load_report(sys.argv[1]).to_json(raw=True)
print(json.dumps(r, ensure_ascii=False, sort_keys=True))
"""


def test_a_report_is_the_same_with_and_without_the_cache(tmp_path):
    """A report whose reading needs every cached table (mojibake, glosses, a region): read
    with caching off, with an empty cache (building it), with the cache filled, and with the
    cache's files corrupted."""
    text = ("江苏省镇江市2024年政府工作报告\n"
            "一、過去一年工作回顧\n現(xiàn)代化建設(shè)取得新進展。\n"
            "?。ㄋ模┩苿映青l融合發展，地区生产总值增长6%左右。\n") * 3
    report = tmp_path / "镇江_2024.txt"
    report.write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"

    def read(setting: str) -> str:
        env = dict(os.environ, REPORT_EXPLORER_CACHE=setting)
        r = subprocess.run([sys.executable, "-c", READ, str(report)], capture_output=True,
                           text=True, env=env, timeout=300, check=True)
        return r.stdout

    without = read("off")
    assert '"mojibake_' in without and '"gloss"' in without and "镇江" in without
    assert read(str(cache)) == without  # the tables built and written
    assert sorted(p.name for p in cache.iterdir()) == [
        "gazetteer.pickle", "gbk_undecodable.pickle", "phrase_pairs.pickle", "pinyin_readings.pickle",
        "regex_code.pickle"]
    assert read(str(cache)) == without  # the tables loaded
    for p in cache.iterdir():
        p.write_bytes(p.read_bytes()[:100])
    assert read(str(cache)) == without  # rebuilt

"""A library's search engine: chosen, remembered, moved (and resumed), and the manifest's
format 2 converted in place. Search results are compared with the engine that answered
before, or with a fresh library of the same files."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from explorer.library import Library, LibraryError, engines
from explorer.library.store import LIBRARY_FORMAT
from explorer.library.textpack import unpack
from explorer.resources import sample_paths
from tests.test_library import write_report

QUERIES = ["就业", "高质量发展", "镇", '"城镇 新增"', "营商环境 -独特词甲", "year:2019..2021 就业"]


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "reports"
    src.mkdir()
    for p in sample_paths()[:3]:
        shutil.copy(p, src / p.name)
    write_report(src, "a.txt", "独特词甲")
    write_report(src, "b.txt", "独特词乙", year=2019)
    return src


def answers(lib: Library) -> dict[str, object]:
    return {q: lib.search(q, limit=None) for q in QUERIES}


def test_a_new_library_uses_whoosh_and_a_chosen_engine_is_remembered(tmp_path, folder):
    lib = Library(tmp_path / "lib", workers=1)
    assert lib.engine == "whoosh" and lib.engine_choice.chosen_by == "auto"
    lib.index([folder])
    before = answers(lib)
    seen = []
    assert lib.set_engine("tantivy", progress=seen.append)
    assert {p.stage for p in seen} == {"move"} and seen[-1].done == seen[-1].total == 5
    assert (lib.engine, lib.engine_choice.chosen_by) == ("tantivy", "user")
    assert not (lib.path / "index").exists() and (lib.path / "index-tantivy" / "FORMAT").exists()
    assert answers(lib) == before
    write_report(folder, "c.txt", "独特词丙")
    assert lib.index([folder]).added == 1
    assert Library(lib.path).engine == "tantivy"  # another process sees the same
    assert lib.search("独特词丙").total == 1
    assert lib.set_engine("whoosh") and lib.engine == "whoosh"
    assert lib.search("独特词丙").total == 1 and not (lib.path / "index-tantivy").exists()


def test_a_library_growing_past_the_threshold_moves_to_tantivy(tmp_path, folder, monkeypatch):
    monkeypatch.setattr(engines, "AUTO_THRESHOLD", 3)
    lib = Library(tmp_path / "lib", workers=1)
    assert lib.index([folder / "a.txt", folder / "b.txt"]).engine_moved is None and lib.engine == "whoosh"
    summary = lib.index([folder])  # 5 reports after this run: past 3
    assert summary.engine_moved == "tantivy" and lib.engine == "tantivy"
    assert lib.engine_choice.chosen_by == "auto"
    fresh = Library(tmp_path / "fresh", workers=1)
    assert fresh.set_engine("whoosh")
    fresh.index([folder])
    assert answers(lib) == answers(fresh)
    # The user's choice wins over the size: whoosh stays.
    assert lib.set_engine("whoosh")
    write_report(folder, "d.txt", "独特词丁")
    assert lib.index([folder]).engine_moved is None and lib.engine == "whoosh"


def test_the_cli_forces_an_engine_and_says_when_the_library_moves(tmp_path, folder, monkeypatch):
    from explorer.cli import main

    lib_dir = tmp_path / "lib"
    assert main(["index", str(folder), "--library", str(lib_dir), "--engine", "tantivy", "-q"]) == 0
    assert Library(lib_dir).engine_choice == engines.EngineChoice("tantivy", "tantivy", "user")
    auto_dir = tmp_path / "auto"
    monkeypatch.setattr(engines, "AUTO_THRESHOLD", 2)
    assert main(["index", str(folder), "--library", str(auto_dir), "-q"]) == 0
    assert Library(auto_dir).engine == "tantivy"


def test_an_interrupted_move_is_resumed_and_searches_meanwhile_use_the_old_engine(tmp_path, folder, monkeypatch):
    monkeypatch.setattr(engines, "BUILD_DOCS", 2)
    lib = Library(tmp_path / "lib", workers=1)
    lib.index([folder])
    before = answers(lib)
    calls = []
    # Asked before each document of a batch, then after the batch: the third ask comes
    # when the first batch (two reports) is committed.
    assert not lib.set_engine("tantivy", cancel=lambda: calls.append(1) or len(calls) >= 3)
    assert lib.engine_choice == engines.EngineChoice("whoosh", "tantivy", "user")
    assert (lib.path / "index-tantivy" / "BUILDING").exists()
    assert answers(lib) == before  # whoosh still answers
    seen = []
    assert lib.set_engine("tantivy", progress=seen.append)
    assert seen[0].done == 2  # went on from the two reports already built
    assert lib.engine == "tantivy" and answers(lib) == before


@pytest.mark.parametrize("to", ["tantivy", "whoosh"])
def test_a_cancel_inside_a_batch_stops_the_move_at_once(tmp_path, folder, to):
    """A batch of a build takes whoosh half a minute at 200 reports: the cancel is answered
    between two documents, the batch dropped, and progress is told within it."""
    lib = Library(tmp_path / "lib", workers=1)
    lib.index([folder])
    start = "whoosh" if to == "tantivy" else "tantivy"
    assert lib.set_engine(start)
    before = answers(lib)
    seen, calls = [], []
    assert not lib.set_engine(to, progress=seen.append, cancel=lambda: calls.append(1) or len(calls) >= 3)
    assert len(calls) == 3  # the third document was never added
    assert [p.done for p in seen] == [0, 1, 2]
    assert lib.engine == start and answers(lib) == before
    ix = engines.make_engine(lib.path, to)
    assert ix.resume() and ix.keys() == set()  # nothing of the stopped batch committed
    ix.close()
    assert lib.set_engine(to)
    assert lib.engine == to and answers(lib) == before


def test_a_pending_move_resumes_in_the_next_index_run(tmp_path, folder, monkeypatch):
    monkeypatch.setattr(engines, "BUILD_DOCS", 2)
    lib = Library(tmp_path / "lib", workers=1)
    lib.index([folder])
    assert not lib.set_engine("tantivy", cancel=lambda: True)
    write_report(folder, "c.txt", "独特词丙")
    summary = lib.index([folder])
    assert summary.engine_moved == "tantivy" and summary.added == 1
    assert lib.engine == "tantivy" and lib.search("独特词丙").total == 1


def test_a_write_between_drops_the_half_built_index(tmp_path, folder, monkeypatch):
    """remove() writes the current engine: the unfinished build has gone stale and must
    not be resumed (it would bring back a removed report)."""
    monkeypatch.setattr(engines, "BUILD_DOCS", 2)
    lib = Library(tmp_path / "lib", workers=1)
    lib.index([folder])
    assert not lib.set_engine("tantivy", cancel=lambda: True)
    assert lib.remove([str(folder / "a.txt")]) == 1
    assert not (lib.path / "index-tantivy").exists()
    assert lib.set_engine("tantivy")
    assert lib.search("独特词甲").total == 0 and len(lib) == 4
    assert engines.make_engine(lib.path, "tantivy").open()


def test_bad_engine_names_and_a_damaged_engine_file(tmp_path, folder):
    lib = Library(tmp_path / "lib", workers=1)
    with pytest.raises(LibraryError, match="unknown search engine"):
        lib.set_engine("lucene")
    lib.index([folder])
    (lib.path / engines.ENGINE_FILE).write_text("{not json", encoding="utf-8")
    assert lib.engine == "whoosh" and lib.search("独特词甲").total == 1


@pytest.mark.parametrize("damage", ["format-says-other", "garbled", "gone"])
def test_a_damaged_tantivy_index_is_rebuilt(tmp_path, folder, damage):
    lib = Library(tmp_path / "lib", workers=1)
    assert lib.set_engine("tantivy")
    lib.index([folder])
    before = answers(lib)
    lib.close()
    ix = lib.path / "index-tantivy"
    if damage == "format-says-other":
        (ix / "FORMAT").write_text("report-explorer-search tantivy 0\n", encoding="utf-8")
    elif damage == "garbled":
        for f in ix.iterdir():
            if f.suffix in (".idx", ".pos", ".term", ".fast") or f.name == "meta.json":
                f.write_bytes(b"garbage" * 10)
    else:
        shutil.rmtree(ix)
    again = Library(lib.path, workers=1)
    assert answers(again) == before
    assert again.index([folder]).unchanged == 5


FORMAT_2_DOCS = """
CREATE TABLE docs (
    key TEXT PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL, report_file TEXT NOT NULL,
    title TEXT NOT NULL, region TEXT NOT NULL, level TEXT NOT NULL, year INTEGER,
    doc_type TEXT NOT NULL, date TEXT, publisher TEXT NOT NULL, encoding TEXT NOT NULL,
    n_targets INTEGER NOT NULL, themes TEXT NOT NULL, targets TEXT NOT NULL,
    text TEXT NOT NULL, folded TEXT NOT NULL, pipeline TEXT NOT NULL
)"""


def test_a_format_2_manifest_is_converted_in_place(tmp_path, folder):
    """A library written before texts were packed: its rows are converted on opening, no
    source file is read again (they are gone here), searches give the same results."""
    lib = Library(tmp_path / "lib", workers=1)
    lib.index([folder])
    before = answers(lib)
    reports = {r.path: lib.report(r.path) for r in lib.reports()}
    lib.close()
    db = sqlite3.connect(lib.path / "library.sqlite")
    cols = "key, path, size, mtime_ns, sha256, report_file, title, region, level, year, doc_type, date, " \
           "publisher, encoding, n_targets, themes"
    rows = db.execute(f"SELECT {cols}, folded, script, pipeline FROM docs").fetchall()
    with db:
        db.execute("DROP TABLE docs")
        for table in ("targets", "target_strings", "themes", "target_themes"):
            db.execute(f"DROP TABLE {table}")  # format 2 had none
        db.execute(FORMAT_2_DOCS)
        for row in rows:
            text, folded = unpack(row[16], row[17])
            targets = json.dumps([t.to_json() for t in reports[row[1]].targets], ensure_ascii=False)
            db.execute(f"INSERT INTO docs({cols}, targets, text, folded, pipeline) VALUES ({', '.join('?' * 20)})",
                       (*row[:16], targets, text, folded, row[18]))
        db.execute("PRAGMA user_version=2")
    db.close()
    for f in (lib.path / "reports").iterdir():  # format 2 report files held the text, targets and raw text
        import gzip

        data = json.loads(gzip.decompress(f.read_bytes()))
        data["text"] = reports[data["path"]].text
        data["targets"] = [t.to_json() for t in reports[data["path"]].targets]
        data["raw_text"] = reports[data["path"]].raw_text
        f.write_bytes(gzip.compress(json.dumps(data, ensure_ascii=False).encode()))
    shutil.rmtree(folder)
    upgraded = Library(lib.path, workers=1)
    assert upgraded.manifest.db().execute("PRAGMA user_version").fetchone()[0] == LIBRARY_FORMAT
    assert answers(upgraded) == before
    assert {r.path: upgraded.report(r.path) for r in upgraded.reports()} == reports


@pytest.mark.parametrize("to", ["tantivy", "whoosh"])
def test_a_search_that_meets_the_end_of_a_move_answers_from_the_new_engine(tmp_path, folder, to):
    """The move's last step deletes the old engine's folder; a reader in another process may
    be inside that engine right then (seen in the app: a search failed with whoosh's
    EmptyIndexError). The search is made again on the engine the library now names."""
    start = "whoosh" if to == "tantivy" else "tantivy"
    mover = Library(tmp_path / "lib", workers=1)
    mover.index([folder])
    assert mover.set_engine(start)
    reader = Library(tmp_path / "lib", workers=1)
    before = answers(reader)  # the reader now holds the old engine open
    engine = reader._index_reader()
    assert engine is not None and engine.name == start
    real = engine.matches
    moved: list[str] = []

    def matches_after_the_move(query):
        if not moved:
            assert mover.set_engine(to)  # the move ends between the reader's check and its read
            moved.append(to)
        return real(query)

    engine.matches = matches_after_the_move  # type: ignore[method-assign]
    assert reader.search("就业", limit=None) == before["就业"]
    assert moved and reader._index_reader().name == to
    assert answers(reader) == before
    reader.close()
    mover.close()

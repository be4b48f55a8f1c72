"""The Library: incremental indexing, deletion, modification, stored reports, recovery."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from explorer.core.ingest import load_report
from explorer.core.scripts import fold
from explorer.library import IndexProgress, Library, LibraryBusy, ReportInfo, default_library_path
from explorer.resources import sample_paths
from explorer.search.schema import FORMAT

REPORT = textwrap.dedent(
    """\
    {year}年{city}政府工作报告
    一、过去一年工作回顾
    过去一年，全市城镇新增就业{jobs}万人，{word}稳步推进。
    二、{next}年工作安排
    地区生产总值增长6%左右，城镇新增就业不少于{jobs}万人。
    """
)


def write_report(folder: Path, name: str, word: str = "营商环境", year: int = 2021, city: str = "某某市") -> Path:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(REPORT.format(year=year, next=year + 1, city=city, jobs=year - 2000, word=word), encoding="utf-8")
    return p


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "reports"
    src.mkdir()
    for p in sample_paths()[:2]:
        shutil.copy(p, src / p.name)
    write_report(src, "a.txt", "独特词甲")
    write_report(src, "sub/b.txt", "独特词乙", year=2019)
    return src


@pytest.fixture
def lib(tmp_path):
    library = Library(tmp_path / "lib", workers=1)
    yield library
    library.close()


def paths_found(lib: Library, query: str) -> set[str]:
    return {Path(h.path).name for h in lib.search(query, limit=None).results}


def test_default_location_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_EXPLORER_LIBRARY", str(tmp_path / "envlib"))
    assert default_library_path() == tmp_path / "envlib"
    lib = Library()
    assert lib.path == tmp_path / "envlib" and len(lib) == 0
    monkeypatch.delenv("REPORT_EXPLORER_LIBRARY")
    assert default_library_path().name == "library"


def test_index_then_reindex_reads_nothing_again(lib, folder):
    seen: list[IndexProgress] = []
    first = lib.index([folder], progress=seen.append)
    assert (first.added, first.updated, first.removed, first.unchanged) == (4, 0, 0, 0)
    assert not first.skipped and not first.cancelled
    assert seen[-1].done == seen[-1].total == 4
    assert len(lib) == 4
    assert lib.sources() == [str(folder)]
    again = lib.index([folder])
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 4)


def test_touched_but_identical_file_is_not_reingested(lib, folder):
    lib.index([folder])
    target = folder / "a.txt"
    stored = lib.report(str(target))
    later = time.time() + 5
    os.utime(target, (later, later))
    summary = lib.index([folder])
    assert (summary.updated, summary.unchanged) == (0, 4)
    assert lib.report(str(target)).text == stored.text
    assert lib.index([folder]).unchanged == 4  # the new mtime was recorded


def test_modified_file_is_reindexed(lib, folder):
    lib.index([folder])
    assert paths_found(lib, "独特词甲") == {"a.txt"}
    write_report(folder, "a.txt", "全新的词丙")
    summary = lib.index([folder])
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 3)
    assert paths_found(lib, "独特词甲") == set()
    assert paths_found(lib, "全新的词丙") == {"a.txt"}
    assert "全新的词丙" in lib.report(str(folder / "a.txt")).text
    # The superseded stored report is gone: one file per report.
    assert len(list((lib.path / "reports").iterdir())) == len(lib)


def test_deleted_file_disappears(lib, folder):
    lib.index([folder])
    (folder / "sub" / "b.txt").unlink()
    summary = lib.index([folder])
    assert summary.removed == 1 and len(lib) == 3
    assert paths_found(lib, "独特词乙") == set()
    with pytest.raises(KeyError):
        lib.report(str(folder / "sub" / "b.txt"))
    assert len(list((lib.path / "reports").iterdir())) == 3


def test_deleted_file_disappears_even_when_another_folder_is_indexed(lib, folder, tmp_path):
    lib.index([folder])
    (folder / "a.txt").unlink()
    other = tmp_path / "other"
    write_report(other, "c.txt")
    summary = lib.index([other])
    assert summary.removed == 1 and summary.added == 1
    assert paths_found(lib, "独特词甲") == set()


def test_stored_report_is_the_ingested_report(lib, folder):
    lib.index([folder])
    for p in sorted(folder.rglob("*.txt")):
        want = load_report(str(p)).to_json(raw=True)
        assert lib.report(str(p)).to_json(raw=True) == want


def test_reports_listing(lib, folder):
    lib.index([folder])
    infos = lib.reports()
    assert [i.path for i in infos] == sorted(str(p) for p in folder.rglob("*.txt"))
    for info in infos:
        assert isinstance(info, ReportInfo)
        r = load_report(info.path)
        assert (info.title, info.region, info.level, info.year, info.doc_type, info.encoding) == (
            r.title, r.region, r.level, r.year, r.doc_type, r.encoding)
        assert info.n_targets == len(r.targets)


def test_targets_filters(lib, folder):
    lib.index([folder])
    reports = [load_report(str(p)) for p in sorted(folder.rglob("*.txt"))]

    def brute(themes=(), report=None, region=None, year=None, kind=None):
        out = []
        for r in reports:
            if report and r.path != report or year and r.year != year:
                continue
            if region and fold(region) not in fold(r.region):
                continue
            for t in r.targets:
                if kind and t.kind != kind or themes and not set(themes) & set(t.themes):
                    continue
                out.append((r.path, t.start, t.end, t.indicator))
        return sorted(out)

    def got(**kw):
        return sorted((i.path, t.start, t.end, t.indicator) for i, t in lib.targets(**kw))

    all_targets = brute()
    assert got() == all_targets and all_targets
    for kw in [
        {"themes": ["就业"]},
        {"themes": ["就業", "教育"]},
        {"kind": "target"},
        {"kind": "achievement"},
        {"year": 2021},
        {"region": "常州"},
        {"report": str(folder / "a.txt")},
        {"themes": ["生态"], "kind": "target", "year": 2023},
    ]:
        expect = brute(**{**kw, "themes": [fold(t) for t in kw.get("themes", [])]})
        assert got(**kw) == expect, kw


def test_remove_forgets_reports_and_the_source(lib, folder):
    lib.index([folder])
    assert lib.remove([str(folder / "sub")]) == 1
    assert len(lib) == 3 and paths_found(lib, "独特词乙") == set()
    assert lib.remove([str(folder)]) == 3
    assert len(lib) == 0 and lib.sources() == []
    assert list((lib.path / "reports").iterdir()) == []


def test_skipped_files_are_named_with_a_reason(lib, tmp_path):
    src = tmp_path / "mixed"
    write_report(src, "good.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (src / "README.md").write_text("# notes", encoding="utf-8")
    summary = lib.index([src, tmp_path / "missing"])
    reasons = {Path(p).name: r for p, r in summary.skipped}
    assert set(reasons) == {"empty.txt", "binary.txt", "photo.jpg", "README.md", "missing"}
    assert all(reasons.values())
    assert summary.added == 1 and len(lib) == 1


def test_a_file_that_becomes_unreadable_is_dropped(lib, tmp_path):
    src = tmp_path / "s"
    p = write_report(src, "x.txt", "独特词丁")
    lib.index([src])
    p.write_bytes(b"")
    summary = lib.index([src])
    assert summary.removed == 1 and paths_found(lib, "独特词丁") == set()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loops_do_not_hang_and_files_count_once(lib, tmp_path):
    src = tmp_path / "loop"
    write_report(src, "inner/x.txt", "独特词戊")
    os.symlink(src, src / "inner" / "back")  # loop
    os.symlink(src / "inner" / "x.txt", src / "alias.txt")  # same file twice
    summary = lib.index([src])
    assert summary.added == 1 and len(lib) == 1
    assert paths_found(lib, "独特词戊")


def test_old_or_damaged_index_is_rebuilt_from_the_stored_reports(lib, folder, tmp_path):
    lib.index([folder])
    want = lib.search("就业", limit=None)
    lib.close()
    (lib.path / "index" / "FORMAT").write_text("report-explorer-search 0 (an older format)\n", encoding="utf-8")
    reopened = Library(lib.path, workers=1)
    assert reopened.search("就业", limit=None) == want
    assert (lib.path / "index" / "FORMAT").read_text(encoding="utf-8").strip() == FORMAT
    reopened.close()
    for f in (lib.path / "index").glob("*.seg"):
        f.write_bytes(b"garbage")
    for f in (lib.path / "index").glob("*.toc"):
        f.write_bytes(b"garbage")
    damaged = Library(lib.path, workers=1)
    assert damaged.search("就业", limit=None) == want
    damaged.close()
    shutil.rmtree(lib.path / "index")
    gone = Library(lib.path, workers=1)
    assert gone.search("就业", limit=None) == want
    assert gone.index([folder]).unchanged == 4
    gone.close()


def test_cancel_stops_and_the_next_run_completes(lib, folder):
    summary = lib.index([folder], cancel=lambda: True)
    assert summary.cancelled and summary.added == 1 and len(lib) == 1
    rest = lib.index([folder])
    assert rest.added == 3 and rest.unchanged == 1 and len(lib) == 4


def test_a_second_writer_is_told_clearly(lib, folder, tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from explorer.library.lock import ProcessLock; from pathlib import Path;"
         "l = ProcessLock(Path(sys.argv[1])); assert l.acquire(); print('held', flush=True); time.sleep(30)",
         str(lib.path / "index.lock")],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(LibraryBusy, match=f"pid {holder.pid}"):
            lib.index([folder])
        # Searching is never blocked by a writer.
        assert lib.search("就业").total == 0
    finally:
        holder.kill()
        holder.wait()
    assert lib.index([folder]).added == 4


def test_reports_are_reread_when_the_theme_lexicon_changes(tmp_path, monkeypatch):
    """Themes are stored with each target: editing themes.toml must reach indexed reports."""
    from explorer.core.targets.themes import BUNDLED_THEMES, LexiconError

    themes = tmp_path / "themes.toml"
    themes.write_text(BUNDLED_THEMES.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("REPORT_EXPLORER_THEMES", str(themes))
    src = tmp_path / "src"
    src.mkdir()
    sample = Path(__file__).resolve().parents[1] / "explorer" / "resources" / "samples" / "001_f884b8c2acd53f6d.txt"
    (src / sample.name).write_bytes(sample.read_bytes())
    lib = Library(tmp_path / "lib")
    lib.index([src])
    assert lib.index([src]).unchanged == 1
    assert not lib.targets(themes=["测试主题"])

    good = themes.read_text(encoding="utf-8")
    # A typo in the user's lexicon stops indexing with a reason and keeps the library whole.
    themes.write_text(good + "\n[themes.测试主题]\nkeywords = [\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="themes.toml"):
        lib.index([src])
    assert len(lib) == 1

    themes.write_text(good + '\n[themes."测试主题"]\nkeywords = ["地区生产总值"]\n', encoding="utf-8")
    summary = lib.index([src])
    assert (summary.updated, summary.unchanged) == (1, 0)
    assert any("地区生产总值" in t.indicator for _, t in lib.targets(themes=["测试主题"]))
    assert lib.index([src]).unchanged == 1


def test_first_run_on_the_bundled_samples_skips_nothing(tmp_path):
    """The first run indexes the bundled samples folder: it holds reports only (their
    description lives beside it in SAMPLES.md), so the user is not greeted with a skip."""
    from explorer.resources import SAMPLES

    summary = Library(tmp_path / "lib", workers=1).index([SAMPLES])
    assert summary.skipped == []
    assert summary.added == len(list(SAMPLES.glob("*.txt")))

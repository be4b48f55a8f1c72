"""Excerpts in a real library: collected from a real report, kept across restarts, a manifest
format change and re-indexing, found again when the report's file is edited, kept (marked
not found) when their passage or their report is gone."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from explorer.library import Library, LibraryError
from explorer.library.excerpts import Anchor, anchor_at, relocate
from tests.conftest import corpus_file

REPORT = "001_f884b8c2acd53f6d.txt"  # 常州市钟楼区 2023, every body line verbatim in the file


def _indexed(folder):
    src = folder / "src" / "zhonglou_2023.txt"
    src.parent.mkdir()
    shutil.copy(corpus_file(REPORT), src)
    lib = Library(folder / "lib", workers=1)
    lib.index([str(src)])
    lib.close()
    return src


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """A library holding the report, made once; tests that only read the report share its
    source file and work on a copy of the library folder."""
    folder = tmp_path_factory.mktemp("shared")
    return folder, _indexed(folder)


@pytest.fixture
def setup(indexed, tmp_path):
    folder, src = indexed
    shutil.copytree(folder / "lib", tmp_path / "lib")
    return Library(tmp_path / "lib", workers=1), src


@pytest.fixture
def own_setup(tmp_path):
    """A library and a source file of the test's own, for tests that edit the file."""
    src = _indexed(tmp_path)
    return Library(tmp_path / "lib", workers=1), src


def long_lines(text: str, n: int = 3) -> list[str]:
    """Whole body lines (paragraphs) of the clean text, well apart: what a user selects."""
    lines = [line for line in text.split("\n") if len(line) > 80]
    step = len(lines) // n
    return [lines[i * step + step // 2] for i in range(n)]


def collect(lib, path, passage, **kw):
    text = lib.report(str(path)).text
    i = text.index(passage)
    return lib.excerpts.add(str(path), i, i + len(passage), **kw)


def test_an_excerpt_is_stored_with_its_citation_facts_and_survives_a_restart(setup, tmp_path):
    lib, src = setup
    passage = long_lines(lib.report(str(src)).text)[1]
    e = collect(lib, src, passage, note="  看这里  ", tags=["就业，新质生产力", "就業"])
    assert (e.text, e.note, e.tags, e.found) == (passage, "看这里", ("就业", "新质生产力"), True)
    assert (e.region, e.year) == ("常州市钟楼区", 2023)
    assert e.section  # a body paragraph of this report stands in a section
    lib.close()
    again = Library(tmp_path / "lib", workers=1).excerpts.all()
    assert again == [e]
    assert (tmp_path / "lib" / "excerpts.sqlite").exists()


def test_edits_before_and_inside_passages_and_a_removed_passage(own_setup):
    """The file is edited: a paragraph inserted near the top (every later offset moves),
    words inserted inside one passage, another passage deleted. After re-indexing, the first
    is found at its new place, the second with its new text (the collected one kept), the
    third stays listed with its text, marked not found. Notes and tags are untouched."""
    lib, src = own_setup
    before_text = lib.report(str(src)).text
    moved, edited, deleted = long_lines(before_text)
    a = collect(lib, src, moved, note="a", tags=["甲"])
    b = collect(lib, src, edited, note="b", tags=["乙"])
    c = collect(lib, src, deleted, note="c", tags=["丙"])

    raw = src.read_text(encoding="utf-8-sig")
    first_body = before_text.split("\n")[3]
    inserted = "今年我们还要办好一批新的民生实事，让群众有更多获得感。"
    middle = len(edited) // 2
    raw = raw.replace(first_body, inserted + "\n" + first_body, 1)
    raw = raw.replace(edited, edited[:middle] + "（新增内容）" + edited[middle:], 1)
    raw = raw.replace(deleted + "\n", "", 1)
    src.write_text(raw, encoding="utf-8")
    lib.index([str(src)])

    text = lib.report(str(src)).text
    got = {e.id: e for e in lib.excerpts.all()}
    assert set(got) == {a.id, b.id, c.id}
    ga, gb, gc = got[a.id], got[b.id], got[c.id]
    assert ga.found and not ga.changed and ga.text == moved
    assert ga.start > a.start and text[ga.start:ga.end] == moved
    assert gb.found and gb.changed and gb.collected == edited
    assert gb.text == edited[:middle] + "（新增内容）" + edited[middle:] == text[gb.start:gb.end]
    assert not gc.found and gc.text == deleted and (gc.start, gc.end) == (c.start, c.end)
    assert [(x.note, x.tags) for x in (ga, gb, gc)] == [("a", ("甲",)), ("b", ("乙",)), ("c", ("丙",))]
    # The citation of a lost passage still names its report.
    assert "钟楼区" in gc.citation("plain").text


def test_excerpts_survive_a_manifest_format_change(setup, tmp_path):
    lib, src = setup
    e = collect(lib, src, long_lines(lib.report(str(src)).text)[0], tags=["x"])
    lib.close()
    db = sqlite3.connect(tmp_path / "lib" / "library.sqlite")
    db.execute("PRAGMA user_version=999")  # written by another version: docs are dropped
    db.commit()
    db.close()
    lib = Library(tmp_path / "lib", workers=1)
    assert len(lib) == 0
    assert [x.id for x in lib.excerpts.all()] == [e.id]
    lib.index([str(src)])
    assert lib.excerpts.all() == [e]


def test_a_report_gone_from_the_library_keeps_its_excerpts_until_it_is_back(own_setup, tmp_path):
    lib, src = own_setup
    e = collect(lib, src, long_lines(lib.report(str(src)).text)[2])
    kept = tmp_path / "kept.txt"
    shutil.move(src, kept)
    lib.index([str(src.parent)])  # the file is gone: its report is dropped
    [lost] = lib.excerpts.all()
    assert not lost.found and lost.text == e.text and lost.title == e.title
    shutil.move(kept, src)
    lib.index([str(src.parent)])
    assert lib.excerpts.all() == [e]


def test_bad_input_is_refused_and_nothing_is_lost(setup, tmp_path):
    lib, src = setup
    e = collect(lib, src, long_lines(lib.report(str(src)).text)[0])
    with pytest.raises(KeyError):
        lib.excerpts.add(str(tmp_path / "elsewhere.txt"), 0, 10)
    n = len(lib.report(str(src)).text)
    for start, end in ((-1, 5), (10, 10), (0, n + 1), (20, 5)):
        with pytest.raises(ValueError):
            lib.excerpts.add(str(src), start, end)
    with pytest.raises(KeyError):
        lib.excerpts.remove([e.id, 12345])
    with pytest.raises(KeyError):
        lib.excerpts.update(12345, note="x")
    assert lib.excerpts.all() == [e]


def test_remove_then_restore_gives_back_the_same_excerpts(setup):
    lib, src = setup
    lines = long_lines(lib.report(str(src)).text)
    kept = [collect(lib, src, line, note=str(i), tags=[f"t{i}"]) for i, line in enumerate(lines)]
    gone = lib.excerpts.remove([kept[0].id, kept[2].id])
    assert [x.id for x in lib.excerpts.all()] == [kept[1].id]
    lib.excerpts.restore(gone)
    assert lib.excerpts.all() == kept
    # Ids are never reused: a new excerpt gets a new one even after removals.
    lib.excerpts.remove([kept[2].id])
    new = collect(lib, src, lines[2])
    assert new.id > kept[2].id


def test_tags_filter_in_either_script_and_are_counted(setup):
    lib, src = setup
    lines = long_lines(lib.report(str(src)).text)
    collect(lib, src, lines[0], tags=["就业"])
    collect(lib, src, lines[1], tags=["就业", "生态"])
    collect(lib, src, lines[2])
    assert len(lib.excerpts.all(tags=["就業"])) == 2
    assert len(lib.excerpts.all(tags=["生态", "nothing"])) == 1
    assert lib.excerpts.tags() == {"就业": 2, "生态": 1}
    e = lib.excerpts.update(lib.excerpts.all()[2].id, tags="新质生产力、 生态")
    assert e.tags == ("新质生产力", "生态")


def test_a_read_only_library_lists_excerpts_but_refuses_changes(setup, tmp_path):
    lib, src = setup
    collect(lib, src, long_lines(lib.report(str(src)).text)[0])
    lib.close()
    ro = Library(tmp_path / "lib", workers=1)
    ro.excerpts.read_only = True
    assert len(ro.excerpts.all()) == 1
    with pytest.raises(LibraryError):
        ro.excerpts.update(1, note="x")


# -- finding a passage again: the rules on small texts -----------------------------------

def test_a_repeated_passage_is_found_where_its_context_agrees():
    old_text = "甲乙丙。改革持续深化。丁戊己。改革持续深化。庚辛壬。"
    i = old_text.rindex("改革持续深化。")
    old = anchor_at(old_text, i, i + 7)
    new_text = "新的一段开头。" + old_text
    found = relocate(new_text, old)
    assert found is not None and found.start == new_text.rindex("改革持续深化。")


def test_without_context_the_nearest_occurrence_wins():
    text = "改革。" * 3 + "其他内容其他内容。" + "改革。"
    old = Anchor(13, 16, "改革。", "", "")
    found = relocate(text, old)
    assert found is not None and found.start == text.rindex("改革。")


def test_a_passage_rewritten_beyond_recognition_is_not_found():
    old = anchor_at("前文。新增城镇就业1万人以上，城镇调查失业率控制在5%以内。后文。", 3, 31)
    assert relocate("前文。全面推进乡村振兴，建设宜居宜业和美乡村，守住粮食安全底线。后文。", old) is None

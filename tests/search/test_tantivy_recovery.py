"""A tantivy writer killed between writing a commit's files and its meta.json.

The commit's files (here a segment's deletion file "<segment>.<opstamp>.del") stay on disk
while meta.json still names the commit before. The next process counts operations from
that older opstamp, reaches the same one, and would fail to create the same file name
(FileAlreadyExists). The crash state is made exactly: a commit lands, then the meta.json
from before it is put back, as a kill -9 before the meta.json rename leaves it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from explorer.search.engine import IndexDoc
from explorer.search.query import parse
from explorer.search.tantivy_engine import TantivyEngine

A, B = "a" * 24, "b" * 24


def _doc(key: str, text: str) -> IndexDoc:
    return IndexDoc(key, text, "北京", "政府工作报告", (), 2020)


def _built(folder: Path, texts: dict[str, str]) -> None:
    e = TantivyEngine(folder)
    e.create()
    e.write([_doc(k, t) for k, t in texts.items()], [], fresh=True)
    e.finish()
    e.close()


def test_a_commit_after_a_killed_commit_reuses_its_opstamp(tmp_path: Path) -> None:
    folder = tmp_path / "ix"
    _built(folder, {A: "就业 教育", B: "生态 环境"})
    before = (folder / "meta.json").read_bytes()

    e = TantivyEngine(folder)
    assert e.open()
    e.write([], [A])  # writes <segment>.<opstamp>.del, then meta.json
    e.close()
    assert any(p.suffix == ".del" for p in folder.iterdir())
    (folder / "meta.json").write_bytes(before)  # the kill: the commit's meta.json never landed

    e = TantivyEngine(folder)
    assert e.open()
    assert e.keys() == {A, B}  # the index is the one before the lost commit
    e.write([], [A])  # the same operations reach the same opstamp
    assert e.keys() == {B}
    assert set(e.matches(parse("生态")).keys) == {B}
    e.close()


def test_an_update_after_a_killed_update_keeps_every_report(tmp_path: Path) -> None:
    folder = tmp_path / "ix"
    _built(folder, {A: "就业", B: "教育"})
    shutil.copytree(folder, tmp_path / "before")
    e = TantivyEngine(folder)
    assert e.open()
    e.write([_doc(A, "就业 医疗")], [])  # a new segment and a deletion file
    e.close()
    shutil.copy(tmp_path / "before" / "meta.json", folder / "meta.json")

    e = TantivyEngine(folder)
    assert e.open()
    e.write([_doc(B, "教育 文化")], [])
    e.close()
    e = TantivyEngine(folder)
    assert e.open()
    assert e.keys() == {A, B}
    assert set(e.matches(parse("就业")).keys) == {A}
    assert set(e.matches(parse("文化")).keys) == {B}
    e.close()

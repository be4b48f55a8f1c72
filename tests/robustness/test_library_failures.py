"""The library folder under attack or in trouble: damaged, foreign or hostile index files,
a read-only folder, a full disk, and a searcher that outlives the index it read."""

from __future__ import annotations

from pathlib import Path

from explorer.library import Library
from tests.robustness.hostile import corpus_text


def test_reindexed_report_is_found_once_by_the_same_library(tmp_path: Path) -> None:
    """The app indexes and searches with one Library: after a file changed and was indexed
    again, the search must see the new index generation, each report once (whoosh's
    Searcher.refresh kept the old reader's deletions: the report was counted twice)."""
    text = corpus_text("national_2024.txt")
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.txt").write_text("戊己一。\n" + text, encoding="utf-8")
    (data / "b.txt").write_text("其他。\n" + text, encoding="utf-8")
    lib = Library(tmp_path / "lib", workers=1)
    lib.index([data])
    assert lib.search("戊己").total == 1
    (data / "a.txt").write_text("戊己二。\n" + text + "补充。", encoding="utf-8")
    lib.index([data])
    found = lib.search("戊己", limit=0)
    assert (found.total, [h.path for h in found.results]) == (1, [str(data / "a.txt")])
    assert lib.search("戊己二").total == 1 and lib.search("戊己一").total == 0
    lib.remove([str(data / "a.txt")])
    assert lib.search("戊己").total == 0

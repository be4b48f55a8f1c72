"""The search status "共 N 处" counts the hits of every matching report, not only of the
shown ones, where the search knows that total (terms of two or more characters)."""

from __future__ import annotations

import pytest

from explorer.library import Library
from explorer.resources import sample_paths
from explorer.ui.widgets.search_panel import SearchPanel


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    lib = Library(tmp_path_factory.mktemp("lib"), workers=1)
    lib.index([str(p) for p in sample_paths()])
    yield lib
    lib.close()


def _status_after(qtbot, lib: Library, query: str, limit: int) -> str:
    panel = SearchPanel()
    qtbot.addWidget(panel)
    found = lib.search(query, limit=limit)
    panel.show_results(query, found.results, found.total, occurrences=found.occurrences)
    return panel.status.text()


def test_the_total_counts_every_matching_report(qtbot, samples):
    everything = samples.search("就业", limit=None)
    assert everything.total > 2
    every_hit = sum(h.hits for h in everything.results)
    status = _status_after(qtbot, samples, "就业", 2)
    assert status == f"“就业”：{everything.total} 份报告，共 {every_hit} 处（显示前 2 份）"


def test_without_a_known_total_the_shown_hits_are_counted(qtbot, samples):
    shown = samples.search("镇", limit=2)  # one character: its hits only the text can count
    assert shown.occurrences is None and shown.total > 2
    status = _status_after(qtbot, samples, "镇", 2)
    assert f"共 {sum(h.hits for h in shown.results)} 处" in status

"""The app on a library of a few hundred reports, for each search engine (issue 13): open the
window, search, scroll the results, filter, expand and scroll the tree, count the Compare
view's figures, switch the engine; every Qt model passes the model tester on the way, and
the window shows what the library answers.

The library is made cheaply: the corpus reports are ingested once, then their manifest rows
are copied under other paths, regions and years (each copy a report of its own to the
manifest, the tree and the engines), and the engine's index is built from the manifest.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings  # noqa: E402

from explorer.library import Library, targettable  # noqa: E402
from explorer.library.store import DOC_COLUMNS, path_key  # noqa: E402
from explorer.search.engine import ENGINES, unavailable  # noqa: E402
from explorer.ui.settings import Settings  # noqa: E402
from tests.conftest import CORPUS_FILES, SET2_FILES, corpus_file  # noqa: E402
from tests.robustness.test_gui_stress import _StallMeter  # noqa: E402

pytestmark = pytest.mark.gui

COPIES = 300  # reports in the library
TIMEOUT = 180_000
MOVE_TIMEOUT = 1_200_000  # rebuilding 300 reports' whoosh index takes minutes on a loaded machine
QUERIES = ["就业", "高质量发展", "鎮", '"城镇新增就业"', "生态 -就业", "year:2019..2022 教育"]
REGIONS = ["常州市", "无锡市", "苏州市", "天门市", "南宁市", "海拉尔区", ""]


def _replicate(lib: Library, copies: int) -> None:
    """Copy the manifest's rows under new paths, regions and years until it holds `copies`."""
    db = lib.manifest.db()
    cols = ", ".join(DOC_COLUMNS)
    rows = db.execute(f"SELECT id, {cols} FROM docs ORDER BY path").fetchall()
    with db:
        for i in range(copies - len(rows)):
            doc, *row = rows[i % len(rows)]
            path = str(Path(row[1]).with_name(f"copy{i:04d}_{Path(row[1]).name}"))
            row[0], row[1] = path_key(path), path
            row[DOC_COLUMNS.index("region")] = REGIONS[i % len(REGIONS)]
            row[DOC_COLUMNS.index("year")] = None if i % 29 == 0 else 2010 + i % 15
            copy = db.execute(f"INSERT INTO docs({cols}) VALUES ({', '.join('?' * len(DOC_COLUMNS))})", row).lastrowid
            # The targets table is the record of a report's targets: the copy gets its own rows.
            targettable.put_targets(db, copy, targettable.report_targets(db, doc))


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("large") / "template"
    lib = Library(folder, workers=2)
    lib.index([str(corpus_file(f)) for f in CORPUS_FILES + SET2_FILES[:6]])
    _replicate(lib, COPIES)
    lib.close()
    return folder


def _library(template: Path, folder: Path, engine: str) -> Library:
    import shutil

    shutil.copytree(template, folder, ignore=shutil.ignore_patterns("index*", "engine.json"))
    lib = Library(folder, workers=1)
    assert lib.set_engine(engine)
    assert lib.search("发展").total > 0  # the index is built
    return lib


def _shown(w) -> list[tuple[str, int]]:
    model = w.search_panel.model
    return [(model.hit(r).path, model.hit(r).hits) for r in range(model.rowCount())]


@pytest.mark.parametrize("engine", ENGINES)
def test_window_on_a_large_library(qtbot, qtmodeltester, template, tmp_path, engine) -> None:
    if unavailable(engine):
        pytest.skip(unavailable(engine))
    from explorer.ui.main_window import MainWindow

    lib = _library(template, tmp_path / "lib", engine)
    # What the library answers, asked before the window opens (a search on this thread
    # would count as the window's stall).
    expected = {q: [(h.path, h.hits) for h in lib.search(q, limit=200).results] for q in QUERIES}
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.set("library/samples_offered_to", str(lib.path))
    w = MainWindow(lib, settings)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    stalls = _StallMeter()
    try:
        with qtbot.waitSignal(w.library_loaded, timeout=TIMEOUT) as loaded:
            w.start()
        assert loaded.args == [COPIES] and w.library_panel.model.report_count() == COPIES
        tree, model = w.library_panel.tree, w.library_panel.model
        qtmodeltester.check(model)
        tree.expandAll()
        listed = sum(model.rowCount(model.index(y, 0, model.index(r, 0)))
                     for r in range(model.rowCount()) for y in range(model.rowCount(model.index(r, 0))))
        assert listed == COPIES
        bar = tree.verticalScrollBar()
        for k in range(11):
            bar.setValue(bar.maximum() * k // 10)
            qtbot.wait(10)
        qtmodeltester.check(model)

        # The filter is answered by the manifest, in either script.
        for text, region in (("天門", "天门市"), ("2013", None), ("zzz-none", None)):
            w.library_panel.filter_edit.setText(text)
            qtbot.waitUntil(lambda t=text: model.filter_text == t, timeout=TIMEOUT)
            qtmodeltester.check(model)
            regions = {model.index(r, 0).data() for r in range(model.rowCount())}
            if region:
                assert region in regions
            if text == "zzz-none":
                assert model.rowCount() == 0
            if text == "2013":
                assert model.shown_count() >= COPIES // 15
        w.library_panel.filter_edit.setText("")
        qtbot.waitUntil(lambda: model.filter_text == "" and model.shown_count() == COPIES, timeout=TIMEOUT)

        for q in QUERIES:
            with qtbot.waitSignal(w.search_done, timeout=TIMEOUT):
                w.search(q)
            qtmodeltester.check(w.search_panel.model)
            assert _shown(w) == expected[q], q
            view = w.search_panel.view
            for k in range(6):
                view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() * k // 5)
                qtbot.wait(10)

        w.show_compare()
        compare = w.compare_view
        qtbot.waitUntil(lambda: compare.indicator_box.count() > 0, timeout=TIMEOUT)
        assert compare.select_indicator("城镇新增就业")
        qtbot.waitUntil(lambda: compare.model.rowCount() > 0, timeout=TIMEOUT)
        qtmodeltester.check(compare.model)
        assert all(1949 <= y <= 2100 for y in compare.model.years)

        other = next(e for e in ENGINES if e != engine)
        if unavailable(other) is None:
            with qtbot.waitSignal(w.engine_changed, timeout=MOVE_TIMEOUT):
                w.set_engine(other)
            assert lib.engine == other
            for q in QUERIES:
                with qtbot.waitSignal(w.search_done, timeout=TIMEOUT):
                    w.search(q)
                assert _shown(w) == expected[q], (other, q)
    finally:
        stalls.timer.stop()
        print(f"\n{engine}: {COPIES} reports; longest event-loop stall {stalls.longest * 1000:.0f} ms")
        w.runner.cancel_all()
        w.runner.wait(20000)
        w.close()


def test_the_replicated_rows_are_reports_of_their_own(template) -> None:
    with sqlite3.connect(template / "library.sqlite") as db:
        n, paths, keys = db.execute("SELECT count(*), count(DISTINCT path), count(DISTINCT key) FROM docs").fetchone()
    assert n == paths == keys == COPIES

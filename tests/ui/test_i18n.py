"""zh_CN is the source language; English comes from the committed .ts/.qm."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from explorer.ui.i18n import I18N, qm_path

UI = Path(__file__).resolve().parents[2] / "explorer" / "ui"
TS = I18N / "report_explorer_en.ts"


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(c.findtext("name"), m.findtext("source"), m.find("translation"))
            for c in root.iter("context") for m in c.iter("message")]


def test_every_message_is_translated():
    unfinished = [(ctx, src) for ctx, src, tr in messages(TS)
                  if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or not (tr.text or "").strip()]
    assert not unfinished, unfinished


def test_placeholders_survive_translation():
    bad = [(src, tr.text) for _ctx, src, tr in messages(TS)
           if sorted(p for p in ("%1", "%2", "%3", "%4") if p in src) != sorted(p for p in ("%1", "%2", "%3", "%4") if p in (tr.text or ""))]
    assert not bad, bad


def test_every_string_in_the_code_is_in_the_ts_file(tmp_path):
    lupdate = shutil.which("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in UI.rglob("*.py"))
    subprocess.run([lupdate, *sources, "-source-language", "zh_CN", "-target-language", "en", "-ts", str(fresh)],
                   check=True, capture_output=True)
    in_code = {(ctx, src) for ctx, src, _ in messages(fresh)}
    in_ts = {(ctx, src) for ctx, src, tr in messages(TS) if tr is not None and tr.get("type") != "vanished"}
    assert in_code - in_ts == set(), "run pyside6-lupdate and translate (see resources/i18n/README.md)"


def test_compiled_qm_is_current_and_loads(qapp):
    qm = qm_path("en")
    assert qm.exists() and qm.stat().st_mtime >= TS.stat().st_mtime - 1, "run pyside6-lrelease"
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("MainWindow", "报告浏览器") == "Report Explorer"
    assert translator.translate("TargetsModel", "指标") == "Indicator"


def test_english_interface(qtbot, library, settings):
    from explorer.ui.main_window import MainWindow

    translator = QTranslator()
    assert translator.load(str(qm_path("en")))
    QCoreApplication.installTranslator(translator)
    try:
        w = MainWindow(library, settings)
        qtbot.addWidget(w)
        assert w.windowTitle() == "Report Explorer"
        menus = [a.text() for a in w.menuBar().actions()]
        assert menus == ["&File", "&Edit", "&Library", "&View", "&Analysis", "&Help"]
        assert w.targets_panel.model.headerData(0, Qt.Orientation.Horizontal) == "Indicator"
        assert w.search_panel.edit.placeholderText() == "Search all reports… (Ctrl+L)"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_chinese_is_the_default(qtbot, library, settings):
    from explorer.ui.main_window import MainWindow

    assert settings.get("ui/language") == "zh_CN"
    w = MainWindow(library, settings)
    qtbot.addWidget(w)
    assert w.windowTitle() == "报告浏览器"
    assert [a.text() for a in w.menuBar().actions()][0] == "文件(&F)"

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings  # noqa: E402

from explorer.core.model import Report, Section, Target  # noqa: E402
from explorer.ui.settings import Settings  # noqa: E402
from tests.ui.memory_library import MemoryLibrary  # noqa: E402


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/ui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def settings(tmp_path):
    """A QSettings file of the test's own: never the user's real preferences."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def library():
    return MemoryLibrary()


@pytest.fixture
def window(qtbot, library, settings):
    from explorer.ui.main_window import MainWindow

    w = MainWindow(library, settings)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.runner.cancel_all()
    w.runner.wait(5000)
    # Deliver the finished tasks' queued signals while the runner still exists.
    qtbot.waitUntil(lambda: w.runner.running == 0, timeout=5000)


# A small report written for the tests: Traditional text, a character outside the BMP
# (𠀀, two UTF-16 units) before the hits, three sections, targets in two themes.
BODY = (
    "各位代表：\n"
    "一、過去一年工作回顧\n"
    "𠀀年來城鎮新增就業1.2萬人，就業形勢穩定。\n" + "經濟運行穩中向好。\n" * 40 +
    "二、今年工作安排\n"
    "（一）穩定就業\n"
    "新增城鎮就業1萬人以上，城鎮調查失業率控制在5%以內。\n" + "改革持續深化。\n" * 40 +
    "（二）生態環境\n"
    "PM2.5平均濃度下降3%，空氣質量優良天數比率達到85%。\n" + "綠色發展。\n" * 60
)


def _section(title: str, number: str, level: int, end: int, children=()) -> Section:
    start = BODY.index(number + title if number else title)
    return Section(title, number, level, start, end, tuple(children))


def _target(indicator: str, phrase: str, value, unit, qualifier, kind, themes) -> Target:
    start = BODY.index(phrase)
    end = start + len(phrase)
    return Target(indicator, value, None, unit, qualifier, kind, tuple(themes), start, end, BODY[start:end], "", "")


def make_report(path: str = "/reports/demo_2023.txt") -> Report:
    two = BODY.index("二、今年工作安排")
    eco = BODY.index("（二）生態環境")
    sections = [
        _section("過去一年工作回顧", "一、", 1, two),
        _section("今年工作安排", "二、", 1, len(BODY), [
            _section("穩定就業", "（一）", 2, eco),
            _section("生態環境", "（二）", 2, len(BODY)),
        ]),
    ]
    targets = [
        _target("城鎮新增就業", "城鎮新增就業1.2萬人", 1.2, "萬人", "", "achievement", ["就业"]),
        _target("新增城鎮就業", "新增城鎮就業1萬人以上", 1, "萬人", "以上", "target", ["就业"]),
        _target("城鎮調查失業率", "城鎮調查失業率控制在5%以內", 5, "%", "以内", "target", ["就业"]),
        _target("PM2.5平均濃度", "PM2.5平均濃度下降3%", 3, "%", "", "target", ["生态"]),
        _target("空氣質量優良天數比率", "空氣質量優良天數比率達到85%", 85, "%", "", "target", ["生态"]),
    ]
    return Report(
        path=path, title="2023年示範市政府工作報告", region="示範市", level="市", year=2023,
        doc_type="政府工作报告", publisher="", date="2023-01-10", speaker="", encoding="utf-8",
        raw_text=BODY, text=BODY, sections=sections, targets=targets,
    )


@pytest.fixture
def demo_report():
    return make_report()

"""Every item model passes pytest-qt's qtmodeltester, empty and filled."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from explorer.core.model import Hit
from explorer.core.scripts import fold
from explorer.library.targettable import TargetHit, TargetQuery, count_themes
from explorer.ui.models.library import LibraryModel
from explorer.ui.models.outline import OutlineModel
from explorer.ui.models.results import HtmlRole, ResultsModel, mark_snippet
from explorer.ui.models.targets import (
    COL_THEMES,
    COL_VALUE,
    PAGE_ROWS,
    ChoiceModel,
    TargetsModel,
    ThemeModel,
    make_rows,
)
from tests.ui.memory_library import ReportInfo


def rows_of(report):
    return make_rows((report, t) for t in report.targets)


def test_outline_model(qtmodeltester, demo_report):
    model = OutlineModel()
    qtmodeltester.check(model)
    model.set_sections(demo_report.sections)
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.rowCount(model.index(1, 0)) == 2
    # The innermost section holding an offset is found.
    offset = demo_report.text.index("PM2.5")
    assert model.index_for_offset(offset).data() == "（二）生態環境"
    assert not model.index_for_offset(0).isValid()  # before the first heading


def test_library_model_groups_by_region_then_year(qtmodeltester):
    infos = [
        ReportInfo("/a", "甲2021", "常州市", "市", 2021, "政府工作报告", 3, "utf-8"),
        ReportInfo("/b", "甲2022", "常州市", "市", 2022, "政府工作报告", 0, "utf-8"),
        ReportInfo("/c", "乙", "无锡市", "市", None, "", 1, "gb18030"),
        ReportInfo("/d", "", "", "", None, "", 0, "utf-8"),
    ]
    model = LibraryModel()
    qtmodeltester.check(model)
    model.set_reports(infos)
    qtmodeltester.check(model)
    regions = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert regions == ["常州市", "无锡市", "（地区不详）"]
    changzhou = model.index(0, 0)
    assert [model.index(r, 0, changzhou).data() for r in range(2)] == ["2022年", "2021年"]
    assert model.path_at(model.index_for_path("/c")) == "/c"
    assert model.report_count() == 4
    model.set_reports(infos[:1])
    qtmodeltester.check(model)
    assert model.report_count() == 1


def test_results_model(qtmodeltester):
    model = ResultsModel()
    qtmodeltester.check(model)
    hits = [Hit("/a", "报告甲", "常州市", 2021, 2, ((0, 2), (5, 7)), ("促进就業和再就业",)),
            Hit("/b", "", "", None, 1, ((3, 5),), ())]
    model.set_results("就业 -失业", hits)
    qtmodeltester.check(model)
    html = model.index(0).data(HtmlRole)
    assert html.count("background:#ffe066") == 2  # 就業 and 就业, the NOT term unmarked
    assert "常州市" in html and "2 处" in html


def test_mark_snippet_uses_the_librarys_marks():
    out = mark_snippet("…促进«就業»和再«就业»…", ["无关"])
    assert out == ('…促进<span style="background:#ffe066">就業</span>和再'
                   '<span style="background:#ffe066">就业</span>…')


def test_mark_snippet_escapes_and_drops_foreign_markup():
    out = mark_snippet("<b>就业</b> & <script>", ["就业"])
    assert out == '<span style="background:#ffe066">就业</span> &amp; &lt;script&gt;'


def hits_of(report):
    return [TargetHit(report.path, report.title, report.region, report.year, t, seq) for seq, t in enumerate(report.targets)]


def test_targets_model_filters_and_sorts_a_report_outside_the_library(qtmodeltester, demo_report):
    model = TargetsModel()
    qtmodeltester.check(model)
    model.set_source(local=hits_of(demo_report))
    qtmodeltester.check(model)
    model.set_query(TargetQuery(themes=("生态",)))
    assert model.rowCount() == 2 and model.total == 2
    qtmodeltester.check(model)
    model.set_query(TargetQuery(kind="achievement"))
    assert model.rowCount() == 1
    model.set_query(TargetQuery(text="失业率"))  # Simplified filter finds Traditional 失業率
    assert [r.target.indicator for r in model.rows] == ["城鎮調查失業率"]
    model.set_query(TargetQuery(year_from=2020, year_to=2020))
    assert model.rowCount() == 0
    model.set_query(TargetQuery())
    assert model.rowCount() == 5
    model.sort(COL_VALUE, Qt.SortOrder.DescendingOrder)  # grouped by unit, numerically within one
    assert [model.index(r, COL_VALUE).data() for r in range(5)] == ["1.2萬人", "1萬人", "85%", "5%", "3%"]
    qtmodeltester.check(model)


def test_targets_model_fetches_the_librarys_targets_a_page_at_a_time(qtmodeltester, tmp_path):
    """Backed by a real library (the bundled samples: more targets than a page), without a
    runner: every page is fetched on the calling thread, as qtmodeltester needs."""
    from explorer import Library
    from explorer.resources import SAMPLES

    with Library(tmp_path / "lib", workers=1) as lib:
        lib.index([SAMPLES])
        every = lib.target_hits(TargetQuery())
        assert len(every) > 2 * PAGE_ROWS
        model = TargetsModel()
        model.set_source(lib, query=TargetQuery())
        assert model.rowCount() == PAGE_ROWS and model.total == len(every)
        qtmodeltester.check(model)
        while model.canFetchMore():
            model.fetchMore()
        assert model.rows == every
        model.sort(COL_VALUE, Qt.SortOrder.AscendingOrder)
        assert model.rowCount() == PAGE_ROWS
        assert model.rows == lib.target_hits(TargetQuery(sort="value"), limit=PAGE_ROWS)
        qtmodeltester.check(model)
        # Each page asked after the last row held: the whole answer, in its order.
        model.sort(COL_THEMES, Qt.SortOrder.DescendingOrder)
        while model.canFetchMore():
            model.fetchMore()
        assert model.rows == lib.target_hits(TargetQuery(sort="themes", descending=True))


def test_make_rows_folds_every_row_in_one_pass(demo_report):
    rows = rows_of(demo_report)
    assert [r.haystack for r in rows] == [
        fold(" ".join((t.indicator, t.text, t.sentence, t.section, demo_report.title, demo_report.region)))
        for t in demo_report.targets
    ]
    assert make_rows([]) == []


def test_theme_model_counts_and_checks(qtmodeltester, demo_report):
    model = ThemeModel()
    qtmodeltester.check(model)
    model.set_counts(count_themes(hits_of(demo_report)), lexicon=["教育", "就业", "生态"])
    qtmodeltester.check(model)
    labels = [model.index(r).data() for r in range(model.rowCount())]
    assert labels == ["就业  3", "生态  2", "教育  0"]
    model.setData(model.index(1), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.checked() == {"生态"}


def test_choice_model(qtmodeltester):
    model = ChoiceModel()
    qtmodeltester.check(model)
    model.set_items([(None, "全部"), ("/a.txt", "甲"), ("/b.txt", "乙")])
    qtmodeltester.check(model)
    assert model.row_of("/b.txt") == 2 and model.index(2).data(Qt.ItemDataRole.UserRole) == "/b.txt"


def test_outline_labels_use_one_form_of_parentheses():
    from explorer.core.model import Section
    from explorer.ui.models.outline import section_label

    assert section_label(Section("厚植區域創新發展新動能", "(一)", 1, 0, 10)) == "（一）厚植區域創新發展新動能"
    assert section_label(Section("打造產業集群", "（二）", 1, 10, 20)) == "（二）打造產業集群"
    assert section_label(Section("过去一年工作回顾", "一、", 1, 0, 5)) == "一、过去一年工作回顾"
    assert section_label(Section("企业创新", "1", 2, 0, 5)) == "1 企业创新"


def test_results_model_pages_in_more_when_scrolled_to_the_end(qtmodeltester):
    hits = [Hit(f"/r{i}", f"报告{i}", "常州市", 2021, 1, ((0, 2),), ("就业",)) for i in range(450)]
    model = ResultsModel()
    asked = []
    model.more_wanted.connect(lambda q, n: asked.append((q, n)))
    model.set_results("就业", hits[:200], total=450)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # one page asked at a time
    assert asked == [("就业", 400)]
    model.add_page("其他", hits[:400], 450)  # a reply to a replaced search is ignored
    assert model.rowCount() == 200
    model.add_page("就业", hits[:400], 450)
    assert model.rowCount() == 400 and model.hit(399).path == "/r399"
    model.fetchMore(QModelIndex())
    assert asked[-1] == ("就业", 600)
    model.add_page("就业", hits, 450)
    assert model.rowCount() == 450 and not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)

"""Python offsets become Qt (UTF-16) positions only at the widget boundary."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from explorer.ui.textpos import Utf16Map
from explorer.ui.widgets.report_view import ReportView


def qt_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


@given(st.text(alphabet=st.sampled_from("a就業𠀀😀\n")))
def test_round_trip_against_utf16_encoding(text):
    m = Utf16Map(text)
    for i in range(len(text) + 1):
        q = qt_len(text[:i])
        assert m.to_qt(i) == q
        assert m.from_qt(q) == i


def test_position_inside_a_surrogate_pair_maps_to_its_character():
    m = Utf16Map("a𠀀b")
    assert [m.from_qt(q) for q in range(5)] == [0, 1, 1, 2, 3]


def test_view_highlights_the_right_characters_after_a_non_bmp_character(qtbot, demo_report):
    view = ReportView()
    qtbot.addWidget(view)
    view.set_report(demo_report)
    s = demo_report.text.index("就業")
    view.set_hits([(s, s + 2)])
    (sel,) = view.extraSelections()
    assert sel.cursor.selectedText() == "就業"
    # Without conversion the highlight would be shifted one UTF-16 unit to the left.
    assert sel.cursor.selectionStart() == s + 1
    view.select_span(s, s + 2)
    assert view.selection_span() == (s, s + 2)

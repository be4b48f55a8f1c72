from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from explorer.core.scripts import convert_for_display, fold, to_simplified, to_traditional


def test_fold_unifies_scripts_and_widths():
    assert fold("就業") == fold("就业") == "就业"
    assert fold("鎮江ＰＭ２．５") == "镇江pm2.5"
    assert fold("全　面") == "全 面"
    assert len(fold("İstanbul")) == len("İstanbul")


def test_display_conversion_both_ways():
    assert to_traditional("现代化建设") == "現代化建設"
    assert to_simplified("現代化建設") == "现代化建设"
    assert convert_for_display("现代化", "original") == "现代化"


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2FFFF, blacklist_categories=("Cs",)), max_size=200))
def test_every_conversion_keeps_length(text):
    # Offsets computed on one form must stay valid on the other.
    for f in (fold, to_simplified, to_traditional):
        assert len(f(text)) == len(text)

"""The mojibake repair's language model: a model corrected by the lines that changed counts
exactly what a model of the new text counts."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.clean import mojibake_model
from explorer.core.clean.mojibake_model import _ANY_GLOSS, Bigrams, _prepared_lines

# What the model's preparation treats specially: line breaks and layout around them,
# glosses, ASCII punctuation (counted full-width), a "?" and Han characters.
_PIECES = st.sampled_from(
    ["字", "文", "a", "(", ")", "（", "）", "xiàn", "(xiàn)", "（shè）", "!", ",", ".", "。", "?",
     "\n", "\n\n", " ", "\u3000", "\t", "\n  \n", "\u00a0"]
)
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


# What the model counts, as first written: blanks around line breaks and blank lines are
# layout, glosses are looked through.
_LAYOUT = re.compile(r"[ \t\u3000\u2003\u00a0]*\n[\s\u3000\u2003\u00a0]*")
_BLANKS = st.sampled_from([" ", "\t", "\u3000", "\u2003", "\u00a0", "\n", "\r", "\f", "\x0b", "\x85", "\u2028", "\x1c"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_PIECES, _BLANKS), max_size=40).map("".join))
def test_prepared_lines_are_the_layout_regex_line_by_line(text):
    assert _prepared_lines(text) == _ANY_GLOSS.sub("", _LAYOUT.sub("\n", text)).split("\n")


def test_prepared_lines_of_a_report():
    text = "  标题(biāo)\u3000\n\n\u3000\u3000第一段（xiàn）。 \t\n \f\n\n 第二段\r\n\u2003\n结尾 "
    # The first line keeps its indent, the last its trailing blank; "\r" is no blank.
    assert _prepared_lines(text) == ["  标题", "第一段。", "第二段\r", "结尾 "]
    assert "\n".join(_prepared_lines(text)) == _ANY_GLOSS.sub("", _LAYOUT.sub("\n", text))


def _counts(model: Bigrams) -> dict[int, int]:
    return dict(model.pairs.counts)


@pytest.fixture(params=["counter", "numpy"])
def counting(request, monkeypatch):
    """Both ways of counting: Counter (numpy not loaded, a short text) and numpy."""
    if request.param == "counter":
        monkeypatch.delitem(sys.modules, "numpy", raising=False)
    else:
        import numpy  # noqa: F401
    # Correct by the changed lines however many changed, so the correction is what is tested.
    monkeypatch.setattr(mojibake_model, "_RECOUNT_SHARE", float("inf"))
    return request.param


# The fixture's setting holds for every example (it is not state the examples change).
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=_TEXTS, new_lines=st.lists(st.tuples(st.integers(0, 50), _TEXTS), max_size=4), other=_TEXTS)
def test_corrected_counts_equal_counts_of_the_new_text(counting, old, new_lines, other):
    lines = old.split("\n")
    for at, line in new_lines:  # a few lines replaced, as a repair pass or a round does
        lines[at % len(lines)] = line
    for new in ("\n".join(lines), other):  # and a text with nothing in common
        corrected = Bigrams(new, Bigrams(old))
        counted = Bigrams(new)
        assert _counts(corrected) == _counts(counted)
        assert all(n > 0 for n in _counts(corrected).values())
        assert corrected.uses("字") == counted.uses("字")
        assert corrected.class_count("〇字") == counted.class_count("〇字")


def test_a_repair_corrects_the_model_of_the_next_pass(counting):
    text = "（一）推動城鄉融合\n確保高質量發展。\n" * 3 + "?。ㄋ模┩苿映青l\n"
    repaired = text.replace("?。ㄋ模┩苿映青l", "（四）推動城鄉")
    corrected = Bigrams(repaired, Bigrams(text))
    assert corrected.pairs.get("四）") == 1 and corrected.pairs.get("ㄋ模") == 0
    assert _counts(corrected) == _counts(Bigrams(repaired))

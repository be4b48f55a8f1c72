"""The mojibake repair's language model: a model corrected by the lines that changed counts
exactly what a model of the new text counts."""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.clean import mojibake_model
from explorer.core.clean.mojibake_model import Bigrams

# What the model's preparation treats specially: line breaks and layout around them,
# glosses, ASCII punctuation (counted full-width), a "?" and Han characters.
_PIECES = st.sampled_from(
    ["字", "文", "a", "(", ")", "（", "）", "xiàn", "(xiàn)", "（shè）", "!", ",", ".", "。", "?",
     "\n", "\n\n", " ", "\u3000", "\t", "\n  \n", "\u00a0"]
)
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


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

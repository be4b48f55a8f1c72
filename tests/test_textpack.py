"""The manifest's packed texts (library/textpack.py) give back exactly what was packed:
clean text against its fold (few differences, many, over several zdict chunks) and the raw
text against the clean one."""

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.library.textpack import CHUNK, pack, pack_raw, unpack, unpack_folded, unpack_raw
from explorer.search.normalize import search_form

_TEXT = st.text(alphabet="發展发展經濟经济就業就业，。 \n2025年ＡＢab%％", max_size=300)


@settings(max_examples=60, deadline=None)
@given(_TEXT, st.integers(min_value=1, max_value=60))
def test_clean_text_comes_back_from_its_fold(text: str, copies: int) -> None:
    text = text * copies  # up to 18,000 characters: more than one zdict chunk
    folded = search_form(text)
    for primed in (True, False):
        f, script = pack(text, folded, primed=primed)
        assert unpack(f, script) == (text, folded)
        assert unpack_folded(f) == folded


def test_a_traditional_text_of_many_chunks_comes_back() -> None:
    # Every character differs from its fold: the whole-text (primed) form, chunk by chunk.
    text = "發展經濟，擴大就業。" * (3 * CHUNK // 10 + 7)
    folded = search_form(text)
    assert folded != text
    assert unpack(*pack(text, folded)) == (text, folded)


@settings(max_examples=60, deadline=None)
@given(_TEXT, _TEXT, st.integers(min_value=1, max_value=80))
def test_raw_text_comes_back_from_the_clean_text(raw: str, clean: str, copies: int) -> None:
    raw, clean = raw * copies, clean * copies
    assert unpack_raw(pack_raw(raw, clean), clean) == raw
    assert unpack_raw(pack_raw(clean, clean), clean) == clean

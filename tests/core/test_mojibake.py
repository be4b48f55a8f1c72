"""GBK decoded one byte out of step: the mechanism, and its repair."""

from __future__ import annotations

import contextlib
import unicodedata

import pytest

from explorer.core.clean.mojibake import is_telltale, repair_mojibake

# Context a report gives the language model: numbered headings and ordinary sentences.
CONTEXT = "(一)厚植區域創新發展新動能\n(三)主動服務融入新發展格局\n推動城鄉融合,確保高質量發展。\n"


def garble(original: str, nfkc: bool = True) -> str:
    """The damage seen in seeds/000 and 002: the first byte is lost ("?"), the rest decoded
    pair by pair out of step, GBK's user-defined pairs dropped, then NFKC applied."""
    data = original.encode("gbk")[1:]
    out = ["?"]
    i = 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        pair = data[i : i + 2]
        with contextlib.suppress(UnicodeDecodeError):  # private-use pairs the page dropped
            out.append(pair.decode("gbk"))
        i += 2
    text = "".join(out)
    return unicodedata.normalize("NFKC", text) if nfkc else text


def test_mechanism_reproduces_the_seed_line():
    # seeds/000 line 31, as found in the file.
    assert garble("　（四）推動城鄉(xiāng)") == "?。ㄋ模┩苿映青l(xiāng)"


def test_seed_heading_is_repaired():
    text = CONTEXT + "?。ㄋ模┩苿映青l(xiāng)融合發(fā)展新提升\n"
    out, steps = repair_mojibake(text)
    assert "\n（四）推動城鄉(xiāng)融合發(fā)展新提升\n" in out
    assert [s.kind for s in steps] == ["mojibake_repaired"]
    assert steps[0].after == "（四）推動城鄉"


@pytest.mark.parametrize(
    "heading",
    ["　（二）打造產(chǎn)業集群", "　（七）開創市域安全"],
)
def test_simulated_headings_round_trip(heading):
    # The language model is the document itself: a heading whose words occur nowhere else
    # in a tiny text may not be accepted (（八）展現 is checked on the real seed instead).
    text = CONTEXT + garble(heading) + "\n"
    out, _ = repair_mojibake(text)
    assert heading.strip("　") in out


def test_repair_uses_the_gloss_reading_when_the_bracket_was_lost():
    # seeds/000 line 36: "(" of 構(gòu) went with a dropped pair; the gloss names 構.
    text = CONTEXT + "結構\n?。ㄎ澹?gòu)筑生態綠色發展新優勢\n"
    out, steps = repair_mojibake(text)
    assert "（五）構筑生態綠色發展新優勢" in out
    assert steps[0].before == "?。ㄎ澹?gòu)"


def test_unrecoverable_run_stays_visible_and_is_counted():
    garbled = "?。┨嵘窆蚕戆l(fā)展新成效"  # seeds/000 (六): two pairs lost for good
    out, steps = repair_mojibake(CONTEXT + garbled)
    assert garbled in out
    assert "mojibake_unrecovered" in {s.kind for s in steps}


def test_lone_question_mark_between_han_is_counted_not_changed():
    text = "打響“三杰故里?紅色名城”品牌。"
    out, steps = repair_mojibake(text)
    assert out == text
    assert [s.kind for s in steps] == ["mojibake_unrecovered"]


def test_ordinary_text_is_left_alone():
    text = "你好嗎?我們很好。PM2.5濃度下降(細顆粒物)。“十四五”開局之年!"
    out, steps = repair_mojibake(text)
    assert out == text
    assert steps == []


def test_repaired_text_is_stable():
    text = CONTEXT + "?。ㄋ模┩苿映青l(xiāng)融合發(fā)展新提升\n"
    once = repair_mojibake(text)[0]
    assert repair_mojibake(once)[0] == once


def test_telltales():
    assert all(is_telltale(c) for c in "ㄋ┩苿")
    assert not any(is_telltale(c) for c in "推動城鄉。")


@pytest.mark.slow
def test_simulated_damage_on_a_clean_report():
    """Garble random stretches of a clean Traditional report the way the seeds were damaged
    and measure: repairs must be right far more often than wrong, and nothing may be lost."""
    import random

    from explorer.core.clean.pipeline import clean
    from explorer.core.read.files import read_file
    from tests.conftest import corpus_file

    lines = clean(read_file(corpus_file("003_b38180b7f8c54865.txt")).text).text.split("\n")
    rng = random.Random(7)
    exact = wrong = trials = 0
    while trials < 120:
        li = rng.randrange(len(lines))
        line = lines[li]
        # A run ends at a character whose trail byte is ASCII: it puts the decoder back in step.
        ends = [
            k for k, c in enumerate(line)
            if len(b := c.encode("gbk", "ignore")) == 2 and 0x40 <= b[1] <= 0x7E
        ]
        if not ends:
            continue
        e = rng.choice(ends)
        s = max(0, e - rng.randint(2, 10))
        trials += 1
        damaged = lines[:li] + [line[:s] + garble(line[s : e + 1]) + line[e + 1 :]] + lines[li + 1 :]
        out, steps = repair_mojibake("\n".join(damaged))
        if out.split("\n")[li] == line:
            exact += 1
        elif any(st.kind == "mojibake_repaired" for st in steps):
            wrong += 1
    print(f"\nsimulated garbles: {trials}, repaired exactly {exact}, repaired wrongly {wrong}")
    assert exact >= 0.1 * trials
    assert wrong <= 0.5 * exact

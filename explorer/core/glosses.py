"""Pinyin glosses inserted after characters by some portals: 現(xiàn)代化 → 現代化.

A parenthesis right after a Han character is removed only when its content is one of that
character's readings according to pypinyin (tone-marked, or the toneless / "v" spellings
some sites use), so real parentheses such as 獨角獸(或潛在獨角獸), (PM2.5) or (市) stay.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin import Style, pinyin

from explorer.core.fixing import Step

# Letters that occur in tone-marked pinyin (plus ASCII v and a few rare syllabic nasals).
_PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_GLOSS = re.compile(
    rf"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])[(（]([{_PINYIN_LETTERS}]{{1,7}})[)）]",
    re.IGNORECASE,
)


def _toneless(syllable: str) -> str:
    """xiàn → xian, lǜ → lv (the spelling of keyboards), ü kept apart from u."""
    s = syllable.lower().replace("ü", "v")
    decomposed = unicodedata.normalize("NFD", s)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.replace("u\u0308", "v")


@lru_cache(maxsize=8192)
def readings(char: str) -> frozenset[str]:
    """Every spelling of the character's readings a gloss may use: tone-marked and toneless."""
    toned = pinyin(char, style=Style.TONE, heteronym=True, errors="ignore")
    out: set[str] = set()
    for group in toned:
        for r in group:
            r = r.lower()
            out.add(r)
            out.add(_toneless(r))
            out.add(_toneless(r).replace("v", "u"))  # "lu" for 綠 on sites without ü
    return frozenset(out)


def is_gloss(char: str, content: str) -> bool:
    c = content.lower()
    r = readings(char)
    return c in r or _toneless(c) in r


def remove_glosses(text: str, config: object = None) -> tuple[str, list[Step]]:
    steps: list[Step] = []

    def repl(m: re.Match[str]) -> str:
        ch, content = m.group(1), m.group(2)
        if is_gloss(ch, content):
            steps.append(Step("gloss", m.group(0), ch))
            return ch
        return m.group(0)

    return _GLOSS.sub(repl, text), steps

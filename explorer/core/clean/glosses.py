"""Pinyin glosses inserted after characters by some portals: 現(xiàn)代化 → 現代化.

A parenthesis right after a Han character is removed only when its content is one of that
character's readings according to pypinyin (tone-marked, or the toneless / "v" spellings
some sites use), so real parentheses such as 獨角獸(或潛在獨角獸), (PM2.5) or (市) stay.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

from explorer.core.clean.fixing import Step
from explorer.core.common_chars import COMMON
from explorer.core.table_cache import CodeMap, cached_table

# Letters that occur in tone-marked pinyin (plus ASCII v and a few rare syllabic nasals).
_PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_ONE_GLOSS = rf"[(（][{_PINYIN_LETTERS}]{{1,7}}[)）]"
# A character and every parenthesis after it: a page that glossed twice (現(xiàn)(xiàn)) must
# not leave a gloss behind for the next run to find, or cleaning would not be idempotent.
# The lookahead (a character, then a bracket) only makes re skip faster: most characters
# of a report are Han, and trying the groups at each of them cost twice as much.
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_GLOSS = re.compile(rf"(?={_HAN}[(（])({_HAN})((?:{_ONE_GLOSS})+)", re.IGNORECASE)
_CONTENT = re.compile(rf"[(（]([{_PINYIN_LETTERS}]{{1,7}})[)）]", re.IGNORECASE)


# A tone-marked syllable in brackets is a gloss wherever it stands: after a character that
# mojibake left behind (戆l(fā)展, 踩a(chǎn)) it can no longer be checked against the
# character it glossed, but no report writes tone marks of its own.
_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_TONED_GLOSS = re.compile(
    rf"[(（](?=[{_PINYIN_LETTERS}]*[{_TONE_MARKS}])([{_PINYIN_LETTERS}]{{1,7}})[)）]", re.IGNORECASE
)


def _is_han(ch: str) -> bool:
    return bool(ch) and ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


def _toneless(syllable: str) -> str:
    """xiàn → xian, lǜ → lv (the spelling of keyboards): ü is kept apart from u as v."""
    decomposed = unicodedata.normalize("NFD", syllable.lower()).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _reading_table() -> Mapping[int, str] | CodeMap:
    """pypinyin's table of each character's tone-marked readings ("xiàn,xiǎn"), read from its
    JSON file and only when a gloss is first checked. Importing pypinyin itself also loads
    its phrase dictionary and trains a word segmenter (0.5 s), which single characters do
    not need; pinyin(char, Style.TONE, heteronym=True) gives the same readings for all
    41,923 characters of the table."""
    path = pypinyin_json_path("pinyin_dict")
    if path is None:  # a layout without the file: the slow way
        from pypinyin.pinyin_dict import pinyin_dict

        return dict(pinyin_dict)
    # Later processes load the table from the cache (parsing the JSON took 0.1 s).
    return cached_table("pinyin_readings", [path], lambda: CodeMap(_read_readings(path)))


def _read_readings(path: str) -> dict[int, str]:
    with open(path, encoding="utf-8") as f:
        table: dict[str, str] = json.load(f)
    return {int(code): value for code, value in table.items()}


def pypinyin_json_path(name: str) -> str | None:
    """The path of one of pypinyin's data files (`name`.json beside its modules), found
    without importing pypinyin (its package import loads the phrase dictionary and a
    segmenter: 0.6 s); None when the installed layout has no such file."""
    spec = importlib.util.find_spec("pypinyin")  # finds the package without importing it
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = os.path.join(folder, f"{name}.json")
        if os.path.isfile(path):
            return path
    return None


@lru_cache(maxsize=8192)
def readings(char: str) -> frozenset[str]:
    """Every spelling of the character's readings a gloss may use: tone-marked and toneless."""
    if len(char) != 1:
        return frozenset()
    out: set[str] = set()
    for r in _reading_table().get(ord(char), "").split(","):
        if not r:
            continue
        r = r.lower()
        out.add(r)
        out.add(_toneless(r))
        out.add(_toneless(r).replace("v", "u"))  # "lu" for 綠 on sites without ü
    return frozenset(out)


def is_gloss(char: str, content: str) -> bool:
    c = content.lower()
    r = readings(char)
    return c in r or _toneless(c) in r


# Every match of _GLOSS and of _TONED_GLOSS holds one of this, which opens with a bracket
# (re skips to those fast): a text without one is left as it is after one search.
_GLOSS_SHAPED = re.compile(_ONE_GLOSS, re.IGNORECASE)


def _without_glosses(ch: str, brackets: str) -> tuple[str, tuple[Step, ...]]:
    """A character and the parentheses after it: what stays, and a Step per gloss gone."""
    kept: list[str] = []
    steps: list[Step] = []
    for g in _CONTENT.finditer(brackets):
        if is_gloss(ch, g.group(1)) and not kept:
            steps.append(Step("gloss", ch + g.group(0), ch))
        else:
            # After a real parenthesis, a pinyin-looking one is the report's own text.
            kept.append(g.group(0))
    return ch + "".join(kept), tuple(steps)


def remove_glosses(text: str, config: object = None) -> tuple[str, list[Step]]:
    steps: list[Step] = []
    if _GLOSS_SHAPED.search(text) is None:
        return text, steps

    # What a character and its parentheses become depends on them alone, and a long text
    # repeats the pairs (現(xiàn) each time 現 is glossed): each distinct one is read once.
    known: dict[tuple[str, str], tuple[str, tuple[Step, ...]]] = {}

    def repl(m: re.Match[str]) -> str:
        key = (m.group(1), m.group(2))
        found = known.get(key)
        if found is None:
            found = known[key] = _without_glosses(*key)
        steps.extend(found[1])
        return found[0]

    text = _GLOSS.sub(repl, text)

    def stray(m: re.Match[str]) -> str:
        before = m.string[m.start() - 1] if m.start() else ""
        if _is_han(before) and before in COMMON:
            return m.group()  # 江(hé): a common character keeps a reading of another
        steps.append(Step("gloss", m.group(), ""))
        return ""

    return _TONED_GLOSS.sub(stray, text), steps

"""The cleaning pipeline: raw report text in, clean text plus an account of every change out.

A pipeline of small fixers in the spirit of ftfy's fix_and_explain: each is a pure function
`(text, config) -> (text, steps)` and `clean()` runs them in order, sums their steps by kind
and collects the portal metadata they lift out of the text. The clean text keeps the
report's own script (Traditional stays Traditional); it is what is shown, searched and cited.

Order matters:
1. mojibake  — the garble was made after the glosses were inserted; its runs end in front
               of a gloss, and the gloss tells which character a run lost;
2. glosses   — 現(xiàn) → 現: needed before any line rule sees the words (發(fā)布機構 …);
3. spam      — link-farm lines and injected names (before chrome: they are not chrome);
4. portal    — 索引号/发布机构/… lines become metadata (and 来源/责任编辑 with a value on
               the next line), before chrome rules that would drop them unread;
5. chrome    — navigation, buttons, page times, credits, the teaser after the footer;
6. pages     — page numbers of a PDF copy ("— 12 —", a bare number at a form feed): before
               whitespace, which drops the form feeds they are recognised by;
7. whitespace — last, so that the line removals above leave no gaps behind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from explorer.core.clean.chrome import ChromeConfig, remove_chrome
from explorer.core.clean.fixing import Step
from explorer.core.clean.glosses import remove_glosses
from explorer.core.clean.mojibake import MojibakeConfig, repair_mojibake
from explorer.core.clean.mojibake_model import PairMemo
from explorer.core.clean.pages import remove_page_numbers
from explorer.core.clean.portal import extract_portal
from explorer.core.clean.spam import SpamLexicon, load_lexicon, remove_spam
from explorer.core.clean.whitespace import normalize_whitespace
from explorer.core.scripts import LineFolds

FIXERS = ("mojibake", "glosses", "spam", "portal", "chrome", "pages", "whitespace")


@dataclass(frozen=True)
class CleanConfig:
    fixers: tuple[str, ...] = FIXERS  # which fixers run (always in pipeline order)
    mojibake: MojibakeConfig = field(default_factory=MojibakeConfig)
    chrome: ChromeConfig = field(default_factory=ChromeConfig)
    spam: SpamLexicon | None = None  # None: the bundled resources/spam_words.txt


DEFAULT_CONFIG = CleanConfig()


@dataclass(frozen=True)
class Cleaned:
    text: str  # the clean text (original script, NOT converted to Simplified)
    counts: dict[str, int] = field(default_factory=dict)  # changes by kind
    portal: dict[str, str] = field(default_factory=dict)  # portal metadata fields, as found
    steps: tuple[Step, ...] = ()  # every change, in order: what the user can inspect
    # The folds of lines this cleaning made: later stages fold nearly the same lines
    # (LineFolds.text). A cache, no part of the result.
    folds: LineFolds = field(default_factory=LineFolds, compare=False, repr=False)


@dataclass
class Memo:
    """What one cleaning remembers across fixers and rounds; caches only (fixers stay pure
    functions). The LineFolds go to every fixer that reads folded lines: each line of a
    report is folded once, not once per fixer. The mojibake model of one round is corrected
    in the next by the lines that changed instead of counted again."""

    folds: LineFolds = field(default_factory=LineFolds)
    pairs: PairMemo = field(default_factory=PairMemo)


Fixer = Callable[[str, CleanConfig, Memo], tuple[str, list[Step]]]

_PIPELINE: tuple[tuple[str, Fixer], ...] = (
    ("mojibake", lambda t, c, m: repair_mojibake(t, c.mojibake, m.pairs)),
    ("glosses", lambda t, c, m: remove_glosses(t)),
    ("spam", lambda t, c, m: remove_spam(t, c.spam or load_lexicon(), m.folds)),
    ("portal", lambda t, c, m: extract_portal(t)),
    ("chrome", lambda t, c, m: remove_chrome(t, c.chrome, m.folds)),
    ("pages", lambda t, c, m: remove_page_numbers(t)),
    ("whitespace", lambda t, c, m: normalize_whitespace(t)),
)


MAX_ROUNDS = 3


def _run_pipeline(text: str, config: CleanConfig, memo: Memo) -> tuple[str, list[Step]]:
    steps: list[Step] = []
    for name, fixer in _PIPELINE:
        if name in config.fixers:
            text, fixer_steps = fixer(text, config, memo)
            steps.extend(fixer_steps)
    return text, steps


def clean(raw: str, config: CleanConfig = DEFAULT_CONFIG) -> Cleaned:
    """Clean one report's text. `raw` has "\\n" line ends (reading.py normalizes them)."""
    memo = Memo()
    text, steps = _run_pipeline(raw, config, memo)
    # Mojibake repair learns from the document, and the document it learns from is cleaner
    # the second time (no chrome, no glosses): a run left garbled may become repairable.
    # Cleaning must be idempotent, so a document with mojibake is cleaned until it is stable.
    for _ in range(MAX_ROUNDS - 1):
        if not any(s.kind.startswith("mojibake") for s in steps):
            break
        again, more = _run_pipeline(text, config, memo)
        if again == text:
            break
        # What is still unrecovered is what the last round says.
        steps = [s for s in steps if s.kind != "mojibake_unrecovered"] + more
        text = again
    counts = Counter(s.kind for s in steps)
    portal: dict[str, str] = {}
    for s in steps:
        # The first non-empty value of a field wins: a table states it before a footer does.
        if s.field and (s.field not in portal or not portal[s.field]):
            portal[s.field] = s.value
    return Cleaned(text=text, counts=dict(counts), portal=portal, steps=tuple(steps), folds=memo.folds)

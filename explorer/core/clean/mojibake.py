"""Repair GBK text that was decoded one byte out of step.

How the damage happened (worked out on seeds/000 and seeds/002; see tests/core/test_mojibake.py):
a page stored in GBK lost the *lead* byte of one character (it shows as "?"). The decoder then
paired every trail byte with the next lead byte, producing rare characters, bopomofo and box
drawing (?。ㄋ模┩苿映青l = （四）推動城鄉) until a one-byte ASCII character put it back in
step. That ASCII byte is the trail byte of the last damaged character (鄉 = E0 6C → 青 + "l").
Pairs that fell in GBK's user-defined area became private-use characters, which some pages
dropped; pairs that were not GBK at all became "?". Afterwards the page went through NFKC,
which turned the full-width punctuation the garble produced (！，；？) into ASCII. Pinyin glosses
were inserted before the garble, so a damaged run may end in front of a gloss: this fixer runs
before gloss removal.

Repair: re-encode the run as GBK (undoing NFKC), decode it one byte shifted, and fill each
character whose other half was lost from the characters sharing the known byte, using the
document's own character pairs plus pypinyin's phrase list as the language model (a report
says 確保 many times). A repair is kept only if it reads as ordinary Chinese; what cannot be
recovered stays visible and is counted "mojibake_unrecovered".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from explorer.core.clean.fixing import Step
from explorer.core.clean.mojibake_model import (
    _ANY_GLOSS,
    _TO_FULLWIDTH,
    Bigrams,
    PairMemo,
    simplified,
)
from explorer.core.common_chars import COMMON
from explorer.core.table_cache import cached_table

# Punctuation of the GBK A1/A3 rows an ordinary report uses.
_PUNCT = frozenset(
    "　、。·—～…‘’“”〔〕〈〉《》「」『』【】！＂＃％＆＇（），－．／：；＜＝＞？［］｛｜｝"
)
_FULLWIDTH_ALNUM = frozenset(chr(c) for c in range(0xFF10, 0xFF5B) if chr(c).isalnum())
_PLAUSIBLE = COMMON | _PUNCT | _FULLWIDTH_ALNUM

# Characters ordinary report text never contains: the mark of a garbled run.
_TELLTALE = re.compile(
    r"[\u0101-\u01dc\u02c7-\u02d9\u0391-\u03c9\u0401-\u0451\u2460-\u24ff\u2500-\u257f"
    r"\u25a0-\u25ff\u3041-\u30ff\u3105-\u3129\ue000-\uf8ff]"
)
_LOST = "?\ufffd"
# One-byte ASCII ends a garbled run. ASCII punctuation inside a run is full-width that NFKC
# turned into ASCII, so it belongs to the run.
_ENDS_RUN = re.compile(r"[0-9A-Za-z_\s]")
_GLOSS_TAIL = re.compile(r"([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7})\)")
# "?" then a non-ASCII character (or NFKC'd full-width punctuation and one): a run may start.
_ANCHOR = re.compile(r"[?\ufffd](?=[^\x00-\x7f]|[!-/:-@\[-`{-~][^\x00-\x7f])")
@dataclass(frozen=True)
class MojibakeConfig:
    max_run: int = 40  # longest garbled run looked at, in characters
    max_unresolved_share: float = 0.25  # beyond this a repair is not a repair
    max_passes: int = 3  # repairs feed the language model of the next pass


def is_telltale(ch: str) -> bool:
    if _TELLTALE.match(ch):
        return True
    return "\u3400" <= ch <= "\u9fff" and ch not in COMMON


def _gbk_pair(ch: str) -> bytes | None:
    """The two bytes a garbled character came from, or None when it cannot be one."""
    if ch.isascii():
        if ch.isalnum() or ch.isspace():
            return None
        ch = chr(ord(ch) + 0xFEE0)  # NFKC made ASCII of the full-width form
    try:
        b = ch.encode("gb18030")  # gb18030 also maps the private-use characters back
    except UnicodeEncodeError:
        return None
    return b if len(b) == 2 else None


@lru_cache(maxsize=65536)  # asked for every half of every reading of every run
def _decode_pair(lead: int, trail: int) -> str | None:
    try:
        ch = bytes((lead, trail)).decode("gbk")
    except UnicodeDecodeError:
        return None
    return ch if ch in _PLAUSIBLE else None


def _undecodable(lead: int, trail: int) -> bool:
    """A pair the damaged page could not show: it was dropped or replaced by "?"."""
    try:
        bytes((lead, trail)).decode("gbk")
    except UnicodeDecodeError:
        return True
    return False


@lru_cache(maxsize=512)
def _candidates_with_trail(trail: int) -> tuple[str, ...]:
    return tuple(c for lead in range(0x81, 0xFF) if (c := _decode_pair(lead, trail)))


@lru_cache(maxsize=512)
def _candidates_with_lead(lead: int) -> tuple[str, ...]:
    return tuple(c for trail in range(0x40, 0xFF) if (c := _decode_pair(lead, trail)))


@lru_cache(maxsize=1)
def _by_reading() -> dict[str, tuple[str, ...]]:
    from explorer.core.clean.glosses import readings

    index: dict[str, list[str]] = {}
    for c in COMMON:
        for r in readings(c):
            index.setdefault(r, []).append(c)
    return {r: tuple(sorted(cs)) for r, cs in index.items()}


def _open_bracket(before: str) -> bool:
    """Whether a parenthesis is open at the end of `before` (the current line)."""
    line = before[before.rfind("\n") + 1 :]
    return line.count("（") + line.count("(") > line.count("）") + line.count(")")


_CLAUSE_PUNCT = frozenset("。，、；：")


def _side(a: str, b: str, lm: Bigrams, cand: str) -> float:
    """Evidence for the pair a+b. Clause punctuation may stand between any two characters, so
    a pair of it and a Han character is never less likely than a pair the text repeats once:
    otherwise 建設常州 (設常) would out-vote the full stop of 建設。科學 every time."""
    w = lm.weight(a + b)
    other = b if a == cand else a
    if cand in _CLAUSE_PUNCT and "\u3400" <= other <= "\u9fff":
        return max(w, 1.0)
    return w


def _choose(
    cands: Iterable[str], left: str, right: str, lm: Bigrams, bracket_open: bool = False,
    min_evidence: float = 1.5,
) -> str | None:
    """The one candidate the context supports best; None when the context cannot decide.
    Inside an open parenthesis its closing half is the likeliest punctuation (（五）)."""
    scored = sorted(
        (
            (
                _side(left, c, lm, c) + _side(c, right, lm, c)
                + 1.5 * (bracket_open and c in "）)"),
                c,
            )
            for c in cands
        ),
        reverse=True,
    )
    if not scored:
        return None
    if len(scored) == 1:
        return scored[0][1]
    # A guess needs real evidence (a pair the document repeats, or two known pairs) and a
    # clear lead over the next candidate.
    if scored[0][0] >= min_evidence and scored[0][0] >= scored[1][0] + 1:
        return scored[0][1]
    return None


def _choose_joint(lead1: int, trail2: int, left: str, right: str, lm: Bigrams) -> str | None:
    """The two neighbours of a lost pair, (lead1, ?) and (?, trail2). The lost pair itself must
    have been undecodable (else the page would show it), which prunes most combinations."""
    key = (lead1, trail2, left, right)
    if key not in lm.joint_cache:
        lm.joint_cache[key] = _choose_joint_uncached(lead1, trail2, left, right, lm)
    return lm.joint_cache[key]


def _choose_joint_uncached(
    lead1: int, trail2: int, left: str, right: str, lm: Bigrams
) -> str | None:
    firsts = [c for c in _candidates_with_lead(lead1) if lm.known(left + c)]
    seconds = [c for c in _candidates_with_trail(trail2) if lm.known(c + right)]
    if not firsts and not seconds:
        return None  # nothing in the context to decide by
    firsts = firsts or list(_candidates_with_lead(lead1))
    seconds = seconds or list(_candidates_with_trail(trail2))
    lost = _undecodable_pairs()
    right_w = {c2: lm.weight(c2 + right) for c2 in seconds}
    scored: list[tuple[float, str]] = []
    for c1 in firsts:
        t1 = _gbk(c1)[-1]
        if t1 < 0x81:
            continue  # an ASCII byte would have put the decoder back in step
        w1 = lm.weight(left + c1)
        for c2 in seconds:
            if (t1 << 8 | _gbk(c2)[0]) not in lost:
                continue
            inner = lm.weight(c1 + c2)
            # Two invented characters need two of their three pairs vouched for.
            if (w1 > 0) + (inner > 0) + (right_w[c2] > 0) >= 2:
                scored.append((w1 + inner + right_w[c2], c1 + c2))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[1][0] > scored[0][0] - 1):
        return None
    return scored[0][1]


@lru_cache(maxsize=1)
def _undecodable_pairs() -> frozenset[int]:
    """Every two-byte sequence (lead 81-FE) GBK cannot show: what a page dropped or turned
    into "?" (as lead << 8 | trail). Trying all 32,256 took 0.1 s: later processes load the
    set from the table cache, keyed by Python's version (whose codec decides)."""
    return cached_table("gbk_undecodable", [], _all_undecodable_pairs)


def _all_undecodable_pairs() -> frozenset[int]:
    return frozenset(
        lead << 8 | trail
        for lead in range(0x81, 0xFF)
        for trail in range(0x100)
        if _undecodable(lead, trail)
    )


@lru_cache(maxsize=8192)
def _gbk(ch: str) -> bytes:
    return ch.encode("gbk")


@dataclass
class _Repair:
    text: str
    unresolved: int
    badness: int  # characters no neighbour vouches for, plus lost ones (twice)
    support: int  # neighbouring pairs the language model knows
    gaps: int = 0
    at_line_start: bool = False

    def rank(self) -> tuple[int, int, int]:
        # Fewest doubtful characters first, then the simplest explanation (fewest dropped
        # pairs: each invents two characters), then the best-supported reading.
        return (self.badness, self.gaps, -self.support)


_Half = tuple[int | None, int | None]  # (lead, trail) of an original character; None = lost


def _candidates(
    lead: int | None, trail: int | None, reading: str | None, lm: Bigrams
) -> Iterable[str]:
    if reading is not None:
        cands = [
            c
            for c in _by_reading().get(reading, ())
            if (lead is None or _gbk(c)[0] == lead) and (trail is None or _gbk(c)[-1] == trail)
        ]
        # 構 and 构 read alike: keep the script the document is written in.
        return [c for c in cands if lm.uses(c)] or cands
    if lead is None and trail is not None:
        return _candidates_with_trail(trail)
    if lead is not None and trail is None:
        return _candidates_with_lead(lead)
    return ()


def _rebuild(
    pairs: list[bytes | None],
    trail_after: int | None,
    left: str,
    right: str,
    lm: Bigrams,
    at_line_start: bool,
    reading: str | None,
) -> _Repair | None:
    """Rebuild the original characters from the out-of-step pairs.

    pairs[i] is the two bytes of garbled character i (None: a pair replaced by "?" or dropped).
    Original character i is (second byte of pair i-1, first byte of pair i); character 0 lost
    its lead byte, and the last one's trail byte is the ASCII byte that ended the run (None
    when the run ended otherwise). `reading` is the pinyin of a gloss right after the run.
    """
    halves: list[_Half] = []
    prev_second: int | None = None
    for i, p in enumerate(pairs):
        a, b = (p[0], p[1]) if p is not None else (None, None)
        halves.append((None if i == 0 else prev_second, a))
        prev_second = b
    halves.append((prev_second, trail_after))

    slots: list[str | _Half] = []
    for i, (lead, trail) in enumerate(halves):
        if lead is not None and trail is not None:
            ch = _decode_pair(lead, trail)
            if ch is None:
                return None
            slots.append(ch)
        elif i == 0 and trail == 0xA1 and at_line_start:
            continue  # a line-leading ideographic space (A1 A1): indentation, nothing lost
        else:
            slots.append((lead, trail))

    # Each entry of `out` is one character, or two for a lost pair; "?" marks what is not
    # (yet) resolved. Guesses wait for a second pass so that each sees its neighbours.
    out: list[str] = []
    pending: list[tuple[int, int | None, int | None, bool]] = []  # (out index, lead, trail, last)
    joints: list[tuple[int, int, int]] = []  # (out index, lead of the first, trail of the second)
    i = 0
    while i < len(slots):
        slot = slots[i]
        if isinstance(slot, str):
            out.append(slot)
            i += 1
            continue
        lead, trail = slot
        nxt = slots[i + 1] if i + 1 < len(slots) else None
        if lead is not None and trail is None and nxt is not None and not isinstance(nxt, str):
            lead2, trail2 = nxt
            if lead2 is None and trail2 is not None:
                # (lead, ?) then (?, trail2): the two sides of one lost pair.
                joints.append((len(out), lead, trail2))
                out.append("??")
                i += 2
                continue
        pending.append((len(out), lead, trail, i == len(slots) - 1))
        out.append("?")
        i += 1

    def neighbours(k: int) -> tuple[str, str]:
        left_ctx = out[k - 1][-1] if k else left
        right_ctx = out[k + 1][0] if k + 1 < len(out) else right
        return ("" if left_ctx == "?" else left_ctx), ("" if right_ctx == "?" else right_ctx)

    for _ in range(2):
        for k, lead, trail, last in pending:
            if out[k] == "?":
                left_ctx, right_ctx = neighbours(k)
                before = left + "".join(out[:k])
                by_reading = reading if last else None
                # A gloss's reading has already narrowed the candidates to a handful.
                bracket_open = _open_bracket(before)
                key = (lead, trail, by_reading, left_ctx, right_ctx, bracket_open)
                if key not in lm.choice_cache:
                    lm.choice_cache[key] = _choose(
                        _candidates(lead, trail, by_reading, lm), left_ctx, right_ctx, lm,
                        bracket_open, 1.0 if by_reading else 1.5,
                    )
                ch = lm.choice_cache[key]
                out[k] = ch or "?"
        for k, lead1, trail2 in joints:
            if out[k] == "??":
                left_ctx, right_ctx = neighbours(k)
                out[k] = _choose_joint(lead1, trail2, left_ctx, right_ctx, lm) or "??"
    unresolved = sum(piece.count("?") for piece in out)
    rebuilt = "".join(out)
    context = left + rebuilt + right
    known = [lm.known(context[k : k + 2]) for k in range(len(context) - 1)]
    # A character supported by neither neighbour is most likely a wrong re-decoding.
    lonely = sum(1 for k in range(1, len(context) - 1) if not known[k - 1] and not known[k])
    return _Repair(rebuilt, unresolved, lonely + 2 * unresolved, sum(known), 0, at_line_start)


def _variants(run: str, max_gaps: int) -> Iterator[tuple[list[bytes | None], int]]:
    """Byte readings of a run: each inner "?" is either NFKC'd "？" or a lost pair, and up to
    `max_gaps` pairs may have been dropped (private-use output some pages strip)."""
    base: list[list[bytes | None]] = []
    for ch in run:
        if ch in _LOST:
            base.append([b"\xa3\xbf", None])
        else:
            p = _gbk_pair(ch)
            if p is None:
                return
            base.append([p])
    ambiguous = sum(len(b) > 1 for b in base)
    choices = product(*base) if ambiguous <= 3 else [tuple(b[-1] for b in base)]
    for choice in choices:
        yield from _with_gaps(list(choice), max_gaps, 1)


def _with_gaps(
    seq: list[bytes | None], max_gaps: int, first: int
) -> Iterator[tuple[list[bytes | None], int]]:
    """`seq` with 0..max_gaps lost pairs inserted at positions >= first (never two adjacent:
    two neighbouring lost pairs would leave a character with nothing known)."""
    yield seq, 0
    if max_gaps == 0:
        return
    for g in range(first, len(seq) + 1):
        with_gap = seq[:g] + [None] + seq[g:]
        for variant, gaps in _with_gaps(with_gap, max_gaps - 1, g + 2):
            yield variant, gaps + 1


def _ordinary(pair: str, lm: Bigrams) -> bool:
    """A pair of ordinary text: plain characters that common phrases or the document (more
    than once) use."""
    if len(pair) != 2 or any(c not in _PLAUSIBLE for c in pair):
        return False
    if any(is_telltale(c) for c in pair):
        return False
    return simplified(pair) in lm.phrases or lm.pairs.get(pair.translate(_TO_FULLWIDTH), 0) >= 2


def _looks_garbled(run: str, lm: Bigrams) -> bool:
    """After a lost-byte "?": rare characters, or common ones in pairs nobody writes."""
    if any(is_telltale(c) for c in run):
        return True
    cjk = [c for c in run if "\u3400" <= c <= "\u9fff"]
    if len(cjk) < 2:
        return False
    pairs = [run[k : k + 2] for k in range(len(run) - 1)]
    # The document's own pairs count only when repeated: the garble vouches for itself once.
    return sum(_ordinary(p, lm) for p in pairs) * 3 < len(pairs)


def _run_end(text: str, start: int, limit: int, lm: Bigrams) -> int:
    """Where a garbled run stops: at one-byte ASCII, or where ordinary text clearly resumes
    (three ordinary pairs in a row: garble does not read like that)."""
    end = start
    while end < limit and not _ENDS_RUN.match(text[end]):
        if end > start and all(_ordinary(text[k : k + 2], lm) for k in range(end, end + 3)):
            break
        end += 1
    return end


def _repair_run(
    run: str,
    trail_after: int | None,
    left: str,
    right: str,
    lm: Bigrams,
    at_line_start: bool,
    reading: str | None,
    config: MojibakeConfig,
) -> _Repair | None:
    best: _Repair | None = None
    # Each dropped pair multiplies the readings by the run's length: allow more in short runs.
    max_gaps = 3 if len(run) <= 8 else 2 if len(run) <= 16 else 1
    for pairs, gaps in _variants(run, max_gaps):
        r = _rebuild(pairs, trail_after, left, right, lm, at_line_start, reading)
        if r is None:
            continue
        r.gaps = gaps
        if best is None or r.rank() < best.rank():
            best = r
    return best


def repair_mojibake(
    text: str, config: MojibakeConfig = MojibakeConfig(), memo: PairMemo | None = None
) -> tuple[str, list[Step]]:
    """Repair every garbled run. Repairs teach the language model (a repaired 確保“十四五”
    vouches for the next one), so passes repeat until nothing more is repaired: that makes
    the result a fixed point, and cleaning idempotent. `memo`: the model of an earlier round
    of the same cleaning (a cache, see PairMemo)."""
    steps: list[Step] = []
    memo = memo or PairMemo()
    for _ in range(config.max_passes):
        text, pass_steps = _repair_pass(text, config, memo)
        repaired = [s for s in pass_steps if s.kind != "mojibake_unrecovered"]
        steps = [s for s in steps if s.kind != "mojibake_unrecovered"] + pass_steps
        if not repaired:
            break
    return text, steps


def _repair_pass(text: str, config: MojibakeConfig, memo: PairMemo) -> tuple[str, list[Step]]:
    steps: list[Step] = []
    # The model counts every character pair of the document: built only when a run may
    # start, since most documents (and most of a large one's passes) have none.
    lm: Bigrams | None = None
    out: list[str] = []
    pos = 0
    lone = 0
    for m in _ANCHOR.finditer(text):
        start = m.start()
        if start < pos or (start and text[start - 1] in _QUESTION_PARTICLES):
            continue
        if lm is None:
            lm = memo.model = Bigrams(text, memo.model)
        end = _run_end(text, m.end(), min(len(text), m.end() + config.max_run), lm)
        run = text[m.end() : end]
        if not _looks_garbled(run, lm):
            continue
        # When the "(" of a gloss was swallowed with a lost byte, "?gòu)" still names the
        # character that stood there; otherwise an ASCII letter after the run is the trail
        # byte of its last character.
        gloss = _GLOSS_TAIL.match(text, end)
        reading = gloss.group(1) if gloss else None
        after = text[end] if end < len(text) and not gloss else ""
        trail = ord(after) if after and 0x40 <= ord(after) <= 0x7E else None
        consumed = end + (1 if trail is not None else 0)
        left = _left_neighbour(text, start)
        right_at = gloss.end() if gloss else consumed
        if (later := _ANY_GLOSS.match(text, right_at)) is not None:
            right_at = later.end()  # the right neighbour is the character after a gloss
        right = text[right_at] if right_at < len(text) else ""
        repaired = _repair_run(run, trail, left, right, lm, left == "\n", reading, config)
        failed = repaired is None or not _acceptable(repaired, config)
        if failed and not any(is_telltale(c) for c in run):
            continue  # only suspicious, not garbled: left to the lone-"?" count
        out.append(text[pos:start])
        lone += len(_LONE_LOST.findall(text, pos, start))
        if repaired is None or failed:
            original = text[start:consumed]
            out.append(original)
            steps.append(Step("mojibake_unrecovered", original, original))
        else:
            if gloss and not repaired.text.endswith("?"):
                consumed = gloss.end()  # the reading was used: the rest of the gloss goes too
            out.append(repaired.text)
            kind = "mojibake_repaired" if not repaired.unresolved else "mojibake_partly_repaired"
            steps.append(Step(kind, text[start:consumed], repaired.text))
        pos = consumed
    out.append(text[pos:])
    # A "?" standing alone beside Chinese characters is a character the page lost
    # (故里?紅色名城): nothing to decode, but it is counted so the reader is warned.
    lone += len(_LONE_LOST.findall(text, pos))
    steps.extend(Step("mojibake_unrecovered", "?", "?") for _ in range(lone))
    return "".join(out), steps


# A question mark after a question particle (嗎?) is punctuation NFKC made ASCII.
_QUESTION_PARTICLES = "吗嗎呢么麼"
# The mark first, its neighbours looked at after: a pattern that opens with a look-behind is
# tried at every character of the text.
_LONE_LOST = re.compile(
    rf"[?\ufffd](?<![{_QUESTION_PARTICLES}][?\ufffd])"
    rf"(?:(?<=[\u3400-\u9fff][?\ufffd])|(?=[\u3400-\u9fff]))"
)


_GLOSS_BEFORE = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]$")


def _left_neighbour(text: str, start: int) -> str:
    """The character before a run, looking through a gloss (設(shè)?? → 設), so that the
    decision is the same before and after glosses are removed."""
    head = text[max(0, start - 12) : start].rstrip(" \t\u3000\u2003\u00a0")
    m = _GLOSS_BEFORE.search(head)
    if m:
        head = head[: m.start()]
    return head[-1] if head else "\n"


def _acceptable(repaired: _Repair, config: MojibakeConfig) -> bool:
    """Keep a repair only when it reads as ordinary Chinese and most of it was recovered."""
    n = len(repaired.text)
    if repaired.unresolved > max(1, int(n * config.max_unresolved_share)):
        return False
    lonely = repaired.badness - 2 * repaired.unresolved
    if repaired.text[:1] in _CLOSING and repaired.at_line_start:
        return False  # "）提神…" at the head of a line: its opening half is still missing
    if lonely == 0:
        return True
    # A character no neighbour vouches for is tolerated only in a complete repair: next to
    # characters that could not be recovered it is more likely a wrong guess.
    return repaired.unresolved == 0 and lonely <= max(1, n // 5)


_CLOSING = frozenset("）)」』】〕》”")

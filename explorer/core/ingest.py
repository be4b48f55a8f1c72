"""One file in, one Report out: read, clean, describe, outline, extract targets."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from pathlib import Path

from explorer.core.clean.pipeline import clean
from explorer.core.clean.structure import repair_structure
from explorer.core.describe.metadata import extract_metadata
from explorer.core.describe.outline import build_outline
from explorer.core.model import Report
from explorer.core.read.files import read_file
from explorer.core.targets.extract import extract_targets

# PIPELINE_VERSION, which a change to what these stages make must raise, is in fingerprint.py.


def load_report(path: str | Path) -> Report:
    """Raises reading.UnreadableFile for files that are not reports."""
    decoded = read_file(path)
    cleaned = clean(decoded.text)
    # Structure repair runs after cleaning: headings are only recognisable once glosses,
    # mojibake and spam words are gone.
    text, structure_counts = repair_structure(cleaned.text)
    counts = dict(decoded.left_out)
    for kind, n in list(cleaned.counts.items()) + list(structure_counts.items()):
        counts[kind] = counts.get(kind, 0) + n
    pages = None if decoded.pages is None else carry_offsets(decoded.text, text, decoded.pages)
    meta = extract_metadata(text, cleaned.portal, str(path), decoded.title)
    sections = build_outline(text)
    # Structure repair changes few lines: most folds are cleaning's already.
    folded = cleaned.folds.text(text)
    targets = extract_targets(text, sections, year=meta.year, region=meta.region, folded=folded)
    return Report(
        path=str(path),
        title=meta.title,
        region=meta.region,
        level=meta.level,
        year=meta.year,
        doc_type=meta.doc_type,
        publisher=meta.publisher,
        date=meta.date,
        speaker=meta.speaker,
        encoding=decoded.encoding,
        raw_text=decoded.text,
        text=text,
        cleaning=counts,
        sections=sections,
        targets=targets,
        portal=dict(cleaned.portal),
        adcode=meta.adcode,
        parent=meta.parent,
        pages=pages,
    )


_ANCHOR = 16  # characters: long enough to be unique in a report, short enough to survive
_MIN_ANCHOR = 6  # at the end of the text
_SEARCH = 1000  # characters after an offset tried as anchors before estimating its place


def carry_offsets(old: str, new: str, offsets: Sequence[int]) -> list[int]:
    """Carry ascending offsets into `old` over to `new`, the same text after cleaning and
    structure repair. Those mostly add or drop whitespace and line breaks, so the texts are
    compared without whitespace: the k-th non-blank character of `old` is, after a shift,
    the k-th of `new`. Where cleaning removed or rewrote text (a gloss, a spam line), the
    text after the offset is looked up in `new` near where it should be; when the text at
    an offset was removed, the offset lands where the surviving text resumes."""
    old_at = [i for i, ch in enumerate(old) if not ch.isspace()]
    new_at = [i for i, ch in enumerate(new) if not ch.isspace()]
    old_ns = "".join(old[i] for i in old_at)
    new_ns = "".join(new[i] for i in new_at)
    carried: list[int] = []
    shift = low = 0  # new_ns index minus old_ns index at the last offset; its new_ns index
    for offset in offsets:
        k = bisect.bisect_left(old_at, offset)
        if k >= len(old_ns):
            carried.append(len(new))
            continue
        j = k + shift
        if j < low or old_ns[k : k + _ANCHOR] != new_ns[j : j + _ANCHOR]:
            j = _find_again(old_ns, new_ns, k, shift, low)
            shift = j - k
        low = j
        carried.append(new_at[j] if j < len(new_at) else len(new))
    return carried


def _find_again(old_ns: str, new_ns: str, k: int, shift: int, low: int) -> int:
    for d in range(0, _SEARCH, 4):
        anchor = old_ns[k + d : k + d + _ANCHOR]
        if len(anchor) < _MIN_ANCHOR:
            break
        at = _nearest(new_ns, anchor, low, expected=k + d + shift)
        if at >= 0:
            # Walk back to the offset: characters that match survived, the others were
            # removed (the "(xiàn)" of 現(xiàn)代化, a "返回顶部" line before the text).
            i, j = k + d, at
            while i > k and j > low:
                if old_ns[i - 1] == new_ns[j - 1]:
                    j -= 1
                i -= 1
            return j
    # Nothing near survived: estimate by proportion.
    return max(low, min(len(new_ns), round(k * len(new_ns) / max(1, len(old_ns)))))


def _nearest(text: str, anchor: str, low: int, expected: int) -> int:
    """Index of the occurrence of anchor at or after low nearest to expected, else -1."""
    best = -1
    at = text.find(anchor, low)
    while at != -1:
        if best < 0 or abs(at - expected) < abs(best - expected):
            best = at
        if at >= expected:
            break
        at = text.find(anchor, at + 1)
    return best

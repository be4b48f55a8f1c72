"""Snippets: short one-line contexts of the hits in a report, each hit marked."""

from __future__ import annotations

# A hit inside a snippet is wrapped in these (rare in Chinese report text, unlike 【】).
SNIPPET_MARKS = ("«", "»")
SNIPPET_CONTEXT = 20  # characters either side of a hit
SNIPPETS_PER_REPORT = 3


def make_snippets(text: str, spans: list[tuple[int, int]], limit: int = SNIPPETS_PER_REPORT) -> tuple[str, ...]:
    """Short one-line contexts, each hit inside wrapped in SNIPPET_MARKS."""
    if not spans:
        head = " ".join(text[: 2 * SNIPPET_CONTEXT].split())
        return (head + ("…" if len(text) > 2 * SNIPPET_CONTEXT else ""),) if head else ()
    opening, closing = SNIPPET_MARKS
    out: list[str] = []
    i = 0
    while i < len(spans) and len(out) < limit:
        lo = max(0, spans[i][0] - SNIPPET_CONTEXT)
        hi = min(len(text), spans[i][1] + SNIPPET_CONTEXT)
        parts = ["…" if lo > 0 else ""]
        pos = lo
        # Every hit that fits in the window is marked; overlapping hits merge into one mark.
        while i < len(spans) and spans[i][0] < hi:
            s, e = spans[i]
            e = min(max(e, s), hi)
            while i + 1 < len(spans) and spans[i + 1][0] < e:
                i += 1
                e = min(max(e, spans[i][1]), hi)
            parts.append(text[pos:s])
            parts.append(opening + text[s:e] + closing)
            pos = e
            i += 1
        parts.append(text[pos:hi])
        parts.append("…" if hi < len(text) else "")
        out.append(" ".join("".join(parts).split()))
    return tuple(out)

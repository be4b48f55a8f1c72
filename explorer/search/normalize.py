"""The one text form the index, the verifier and the tests all search in."""

from __future__ import annotations

from explorer.core.scripts import fold


def search_form(text: str) -> str:
    """scripts.fold(text), guaranteed to be exactly as long as `text`.

    Offsets found in the search form are used as clean-text offsets, so a length change
    would shift every span after it. fold() is meant to preserve length, but str.lower()
    lengthens a few characters (e.g. "İ" -> "i̇"); those keep their original form here.
    """
    folded = fold(text)
    if len(folded) == len(text):
        return folded
    out = []
    for ch in text:
        f = fold(ch)
        out.append(f if len(f) == 1 else ch)
    return "".join(out)

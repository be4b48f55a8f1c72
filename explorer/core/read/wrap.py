"""Joining a line broken by a page or cell width back onto the text before it."""

from __future__ import annotations


def join_text(before: str, after: str) -> str:
    """Chinese runs on without a space; two Latin words or numbers need one."""
    latin_before = bool(before) and before[-1].isascii() and before[-1].isalnum()
    latin_after = bool(after) and after[0].isascii() and after[0].isalnum()
    return before + " " + after if latin_before and latin_after else before + after

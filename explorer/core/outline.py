"""Outline (placeholder until the outline work lands)."""

from __future__ import annotations

from explorer.core.model import Section


def build_outline(text: str) -> list[Section]:
    return []

"""Targets (placeholder until the targets work lands)."""

from __future__ import annotations

from explorer.core.model import Section, Target


def extract_targets(text: str, sections: list[Section]) -> list[Target]:
    return []

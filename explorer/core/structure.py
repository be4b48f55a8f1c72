"""Line-structure repair (placeholder until the outline work lands)."""

from __future__ import annotations


def repair_structure(text: str) -> tuple[str, dict[str, int]]:
    return text, {}

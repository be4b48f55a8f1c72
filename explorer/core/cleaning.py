"""Cleaning pipeline (placeholder until the cleaning work lands)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cleaned:
    text: str
    counts: dict[str, int] = field(default_factory=dict)
    portal: dict[str, str] = field(default_factory=dict)


def clean(raw: str) -> Cleaned:
    return Cleaned(raw.strip())

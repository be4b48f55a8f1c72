"""Report metadata (placeholder until the metadata work lands)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    region: str = ""
    level: str = ""
    year: int | None = None
    doc_type: str = ""
    publisher: str = ""
    date: str | None = None
    speaker: str = ""


def extract_metadata(text: str, portal: dict[str, str], path: str, html_title: str = "") -> Metadata:
    return Metadata()

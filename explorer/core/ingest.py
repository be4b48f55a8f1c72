"""One file in, one Report out: read, clean, describe, outline, extract targets."""

from __future__ import annotations

import hashlib
from pathlib import Path

from explorer.core.clean.pipeline import clean
from explorer.core.clean.structure import repair_structure
from explorer.core.describe.metadata import extract_metadata
from explorer.core.describe.outline import build_outline
from explorer.core.model import Report
from explorer.core.read.files import read_file
from explorer.core.targets.extract import extract_targets

# Raise when cleaning, outline, metadata or target extraction changes what a report holds:
# libraries re-read every report made by another version.
PIPELINE_VERSION = 3


def pipeline_fingerprint() -> str:
    """What a stored report depends on besides its file: this code's version and the theme
    lexicon in force (themes are stored with each target)."""
    from explorer.core.targets.themes import themes_path

    try:
        lexicon = hashlib.sha1(themes_path().read_bytes()).hexdigest()[:12]
    except OSError:
        lexicon = "none"
    return f"{PIPELINE_VERSION}:{lexicon}"


def load_report(path: str | Path) -> Report:
    """Raises reading.UnreadableFile for files that are not reports."""
    decoded = read_file(path)
    cleaned = clean(decoded.text)
    # Structure repair runs after cleaning: headings are only recognisable once glosses,
    # mojibake and spam words are gone.
    text, structure_counts = repair_structure(cleaned.text)
    counts = dict(cleaned.counts)
    for kind, n in structure_counts.items():
        counts[kind] = counts.get(kind, 0) + n
    meta = extract_metadata(text, cleaned.portal, str(path), decoded.title)
    sections = build_outline(text)
    targets = extract_targets(text, sections, year=meta.year, region=meta.region)
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
    )

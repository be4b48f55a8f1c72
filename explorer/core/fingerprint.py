"""What a stored report depends on besides its file, kept apart from ingest.py so that a
library can tell which reports are current without importing the ingest stack (0.2 s of a
run that finds nothing changed, issue 13)."""

from __future__ import annotations

import hashlib

# Raise when cleaning, outline, metadata or target extraction changes what a report holds:
# libraries re-read every report made by another version.
PIPELINE_VERSION = 6  # 6: a date more than a year off the title's year yields to the title; 5: a date leading a clause stripped from indicators; 4: PDFium glyphs, Word line breaks


def pipeline_fingerprint() -> str:
    """This code's version and the theme lexicon in force (themes are stored with each
    target)."""
    from explorer.core.targets.themes import themes_path

    try:
        lexicon = hashlib.sha1(themes_path().read_bytes()).hexdigest()[:12]
    except OSError:
        lexicon = "none"
    return f"{PIPELINE_VERSION}:{lexicon}"

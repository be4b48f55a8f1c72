from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
# The shared corpus sits beside the checkout (../shared/corpus); the seeds also ship as samples.
CORPUS = ROOT.parent / "shared" / "corpus"
SAMPLES = ROOT / "explorer" / "resources" / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"


def corpus_file(name: str) -> Path:
    """A corpus file by name; the seeds fall back to the bundled samples."""
    for folder in (CORPUS / "seeds", CORPUS / "extra", SAMPLES):
        p = folder / name
        if p.exists():
            return p
    pytest.skip(f"corpus file {name} not available")


@pytest.fixture
def corpus():
    return corpus_file

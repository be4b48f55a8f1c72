"""Files shipped inside the package: sample reports, the theme lexicon, icons, translations."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent
SAMPLES = RESOURCES / "samples"


def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))

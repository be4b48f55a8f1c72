"""Reading real PDFs and Word files: stray spaces, words found, page starts, ingest time.

Usage: python benchmarks/bench_pdf.py [--runs N]
Needs ../shared/corpus/set2 (the Hong Kong policy addresses as PDF and their plain text
extraction; the mainland reports as .docx). To measure other code (the figures before a
change), run this script with PYTHONPATH set to that checkout: the script and its reference
stay the same.

Measures, on the PDFs, against the plain extraction (hk_*.txt, pages split by form feeds; the
same reference as tests/core/test_pdf_corpus.py):
- stray: runs of spaces between two CJK characters (U+3000 is punctuation itself, not one);
- words: occurrences of WORDS found in the text (what a search sees), against the reference
  with page-number lines dropped and CJK runs rejoined over lines and pages (words wrapped
  over them count once);
- page starts: pages of the reference with body text (not the cover, contents or blank
  pages) whose first 10 characters the clean text has at Report.pages[i];
and ingest time (load_report: read, clean, outline, targets) per file, CPU seconds, the
median of N runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET2 = ROOT.parent / "shared" / "corpus" / "set2"


def _reference_module():
    """The test's reference and word list, loaded by path: `explorer` (and `tests`) may come
    from another checkout on PYTHONPATH, the one being measured."""
    sys.path.append(str(ROOT))
    spec = importlib.util.spec_from_file_location(
        "pdf_reference", ROOT / "tests" / "core" / "test_pdf_corpus.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_ref = _reference_module()
NAMES, STRAY, WORDS, Reference, _flat = _ref.NAMES, _ref.STRAY, _ref.WORDS, _ref.Reference, _ref._flat


def words_found(text: str) -> int:
    return sum(text.count(w) for w in WORDS)


def page_starts(text: str, pages: list[int] | None, reference) -> tuple[int, int]:
    if pages is None:
        return 0, 0
    body = reference.body_pages()
    right = sum(
        _flat(text[pages[i] : pages[i] + 60]).startswith(_flat(page)[:10]) for i, page in body
    )
    return right, len(body)


def cpu_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    from explorer.core.ingest import load_report
    from explorer.core.read.files import read_file

    print(f"# code: {sys.modules['explorer.core.ingest'].__file__}")
    print(f"{'file':16} {'stray':>6} {'words':>11} {'stray(clean)':>12} {'words(clean)':>12} "
          f"{'pages':>7} {'ingest s':>8}")
    for name in NAMES:
        path = SET2 / "pdf" / f"{name}.pdf"
        reference = Reference(name)
        ref_words = words_found(reference.text())
        decoded = read_file(path)
        report = load_report(path)
        right, total = page_starts(report.text, getattr(report, "pages", None), reference)
        seconds = cpu_seconds(lambda p=path: load_report(p), args.runs)
        print(f"{name:16} {len(STRAY.findall(decoded.text)):6d} "
              f"{words_found(decoded.text):5d}/{ref_words:5d} "
              f"{len(STRAY.findall(report.text)):12d} {words_found(report.text):5d}/{ref_words:6d} "
              f"{right:3d}/{total:3d} {seconds:8.2f}")
    docx = sorted((SET2 / "docx").glob("*.docx"))
    times = [cpu_seconds(lambda p=p: load_report(p), args.runs) for p in docx]
    print(f"docx: {len(docx)} files, ingest CPU s median {statistics.median(times):.2f}, "
          f"max {max(times):.2f} ({docx[times.index(max(times))].name})")


if __name__ == "__main__":
    main(sys.argv[1:])

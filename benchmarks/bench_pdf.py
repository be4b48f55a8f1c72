"""Reading real PDFs and Word files: stray spaces, words found, page starts, ingest time.

Usage: python benchmarks/bench_pdf.py [--runs N]
Needs ../shared/corpus/set2 (the Hong Kong policy addresses as PDF and their plain text
extraction; the mainland reports as .docx). Run it from another checkout (PYTHONPATH=that
checkout) to measure that code: the figures before and after a change come from one script.

Measures, on the PDFs, against the plain extraction (hk_*.txt, pages split by form feeds):
- stray: runs of spaces (ASCII, NBSP, U+2000-U+200B; U+3000 is punctuation itself) between
  two CJK characters;
- words: occurrences of WORDS found in the text (what a search sees), against the reference
  without its TOC pages, with page-number lines dropped and every whitespace run between CJK characters removed
  (words wrapped over lines and pages count once);
- page starts: for each page of the reference with body text (not the cover, TOC or blank
  pages), does the clean text at Report.pages[i] start with that page's first 10 characters?
and ingest time (load_report: read, clean, outline, targets) per file, CPU seconds, the
median of N runs.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

SET2 = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "set2"
PDFS = ["hk_香港_2021", "hk_香港_2023"]
CJK = r"\u3400-\u9fff\u3000-\u303f\uff00-\uffef"
STRAY = re.compile(rf"(?<=[{CJK}])[ \u00a0\u2000-\u200b]+(?=[{CJK}])")
WORDS = [
    "香港", "政府", "發展", "房屋", "土地", "經濟", "創新", "科技", "大灣區", "青年", "教育", "醫療",
    "特區", "國家", "市民", "社會", "服務", "計劃", "人才", "文化", "旅遊", "金融", "國際",
    "北部都會區", "基建", "安全", "一國兩制", "公營房屋", "環境", "交通", "建設", "支援", "長者",
    "國際創新科技中心",
]
_PAGE_NUMBER_LINE = re.compile(r"\s*\d{1,3}\s*")


def reference_pages(name: str) -> list[str]:
    """The plain extraction's pages, page-number lines dropped, CJK runs rejoined."""
    raw = (SET2 / f"{name}.txt").read_text(encoding="utf-8")
    pages = []
    for page in raw.split("\f"):
        lines = [ln for ln in page.split("\n") if not _PAGE_NUMBER_LINE.fullmatch(ln)]
        pages.append(re.sub(rf"(?<=[{CJK}])\s+(?=[{CJK}])", "", "\n".join(lines)))
    return pages


def words_found(text: str) -> int:
    return sum(text.count(w) for w in WORDS)


def toc_page(page: str) -> bool:
    """The TOC's pages start with the label 段落 (paragraphs) or the first entry."""
    return re.sub(r"\s+", "", page).startswith(("段落", "(一)前言"))


def body_page(page: str) -> bool:
    """A page of the report's body: not blank, not the TOC, not the cover (the title alone)."""
    return len(re.sub(r"\s+", "", page)) > 60 and not toc_page(page)


def page_starts(text: str, pages: list[int] | None, reference: list[str]) -> tuple[int, int]:
    if pages is None:
        return 0, 0
    right = total = 0
    for start, page in zip(pages, reference, strict=False):
        if not body_page(page):
            continue
        total += 1
        want = re.sub(r"\s+", "", page)[:10]
        right += re.sub(r"\s+", "", text[start : start + 60]).startswith(want)
    return right, total


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
    for name in PDFS:
        path = SET2 / "pdf" / f"{name}.pdf"
        reference = reference_pages(name)
        # The TOC is chrome: its words are not the report's.
        ref_words = words_found("\n".join(p for p in reference if not toc_page(p)))
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

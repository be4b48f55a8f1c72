"""Hostile folders for the robustness tests, generated in tmp (never committed).

Each case is a file (or link, or folder) a researcher might find in a scraped folder, with
what the app must do with it: index it (`good`) or skip it naming a reason (`bad`).
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from explorer.core.read.files import decode_bytes
from tests.conftest import corpus_file


@dataclass(frozen=True)
class Case:
    name: str  # test id
    path: Path  # what the folder holds
    good: bool  # True: must be indexed; False: must be skipped with a reason
    marker: str = ""  # a word only this good file holds (searchable proof it was indexed)
    reason: str = ""  # for bad files: a word the skip reason must contain


def corpus_text(name: str) -> str:
    text, _enc = decode_bytes(corpus_file(name).read_bytes())
    return text.replace("\r\n", "\n")


def _marker(i: int) -> str:
    # Each good file carries its own marker, so a search proves that file was indexed.
    # Rare characters that occur in no real report and are the same in both scripts.
    rare = "龘靐齉爩麤灪驫龖厵籱"
    return "標記" + rare[i % len(rare)] + rare[(i // len(rare)) % len(rare)] + "號"


def _report(marker: str, base: str) -> str:
    # A real report body with the marker in a sentence of its own.
    return base[:4000] + f"\n今年要完成{marker}工程。\n" + base[4000:8000]


def build_hostile_folder(root: Path, seed: int = 6, with_good: bool = True) -> list[Case]:
    """Write every case under `root`; with_good=False writes only the files to be skipped."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    simp = corpus_text("national_2024.txt")
    trad = corpus_text("003_b38180b7f8c54865.txt")
    cases: list[Case] = []
    n = 0

    def good(name: str, rel: str, make: Callable[[str], bytes] | None = None,
             encoding: str = "utf-8", base: str = simp) -> None:
        """make(marker) -> the file's bytes; default: a report holding the marker."""
        nonlocal n
        marker = _marker(n)
        n += 1
        if not with_good:
            return
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if make is None:
            data = _report(marker, base).encode(encoding, errors="ignore")
        else:
            data = make(marker)
        p.write_bytes(data)
        cases.append(Case(name, p, True, marker=marker))

    def bad(name: str, rel: str, data: bytes, reason: str) -> None:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        cases.append(Case(name, p, False, reason=reason))

    # -- encodings that must be read -------------------------------------------------
    good("utf8", "enc/utf8.txt")
    good("utf8_bom", "enc/utf8 bom.txt", encoding="utf-8-sig")
    good("utf16_bom", "enc/utf16_bom.txt", encoding="utf-16")
    good("utf16le_no_bom", "enc/utf16le.txt", encoding="utf-16-le")
    good("utf16be_no_bom", "enc/utf16be.txt", encoding="utf-16-be")
    good("gb18030", "enc/gb18030.txt", encoding="gb18030")
    good("big5", "enc/big5.txt", encoding="big5", base=trad)
    # Mixed: a UTF-8 half and a GBK half in one file (pasted from two sources).
    good("mixed_utf8_gbk", "enc/mixed.txt", lambda m: (simp[:3000] + "\n").encode("utf-8")
         + (f"今年要完成{m}工程。\n" + simp[3000:6000]).encode("gbk", "ignore"))
    good("cr_line_ends", "enc/old mac.txt", lambda m: _report(m, simp).replace("\n", "\r").encode())

    # -- names a shell would misread -------------------------------------------------
    good("name_spaces", "names/a report with spaces.txt")
    good("name_quotes", "names/quote's \"double\".txt")
    good("name_subst", "names/$(touch pwned).txt")
    good("name_backticks", "names/`touch pwned`.txt")
    good("name_semicolon", "names/x; touch pwned; .txt")
    good("name_non_ascii", "names/报告 ü ÿ 🙂.txt")
    good("name_newline", "names/line\nbreak.txt")

    # A GBK file name, and a GBK folder name (a Windows zip unpacked on Linux): Python
    # sees surrogate escapes, which sqlite and JSON cannot store.
    (root / "names").mkdir(parents=True, exist_ok=True)
    names = os.fsencode(root / "names")
    gbk_file = os.fsdecode(names + b"/\xb1\xa8\xb8\xe6.txt")
    Path(gbk_file).write_text(simp[:3000], encoding="utf-8")
    cases.append(Case("name_gbk_bytes", Path(gbk_file), False, reason="not valid UTF-8"))
    gbk_dir = os.fsdecode(names + b"/\xb1\xa8")
    os.mkdir(gbk_dir)
    Path(gbk_dir, "inside.txt").write_text(simp[:3000], encoding="utf-8")
    cases.append(Case("folder_gbk_bytes", Path(gbk_dir, "inside.txt"), False, reason="not valid UTF-8"))

    # -- HTML: deep, malformed, scripts, styles, remote resources -----------------------
    def hostile_html(m: str) -> bytes:
        body = _report(m, simp).replace("\n", "</p>\n<p>")
        return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>某市政府工作报告</title>"
        "<link rel=stylesheet href='http://127.0.0.1:9/x.css'>"
        "<script src='http://127.0.0.1:9/x.js'></script>"
        "<style>p{background:url(http://127.0.0.1:9/bg.png)} 脚本样式不应出现</style>"
        "<script>document.write('脚本内容不应出现'); fetch('http://127.0.0.1:9/');</script>"
        "</head><body>" + "<div><span>" * 3000 + "<img src='http://127.0.0.1:9/a.png'>"
        "<iframe src='http://127.0.0.1:9/'></iframe><p>" + body + "</p><b><i></b></i><table><tr><td>"
        + "</span></div>" * 1000 + "<!-- unterminated comment"
        ).encode("utf-8")

    good("html_hostile", "html/page.html", hostile_html)
    good("html_gbk_declared", "html/gbk.htm", lambda m: (
        "<html><head><meta charset=gb2312></head><body><p>"
        + _report(m, simp).replace("\n", "<br>") + "</body></html>").encode("gbk", "ignore"))

    # -- long lines: a whole report with every line break lost, 5 MB ---------------------
    good("single_line_5mb", "long/one line.txt", lambda m: single_line(simp, m, 5 * 1024 * 1024))

    # -- files that are not reports ----------------------------------------------------
    bad("zero_bytes", "bad/empty.txt", b"", "empty")
    bad("whitespace_only", "bad/blank.txt", b"\r\n \t\n\xef\xbb\xbf", "empty")
    bad("binary_png_as_txt", "bad/image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4000)), "binary")
    bad("binary_elf_as_txt", "bad/program.txt", b"\x7fELF\x02\x01\x01" + bytes(9) + bytes(rng.randrange(256) for _ in range(8000)), "binary")
    bad("random_bytes", "bad/random.txt", bytes(rng.randrange(256) for _ in range(20000)), "")
    bad("random_high_bytes", "bad/random_high.txt", bytes(rng.randrange(128, 256) for _ in range(20000)), "")
    bad("fake_pdf", "bad/fake.pdf", b"not a pdf at all " * 10, "PDF")
    bad("fake_docx", "bad/fake.docx", b"PK\x03\x04 broken zip" + bytes(100), "Word")
    bad("html_no_text", "bad/empty.html", b"<html><script>var a='\xe6\x96\x87';</script><style>p{}</style></html>", "no visible text")

    # A named pipe called .txt: reading it would block forever.
    fifo = root / "bad" / "pipe.txt"
    os.mkfifo(fifo)
    cases.append(Case("fifo_named_txt", fifo, False, reason="not a regular file"))

    # -- links -------------------------------------------------------------------------
    loop = root / "links" / "loop"
    loop.mkdir(parents=True)
    os.symlink("..", loop / "up")  # directory loop: links/loop/up -> links
    os.symlink(".", loop / "self")  # directory loop onto itself
    self_link = root / "links" / "self.txt"
    os.symlink("self.txt", self_link)  # a file link pointing at itself: ELOOP, even for root
    cases.append(Case("symlink_self_loop", self_link, False, reason="cannot be read"))
    dangling = root / "links" / "dangling.txt"
    os.symlink("nowhere/none.txt", dangling)
    cases.append(Case("symlink_dangling", dangling, False, reason="cannot be read"))
    good("through_dir_loop", "links/loop/inside.txt")
    return cases


def single_line(text: str, marker: str, size: int) -> bytes:
    """About `size` bytes of report text with every line break lost, the marker inside."""
    flat = text.replace("\n", "")
    big = flat * (size // len(flat.encode("utf-8")) + 1)
    third = len(big) // 3  # characters (3 bytes each): the marker lands in the middle
    data = (big[:third] + f"今年要完成{marker}工程。" + big[third:]).encode("utf-8")
    return data[:size].decode("utf-8", "ignore").encode("utf-8")


def many_lines(text: str, marker: str, size: int) -> bytes:
    """About `size` bytes made of whole copies of a report, the marker in the opening line
    (text after a report's footer is the page's teaser: cleaning drops it)."""
    chunk = (text + "\n").encode("utf-8")
    return f"今年要完成{marker}工程。\n".encode() + chunk * (size // len(chunk))

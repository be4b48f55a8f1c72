"""Bytes to text: encoding detection and file formats.

A file is refused with `UnreadableFile` (a reason a person can read), never a traceback.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
DOCUMENT_SUFFIXES = {".docx", ".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | DOCUMENT_SUFFIXES

MB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """How much work one file may cost. A crafted file (a zip bomb posing as .docx, a PDF of
    a million pages) is refused with a reason before it can exhaust memory or time; real
    reports stay far below every limit (ten times and more). A crafted file just within them
    costs tens of seconds and some hundreds of MB on a 2-core machine, not minutes and GB."""

    max_file_bytes: int = 200 * MB  # beyond this a "report" is not a report
    max_docx_expanded_bytes: int = 256 * MB  # every member of the .docx zip, unpacked
    # Its XML parts, unpacked: set2's largest holds 0.25 MB; 60 MB of paragraphs took 39 s
    # and 730 MB to parse.
    max_docx_xml_bytes: int = 16 * MB
    max_pdf_pages: int = 2000
    max_pdf_chars: int = 1_000_000  # in a PDF's text layer (set2: 66,000; ~40 µs each)
    # A PDF's page descriptions, inflated: set2's 108 pages hold 3.5 MB; PDFium needs about
    # 15 bytes of memory and 0.3 s per MB of them (100 MB: 29 s, 1.5 GB).
    max_pdf_stream_bytes: int = 32 * MB


DEFAULT_LIMITS = ReadLimits()
MAX_BYTES = DEFAULT_LIMITS.max_file_bytes


class UnreadableFile(Exception):
    """The file cannot be read as a report; str(exc) says why, in plain words."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # codec name as Python knows it, or "mixed"
    title: str = ""  # <title> of an HTML page, else ""
    pages: tuple[int, ...] | None = None  # offset in `text` of each page start (PDF), else None
    # What the reader left out of `text`, by kind (a PDF's running heads, page numbers and
    # contents): counted with the cleaning, as every change to a report is.
    left_out: tuple[tuple[str, int], ...] = ()


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters that never occur in real text (tab, LF, CR, FF excluded).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) > max(2, len(sample) // 200)


def _is_cjk_punctuation(ch: str) -> bool:
    """CJK symbols and punctuation, and the full-width forms block."""
    return "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has NULs on one side of most ASCII code units and,
    for CJK, decodes to mostly CJK characters: try both byte orders and keep a plausible one."""
    if len(data) < 4 or len(data) % 2:
        return None
    best: tuple[float, str] | None = None  # (score, text)
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            continue
        sample = text[:5000]
        plausible = (
            sum(1 for ch in sample if ch.isascii() and (ch.isprintable() or ch in "\r\n\t"))
            + len(_CJK.findall(sample))
            + sum(1 for ch in sample if _is_cjk_punctuation(ch))
        )
        score = plausible / max(1, len(sample))
        if score > 0.9 and (best is None or score > best[0]):
            best = (score, text)
    return best[1] if best else None


def _cjk_score(text: str) -> float:
    """How much of a decoding looks like ordinary Chinese: share of the 3,500 most
    common characters' block plus CJK punctuation. Used to choose GB vs Big5."""
    from explorer.core.common_chars import COMMON

    sample = text[:20000]
    if not sample:
        return 0.0
    good = sum(
        1
        for ch in sample
        if ch in COMMON or ch.isascii() or _is_cjk_punctuation(ch)
    )
    return good / len(sample)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises UnreadableFile for binary or undecodable data."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise UnreadableFile("the file is empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise UnreadableFile(
                    f"it starts with a {enc} byte-order mark but is not valid {enc}"
                ) from exc
            return text, enc
    if b"\x00" in data[:4096]:
        text16 = _utf16_without_bom(data)
        if text16 is not None:
            return text16, "utf-16"
        raise UnreadableFile("it is a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise UnreadableFile("it is a binary file, not text")
        return text, "utf-8"
    # Legacy Chinese encodings. GB18030 is a superset of GBK/GB2312; Big5 is Taiwan/HK.
    candidates: list[tuple[float, str, str]] = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _looks_binary(text):
            candidates.append((_cjk_score(text), enc, text))
    if candidates:
        score, enc, text = max(candidates)
        if score > 0.5:
            return text, enc
    # Nothing decodes as a whole: ask charset-normalizer, then fall back to per-line.
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = ""
        if text and not _looks_binary(text) and _cjk_score(text) > 0.8:
            return text, best.encoding
    text = _decode_mixed(data)
    if _looks_binary(text) or _cjk_score(text) < 0.6:
        raise UnreadableFile("its bytes are not text in any supported encoding (binary file?)")
    return text, "mixed"


def _decode_mixed(data: bytes) -> str:
    """Files pasted together from several sources: decode each line on its own."""
    out = []
    for line in data.splitlines(keepends=True):
        for enc in ("utf-8", "gb18030", "big5"):
            try:
                out.append(line.decode(enc))
                break
            except UnicodeDecodeError:
                continue
        else:
            out.append(line.decode("gb18030", errors="replace"))
    return "".join(out)


def normalize_newlines(text: str) -> str:
    return (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n")
    )


class _HTMLText(HTMLParser):
    """Visible text of a page. Nothing is fetched: images, scripts and links are ignored."""

    SKIP = {
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "header",
        "footer",
        "iframe",
        "svg",
        "object",
        "embed",
        "head",
        "select",
        "button",
        "form",
        "aside",
    }
    BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "table",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "hr",
        "td",
        "th",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip_depth = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self._skip_depth += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in ("br", "hr"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip_depth:
            self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        lines = [" ".join(line.split()) for line in joined.split("\n")]
        out: list[str] = []
        for line in lines:
            if line or (out and out[-1]):
                out.append(line)
        return "\n".join(out).strip()


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def html_to_text(data: bytes) -> Decoded:
    declared = _META_CHARSET.search(data[:4096])
    text = enc = None
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        if name in ("gb2312", "gbk"):
            name = "gb18030"
        try:
            text, enc = data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            text = None
    if text is None:
        text, enc = decode_bytes(data)
    parser = _HTMLText()
    try:
        parser.feed(text)
        parser.close()
    except Exception as exc:  # html.parser is lenient; anything else is a malformed page
        raise UnreadableFile(f"the HTML could not be parsed ({exc})") from exc
    body = parser.text()
    if not body.strip():
        raise UnreadableFile("the page has no visible text")
    return Decoded(body, enc or "utf-8", " ".join(parser.title.split()))


def read_file(path: str | Path, limits: ReadLimits = DEFAULT_LIMITS) -> Decoded:
    """Read a report file into text with normalized line ends."""
    p = Path(path)
    try:
        if not p.is_file():
            raise UnreadableFile(
                "it is not a regular file" if p.exists() else "the file does not exist"
            )
        size = p.stat().st_size
        if size > limits.max_file_bytes:
            raise UnreadableFile(f"it is too large ({size // MB} MB) to be a report")
        data = p.read_bytes()
    except PermissionError as exc:
        raise UnreadableFile("permission denied") from exc
    except OSError as exc:
        raise UnreadableFile(f"it cannot be read ({exc.strerror or exc})") from exc
    suffix = p.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        return _read_document(suffix, data, limits)
    if suffix in HTML_SUFFIXES or (
        suffix not in TEXT_SUFFIXES
        and data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html"))
    ):
        d = html_to_text(data)
        return Decoded(normalize_newlines(d.text), d.encoding, d.title)
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFile(
            f"the format {suffix} is not supported (supported: .txt, .html, .docx, .pdf)"
        )
    text, enc = decode_bytes(data)
    return Decoded(normalize_newlines(text).lstrip("\ufeff"), enc)


def _read_document(suffix: str, data: bytes, limits: ReadLimits) -> Decoded:
    """Word and PDF files: their own libraries read them; any failure becomes a reason."""
    if suffix == ".pdf" and not data.lstrip()[:5] == b"%PDF-":
        raise UnreadableFile("it is named .pdf but is not a PDF file")
    if suffix == ".docx" and not data.startswith(b"PK"):
        raise UnreadableFile("it is named .docx but is not a Word document")
    pages: tuple[int, ...] | None = None
    left_out: tuple[tuple[str, int], ...] = ()
    try:
        if suffix == ".pdf":
            from explorer.core.read.pdf import pdf_document

            pdf = pdf_document(
                data,
                max_pages=limits.max_pdf_pages,
                max_chars=limits.max_pdf_chars,
                max_stream_bytes=limits.max_pdf_stream_bytes,
            )
            text, title, pages = pdf.text, pdf.title, pdf.pages
            left_out = tuple(pdf.left_out.items())
        else:
            from explorer.core.read.docx import docx_text

            text, title = docx_text(
                data,
                max_expanded_bytes=limits.max_docx_expanded_bytes,
                max_xml_bytes=limits.max_docx_xml_bytes,
            )
    except ValueError as exc:
        raise UnreadableFile(str(exc)) from exc
    except MemoryError as exc:
        raise UnreadableFile(f"the {suffix[1:]} file is too large to read") from exc
    except Exception as exc:  # third-party parsers raise anything on hostile files
        raise UnreadableFile(
            f"the {suffix[1:]} file could not be read ({type(exc).__name__})"
        ) from exc
    if not text.strip():
        raise UnreadableFile(f"the {suffix[1:]} file contains no text")
    # The readers write "\n" only, so normalizing line ends keeps the page offsets right.
    return Decoded(normalize_newlines(text), suffix[1:], title, pages, left_out)

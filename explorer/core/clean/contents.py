"""A report's own table of contents (目錄): recognised, parsed, and found again in the body.

A contents page lists the headings with where they are: a page number after dot leaders
("壹、前言……1", Taiwan city reports), or the paragraphs a heading covers on a line of its
own ("北部都會區" / "21 – 31", Hong Kong policy addresses, whose paragraphs are numbered).
Its entries are the report's own statement of its structure, so:

- structure repair joins a body heading that a page broke over two lines ("(三) 新氣象" /
  "新未來") and never glues two headings the contents lists apart;
- the outline takes headings (and, from paragraph ranges, their nesting: an entry whose range
  holds the next ones is their parent) from the contents, and never lists the contents
  page itself as sections.

An entry's title may span lines (a long title, a number on a line of its own); running
heads repeated on every contents page ("目錄", the column head "段落") are not entries.
Entries are matched in the body by their letters and digits only, so width, spacing and
punctuation variants ("附件︰" / "附件：") do not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explorer.core.clean.headings import match_marker
from explorer.core.scripts import fold

# A locator on a line of its own: "7", "21 – 31" (paragraphs or pages).
_LOCATOR = re.compile(r"(\d{1,4})(?:\s*[–—\-~～至]\s*(\d{1,4}))?")
# "壹、前言……………1", "第一章 總則 .......... 12": title, leaders, page.
_LEADERED = re.compile(r"(.+?)\s*(?:[.．·…‧・⋯]{3,}|\u2026+|\s{3,})\s*(\d{1,4})")
_CONTENTS_HEADING = {"目录", "目次", "目录页", "contents", "tableofcontents"}
_COLUMN_HEADS = {"段落", "页", "页次", "页码", "页数", "page", "pages", "paragraph", "paragraphs"}
_SENTENCE_END = re.compile(r"[。！？；!?;]")
_LEADERS = re.compile(r"(?:[.．·…‧・⋯]{3,}|\u2026+)\s*\d{1,4}$")
_NOT_ALNUM = re.compile(r"[\W_]+")
_MAX_LEADER_CHARS = 60  # dot leaders and the page number after a title
_SALUTATION = re.compile(r"(?:各位代表|各位委员|各位主任|各位议员|立法会主席|议长)")


@dataclass(frozen=True)
class ContentsConfig:
    min_entries: int = 5
    max_title_lines: int = 3  # lines one entry's title may span
    max_title_chars: int = 60


DEFAULT_CONTENTS = ContentsConfig()


@dataclass(frozen=True)
class Entry:
    title: str  # as the contents gives it, its lines joined
    key: str  # letters and digits, folded: what is matched in the body
    first: int | None  # the paragraphs or pages it covers; None if none is given
    last: int | None
    level: int  # nesting from paragraph ranges (1 = outermost); 1 when ranges say nothing


@dataclass(frozen=True)
class Contents:
    start: int  # first line of the contents block (index into the lines given)
    end: int  # just past its last line
    entries: tuple[Entry, ...]
    ranged: bool  # locators are paragraph ranges, so `level` is meaningful


@dataclass(frozen=True)
class Located:
    entry: Entry
    line: int  # the body line the heading starts on
    span: int  # how many lines it takes there (2 when a page broke it)


def heading_key(text: str) -> str:
    return _alnum(fold(text))


def _alnum(folded: str) -> str:
    return _NOT_ALNUM.sub("", folded)


def _keys(lines: list[str], max_chars: int) -> list[str]:
    """heading_key of every line up to `max_chars` long ("" for longer ones), folding the
    text once: fold keeps every character's place, so its lines are the lines' folds."""
    folded = fold("\n".join(lines)).split("\n")
    return [_alnum(f) if len(f) <= max_chars else "" for f in folded]


def _ends_in_digit(line: str) -> bool:
    """Whether a line may hold a place: both locator patterns end in a digit. Tried first,
    it spares nearly every line of a long text the two regex searches."""
    return line[-1:].isdigit() or line.rstrip()[-1:].isdigit()


def _is_running_head(key: str) -> bool:
    return key in _CONTENTS_HEADING or key in _COLUMN_HEADS


def _is_title_piece(line: str, config: ContentsConfig) -> bool:
    return 0 < len(line) <= config.max_title_chars and not _SENTENCE_END.search(line)


def find_contents(lines: list[str], config: ContentsConfig = DEFAULT_CONTENTS) -> Contents | None:
    """The table of contents among `lines` (stripped, blank ones allowed), or None."""
    # Contents need entries with a place: without enough locator or leader lines, no fold.
    places = sum(
        1
        for line in lines
        if _ends_in_digit(line) and (_LOCATOR.fullmatch(line.strip()) or _LEADERS.search(line))
    )
    if places < config.min_entries:
        return None
    keys = _keys(lines, config.max_title_chars)
    best: Contents | None = None
    i = 0
    while i < len(lines):
        block, stop = _read_block(lines, keys, i, config)
        if block is not None and len(block.entries) >= config.min_entries:
            if best is None or len(block.entries) > len(best.entries):
                best = block
            i = block.end
        else:
            # No block starts before `stop` either: the same lines would end it there.
            i = max(i + 1, stop)
    return best


def _read_block(
    lines: list[str], keys: list[str], i: int, config: ContentsConfig
) -> tuple[Contents | None, int]:
    """Entries read from line i on, as long as lines keep looking like contents; and the
    line where reading stopped."""
    raw: list[tuple[str, int | None, int | None]] = []
    pending: list[tuple[int, str]] = []  # title lines waiting for their locator
    j = i
    while j < len(lines):
        line = lines[j].strip()
        if not line or _is_running_head(keys[j]):
            j += 1
            continue
        locator = _LOCATOR.fullmatch(line)
        leadered = (
            _LEADERED.fullmatch(line)
            if not locator and len(line) <= config.max_title_chars + _MAX_LEADER_CHARS
            else None
        )
        if locator and pending:
            first = int(locator.group(1))
            raw.append((_title([p for _, p in pending]), first, int(locator.group(2) or first)))
            pending = []
        elif leadered and _is_title_piece(leadered.group(1), config):
            # Lines before it are the start of its title, or (before the first entry) cover.
            pieces = [p for _, p in pending] if raw else []
            page = int(leadered.group(2))
            raw.append((_title([*pieces, leadered.group(1).strip()]), page, page))
            pending = []
        elif not locator and _is_title_piece(line, config):
            pending.append((j, line))
            if len(pending) > config.max_title_lines:
                if raw:
                    break  # no locator comes: the contents are over
                pending.pop(0)  # cover lines before the first entry
        else:
            break
        j += 1
    if not raw:
        return None, j
    start = next(k for k in range(i, j) if lines[k].strip() and not _is_running_head(keys[k]))
    end = pending[0][0] if pending else j
    # Titles after the last locator are entries the contents gives no place for (an annex),
    # if the body begins right after them (the salutation, or the first entry said again).
    first_key = heading_key(raw[0][0])
    for k, (index, line) in enumerate(pending):
        if _SALUTATION.match(fold(line)) or keys[index] == first_key:
            raw.extend((title, None, None) for _, title in pending[:k])
            end = index
            break
    entries = _levels(raw)
    return Contents(start, end, tuple(entries), any(e.first != e.last for e in entries)), j


def _title(pieces: list[str]) -> str:
    """An entry's title from the lines before its locator: a numbered line starts it (the
    cover lines before the first entry are not part of it)."""
    for k in range(len(pieces) - 1, -1, -1):
        if match_marker(pieces[k]) is not None:
            pieces = pieces[k:]
            break
    else:
        if len(pieces) > 2:
            pieces = pieces[-2:]
    return " ".join(pieces)


def _levels(raw: list[tuple[str, int | None, int | None]]) -> list[Entry]:
    """Nesting from ranges: an entry lies under the nearest earlier entry whose range holds
    its own (and is larger)."""
    entries: list[Entry] = []
    stack: list[tuple[int, int]] = []
    for title, first, last in raw:
        if first is None or last is None:
            stack = []
            entries.append(Entry(title, heading_key(title), None, None, 1))
            continue
        while stack and not (
            stack[-1][0] <= first and last <= stack[-1][1] and stack[-1] != (first, last)
        ):
            stack.pop()
        entries.append(Entry(title, heading_key(title), first, last, len(stack) + 1))
        stack.append((first, last))
    return entries


def locate(contents: Contents, lines: list[str], max_span: int = 3) -> list[Located]:
    """Each entry's heading in the body (after the contents), in order; entries not found
    are left out. A heading may be broken over up to `max_span` lines."""
    found: list[Located] = []
    pos = contents.end
    keys = _keys(lines, max(len(e.title) for e in contents.entries) + 8)
    for entry in contents.entries:
        if not entry.key:
            continue
        hit = _find(entry.key, keys, pos, max_span)
        if hit is not None:
            found.append(Located(entry, *hit))
            pos = hit[0] + hit[1]
    return found


def _find(key: str, keys: list[str], pos: int, max_span: int) -> tuple[int, int] | None:
    for i in range(pos, len(keys)):
        if not keys[i] or not key.startswith(keys[i]):
            continue
        joined = keys[i]
        for span in range(1, max_span + 1):
            if joined == key:
                return i, span
            if i + span >= len(keys) or not key.startswith(joined + keys[i + span]):
                break
            joined += keys[i + span]
    return None

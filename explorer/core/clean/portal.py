"""Portal metadata tables: 索引号, 发布机构, 生成日期 … are metadata, not body text.

Government portals print a table of record fields above (and a 来源 / 责任编辑 line below)
the document. Scraped, it arrives as "key:value |" lines (发布机构:常州市人民政府 |) or as a
pipe table (信息索引號 | 014006438/2021-00798 | 生成日期 | 2021-02-18 |). Such lines become
`Step`s carrying (field, value); field names are normalized to Simplified without spaces.
A line is taken only when every cell of it is a known field or the value of one, so a real
table in a report body is never mistaken for portal chrome.
"""

from __future__ import annotations

import re

from explorer.core.clean.fixing import Step
from explorer.core.scripts import to_simplified

# Field names portals use (Simplified, no spaces) → the name the project stores.
FIELD_NAMES: dict[str, str] = {
    name: name
    for name in (
        "索引号",
        "信息名称",
        "名称",
        "标题",
        "发布机构",
        "发文机关",
        "发文机构",
        "发布单位",
        "生成日期",
        "成文日期",
        "发文日期",
        "公开日期",
        "发布日期",
        "发布时间",
        "印发日期",
        "废止日期",
        "有效性",
        "效力状况",
        "时效",
        "内容概述",
        "摘要",
        "主题分类",
        "主题词",
        "关键词",
        "法定主动公开分类",
        "公开方式",
        "公开范围",
        "公开形式",
        "公开时限",
        "文件编号",
        "文号",
        "发文字号",
        "来源",
        "责任编辑",
        "编辑",
        "作者",
        "附件下载",
        "体裁分类",
        "组配分类",
        "所属机构",
        "浏览次数",
        "点击数",
        "访问量",
    )
}
FIELD_NAMES.update({"信息索引号": "索引号", "信息来源": "来源", "文章来源": "来源"})

# Fields whose value a page may put on the next line (来源: / 四川日报).
_VALUE_ON_NEXT_LINE = frozenset({"来源", "责任编辑", "编辑", "作者"})
_EMPTY_VALUES = frozenset({"", "—", "——", "— —", "-", "--", "无", "無", "暂无", "暫無"})
_SPACES = re.compile(r"[\s\u3000]+")
_RULE = re.compile(r"^[\s|｜\-—_=]*\|[\s|｜\-—_=]*$")  # "|", "|----": what is left of a table frame
_SENTENCE = re.compile(r"[。；！？]")
MAX_FIELD_LINE = 120
_SPACED_BAR = re.compile(r"\s[|｜]\s")
_FIELD = re.compile(r"^([^:：|｜]{1,20})[:：](.*)$")


def field_name(key: str) -> str | None:
    """索 引 號 → 索引号; None when it is not a portal field."""
    k = to_simplified(_SPACES.sub("", key)).rstrip(":：")
    if not k or len(k) > 12:
        return None
    return FIELD_NAMES.get(k)


def _value(raw: str) -> str:
    v = raw.strip().strip("|｜").strip()
    v = _SPACES.sub(" ", v)
    return "" if v in _EMPTY_VALUES else v


_SENTENCE_FIELDS = {"内容概述", "摘要"}


def parse_field_line(line: str, in_header: bool = False) -> list[tuple[str, str]] | None:
    """The (field, value) pairs of one portal line, or None when it is not one.

    Below the header a line with a sentence in it is report text even if it starts like a
    field (来源:国家统计局数据显示,…。); in the header table a 内容概述 may be a sentence."""
    s = line.strip()
    if not s or len(s) > (MAX_FIELD_LINE * 3 if in_header else MAX_FIELD_LINE):
        return None
    sentence = bool(_SENTENCE.search(s))
    if sentence and not in_header:
        return None
    if s.count("|") + s.count("｜") >= 2 or _SPACED_BAR.search(s):
        fields = _parse_pipe_row(s)
    else:
        m = _FIELD.match(s)
        name = field_name(m.group(1)) if m else None
        fields = [(name, _value(m.group(2)))] if m and name else None
    # Only a summary field holds a sentence. Were any field allowed one, a body line that
    # starts like "信息名称:" would be taken or kept depending on whether a chrome line
    # still stood above it, and cleaning would not be idempotent (tests/robustness).
    if fields and sentence and not any(name in _SENTENCE_FIELDS for name, _v in fields):
        return None
    return fields


def _parse_pipe_row(s: str) -> list[tuple[str, str]] | None:
    cells = [c.strip() for c in re.split(r"[|｜]", s)]
    cells = [c for c in cells if c]
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(cells):
        cell = cells[i]
        inline = re.match(r"^([^:：]{1,20})[:：](.*)$", cell)
        if inline and field_name(inline.group(1)):  # "发布机构:常州市人民政府 |" cell
            out.append((field_name(inline.group(1)) or "", _value(inline.group(2))))
            i += 1
            continue
        name = field_name(cell)
        if name is None:
            return None  # a cell that is neither a field nor its value: a real table
        value = ""
        if i + 1 < len(cells) and field_name(cells[i + 1]) is None:
            value = _value(cells[i + 1])
            i += 1
        out.append((name, value))
        i += 1
    return out or None


def extract_portal(text: str, config: object = None) -> tuple[str, list[Step]]:
    """Lift portal field lines (anywhere: header table, 来源 footer) and table frames out."""
    lines = text.split("\n")
    steps: list[Step] = []
    keep: list[str] = []
    # The header is what comes before the first line of report text (kept, not blank).
    in_header = True
    # Lines below the header that are neither a frame nor a field line: each distinct
    # line is read once (what a line is there depends on the line alone).
    body: set[str] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not in_header and line in body:
            keep.append(line)
            i += 1
            continue
        if "|" in line and _RULE.match(line):  # a frame holds a "|"; most lines do not
            steps.append(Step("chrome_line", line))
            i += 1
            continue
        fields = parse_field_line(line, in_header)
        if fields is None:
            keep.append(line)
            if in_header and line.strip():
                in_header = False
            elif not in_header:
                body.add(line)
            i += 1
            continue
        consumed = 1
        if len(fields) == 1 and fields[0][1] == "" and fields[0][0] in _VALUE_ON_NEXT_LINE:
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and _looks_like_name(lines[j]):
                fields = [(fields[0][0], lines[j].strip())]
                consumed = j - i + 1
        removed = "\n".join(lines[i : i + consumed])
        for k, (name, value) in enumerate(fields):
            # The removed line is told once, with the first of its fields.
            steps.append(Step("portal_field", removed if k == 0 else "", "", name, value))
        i += consumed
    return "\n".join(keep), steps


def _looks_like_name(line: str) -> bool:
    """A value alone on its line: a newspaper or a person, short and without punctuation."""
    s = line.strip()
    return (
        0 < len(s) <= 16 and not re.search(r"[，。、；：:,;|（）()]", s) and field_name(s) is None
    )


def portal_fields(steps: list[Step]) -> dict[str, str]:
    """Fields as found; the first non-empty value of a field wins."""
    out: dict[str, str] = {}
    for s in steps:
        if s.kind == "portal_field" and s.field and (s.field not in out or not out[s.field]):
            out[s.field] = s.value
    return out

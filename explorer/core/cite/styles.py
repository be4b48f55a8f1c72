"""Citations for passages of a report: plain Chinese, GB/T 7714-2015 and Markdown.

Pure functions, no Qt: the desktop app's "Copy with citation" and `report-explorer cite`
both call `cite()`. Each style renders the same `CitationParts`, as plain text (for
text/plain) and as HTML (for text/html on the clipboard, so a word processor keeps the
quotation as a block with its source line).
"""

from __future__ import annotations

import html
from bisect import bisect_right
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from explorer.core.model import Report, Target, section_path
from explorer.core.scripts import convert_for_display

STYLES = ("plain", "gbt7714", "markdown")

# GB/T 7714-2015 wants a place of publication (出版地). For a city or a district it is the
# city; for a province it is the provincial capital, which cannot be read off the name,
# hence this table of the 31 mainland provincial-level units' seats.
_PROVINCIAL_SEATS = {
    "北京": "北京", "天津": "天津", "上海": "上海", "重庆": "重庆",
    "河北": "石家庄", "山西": "太原", "辽宁": "沈阳", "吉林": "长春", "黑龙江": "哈尔滨",
    "江苏": "南京", "浙江": "杭州", "安徽": "合肥", "福建": "福州", "江西": "南昌",
    "山东": "济南", "河南": "郑州", "湖北": "武汉", "湖南": "长沙", "广东": "广州",
    "海南": "海口", "四川": "成都", "贵州": "贵阳", "云南": "昆明", "陕西": "西安",
    "甘肃": "兰州", "青海": "西宁", "台湾": "台北", "内蒙古": "呼和浩特",
    "广西": "南宁", "西藏": "拉萨", "宁夏": "银川", "新疆": "乌鲁木齐",
    "香港": "香港", "澳门": "澳门",
}
_PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
_NATIONAL = ("全国", "中国", "中华人民共和国", "国务院")
PLACE_UNKNOWN = "[出版地不详]"
YEAR_UNKNOWN = "[出版年不详]"
SECTION_SEPARATOR = " › "


@dataclass(frozen=True)
class CitationParts:
    """What every style needs, already in the display script."""

    passage: str
    author: str  # 主要责任者: the publishing government or office
    title: str
    region: str
    year: int | None
    place: str  # 出版地
    section: str  # section path, outermost first, " › " joined; "" outside any section
    date: str | None
    url: str  # "" for local files
    pages: tuple[int, int] | None = None  # first and last page (1-based) of a paginated source

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["pages"] = list(self.pages) if self.pages else None
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> CitationParts:
        d = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        pages = d.get("pages")
        d["pages"] = (int(pages[0]), int(pages[1])) if pages else None
        return cls(**d)


@dataclass(frozen=True)
class Citation:
    text: str  # text/plain
    html: str  # text/html


def publication_place(region: str, level: str = "") -> str:
    """出版地 for a report of `region`: the city for cities and districts, the provincial
    seat for provinces, 北京 for national reports."""
    region = region.strip()
    if level == "全国" or region in _NATIONAL:
        return "北京"
    if not region:
        return PLACE_UNKNOWN
    for name, seat in _PROVINCIAL_SEATS.items():
        if region.startswith(name):
            rest = region[len(name):]
            for suffix in _PROVINCE_SUFFIXES:
                if rest.startswith(suffix):
                    rest = rest[len(suffix):]
                    break
            if not rest:  # the province (or municipality) itself
                return seat
            region = rest
            break
    # A prefecture-level city, or a district/county under one: the city's name.
    for marker in ("市", "州", "盟", "地区"):
        i = region.find(marker)
        if i > 0:
            return region[:i]
    return region


def report_author(report: Report) -> str:
    """主要责任者. The publisher when the metadata found one, else the government of the
    region (a 政府工作报告 is delivered on behalf of the people's government)."""
    if report.publisher:
        return report.publisher
    if report.level == "全国" or report.region in _NATIONAL:
        return "国务院"
    if report.region:
        return f"{report.region}人民政府"
    return ""


def report_title(report: Report) -> str:
    return report.title or Path(report.path).stem


def section_label(report: Report, offset: int) -> str:
    labels = []
    for s in section_path(report.sections, offset):
        label = s.title if not s.number or s.title.startswith(s.number) else f"{s.number}{s.title}"
        labels.append(label.strip())
    return SECTION_SEPARATOR.join(labels)


def page_span(pages: list[int] | None, start: int, end: int) -> tuple[int, int] | None:
    """First and last page (1-based) of text[start:end], given the offset of each page's
    start; None for a source without pages. Text before the first recorded page start
    (a cover without a text layer, say) counts as page 1."""
    if not pages or end <= start:
        return None
    first = max(1, bisect_right(pages, start))
    last = max(first, bisect_right(pages, end - 1))
    return first, last


def stripped_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space at its ends: what a passage quotes."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def citation_parts(report: Report, start: int, end: int, script: str = "original") -> CitationParts:
    """Raises ValueError for a span outside the clean text or an empty one."""
    if not (0 <= start < end <= len(report.text)):
        raise ValueError(
            f"passage {start}..{end} is not inside the report's clean text (0..{len(report.text)})"
        )
    start, end = stripped_span(report.text, start, end)
    if start == end:
        raise ValueError("the passage is empty (only white space)")
    url = report.path if report.path.startswith(("http://", "https://")) else ""
    parts = CitationParts(
        passage=report.text[start:end],
        author=report_author(report),
        title=report_title(report),
        region=report.region,
        year=report.year,
        place=publication_place(report.region, report.level),
        section=section_label(report, start),
        date=report.date,
        url=url,
        pages=page_span(report.pages, start, end),
    )
    return for_display(parts, script)


def for_display(p: CitationParts, script: str) -> CitationParts:
    """The parts in the display script (offsets, dates, pages and addresses unchanged)."""
    if script == "original":
        return p

    def disp(s: str) -> str:
        return convert_for_display(s, script)

    return replace(p, passage=disp(p.passage), author=disp(p.author), title=disp(p.title),
                   region=disp(p.region), place=disp(p.place), section=disp(p.section))


def page_label(pages: tuple[int, int] | None, style: str = "plain") -> str:
    """第12页 / 第12–13页 in Chinese prose; 12 / 12-13 as GB/T 7714 writes 引文页码."""
    if not pages:
        return ""
    first, last = pages
    if style == "gbt7714":
        return str(first) if first == last else f"{first}-{last}"
    return f"第{first}页" if first == last else f"第{first}–{last}页"


def gbt7714_entry(p: CitationParts) -> str:
    """A GB/T 7714-2015 reference entry for a report (type code [R], or [R/OL] online):
    主要责任者. 题名[R]. 出版地: 出版者, 出版年: 引文页码. When the author is the publisher
    the publisher is not repeated (常州市钟楼区人民政府. 2023年…报告[R]. 常州, 2023.)."""
    year = str(p.year) if p.year else YEAR_UNKNOWN
    kind = "[R/OL]" if p.url else "[R]"
    head = f"{p.author}. {p.title}{kind}" if p.author else f"{p.title}{kind}"
    entry = f"{head}. {p.place}, {year}"
    if p.pages:
        # 引文页码 follows the year after a colon: 常州, 2023: 12-13.
        entry += f": {page_label(p.pages, 'gbt7714')}"
    if p.url:
        # Electronic resources add (更新或修改日期) and the access path.
        entry += f"({p.date})" if p.date else ""
        entry += f". {p.url}"
    return entry + "."


def _plain_source(p: CitationParts) -> str:
    bits = []
    who = p.author or p.region
    bits.append(f"{who}《{p.title}》" if who else f"《{p.title}》")
    if p.year:
        bits[-1] += f"（{p.year}年）"
    if p.section:
        bits.append(p.section)
    if p.pages:
        bits.append(page_label(p.pages))
    return "——" + "，".join(bits)


def _markdown_source(p: CitationParts) -> str:
    bits = [b for b in (p.author or p.region, f"《{p.title}》") if b]
    if p.year:
        bits.append(f"{p.year}年")
    if p.section:
        bits.append(p.section)
    if p.pages:
        bits.append(page_label(p.pages))
    return "— " + "，".join(bits)


def _quote_html(passage: str) -> str:
    return "<br>".join(html.escape(line) for line in passage.split("\n"))


def check_style(style: str) -> None:
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r} (choose from {', '.join(STYLES)})")


def source_line(p: CitationParts, style: str = "plain") -> str:
    """The line under the quotation that names its source, as the style writes it."""
    check_style(style)
    if style == "gbt7714":
        return gbt7714_entry(p)
    return _markdown_source(p) if style == "markdown" else _plain_source(p)


def reference(p: CitationParts, style: str = "plain") -> str:
    """The source alone, without the lead-in dash: a table cell beside the passage (a
    concordance row, an export's column)."""
    return source_line(p, style).removeprefix("——").removeprefix("— ")


def quoted(p: CitationParts, style: str = "plain") -> str:
    """The passage in quotation marks; GB/T 7714 adds where in the report it stands."""
    check_style(style)
    if style == "markdown":
        return p.passage
    where = f"（{p.section}）" if style == "gbt7714" and p.section else ""
    return f"“{p.passage}”{where}"


def render(p: CitationParts, style: str = "plain") -> Citation:
    quote, source = quoted(p, style), source_line(p, style)
    if style == "markdown":
        lines = "\n".join(f"> {line}" if line else ">" for line in quote.split("\n"))
        text = f"{lines}\n>\n> {source}"
        body = (
            f"<blockquote><p>{_quote_html(quote)}</p>"
            f"<p><cite>{html.escape(source)}</cite></p></blockquote>"
        )
    else:
        text = f"{quote}\n{source}"
        body = f"<p>{_quote_html(quote)}</p><p>{html.escape(source)}</p>"
    return Citation(text=text, html=f"<html><body>{body}</body></html>")


def cite(report: Report, start: int, end: int, style: str = "plain", script: str = "original") -> Citation:
    """The passage report.text[start:end] with its citation, in `script` for display."""
    return render(citation_parts(report, start, end, script), style)


def cite_target(report: Report, target: Target, style: str = "plain", script: str = "original") -> Citation:
    """A target row is cited by the sentence it stands in, or its own text when the
    extractor recorded no sentence."""
    if target.sentence:
        i = report.text.find(target.sentence, max(0, target.start - len(target.sentence)))
        if 0 <= i <= target.start and target.end <= i + len(target.sentence):
            return cite(report, i, i + len(target.sentence), style, script)
    return cite(report, target.start, target.end, style, script)

"""Citations for passages of a report: plain Chinese, GB/T 7714-2015 and Markdown.

Pure functions, no Qt: the desktop app's "Copy with citation" and `report-explorer cite`
both call `cite()`. Each style renders the same `CitationParts`, as plain text (for
text/plain) and as HTML (for text/html on the clipboard, so a word processor keeps the
quotation as a block with its source line).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

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


def citation_parts(report: Report, start: int, end: int, script: str = "original") -> CitationParts:
    """Raises ValueError for a span outside the clean text or an empty one."""
    if not (0 <= start < end <= len(report.text)):
        raise ValueError(
            f"passage {start}..{end} is not inside the report's clean text (0..{len(report.text)})"
        )
    passage = report.text[start:end].strip()
    if not passage:
        raise ValueError("the passage is empty (only white space)")

    def disp(s: str) -> str:
        return convert_for_display(s, script)

    url = report.path if report.path.startswith(("http://", "https://")) else ""
    return CitationParts(
        passage=disp(passage),
        author=disp(report_author(report)),
        title=disp(report_title(report)),
        region=disp(report.region),
        year=report.year,
        place=disp(publication_place(report.region, report.level)),
        section=disp(section_label(report, start)),
        date=report.date,
        url=url,
    )


def gbt7714_entry(p: CitationParts) -> str:
    """A GB/T 7714-2015 reference entry for a report (type code [R], or [R/OL] online):
    主要责任者. 题名[R]. 出版地: 出版者, 出版年. When the author is the publisher the
    publisher is not repeated (常州市钟楼区人民政府. 2023年…报告[R]. 常州, 2023.)."""
    year = str(p.year) if p.year else YEAR_UNKNOWN
    kind = "[R/OL]" if p.url else "[R]"
    head = f"{p.author}. {p.title}{kind}" if p.author else f"{p.title}{kind}"
    entry = f"{head}. {p.place}, {year}"
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
    return "——" + "，".join(bits)


def _markdown_source(p: CitationParts) -> str:
    bits = [b for b in (p.author or p.region, f"《{p.title}》") if b]
    if p.year:
        bits.append(f"{p.year}年")
    if p.section:
        bits.append(p.section)
    return "— " + "，".join(bits)


def reference(p: CitationParts, style: str = "plain") -> str:
    """The source of a passage alone, for a table cell beside the passage (a concordance
    row): the style's source line without its dash, or the GB/T 7714 entry."""
    if style == "plain":
        return _plain_source(p).removeprefix("——")
    if style == "markdown":
        return _markdown_source(p).removeprefix("— ")
    if style == "gbt7714":
        return gbt7714_entry(p)
    raise ValueError(f"unknown citation style {style!r} (choose from {', '.join(STYLES)})")


def _quote_html(passage: str) -> str:
    return "<br>".join(html.escape(line) for line in passage.split("\n"))


def render(p: CitationParts, style: str = "plain") -> Citation:
    if style == "plain":
        source = _plain_source(p)
        text = f"“{p.passage}”\n{source}"
        body = f"<p>“{_quote_html(p.passage)}”</p><p>{html.escape(source)}</p>"
    elif style == "gbt7714":
        where = f"（{p.section}）" if p.section else ""
        entry = gbt7714_entry(p)
        text = f"“{p.passage}”{where}\n{entry}"
        body = (
            f"<p>“{_quote_html(p.passage)}”{html.escape(where)}</p>"
            f"<p>{html.escape(entry)}</p>"
        )
    elif style == "markdown":
        quoted = "\n".join(f"> {line}" if line else ">" for line in p.passage.split("\n"))
        source = _markdown_source(p)
        text = f"{quoted}\n>\n> {source}"
        body = (
            f"<blockquote><p>{_quote_html(p.passage)}</p>"
            f"<p><cite>{html.escape(source)}</cite></p></blockquote>"
        )
    else:
        raise ValueError(f"unknown citation style {style!r} (choose from {', '.join(STYLES)})")
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

"""Charts drawn with matplotlib, without Qt: the app shows them (ui/widgets/charts.py
ChartView) and the CLI writes them (`freq --chart F`), so a chart in a paper looks the same
whichever made it.

matplotlib rather than QPainter code of our own or pyqtgraph: matplotlib writes
publication-grade PNG (300 dpi), SVG (text as outlines, so it looks the same without the
font) and PDF (TrueType embedded); pyqtgraph's SVG export has a record of misplaced items and
it has no PDF export. Its cost (benchmarks/README.md "Charts") is why this module is imported
only when a chart is drawn.

Chinese labels need a CJK font: configure_fonts() puts the first installed font that has
Chinese glyphs (the caller's preference first: the app passes the families Qt uses) at the
head of matplotlib's sans-serif list. Without one the chart still draws, Chinese as boxes.

Each drawing function draws on an empty Figure. Artists a click should answer carry
`payload`: (series label, [the key of each point]) for lines, (series label, key) for bars.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Importing this module does not import matplotlib (a second or more on a slow disk): the
# drawing functions do, so the app can prepare a chart and draw it once matplotlib is loaded.
Drawer = Callable[["Figure"], None]
EXPORT_DPI = 300
EXPORT_FORMATS = ("png", "svg", "pdf")
_font_choice: list[str | None] = []  # the CJK family chosen, once per process
_PROBES = "中国报告"  # a font with distinct glyphs for these has the common Chinese characters


def _has_chinese(path: str) -> bool:
    """Whether the font draws Chinese: a glyph for each probe, and distinct ones (a fallback
    font like Last Resort maps a whole block to one placeholder glyph)."""
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path)
        glyphs = {font.get_char_index(ord(c)) for c in _PROBES}
    except (OSError, RuntimeError, ValueError):
        return False
    return 0 not in glyphs and len(glyphs) == len(_PROBES)


def _other_locale(name: str) -> bool:
    """A CJK family made for another locale (Noto Sans CJK JP, Source Han Sans TC): its
    glyphs for shared characters differ from the mainland forms the reports are read in."""
    return name.rsplit(" ", 1)[-1].upper() in ("HK", "TC", "TW", "JP", "KR", "K", "J")


def configure_fonts(preferred: Iterable[str] = ()) -> str | None:
    """Put a font with Chinese glyphs first in matplotlib's sans-serif list (of `preferred`
    the first matplotlib can read, else any installed one, sans before serif; mainland
    variants before other locales'); returns its family, None when there is none. Decided
    once per process."""
    if _font_choice:
        return _font_choice[0]
    import matplotlib
    from matplotlib import font_manager

    by_name: dict[str, str] = {}
    for f in font_manager.fontManager.ttflist:
        by_name.setdefault(f.name, f.fname)

    def rank(name: str) -> tuple[bool, bool, bool, str]:
        lowered = name.lower()
        return (_other_locale(name), "serif" in lowered.replace("sans", ""), "mono" in lowered, name)

    wanted = sorted((n for n in preferred if n in by_name), key=_other_locale)
    chosen = next((n for n in wanted if _has_chinese(by_name[n])), None)
    if chosen is None:
        chosen = next((n for n in sorted(by_name, key=rank) if _has_chinese(by_name[n])), None)
    if chosen is not None:
        rest = [f for f in matplotlib.rcParams["font.sans-serif"] if f != chosen]
        matplotlib.rcParams["font.sans-serif"] = [chosen, *rest]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False  # CJK fonts often lack U+2212
    matplotlib.rcParams["svg.fonttype"] = "path"
    matplotlib.rcParams["pdf.fonttype"] = 42
    # Without a CJK font every label logs a warning per missing glyph; the caller says it once.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    _font_choice.append(chosen)
    return chosen


def new_figure(width_in: float = 7.0, height_in: float = 4.2) -> Figure:
    from matplotlib.figure import Figure

    configure_fonts()
    return Figure(figsize=(width_in, height_in), layout="constrained", facecolor="white")


def save_chart(drawer: Drawer, path: str | Path, size_in: tuple[float, float] = (7.0, 4.2)) -> Path:
    """Draw into a new figure of `size_in` inches and write it: PNG at EXPORT_DPI, SVG or
    PDF by the file name's suffix (a name with none of these gets .png added)."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in EXPORT_FORMATS:
        path, fmt = path.with_name(path.name + ".png"), "png"
    fig = new_figure(*size_in)
    drawer(fig)
    tmp = path.with_name(path.name + ".part")
    try:
        fig.savefig(str(tmp), format=fmt, dpi=EXPORT_DPI, facecolor="white")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
           "#7f7f7f", "#bcbd22")
MUTED = "#606060"
PICK_RADIUS = 6  # points: how near a click must be to a marker


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _nice_ticks(axis: Any, integer: bool = False) -> None:
    """Round tick values: 1, 2, 2.5 or 5 times a power of ten apart (whole years on x)."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True) if integer else MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))


def _axes(fig: Figure, title: str) -> Any:
    ax = fig.add_subplot()
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(True, axis="y", color="#d9d9d9", linewidth=0.6)
    ax.set_axisbelow(True)
    if title:
        ax.set_title(title, loc="left", fontsize="medium", fontweight="bold")
    return ax


def year_lines(
    fig: Figure,
    series: Sequence[tuple[str, Sequence[int], Sequence[float]]],
    title: str = "",
    ylabel: str = "",
) -> None:
    """One line per series over years (integer x); a missing year is a gap in the data the
    caller gives, a year with nothing found is a 0 it gives."""
    ax = _axes(fig, title)
    for i, (label, years, values) in enumerate(series):
        (line,) = ax.plot(list(years), list(values), marker="o", markersize=4.5, linewidth=1.8,
                          color=colour(i), label=label, picker=True, pickradius=PICK_RADIUS)
        line.payload = (label, list(years))  # type: ignore[attr-defined]
    _nice_ticks(ax.xaxis, integer=True)
    _nice_ticks(ax.yaxis)
    ax.set_ylim(bottom=0)
    if ylabel:
        ax.set_ylabel(ylabel)
    if series:
        ax.legend(frameon=False, fontsize="small", ncols=min(len(series), 4), loc="upper left",
                  bbox_to_anchor=(0, -0.08))


def grouped_bars(
    fig: Figure,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    keys: Sequence[Any] | None = None,
    title: str = "",
    xlabel: str = "",
) -> None:
    """Horizontal bars, one group per category (top to bottom as given), one bar per series
    in a group: region names read across, however many there are."""
    ax = _axes(fig, title)
    ax.grid(False)
    ax.grid(True, axis="x", color="#d9d9d9", linewidth=0.6)
    n = max(len(series), 1)
    height = 0.8 / n
    positions = range(len(categories))
    keys = list(keys) if keys is not None else list(categories)
    for i, (label, values) in enumerate(series):
        offsets = [p - 0.4 + height * (i + 0.5) for p in positions]
        bars = ax.barh(offsets, list(values), height=height * 0.92, color=colour(i), label=label)
        for bar, key in zip(bars, keys, strict=False):
            bar.set_picker(True)
            bar.payload = (label, key)  # type: ignore[attr-defined]
    ax.set_yticks(list(positions), list(categories))
    ax.invert_yaxis()  # first category on top
    _nice_ticks(ax.xaxis)
    if xlabel:
        ax.set_xlabel(xlabel)
    if len(series) > 1:  # below the axes, where no bar can run under it
        ax.legend(frameon=False, fontsize="small", ncols=min(len(series), 4), loc="upper left",
                  bbox_to_anchor=(0, -0.12))


def target_result_lines(
    fig: Figure,
    series: Sequence[tuple[str, Sequence[tuple[int, float]], Sequence[tuple[int, float]]]],
    title: str = "",
    unit: str = "",
    target_label: str = "目标",
    result_label: str = "实际",
) -> None:
    """The Compare view's chart: one colour per region; targets dashed with hollow markers,
    results solid with filled ones. A line joins consecutive years only: across a gap in
    the years nothing is known."""
    ax = _axes(fig, title)
    for i, (name, targets, results) in enumerate(series):
        c = colour(i)
        for points, dashed in ((targets, True), (results, False)):
            if not points:
                continue
            runs: list[list[tuple[int, float]]] = []
            for year, v in points:
                if runs and year == runs[-1][-1][0] + 1:
                    runs[-1].append((year, v))
                else:
                    runs.append([(year, v)])
            for run in runs:
                ax.plot([y for y, _ in run], [v for _, v in run], color=c, linewidth=1.8,
                        linestyle="--" if dashed else "-", marker="o", markersize=5,
                        markerfacecolor="white" if dashed else c, markeredgecolor=c)
        ax.plot([], [], color=c, linewidth=6, label=name)  # the region's swatch in the legend
    ax.plot([], [], color=MUTED, linestyle="--", marker="o", markerfacecolor="white", label=target_label)
    ax.plot([], [], color=MUTED, linestyle="-", marker="o", label=result_label)
    _nice_ticks(ax.xaxis, integer=True)
    _nice_ticks(ax.yaxis)
    if unit:
        ax.set_ylabel(unit)
    if series:
        ax.legend(frameon=False, fontsize="small", ncols=4, loc="upper left", bbox_to_anchor=(0, -0.08))


BAR_GROUPS = 30  # bars drawn by region; a table lists every group


def frequency_drawer(
    series: Sequence[tuple[str, Sequence[Any], Sequence[float]]],
    by: str,
    title: str,
    value_label: str,
    key_label: Callable[[Any], str] = str,
) -> Drawer | None:
    """The chart of a frequency table: (term, group keys, values) per term. By year a line
    per term over the known years; by region or level grouped bars, the groups where the
    first term weighs most first (at most BAR_GROUPS). None when there is nothing to draw."""
    if not series or not series[0][1]:
        return None
    if by == "year":
        lines = [(term, [k for k in keys if k is not None],
                  [v for k, v in zip(keys, values, strict=True) if k is not None])
                 for term, keys, values in series]
        if not lines[0][1]:
            return None
        return lambda fig: year_lines(fig, lines, title, value_label)
    first = series[0][2]
    ranked = sorted(range(len(first)), key=lambda i: -first[i])[:BAR_GROUPS]
    keys = [series[0][1][i] for i in ranked]
    labels = [key_label(k) for k in keys]
    bars = [(term, [values[i] for i in ranked]) for term, _, values in series]
    return lambda fig: grouped_bars(fig, labels, bars, keys, title, value_label)

"""Targets: a filterable, sortable table of rows (report + Target) and the theme chips' counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,  # type: ignore[attr-defined]
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from explorer.core.model import Target
from explorer.core.scripts import fold

RowRole = Qt.ItemDataRole.UserRole + 1  # the TargetRow


# Default for the `parent` argument Qt passes to rowCount/columnCount.
NO_PARENT = QModelIndex()



@dataclass(frozen=True)
class TargetRow:
    path: str
    title: str
    region: str
    year: int | None
    target: Target
    haystack: str = ""  # folded text the text filter searches; see make_rows()

    @property
    def report_label(self) -> str:
        return self.title or Path(self.path).name


FOLD_CHUNK_ROWS = 500  # rows folded per OpenCC call; see make_rows


def make_rows(items) -> list[TargetRow]:
    """TargetRows from (ReportInfo-like, Target) pairs, with their folded filter text.
    Call it in a worker. Rows are folded a chunk at a time (fold keeps length, so a joined
    chunk splits back exactly): one call per row costs seconds for a large library, and one
    call for everything holds the GIL long enough to freeze the GUI thread."""
    items = list(items)
    texts = [
        " ".join((t.indicator, t.text, t.sentence, t.section, info.title or "", info.region or "")).replace("\n", " ")
        for info, t in items
    ]
    folded: list[str] = []
    for i in range(0, len(texts), FOLD_CHUNK_ROWS):
        folded.extend(fold("\n".join(texts[i:i + FOLD_CHUNK_ROWS])).split("\n"))
    return [
        TargetRow(info.path, info.title or "", info.region or "", info.year, t, hay)
        for (info, t), hay in zip(items, folded, strict=True)
    ]


@dataclass(frozen=True)
class TargetSummary:
    """What the filter widgets list: theme counts, reports, regions, years. Computed in a
    worker for the library's rows (100,000 targets take a while), merged on the GUI thread."""

    theme_counts: dict[str, int]
    reports: dict[str, str]  # path -> label
    regions: frozenset[str]
    years: frozenset[int]

    def merge(self, other: TargetSummary) -> TargetSummary:
        counts = Counter(self.theme_counts)
        counts.update(other.theme_counts)
        return TargetSummary(dict(counts), {**self.reports, **other.reports},
                             self.regions | other.regions, self.years | other.years)


def summarize(rows: list[TargetRow]) -> TargetSummary:
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update(set(row.target.themes))
    return TargetSummary(
        theme_counts=dict(counts),
        reports={r.path: r.report_label for r in rows},
        regions=frozenset(r.region for r in rows if r.region),
        years=frozenset(r.year for r in rows if r.year),
    )


@dataclass(frozen=True)
class TargetFilter:
    """Themes (any of them), report path, region, year, kind and a folded text."""

    themes: frozenset[str] = frozenset()
    report: str = ""
    region: str = ""
    year: int | None = None
    kind: str = ""
    text: str = ""

    def accepts(self, row: TargetRow) -> bool:
        t = row.target
        return (
            (not self.themes or not self.themes.isdisjoint(t.themes))
            and (not self.report or row.path == self.report)
            and (not self.region or row.region == self.region)
            and (self.year is None or row.year == self.year)
            and (not self.kind or t.kind == self.kind)
            and (not self.text or self.text in (row.haystack or _haystack(row)))
        )


def _haystack(row: TargetRow) -> str:
    t = row.target
    return fold(" ".join((t.indicator, t.text, t.sentence, t.section, row.title, row.region)))


def format_value(t: Target) -> str:
    def num(v: float) -> str:
        return str(int(v)) if float(v).is_integer() else f"{v:g}"

    ranged = t.value_high is not None and t.value_high != t.value
    value = f"{num(t.value)}–{num(t.value_high)}" if ranged and t.value_high is not None else num(t.value)
    return f"{value}{t.unit}"


KIND_LABELS = {
    "target": QT_TRANSLATE_NOOP("TargetsModel", "目标"),
    "achievement": QT_TRANSLATE_NOOP("TargetsModel", "成效"),
}

# Most telling first: a narrow panel still shows indicator, figure and kind.
COLUMNS = (
    QT_TRANSLATE_NOOP("TargetsModel", "指标"), QT_TRANSLATE_NOOP("TargetsModel", "数值"),
    QT_TRANSLATE_NOOP("TargetsModel", "限定"), QT_TRANSLATE_NOOP("TargetsModel", "类型"),
    QT_TRANSLATE_NOOP("TargetsModel", "年份"), QT_TRANSLATE_NOOP("TargetsModel", "地区"),
    QT_TRANSLATE_NOOP("TargetsModel", "报告"), QT_TRANSLATE_NOOP("TargetsModel", "主题"),
)
COL_INDICATOR, COL_VALUE, COL_QUALIFIER, COL_KIND, COL_YEAR, COL_REGION, COL_REPORT, COL_THEMES = range(8)


def _sort_key(col: int):
    def text(r: TargetRow) -> str:
        t = r.target
        return {COL_INDICATOR: t.indicator, COL_QUALIFIER: t.qualifier, COL_KIND: t.kind,
                COL_THEMES: "、".join(t.themes), COL_REPORT: r.report_label, COL_REGION: r.region}.get(col, "")

    if col == COL_VALUE:
        return lambda r: (r.target.unit, r.target.value)
    if col == COL_YEAR:
        return lambda r: r.year or 0
    return text


class TargetsModel(QAbstractTableModel):
    """All target rows, of which the filter's matches are shown, in the chosen order.

    Filtering and sorting happen here, in plain Python over a list, not in a
    QSortFilterProxyModel: a proxy calls back into Python once per row to filter and
    twice per comparison to sort, which stalls the window for seconds at 100,000 targets.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list[TargetRow] = []
        self._shown: list[TargetRow] = []
        self._filter = TargetFilter()
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._convert = lambda s: s

    # -- contents ---------------------------------------------------------------------
    def set_rows(self, rows: list[TargetRow], convert=None) -> list[list[TargetRow]]:
        """`convert` renders text in the display script. Returns the lists this model let
        go of, for the caller to free off the GUI thread (see tasks.drop_in_chunks)."""
        released = [self._all, self._shown]
        self.beginResetModel()
        self._all = list(rows)
        if convert is not None:
            self._convert = convert
        self._shown = self._compute()
        self.endResetModel()
        return released

    def set_convert(self, convert) -> None:
        self._convert = convert
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._shown) - 1, len(COLUMNS) - 1))

    @property
    def rows(self) -> list[TargetRow]:
        """Every row, shown or not."""
        return self._all

    def shown_rows(self) -> list[TargetRow]:
        return list(self._shown)

    def row_at(self, row: int) -> TargetRow:
        return self._shown[row]

    def set_filters(self, *, themes=None, report=None, region=None, year=-1, kind=None, text=None) -> None:
        f = self._filter
        self._filter = TargetFilter(
            themes=frozenset(themes) if themes is not None else f.themes,
            report=report if report is not None else f.report,
            region=region if region is not None else f.region,
            year=f.year if year == -1 else year,
            kind=kind if kind is not None else f.kind,
            text=fold(text.strip()) if text is not None else f.text,
        )
        if self._filter != f:
            self.beginResetModel()
            self._shown = self._compute()
            self.endResetModel()

    @property
    def filter(self) -> TargetFilter:
        return self._filter

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order) if 0 <= column < len(COLUMNS) else None
        self._shown = self._ordered(self._shown)
        self.layoutChanged.emit()

    def _compute(self) -> list[TargetRow]:
        accepts = self._filter.accepts
        f = self._filter
        rows = self._all if f == TargetFilter() else [r for r in self._all if accepts(r)]
        return self._ordered(rows)

    def _ordered(self, rows: list[TargetRow]) -> list[TargetRow]:
        if self._sort is None:
            return list(rows)
        col, order = self._sort
        return sorted(rows, key=_sort_key(col), reverse=order == Qt.SortOrder.DescendingOrder)

    # -- Qt model ---------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("TargetsModel", str(COLUMNS[section]))
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._shown)):
            return None
        row = self._shown[index.row()]
        t = row.target
        col = index.column()
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            c = self._convert
            if col == COL_INDICATOR:
                return c(t.indicator)
            if col == COL_VALUE:
                return format_value(t)
            if col == COL_QUALIFIER:
                return c(t.qualifier)
            if col == COL_KIND:
                return QCoreApplication.translate("TargetsModel", str(KIND_LABELS.get(t.kind, t.kind)))
            if col == COL_THEMES:
                return c("、".join(t.themes))
            if col == COL_REPORT:
                return c(row.report_label)
            if col == COL_REGION:
                return c(row.region)
            if col == COL_YEAR:
                return str(row.year) if row.year else ""
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._convert(t.sentence or t.text) + (f"\n{self._convert(t.section)}" if t.section else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_VALUE, COL_YEAR):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ThemeModel(QAbstractListModel):
    """Theme chips: name (count), checkable. Themes come from the targets found, plus the
    lexicon's names so a theme with no target yet is still visible (count 0)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._themes: list[tuple[str, int]] = []
        self._checked: set[str] = set()

    def set_targets(self, rows: list[TargetRow], lexicon: list[str] | tuple[str, ...] = ()) -> None:
        self.set_counts(summarize(rows).theme_counts, lexicon)

    def set_counts(self, counts: dict[str, int], lexicon: list[str] | tuple[str, ...] = ()) -> None:
        names = list(dict.fromkeys([*lexicon, *sorted(counts)]))
        self.beginResetModel()
        self._themes = sorted(((n, counts.get(n, 0)) for n in names), key=lambda x: (-x[1], names.index(x[0])))
        self._checked &= {n for n, _ in self._themes}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._themes)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._themes)):
            return None
        name, n = self._themes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{name}  {n}"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if name in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return name
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("TargetsModel", "%1：%2 条").replace("%1", name).replace("%2", str(n))
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        name = self._themes[index.row()][0]
        state = Qt.CheckState(value) if isinstance(value, int) else value
        if state == Qt.CheckState.Checked:
            self._checked.add(name)
        else:
            self._checked.discard(name)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def checked(self) -> set[str]:
        return set(self._checked)

    def set_checked(self, names) -> None:
        self._checked = set(names) & {n for n, _ in self._themes}
        if self._themes:
            self.dataChanged.emit(self.index(0), self.index(len(self._themes) - 1), [Qt.ItemDataRole.CheckStateRole])

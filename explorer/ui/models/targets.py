"""Targets: a table of rows (report + Target), a filter proxy, and the theme chips' counts."""

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
    QSortFilterProxyModel,
    Qt,
)

from explorer.core.model import Target
from explorer.core.scripts import fold

RowRole = Qt.ItemDataRole.UserRole + 1  # the TargetRow
SortRole = Qt.ItemDataRole.UserRole + 2


# Default for the `parent` argument Qt passes to rowCount/columnCount.
NO_PARENT = QModelIndex()



@dataclass(frozen=True)
class TargetRow:
    path: str
    title: str
    region: str
    year: int | None
    target: Target

    @property
    def report_label(self) -> str:
        return self.title or Path(self.path).name


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


class TargetsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[TargetRow] = []
        self._convert = lambda s: s

    def set_rows(self, rows: list[TargetRow], convert=None) -> None:
        """`convert` renders text in the display script."""
        self.beginResetModel()
        self._rows = list(rows)
        if convert is not None:
            self._convert = convert
        self.endResetModel()

    def set_convert(self, convert) -> None:
        self._convert = convert
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))

    @property
    def rows(self) -> list[TargetRow]:
        return self._rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("TargetsModel", str(COLUMNS[section]))
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        t = row.target
        col = index.column()
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            c = self._convert
            return {
                COL_INDICATOR: c(t.indicator),
                COL_VALUE: format_value(t),
                COL_QUALIFIER: c(t.qualifier),
                COL_KIND: QCoreApplication.translate("TargetsModel", str(KIND_LABELS.get(t.kind, t.kind))),
                COL_THEMES: c("、".join(t.themes)),
                COL_REPORT: c(row.report_label),
                COL_REGION: c(row.region),
                COL_YEAR: str(row.year) if row.year else "",
            }.get(col)
        if role == SortRole:
            if col == COL_VALUE:
                return float(t.value)
            if col == COL_YEAR:
                return row.year or 0
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._convert(t.sentence or t.text) + (f"\n{self._convert(t.section)}" if t.section else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_VALUE, COL_YEAR):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class TargetFilterProxy(QSortFilterProxyModel):
    """Filters by themes (any of the checked ones), report, region, year, kind and text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.themes: frozenset[str] = frozenset()
        self.report = ""  # path; "" = every report
        self.region = ""
        self.year: int | None = None
        self.kind = ""  # "" | "target" | "achievement"
        self._text = ""
        self.setSortRole(SortRole)

    def set_filters(self, *, themes=None, report=None, region=None, year=-1, kind=None, text=None) -> None:
        # Qt >= 6.9 wants the change announced before the criteria change (invalidateRowsFilter
        # is deprecated there); older Qt only has the invalidate call.
        announce = hasattr(self, "beginFilterChange")
        if announce:
            self.beginFilterChange()
        if themes is not None:
            self.themes = frozenset(themes)
        if report is not None:
            self.report = report
        if region is not None:
            self.region = region
        if year != -1:
            self.year = year
        if kind is not None:
            self.kind = kind
        if text is not None:
            self._text = fold(text.strip())
        if announce:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, TargetsModel) or source_parent.isValid():
            return False
        row = model.rows[source_row]
        t = row.target
        if self.themes and not self.themes.intersection(t.themes):
            return False
        if self.report and row.path != self.report:
            return False
        if self.region and row.region != self.region:
            return False
        if self.year is not None and row.year != self.year:
            return False
        if self.kind and t.kind != self.kind:
            return False
        if self._text:
            hay = fold(" ".join((t.indicator, t.text, t.sentence, t.section, row.title, row.region)))
            if self._text not in hay:
                return False
        return True


class ThemeModel(QAbstractListModel):
    """Theme chips: name (count), checkable. Themes come from the targets found, plus the
    lexicon's names so a theme with no target yet is still visible (count 0)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._themes: list[tuple[str, int]] = []
        self._checked: set[str] = set()

    def set_targets(self, rows: list[TargetRow], lexicon: list[str] | tuple[str, ...] = ()) -> None:
        counts: Counter[str] = Counter()
        for row in rows:
            counts.update(set(row.target.themes))
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

"""The Trends view's tables: term frequency as groups (years, regions) down and terms across.

Holds the FreqRows of one grouping (library/frequency.py) and shows one measure of them:
occurrences, the rate per 10,000 characters, or the number of reports mentioning the term.
The last two columns are the group's reports and characters (the rate's denominator).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from explorer.library.frequency import FreqRow, Key, series

MEASURES = ("hits", "per_10k", "reports")
KeyRole = Qt.ItemDataRole.UserRole + 1  # the group key of a row
TermRole = Qt.ItemDataRole.UserRole + 2  # the term of a column (None: not a term column)
NO_PARENT = QModelIndex()


def measure_value(row: FreqRow, measure: str) -> float:
    return float(getattr(row, measure))


def format_measure(value: float, measure: str) -> str:
    return f"{value:.2f}" if measure == "per_10k" else f"{int(value):,}"


class FrequencyModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[FreqRow] = []
        self._terms: list[str] = []
        self._keys: list[Key] = []
        self._cells: dict[tuple[Key, str], FreqRow] = {}
        self.measure = "hits"
        self.by = "year"
        self._convert: Callable[[str], str] = lambda s: s

    # -- content ------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[FreqRow], terms: Sequence[str], by: str) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._terms = list(terms)
        self.by = by
        self._keys = list(dict.fromkeys(r.key for r in rows))
        self._cells = {(r.key, r.term): r for r in rows}
        self.endResetModel()

    def set_measure(self, measure: str) -> None:
        if measure not in MEASURES:
            raise ValueError(f"unknown measure {measure!r}")
        self.measure = measure
        if self._keys and self._terms:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self._keys) - 1, len(self._terms)))

    def set_convert(self, convert: Callable[[str], str]) -> None:
        self._convert = convert
        if self._keys:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._keys) - 1, 0))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    @property
    def rows(self) -> list[FreqRow]:
        return self._rows

    @property
    def keys(self) -> list[Key]:
        return self._keys

    @property
    def terms(self) -> list[str]:
        return self._terms

    def key_label(self, key: Key) -> str:
        if key is None or key == "":
            return self.tr("未知")
        return str(key) if isinstance(key, int) else self._convert(str(key))

    def series(self) -> list[tuple[str, list[Key], list[float]]]:
        """(term, keys, values of the current measure) per term, keys in table order; terms
        in the display script."""
        return [(self._convert(t), keys, values) for t, keys, values in series(self._rows, self._terms, self.measure)]

    def measure_label(self) -> str:
        return {"hits": self.tr("出现次数"), "per_10k": self.tr("每万字出现次数"),
                "reports": self.tr("提及的报告数")}[self.measure]

    # -- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._terms) + 3

    def _row_at(self, index: QModelIndex | QPersistentModelIndex) -> tuple[Key, str | None, FreqRow | None]:
        key = self._keys[index.row()]
        column = index.column()
        if 1 <= column <= len(self._terms):
            term = self._terms[column - 1]
            return key, term, self._cells.get((key, term))
        any_row = self._cells.get((key, self._terms[0])) if self._terms else None
        return key, None, any_row

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._keys)):
            return None
        key, term, row = self._row_at(index)
        column = index.column()
        if role == KeyRole:
            return key
        if role == TermRole:
            return term
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.key_label(key)
            if row is None:
                return ""
            if term is not None:
                return format_measure(measure_value(row, self.measure), self.measure)
            return f"{row.group_reports:,}" if column == len(self._terms) + 1 else f"{row.chars:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == 0:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and term is not None and row is not None:
            return (self.tr("%1：出现 %2 次；%3/%4 份报告提及；每万字 %5 次（共 %6 字）")
                    .replace("%1", self._convert(term)).replace("%2", f"{row.hits:,}")
                    .replace("%3", str(row.reports)).replace("%4", str(row.group_reports))
                    .replace("%5", f"{row.per_10k:.2f}").replace("%6", f"{row.chars:,}"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return {"year": self.tr("年份"), "region": self.tr("地区"), "level": self.tr("级别")}.get(self.by, self.by)
        if 1 <= section <= len(self._terms):
            return self._convert(self._terms[section - 1])
        if section == len(self._terms) + 1:
            return self.tr("报告总数")
        if section == len(self._terms) + 2:
            return self.tr("字数")
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

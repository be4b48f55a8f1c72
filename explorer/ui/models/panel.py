"""The Compare view's table: regions down, years across, each cell a target and its result.

Holds PanelRows (explorer/core/panel.py) of one indicator; no widgets. A cell shows
"目标 6.5%左右" over "实际 9.4%", its tooltip both sentences, and PanelRowRole gives the row so
the view can open either sentence in its report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from explorer.core.targets.panel import Observation, PanelRow

PanelRowRole = Qt.ItemDataRole.UserRole + 1  # the PanelRow of a cell (None: empty cell)
NO_PARENT = QModelIndex()

_MISSING = QColor("#8a8a8a")


def format_figure(o: Observation | None) -> str:
    """5%左右, 5%—5.5%, 1200万人以上; '' for None."""
    if o is None:
        return ""

    def num(v: float) -> str:
        return str(int(v)) if float(v).is_integer() else f"{v:g}"

    value = num(o.value)
    if o.value_high is not None and o.value_high != o.value:
        value = f"{value}—{num(o.value_high)}"
    return f"{value}{o.unit}{o.qualifier}"


class PanelModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._regions: list[str] = []
        self._years: list[int] = []
        self._cells: dict[tuple[int, int], PanelRow] = {}
        self._rows: list[PanelRow] = []
        self._convert: Callable[[str], str] = lambda s: s

    # -- content ------------------------------------------------------------------

    def set_rows(self, rows: list[PanelRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._regions = sorted({r.region for r in rows})
        self._years = sorted({r.year for r in rows})
        region_at = {name: i for i, name in enumerate(self._regions)}
        year_at = {y: j for j, y in enumerate(self._years)}
        self._cells = {(region_at[r.region], year_at[r.year]): r for r in rows}
        self.endResetModel()

    def set_convert(self, convert: Callable[[str], str]) -> None:
        """Display script (original / Simplified / Traditional), as the rest of the window."""
        self._convert = convert
        if self._regions and self._years:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._regions) - 1, len(self._years) - 1))
        if self._regions:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._regions) - 1)

    @property
    def rows(self) -> list[PanelRow]:
        return self._rows

    @property
    def regions(self) -> list[str]:
        return self._regions

    @property
    def years(self) -> list[int]:
        return self._years

    def cell(self, row: int, column: int) -> PanelRow | None:
        return self._cells.get((row, column))

    # -- QAbstractTableModel --------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._regions)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._years)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._cells.get((index.row(), index.column()))
        if role == PanelRowRole:
            return row
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, self.tr("目标 %1"), self.tr("实际 %1"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and (row.target is None or row.result is None):
            return _MISSING  # half a pair: nothing to compare yet
        return None

    @staticmethod
    def _text(row: PanelRow, target: str, result: str) -> str:
        return (target.replace("%1", format_figure(row.target) or "—") + "\n"
                + result.replace("%1", format_figure(row.result) or "—"))

    def column_lines(self) -> list[set[str]]:
        """Each column's header and the distinct lines of its cells, to size it by: read from
        the rows directly, as index() and data() per cell took 20-30 ms at 47 regions."""
        target, result = self.tr("目标 %1"), self.tr("实际 %1")
        columns = [{str(y)} for y in self._years]
        for (_, column), row in self._cells.items():
            columns[column].update(self._text(row, target, result).split("\n"))
        return columns

    def _tooltip(self, row: PanelRow) -> str:
        parts = []
        for label, o in ((self.tr("目标"), row.target), (self.tr("实际"), row.result)):
            if o is None:
                continue
            title = self._convert(o.title) if o.title else o.path
            parts.append(f"{label} {format_figure(o)} — 《{title}》\n{self._convert(o.sentence)}")
        return "\n\n".join(parts)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return str(self._years[section]) if 0 <= section < len(self._years) else None
        return self._convert(self._regions[section]) if 0 <= section < len(self._regions) else None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

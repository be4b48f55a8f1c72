"""The Concordance view's table: one row per hit over a library.kwic.Concordance.

The model holds the concordance (compact arrays) and a display order; a cell's text is made
when the view asks for it, so 20,000 rows cost nothing until they scroll into sight. Sorting
reorders row numbers in the model (Concordance.order): left context by the characters nearest
the hit, right context, hit, region, year, report, section.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from explorer.library.kwic import Concordance

KwicRowRole = Qt.ItemDataRole.UserRole + 1  # the concordance's row number of a table row
NO_PARENT = QModelIndex()

# (field, sort key of Concordance.order); headers in ConcordanceModel.headers()
COLUMNS: tuple[tuple[str, str], ...] = (
    ("left", "left"), ("hit", "hit"), ("right", "right"), ("region", "region"), ("year", "year"),
    ("title", "title"), ("section", "section"), ("doc_type", "title"), ("level", "region"),
)
LEFT, HIT, RIGHT, YEAR = 0, 1, 2, 4
_HIT_COLOUR = QColor("#b35c00")


class ConcordanceModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._conc: Concordance | None = None
        self._order: list[int] = []
        self._convert: Callable[[str], str] = lambda s: s
        self._bold = QFont()
        self._bold.setBold(True)
        self.sorted_by: tuple[int, Qt.SortOrder] | None = None

    # -- content ------------------------------------------------------------------------

    def set_concordance(self, conc: Concordance | None) -> None:
        self.beginResetModel()
        self._conc = conc
        self._order = list(range(len(conc))) if conc is not None else []
        self.sorted_by = None
        self.endResetModel()

    @property
    def concordance(self) -> Concordance | None:
        return self._conc

    def set_convert(self, convert: Callable[[str], str]) -> None:
        """Display script (original / Simplified / Traditional), as the rest of the window."""
        self._convert = convert
        self.refresh()

    def append_rows(self, n: int) -> None:
        """The concordance grew by n rows (a batch arrived): they go at the end."""
        if n <= 0 or self._conc is None:
            return
        first = len(self._order)
        self.beginInsertRows(NO_PARENT, first, first + n - 1)
        self._order.extend(range(len(self._conc) - n, len(self._conc)))
        self.endInsertRows()

    def refresh(self) -> None:
        """The concordance's contexts changed (width, paragraph rule): repaint every cell."""
        if self._order:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._order) - 1, len(COLUMNS) - 1))

    def kwic_row(self, row: int) -> int:
        """The concordance's row number shown at table row `row`."""
        return self._order[row]

    def order(self) -> list[int]:
        return list(self._order)

    def cell(self, i: int, field: str) -> Any:
        """Field `field` of concordance row i, in the display script."""
        c = self._conc
        assert c is not None
        if field == "left":
            return self._convert(c.left(i))
        if field == "hit":
            return self._convert(c.hit(i))
        if field == "right":
            return self._convert(c.right(i))
        if field == "section":  # shown once the worker has read the outlines
            section = c.section(i, load=False)
            return "" if section is None else self._convert(section)
        doc = c.doc(i)
        if field == "title":
            return self._convert(doc.title or Path(doc.path).stem)
        if field == "year":
            return doc.year
        if field == "level":
            return doc.level
        return self._convert(getattr(doc, field))

    # -- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._conc is None or not (0 <= index.row() < len(self._order)):
            return None
        i = self._order[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.cell(i, COLUMNS[column][0])
            return "" if value is None else str(value) if column == YEAR else value
        if role == KwicRowRole:
            return i
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == LEFT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == HIT:
                return int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == HIT:
            return _HIT_COLOUR
        if role == Qt.ItemDataRole.FontRole and column == HIT:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            c = self._conc
            line = self._convert(f"{c.left(i)}【{c.hit(i)}】{c.right(i)}")
            return "\n".join(x for x in (self.cell(i, "title"), self.cell(i, "section"), line, c.doc(i).path) if x)
        return None

    def headers(self) -> list[str]:
        return [self.tr("左侧语境"), self.tr("关键词"), self.tr("右侧语境"), self.tr("地区"), self.tr("年份"),
                self.tr("报告"), self.tr("章节"), self.tr("类型"), self.tr("级别")]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers()[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1) if 0 <= section < len(self._order) else None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._conc is None or not (0 <= column < len(COLUMNS)):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(p, self._order[p.row()]) for p in persistent if p.isValid()]
        self._order = self._conc.order(COLUMNS[column][1], order == Qt.SortOrder.DescendingOrder)
        where = {k: r for r, k in enumerate(self._order)}
        self.changePersistentIndexList(
            [p for p, _ in kept], [self.index(where[k], p.column()) for p, k in kept])
        self.sorted_by = (column, order)
        self.layoutChanged.emit()

    # -- copying ------------------------------------------------------------------------

    def as_text(self, rows: Sequence[int], style: str = "plain") -> str:
        """Tab-separated lines of the table rows given (left, hit, right, report, region,
        year, section, citation): what Ctrl+C puts on the clipboard for a spreadsheet."""
        c = self._conc
        if c is None:
            return ""
        lines = []
        for row in rows:
            i = self._order[row]
            cells = [self.cell(i, f) for f in ("left", "hit", "right", "title", "region", "year", "section")]
            cells.append(self._convert(c.citation(i, style)))
            lines.append("\t".join("" if v is None else str(v).replace("\t", " ") for v in cells))
        return "\n".join(lines)

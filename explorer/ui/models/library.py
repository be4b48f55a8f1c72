"""The library's reports, grouped by region, then year."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

PathRole = Qt.ItemDataRole.UserRole + 1  # report rows: the report's path; groups: ""
CountRole = Qt.ItemDataRole.UserRole + 2  # groups: number of reports under them



class LibraryModel(QStandardItemModel):
    """Two columns: name (region / year / report title) and the number of targets."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._paths: dict[str, QStandardItem] = {}
        self.setHorizontalHeaderLabels([QCoreApplication.translate("LibraryModel", "报告"), QCoreApplication.translate("LibraryModel", "目标")])

    def set_reports(self, reports: list[Any]) -> None:
        """`reports`: ReportInfo-like objects (path, title, region, year, doc_type, n_targets)."""
        self.beginResetModel()
        self.blockSignals(True)
        try:
            self.removeRows(0, self.rowCount())
            self._paths = {}
            groups: dict[str, dict[int | None, list[Any]]] = defaultdict(lambda: defaultdict(list))
            for info in reports:
                groups[info.region or ""][info.year].append(info)
            for region in sorted(groups, key=lambda r: (r == "", r)):
                years = groups[region]
                n = sum(len(v) for v in years.values())
                region_item = self._group(region or QCoreApplication.translate("LibraryModel", "（地区不详）"), n)
                for year in sorted(years, key=lambda y: (y is None, -(y or 0))):
                    infos = years[year]
                    year_item = self._group(
                        QCoreApplication.translate("LibraryModel", "%1年").replace("%1", str(year)) if year else QCoreApplication.translate("LibraryModel", "（年份不详）"), len(infos)
                    )
                    for info in sorted(infos, key=lambda i: (i.title or "", i.path)):
                        year_item.appendRow(self._report_row(info))
                    region_item.appendRow([year_item, self._count_item(len(infos), group=True)])
                self.invisibleRootItem().appendRow([region_item, self._count_item(n, group=True)])
        finally:
            self.blockSignals(False)
            self.endResetModel()

    def _group(self, label: str, n: int) -> QStandardItem:
        item = QStandardItem(label)
        item.setEditable(False)
        item.setData("", PathRole)
        item.setData(n, CountRole)
        item.setToolTip(QCoreApplication.translate("LibraryModel", "%1 份报告").replace("%1", str(n)))
        return item

    def _count_item(self, n: int, group: bool = False) -> QStandardItem:
        item = QStandardItem("" if group else str(n))
        item.setEditable(False)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _report_row(self, info: Any) -> list[QStandardItem]:
        title = info.title or Path(info.path).name
        item = QStandardItem(title)
        item.setEditable(False)
        item.setData(info.path, PathRole)
        tip = [title, info.path]
        if getattr(info, "doc_type", ""):
            tip.insert(1, info.doc_type)
        item.setToolTip("\n".join(tip))
        self._paths[info.path] = item
        count = self._count_item(int(getattr(info, "n_targets", 0) or 0))
        count.setData(info.path, PathRole)
        return [item, count]

    def path_at(self, index: QModelIndex | QPersistentModelIndex) -> str:
        value = index.sibling(index.row(), 0).data(PathRole) if index.isValid() else ""
        return value or ""

    def index_for_path(self, path: str) -> QModelIndex:
        item = self._paths.get(path)
        return item.index() if item is not None else QModelIndex()

    def report_count(self) -> int:
        return len(self._paths)

"""The library's reports, grouped by region, then year.

The groups (region, year, count) come from a listing (explorer.library.listing.Listing: SQL
over the manifest; or ReportList, the same over a list in memory); a year's reports are
fetched when the view first asks for one of them (as the year is expanded), so a library
of 10,000 reports shows its tree without loading 10,000 rows. A filter is applied by the
listing, not here.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from explorer.search.normalize import search_form

PathRole = Qt.ItemDataRole.UserRole + 1  # report rows: the report's path; groups: ""
CountRole = Qt.ItemDataRole.UserRole + 2  # groups: number of reports under them

NO_PARENT = QModelIndex()
# Made once: the view asks for these for every row it lays out or paints, and an enum's `|`
# in Python costs more than the rest of the call (expanding groups at 10,000 reports).
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY = Qt.ItemDataRole.DisplayRole
_YEAR_IDS = 1_000_000  # internalId: 0 region row; 1.._YEAR_IDS-1 year row (region row + 1); above, report row


class ListingSource(Protocol):
    def total(self) -> int: ...
    def groups(self, text: str = "") -> list[tuple[str, int | None, int]]: ...
    def reports(self, region: str, year: int | None, text: str = "") -> list[Any]: ...
    def group_of(self, path: str) -> tuple[str, int | None] | None: ...
    def first_path(self) -> str | None: ...


class ReportList:
    """A ListingSource over ReportInfo-like objects in memory (test doubles, small lists)."""

    def __init__(self, reports: list[Any]) -> None:
        self._reports = list(reports)
        self._by_path = {r.path: r for r in self._reports}

    @staticmethod
    def _admits(info: Any, needle: str) -> bool:
        hay = f"{info.title or ''}\n{info.region or ''}\n{info.year or ''}年\n{os.path.basename(info.path)}"
        return not needle or needle in search_form(hay)

    def total(self) -> int:
        return len(self._reports)

    def groups(self, text: str = "") -> list[tuple[str, int | None, int]]:
        needle = search_form(text.strip())
        counts: dict[tuple[str, int | None], int] = defaultdict(int)
        for r in self._reports:
            if self._admits(r, needle):
                counts[(r.region or "", r.year)] += 1
        return [(region, year, n) for (region, year), n in counts.items()]

    def reports(self, region: str, year: int | None, text: str = "") -> list[Any]:
        needle = search_form(text.strip())
        rows = [r for r in self._reports if (r.region or "") == region and r.year == year and self._admits(r, needle)]
        return sorted(rows, key=lambda i: (i.title or "", i.path))

    def group_of(self, path: str) -> tuple[str, int | None] | None:
        r = self._by_path.get(path)
        return None if r is None else (r.region or "", r.year)

    def first_path(self) -> str | None:
        return min(self._by_path, default=None)

    def doc_types(self) -> list[str]:
        return sorted({r.doc_type for r in self._reports if getattr(r, "doc_type", "")})

    def paths(self, limit: int) -> list[str]:
        return sorted(self._by_path)[:limit]


def listing_of(library: Any) -> Any:
    """The library's listing: SQL over its manifest when it has one (Library.listing),
    else the same over its reports() (test doubles)."""
    listing = getattr(library, "listing", None)
    return listing() if callable(listing) else ReportList(library.reports())


@dataclass
class _Year:
    region_row: int
    row: int
    year: int | None
    count: int
    ident: int
    reports: list[Any] | None = None  # None: not fetched yet


@dataclass
class _Region:
    region: str
    count: int
    years: list[_Year] = field(default_factory=list)


class LibraryModel(QAbstractItemModel):
    """Two columns: name (region / year / report title) and the number of targets."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._source: ListingSource = ReportList([])
        self._filter = ""
        self._total = 0
        self._regions: list[_Region] = []
        self._years: list[_Year] = []  # by ident - _YEAR_IDS
        self._headers = [QCoreApplication.translate("LibraryModel", "报告"), QCoreApplication.translate("LibraryModel", "目标")]

    # -- filling ------------------------------------------------------------------------

    def set_reports(self, reports: list[Any]) -> None:
        """`reports`: ReportInfo-like objects (path, title, region, year, doc_type, n_targets)."""
        source = ReportList(reports)
        self.set_listing(source, source.groups(), source.total())

    def set_listing(self, source: ListingSource, groups: list[tuple[str, int | None, int]],
                    total: int, text: str = "") -> None:
        """Show `groups` (source.groups(text), fetched off the GUI thread for a large
        library) of `source`, which holds `total` reports in all."""
        by_region: dict[str, list[tuple[int | None, int]]] = defaultdict(list)
        for region, year, n in groups:
            by_region[region or ""].append((year, n))
        self.beginResetModel()
        self._source, self._filter, self._total = source, text, total
        self._regions, self._years = [], []
        for region in sorted(by_region, key=lambda r: (r == "", r)):
            years = sorted(by_region[region], key=lambda yn: (yn[0] is None, -(yn[0] or 0)))
            node = _Region(region, sum(n for _, n in years))
            for year, n in years:
                y = _Year(len(self._regions), len(node.years), year, n, _YEAR_IDS + len(self._years))
                node.years.append(y)
                self._years.append(y)
            self._regions.append(node)
        self.endResetModel()

    @property
    def filter_text(self) -> str:
        return self._filter

    # -- the tree -----------------------------------------------------------------------

    def _year_of(self, index: QModelIndex | QPersistentModelIndex) -> _Year | None:
        """The year group that is `index` (a year row), else None."""
        ident = index.internalId()
        if index.isValid() and 0 < ident < _YEAR_IDS:
            return self._regions[ident - 1].years[index.row()]
        return None

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> QModelIndex:
        # Bounds checked here rather than by hasIndex, which calls back into rowCount.
        if row < 0 or not 0 <= column < 2 or row >= self.rowCount(parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        ident = parent.internalId()
        if ident == 0:
            return self.createIndex(row, column, parent.row() + 1)
        year = self._year_of(parent)
        return self.createIndex(row, column, year.ident) if year is not None else QModelIndex()

    def parent(self, index: QModelIndex | QPersistentModelIndex = NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        ident = index.internalId()
        if ident == 0:
            return QModelIndex()
        if ident < _YEAR_IDS:
            return self.createIndex(ident - 1, 0, 0)
        year = self._years[ident - _YEAR_IDS]
        return self.createIndex(year.row, 0, year.region_row + 1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        if not parent.isValid():
            return len(self._regions)
        if parent.column() != 0:
            return 0
        ident = parent.internalId()
        if ident == 0:
            return len(self._regions[parent.row()].years)
        year = self._year_of(parent)
        return year.count if year is not None else 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 2

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> bool:
        if not parent.isValid():
            return bool(self._regions)
        if parent.column() != 0:
            return False
        ident = parent.internalId()
        if ident == 0:
            return bool(self._regions[parent.row()].years)
        year = self._year_of(parent)
        return year is not None and year.count > 0

    def _reports(self, year: _Year) -> list[Any]:
        """A year's reports, from the listing on first use: one indexed query for tens of
        rows. Its row count is the group's count, known before (no rows inserted later)."""
        if year.reports is None:
            year.reports = self._source.reports(self._regions[year.region_row].region, year.year, self._filter)
        return year.reports

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return self._headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ident = index.internalId()
        if ident == 0:
            node = self._regions[index.row()]
            label = node.region or QCoreApplication.translate("LibraryModel", "（地区不详）")
            return self._group_data(label, node.count, index.column(), role)
        if ident < _YEAR_IDS:
            y = self._regions[ident - 1].years[index.row()]
            label = (QCoreApplication.translate("LibraryModel", "%1年").replace("%1", str(y.year)) if y.year
                     else QCoreApplication.translate("LibraryModel", "（年份不详）"))
            return self._group_data(label, y.count, index.column(), role)
        reports = self._reports(self._years[ident - _YEAR_IDS])
        if index.row() >= len(reports):
            return None  # the library lost a report since the groups were counted
        return self._report_data(reports[index.row()], index.column(), role)

    @staticmethod
    def _group_data(label: str, n: int, column: int, role: int) -> Any:
        if role == PathRole:
            return ""
        if role == CountRole:
            return n
        if column == 0 and role == Qt.ItemDataRole.DisplayRole:
            return label
        if column == 0 and role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("LibraryModel", "%1 份报告").replace("%1", str(n))
        if column == 1 and role == Qt.ItemDataRole.DisplayRole:
            return ""
        return None

    @staticmethod
    def _report_data(info: Any, column: int, role: int) -> Any:
        if role == PathRole:
            return info.path
        title = info.title or Path(info.path).name
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return title
            if role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join([title, *([info.doc_type] if getattr(info, "doc_type", "") else []), info.path])
            return None
        if role == _DISPLAY:
            return str(int(getattr(info, "n_targets", 0) or 0))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        return None

    # -- paths ----------------------------------------------------------------------------

    def path_at(self, index: QModelIndex | QPersistentModelIndex) -> str:
        value = index.sibling(index.row(), 0).data(PathRole) if index.isValid() else ""
        return value or ""

    def contains(self, path: str) -> bool:
        """Whether the library holds `path` (shown under the filter or not)."""
        return self._source.group_of(path) is not None

    def index_for_path(self, path: str) -> QModelIndex:
        """The report's row (its year's reports fetched if need be); invalid when the
        library does not hold it or the filter hides it."""
        group = self._source.group_of(path)
        if group is None:
            return QModelIndex()
        region, year = group
        for r, node in enumerate(self._regions):
            if node.region != (region or ""):
                continue
            for y in node.years:
                if y.year != year:
                    continue
                parent = self.index(y.row, 0, self.index(r, 0))
                for row, info in enumerate(self._reports(y)):
                    if info.path == path:
                        return self.index(row, 0, parent)
        return QModelIndex()

    def first_path(self) -> str | None:
        return self._source.first_path()

    def report_count(self) -> int:
        """Reports in the library (whatever the filter)."""
        return self._total

    def shown_count(self) -> int:
        """Reports the filter admits."""
        return sum(node.count for node in self._regions)

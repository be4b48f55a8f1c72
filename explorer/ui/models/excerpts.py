"""Excerpts: a filterable, sortable table whose note and tags cells can be edited in place.

Like TargetsModel it filters and sorts a plain Python list (a user's excerpts number in the
hundreds or thousands, and a proxy model would call back into Python per row). An edit
changes the row at once and is announced by `edited`; storing it is the window's job.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,  # type: ignore[attr-defined]
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from explorer.core.cite.excerpts import Excerpt, has_any_tag, normalize_tags
from explorer.core.cite.styles import page_label
from explorer.core.scripts import fold

ExcerptRole = Qt.ItemDataRole.UserRole + 1  # the Excerpt
NO_PARENT = QModelIndex()
TAG_JOINER = "、"
LOST_COLOR = QColor("#8a8f98")
CHANGED_COLOR = QColor("#8a5a00")

# Where from (region, year) first, as researchers name a source ("成都 2024"); the passage
# takes the room; the long report title and section path come last.
COLUMNS = (
    QT_TRANSLATE_NOOP("ExcerptsModel", "地区"), QT_TRANSLATE_NOOP("ExcerptsModel", "年份"),
    QT_TRANSLATE_NOOP("ExcerptsModel", "摘录"), QT_TRANSLATE_NOOP("ExcerptsModel", "批注"),
    QT_TRANSLATE_NOOP("ExcerptsModel", "标签"), QT_TRANSLATE_NOOP("ExcerptsModel", "章节"),
    QT_TRANSLATE_NOOP("ExcerptsModel", "报告"),
)
COL_REGION, COL_YEAR, COL_PASSAGE, COL_NOTE, COL_TAGS, COL_SECTION, COL_REPORT = range(7)
EDITABLE = (COL_NOTE, COL_TAGS)


@dataclass(frozen=True)
class ExcerptFilter:
    tag: str = ""  # one tag, either script; "" any
    text: str = ""  # folded substring of passage, note, tags, report, section
    region: str = ""
    year: int | None = None

    def accepts(self, e: Excerpt) -> bool:
        return (
            (not self.tag or has_any_tag(e, (self.tag,)))
            and (not self.region or e.region == self.region)
            and (self.year is None or e.year == self.year)
            and (not self.text or self.text in _haystack(e))
        )


def _haystack(e: Excerpt) -> str:
    return fold(" ".join((e.text, e.note, " ".join(e.tags), e.title, e.section, e.region)))


def _sort_key(col: int):
    if col == COL_YEAR:
        return lambda e: (e.year or 0, e.path, e.start)
    if col == COL_REPORT:
        return lambda e: (e.title, e.start)
    text = {COL_REGION: lambda e: e.region, COL_SECTION: lambda e: e.section,
            COL_PASSAGE: lambda e: e.text, COL_NOTE: lambda e: e.note,
            COL_TAGS: lambda e: TAG_JOINER.join(e.tags)}.get(col, lambda e: "")
    return lambda e: (text(e), e.path, e.start)


class ExcerptsModel(QAbstractTableModel):
    edited = Signal(object)  # the Excerpt with its new note or tags

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list[Excerpt] = []
        self._shown: list[Excerpt] = []
        self._filter = ExcerptFilter()
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._convert = lambda s: s

    # -- contents ---------------------------------------------------------------------
    def set_excerpts(self, excerpts: list[Excerpt]) -> None:
        self.beginResetModel()
        self._all = list(excerpts)
        self._shown = self._compute()
        self.endResetModel()

    def set_convert(self, convert) -> None:
        self._convert = convert
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._shown) - 1, len(COLUMNS) - 1))

    @property
    def excerpts(self) -> list[Excerpt]:
        """Every excerpt, shown or not, in the order collected."""
        return list(self._all)

    def shown(self) -> list[Excerpt]:
        return list(self._shown)

    def excerpt_at(self, row: int) -> Excerpt:
        return self._shown[row]

    def row_of(self, excerpt_id: int) -> int:
        return next((i for i, e in enumerate(self._shown) if e.id == excerpt_id), -1)

    def add(self, excerpt: Excerpt) -> None:
        """A new excerpt (or a changed one, by id) goes in without resetting the view."""
        self._all = [e for e in self._all if e.id != excerpt.id] + [excerpt]
        self._all.sort(key=lambda e: e.id)
        row = self.row_of(excerpt.id)
        if row >= 0:
            self._replace_shown(row, excerpt)
        elif self._filter.accepts(excerpt):
            rows = self._ordered([*self._shown, excerpt])
            at = rows.index(excerpt)
            self.beginInsertRows(NO_PARENT, at, at)
            self._shown = rows
            self.endInsertRows()

    def remove(self, ids) -> None:
        ids = set(ids)
        self._all = [e for e in self._all if e.id not in ids]
        for row in sorted((i for i, e in enumerate(self._shown) if e.id in ids), reverse=True):
            self.beginRemoveRows(NO_PARENT, row, row)
            del self._shown[row]
            self.endRemoveRows()

    def _replace_shown(self, row: int, excerpt: Excerpt) -> None:
        self._shown[row] = excerpt
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # -- what the filters offer -------------------------------------------------------
    def tag_counts(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for e in self._all:
            counts.update(e.tags)
        return counts

    def regions(self) -> list[str]:
        return sorted({e.region for e in self._all if e.region})

    def years(self) -> list[int]:
        return sorted({e.year for e in self._all if e.year}, reverse=True)

    # -- filter and order -------------------------------------------------------------
    def set_filters(self, *, tag=None, text=None, region=None, year=-1) -> None:
        f = self._filter
        self._filter = ExcerptFilter(
            tag=tag if tag is not None else f.tag,
            text=fold(text.strip()) if text is not None else f.text,
            region=region if region is not None else f.region,
            year=f.year if year == -1 else year,
        )
        if self._filter != f:
            self.beginResetModel()
            self._shown = self._compute()
            self.endResetModel()

    @property
    def filter(self) -> ExcerptFilter:
        return self._filter

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order) if 0 <= column < len(COLUMNS) else None
        self._shown = self._ordered(self._shown)
        self.layoutChanged.emit()

    def _compute(self) -> list[Excerpt]:
        return self._ordered([e for e in self._all if self._filter.accepts(e)])

    def _ordered(self, rows: list[Excerpt]) -> list[Excerpt]:
        if self._sort is None:
            return sorted(rows, key=lambda e: e.id)
        col, order = self._sort
        return sorted(rows, key=_sort_key(col), reverse=order == Qt.SortOrder.DescendingOrder)

    # -- Qt model ---------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("ExcerptsModel", str(COLUMNS[section]))
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._shown)):
            return None
        e = self._shown[index.row()]
        col = index.column()
        if role == ExcerptRole:
            return e
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(e, col)
        if role == Qt.ItemDataRole.EditRole:
            return e.note if col == COL_NOTE else TAG_JOINER.join(e.tags) if col == COL_TAGS else self._display(e, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(e, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_PASSAGE:
            return LOST_COLOR if not e.found else CHANGED_COLOR if e.changed else None
        if role == Qt.ItemDataRole.FontRole and col == COL_PASSAGE and not e.found:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_YEAR:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, e: Excerpt, col: int) -> str:
        c = self._convert
        if col == COL_REPORT:
            return c(e.title)
        if col == COL_REGION:
            return c(e.region)
        if col == COL_YEAR:
            return str(e.year) if e.year else ""
        if col == COL_SECTION:
            return c(e.section)
        if col == COL_PASSAGE:
            mark = "" if e.found else QCoreApplication.translate("ExcerptsModel", "〔未找到〕")
            return mark + c(" ".join(e.text.split()))
        if col == COL_NOTE:
            return e.note
        if col == COL_TAGS:
            return TAG_JOINER.join(e.tags)
        return ""

    def _tooltip(self, e: Excerpt, col: int) -> str | None:
        if col in (COL_NOTE, COL_TAGS):
            return QCoreApplication.translate("ExcerptsModel", "双击或按 F2 编辑")
        if col != COL_PASSAGE:
            return self._display(e, col) or None
        lines = [html.escape(self._convert(e.text)).replace("\n", "<br>")]
        pages = page_label(e.pages)
        if pages:
            lines.append(f"<i>{pages}</i>")
        if not e.found:
            lines.append("<i>" + html.escape(QCoreApplication.translate("ExcerptsModel", "在当前版本的报告中找不到这段文字（报告已修改或已移出资料库）；保留的是最后找到时的原文。")) + "</i>")
        elif e.changed:
            lines.append("<i>" + html.escape(QCoreApplication.translate("ExcerptsModel", "报告在这段之内有改动。摘录时的原文：")) + "</i><br>"
                         + html.escape(self._convert(e.collected)))
        return "<p>" + "</p><p>".join(lines) + "</p>"

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in EDITABLE:
            return False
        old = self._shown[index.row()]
        text = " ".join(str(value or "").split())  # one paragraph
        new = replace(old, note=text) if index.column() == COL_NOTE else replace(old, tags=normalize_tags(text))
        if new == old:
            return False
        self._all = [new if e.id == old.id else e for e in self._all]
        self._replace_shown(index.row(), new)
        self.edited.emit(new)
        return True

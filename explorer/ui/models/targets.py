"""Targets: the panel's table (TargetsModel: pages of a TargetQuery's answer, fetched as
the view scrolls), the theme chips (ThemeModel) and long choice lists (ChoiceModel)."""

from __future__ import annotations

from dataclasses import dataclass, replace
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
    Signal,
)

from explorer.core.model import Target
from explorer.core.scripts import fold
from explorer.library.targettable import TargetHit, TargetQuery, TargetsCancelled, select
from explorer.ui.tasks import TaskCancelled

RowRole = Qt.ItemDataRole.UserRole + 1  # the TargetHit (or TargetRow) of a row

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


def _count(library: Any, query: TargetQuery, ctx: Any) -> int:
    """The library's count, given up when the task is cancelled (TaskCancelled)."""
    if ctx is None:
        return library.target_count(query)
    try:
        return library.target_count(query, cancelled=lambda: ctx.cancelled)
    except TargetsCancelled:
        raise TaskCancelled from None


class LibraryTargets:
    """Every target of a library as an iterable of TargetHits, read a batch at a time each
    time it is iterated (in a worker: the Compare view maps them there). True when the
    library had targets when it was made (no query on the GUI thread)."""

    def __init__(self, library: Any, has_targets: bool) -> None:
        self.library = library
        self.has_targets = has_targets

    def __iter__(self):
        return iter(self.library.iter_target_hits(TargetQuery()))

    def __bool__(self) -> bool:
        return self.has_targets


SORT_KEYS = {COL_INDICATOR: "indicator", COL_VALUE: "value", COL_QUALIFIER: "qualifier", COL_KIND: "kind",
             COL_YEAR: "year", COL_REGION: "region", COL_REPORT: "report", COL_THEMES: "themes"}
PAGE_ROWS = 200  # rows asked of the library at a time, as the view scrolls


class TargetsModel(QAbstractTableModel):
    """The targets a TargetQuery asks for, of the library or of a report outside it.

    The library answers in pages (Library.target_hits: filtered, sorted and paged in the
    manifest), fetched as the view scrolls (canFetchMore/fetchMore), each on a worker of
    `runner` (none: on the calling thread, as tests need); the count comes apart, so the
    first page shows without waiting for it. Targets held in memory (a report outside the
    library) are answered at once (targettable.select). A new query or sort discards every
    answer still on its way to the old one.
    """

    first_page = Signal()  # the first rows of a new query or source are in
    counted = Signal()  # `total` is known
    failed = Signal(str)

    def __init__(self, parent=None, runner=None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._library: Any = None
        self._local: list[TargetHit] | None = None
        self._query = TargetQuery()
        self._rows: list[TargetHit] = []
        self._total: int | None = 0
        self._generation = 0
        self._loading = False
        self._exhausted = True
        self._count_task: Any = None
        self._convert = lambda s: s

    # -- contents ---------------------------------------------------------------------
    def set_source(self, library: Any = None, local: list[TargetHit] | None = None,
                   query: TargetQuery | None = None) -> None:
        """Targets of `library` (a Library), or the `local` ones, or none; asked `query`."""
        self._library, self._local = library, local
        if query is not None:
            self._query = query
        self.reload()

    def set_query(self, query: TargetQuery) -> None:
        if query != self._query:
            self._query = query
            self.reload()

    @property
    def query(self) -> TargetQuery:
        return self._query

    @property
    def library(self) -> Any:
        return self._library

    @property
    def total(self) -> int | None:
        """Targets the query matches; None until counted."""
        return self._total

    @property
    def loading(self) -> bool:
        return self._loading

    def set_convert(self, convert) -> None:
        self._convert = convert
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))

    @property
    def rows(self) -> list[TargetHit]:
        """The rows fetched so far, in order."""
        return self._rows

    def row_at(self, row: int) -> TargetHit:
        return self._rows[row]

    def all_rows(self):
        """A function that returns an iterator over every row of the query, in order: the
        library's read a batch at a time (call it in a worker)."""
        library, local, query = self._library, self._local, self._query
        if library is not None:
            return lambda: library.iter_target_hits(query)
        rows = select(local or [], query)
        return lambda: iter(rows)

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        self.beginResetModel()
        self._rows, self._loading, self._exhausted = [], False, True
        self._total = None if self._library is not None else 0
        if self._library is None and self._local:
            self._rows = select(self._local, self._query)
            self._total = len(self._rows)
        self.endResetModel()
        if self._library is None:
            self.first_page.emit()
            self.counted.emit()
            return
        self._exhausted = False
        if self._count_task is not None:
            self._count_task.cancel()  # a stale count may read every target: stop it
            self._count_task = None
        self._fetch(generation)

    def _start_count(self, generation: int) -> None:
        """After the first page: a count may read every target, and running beside the
        page it would delay what the user waits for."""
        library, query = self._library, self._query

        def counted(n: int) -> None:
            if generation == self._generation:
                self._total = n
                self.counted.emit()

        self._count_task = self._run(lambda ctx=None: _count(library, query, ctx), counted, "count targets")

    def _run(self, job, done, name: str) -> Any:
        generation = self._generation

        def failed(message: str) -> None:
            if generation == self._generation:
                self._loading = False
                self._exhausted = True
                self.failed.emit(message)

        if self._runner is None:
            try:
                result = job()
            except Exception as exc:  # what a worker would report
                failed(str(exc) or type(exc).__name__)
            else:
                done(result)
            return None
        return self._runner.run(job, done, failed, name=name)

    def _fetch(self, generation: int) -> None:
        self._loading = True
        # The next page starts after the last row held (keyset paging: as fast at row
        # 10,000 as at row 0), asked with the query those rows answered.
        library, query = self._library, self._query
        after = self._rows[-1] if self._rows else None

        def done(page: list[TargetHit]) -> None:
            if generation != self._generation:
                return
            # Still loading while the rows go in: views and testers may ask for more from
            # inside the insert signals, which would fetch this page again.
            if page:
                self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
                self._rows.extend(page)
                self.endInsertRows()
            self._loading = False
            self._exhausted = len(page) < PAGE_ROWS
            if after is None:
                self.first_page.emit()
                if self._exhausted:  # all of it in one page: that is the count
                    self._total = len(page)
                    self.counted.emit()
                else:
                    self._start_count(generation)

        self._run(lambda _ctx=None: library.target_hits(query, after=after, limit=PAGE_ROWS), done, "targets page")

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> bool:
        if parent.isValid() or self._library is None or self._loading or self._exhausted:
            return False
        return self._total is None or len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> None:
        if self.canFetchMore(parent):
            self._fetch(self._generation)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.set_query(replace(self._query, sort=SORT_KEYS.get(column, ""),
                               descending=order == Qt.SortOrder.DescendingOrder and column in SORT_KEYS))

    # -- Qt model ---------------------------------------------------------------------
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


class ChoiceModel(QAbstractListModel):
    """(data, label) choices for a combo box: one reset however many there are (a
    QComboBox fed item by item spends seconds on 10,000 reports)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[tuple[Any, str]] = []

    def set_items(self, items: list[tuple[Any, str]]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._items)):
            return None
        data, label = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return label
        if role == Qt.ItemDataRole.UserRole:
            return data
        return None

    def row_of(self, data: Any) -> int:
        return next((i for i, (d, _label) in enumerate(self._items) if d == data), -1)


class ThemeModel(QAbstractListModel):
    """Theme chips: name (count), checkable. Themes come from the targets found, plus the
    lexicon's names so a theme with no target yet is still visible (count 0)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._themes: list[tuple[str, int]] = []
        self._checked: set[str] = set()

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

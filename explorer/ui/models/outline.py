"""The section tree of one report."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from explorer.core.model import Section

SectionRole = Qt.ItemDataRole.UserRole + 1  # the Section itself
StartRole = Qt.ItemDataRole.UserRole + 2  # its start offset in the clean text


# Scraped pages mix "(一)" and "（一）" within one list (NFKC on some lines only): the
# outline shows one form so siblings line up. The text itself keeps what it says.
_FULL_WIDTH_PARENS = str.maketrans("()", "（）")


def section_label(s: Section) -> str:
    if s.number and not s.title.startswith(s.number):
        number = s.number.translate(_FULL_WIDTH_PARENS)
        # "一、标题", "（一）标题" read run together; "1 标题" needs the space.
        sep = "" if number[-1] in "、.．）" else " "
        return f"{number}{sep}{s.title}"
    return s.title


class OutlineModel(QStandardItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._sections: list[Section] = []
        self._items: list[tuple[int, int, QStandardItem]] = []  # (start, end, item)

    def set_sections(self, sections: list[Section] | tuple[Section, ...], convert=lambda s: s) -> None:
        """`convert` puts titles in the display script (same length, so same offsets)."""
        self.clear()
        self._sections = list(sections)
        self._items = []
        self._fill(self.invisibleRootItem(), self._sections, convert)

    def _fill(self, parent: QStandardItem, sections, convert) -> None:
        for s in sections:
            item = QStandardItem(convert(section_label(s)))
            item.setEditable(False)
            item.setToolTip(convert(section_label(s)))
            item.setData(s, SectionRole)
            item.setData(s.start, StartRole)
            parent.appendRow(item)
            self._items.append((s.start, s.end, item))
            self._fill(item, s.children, convert)

    @property
    def sections(self) -> list[Section]:
        return self._sections

    def index_for_offset(self, offset: int) -> QModelIndex:
        """The innermost section containing `offset`, or invalid before the first one."""
        best: QStandardItem | None = None
        best_len = None
        for start, end, item in self._items:
            if start <= offset < end and (best_len is None or end - start <= best_len):
                best, best_len = item, end - start
        return best.index() if best is not None else QModelIndex()

    def section_at(self, index: QModelIndex | QPersistentModelIndex) -> Section | None:
        value = index.data(SectionRole) if index.isValid() else None
        return value if isinstance(value, Section) else None

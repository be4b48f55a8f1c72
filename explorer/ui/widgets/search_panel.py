"""Search bar and results list. Each result is drawn as rich text: title, region, year,
hit count and snippets with the hits marked."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from explorer.core.model import Hit
from explorer.ui.models.results import HtmlRole, ResultsModel


class RichTextDelegate(QStyledItemDelegate):
    """Paints an item's HtmlRole with QTextDocument. Heights are cached per row width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sizes: dict[tuple[int, int], QSize] = {}

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(6)
        doc.setDefaultFont(option.font)  # type: ignore[attr-defined]
        doc.setHtml(index.data(HtmlRole) or "")
        doc.setTextWidth(max(50, option.rect.width()))  # type: ignore[attr-defined]
        return doc

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # type: ignore[attr-defined]
        style = opt.widget.style() if opt.widget else None  # type: ignore[attr-defined]
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)  # type: ignore[attr-defined]
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        # The selection is a pale tint (stylesheet), so the coloured facts and marked hits
        # stay readable on the chosen row too.
        ctx = QAbstractTextDocumentLayout.PaintContext()
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()
        # A hairline between results keeps a long list scannable.
        painter.save()
        painter.setPen(option.palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        # Laying out a rich-text row costs milliseconds; the view asks for every row's size
        # on each layout, so 200 results re-rendered at each resize or scroll held the GUI
        # thread for a second at 10,000 reports (bench_gui.py --large).
        key = (index.row(), option.rect.width())
        size = self._sizes.get(key)
        if size is None:
            doc = self._document(option, index)
            size = self._sizes[key] = QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)
        return size

    def forget_sizes(self) -> None:
        """The rows changed (new results, another script): measure them again."""
        self._sizes.clear()


class SearchPanel(QWidget):
    search_requested = Signal(str)
    result_chosen = Signal(object)  # Hit
    concordance_requested = Signal()  # "every hit in context" under the status line

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._occurrences: int | None = None  # hits over all matching reports, when known
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("searchEdit")
        self.edit.setPlaceholderText(self.tr("搜索全部报告… (Ctrl+L)"))
        self.edit.setToolTip(
            self.tr("空格 = 同时包含；OR = 或；-词 = 排除；\"短语\"；year:2021、year:2019..2022、region:常州、theme:就业")
        )
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(lambda: self.search_requested.emit(self.edit.text().strip()))
        layout.addWidget(self.edit)
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self.status.setText(self.tr("输入关键词后按回车。简体、繁体均可。"))
        layout.addWidget(self.status)
        self.concordance_link = QLabel(self)
        self.concordance_link.setObjectName("concordanceLink")
        link = self.tr("逐条查看语境（关键词索引）…")
        self.concordance_link.setText(f'<a href="kwic">{link}</a>')
        self.concordance_link.setToolTip(self.tr("每一处命中一行：左右语境、报告、地区、年份、章节；可排序、导出 (Ctrl+Shift+K)"))
        self.concordance_link.linkActivated.connect(lambda _href: self.concordance_requested.emit())
        self.concordance_link.hide()
        layout.addWidget(self.concordance_link)
        self.model = ResultsModel(self)
        self.view = QListView(self)
        self.view.setObjectName("resultsView")
        self.view.setModel(self.model)
        self.delegate = RichTextDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.model.modelReset.connect(self.delegate.forget_sizes)
        self.model.dataChanged.connect(lambda *_: self.delegate.forget_sizes())
        # Rows are laid out a batch at a time between events, not all in one go.
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(20)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setUniformItemSizes(False)
        self.view.setWordWrap(True)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.activated.connect(self._chosen)
        self.view.clicked.connect(self._chosen)
        layout.addWidget(self.view, 1)

    def _chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.result_chosen.emit(self.model.hit(index.row()))

    def focus_search(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def show_busy(self, query: str) -> None:
        self.status.setText(self.tr("正在搜索“%1”…").replace("%1", query))

    def show_results(self, query: str, hits: list[Hit], total: int, indexing: bool = False,
                     occurrences: int | None = None) -> None:
        """occurrences: the hits over all `total` reports, when the search knows them."""
        self.model.set_results(query, hits, total)
        self._occurrences = occurrences
        self._show_status(query, hits, total, indexing)
        self.concordance_link.setVisible(bool(hits))
        if hits:
            self.view.setCurrentIndex(self.model.index(0))

    def _show_status(self, query: str, hits: list[Hit], total: int, indexing: bool = False) -> None:
        occurrences = sum(h.hits for h in hits) if self._occurrences is None else self._occurrences
        if not hits and indexing:
            # Not "nothing found": the library is still being built and the search re-runs when it is.
            self.status.setText(self.tr("正在建立索引，完成后会重新搜索“%1”…").replace("%1", query))
        elif not hits:
            self.status.setText(self.tr("没有找到“%1”。").replace("%1", query))
        else:
            text = self.tr("“%1”：%2 份报告，共 %3 处").replace("%1", query).replace("%2", str(total)).replace("%3", str(occurrences))
            if total > len(hits):
                text += self.tr("（显示前 %1 份）").replace("%1", str(len(hits)))
            self.status.setText(text)

    def add_page(self, query: str, hits: list[Hit], total: int, occurrences: int | None = None) -> None:
        """More results of the query shown (the list was scrolled to its end)."""
        if query == self.model.query:  # not a late reply to a replaced search
            self._occurrences = occurrences
        self.model.add_page(query, hits, total)
        self._show_status(query, self.model._hits, total)

    def show_error(self, message: str) -> None:
        self.status.setText(self.tr("查询有误：%1").replace("%1", message))
        self.concordance_link.hide()

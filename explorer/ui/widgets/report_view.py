"""The report's clean text, readable, with every hit highlighted.

The view holds the clean text in the display script (OpenCC conversion keeps Python
length, so section, target and hit offsets stay valid) and converts offsets to Qt's
UTF-16 positions with a Utf16Map of the displayed text, here and nowhere else.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QWidget

from explorer.core.model import Report, walk_sections
from explorer.core.scripts import convert_for_display
from explorer.ui.textpos import Utf16Map

HIT_COLOR = QColor("#ffe58a")
CURRENT_HIT_COLOR = QColor("#ff9f1c")
FIND_COLOR = QColor("#b8e0ff")
TARGET_COLOR = QColor("#c9f2c7")
HEADING_COLOR = QColor("#1f3a5f")
PAGE_MARK_COLOR = QColor("#7b93b0")
PAGE_MARGIN = 64  # right margin (px) that holds the page marks of a paginated report


class ReportView(QTextEdit):
    # Python offset of the first visible character, emitted (debounced) as the user scrolls.
    top_offset_changed = Signal(int)
    copy_cited_requested = Signal()
    add_excerpt_requested = Signal()
    current_hit_changed = Signal(int, int)  # index, count

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setUndoRedoEnabled(False)
        self.setAcceptRichText(False)
        self.setObjectName("reportView")
        self.document().setDocumentMargin(24)
        self.report: Report | None = None
        self.script = "original"
        self.displayed = ""
        self._map = Utf16Map("")
        self.hits: list[tuple[int, int]] = []
        self.current_hit = -1
        self.finds: list[tuple[int, int]] = []
        self.marked: tuple[int, int] | None = None  # a target or a find match, marked apart
        self._font_size = 13
        self._scroll_timer = QTimer(self)
        self._scroll_timer.setSingleShot(True)
        self._scroll_timer.setInterval(60)
        self._scroll_timer.timeout.connect(self._emit_top_offset)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._scroll_timer.start())

        self.copy_cited_action = QAction(self.tr("带引文复制"), self)
        self.copy_cited_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_cited_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_cited_action.triggered.connect(self.copy_cited_requested)
        self.addAction(self.copy_cited_action)
        self.add_excerpt_action = QAction(self.tr("添加到摘录…"), self)
        self.add_excerpt_action.setShortcut(QKeySequence("Ctrl+E"))
        self.add_excerpt_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.add_excerpt_action.triggered.connect(self.add_excerpt_requested)
        self.addAction(self.add_excerpt_action)
        self.show_page_marks = True
        self.set_font_size(self._font_size)

    # -- content ---------------------------------------------------------------------
    def set_report(self, report: Report | None, script: str | None = None) -> None:
        self.report = report
        if script is not None:
            self.script = script
        self.hits, self.current_hit, self.finds, self.marked = [], -1, [], None
        self._render()
        self._scroll_timer.start()  # where the new text's top is (its page, its section)

    def set_script(self, script: str) -> None:
        """Re-display in another script; offsets, hits and the scroll position stay."""
        if script == self.script:
            return
        top = self.top_offset()
        sel = self.selection_span()
        self.script = script
        self._render()
        if sel:
            self.select_span(*sel)
        self.scroll_to_offset(top, center=False)

    def _render(self) -> None:
        text = self.report.text if self.report else ""
        self.displayed = convert_for_display(text, self.script)
        self._map = Utf16Map(self.displayed)
        self.setPlainText(self.displayed)
        self._format_blocks()
        self._apply_selections()
        self._set_page_margin()

    def _format_blocks(self) -> None:
        """Airy paragraphs and bold headings: a text read for hours deserves it."""
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        block = QTextBlockFormat()
        block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setBottomMargin(self._font_size * 0.7)
        cursor.mergeBlockFormat(block)
        if self.report:
            heading = QTextCharFormat()
            heading.setFontWeight(QFont.Weight.DemiBold)
            heading.setForeground(HEADING_COLOR)
            for s in walk_sections(self.report.sections):
                line_end = self.displayed.find("\n", s.start)
                line_end = len(self.displayed) if line_end < 0 else line_end
                # A run-in heading ("（一）优布局。" then body) is bold only as far as its title.
                label = len(s.title) if s.title.startswith(s.number) else len(s.number) + len(s.title)
                end = min(line_end, s.start + label + 1)
                cursor.setPosition(self._map.to_qt(s.start))
                cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(heading)
        cursor.endEditBlock()

    def set_font_size(self, size: int) -> None:
        self._font_size = size
        font = QFont(self.font())
        font.setPointSize(size)
        self.document().setDefaultFont(font)
        if self.report:
            self._format_blocks()

    @property
    def font_size(self) -> int:
        return self._font_size

    # -- offsets ---------------------------------------------------------------------
    def to_qt(self, offset: int) -> int:
        return self._map.to_qt(offset)

    def from_qt(self, position: int) -> int:
        return self._map.from_qt(position)

    def top_offset(self) -> int:
        cursor = self.cursorForPosition(QPoint(4, 4))
        return self.from_qt(cursor.position())

    def _emit_top_offset(self) -> None:
        if self.report:
            self.top_offset_changed.emit(self.top_offset())

    def scroll_to_offset(self, offset: int, *, center: bool = False) -> None:
        """Bring `offset` into view: at the top (sections) or centred (hits, targets)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(self.to_qt(offset), self.document().characterCount() - 1))
        rect = self.document().documentLayout().blockBoundingRect(cursor.block())
        line = cursor.block().layout().lineForTextPosition(cursor.positionInBlock())
        y = rect.top() + (line.y() if line.isValid() else 0)
        bar = self.verticalScrollBar()
        if center:
            y -= self.viewport().height() / 3
        bar.setValue(int(max(0, y - (0 if center else 8))))

    def selection_span(self) -> tuple[int, int] | None:
        c = self.textCursor()
        if not c.hasSelection():
            return None
        return self.from_qt(c.selectionStart()), self.from_qt(c.selectionEnd())

    def select_span(self, start: int, end: int) -> None:
        c = QTextCursor(self.document())
        c.setPosition(self.to_qt(start))
        c.setPosition(self.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(c)

    # -- highlights ------------------------------------------------------------------
    def set_hits(self, spans, current: int = 0) -> None:
        n = len(self.displayed)
        self.hits = sorted((s, e) for s, e in spans if 0 <= s < e <= n)
        self.current_hit = min(current, len(self.hits) - 1) if self.hits else -1
        self._apply_selections()
        if self.current_hit >= 0:
            self.scroll_to_offset(self.hits[self.current_hit][0], center=True)
        self.current_hit_changed.emit(self.current_hit, len(self.hits))

    def go_to_hit(self, step: int) -> None:
        """F3 / Shift+F3: next or previous hit, wrapping around."""
        if not self.hits:
            return
        self.current_hit = (self.current_hit + step) % len(self.hits)
        self._apply_selections()
        self.scroll_to_offset(self.hits[self.current_hit][0], center=True)
        self.current_hit_changed.emit(self.current_hit, len(self.hits))

    def set_finds(self, spans) -> None:
        self.finds = list(spans)
        self._apply_selections()

    def mark(self, start: int, end: int) -> None:
        """Mark one span (a chosen target or find match) and bring it into view."""
        self.marked = (start, end)
        self._apply_selections()
        self.scroll_to_offset(start, center=True)

    def _selection(self, start: int, end: int, color: QColor, bold: bool = False) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        c = QTextCursor(self.document())
        c.setPosition(self.to_qt(start))
        c.setPosition(self.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = c  # type: ignore[misc]
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        if bold:
            fmt.setFontUnderline(True)
        sel.format = fmt  # type: ignore[misc]
        return sel

    def _apply_selections(self) -> None:
        sels = [self._selection(s, e, FIND_COLOR) for s, e in self.finds]
        for i, (s, e) in enumerate(self.hits):
            sels.append(self._selection(s, e, CURRENT_HIT_COLOR if i == self.current_hit else HIT_COLOR, i == self.current_hit))
        if self.marked:
            sels.append(self._selection(*self.marked, TARGET_COLOR, True))
        self.setExtraSelections(sels)

    def highlighted_text(self) -> list[str]:
        """The displayed text under each hit highlight (what a user sees marked)."""
        return [self.displayed[s:e] for s, e in self.hits]

    # -- pages (reports read from a PDF) -----------------------------------------------
    @property
    def pages(self) -> list[int]:
        return list(self.report.pages or []) if self.report else []

    def page_at(self, offset: int) -> int:
        """Page number (1-based) of `offset`; 0 for a report without pages."""
        pages = self.pages
        return max(1, bisect_right(pages, offset)) if pages else 0

    def set_show_page_marks(self, show: bool) -> None:
        self.show_page_marks = show
        self._set_page_margin()
        self.viewport().update()

    def _set_page_margin(self) -> None:
        """A paginated report gets a right margin to hold its page marks, beside the text."""
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        fmt.setRightMargin(PAGE_MARGIN if self.pages and self.show_page_marks else 0)
        frame.setFrameFormat(fmt)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.show_page_marks and self.pages:
            self._paint_page_marks()

    def _paint_page_marks(self) -> None:
        """Where a page starts: a thin tick before its first character and, in the right
        margin on that line, its number. Only the pages in view are looked up."""
        pages = self.pages
        height = self.viewport().height()
        first = max(0, bisect_right(pages, self.top_offset()) - 1)
        painter = QPainter(self.viewport())
        font = QFont(self.document().defaultFont())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.72))
        painter.setFont(font)
        width = self.viewport().width()
        for number in range(first + 1, len(pages) + 1):
            cursor = QTextCursor(self.document())
            cursor.setPosition(min(self.to_qt(pages[number - 1]), self.document().characterCount() - 1))
            rect = self.cursorRect(cursor)
            if rect.top() > height:
                break
            # A corner (⌜) before the page's first character: not to be taken for the caret.
            painter.setPen(QPen(PAGE_MARK_COLOR, 1.5))
            x, top, bottom = rect.left() - 1, rect.top() + 2, rect.bottom() - 2
            painter.drawLine(x, top, x, bottom)
            painter.drawLine(x, top, x + 5, top)
            painter.setPen(PAGE_MARK_COLOR)
            label = QRect(width - PAGE_MARGIN + 8, rect.top(), PAGE_MARGIN - 14, rect.height())
            painter.drawText(label, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             self.tr("第%1页").replace("%1", str(number)))
        painter.end()

    # -- menu ------------------------------------------------------------------------
    def contextMenuEvent(self, event) -> None:
        menu: QMenu = self.createStandardContextMenu()
        actions = menu.actions()
        ours = (self.copy_cited_action, self.add_excerpt_action)
        if actions:
            menu.insertActions(actions[0], list(ours))
            menu.insertSeparator(actions[0])
        else:
            menu.addActions(list(ours))
        selected = self.textCursor().hasSelection()
        for action in ours:
            action.setEnabled(selected)
        menu.exec(event.globalPos())
        for action in ours:
            action.setEnabled(True)

"""Search results: one row per matching report."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from explorer.core.model import Hit
from explorer.core.scripts import fold

HitRole = Qt.ItemDataRole.UserRole + 1  # the Hit
HtmlRole = Qt.ItemDataRole.UserRole + 2  # rich text for the delegate: title, facts, marked snippets

MAX_SNIPPETS_SHOWN = 3
# The library wraps each hit of a snippet in « »; other engines' markup is dropped.
HIT_MARKS = ("«", "»")
_FOREIGN_MARKS = ("<b>", "</b>", "<em>", "</em>")


# Default for the `parent` argument Qt passes to rowCount/columnCount.
NO_PARENT = QModelIndex()



def _terms(query: str) -> list[str]:
    """The words of a query worth marking in a snippet: no operators, filters or NOT terms."""
    terms = []
    for word in query.replace("“", '"').replace("”", '"').split('"'):
        for t in word.split():
            if t in ("OR", "AND", "NOT") or t.startswith("-") or ":" in t:
                continue
            terms.append(t)
    return [t for t in terms if t]


def _marked_by_library(snippet: str) -> tuple[str, list[bool]] | None:
    """Strip the library's « » marks, keeping which characters they enclosed."""
    opening, closing = HIT_MARKS
    if opening not in snippet:
        return None
    chars: list[str] = []
    marked: list[bool] = []
    inside = False
    for ch in snippet:
        if ch == opening:
            inside = True
        elif ch == closing:
            inside = False
        else:
            chars.append(ch)
            marked.append(inside)
    return "".join(chars), marked


def mark_snippet(snippet: str, terms: list[str]) -> str:
    """HTML of a snippet with its hits marked: where the library marked them, else every
    occurrence of a query term, matched on the folded form (same length) so a Simplified
    query marks Traditional text too."""
    for m in _FOREIGN_MARKS:
        snippet = snippet.replace(m, "")
    by_library = _marked_by_library(snippet)
    if by_library is not None:
        snippet, marked = by_library
    else:
        folded = fold(snippet)
        marked = [False] * len(snippet)
        for term in terms:
            ft = fold(term)
            i = folded.find(ft)
            while ft and i >= 0:
                for k in range(i, i + len(ft)):
                    marked[k] = True
                i = folded.find(ft, i + len(ft))
    out = []
    k = 0
    while k < len(snippet):
        j = k
        while j < len(snippet) and marked[j] == marked[k]:
            j += 1
        piece = html.escape(snippet[k:j]).replace("\n", " ")
        out.append(f'<span style="background:#ffe066">{piece}</span>' if marked[k] else piece)
        k = j
    return "".join(out)


PAGE = 200  # results asked for at a time


class ResultsModel(QAbstractListModel):
    """The reports a search found, a page at a time: when the view scrolls to the end of
    the rows it holds and the search found more, `more_wanted` asks for the next page
    (the window searches again with a larger limit, in a worker, and calls add_page)."""

    more_wanted = Signal(str, int)  # query, how many results to hold

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._asked = 0  # results asked for by the last more_wanted (0: none pending)
        self._hits: list[Hit] = []
        self._html: list[str | None] = []
        self._terms: list[str] = []
        self.query = ""
        self.total = 0

    def set_results(self, query: str, hits: list[Hit], total: int | None = None) -> None:
        self.beginResetModel()
        self.query = query
        self._terms = _terms(query)
        self._hits = list(hits)
        self._html = [None] * len(self._hits)  # rendered lazily: only visible rows pay
        self.total = len(hits) if total is None else total
        self._asked = 0
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and not self._asked and len(self._hits) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if self.canFetchMore(parent):
            self._asked = len(self._hits) + PAGE
            self.more_wanted.emit(self.query, self._asked)

    def add_page(self, query: str, hits: list[Hit], total: int) -> None:
        """The results of `query` again with a larger limit: the rows beyond those held are
        appended (ranking is deterministic, so the first ones are the same)."""
        if query != self.query or not self._asked:
            return  # another search replaced this one meanwhile
        self._asked = 0
        self.total = total
        new = list(hits[len(self._hits):])
        if not new:
            return
        self.beginInsertRows(QModelIndex(), len(self._hits), len(self._hits) + len(new) - 1)
        self._hits.extend(new)
        self._html.extend([None] * len(new))
        self.endInsertRows()

    def clear(self) -> None:
        self.set_results("", [], 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def hit(self, row: int) -> Hit:
        return self._hits[row]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._hits)) or index.column() != 0:
            return None
        hit = self._hits[index.row()]
        title = hit.title or Path(hit.path).name
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{title} · {hit.region or '?'} · {hit.year or '?'} · {hit.hits}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.path
        if role == HitRole:
            return hit
        if role == HtmlRole:
            if self._html[index.row()] is None:
                self._html[index.row()] = self._render(hit, title)
            return self._html[index.row()]
        return None

    def _render(self, hit: Hit, title: str) -> str:
        facts = " · ".join(
            x for x in (hit.region, QCoreApplication.translate("ResultsModel", "%1年").replace("%1", str(hit.year)) if hit.year else "") if x
        )
        count = QCoreApplication.translate("ResultsModel", "%1 处").replace("%1", str(hit.hits))
        parts = [
            f'<div style="font-weight:600">{html.escape(title)}</div>',
            f'<div style="color:#5f6b7a">{html.escape(facts)}{" · " if facts else ""}'
            f'<span style="color:#b35c00">{html.escape(count)}</span></div>',
        ]
        for snippet in hit.snippets[:MAX_SNIPPETS_SHOWN]:
            parts.append(f'<div style="color:#303640">{mark_snippet(snippet, self._terms)}</div>')
        if len(hit.snippets) > MAX_SNIPPETS_SHOWN:
            more = QCoreApplication.translate("ResultsModel", "还有 %1 段").replace("%1", str(len(hit.snippets) - MAX_SNIPPETS_SHOWN))
            parts.append(f'<div style="color:#8a94a3">{html.escape(more)}</div>')
        return "".join(parts)

"""Search results: a list model and a delegate drawing the highlighted snippets."""
from __future__ import annotations

import html

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate

if TYPE_CHECKING:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QStyleOptionViewItem

from fieldapp.core import corpus
from fieldapp.core.i18n import _
from fieldapp.core.textfold import HL_CLOSE, HL_OPEN, render_snippet

IdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
HtmlRole = Qt.ItemDataRole.UserRole + 3


def snippet_html(snippet: str, emphasis: bool = True) -> str:
    """Escape the snippet (data), then turn the highlight markers into bold marked text.
    `emphasis`: mandate text, whose *…* marks are dropped; a note's stars are its own text."""
    return render_snippet(html.escape(snippet.replace("*", "") if emphasis else snippet,
                                      quote=True),
                          "<b class='hl' style='background-color:#ffe066'>", "</b>")


class SearchResultsModel(QAbstractListModel):
    """Rows: {"id", "kind": "paragraph"|"note", "lang", "snippet"} best first."""

    def __init__(self, parent=None, ui_lang: str = "en"):
        super().__init__(parent)
        self._rows: list[dict] = []
        self._ui_lang = ui_lang
        self.show_lang = True  # tag hits [EN]/[FR] when both languages are searched

    def set_results(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def result(self, row: int) -> dict:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def _heading(self, r: dict) -> str:
        if r["kind"] == "note":
            return _("Note")
        lang = r["lang"] if r["lang"] in corpus.LANGS else self._ui_lang
        cite = corpus.citation(r["id"], lang).removeprefix(corpus.SYMBOL + ", ")
        return f"{cite} [{r['lang'].upper()}]" if r["lang"] and self.show_lang else cite

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            plain = r["snippet"].replace(HL_OPEN, "").replace(HL_CLOSE, "")
            if r["kind"] != "note":
                plain = plain.replace("*", "")
            return f"{self._heading(r)}: {plain}"
        if role == HtmlRole:
            return (f"<b>{html.escape(self._heading(r))}</b><br/>"
                    f"<span>{snippet_html(r['snippet'], r['kind'] != 'note')}</span>")
        if role == IdRole:
            return r["id"]
        if role == KindRole:
            return r["kind"]
        return None


class SnippetDelegate(QStyledItemDelegate):
    """Draws HtmlRole as rich text (only our own markup: the snippet is escaped).

    The Qt classes it draws with are imported when it first draws: the results list is hidden
    at start-up, and QStyle alone costs ~10 ms of Python enum set-up (bench_startup)."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(4)
        doc.setDefaultStyleSheet("b.hl { color: #000000; }")  # readable when selected too
        doc.setHtml(index.data(HtmlRole) or "")
        doc.setTextWidth(max(80, option.rect.width()))
        return doc

    def paint(self, painter, option, index) -> None:
        from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette
        from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(opt.rect.translated(-opt.rect.topLeft()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        from PySide6.QtCore import QSize
        from PySide6.QtWidgets import QStyleOptionViewItem

        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = opt.widget.viewport().width() if opt.widget else 300
        opt.rect.setWidth(width)
        doc = self._document(opt, index)
        return QSize(width, int(doc.size().height()) + 2)

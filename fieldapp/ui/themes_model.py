"""Themes tree: theme (with its paragraph count) → its paragraphs, fetched when expanded."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from fieldapp.core import corpus
from fieldapp.core.i18n import format_number

_THEME = 0xFFFFFFFF  # internalId of a theme row; a paragraph row stores its theme's row


class ThemesModel(QAbstractItemModel):
    """ThemeIdRole gives a theme row's ID; UnitIdRole a paragraph row's unit ID."""

    ThemeIdRole = Qt.ItemDataRole.UserRole + 1
    UnitIdRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, store, lang: str = "en", parent=None, gist=None):
        super().__init__(parent)
        self._store = store
        self._gist = gist  # optional (uid, lang) -> short text shown after the citation
        self._lang = lang
        self._themes = store.themes()
        self._units: dict[int, list[str]] = {}   # theme row → unit IDs, once fetched

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self.layoutChanged.emit()

    def theme(self, row: int) -> dict:
        return self._themes[row]

    def row_of(self, theme_id: str) -> int:
        return next((i for i, t in enumerate(self._themes) if t["id"] == theme_id), -1)

    # -- Qt model API -------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _THEME) if row < len(self._themes) else QModelIndex()
        if parent.internalId() != _THEME or parent.row() not in self._units:
            return QModelIndex()
        if row >= len(self._units[parent.row()]):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row())

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _THEME:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, _THEME)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        if not parent.isValid():
            return len(self._themes)
        if parent.internalId() == _THEME:
            return len(self._units.get(parent.row(), ()))
        return 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 1

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:
        if not parent.isValid():
            return bool(self._themes)
        return parent.internalId() == _THEME and self._themes[parent.row()]["count"] > 0

    def canFetchMore(self, parent: QModelIndex) -> bool:
        return (parent.isValid() and parent.internalId() == _THEME
                and parent.row() not in self._units)

    def fetchMore(self, parent: QModelIndex) -> None:
        if not self.canFetchMore(parent):
            return
        uids = self._store.theme_units(self._themes[parent.row()]["id"])
        if uids:
            self.beginInsertRows(parent, 0, len(uids) - 1)
            self._units[parent.row()] = uids
            self.endInsertRows()
        else:
            self._units[parent.row()] = []

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _THEME:
            theme = self._themes[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                name = theme["name"].get(self._lang) or theme["name"]["en"]
                return f"{name} ({format_number(theme['count'], self._lang)})"
            if role == Qt.ItemDataRole.ToolTipRole:
                desc = theme.get("description") or {}
                return desc.get(self._lang) or desc.get("en")
            if role == self.ThemeIdRole:
                return theme["id"]
            return None
        uid = self._units[index.internalId()][index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            cite = corpus.citation(uid, self._lang).removeprefix(corpus.SYMBOL + ", ")
            return f"{cite} — {self._gist(uid, self._lang)}" if self._gist else cite
        if role == Qt.ItemDataRole.ToolTipRole:
            return corpus.citation(uid, self._lang)
        if role == self.UnitIdRole:
            return uid
        return None

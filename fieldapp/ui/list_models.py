"""Flat list models over core data: glossary entries and bookmarks."""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from fieldapp.core import corpus

IdRole = Qt.ItemDataRole.UserRole + 1


def _sort_key(text: str) -> str:
    from fieldapp.core.annotate import fold_with_map

    return fold_with_map(text)[0]


class GlossaryModel(QAbstractListModel):
    """Glossary terms in alphabetical order of the current language:
    "MDSF — Malian Defence and Security Forces" (FR: "FDSM — …")."""

    def __init__(self, entries: list[dict], lang: str = "en", parent=None):
        super().__init__(parent)
        self._all = entries
        self._lang = lang
        self._entries = self._sorted()

    def _sorted(self) -> list[dict]:
        return sorted(self._all, key=lambda e: _sort_key(
            e["term"].get(self._lang) or e["term"]["en"]))

    def set_language(self, lang: str) -> None:
        self.layoutAboutToBeChanged.emit()
        self._lang = lang
        old = self._entries
        self._entries = self._sorted()
        moves = {id(e): i for i, e in enumerate(self._entries)}
        for index in self.persistentIndexList():
            if index.isValid():
                self.changePersistentIndex(index, self.index(moves[id(old[index.row()])]))
        self.layoutChanged.emit()

    def entry(self, row: int) -> dict:
        return self._entries[row]

    def row_of(self, gid: str) -> int:
        return next((i for i, e in enumerate(self._entries) if e["id"] == gid), -1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        e = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            term = e["term"].get(self._lang) or e["term"]["en"]
            exp = (e.get("expansion") or {}).get(self._lang)
            return f"{term} — {exp}" if exp and exp != term else term
        if role == Qt.ItemDataRole.ToolTipRole:
            d = e.get("definition") or {}
            return d.get(self._lang) or d.get("en")
        if role == IdRole:
            return e["id"]
        return None


class BookmarksModel(QAbstractListModel):
    """Bookmarked units in document order; refreshed from the store after each change."""

    def __init__(self, store, gist, lang: str = "en", parent=None):
        super().__init__(parent)
        self._store = store
        self._gist = gist
        self._lang = lang
        self._ids: list[str] = store.bookmarks()

    def refresh(self) -> None:
        self.beginResetModel()
        self._ids = self._store.bookmarks()
        self.endResetModel()

    def set_language(self, lang: str) -> None:
        self._lang = lang
        if self._ids:
            self.dataChanged.emit(self.index(0), self.index(len(self._ids) - 1))

    def ids(self) -> list[str]:
        return list(self._ids)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        uid = self._ids[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            cite = corpus.citation(uid, self._lang).removeprefix(corpus.SYMBOL + ", ")
            return f"{cite} — {self._gist(uid, self._lang)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return corpus.citation(uid, self._lang)
        if role == IdRole:
            return uid
        return None

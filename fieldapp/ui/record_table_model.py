"""Shared plumbing of the records table models (ledger, tasks, contacts)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


class RecordTableModel(QAbstractTableModel):
    """Rows are dicts with an "id", reloaded from the store by `refresh()`.

    Subclasses set COLUMNS, and implement `load()` (the rows, from the store),
    `header_labels()` (translated, one per column) and `data()`.
    """

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self._store = store
        self._rows: list[dict] = []

    def load(self) -> list[dict]:
        raise NotImplementedError

    def header_labels(self) -> list[str]:
        raise NotImplementedError

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = self.load()
        self.endResetModel()

    def record_at(self, row: int) -> dict:
        return self._rows[row]

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r["id"] == record_id), -1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.header_labels()[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

"""Table model of contacts (organisations first, then people)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from fieldapp.core.i18n import _, language
from fieldapp.core.records.validate import SENSITIVITY_LABELS

ContactIdRole = Qt.ItemDataRole.UserRole + 1


class ContactsModel(QAbstractTableModel):
    COLUMNS = ("name", "kind", "role", "organisation", "phone", "email", "location",
               "sensitivity")

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self._store = store
        self._rows: list[dict] = []
        self.kind: str | None = None
        self.query = ""
        self.refresh()

    def set_filter(self, kind: str | None, query: str) -> None:
        self.kind, self.query = kind, query.strip()
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = self._store.contacts(kind=self.kind, query=self.query or None)
        self.endResetModel()

    def contact_at(self, row: int) -> dict:
        return self._rows[row]

    def row_of(self, contact_id: str) -> int:
        return next((i for i, c in enumerate(self._rows) if c["id"] == contact_id), -1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return [_("Name"), _("Kind"), _("Role"), _("Organisation"), _("Phone"),
                    _("E-mail"), _("Location"), _("Sensitivity")][section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c, col = self._rows[index.row()], self.COLUMNS[index.column()]
        if role == ContactIdRole:
            return c["id"]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (c["note"] or None) if col == "name" else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == "name":
            name = c["name_fr"] if language() == "fr" and c["name_fr"] else c["name"]
            return f"{name} ({c['acronym']})" if c["acronym"] and c["acronym"] != name else name
        if col == "kind":
            return _("organisation") if c["kind"] == "organisation" else _("person")
        if col == "sensitivity":
            return _(SENSITIVITY_LABELS[c["sensitivity"]])
        return c[col]

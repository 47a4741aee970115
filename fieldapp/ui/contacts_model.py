"""Table model of contacts (organisations first, then people)."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from fieldapp.core.i18n import _, language
from fieldapp.core.records.validate import SENSITIVITY_LABELS
from fieldapp.ui.record_table_model import RecordTableModel

ContactIdRole = Qt.ItemDataRole.UserRole + 1


class ContactsModel(RecordTableModel):
    COLUMNS = ("name", "kind", "role", "organisation", "phone", "email", "location",
               "sensitivity")

    def __init__(self, store, parent=None):
        super().__init__(store, parent)
        self.kind: str | None = None
        self.query = ""
        self.refresh()

    def set_filter(self, kind: str | None, query: str) -> None:
        self.kind, self.query = kind, query.strip()
        self.refresh()

    def load(self) -> list[dict]:
        return self._store.contacts(kind=self.kind, query=self.query or None)

    def contact_at(self, row: int) -> dict:
        return self.record_at(row)

    def header_labels(self) -> list[str]:
        return [_("Name"), _("Kind"), _("Role"), _("Organisation"), _("Phone"),
                    _("E-mail"), _("Location"), _("Sensitivity")]

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

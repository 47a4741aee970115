"""Table model of tasks (mandated tasks, reporting duties, the user's own)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from fieldapp.core.i18n import N_, _, format_date, language

TaskIdRole = Qt.ItemDataRole.UserRole + 1
STATUS_LABELS = {"open": N_("open"), "in-progress": N_("in progress"), "done": N_("done"),
                 "cancelled": N_("cancelled")}
KIND_LABELS = {"priority-task": N_("priority task"), "other-task": N_("other task"),
               "reporting": N_("reporting duty"), "user": N_("own task")}


def due_text(t: dict) -> str:
    if t["due"]:
        return format_date(t["due"], "medium")
    if t["first_due"]:
        return _("from {date}, every {n} months").format(
            date=format_date(t["first_due"], "medium"), n=t["cadence_months"])
    return ""


class TasksModel(QAbstractTableModel):
    """Rows from store.tasks(**filters), soonest due first."""

    COLUMNS = ("title", "kind", "owner", "status", "due", "units")

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self._store = store
        self._rows: list[dict] = []
        self.filters: dict = {}
        self.refresh()

    def set_filters(self, **filters) -> None:
        self.filters = {k: v for k, v in filters.items() if v}
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = self._store.tasks(**self.filters)
        self.endResetModel()

    def task_at(self, row: int) -> dict:
        return self._rows[row]

    def row_of(self, task_id: str) -> int:
        return next((i for i, t in enumerate(self._rows) if t["id"] == task_id), -1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return [_("Task"), _("Kind"), _("Owner"), _("Status"), _("Due"),
                    _("Paragraphs")][section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        t, col = self._rows[index.row()], self.COLUMNS[index.column()]
        if role == TaskIdRole:
            return t["id"]
        if role == Qt.ItemDataRole.ToolTipRole:
            note = t["note_fr"] if language() == "fr" and t["note_fr"] else t["note"]
            title = t["title_fr"] if language() == "fr" and t["title_fr"] else t["title"]
            return f"{title}\n\n{note}" if note else title
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        fr = language() == "fr"
        if col == "title":
            indent = "    " if t["parent"] else ""
            return indent + ((t["title_fr"] if fr and t["title_fr"] else t["title"]))
        if col == "kind":
            return _(KIND_LABELS.get(t["kind"], t["kind"]))
        if col == "owner":
            return t["owner_fr"] if fr and t["owner_fr"] else t["owner"]
        if col == "status":
            return _(STATUS_LABELS[t["status"]])
        if col == "due":
            return due_text(t)
        return ", ".join(t["units"])

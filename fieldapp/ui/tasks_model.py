"""Table model of tasks (mandated tasks, reporting duties, the user's own)."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from fieldapp.core.i18n import N_, _, format_date, language
from fieldapp.ui.record_table_model import RecordTableModel

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


class TasksModel(RecordTableModel):
    """Rows from store.tasks(**filters), soonest due first."""

    COLUMNS = ("title", "kind", "owner", "status", "due", "units")

    def __init__(self, store, parent=None):
        super().__init__(store, parent)
        self.filters: dict = {}
        self.refresh()

    def set_filters(self, **filters) -> None:
        self.filters = {k: v for k, v in filters.items() if v}
        self.refresh()

    def load(self) -> list[dict]:
        return self._store.tasks(**self.filters)

    def task_at(self, row: int) -> dict:
        return self.record_at(row)

    def header_labels(self) -> list[str]:
        return [_("Task"), _("Kind"), _("Owner"), _("Status"), _("Due"),
                    _("Paragraphs")]

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

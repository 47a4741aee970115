"""Add one of the user's own tasks, or edit a task's owner, status, due date and links."""
from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QFormLayout, QLineEdit,
                               QPlainTextEdit)

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import _
from fieldapp.core.records.tasks import STATUSES
from fieldapp.ui.note_dialog import split_list
from fieldapp.ui.tasks_model import STATUS_LABELS
from fieldapp.ui.dialog_parts import error_label, lay_out


class TaskDialog(QDialog):
    """On OK the task is saved through the store; `saved` holds it. Errors show inline."""

    def __init__(self, store, task: dict | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.task = task
        self.saved: dict | None = None
        self.setWindowTitle(_("Edit task") if task else _("Add task"))
        self.setMinimumWidth(520)
        self.title = QLineEdit(task["title"] if task else "")
        self.owner = QLineEdit(task["owner"] if task else "")
        self.owner.setPlaceholderText(_("section, e.g. Civil Affairs, Gao"))
        self.status = QComboBox()
        for s in STATUSES:
            self.status.addItem(_(STATUS_LABELS[s]), s)
        self.has_due = QCheckBox(_("Due date"))
        self.due = QDateEdit(QDate.currentDate())
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.has_due.toggled.connect(self.due.setEnabled)
        self.units = QLineEdit(", ".join(task["units"]) if task else "")
        self.units.setPlaceholderText(_("paragraph IDs, e.g. op28.c.ii"))
        self.note = QPlainTextEdit(task["note"] if task else "")
        self.error = error_label()
        if task:
            self.status.setCurrentIndex(max(self.status.findData(task["status"]), 0))
            if task["due"]:
                self.due.setDate(QDate.fromString(task["due"], "yyyy-MM-dd"))
        self.has_due.setChecked(bool(task and task["due"]))
        self.due.setEnabled(self.has_due.isChecked())
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Title"), self.title)
        form.addRow(_("Owner"), self.owner)
        form.addRow(_("Status"), self.status)
        form.addRow(self.has_due, self.due)
        form.addRow(_("Paragraphs"), self.units)
        lay_out(self, form, _("Note"), self.note, self.error)

    def values(self) -> dict:
        return {"title": self.title.text(), "owner": self.owner.text(),
                "status": self.status.currentData(),
                "due": self.due.date().toString("yyyy-MM-dd") if self.has_due.isChecked()
                else None,
                "units": split_list(self.units.text()), "note": self.note.toPlainText()}

    def accept(self) -> None:
        v = self.values()
        try:
            if self.task is None:
                self.saved = self.store.add_task(v.pop("title"), **v)
            else:
                self.saved = self.store.edit_task(self.task["id"], **v)
        except FieldappError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()

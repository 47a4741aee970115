"""Add or edit one contact (organisation or person); errors show inline."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QPlainTextEdit

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import _
from fieldapp.core.records.validate import SENSITIVITIES, SENSITIVITY_LABELS
from fieldapp.ui.note_dialog import split_list
from fieldapp.ui.dialog_parts import error_label, lay_out


class ContactDialog(QDialog):
    """On OK the contact is saved through the store; `saved` holds it."""

    def __init__(self, store, contact: dict | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.contact = contact
        self.saved: dict | None = None
        self.setWindowTitle(_("Edit contact") if contact else _("Add contact"))
        self.setMinimumWidth(520)
        c = contact or {}
        self.kind = QComboBox()
        self.kind.addItem(_("person"), "person")
        self.kind.addItem(_("organisation"), "organisation")
        self.kind.setCurrentIndex(max(self.kind.findData(c.get("kind", "person")), 0))
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Kind"), self.kind)
        for key, label, hint in (
                ("name", _("Name"), ""), ("role", _("Role"), _("e.g. Mayor, Chief of staff")),
                ("organisation", _("Organisation"), ""), ("phone", _("Phone"), "+223 …"),
                ("email", _("E-mail"), ""), ("location", _("Location"), _("e.g. Gao")),
                ("languages", _("Languages"), _("e.g. fr, bm, son")),
                ("units", _("Paragraphs"), _("e.g. op28.c.ii"))):
            value = c.get(key, "")
            edit = QLineEdit(", ".join(value) if isinstance(value, list) else value or "")
            edit.setPlaceholderText(hint)
            self.fields[key] = edit
            form.addRow(label, edit)
        self.sensitivity = QComboBox()
        for s in SENSITIVITIES:
            self.sensitivity.addItem(_(SENSITIVITY_LABELS[s]), s)
        self.sensitivity.setCurrentIndex(
            max(self.sensitivity.findData(c.get("sensitivity", "unclassified")), 0))
        form.addRow(_("Sensitivity"), self.sensitivity)
        self.note = QPlainTextEdit(c.get("note", ""))
        self.error = error_label()
        lay_out(self, form, _("Note"), self.note, self.error)

    def values(self) -> dict:
        v = {k: e.text() for k, e in self.fields.items()}
        v["languages"] = split_list(v["languages"])
        v["units"] = split_list(v["units"])
        v.update(kind=self.kind.currentData(), sensitivity=self.sensitivity.currentData(),
                 note=self.note.toPlainText())
        return v

    def accept(self) -> None:
        v = self.values()
        try:
            if self.contact is None:
                self.saved = self.store.add_contact(v.pop("name"), **v)
            else:
                self.saved = self.store.edit_contact(self.contact["id"], **v)
        except FieldappError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()

"""Add or edit one progress note; validation messages appear inline, the dialog stays open."""
from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QFormLayout, QLineEdit, QPlainTextEdit

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import _, language
from fieldapp.core.records.validate import SENSITIVITIES, SENSITIVITY_LABELS
from fieldapp.ui.dialog_parts import error_label, lay_out


def split_list(text: str) -> list[str]:
    return [x.strip() for x in text.replace(";", ",").split(",") if x.strip()]


class NoteDialog(QDialog):
    """`NoteDialog(store, units=[...])` adds; `NoteDialog(store, note=note)` edits.

    On OK the note is saved through the store; `saved` holds the returned note. Errors from
    validation are shown in the dialog (plain text) and nothing is written.
    """

    def __init__(self, store, units: list[str] | None = None, note: dict | None = None,
                 parent=None):
        super().__init__(parent)
        self.store = store
        self.note = note
        self.saved: dict | None = None
        self.setWindowTitle(_("Edit note") if note else _("Add note"))
        self.setMinimumWidth(560)
        self._regions = store.regions()

        self.units = QLineEdit(", ".join(note["units"] if note else (units or [])))
        self.units.setPlaceholderText(_("paragraph IDs, e.g. op28.c.ii, op3.2"))
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(QDate.fromString(note["date"], "yyyy-MM-dd") if note
                          else QDate.currentDate())
        self.region = QComboBox()
        self.region.addItem(_("(none)"), None)
        for r in self._regions:
            self.region.addItem(r["name"].get(language()) or r["name"]["en"], r["id"])
        self.cercle = QComboBox()
        self.cercle.setEditable(True)  # some regions' cercle lists are incomplete
        self.region.currentIndexChanged.connect(self._fill_cercles)
        self.sensitivity = QComboBox()
        for s in SENSITIVITIES:
            self.sensitivity.addItem(_(SENSITIVITY_LABELS[s]), s)
        self.measure = QComboBox()
        # long measure titles must not squeeze the form's labels
        self.measure.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.measure.setMinimumContentsLength(30)
        self.measure.addItem(_("(none)"), None)
        for m in store.measures():
            self.measure.addItem(f"{m['id']} — {m['title'].get(language()) or m['title']['en']}",
                                 m["id"])
        self.tags = QLineEdit(", ".join(note["tags"]) if note else "")
        self.tags.setPlaceholderText(_("comma-separated, e.g. poc, ddr"))
        self.text = QPlainTextEdit(note["text"] if note else "")
        self.text.setAccessibleName(_("Note text"))
        self.error = error_label()

        form = QFormLayout()
        form.addRow(_("Paragraphs"), self.units)
        form.addRow(_("Date"), self.date)
        form.addRow(_("Region"), self.region)
        form.addRow(_("Cercle"), self.cercle)
        form.addRow(_("Sensitivity"), self.sensitivity)
        form.addRow(_("Priority measure"), self.measure)
        form.addRow(_("Tags"), self.tags)
        lay_out(self, form, _("Text"), self.text, self.error)
        if note:
            self._select(self.region, note["region"])
            self._fill_cercles()
            self.cercle.setEditText(note["cercle"] or "")
            self._select(self.sensitivity, note["sensitivity"])
            self._select(self.measure, note["measure_id"])
        else:
            self._fill_cercles()

    @staticmethod
    def _select(combo: QComboBox, value) -> None:
        i = combo.findData(value)
        combo.setCurrentIndex(max(i, 0))

    def _fill_cercles(self) -> None:
        rid = self.region.currentData()
        self.cercle.clear()
        self.cercle.addItem("")
        for r in self._regions:
            if r["id"] == rid:
                self.cercle.addItems([*r.get("cercles", []), *(r.get("communes") or [])])

    def values(self) -> dict:
        return {"units": split_list(self.units.text()),
                "date": self.date.date().toString("yyyy-MM-dd"),
                "region": self.region.currentData(), "cercle": self.cercle.currentText(),
                "sensitivity": self.sensitivity.currentData(),
                "measure_id": self.measure.currentData(), "tags": split_list(self.tags.text()),
                "text": self.text.toPlainText()}

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def accept(self) -> None:
        v = self.values()
        try:
            if self.note is None:
                self.saved = self.store.add_note(v.pop("units"), v.pop("text"), **v)
            else:
                self.saved = self.store.edit_note(self.note["id"], expected_rev=self.note["rev"],
                                                  **v)
        except FieldappError as exc:
            self.show_error(str(exc))
            return
        super().accept()

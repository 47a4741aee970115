"""Record an assessment of one priority measure (status 0–4, evidence, indicators)."""
from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit)

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import _, format_number, language
from fieldapp.core.records.measures import STATUS_LABELS
from fieldapp.ui.dialog_parts import error_label, lay_out


class AssessDialog(QDialog):
    """On OK the assessment is stored; `saved` holds it. Errors show inline."""

    def __init__(self, store, measure: dict, parent=None):
        super().__init__(parent)
        self.store = store
        self.measure = measure
        self.saved: dict | None = None
        self.setWindowTitle(_("Assess {id}").format(id=measure["id"]))
        self.setMinimumWidth(540)

        heading = QLabel(measure["title"].get(language()) or measure["title"]["en"])
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold")
        self.status = QComboBox()
        for value, label in STATUS_LABELS.items():
            self.status.addItem(f"{value} — {_(label)}", value)
        if measure.get("status") is not None:
            self.status.setCurrentIndex(measure["status"])
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.confidence = QComboBox()
        for value, label in (("low", _("low")), ("medium", _("medium")), ("high", _("high"))):
            self.confidence.addItem(label, value)
        self.confidence.setCurrentIndex(1)
        self.source = QLineEdit()
        self.source.setPlaceholderText(_("e.g. CSA meeting minutes, 12 March"))
        self.evidence = QPlainTextEdit()
        self.evidence.setAccessibleName(_("Evidence"))
        self.indicators: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Status"), self.status)
        form.addRow(_("Date"), self.date)
        form.addRow(_("Confidence"), self.confidence)
        form.addRow(_("Source"), self.source)
        for ind in measure["indicators"]:
            edit = QLineEdit()
            latest = ind["values"][0]["value"] if ind.get("values") else None
            edit.setPlaceholderText(_("target {target}").format(
                target=format_number(ind["target"])) + (
                "; " + _("last") + " " + format_number(latest) if latest is not None else ""))
            label = ind["label"].get(language()) or ind["label"]["en"]
            edit.setToolTip(label)
            self.indicators[ind["id"]] = edit
            row_label = QLabel(label[:70] + ("…" if len(label) > 70 else ""))
            row_label.setTextFormat(Qt.TextFormat.PlainText)
            row_label.setToolTip(label)
            form.addRow(row_label, edit)
        self.error = error_label()
        lay_out(self, form, _("Evidence"), self.evidence, self.error, heading=heading)

    def accept(self) -> None:
        values = {k: e.text() for k, e in self.indicators.items() if e.text().strip()}
        try:
            self.saved = self.store.assess_measure(
                self.measure["id"], self.status.currentData(), self.evidence.toPlainText(),
                date=self.date.date().toString("yyyy-MM-dd"), source=self.source.text(),
                confidence=self.confidence.currentData(), indicators=values)
        except FieldappError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()

"""Contacts: search, add/edit/delete, import and export (vCard 4.0, spreadsheet-safe CSV)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFileDialog,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import _, ngettext
from fieldapp.core.records import exports
from fieldapp.ui.contact_dialog import ContactDialog
from fieldapp.ui.contacts_model import ContactsModel


class ContactsView(QWidget):
    """`ContactsView(store)`; `changed(contact)` after each change."""

    changed = Signal(object)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(_("Contacts"))
        self.model = ContactsModel(store, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search name, role, organisation, place…"))
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.addItem(_("Organisations and people"), None)
        self.kind.addItem(_("Organisations"), "organisation")
        self.kind.addItem(_("People"), "person")
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        self.kind.currentIndexChanged.connect(lambda _i: self.apply_filter())

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Contacts"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(ContactsModel.COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.edit_current())

        self.include_strict = QCheckBox(_("Include strictly confidential contacts in exports"))
        self.add_button = QPushButton(_("&Add…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.delete_button = QPushButton(_("&Delete"))
        self.import_button = QPushButton(_("&Import…"))
        self.vcard_button = QPushButton(_("Export &vCard…"))
        self.csv_button = QPushButton(_("Export &CSV…"))
        self.add_button.clicked.connect(self.add_contact)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.import_button.clicked.connect(self._ask_import)
        self.vcard_button.clicked.connect(lambda: self._ask_export("vcard"))
        self.csv_button.clicked.connect(lambda: self._ask_export("csv"))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.kind)
        row1 = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            row1.addWidget(b)
        row1.addStretch(1)
        for b in (self.import_button, self.vcard_button, self.csv_button):
            row1.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.include_strict)
        layout.addLayout(row1)
        layout.addWidget(self.status)

    def apply_filter(self) -> None:
        self.model.set_filter(self.kind.currentData(), self.search.text())
        if self.model.rowCount():
            self.table.selectRow(0)

    def current_contact(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.contact_at(index.row()) if index.isValid() else None

    def _changed(self, contact: dict) -> None:
        self.model.refresh()
        row = self.model.row_of(contact["id"])
        if row >= 0:
            self.table.selectRow(row)
        self.changed.emit(contact)

    def add_contact(self) -> None:
        dialog = ContactDialog(self.store, parent=self)
        if dialog.exec() and dialog.saved:
            self._changed(dialog.saved)

    def edit_current(self) -> None:
        c = self.current_contact()
        if c:
            dialog = ContactDialog(self.store, c, parent=self)
            if dialog.exec() and dialog.saved:
                self._changed(dialog.saved)

    def delete_current(self) -> None:
        c = self.current_contact()
        if c is None:
            return
        answer = QMessageBox.question(self, _("Delete contact"),
                                      _("Delete {name}? Their phone, e-mail, location,"
                                        " role and note are erased from this database.")
                                      .format(name=c["name"]))
        if answer == QMessageBox.StandardButton.Yes:
            self._changed(self.store.delete_contact(c["id"]))

    # -- files ----------------------------------------------------------------------------
    def export_to(self, path: str, fmt: str) -> dict:
        """Export every contact (strictly confidential only when the box is ticked)."""
        result = exports.export_contacts(
            self.store, path, fmt, include_strictly_confidential=self.include_strict.isChecked())
        text = ngettext("{n} contact written to {path}", "{n} contacts written to {path}",
                        result["exported"]).format(n=result["exported"], path=path)
        if result["excluded_strictly_confidential"]:
            text += " " + ngettext("({n} strictly confidential contact left out)",
                                   "({n} strictly confidential contacts left out)",
                                   result["excluded_strictly_confidential"]).format(
                n=result["excluded_strictly_confidential"])
        self.status.setText(text)
        return result

    def import_from(self, path: str) -> dict:
        result = exports.import_contacts(self.store, path)
        self.model.refresh()
        self.status.setText(_("{added} contacts added, {skipped} already present").format(
            added=result["added"], skipped=result["skipped"]))
        return result

    def _ask_export(self, fmt: str) -> None:
        suffix, flt = (".vcf", _("vCard (*.vcf)")) if fmt == "vcard" else \
            (".csv", _("CSV (*.csv)"))
        path, _f = QFileDialog.getSaveFileName(self, _("Export contacts"),
                                               "fieldapp-contacts" + suffix, flt)
        if path:
            try:
                self.export_to(path, fmt)
            except FieldappError as exc:
                QMessageBox.warning(self, _("Export contacts"), str(exc))

    def _ask_import(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, _("Import contacts"), "",
                                               _("Contacts (*.vcf *.csv)"))
        if path:
            try:
                self.import_from(path)
            except FieldappError as exc:
                QMessageBox.warning(self, _("Import contacts"), str(exc))

"""Export a sync file: what will be sent, whether it is encrypted (said plainly), where."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QButtonGroup, QDialog, QDialogButtonBox,
                               QFileDialog, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QPlainTextEdit, QPushButton, QRadioButton, QVBoxLayout)

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import _, format_number
from fieldapp.core.sync.format import SUFFIX
from fieldapp.core.sync.status import status


def default_path(st: dict) -> Path:
    seq = (st["last_export"]["seq"] if st["last_export"] else 0) + 1
    who = "hq" if st["role"] == "hq" else (st["device_id"] or "device")[:8]
    stamp = dt.date.today().strftime("%Y%m%d")
    return Path.home() / f"fieldapp-{who}-{stamp}-{seq}{SUFFIX}"


def encryption_text(st: dict) -> str:
    if st["role"] == "hq":
        return _("HQ package for the field devices of {name}: encrypted for every device that "
                 "has sent HQ a file, signed with HQ's key.").format(name=st["deployment"]["name"])
    if st["role"] == "field":
        return _("The file will be encrypted for HQ of {name}: only HQ can read it, not another "
                 "field laptop and not whoever finds the stick.").format(
                     name=st["deployment"]["name"])
    return _("This installation has joined no deployment. The file will be signed but NOT "
             "ENCRYPTED: anyone who gets the file can read every note in it. Join HQ's "
             "deployment (File → Join Deployment…) to encrypt.")


class SyncExportDialog(QDialog):
    """After a successful export `result` holds the ExportResult."""

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.result = None
        self.st = status(store)
        self.setWindowTitle(_("Export sync file"))
        self.resize(640, 460)
        self.crypto = QLabel(encryption_text(self.st), self)
        self.crypto.setTextFormat(Qt.TextFormat.PlainText)
        self.crypto.setWordWrap(True)
        if self.st["role"] == "standalone":
            self.crypto.setStyleSheet("color: #b00020; font-weight: bold")
        self.group = QButtonGroup(self)
        self.modes: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.crypto)
        if self.st["role"] == "hq":
            self._mode("to_field", _("Shared records (tasks, all offices' assessments, contacts "
                                     "not strictly confidential) and acknowledgements"))
        else:
            last = self.st["last_export"]
            pending = format_number(self.st["pending_records"])
            self._mode("changes", (_("Changes since the last export (#{n}): {count} records")
                                   .format(n=last["seq"], count=pending) if last else
                                   _("Everything (first export): {count} records")
                                   .format(count=pending)))
            ack = self.st["hq_ack"]
            if self.st["role"] == "field" and ack:  # without one it is the same as "all"
                self._mode("since_ack", _("Everything HQ has not confirmed yet (HQ has your "
                                          "changes up to #{n})").format(n=ack["seq"]))
            self._mode("full", _("All records (a complete copy)"))
        for button in self.modes.values():
            layout.addWidget(button)
        next(iter(self.modes.values())).setChecked(True)

        self.path = QLineEdit(str(default_path(self.st)), self)
        self.path.setAccessibleName(_("File"))
        browse = QPushButton(_("Browse…"), self)
        browse.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("File:"), self))
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.output = QPlainTextEdit(self)
        self.output.setReadOnly(True)
        self.output.setAccessibleName(_("Result"))
        self.output.setPlaceholderText(_("The result of the export appears here."))
        layout.addWidget(self.output, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = self.buttons.addButton(_("Export"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.run_export)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _mode(self, key: str, text: str) -> None:
        button = QRadioButton(text, self)
        self.group.addButton(button)
        self.modes[key] = button

    def mode(self) -> str:
        return next(k for k, b in self.modes.items() if b.isChecked())

    def choose(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export sync file"), self.path.text(), _("Sync files (*.fieldsync)"))
        if path:
            self.path.setText(path)

    def run_export(self):
        from fieldapp.core.sync.messages import export_text
        from fieldapp.core.sync import exporter

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            mode = self.mode()
            out = Path(self.path.text().strip())
            if mode == "to_field":
                self.result = exporter.export_to_field(self.store, out)
            else:
                self.result = exporter.export_field(self.store, out, full=mode == "full",
                                                    since_ack=mode == "since_ack")
        except FieldappError as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, _("Export sync file"), str(exc))
            return None
        QApplication.restoreOverrideCursor()
        self.output.setPlainText(export_text(self.result))
        self.export_button.setEnabled(False)
        return self.result

"""Export a sync file: what will be sent, whether it is encrypted (said plainly), where.

The export runs in a worker thread on its own connection (sync_worker.py): the window stays
responsive, a busy bar shows it is working and Cancel stops it (no file, nothing logged)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QFileDialog,
                               QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit,
                               QProgressBar, QPushButton, QRadioButton, QVBoxLayout)

from fieldapp.core.i18n import _, format_number
from fieldapp.core.sync.format import SUFFIX
from fieldapp.core.sync.status import status
from fieldapp.ui.sync_worker import SyncRunner


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
    """After a successful export `result` holds the ExportResult (and `exported` is emitted;
    `ended` is emitted after every run: success, failure or cancel)."""

    exported = Signal(object)
    ended = Signal()

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.result = None
        self.runner = SyncRunner(self)
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
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: the core reports no fraction for an export
        self.progress.setAccessibleName(_("Export in progress"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
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

    def is_running(self) -> bool:
        return self.runner.running()

    def run_export(self) -> None:
        """Start the export in a worker thread; `_done` / `_fail` / `_cancelled` finish it."""
        from fieldapp.core.sync import exporter

        if self.is_running():
            return
        mode = self.mode()
        out = Path(self.path.text().strip())
        if mode == "to_field":
            def job(store, cancel, _progress):
                return exporter.export_to_field(store, out, cancel=cancel)
        else:
            def job(store, cancel, _progress):
                return exporter.export_field(store, out, full=mode == "full",
                                             since_ack=mode == "since_ack", cancel=cancel)
        self.export_button.setEnabled(False)
        self.close_button.setText(_("Cancel"))
        self.output.setPlainText(_("Exporting…"))
        self.progress.show()
        worker = self.runner.start(self.store.path, job)
        worker.succeeded.connect(self._done)
        worker.failed.connect(self._fail)
        worker.cancelled.connect(self._cancelled)

    def _finish(self) -> None:
        self.runner.finish()
        self.progress.hide()
        self.close_button.setText(_("Close"))

    def _done(self, result) -> None:
        from fieldapp.core.sync.messages import export_text

        self._finish()
        self.result = result
        self.output.setPlainText(export_text(result))
        self.exported.emit(result)
        self.ended.emit()

    def _fail(self, message: str) -> None:
        self._finish()
        self.output.setPlainText(_("Not exported: {error}").format(error=message))
        self.export_button.setEnabled(True)
        self.ended.emit()
        if self.isVisible():
            QMessageBox.warning(self, _("Export sync file"), message)

    def _cancelled(self, _partial) -> None:
        self._finish()
        self.output.setPlainText(_("Export cancelled: no file was written."))
        self.export_button.setEnabled(True)
        self.ended.emit()

    def reject(self) -> None:  # Cancel/Close button, Esc, window close
        """While running: ask the worker to stop (the dialog stays to show the outcome)."""
        if self.is_running():
            self.runner.cancel()
            self.output.setPlainText(_("Cancelling…"))
        else:
            super().reject()

    def done(self, result: int) -> None:  # noqa: D401 - Qt API
        if self.is_running():  # closed while exporting: stop and join the thread first
            self.runner.cancel()
            self.runner.finish()
        super().done(result)

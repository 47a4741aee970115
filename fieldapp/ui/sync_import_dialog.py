"""Import sync files: choose or drop .fieldsync files, then verify and merge them.

The import runs in a worker thread on its own connection (sync_worker.py) with a progress
bar in the dialog; Cancel stops it before the current file's transaction commits (that file
changes nothing; files finished before it stay imported and are reported)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QListWidget,
                               QMessageBox, QProgressBar, QPushButton, QVBoxLayout)

from fieldapp.core.i18n import _
from fieldapp.core.sync.format import SUFFIX
from fieldapp.ui.sync_worker import SyncRunner


def sync_paths(mime) -> list[str]:
    """Local .fieldsync files in drag-and-drop data."""
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls()
            if u.isLocalFile() and u.toLocalFile().lower().endswith(SUFFIX)]


class SyncImportDialog(QDialog):
    """`run_import()` (or the Import button) starts the import; when it ends `reports` holds
    one FileReport per file and the dialog is accepted. `ended` is emitted after every run
    (also after a failure or a cancel that imported nothing, when the dialog stays open)."""

    ended = Signal()

    def __init__(self, store, paths: list[str] | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.reports: list = []
        self.runner = SyncRunner(self)
        self.setWindowTitle(_("Import sync files"))
        self.setAcceptDrops(True)
        self.resize(620, 380)
        intro = QLabel(_("Each file is checked completely (signature, sender's key, deployment, "
                         "every record) before anything is written. Files that fail are refused "
                         "and change nothing. A backup of the database is made first. "
                         "You can drop .fieldsync files here."), self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.files = QListWidget(self)
        self.files.setAccessibleName(_("Files to import"))
        add = QPushButton(_("Add Files…"), self)
        add.clicked.connect(self.choose)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(_("Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        self.add = add
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(_("Import progress"))
        self.progress.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.files)
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.add_paths(paths or [])

    def paths(self) -> list[str]:
        return [self.files.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.files.count())]

    def add_paths(self, paths: list[str]) -> None:
        have = set(self.paths())
        for p in paths:
            if p not in have:
                self.files.addItem(Path(p).name)
                item = self.files.item(self.files.count() - 1)
                item.setData(Qt.ItemDataRole.UserRole, p)
                item.setToolTip(p)
                have.add(p)
        self.import_button.setEnabled(bool(have))

    def choose(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, _("Import sync files"), "", _("Sync files (*.fieldsync);;All files (*)"))
        self.add_paths(paths)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if sync_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.add_paths(sync_paths(event.mimeData()))
        event.acceptProposedAction()

    def is_running(self) -> bool:
        return self.runner.running()

    def run_import(self) -> None:
        """Start importing the listed files in a worker thread (progress, Cancel)."""
        from fieldapp.core.sync.importer import import_files

        paths = [Path(p) for p in self.paths()]
        if not paths or self.is_running():
            return

        def job(store, cancel, progress):
            return import_files(store, paths, cancel=cancel,
                                on_progress=lambda p, d, t: progress(p, d, t))

        self.reports = []
        self.import_button.setEnabled(False)
        self.add.setEnabled(False)
        self.progress.setRange(0, 0)  # busy while the file is checked, then a fraction
        self.progress.show()
        self.status.setText(_("Checking…"))
        worker = self.runner.start(self.store.path, job)
        worker.progress.connect(self._step)
        worker.succeeded.connect(self._done)
        worker.failed.connect(self._fail)
        worker.cancelled.connect(self._cancelled)

    def _step(self, path: str, done: int, total: int) -> None:
        if not self.runner.worker or not self.runner.worker.is_cancelled():
            self.status.setText(_("Importing {name}…").format(name=Path(path).name))
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(1000 * done / max(total, 1)))

    def _finish(self) -> None:
        self.runner.finish()
        self.progress.hide()
        self.add.setEnabled(True)
        self.import_button.setEnabled(bool(self.paths()))

    def _done(self, reports: list) -> None:
        self._finish()
        self.reports = reports
        self.status.clear()
        self.ended.emit()
        self.accept()

    def _fail(self, message: str) -> None:
        self._finish()
        self.status.setText(_("Not imported: {error}").format(error=message))
        self.ended.emit()
        if self.isVisible():
            QMessageBox.critical(self, _("Import sync files"), message)

    def _cancelled(self, reports: list) -> None:
        """Stopped before a commit: report the files finished before, if any."""
        self._finish()
        self.reports = reports
        self.status.setText(_("Import cancelled: the file being imported changed nothing."))
        self.ended.emit()
        if reports:
            self.accept()

    def reject(self) -> None:  # Cancel/Close button, Esc, window close
        """While running: ask the worker to stop (the dialog stays to show the outcome)."""
        if self.is_running():
            self.runner.cancel()
            self.status.setText(_("Cancelling…"))
        else:
            super().reject()

    def done(self, result: int) -> None:  # noqa: D401 - Qt API
        if self.is_running():  # closed while importing: stop before the commit, then join
            self.runner.cancel()
            self.runner.finish()
        super().done(result)

"""Import sync files: choose or drop .fieldsync files, then verify and merge them."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QFileDialog, QLabel,
                               QListWidget, QMessageBox, QProgressDialog, QPushButton,
                               QVBoxLayout)

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import _
from fieldapp.core.sync.format import SUFFIX


def sync_paths(mime) -> list[str]:
    """Local .fieldsync files in drag-and-drop data."""
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls()
            if u.isLocalFile() and u.toLocalFile().lower().endswith(SUFFIX)]


class SyncImportDialog(QDialog):
    """`reports` holds one FileReport per file after `run_import()` (or the Import button)."""

    def __init__(self, store, paths: list[str] | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.reports: list = []
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
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.files)
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
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

    def run_import(self) -> list:
        """Import the listed files with a progress dialog; accept the dialog when done."""
        from fieldapp.core.sync.importer import import_files

        paths = self.paths()
        if not paths:
            return []
        progress = QProgressDialog(_("Importing…"), "", 0, 1000, self)
        progress.setWindowTitle(_("Import sync files"))
        progress.setCancelButton(None)  # one transaction per file: no half-imported state
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def step(path: str, done: int, total: int) -> None:
            progress.setLabelText(_("Importing {name}…").format(name=Path(path).name))
            progress.setValue(int(1000 * done / max(total, 1)))
            QApplication.processEvents()

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.reports = import_files(self.store, [Path(p) for p in paths], on_progress=step)
        except FieldappError as exc:
            QApplication.restoreOverrideCursor()
            progress.close()
            QMessageBox.critical(self, _("Import sync files"), str(exc))
            return []
        QApplication.restoreOverrideCursor()
        progress.close()
        self.accept()
        return self.reports

"""File → Export PDF… / Print…: choose a document and its options, generate off the UI thread.

Generation runs in a QThread with its own Store connection (SQLite WAL allows a reader
beside the window's connection), reports progress, can be cancelled (nothing is written
then), and ends with Preview / Print buttons (pdf_preview.py).
"""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox,
                               QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QProgressBar,
                               QPushButton, QVBoxLayout)

from fieldapp.core.i18n import _


class PdfWorker(QObject):
    """Runs fieldapp.core.pdf.generate in a worker thread."""

    progress = Signal(int)
    finished = Signal(dict)
    failed = Signal(str)

    def __init__(self, db_path: Path, options, out: Path):
        super().__init__()
        self.db_path, self.options, self.out = db_path, options, out
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def _progress(self, fraction: float, _stage: str) -> None:
        from fieldapp.core.pdf.templates import Cancelled

        if self._cancel:
            raise Cancelled(_("cancelled"))
        self.progress.emit(int(fraction * 100))

    def run(self) -> None:
        from fieldapp.core.errors import FieldappError
        from fieldapp.core.pdf import generate
        from fieldapp.core.store import Store

        try:
            with Store.open(self.db_path) as store:
                info = generate(store, self.options, self.out, progress=self._progress)
        except FieldappError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # reported in the dialog rather than lost in the thread
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.finished.emit(info)


class PdfExportDialog(QDialog):
    """Options of the three documents; mode 'export' writes a file, 'print' prints it."""

    def __init__(self, store, mode: str = "export", parent=None):
        super().__init__(parent)
        self.store, self.mode = store, mode
        self.result_info: dict | None = None
        self._thread: QThread | None = None
        self._worker: PdfWorker | None = None
        self.setWindowTitle(_("Export PDF") if mode == "export" else _("Print"))
        self._build()
        self._update_visibility()

    # -- widgets ---------------------------------------------------------------------------
    def _build(self) -> None:
        form = QFormLayout()
        self.kind = QComboBox(self)
        for key, text in (("cheatsheet", _("Meeting cheat-sheet")),
                          ("report", _("Progress report")), ("mandate", _("Full mandate"))):
            self.kind.addItem(text, key)
        self.kind.currentIndexChanged.connect(self._update_visibility)
        form.addRow(_("Document:"), self.kind)
        self.lang = QComboBox(self)
        for key, text in (("en", _("English")), ("fr", _("French")),
                          ("both", _("English and French (parallel columns)"))):
            self.lang.addItem(text, key)
        form.addRow(_("Language:"), self.lang)
        self.paper = QComboBox(self)
        self.paper.addItem("A4", "a4")
        self.paper.addItem("US Letter", "letter")
        form.addRow(_("Paper:"), self.paper)

        self.themes_box = QGroupBox(_("Limit to themes (none ticked: all)"), self)
        self.themes = QListWidget(self.themes_box)
        for t in self.store.themes():
            item = QListWidgetItem(t["name"]["en"])
            item.setData(Qt.ItemDataRole.UserRole, t["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.themes.addItem(item)
        QVBoxLayout(self.themes_box).addWidget(self.themes)

        self.report_box = QGroupBox(_("Report filters"), self)
        rform = QFormLayout(self.report_box)
        self.limit_period = QCheckBox(_("Limit the period"), self)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addMonths(-1), self)
        self.date_to = QDateEdit(today, self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        period = QHBoxLayout()
        period.addWidget(self.limit_period)
        period.addWidget(self.date_from)
        period.addWidget(QLabel("–", self))
        period.addWidget(self.date_to)
        rform.addRow(_("Period:"), period)
        self.region = QComboBox(self)
        self.region.addItem(_("All regions"), "")
        for r in self.store.regions():
            self.region.addItem(r["name"]["en"], r["id"])
        rform.addRow(_("Region:"), self.region)
        self.measure = QComboBox(self)
        self.measure.addItem(_("All measures"), "")
        for m in self.store.measures():
            self.measure.addItem(m["title"]["en"], m["id"])
        rform.addRow(_("Measure:"), self.measure)
        self.sensitivity = QComboBox(self)
        for key, text in (("strictly-confidential", _("All notes (up to Strictly confidential)")),
                          ("confidential", _("Up to Confidential")),
                          ("unclassified", _("Unclassified notes only"))):
            self.sensitivity.addItem(text, key)
        rform.addRow(_("Sensitivity:"), self.sensitivity)
        self.group_by = QComboBox(self)
        self.group_by.addItem(_("Theme"), "theme")
        self.group_by.addItem(_("Priority measure"), "measure")
        rform.addRow(_("Group by:"), self.group_by)
        self.author = QLineEdit(self)
        rform.addRow(_("Author:"), self.author)

        out_row = QHBoxLayout()
        self.out = QLineEdit(self)
        self.out.setText(str(Path.home() / "fieldapp.pdf"))
        browse = QPushButton(_("Browse…"), self)
        browse.clicked.connect(self._browse)
        out_row.addWidget(self.out)
        out_row.addWidget(browse)
        self.out_label = QLabel(_("Save as:"), self)
        form.addRow(self.out_label, out_row)
        if self.mode == "print":
            self.out_label.hide()
            self.out.hide()
            browse.hide()

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        self.buttons = QDialogButtonBox(self)
        self.go = self.buttons.addButton(_("Export") if self.mode == "export" else _("Print…"),
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.preview = self.buttons.addButton(_("Preview"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = self.buttons.addButton(_("Print…"),
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.preview.setEnabled(False)
        self.print_button.setEnabled(False)
        if self.mode == "print":
            self.print_button.hide()
        self.go.clicked.connect(self.start)
        self.preview.clicked.connect(self.open_preview)
        self.print_button.clicked.connect(self.print_result)
        self.cancel.clicked.connect(self._close_or_cancel)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.themes_box)
        layout.addWidget(self.report_box)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def _update_visibility(self) -> None:
        kind = self.kind.currentData()
        self.themes_box.setVisible(kind in ("cheatsheet", "report"))
        self.report_box.setVisible(kind == "report")

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Export PDF"), self.out.text(),
                                                    _("PDF files (*.pdf)"))
        if path:
            self.out.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    # -- options and generation ------------------------------------------------------------
    def options(self):
        from fieldapp.core.pdf import PdfOptions

        kind = self.kind.currentData()
        themes = [self.themes.item(i).data(Qt.ItemDataRole.UserRole)
                  for i in range(self.themes.count())
                  if self.themes.item(i).checkState() == Qt.CheckState.Checked]
        opts = PdfOptions(kind=kind, lang=self.lang.currentData(),
                          paper=self.paper.currentData(), themes=themes)
        if kind == "report":
            if self.limit_period.isChecked():
                opts.date_from = self.date_from.date().toString("yyyy-MM-dd")
                opts.date_to = self.date_to.date().toString("yyyy-MM-dd")
            opts.regions = [self.region.currentData()] if self.region.currentData() else []
            opts.measures = [self.measure.currentData()] if self.measure.currentData() else []
            opts.max_sensitivity = self.sensitivity.currentData()
            opts.group_by = self.group_by.currentData()
            opts.author = self.author.text().strip()
        return opts

    def output_path(self) -> Path:
        if self.mode == "print":
            folder = Path(tempfile.mkdtemp(prefix="fieldapp-print-"))
            return folder / f"{self.kind.currentData()}-{dt.date.today().isoformat()}.pdf"
        return Path(self.out.text().strip())

    def start(self) -> None:
        """Validate the options, then generate in a worker thread."""
        from fieldapp.core.errors import FieldappError

        try:
            opts = self.options().validate()
        except FieldappError as exc:
            self._fail(str(exc))
            return
        out = self.output_path()
        if not out.name:
            self._fail(_("choose a file name"))
            return
        self.result_info = None
        self.preview.setEnabled(False)
        self.print_button.setEnabled(False)
        self.go.setEnabled(False)
        self.cancel.setText(_("Cancel"))
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(_("Generating…"))
        self._thread = QThread(self)
        self._worker = PdfWorker(self.store.path, opts, out)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress.setValue)
        self._worker.finished.connect(self._done)
        self._worker.failed.connect(self._fail)
        self._worker.finished.connect(self._thread.quit)
        self._worker.failed.connect(self._thread.quit)
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def _finish_thread(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        self._thread = None
        self._worker = None
        self.go.setEnabled(True)
        self.cancel.setText(_("Close"))

    def _done(self, info: dict) -> None:
        self._finish_thread()
        self.result_info = info
        self.progress.setValue(100)
        self.status.setText(_("Wrote {out}: {pages} pages, marked {marking}.").format(
            out=info["out"], pages=info["pages"], marking=info["sensitivity"]))
        self.preview.setEnabled(True)
        self.print_button.setEnabled(True)
        if self.mode == "print":
            self.print_result()

    def _fail(self, message: str) -> None:
        self._finish_thread()
        self.progress.hide()
        self.status.setText(_("Not written: {error}").format(error=message))

    def _close_or_cancel(self) -> None:
        if self.is_running() and self._worker is not None:
            self._worker.cancel()
            self.status.setText(_("Cancelling…"))
        else:
            self.reject()

    def open_preview(self) -> None:
        from fieldapp.ui.pdf_preview import PdfPreviewDialog

        if self.result_info:
            PdfPreviewDialog(self.result_info["out"], self).exec()

    def print_result(self) -> None:
        from fieldapp.ui.pdf_preview import print_pdf

        if self.result_info:
            print_pdf(self.result_info["out"], self)

    def done(self, result: int) -> None:  # noqa: D401 - Qt API
        if self.is_running() and self._worker is not None:
            self._worker.cancel()
            self._thread.wait()
        super().done(result)

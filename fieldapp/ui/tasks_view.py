"""Tasks: filters (status, owner, due before), add/edit/done, export of dated items (.ics)."""
from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QFileDialog,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import _, ngettext
from fieldapp.core.records import exports
from fieldapp.core.records.tasks import STATUSES
from fieldapp.ui.task_dialog import TaskDialog
from fieldapp.ui.tasks_model import STATUS_LABELS, TasksModel


class TasksView(QWidget):
    """`TasksView(store)`; `changed(task)` after each change."""

    changed = Signal(object)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(_("Tasks"))
        self.model = TasksModel(store, self)
        self.status = QComboBox()
        self.status.addItem(_("All statuses"), None)
        for s in STATUSES:
            self.status.addItem(_(STATUS_LABELS[s]), s)
        self.owner = QLineEdit()
        self.owner.setPlaceholderText(_("Owner contains…"))
        self.owner.setClearButtonEnabled(True)
        self.use_due = QCheckBox(_("Due by"))
        self.due_before = QDateEdit(QDate(2021, 6, 30))
        self.due_before.setCalendarPopup(True)
        self.due_before.setDisplayFormat("yyyy-MM-dd")
        self.due_before.setEnabled(False)
        self.use_due.toggled.connect(self.due_before.setEnabled)
        for signal in (self.status.currentIndexChanged, self.owner.textChanged,
                       self.use_due.toggled, self.due_before.dateChanged):
            signal.connect(lambda *_a: self.apply_filters())
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Tasks"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(TasksModel.COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # some owners are a sentence long: a fixed, resizable width keeps the title readable
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(2, 200)
        self.table.doubleClicked.connect(lambda _i: self.edit_current())

        self.add_button = QPushButton(_("&Add task…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.done_button = QPushButton(_("Mark &done"))
        self.export_button = QPushButton(_("Export .&ics…"))
        self.add_button.clicked.connect(self.add_task)
        self.edit_button.clicked.connect(self.edit_current)
        self.done_button.clicked.connect(self.mark_done)
        self.export_button.clicked.connect(self._ask_export)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("Status")))
        filters.addWidget(self.status)
        filters.addWidget(self.owner, 1)
        filters.addWidget(self.use_due)
        filters.addWidget(self.due_before)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.done_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_count()

    def filters(self) -> dict:
        return {"status": self.status.currentData(), "owner": self.owner.text().strip(),
                "due_before": self.due_before.date().toString("yyyy-MM-dd")
                if self.use_due.isChecked() else None}

    def apply_filters(self) -> None:
        self.model.set_filters(**self.filters())
        self._update_count()

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count.setText(ngettext("{n} task", "{n} tasks", n).format(n=n))

    def current_task(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.task_at(index.row()) if index.isValid() else None

    def _changed(self, task: dict) -> None:
        self.model.refresh()
        self._update_count()
        row = self.model.row_of(task["id"])
        if row >= 0:
            self.table.selectRow(row)
        self.changed.emit(task)

    def add_task(self) -> None:
        dialog = TaskDialog(self.store, parent=self)
        if dialog.exec() and dialog.saved:
            self._changed(dialog.saved)

    def edit_current(self) -> None:
        task = self.current_task()
        if task:
            dialog = TaskDialog(self.store, task, parent=self)
            if dialog.exec() and dialog.saved:
                self._changed(dialog.saved)

    def mark_done(self) -> None:
        task = self.current_task()
        if task:
            self._changed(self.store.complete_task(task["id"]))

    def export_ics(self, path: str) -> dict:
        """Write the tasks matching the current filters that have a date."""
        return exports.export_tasks_ics(self.store, path, **self.model.filters)

    def _ask_export(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, _("Export tasks"), "fieldapp-tasks.ics",
                                               _("iCalendar (*.ics)"))
        if not path:
            return
        try:
            result = self.export_ics(path)
        except FieldappError as exc:
            QMessageBox.warning(self, _("Export tasks"), str(exc))
            return
        QMessageBox.information(self, _("Export tasks"), ngettext(
            "{n} dated task written to {path}", "{n} dated tasks written to {path}",
            result["events"]).format(n=result["events"], path=path))

"""The priority-measures ledger: status per measure, roll-up per paragraph, history."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from fieldapp.core import corpus
from fieldapp.core.i18n import _, format_date, format_number, language
from fieldapp.ui.assess_dialog import AssessDialog
from fieldapp.ui.ledger_model import HistoryModel, LedgerModel


class LedgerView(QWidget):
    """`LedgerView(store)`; `assessed(assessment)` after each new assessment."""

    assessed = Signal(object)

    def __init__(self, store, parent=None, on: str | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(_("Priority measures"))
        self.model = LedgerModel(store, self, on=on)
        self.rollup = QLabel()
        self.rollup.setTextFormat(Qt.TextFormat.PlainText)
        self.rollup.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Priority measures"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 4, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(0, 420)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_history())
        self.table.doubleClicked.connect(lambda _i: self.assess_current())

        self.history_title = QLabel()
        self.history_title.setTextFormat(Qt.TextFormat.PlainText)
        self.history_title.setWordWrap(True)
        self.history = HistoryModel(store, None, self)
        self.history_table = QTableView()
        self.history_table.setModel(self.history)
        self.history_table.setAccessibleName(_("Assessment history"))
        self.history_table.verticalHeader().hide()
        history_header = self.history_table.horizontalHeader()
        history_header.setStretchLastSection(True)
        for col in range(len(HistoryModel.COLUMNS) - 1):
            history_header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.indicators = QLabel()
        self.indicators.setTextFormat(Qt.TextFormat.PlainText)
        self.indicators.setWordWrap(True)

        self.assess_button = QPushButton(_("&Assess…"))
        self.assess_button.clicked.connect(self.assess_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.assess_button)
        buttons.addStretch(1)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.history_title)
        lower_layout.addWidget(self.indicators)
        lower_layout.addWidget(self.history_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([420, 240])
        layout = QVBoxLayout(self)
        layout.addWidget(self.rollup)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._update_rollup()
        self.table.selectRow(0)

    def _update_rollup(self) -> None:
        parts = [_("{citation}: {pct} % implemented").format(
            citation=corpus.citation(p, language()).split(", ", 1)[-1], pct=pct)
            for p, pct in self.model.paragraphs.items()]
        deadline = next((m["deadline"] for m in (self.model.measure_at(0),)
                         if self.model.rowCount()), None)
        if deadline:
            parts.append(_("deadline {date}").format(date=format_date(deadline)))
        self.rollup.setText(" · ".join(parts))

    def current_measure(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.measure_at(index.row()) if index.isValid() else None

    def select_measure(self, measure_id: str) -> None:
        row = self.model.row_of(measure_id)
        if row >= 0:
            self.table.selectRow(row)

    def _show_history(self) -> None:
        m = self.current_measure()
        self.history.set_measure(m["id"] if m else None)
        if m is None:
            self.history_title.setText("")
            self.indicators.setText("")
            return
        self.history_title.setText(_("History of {id}: {title}").format(
            id=m["id"], title=m["title"].get(language()) or m["title"]["en"]))
        lines = []
        for ind in m["indicators"]:
            label = ind["label"].get(language()) or ind["label"]["en"]
            series = ", ".join(f"{format_date(v['date'], 'medium')}: {format_number(v['value'])}"
                               for v in reversed(ind["values"]))
            lines.append(f"{label} — " + _("target") + f" {format_number(ind['target'])}"
                         + (f" ({series})" if series else " (" + _("no value yet") + ")"))
        self.indicators.setText("\n".join(lines))

    def open_assess_dialog(self) -> AssessDialog | None:
        m = self.current_measure()
        return AssessDialog(self.store, m, self) if m else None

    def assess_current(self) -> None:
        dialog = self.open_assess_dialog()
        if dialog and dialog.exec() and dialog.saved:
            self.apply_assessment(dialog.saved)

    def apply_assessment(self, assessment: dict) -> None:
        """Refresh from a new assessment (the mutation's result) and keep the selection."""
        self.model.refresh()
        self._update_rollup()
        self.select_measure(assessment["measure_id"])
        self._show_history()
        self.assessed.emit(assessment)

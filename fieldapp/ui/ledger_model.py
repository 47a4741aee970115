"""Table models of the priority-measures ledger and of one measure's assessment history."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from fieldapp.core.i18n import _, format_date, format_number, language, ngettext
from fieldapp.ui.record_table_model import RecordTableModel

MeasureIdRole = Qt.ItemDataRole.UserRole + 1
# Colour is never the only signal: the status column always carries the number and text.
STATUS_COLOURS = {None: "#e0e0e0", 0: "#f4b6b6", 1: "#f8d3a6", 2: "#f9ec9f", 3: "#cfe8a9",
                  4: "#9fd89f"}
TREND_ARROWS = {"up": "↑", "down": "↓", "flat": "→"}


def trend_text(trend: str) -> str:
    return {"up": _("improving"), "down": _("worsening"), "flat": _("no change")}[trend]


def deadline_text(days: int | None) -> str:
    if days is None:
        return ""
    if days < 0:
        return ngettext("overdue by {n} day", "overdue by {n} days", -days).format(n=-days)
    if days == 0:
        return _("due today")
    return ngettext("{n} day left", "{n} days left", days).format(n=days)


class LedgerModel(RecordTableModel):
    """One row per measure (sub-measures indented): status, trend, evidence, deadline, %."""

    COLUMNS = ("measure", "status", "trend", "evidence", "deadline", "rollup")

    def __init__(self, store, parent=None, on: str | None = None):
        super().__init__(store, parent)
        self._on = on
        self.paragraphs: dict[str, int] = {}
        self.refresh()

    def load(self) -> list[dict]:
        ledger = self._store.ledger(self._on)
        self.paragraphs = ledger["paragraphs"]
        return ledger["measures"]

    def measure_at(self, row: int) -> dict:
        return self.record_at(row)

    def header_labels(self) -> list[str]:
        return [_("Measure"), _("Status"), _("Trend"), _("Last evidence"),
                    _("Deadline"), _("Roll-up")]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        m, col = self._rows[index.row()], self.COLUMNS[index.column()]
        if role == MeasureIdRole:
            return m["id"]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(m, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == "measure":
                return m["title"].get(language()) or m["title"]["en"]
            if col == "evidence" and m["last"]:
                return m["last"]["evidence"][:2000]
            if col == "rollup":
                return _("Own status, or the mean of its sub-measures when it has no "
                         "assessment of its own (not assessed counts as 0).")
            return None
        if role == Qt.ItemDataRole.BackgroundRole and col == "status":
            return QBrush(QColor(STATUS_COLOURS[m["status"]]))
        if role == Qt.ItemDataRole.ForegroundRole and col == "status":
            return QBrush(QColor("#000000"))
        if role == Qt.ItemDataRole.AccessibleTextRole and col == "trend":
            return trend_text(m["trend"])
        if role == Qt.ItemDataRole.TextAlignmentRole and col == "rollup":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, m: dict, col: str) -> str:
        if col == "measure":
            indent = "    " if m["parent"] else ""
            title = m["title"].get(language()) or m["title"]["en"]
            return f"{indent}{m['id']}  {title}"
        if col == "status":
            return (m["status_label"] if m["status"] is None
                    else f"{m['status']} — {m['status_label']}")
        if col == "trend":
            # a trend needs two assessments to compare
            return f"{TREND_ARROWS[m['trend']]} {trend_text(m['trend'])}" \
                if m["assessments"] >= 2 else ""
        if col == "evidence":
            last = m["last"]
            if not last:
                return ""
            text = " ".join(last["evidence"].split())
            return f"{format_date(last['date'], 'medium')}: {text[:80]}" + \
                ("…" if len(text) > 80 else "")
        if col == "deadline":
            return deadline_text(m["days_to_deadline"])
        return f"{m['rollup']} %"


class HistoryModel(RecordTableModel):
    """Assessments of one measure, newest first."""

    COLUMNS = ("date", "status", "author", "confidence", "source", "indicators", "evidence")

    def __init__(self, store, measure_id: str | None = None, parent=None):
        super().__init__(store, parent)
        self.set_measure(measure_id)

    def set_measure(self, measure_id: str | None) -> None:
        self.measure_id = measure_id
        self.refresh()

    def load(self) -> list[dict]:
        return self._store.measure_history(self.measure_id) if self.measure_id else []

    def header_labels(self) -> list[str]:
        return [_("Date"), _("Status"), _("Author"), _("Confidence"), _("Source"),
                _("Indicators"), _("Evidence")]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        a, col = self._rows[index.row()], self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and col == "status":
            return QBrush(QColor(STATUS_COLOURS[a["status"]]))
        if role == Qt.ItemDataRole.ForegroundRole and col == "status":
            return QBrush(QColor("#000000"))
        if role == Qt.ItemDataRole.ToolTipRole and col == "evidence":
            return a["evidence"][:2000]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == "date":
            return format_date(a["date"], "medium")
        if col == "status":
            return f"{a['status']} — {a['status_label']}"
        if col == "confidence":
            return {"low": _("low"), "medium": _("medium"), "high": _("high")}[a["confidence"]]
        if col == "indicators":
            return ", ".join(f"{k} = {format_number(v)}" for k, v in a["indicators"].items())
        if col == "evidence":
            return " ".join(a["evidence"].split())[:200]
        return a[col]

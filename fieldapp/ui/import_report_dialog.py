"""Import report: one row per file (imported / already imported / rejected, with the reason)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QPlainTextEdit, QSplitter, QTableView, QVBoxLayout)

from fieldapp.core.i18n import _, format_date, format_number, ngettext

COLUMNS = ("file", "result", "source", "new", "updated", "unchanged", "conflicts", "encryption",
           "notes")


def result_label(r) -> str:
    return {"imported": _("Imported"), "already": _("Already imported"),
            "rejected": _("REJECTED")}[r.status]


def source_label(r) -> str:
    if not r.device_id:
        return "—"
    who = _("HQ package #{n}").format(n=r.seq) if r.package == "hq" else \
        _("Device {dev} #{n}").format(dev=r.device_id[:8], n=r.seq)
    return who


def encryption_label(r) -> str:
    if not r.device_id:
        return "—"
    return _("Encrypted") if r.encrypted else _("NOT ENCRYPTED")


def notes_label(r) -> str:
    """The one thing to know about a file at a glance (why it was refused, first contact…)."""
    if r.status != "imported":
        return r.reason
    notes = []
    if r.first_contact and r.package != "hq":
        notes.append(_("first contact: key {fp} pinned").format(fp=r.fingerprint))
    if r.ack is not None:
        notes.append(_("HQ has your changes up to #{n}").format(n=r.ack))
    return "; ".join(notes)


def created_label(iso: str) -> str:
    try:
        return f"{format_date(iso[:10])} {iso[11:16]} UTC"
    except ValueError:
        return iso


def details_text(r) -> str:
    """Everything about one file, as plain text."""
    lines = [Path(r.path).name, result_label(r)]
    if r.reason:
        lines.append(_("Reason: {reason}").format(reason=r.reason))
    if r.device_id:
        lines.append(_("From: {source}, created {when}").format(source=source_label(r),
                                                                 when=created_label(r.created)))
        if r.first_contact:
            lines.append(_("First contact with this device: its key {fp} is now pinned; a later "
                           "file from it with another key will be refused.")
                         .format(fp=r.fingerprint))
        else:
            lines.append(_("Signing key {fp} (matches the key pinned earlier)")
                         .format(fp=r.fingerprint))
        lines.append(_("The file was encrypted in transit.") if r.encrypted else
                     _("The file was NOT encrypted: anyone who handled it could read it "
                       "(it is signed, so it was not altered)."))
    if r.status == "imported":
        lines.append(_("Records — new: {new} · updated: {updated} · unchanged: {unchanged} · "
                       "conflicts: {conflicts} · history entries: {history}")
                     .format(new=r.new, updated=r.updated, unchanged=r.unchanged,
                             conflicts=r.conflicts, history=r.history))
        for kind, c in sorted(r.kinds.items()):
            lines.append(f"  {kind}: " + ", ".join(f"{k} {v}" for k, v in c.items()))
    if r.ack is not None:
        lines.append(_("HQ has your changes up to #{n}").format(n=r.ack))
    if r.backup:
        lines.append(_("Backup made before importing: {path}").format(path=r.backup))
    return "\n".join(lines)


class ImportReportModel(QAbstractTableModel):
    """Rows = FileReport objects from fieldapp.core.sync.importer."""

    def __init__(self, reports: list, parent=None):
        super().__init__(parent)
        self.reports = list(reports)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.reports)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        return {"file": _("File"), "result": _("Result"), "source": _("From"),
                "new": _("New"), "updated": _("Updated"), "unchanged": _("Unchanged"),
                "conflicts": _("Conflicts"), "encryption": _("Encryption"),
                "notes": _("Notes")}[COLUMNS[section]]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.reports):
            return None
        r = self.reports[index.row()]
        col = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "file":
                return Path(r.path).name
            if col == "result":
                return result_label(r)
            if col == "source":
                return source_label(r)
            if col == "encryption":
                return encryption_label(r)
            if col == "notes":
                return notes_label(r)
            if r.status != "imported":
                return "—"
            return format_number(getattr(r, col))
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.reason or details_text(r)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("new", "updated", "unchanged",
                                                                  "conflicts"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.status == "rejected" and col in ("file", "result", "notes"):
                return QBrush(QColor("#b00020"))
            if col == "encryption" and r.device_id and not r.encrypted:
                return QBrush(QColor("#b00020"))
            if col == "conflicts" and r.conflicts:
                return QBrush(QColor("#a15c00"))
        return None


class ImportReportDialog(QDialog):
    """The report of one import batch; "Review conflicts" when there are any."""

    reviewConflicts = Signal()

    def __init__(self, reports: list, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Import report"))
        self.resize(980, 520)
        self.model = ImportReportModel(reports, self)
        n_ok = sum(r.status == "imported" for r in reports)
        n_bad = sum(r.status == "rejected" for r in reports)
        conflicts = sum(r.conflicts for r in reports)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        parts = [ngettext("{n} file imported", "{n} files imported", n_ok)
                 .format(n=format_number(n_ok))]
        if n_bad:
            parts.append(ngettext("{n} file rejected (nothing from it was written)",
                                  "{n} files rejected (nothing from them was written)", n_bad)
                         .format(n=format_number(n_bad)))
        if conflicts:
            parts.append(ngettext("{n} conflict to review", "{n} conflicts to review",
                                  conflicts).format(n=format_number(conflicts)))
        acks = [r.ack for r in reports if r.ack is not None]
        if acks:
            parts.append(_("HQ has your changes up to #{n}").format(n=max(acks)))
        self.summary.setText(" · ".join(parts))
        self.summary.setStyleSheet("font-weight: bold")

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName(_("Files"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(_("Details"))
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.details.setPlainText(
                details_text(self.model.reports[cur.row()]) if cur.isValid() else ""))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setSizes([260, 200])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        self.review = None
        if conflicts:
            self.review = buttons.addButton(_("Review conflicts…"),
                                            QDialogButtonBox.ButtonRole.ActionRole)
            self.review.clicked.connect(self._review)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter)
        layout.addWidget(buttons)
        if reports:
            self.table.selectRow(0)

    def _review(self) -> None:
        self.reviewConflicts.emit()
        self.accept()

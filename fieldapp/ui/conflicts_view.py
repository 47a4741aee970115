"""Conflicts: both versions side by side, differing fields marked; keep one, the other or both."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QMessageBox, QPlainTextEdit, QPushButton, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import N_, _, format_date
from fieldapp.core.sync import resolve

COLUMNS = ("kind", "label", "current", "other", "detected")
KIND_LABELS = {"note": N_("Note"), "task": N_("Task"), "contact": N_("Contact"),
               "assessment": N_("Assessment")}
# The long text field of each kind, shown in full under the other fields.
LONG = {"note": "text", "task": "note", "contact": "note", "assessment": "evidence"}


def when(hlc: str) -> str:
    """The wall-clock part of a hybrid logical clock, as a local-language date and UTC time."""
    try:
        moment = dt.datetime.fromtimestamp(int(hlc[:13]) / 1000, dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        return hlc
    return f"{format_date(moment.date())} {moment:%H:%M} UTC"


def device_label(device_id: str, mine: str | None) -> str:
    if device_id == mine:
        return _("this installation")
    return _("device {dev}").format(dev=device_id[:8])


def side_text(version: dict, other: dict, kind: str, mine: str | None = None) -> str:
    """One version as plain text; fields that differ from the other version start with ≠."""
    c, o = version["c"], other["c"]
    lines = [_("Made on {device}, {when}").format(device=device_label(version["device_id"], mine),
                                                   when=when(version["hlc"]))]
    if c["deleted"]:
        lines.append(_("DELETED on that device"))
    lines.append("")
    long_field = LONG[kind]
    for key in sorted(c):
        if key in ("deleted", long_field):
            continue
        mark = "≠ " if c.get(key) != o.get(key) else "  "
        value = c[key]
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = ", ".join(f"{k}={v}" for k, v in value.items())
        lines.append(f"{mark}{key}: {'' if value is None else value}")
    mark = "≠ " if c.get(long_field) != o.get(long_field) else "  "
    lines += ["", f"{mark}{long_field}:", str(c.get(long_field) or "")]
    return "\n".join(lines)


class ConflictsModel(QAbstractTableModel):
    """Open conflicts, oldest first (fieldapp.core.sync.resolve.conflicts)."""

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.mine = store.sync_meta_get("device_id")
        self.items: list[dict] = resolve.conflicts(store)

    def refresh(self) -> None:
        self.beginResetModel()
        self.items = resolve.conflicts(self.store)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        return {"kind": _("Kind"), "label": _("Record"), "current": _("Current version"),
                "other": _("Other version"), "detected": _("Found")}[COLUMNS[section]]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        col = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == "kind":
                return _(KIND_LABELS[item["kind"]])
            if col == "label":
                return item["label"]
            if col in ("current", "other"):
                v = item[col]
                deleted = _(" (deleted)") if v["c"]["deleted"] else ""
                return f"{device_label(v['device_id'], self.mine)}, {when(v['hlc'])}{deleted}"
            return item["detected_at"][:16].replace("T", " ")
        return None

    def conflict_at(self, row: int) -> dict | None:
        return self.items[row] if 0 <= row < len(self.items) else None


class ConflictsView(QWidget):
    """`resolved(version)` after each resolution (the new current version of the record)."""

    resolved = Signal(object)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(_("Sync conflicts"))
        self.model = ConflictsModel(store, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(_("Conflicts"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show())
        self.empty = QLabel(_("No conflicts: every record has one version."), self)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.hint = QLabel(_("These records were changed on two installations that had not "
                             "seen each other's change. The app shows the current version; "
                             "nothing has been thrown away. Keep one version, the other, or "
                             "both texts merged (edit the merged text first if you like). "
                             "Fields marked ≠ differ."), self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)

        mono = QFont("DejaVu Sans Mono")
        self.current = self._pane(mono, _("Current version"))
        self.other = self._pane(mono, _("Other version"))
        self.merged = QPlainTextEdit(self)
        self.merged.setAccessibleName(_("Merged text"))
        self.merged.setToolTip(_("Used by “Keep both”: edit it before saving if needed."))
        sides = QSplitter(Qt.Orientation.Horizontal, self)
        for box, edit in ((_("Current version (shown in the app)"), self.current),
                          (_("Other version (kept for review)"), self.other),
                          (_("Merged text (for “Keep both”)"), self.merged)):
            group = QGroupBox(box, self)
            inner = QVBoxLayout(group)
            inner.addWidget(edit)
            sides.addWidget(group)
        self.keep_current = QPushButton(_("Keep current"), self)
        self.keep_other = QPushButton(_("Keep other"), self)
        self.keep_both = QPushButton(_("Keep both (merged text)"), self)
        for button, choice in ((self.keep_current, "current"), (self.keep_other, "other"),
                               (self.keep_both, "both")):
            button.clicked.connect(lambda _c=False, ch=choice: self.resolve_current(ch))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.keep_current, self.keep_other, self.keep_both):
            buttons.addWidget(b)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(sides)
        split.setSizes([180, 420])
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.resize(1200, 700)
        self._select(0)

    def _pane(self, font: QFont, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setReadOnly(True)
        edit.setFont(font)
        edit.setAccessibleName(name)
        return edit

    def _select(self, row: int) -> None:
        has = self.model.rowCount() > 0
        self.empty.setVisible(not has)
        self.hint.setVisible(has)
        for b in (self.keep_current, self.keep_other, self.keep_both):
            b.setEnabled(has)
        if has:
            self.table.selectRow(min(row, self.model.rowCount() - 1))
        self._show()

    def selected(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.conflict_at(index.row()) if index.isValid() else None

    def _show(self) -> None:
        c = self.selected()
        if c is None:
            for edit in (self.current, self.other, self.merged):
                edit.setPlainText("")
            return
        kind, cur, oth = c["kind"], c["current"], c["other"]
        mine = self.model.mine
        self.current.setPlainText(side_text(cur, oth, kind, mine))
        self.other.setPlainText(side_text(oth, cur, kind, mine))
        field = resolve.MERGE_FIELD[kind]
        self.merged.setPlainText(resolve.merged_text(cur["c"][field] or "",
                                                     oth["c"][field] or ""))

    def resolve_current(self, choice: str) -> dict | None:
        c = self.selected()
        if c is None:
            return None
        row = self.table.currentIndex().row()
        text = self.merged.toPlainText() if choice == "both" else None
        try:
            version = resolve.resolve(self.store, c["id"], choice, text)
        except FieldappError as exc:
            QMessageBox.warning(self, _("Sync conflicts"), str(exc))
            return None
        self.model.refresh()
        self._select(row)
        self.resolved.emit(version)
        return version

"""The reader's side panel: notes of the selected paragraph, newest first; add/edit/delete."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QLabel, QLineEdit,
                               QListView, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from fieldapp.core import corpus
from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import _, format_date, format_number, labelled, language, ngettext
from fieldapp.ui.notes_model import NoteRole, NotesListModel, sensitivity_label

if TYPE_CHECKING:  # the dialog is imported when it opens (the panel is built at start-up)
    from fieldapp.ui.note_dialog import NoteDialog


COUNT_CAP = 10_000  # an exact count of a million notes costs ~250 ms; the list needs none


def _warn(parent, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, text)


class NotesPanel(QWidget):
    """`set_unit(uid)` shows that paragraph's notes; `notesChanged(note)` after each change."""

    notesChanged = Signal(object)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self._unit: str | None = None
        # The deleted note's text, held in memory only for Undo: the database erased it.
        self._last_deleted: dict | None = None
        self.setObjectName("NotesPanel")

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search notes…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search notes"))
        self.all_units = QCheckBox(_("All paragraphs"))
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self._apply_query)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.all_units.toggled.connect(lambda _c: self._apply_query())

        self.model = NotesListModel(store, None, self, load=False)  # set_unit loads it
        self._loaded = False
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName(_("Notes"))
        # two elided lines per note: uniform sizes keep layout cheap with long lists
        self.list.setUniformItemSizes(True)
        self.list.setSpacing(1)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.selectionModel().currentChanged.connect(lambda *_a: self._show_current())
        self.list.doubleClicked.connect(lambda _i: self.edit_current())
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        muted = self.count.palette()  # a palette, not a style sheet (costly to set up)
        muted.setColor(QPalette.ColorRole.WindowText, QColor("#555555"))
        self.count.setPalette(muted)

        self.detail = QPlainTextEdit()  # plain text: markup in notes is shown, never run
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(_("Selected note"))

        self.add_button = QPushButton(_("&Add note…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.delete_button = QPushButton(_("&Delete"))
        self.add_button.clicked.connect(self.add_note)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)

        self.undo_label = QLabel()
        self.undo_label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_label.setWordWrap(True)  # a long message must not widen the dock
        self.undo_button = QPushButton(_("&Undo"))
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_bar = QWidget()
        undo_row = QHBoxLayout(self.undo_bar)
        undo_row.setContentsMargins(0, 0, 0, 0)
        undo_row.addWidget(self.undo_label, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_bar.hide()

        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.all_units)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(search_row)
        layout.addWidget(self.list, 3)
        layout.addWidget(self.count)
        layout.addWidget(self.detail, 2)
        layout.addWidget(self.undo_bar)
        layout.addLayout(buttons)
        self.title.setText(_("Notes — all paragraphs"))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not self._loaded:  # shown before any set_unit: list every note
            self.set_unit(None)
        super().showEvent(event)

    # -- paragraph and query ----------------------------------------------------------------
    def set_unit(self, uid: str | None) -> None:
        """Show the notes of paragraph `uid` (None: every note)."""
        self._unit = uid
        self.title.setText(_("Notes — {citation}").format(
            citation=corpus.citation(uid, language())) if uid else _("Notes — all paragraphs"))
        self.add_button.setEnabled(True)
        self._apply_query()

    def unit(self) -> str | None:
        return self._unit

    def _apply_query(self) -> None:
        self._loaded = True
        self.model.set_filter(None if self.all_units.isChecked() else self._unit,
                              self.search.text())
        self._after_reload()

    def _after_reload(self) -> None:
        unit = self.model.unit
        if self.search.text().strip():
            n = self.model.rowCount()
            self.count.setText(ngettext("{n} note found", "{n} notes found", n)
                               .format(n=format_number(n)))
        else:
            n = self.store.count_notes(unit, cap=COUNT_CAP)
            if n > COUNT_CAP:
                self.count.setText(_("more than {n} notes").format(n=format_number(COUNT_CAP)))
            else:
                self.count.setText(ngettext("{n} note", "{n} notes", n)
                                   .format(n=format_number(n)))
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))
        self._show_current()

    def current_note(self) -> dict | None:
        index = self.list.currentIndex()
        return index.data(NoteRole) if index.isValid() else None

    def _show_current(self) -> None:
        note = self.current_note()
        self.edit_button.setEnabled(note is not None)
        self.delete_button.setEnabled(note is not None)
        if note is None:
            self.detail.setPlainText("")
            return
        meta = [labelled(_("Date"), format_date(note['date'])),
                labelled(_("Author"), note['author']),
                labelled(_("Sensitivity"), sensitivity_label(note['sensitivity'])),
                labelled(_("Paragraphs"), ', '.join(note['units']))]
        if note["tags"]:
            meta.append(labelled(_("Tags"), ', '.join(note['tags'])))
        if note["measure_id"]:
            meta.append(labelled(_("Priority measure"), note['measure_id']))
        self.detail.setPlainText("\n".join(meta) + "\n\n" + note["text"])

    # -- changes --------------------------------------------------------------------------
    def _changed(self, note: dict) -> None:
        self.model.reload()
        self._after_reload()
        row = self.model.row_of(note["id"])
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))
        self.notesChanged.emit(note)

    def open_add_dialog(self) -> NoteDialog:
        """The dialog for a new note on the current paragraph (not yet shown)."""
        from fieldapp.ui.note_dialog import NoteDialog

        return NoteDialog(self.store, units=[self._unit] if self._unit else [], parent=self)

    def add_note(self) -> None:
        dialog = self.open_add_dialog()
        if dialog.exec() and dialog.saved:
            self._forget_deleted()
            self._changed(dialog.saved)

    def edit_current(self) -> None:
        note = self.current_note()
        if note is None:
            return
        from fieldapp.ui.note_dialog import NoteDialog

        dialog = NoteDialog(self.store, note=note, parent=self)
        if dialog.exec() and dialog.saved:
            self._changed(dialog.saved)

    def delete_current(self) -> None:
        note = self.current_note()
        if note is None:
            return
        try:
            deleted = self.store.delete_note(note["id"])
        except FieldappError as exc:
            _warn(self, _("Delete note"), str(exc))
            return
        self._last_deleted = {"id": note["id"], "text": note["text"], "tags": note["tags"]}
        when = format_date(deleted["date"], "medium")
        self.undo_label.setText(_("Note of {date} deleted; its text is erased from the"
                                  " database.").format(date=when))
        self.undo_bar.show()
        self._changed(deleted)

    def undo_delete(self) -> None:
        if not self._last_deleted:
            return
        try:
            restored = self.store.restore_note(self._last_deleted["id"],
                                               text=self._last_deleted["text"],
                                               tags=self._last_deleted["tags"])
        except FieldappError as exc:
            _warn(self, _("Undo"), str(exc))
            return
        self._forget_deleted()
        self._changed(restored)

    def _forget_deleted(self) -> None:
        self._last_deleted = None
        self.undo_bar.hide()

"""Hostile text in the window (tests/naughty.py): the notes panel, the note dialog and the
search results show it as plain text — exactly what was stored, no markup interpreted.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from fieldapp.ui.note_dialog import NoteDialog
from fieldapp.ui.notes_model import NoteRole
from fieldapp.ui.notes_panel import NotesPanel
from fieldapp.ui.search_model import HtmlRole, SearchResultsModel
from tests.fault_helpers import SOAK
from tests.naughty import naughty_strings, one_megabyte

OK = [(n, t) for n, t, v in naughty_strings(full=SOAK) if v == "ok"]


def as_shown(text: str) -> str:
    """Qt's plain-text editors store a CR or CRLF as a paragraph break (read back as \\n)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.fixture
def panel(qtbot, store):
    for name, text in OK:
        store.add_note(["op28.c.ii"], text, tags=["synthetic"], date="2021-03-01")
    p = NotesPanel(store)
    qtbot.addWidget(p)
    p.resize(480, 700)
    p.show()
    p.set_unit("op28.c.ii")
    return p


def test_notes_panel_shows_each_hostile_note_as_plain_text(panel, qtbot):
    model = panel.model
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == len(OK)
    seen = set()
    for row in range(model.rowCount()):
        panel.list.setCurrentIndex(model.index(row))
        note = model.index(row).data(NoteRole)
        shown = panel.detail.toPlainText()
        assert shown.endswith("\n\n" + as_shown(note["text"])), note["text"][:60]
        assert isinstance(model.index(row).data(Qt.ItemDataRole.DisplayRole), str)
        seen.add(note["text"])
    assert seen == {t for _n, t in OK}
    for label in panel.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()[:60]
    panel.grab()  # paints every visible row (RTL, combining marks, emoji) without a crash


def test_note_dialog_edits_hostile_text_unchanged(panel, store, qtbot):
    for row in range(panel.model.rowCount()):
        note = panel.model.index(row).data(NoteRole)
        dialog = NoteDialog(store, note=note, parent=panel)
        qtbot.addWidget(dialog)
        assert dialog.text.toPlainText() == as_shown(note["text"])
        dialog.close()


def test_search_results_render_hostile_snippets_literally(store, qtbot):
    model = SearchResultsModel()
    doc = QTextDocument()
    for name, text in OK:
        if "<" not in text and "&" not in text and "*" not in text:
            continue
        note = store.add_note(["op28.c.ii"], text, tags=["synthetic"])
        rows = [r for r in store.search_notes(text) if r["id"] == note["id"]] or \
            [{"id": note["id"], "kind": "note", "lang": "", "snippet": text}]
        model.set_results(rows)
        doc.setHtml(model.index(0).data(HtmlRole))
        rendered = doc.toPlainText()
        assert " ".join(text.split()) in " ".join(rendered.split()), (name, rendered)
        assert "*" not in text or "*" in model.index(0).data(Qt.ItemDataRole.DisplayRole)


def test_megabyte_note_in_the_panel(qtbot, store):
    text = one_megabyte()
    store.add_note(["op28.c.ii"], text, tags=["synthetic"])
    p = NotesPanel(store)
    qtbot.addWidget(p)
    p.show()
    p.set_unit("op28.c.ii")
    assert p.detail.toPlainText().endswith(text[-200:])
    assert len(p.model.index(0).data(Qt.ItemDataRole.DisplayRole)) < 400  # preview elided

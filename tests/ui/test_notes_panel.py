"""The notes side panel, driven offscreen: add from the panel, list, search, delete + undo."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fieldapp.ui.note_dialog import NoteDialog
from fieldapp.ui.notes_model import NoteRole, NotesListModel
from fieldapp.ui.notes_panel import NotesPanel
from tests.ui_records_helpers import click_ok, with_dialog

MARKUP = "<b>x</b>&<img src=x>"


@pytest.fixture
def panel(qtbot, store):
    p = NotesPanel(store)
    qtbot.addWidget(p)
    p.resize(420, 640)
    p.show()
    p.set_unit("op28.c.ii")
    return p


def texts(panel) -> list[str]:
    m = panel.model
    return [m.index(r).data(NoteRole)["text"] for r in range(m.rowCount())]


def test_add_a_note_to_op28cii_from_the_panel_then_list_and_search(panel, store, qtbot):
    def fill(dialog: NoteDialog):
        assert dialog.units.text() == "op28.c.ii"
        dialog.text.setPlainText("")
        click_ok(dialog)  # empty text: inline error, dialog stays open, nothing written
        assert dialog.isVisible() and not dialog.error.isHidden()
        assert "empty" in dialog.error.text()
        assert store.count_notes() == 0
        dialog.region.setCurrentIndex(dialog.region.findData("menaka"))
        dialog.cercle.setEditText("Inékar")
        dialog.tags.setText("poc, synthetic")
        dialog.text.setPlainText("Synthetic: patrol report from Inékar")
        click_ok(dialog)

    seen = with_dialog(qtbot, NoteDialog, fill, panel.add_button.click)
    assert seen and seen[0].saved is not None
    assert texts(panel) == ["Synthetic: patrol report from Inékar"]
    stored = store.notes_page("op28.c.ii")[0]
    assert (stored["region"], stored["cercle"], stored["tags"]) == \
        ("menaka", "Inékar", ["poc", "synthetic"])
    assert "1 note" in panel.count.text()
    qtbot.keyClicks(panel.search, "inekar patrol")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and "found" in panel.count.text())
    assert panel.model.index(0).data(NoteRole)["id"] == stored["id"]
    panel.search.clear()
    qtbot.keyClicks(panel.search, "nothing-like-this")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)


def test_markup_is_shown_as_plain_text(panel, store):
    store.add_note(["op28.c.ii"], MARKUP)
    panel.set_unit("op28.c.ii")
    assert MARKUP in panel.model.index(0).data(Qt.ItemDataRole.DisplayRole)
    assert panel.detail.toPlainText().endswith(MARKUP)
    assert panel.title.textFormat() == Qt.TextFormat.PlainText


def test_notes_newest_first_and_only_for_the_selected_unit(panel, store):
    store.add_note(["op28.c.ii"], "older", date="2021-01-01")
    store.add_note(["op28.c.ii", "op1"], "newer", date="2021-02-01")
    store.add_note(["op1"], "other paragraph", date="2021-03-01")
    panel.set_unit("op28.c.ii")
    assert texts(panel) == ["newer", "older"]
    panel.set_unit("op1")
    assert texts(panel) == ["other paragraph", "newer"]


def test_delete_with_undo(panel, store, qtbot):
    note = store.add_note(["op28.c.ii"], "Synthetic to delete", tags=["poc"])
    panel.set_unit("op28.c.ii")
    panel.list.setCurrentIndex(panel.model.index(0))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert texts(panel) == [] and store.note(note["id"])["deleted"]
    assert store.note(note["id"])["text"] == ""  # erased from the database…
    assert panel.undo_bar.isVisible() and "erased" in panel.undo_label.text()
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    restored = store.note(note["id"])  # …and given back from the panel's memory by Undo
    assert texts(panel) == ["Synthetic to delete"] and not restored["deleted"]
    assert restored["tags"] == ["poc"]
    assert not panel.undo_bar.isVisible() and panel._last_deleted is None


def test_edit_from_the_panel(panel, store, qtbot):
    note = store.add_note(["op28.c.ii"], "v1")
    panel.set_unit("op28.c.ii")

    def fill(dialog):
        dialog.text.setPlainText("v2")
        click_ok(dialog)

    with_dialog(qtbot, NoteDialog, fill, panel.edit_button.click)
    assert texts(panel) == ["v2"]
    assert [h["content"]["text"] for h in store.note_history(note["id"])] == ["v1", "v2"]


def test_lazy_model_fetches_pages(store, qtmodeltester):
    for i in range(12):
        store.add_note(["op28.c.ii"], f"n{i}", date=f"2021-01-{i + 1:02d}")
    model = NotesListModel(store, "op28.c.ii", page=5)
    assert model.rowCount() == 5 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 10
    model.fetchMore()
    assert model.rowCount() == 12 and not model.canFetchMore()
    assert [model.note_at(r)["text"] for r in (0, 11)] == ["n11", "n0"]
    qtmodeltester.check(NotesListModel(store, "op28.c.ii", page=5))
    qtmodeltester.check(NotesListModel(store, None))


def test_screenshot(panel, store, tmp_path):
    store.add_note(["op28.c.ii"], "Synthetic: meeting with " + MARKUP, region="menaka",
                   sensitivity="confidential", date="2021-01-10")
    panel.set_unit("op28.c.ii")
    assert not panel.grab().isNull()


def test_dates_follow_the_interface_language(panel, store):
    from fieldapp.core import i18n

    store.add_note(["op28.c.ii"], "Synthetic dated note", date="2021-09-03")
    previous = i18n.language()
    try:
        for lang, short, long in (("en", "3 Sept 2021", "3 September 2021"),
                                  ("fr", "3 sept. 2021", "3 septembre 2021")):
            i18n.set_language(lang)
            panel.set_unit("op1")
            panel.set_unit("op28.c.ii")
            panel.list.setCurrentIndex(panel.model.index(0))
            assert panel.model.index(0).data().startswith(short + " · ")
            assert long in panel.detail.toPlainText()
    finally:
        i18n.set_language(previous)

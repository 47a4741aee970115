"""The main window driven offscreen with pytest-qt: real store, real keys, real settings file."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolTip

from fieldapp.core import i18n
from fieldapp.core.store import Store
from tests.reader_helpers import (anchor_point, compiled_catalogs, english_ui,  # noqa: F401
                                  links_in, make_window, settings_path, window)


def key(widget, k, mod=Qt.KeyboardModifier.NoModifier):
    QTest.keyClick(widget, k, mod)


def test_tree_has_sections_then_paragraphs(window):
    model = window.navigator.contents_model
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top[0] == "Preamble" and "Situation in Central Mali" in top
    mandate = model.index(top.index("MINUSMA's mandate"), 0)
    subs = [model.index(r, 0, mandate).data() for r in range(model.rowCount(mandate))]
    assert subs == ["General principles", "Priority tasks", "Other tasks"]


def test_navigating_the_tree_by_keyboard_shows_units(window, qtbot):
    tree = window.navigator.contents
    window.show_navigator_tab(0)
    tree.setCurrentIndex(window.navigator.contents_model.index_for_unit("op28.c"))
    assert window.current_unit() == "op28.c"
    assert "Protection of civilians" in window.reader.toPlainText()
    changed: list[str] = []
    window.unitChanged.connect(changed.append)
    key(tree, Qt.Key.Key_Right)   # expand (c)
    key(tree, Qt.Key.Key_Down)    # its first child, (i)
    key(tree, Qt.Key.Key_Down)    # (ii)
    assert changed == ["op28.c.i", "op28.c.ii"]
    assert window.current_unit() == "op28.c.ii"
    text = window.reader.toPlainText()
    assert "S/RES/2531 (2020), para. 28 (c) (ii)" in text
    assert "anticipate, deter and effectively respond" in text
    assert "Decides that MINUSMA's mandate shall include" in text  # context: the whole op28
    assert window.position_label.text() == "S/RES/2531 (2020), para. 28 (c) (ii)"


def test_cross_reference_link_navigates_and_back_forward_return(window, qtbot):
    window.show_unit("op20")
    assert "unit:op19" in links_in(window.reader)
    point = anchor_point(window.reader, "unit:op19")
    QTest.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.current_unit() == "op19"
    assert "S/RES/2531 (2020), para. 19" in window.reader.toPlainText()
    assert window.acts.back.isEnabled() and not window.acts.forward.isEnabled()
    key(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_unit() == "op20"
    key(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_unit() == "op19"


def test_moving_through_the_tree_is_one_history_step(window):
    window.show_unit("op5")                      # e.g. a link or search result
    tree = window.navigator.contents
    for uid in ("op6", "op7", "op8"):
        tree.setCurrentIndex(window.navigator.contents_model.index_for_unit(uid))
    window.reader.go(-1)
    assert window.current_unit() == "op5"


def test_french_text_then_side_by_side_aligned(window):
    window.show_unit("op28.c.ii")
    key(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    text = window.reader.toPlainText()
    assert "S/RES/2531 (2020), par. 28 c) ii)" in text
    assert "À l’appui des autorités maliennes" in text
    assert text.count("Unofficial working translation") == 1
    assert "anticipate, deter" not in text
    key(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.text_mode == "both"
    text = window.reader.toPlainText()
    assert "anticipate, deter" in text and "À l’appui des autorités maliennes" in text
    assert text.count("Unofficial working translation") == 1 and "Source text" in text
    # aligned: one table row per unit, English cell left and French cell right
    from PySide6.QtGui import QTextTable

    tables = [f for f in window.reader.document().rootFrame().childFrames()
              if isinstance(f, QTextTable) and f.columns() == 2 and f.rows() > 10]
    assert tables, "side-by-side table not found"
    table = tables[0]
    units = ["op28"] + window.data.descendants("op28")
    assert table.rows() == len(units)
    row = units.index("op28.c.ii")
    left = table.cellAt(row, 0).firstCursorPosition().block().text()
    en_cell = _cell_text(table, row, 0)
    fr_cell = _cell_text(table, row, 1)
    assert "anticipate, deter" in en_cell and "À l’appui des autorités" in fr_cell, left


def _cell_text(table, row: int, col: int) -> str:
    cell = table.cellAt(row, col)
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastCursorPosition().position(),
                       cursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def test_copy_citation_in_english_and_french(window):
    window.show_unit("op28.c.ii")
    key(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.ShiftModifier)
    assert QGuiApplication.clipboard().text() == "S/RES/2531 (2020), para. 28 (c) (ii)"
    window.set_text_mode("fr")
    window.copy_citation()
    assert QGuiApplication.clipboard().text() == "S/RES/2531 (2020), par. 28 c) ii)"
    window.show_unit("op3.2")
    assert window.copy_citation() == "S/RES/2531 (2020), par. 3, 2e alinéa"


def test_glossary_term_shows_its_definition_on_hover(window, qtbot):
    window.show_unit("op28.a.iii.4")   # "…reconstituted MDSF in the North…"
    point = anchor_point(window.reader, "gloss:mdsf")
    QTest.mouseMove(window.reader.viewport(), point)
    qtbot.waitUntil(lambda: QToolTip.isVisible(), timeout=2000)
    assert "Malian Defence and Security Forces" in QToolTip.text()
    QToolTip.hideText()
    window.set_text_mode("fr")
    point = anchor_point(window.reader, "gloss:mdsf")
    QTest.mouseMove(window.reader.viewport(), point - point / 2)  # leave the link
    QTest.mouseMove(window.reader.viewport(), point)
    qtbot.waitUntil(lambda: "FDSM" in QToolTip.text(), timeout=2000)
    assert "Forces de défense et de sécurité maliennes" in QToolTip.text()


def test_glossary_tab_opens_the_entry_page(window):
    window.show_navigator_tab(2)
    view, model = window.navigator.glossary, window.navigator.glossary_model
    row = model.row_of("mdsf")
    view.setCurrentIndex(model.index(row))
    key(view, Qt.Key.Key_Return)
    text = window.reader.toPlainText()
    assert "MDSF / FDSM" in text and "Malian Defence and Security Forces" in text
    assert any(h.startswith("unit:") for h in links_in(window.reader))


def test_bookmark_and_reading_position_survive_a_restart(make_window, db_path, settings_path):
    store = Store.open(db_path)
    w = make_window(store)
    w.show_unit("op28.c")
    key(w, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert w.acts.bookmark.isChecked()
    w.set_text_mode("both")
    w.zoom(+2)
    w.show_unit("op41")
    w.close()
    store.close()

    store2 = Store.open(db_path)                      # a real restart: new store, new window
    try:
        w2 = make_window(store2, settings_path)
        assert w2.current_unit() == "op41"
        assert w2.text_mode == "both" and w2.acts.text_both.isChecked()
        assert w2.reader.zoom() == 2
        w2.show_navigator_tab(3)
        model = w2.navigator.bookmarks_model
        assert [model.index(r).data(Qt.ItemDataRole.UserRole + 1)
                for r in range(model.rowCount())] == ["op28.c"]
        w2.navigator.bookmarks.setCurrentIndex(model.index(0))
        key(w2.navigator.bookmarks, Qt.Key.Key_Return)
        assert w2.current_unit() == "op28.c" and w2.acts.bookmark.isChecked()
        w2.toggle_bookmark()
        assert store2.bookmarks() == [] and model.rowCount() == 0
        w2.close()
    finally:
        store2.close()


def test_interface_in_french_then_back(window, qtbot):
    assert window.file_menu.title() == "&File"
    new = window.set_interface_language("fr")
    assert new is not window and new.isVisible()
    assert [m.title() for m in (new.file_menu, new.edit_menu, new.view_menu, new.go_menu,
                                new.help_menu)] == ["&Fichier", "&Édition", "&Affichage",
                                                    "A&ller", "Aid&e"]
    assert new.acts.ui_fr.isChecked()
    assert new.navigator.tabs.tabText(0) == "Sommaire"
    # Qt's own dialogs are French too (qtbase_fr.qm)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    assert new.current_unit() == window.current_unit() or new.current_unit() == "op1"
    assert new.settings.ui_language == "fr"
    back = new.set_interface_language("en")
    assert back.file_menu.title() == "&File" and i18n.language() == "en"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_zoom_shortcuts(window):
    size = window.reader.font().pointSize()
    key(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font().pointSize() == size + 1
    key(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    key(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font().pointSize() == size - 1
    key(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font().pointSize() == size


def test_go_to_paragraph_and_next_previous(window, qtbot):
    window.show_unit("op16")
    key(window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.current_unit() == "op17"
    key(window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    key(window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.current_unit() == "op15"
    assert window.show_unit("op99") is False and window.current_unit() == "op15"


def test_print_writes_the_page_to_pdf(window, tmp_path):
    import pypdf

    from fieldapp.ui.printing import print_to_pdf

    window.set_text_mode("fr")
    window.show_unit("op16")
    path = print_to_pdf(window.reader.document(), tmp_path / "page.pdf")
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(path).pages).split())
    assert "par. 16" in text and "30 juin 2021" in text

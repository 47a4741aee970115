"""Search, themes, deadlines, models, keyboard, accessibility and plain-text display."""
from __future__ import annotations

import datetime as dt
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QLineEdit,
                               QMessageBox, QTabBar, QTextBrowser)

from fieldapp.core import corpus
from fieldapp.ui.contents_model import ContentsModel
from fieldapp.ui.list_models import BookmarksModel, GlossaryModel, IdRole
from fieldapp.ui.reader_view import READER_MIN_WIDTH, SIDE_BY_SIDE_MIN_WIDTH
from fieldapp.ui.search_model import SearchResultsModel
from fieldapp.ui.themes_model import ThemesModel
from tests.reader_helpers import (compiled_catalogs, english_ui, links_in,  # noqa: F401
                                  make_window, settings_path, window)


def type_query(qtbot, window, text: str) -> None:
    window.focus_search()
    panel = window.navigator.search
    assert QApplication.focusWidget() is panel.field
    panel.field.clear()
    QTest.keyClicks(panel.field, text)
    qtbot.waitUntil(lambda: panel.query() == text, timeout=3000)


def test_search_as_you_type_then_enter_opens_with_terms_highlighted(window, qtbot):
    panel = window.navigator.search
    type_query(qtbot, window, "Menak")               # prefix, no accent
    assert panel.model.rowCount() >= 1
    first = panel.model.index(0)
    assert "Ménaka" in first.data()                   # snippet in the chosen language (EN)
    assert "[EN]" not in first.data()
    QTest.keyClick(panel.field, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is panel.results
    QTest.keyClick(panel.results, Qt.Key.Key_Down)
    second = panel.results.currentIndex().data(IdRole)
    QTest.keyClick(panel.results, Qt.Key.Key_Return)
    assert window.current_unit() == second
    assert window.reader.current().query == "Menak"
    html = window.reader.toHtml()
    assert "background-color:#ffe066" in html and "Ménaka" in window.reader.toPlainText()


def test_search_follows_the_text_language(window, qtbot):
    window.set_text_mode("fr")
    type_query(qtbot, window, "protection des civils")
    panel = window.navigator.search
    rows = [panel.model.result(r) for r in range(panel.model.rowCount())]
    assert rows and all(r["lang"] == "fr" for r in rows if r["kind"] == "paragraph")
    window.set_text_mode("both")
    type_query(qtbot, window, "Menaka")
    langs = {panel.model.result(r)["lang"] for r in range(panel.model.rowCount())}
    assert {"en", "fr"} <= langs
    assert "[FR]" in " ".join(panel.model.index(r).data() for r in range(panel.model.rowCount()))


@pytest.mark.parametrize("query", ['"', "'", "NEAR(", "AND", "-", ":", "*", "(", "\x00x",
                                   "<b>x</b>&<img src=x>", "l'enfant", "x" * 2000, "   "])
def test_bad_queries_never_raise_or_show_a_dialog(window, qtbot, query, monkeypatch):
    shown = []
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: shown.append(a))
    panel = window.navigator.search
    window.focus_search()
    panel.field.setText(query)
    qtbot.waitUntil(lambda: not panel._timer.isActive(), timeout=2000)
    qtbot.wait(100)
    assert not shown
    assert panel.status.textFormat() == Qt.TextFormat.PlainText
    assert panel.status.text()


def test_typing_never_waits_for_the_search(window, qtbot):
    """Each keystroke returns at once: the query runs in the worker thread."""
    panel = window.navigator.search
    window.focus_search()
    worst = 0.0
    for ch in "protection of civilians":
        start = time.perf_counter()
        QTest.keyClick(panel.field, ch)
        worst = max(worst, time.perf_counter() - start)
    qtbot.waitUntil(lambda: panel.query() == "protection of civilians", timeout=3000)
    assert worst < 0.1, f"a keystroke took {worst * 1000:.0f} ms"
    assert panel._thread is not None and panel._thread.isRunning()


def test_theme_view_reads_all_paragraphs_in_order_with_count_and_links(window, store):
    window.show_navigator_tab(1)
    model = window.navigator.themes_model
    row = model.row_of("protection-of-civilians")
    index = model.index(row, 0)
    expected = store.theme_units("protection-of-civilians")
    assert index.data().endswith(f"({len(expected)})")
    window.navigator.themes.setCurrentIndex(index)
    QTest.keyClick(window.navigator.themes, Qt.Key.Key_Return)
    text = window.reader.toPlainText()
    assert f"{len(expected)} paragraphs" in text
    links = [h for h in links_in(window.reader) if h.startswith("unit:")]
    assert links[:len(expected)] == [f"unit:{u}" for u in expected]   # the index, in order
    positions = [text.index(corpus.citation(u)) for u in expected if "." not in u]
    assert positions == sorted(positions)                               # the page, in order
    # expanding the theme lists its paragraphs (fetched lazily)
    window.navigator.themes.expand(index)
    assert model.rowCount(index) == len(expected)
    child = model.index(0, 0, index)
    window.navigator.themes.setCurrentIndex(child)
    QTest.keyClick(window.navigator.themes, Qt.Key.Key_Return)
    assert window.current_unit() == expected[0]


def test_deadlines_view_counts_days_from_today_and_links(window):
    window.reader.today = dt.date(2021, 3, 1)
    window.show_deadlines()
    text = window.reader.toPlainText()
    assert "30 June 2021" in text and "31 March 2021" in text and "April 2021" in text
    assert "in 121 days" in text          # 1 March → 30 June 2021
    assert "in 30 days" in text           # → 31 March 2021 (roadmap, op64)
    assert "every 3 months" in text and "29 March 2021" in text   # next report (op62)
    assert "every 6 months" in text and "no start date in the text" in text   # op63
    links = links_in(window.reader)
    for uid in ("op16", "op64", "op38", "op62", "op63"):
        assert f"unit:{uid}" in links
    window.set_text_mode("fr")
    window.reader.today = dt.date(2026, 11, 28)
    window.show_deadlines()
    text = window.reader.toPlainText()
    assert "days ago" in text                                    # the mandate period is over


def test_models_pass_the_model_tester(qtmodeltester, store, english_ui):
    from fieldapp.core.reader import ReaderData

    data = ReaderData.load(store)
    qtmodeltester.check(ContentsModel(store, data=data))
    themes = ThemesModel(store, gist=data.gist)
    qtmodeltester.check(themes)
    themes.fetchMore(themes.index(0, 0))
    assert themes.rowCount(themes.index(0, 0)) > 0
    qtmodeltester.check(themes)
    glossary = GlossaryModel(data.glossary)
    qtmodeltester.check(glossary)
    glossary.set_language("fr")
    qtmodeltester.check(glossary)
    store.set_bookmark("op3", True)
    qtmodeltester.check(BookmarksModel(store, data.gist))
    results = SearchResultsModel()
    results.set_results(store.search_mandate("civils", "fr", prefix=True))
    qtmodeltester.check(results)


def test_every_control_has_an_accessible_name_and_keyboard_reach(window):
    missing = []
    for w in window.findChildren(QAbstractItemView) + window.findChildren(QLineEdit) + \
            window.findChildren(QTextBrowser):
        if not w.accessibleName() and type(w).__name__ != "QHeaderView":  # hidden headers
            missing.append(type(w).__name__)
    for b in window.findChildren(QAbstractButton):
        if b.isVisible() and not (b.accessibleName() or b.text() or b.toolTip()):
            missing.append(f"button {b.objectName()}")
    assert not missing
    tabbar = window.navigator.findChild(QTabBar)
    assert [tabbar.tabText(i) for i in range(tabbar.count())] == [
        "Contents", "Themes", "Glossary", "Bookmarks"]
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is window.navigator.themes
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.navigator.search.field


def test_window_fits_1280x720_and_nothing_is_clipped(window):
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720
    assert window.size().width() <= 1280 and window.size().height() <= 720
    ext = [b for b in window.toolbar.findChildren(QAbstractButton)
           if b.objectName() == "qt_toolbar_ext_button"]
    assert not ext or not ext[0].isVisible(), "toolbar overflows at 1280 px"
    tabbar = window.navigator.findChild(QTabBar)
    for i in range(tabbar.count()):
        needed = tabbar.fontMetrics().horizontalAdvance(tabbar.tabText(i))
        assert tabbar.tabRect(i).width() >= needed, tabbar.tabText(i)


def test_text_from_data_is_shown_as_plain_text(window, store, tmp_path):
    """A replacement French text with markup is shown literally, never interpreted."""
    doc = store.export_corpus("fr")
    doc["units"]["op1"]["text"] = "<b>gras</b> & <img src='x.png'> <a href='unit:op2'>lien</a>"
    store.import_corpus(doc, "fr", description="<i>test</i> synthetic")
    from fieldapp.core.reader import ReaderData

    window.data = window.reader.data = ReaderData.load(store)
    window.set_text_mode("fr")
    window.show_unit("op1")
    text = window.reader.toPlainText()
    assert "<b>gras</b> & <img src='x.png'>" in text
    assert "lien" not in _link_texts(window.reader)
    assert "<i>test</i> synthetic" in text       # provenance description, literal
    assert "<img" not in window.reader.toHtml().replace("&lt;img", "")


def _link_texts(browser) -> list[str]:
    out = []
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().isAnchor():
                out.append(it.fragment().text())
            it += 1
        block = block.next()
    return out


def test_search_finds_notes_and_opens_their_paragraph(window, store, qtbot):
    store.add_note(["op28.c.ii"], "Synthetic test note: early warning meeting in Ménaka")
    type_query(qtbot, window, "synthetic warning")
    panel = window.navigator.search
    kinds = [panel.model.result(r)["kind"] for r in range(panel.model.rowCount())]
    assert "note" in kinds
    panel.results.setCurrentIndex(panel.model.index(kinds.index("note")))
    QTest.keyClick(panel.results, Qt.Key.Key_Return)
    assert window.current_unit() == "op28.c.ii"


def test_help_lists_the_shortcuts_and_opens_with_f1(window, qtbot):
    from PySide6.QtCore import QTimer

    from fieldapp.ui.help_dialog import HelpDialog, help_html

    html = help_html(window.acts)
    for keys in ("Ctrl+F", "Ctrl+P", "Alt+Left", "Alt+Right", "F1", "Ctrl+D"):
        assert keys in html, keys
    seen = []

    def close_dialog():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        if dialog is not None:
            dialog.reject()

    QTimer.singleShot(200, close_dialog)
    QTest.keyClick(window, Qt.Key.Key_F1)
    assert seen and isinstance(seen[0], HelpDialog)


def test_window_shortcuts_fire_while_the_reader_has_focus(window, qtbot):
    """The reader is read-only text: Copy, Select All and Bookmark keys pressed in it reach
    the window's actions (QTextBrowser would otherwise claim Copy and Select All itself)."""
    fired = []
    for name in ("copy", "select_all", "bookmark"):
        getattr(window.acts, name).triggered.connect(lambda *_a, n=name: fired.append(n))
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    QTest.keyClick(window.reader, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.textCursor().hasSelection()  # Select All acted on the reader
    for key in (Qt.Key.Key_C, Qt.Key.Key_D):
        QTest.keyClick(window.reader, key, Qt.KeyboardModifier.ControlModifier)
    assert fired == ["select_all", "copy", "bookmark"]
    assert window.store.is_bookmarked(window.current_unit())


def test_a_narrow_window_takes_room_from_the_docks_not_the_reader(window):
    """Narrowed to 800 px with wide docks (say, a layout saved on a wider screen), the docks
    give way and the reader keeps a readable column, not a word broken every few letters."""
    window.show()
    window.resizeDocks([window.navigator_dock, window.records_ui.dock], [420, 420],
                       Qt.Orientation.Horizontal)
    window.resize(800, 720)
    QApplication.processEvents()
    assert window.reader.width() >= READER_MIN_WIDTH == 220
    assert window.navigator_dock.isVisible() and window.records_ui.dock.isVisible()
    window.zoom(6, absolute=True)  # "implementation" is then wider than the column
    QApplication.processEvents()
    assert _words_broken_across_lines(window.reader) == []
    window.zoom(0, absolute=True)
    # and the whole window still fits a small screen (1366 px at 150 % is 910 px), in both
    # interface languages (the French buttons and tab titles are wider)
    assert window.minimumSizeHint().width() <= 880
    french = window.set_interface_language("fr")
    QApplication.processEvents()
    assert french.minimumSizeHint().width() <= 900


def test_side_by_side_stacks_the_languages_in_a_narrow_reader_and_back(window):
    """Two columns need room: in a narrow reader each unit comes in English, then in
    French, at the same paragraph; widened again, the columns come back."""
    window.set_text_mode("both")
    window.show_unit("op28.c.ii")
    assert not window.reader.stacked() and window.reader.width() >= SIDE_BY_SIDE_MIN_WIDTH
    window.resizeDocks([window.navigator_dock, window.records_ui.dock], [420, 420],
                       Qt.Orientation.Horizontal)
    window.resize(900, 720)
    QApplication.processEvents()
    assert window.reader.width() < SIDE_BY_SIDE_MIN_WIDTH and window.reader.stacked()
    text = window.reader.toPlainText()
    english = text.index("In support of the Malian authorities")
    assert english < text.index("À l’appui des autorités maliennes") < text.index(
        "to strengthen early warning")
    assert window.current_unit() == "op28.c.ii"
    window.resizeDocks([window.navigator_dock, window.records_ui.dock], [250, 250],
                       Qt.Orientation.Horizontal)
    window.resize(1280, 720)
    QApplication.processEvents()
    assert window.reader.width() >= SIDE_BY_SIDE_MIN_WIDTH and not window.reader.stacked()
    window.set_text_mode("en")


def _words_broken_across_lines(browser) -> list[str]:
    """Line ends that fall inside a word, as 'before|after', in the laid-out document."""
    broken = []
    block = browser.document().begin()
    while block.isValid():
        text, layout = block.text(), block.layout()
        for i in range(layout.lineCount()):
            end = layout.lineAt(i).textStart() + layout.lineAt(i).textLength()
            if 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
                broken.append(text[max(0, end - 12):end] + "|" + text[end:end + 12])
        block = block.next()
    return broken

"""Start-up guards (bench/bench_startup.py measures the time; these keep what made it fast).

The window starts in a fresh process, as `fieldapp` does. Once it is shown with the mandate
and its after-first-paint work has run (notes panel, sync status), none of the heavy libraries
and none of the dialogs or secondary views may have been imported: each is imported by the
action that opens it. A new eager import anywhere on the start-up path fails here.

What the first paint does not show is built after it or on first use: the Themes, Glossary and
Bookmarks tabs, the search results, the key bindings, the notes panel, the sync status. The
tests below check the first paint (the real window, without those), that each deferred part
works when it is first used (mouse and keyboard), and that closing the window at once is safe.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from fieldapp.ui.navigator import BOOKMARKS, CONTENTS, GLOSSARY, THEMES
from tests.reader_helpers import (compiled_catalogs, english_ui, make_window,  # noqa: F401
                                  settings_path, window)

ROOT = Path(__file__).resolve().parents[2]

HEAVY = ("reportlab", "cryptography", "pyrage", "babel", "sqlite_utils", "pypdfium2")
LAZY_UI = ("pdf_export_dialog", "pdf_preview", "printing", "sync_import_dialog",
           "sync_export_dialog", "import_report_dialog", "conflicts_view", "note_dialog",
           "ledger_view", "tasks_view", "contacts_view", "encryption_dialog", "help_dialog",
           "passphrase_dialog", "about", "themes_model", "list_models", "search_model")

PROBE = """
import enum, gc, json, sys

# PySide6 (6.11) makes a Qt class's Python enums with the enum module's functional API: record
# their names, to see which were made before the first paint.
_create = enum.EnumType._create_
ENUMS = []


def _record(cls, class_name, names, **kwargs):
    ENUMS.append(class_name)
    return _create(cls, class_name, names, **kwargs)


enum.EnumType._create_ = _record
# PySide6 is imported by run_gui, through qt_import.import_qt
from fieldapp.ui import app as fapp

_make_app = fapp.make_app
FIRST = {}


def qt_types():
    # PySide6 creates a Qt class (and its enums) when a module first reads its name: the
    # names in the module dicts are the classes start-up has touched so far.
    import PySide6.QtCore, PySide6.QtGui as gui, PySide6.QtWidgets as widgets
    return sorted(set(vars(PySide6.QtCore)) | set(vars(gui)) | set(vars(widgets)))


def support_code():
    from fieldapp.ui import qt_import

    last = qt_import.last
    return None if last is None else {"hits": len(last.hits), "misses": len(last.misses)}


def make_app(*args, **kwargs):
    app = _make_app(*args, **kwargs)
    from PySide6.QtCore import QTimer

    def check():
        # re-posted at once: runs right after the first paint, ahead of the deferred work
        w = getattr(app, "_fieldapp_window", None)
        exposed = w is not None and w.isVisible() and w.windowHandle() is not None \\
            and w.windowHandle().isExposed()
        if exposed and not FIRST:
            nav = w.navigator
            FIRST.update({
                "qt_types": qt_types(),
                "views": sorted(nav._views),
                "search_results": nav.search._model is not None,
                "find_keys": len(w.acts.find.shortcuts()),
                "panel": w.records_ui.panel is not None,
                "gc": gc.isenabled(),
                "reader": w.reader.toPlainText()[:2000],
                "tree_rows": nav.contents_model.rowCount(),
                "tree_current": nav.contents.currentIndex().data(),
                "menus": [a.text() for a in w.menuBar().actions()],
                "toolbar": [a.iconText() for a in w.toolbar.actions() if a.iconText()],
                "position": w.position_label.text(),
                "enums": list(ENUMS),
                "docks": {d.objectName(): [d.isVisible(), "left" if d.x() < w.reader.x()
                                           else "right"] for d in (w.navigator_dock,
                                                                   w.records_ui.dock)},
                "qt_namespace": "Qt" in vars(sys.modules["PySide6.QtCore"]),
                # every tab title whole, no scroll arrows (read after the enums and types)
                "tabs_whole": nav.tabs.width() >= nav.tabs.tabBar().sizeHint().width(),
            })
        if not exposed or not w.startup_finished():
            QTimer.singleShot(0, check)
            return
        app.processEvents()
        print("REPORT " + json.dumps({
            "first": FIRST,
            "modules": sorted(sys.modules),
            "reader": w.reader.toPlainText()[:2000],
            "panel": type(w.records_ui.panel).__name__,
            "status": w.sync_ui.status_label.text(),
            "back_icon": not w.acts.back.icon().isNull(),
            "find_keys": [k.toString() for k in w.acts.find.shortcuts()],
            "find_tip": w.acts.find.toolTip(),
            "gc": gc.isenabled(),
            "frozen": gc.get_freeze_count(),
            "support_code": support_code(),
        }), flush=True)
        app.quit()

    QTimer.singleShot(0, check)
    QTimer.singleShot(30000, lambda: app.exit(3))
    return app


fapp.make_app = make_app
"""


def start(code: str, db: Path, tmp_path: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "LANG": "C.UTF-8"}
    for name in ("FIELDAPP_DB", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.pop(name, None)
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code), str(db)], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    line = next(x for x in proc.stdout.splitlines() if x.startswith("REPORT "))
    return json.loads(line[len("REPORT "):])


def eager(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in HEAVY
            or (m.startswith("fieldapp.ui.") and m.split(".")[2] in LAZY_UI)]


def test_window_starts_without_heavy_or_dialog_imports(db_path, tmp_path):
    report = start(PROBE + "\nsys.exit(fapp.run_gui(sys.argv[1]))\n", db_path, tmp_path)
    # the window is the real one: the mandate is in the reader, the deferred parts were built
    assert "Urges the Government of Mali" in report["reader"]
    assert "S/RES/2531 (2020), para. 1" in report["reader"]
    assert report["panel"] == "NotesPanel"
    assert "No deployment" in report["status"]
    assert report["back_icon"]
    assert eager(report["modules"]) == []
    # after the first paint: key bindings (and the tooltips naming them), collector back on
    # with what start-up made frozen (no catch-up pass over it)
    assert "Ctrl+F" in report["find_keys"] and report["find_tip"] == "Search the mandate (Ctrl+F)"
    assert report["gc"] and report["frozen"] > 10_000


def test_the_first_paint_shows_the_real_window_without_the_deferred_parts(db_path, tmp_path):
    probe = PROBE + "\nsys.exit(fapp.run_gui(sys.argv[1]))\n"
    start(probe, db_path, tmp_path)  # the first start ever saves a layout at its close
    first = start(probe, db_path, tmp_path)["first"]
    # what the user sees: the Contents tree, the remembered (here first) paragraph, the menus,
    # the toolbar, the citation in the status bar
    assert "Urges the Government of Mali" in first["reader"]
    assert first["tree_rows"] > 5 and first["tree_current"].startswith("1. Urges")
    assert first["menus"] == ["&File", "&Edit", "&View", "&Go", "&Records", "&Help"]
    assert first["toolbar"] == ["Back", "Forward", "EN", "FR", "EN | FR", "Copy Citation",
                                "Bookmark", "Search", "Deadlines"]
    assert first["position"] == "S/RES/2531 (2020), para. 1"
    # what it does not show yet is built after the paint or on first use
    assert first["views"] == [CONTENTS] and not first["search_results"]
    assert first["find_keys"] == 0 and not first["panel"] and not first["gc"]
    # Qt's namespace (116 enums, ~120 million instructions) is first used after the paint:
    # the docks come from the layout saved at the last close, roles and labels need no Qt.X
    assert not first["qt_namespace"]
    assert "DockWidgetFeature" in first["enums"]  # the record works: QDockWidget's were made
    assert not {"DockWidgetArea", "ItemDataRole", "TextFormat", "Key"} & set(first["enums"])
    types = set(first["qt_types"])
    if "QWizard" in types:  # PySide6 without lazy type creation (PYSIDE6_OPTION_LAZY=0)
        pytest.skip("PySide6 creates every Qt class at import here")
    assert {"QMainWindow", "QTreeView", "QTextBrowser", "QDockWidget"} <= types
    assert not {"QKeySequence", "QListView", "QStyle", "QPalette"} & types
    # no event handler or filter before the paint: an argument of a QEvent subclass makes
    # PySide6 build QEvent (its Type enum has ~180 members, ~3 ms); the tree's selection
    # signal is connected right after the paint
    assert not {"QEvent", "QItemSelectionModel"} & types


def test_a_first_start_places_the_docks_and_the_next_ones_restore_them(db_path, tmp_path):
    """No saved layout (first start): the docks are placed with Qt's dock areas, at their
    default sides. Every later start restores the layout saved at the close, without them."""
    probe = PROBE + "\nsys.exit(fapp.run_gui(sys.argv[1]))\n"
    first = start(probe, db_path, tmp_path)["first"]
    assert first["qt_namespace"] and "DockWidgetArea" in first["enums"]
    again = start(probe, db_path, tmp_path)["first"]
    assert not again["qt_namespace"] and "DockWidgetArea" not in again["enums"]
    assert again["docks"] == first["docks"] == {"navigator_dock": [True, "left"],
                                                 "notes_dock": [True, "right"]}
    assert first["tabs_whole"] and again["tabs_whole"]


def test_the_first_start_compiles_pysides_support_code_and_the_next_ones_reuse_it(
        db_path, tmp_path):
    """shiboken6 compiles its embedded support modules at every import; the app keeps the
    compiled code in the user's cache folder from its first start (qt_import.py)."""
    probe = PROBE + "\nsys.exit(fapp.run_gui(sys.argv[1]))\n"
    first = start(probe, db_path, tmp_path)["support_code"]
    assert first["hits"] == 0 and first["misses"] >= 10
    assert (tmp_path / "cache" / "fieldapp").is_dir()
    again = start(probe, db_path, tmp_path)["support_code"]
    assert again == {"hits": first["misses"], "misses": 0}


def test_closing_the_window_at_once_is_safe(db_path, tmp_path):
    """Closed by the first event the loop handles, before the window is painted: the deferred
    work is dropped, nothing fails, the app quits normally and the collector that start-up
    switched off is on again when run_gui returns."""
    code = PROBE.replace("QTimer.singleShot(0, check)\n    QTimer.singleShot(30000",
                         "QTimer.singleShot(30000") + textwrap.dedent("""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        from fieldapp.ui import main_window as mw

        _show = mw.MainWindow.show

        def show_then_close(self):
            _show(self)
            QTimer.singleShot(0, self.close)  # handled before the window's first expose

        mw.MainWindow.show = show_then_close
        code = fapp.run_gui(sys.argv[1])
        w = QApplication.instance()._fieldapp_window
        print("REPORT " + json.dumps({"code": code, "gc": gc.isenabled(),
                                      "frozen": gc.get_freeze_count(),
                                      "dropped": w.startup_finished(),
                                      "panel": w.records_ui.panel is not None,
                                      "keys": len(w.acts.find.shortcuts())}), flush=True)
        sys.exit(code)
        """)
    report = start(code, db_path, tmp_path)
    assert report == {"code": 0, "gc": True, "frozen": 0, "dropped": True, "panel": False,
                      "keys": 0}


def test_fieldapp_command_without_a_command_skips_the_command_modules(db_path, tmp_path):
    report = start(PROBE + "\nfrom fieldapp.cli import main\n"
                           "sys.exit(main(['--db', sys.argv[1]]))\n", db_path, tmp_path)
    assert "Urges the Government of Mali" in report["reader"]
    assert [m for m in report["modules"] if m.startswith("fieldapp.commands")] == []
    assert eager(report["modules"]) == []


def test_the_guard_sees_an_eager_import(db_path, tmp_path):
    """The checks are able to fail: a dialog imported at start-up is reported, and so are a Qt
    class and Qt's namespace touched before the first paint (on a start with a saved layout)."""
    run = "\nsys.exit(fapp.run_gui(sys.argv[1]))\n"
    start(PROBE + run, db_path, tmp_path)
    code = PROBE.replace("from fieldapp.ui import app as fapp\n",
                         "from fieldapp.ui import app as fapp\nimport fieldapp.ui.note_dialog\n"
                         "from PySide6.QtGui import QKeySequence\n"
                         "from PySide6.QtCore import Qt\n", 1)
    assert code != PROBE
    report = start(code + run, db_path, tmp_path)
    assert eager(report["modules"]) == ["fieldapp.ui.note_dialog"]
    assert "QKeySequence" in report["first"]["qt_types"]
    assert report["first"]["qt_namespace"] and "DockWidgetArea" in report["first"]["enums"]


# -- the deferred parts, in the window (pytest-qt) ----------------------------------------------
def test_navigator_tabs_are_built_on_first_use_by_mouse_and_keyboard(window, store):
    nav = window.navigator
    assert sorted(nav._views) == [CONTENTS] and nav.themes_model is None
    bar = nav.tabs.tabBar()
    assert [bar.tabText(i) for i in range(bar.count())] == [
        "Contents", "Themes", "Glossary", "Bookmarks"]
    # no clipped tab title, no scroll arrows, even with the dock dragged narrow
    window.resizeDocks([window.navigator_dock], [40], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert nav.tabs.width() >= bar.sizeHint().width() and not bar.usesScrollButtons()
    # a click on the tab builds the list into it, shown at once
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(GLOSSARY).center())
    assert nav.tabs.currentIndex() == GLOSSARY and nav.glossary_model is not None
    view = nav.current_view()
    assert view is nav.glossary and view.isVisible() and view.accessibleName() == "Glossary"
    view.setFocus()
    view.setCurrentIndex(nav.glossary_model.index(nav.glossary_model.row_of("mdsf")))
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert "Malian Defence and Security Forces" in window.reader.toPlainText()
    # Alt+2 builds the Themes tab and puts the keyboard in it; Enter opens the theme
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is nav.themes and nav.themes.isVisible()
    assert nav.themes_model.rowCount() == len(store.themes())
    QTest.keyClick(nav.themes, Qt.Key.Key_Down)
    QTest.keyClick(nav.themes, Qt.Key.Key_Return)
    assert window.reader.current_key().startswith("theme:")
    # Alt+4: bookmarks, in document order, following the bookmark action
    window.show_unit("op16")
    QTest.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is nav.bookmarks
    assert nav.bookmarks_model.ids() == ["op16"]
    assert sorted(nav._views) == [CONTENTS, THEMES, GLOSSARY, BOOKMARKS]


def test_search_results_are_built_with_the_first_query(window, qtbot):
    panel = window.navigator.search
    assert panel._model is None and panel._results is None
    window.focus_search()
    QTest.keyClicks(panel.field, "Menak")
    qtbot.waitUntil(lambda: panel.query() == "Menak", timeout=3000)
    assert panel.results.isVisible() and panel.model.rowCount() >= 1
    QTest.keyClick(panel.field, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is panel.results
    QTest.keyClick(panel.results, Qt.Key.Key_Return)
    assert window.current_unit() == "op3.2"


def test_key_bindings_come_with_the_first_paint(qtbot, english_ui, store, settings_path):
    from fieldapp.ui.main_window import MainWindow

    w = MainWindow(store, QSettings(settings_path, QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.acts.find.shortcuts() == [] and not w.startup_finished()
    with qtbot.waitExposed(w):
        w.show()
    qtbot.waitUntil(w.startup_finished)
    assert w.acts.find.shortcuts()[0].toString() == "Ctrl+F"  # + the platform's Find key
    assert w.acts.back.toolTip() == "Back (Alt+Left)"
    bound = {a.shortcut().toString() for a in (w.records_ui.add_note, w.sync_ui.export_action,
                                                 *w._pdf_actions)}
    assert bound == {"Ctrl+Shift+N", "Ctrl+Shift+X", "Ctrl+Shift+E", "Ctrl+Shift+P"}
    w.close()


def test_a_failing_deferred_step_does_not_stop_the_others(qtbot, english_ui, store,
                                                           settings_path, monkeypatch):
    from fieldapp.ui.main_window import MainWindow

    reported, ran = [], []
    monkeypatch.setattr(sys, "excepthook", lambda *info: reported.append(info[0]))
    w = MainWindow(store, QSettings(settings_path, QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.after_first_paint(lambda: 1 / 0, first=True)
    w.after_first_paint(lambda: ran.append(True))
    w.finish_startup()
    assert reported == [ZeroDivisionError] and ran == [True]
    assert w.records_ui.panel is not None and w.startup_finished()
    w.after_first_paint(lambda: ran.append("late"))  # after start-up: runs at once
    assert ran == [True, "late"]
    w.close()


def test_a_sync_file_dropped_on_a_text_field_goes_to_the_import(window, tmp_path):
    """One filter on the window's QWindow sees drags over every child, also one made after
    start-up: a .fieldsync file dropped on a field that takes text drops is imported, not
    typed in."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent
    from PySide6.QtWidgets import QPlainTextEdit

    path = tmp_path / "office.fieldsync"
    path.write_bytes(b"synthetic, never read")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    editor = QPlainTextEdit(window)  # any editable text field (it would insert the file's URL)
    editor.setGeometry(400, 300, 200, 100)
    editor.show()
    editor.raise_()
    handle, ui = window.windowHandle(), window.sync_ui
    pos = editor.mapTo(window, editor.rect().center())

    def drag_and_drop() -> None:
        enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(handle, enter)
        QApplication.sendEvent(handle, QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime,
                                                  Qt.MouseButton.LeftButton,
                                                  Qt.KeyboardModifier.NoModifier))

    drag_and_drop()
    assert ui.import_dialog.paths() == [str(path)] and editor.toPlainText() == ""
    ui.import_dialog.close()
    handle.removeEventFilter(ui.drop_filter)  # the check can fail: without it the field
    drag_and_drop()                            # takes the file as text
    assert str(path) in editor.toPlainText()

"""Screenshots of the main views for review (not a test): `QT_QPA_PLATFORM=offscreen
.venv/bin/python tests/ui/screenshots.py` writes shots/*.png at 1280×720 on a throw-away
database and settings file."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from fieldapp.core import i18n
    from fieldapp.core.i18n_build import compile_all
    from fieldapp.core.store import Store
    from fieldapp.ui.app import install_qt_translator, make_app
    from fieldapp.ui.main_window import MainWindow
    from fieldapp.ui.settings import ini_settings

    compile_all()
    app = make_app()
    out = ROOT / "shots"
    out.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="fieldapp-shots-"))
    store = Store.open(tmp / "shots.db")
    settings = ini_settings(str(tmp / "settings.ini"))

    def settle(window) -> None:
        for _ in range(5):
            app.processEvents()
            QTest.qWait(20)

    def shot(window, name: str) -> None:
        settle(window)
        window.grab().save(str(out / f"{name}.png"))
        print("wrote", out / f"{name}.png")

    for ui in ("en", "fr"):
        install_qt_translator(app, i18n.set_language(ui))
        w = MainWindow(store, settings)
        w.resize(1280, 720)
        w.show()
        w.set_text_mode(ui)
        w.show_unit("op28.c.ii")
        shot(w, f"{ui}-reader")
        w.set_text_mode("both")
        w.show_unit("op20")
        shot(w, f"{ui}-side-by-side")
        w.set_text_mode(ui)
        w.show_navigator_tab(1)
        w.show_theme("protection-of-civilians")
        shot(w, f"{ui}-theme")
        w.show_deadlines()
        shot(w, f"{ui}-deadlines")
        w.focus_search()
        QTest.keyClicks(w.navigator.search.field, "protection civils" if ui == "fr"
                        else "protection civilians")
        QTest.qWait(300)
        shot(w, f"{ui}-search")
        QTest.keyClick(w.navigator.search.field, Qt.Key.Key_Down)
        QTest.keyClick(w.navigator.search.results, Qt.Key.Key_Return)
        shot(w, f"{ui}-search-opened")
        w.show_navigator_tab(2)
        w.show_unit("op28.c.ii")
        settle(w)
        for menu in (w.file_menu, w.view_menu, w.go_menu):
            menu.popup(w.mapToGlobal(QPoint(0, 30)))
            settle(w)
            menu.grab().save(str(out / f"{ui}-menu-{menu.objectName() or menu.title()}.png"
                                 .replace("&", "")))
            menu.hide()
        w.close()
        w.deleteLater()
    i18n.set_language("en")
    store.close()


if __name__ == "__main__":
    main()

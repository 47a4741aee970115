"""QApplication set-up: fonts, translators, the store, the main window."""
from __future__ import annotations

import sys

from fieldapp.core import i18n
from fieldapp.core.paths import default_db_path, resources_dir

ORG, APP = "fieldapp", "fieldapp"


def load_fonts() -> str:
    """Register the bundled DejaVu fonts and return the UI family name."""
    from PySide6.QtGui import QFontDatabase

    family = "DejaVu Sans"
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))
    return family


def install_qt_translator(app, lang: str) -> None:
    """Qt's own dialogs (QFileDialog, QMessageBox buttons…) in French via qtbase_fr.qm."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    for old in getattr(app, "_fieldapp_translators", []):
        app.removeTranslator(old)
    app._fieldapp_translators = []
    if lang == "en":
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{lang}", folder):
        app.installTranslator(translator)
        app._fieldapp_translators.append(translator)


def make_app(argv: list[str] | None = None):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    family = load_fonts()
    font = QFont(family)
    font.setPointSize(10)
    app.setFont(font)
    return app


def run_gui(db: str | None = None) -> int:
    from PySide6.QtCore import QSettings

    from fieldapp.core.errors import FieldappError
    from fieldapp.core.store import Store
    from fieldapp.ui.main_window import MainWindow

    app = make_app()
    lang = i18n.set_language(QSettings().value("ui/language") or None)
    install_qt_translator(app, lang)
    try:
        store = Store.open(default_db_path(db))
    except FieldappError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "fieldapp", str(exc))
        return 1
    window = MainWindow(store)
    window.show()
    code = app.exec()
    store.close()
    return code

"""QApplication set-up: fonts, translators, the store, the main window."""
from __future__ import annotations

import sys

from fieldapp.core import i18n
from fieldapp.core.paths import default_db_path, resources_dir

ORG, APP = "fieldapp", "fieldapp"


_fonts_loaded: set[str] = set()
# What the window's first paint draws with: the interface (Sans) and the reader (Serif, its
# italic operative verbs and bold heading). The other faces are registered right after.
FIRST_PAINT_FONTS = ("DejaVuSans.ttf", "DejaVuSerif.ttf", "DejaVuSerif-Italic.ttf",
                     "DejaVuSerif-Bold.ttf")


def load_fonts(names: tuple[str, ...] | None = None) -> str:
    """Register the bundled DejaVu fonts (`names`, default all; each once) and return the UI
    family name."""
    from PySide6.QtGui import QFontDatabase

    family = "DejaVu Sans"
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        if path.name not in _fonts_loaded and (names is None or path.name in names):
            QFontDatabase.addApplicationFont(str(path))
            _fonts_loaded.add(path.name)
    return family


def install_qt_translator(app, lang: str) -> None:
    """Qt's own dialogs (QFileDialog, QMessageBox buttons…) in French via qtbase_fr.qm."""
    for old in getattr(app, "_fieldapp_translators", []):
        app.removeTranslator(old)
    app._fieldapp_translators = []
    if lang == "en":
        return
    from PySide6.QtCore import QLibraryInfo, QTranslator

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
    family = load_fonts(FIRST_PAINT_FONTS)  # run_gui registers the others after the paint
    font = QFont(family)
    font.setPointSize(10)
    app.setFont(font)
    return app


def run_gui(db: str | None = None) -> int:
    from fieldapp.core.errors import FieldappError
    # The core first, then Qt: PySide6's import hook reads the source of every module imported
    # after it (~0.5 ms each), so the pure-Python modules the window needs come in before it.
    from fieldapp.core import pages  # noqa: F401  (reader, annotate, corpus)
    from fieldapp.core.store import Store  # noqa: F401
    from fieldapp.core.sync import status  # noqa: F401  (the status bar's line)
    from fieldapp.ui.main_window import MainWindow
    from fieldapp.ui.settings import WindowSettings, default_settings

    app = make_app()
    qsettings = default_settings()
    lang = i18n.set_language(WindowSettings(qsettings).ui_language or None)
    install_qt_translator(app, lang)
    try:
        store = open_store(default_db_path(db))
    except FieldappError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "fieldapp", str(exc))
        return 1
    if store is None:
        return 1
    window = keep_window(app, MainWindow(store, qsettings))
    window.after_first_paint(load_fonts, first=True)
    window.show()
    code = app.exec()
    app._fieldapp_window.store.close()  # reopened if the window changed the encryption
    store.close()
    return code


def open_store(path):
    """The store at `path`; for an encrypted database, asks its passphrase (None: cancelled)."""
    from fieldapp.core.store import Store
    from fieldapp.core.store.crypto import is_encrypted

    if not is_encrypted(path):
        return Store.open(path)
    from fieldapp.ui.passphrase_dialog import open_store_interactively

    return open_store_interactively(path)


def keep_window(app, window):
    """Hold a reference to the current main window, following interface-language rebuilds."""
    from fieldapp.ui.encryption_integration import install_encryption_ui

    install_encryption_ui(window, window.store)  # File → Database protection…
    app._fieldapp_window = window
    window.replaced.connect(lambda new: keep_window(app, new))
    return window

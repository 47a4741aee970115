"""QApplication set-up: fonts, translators, the store, the main window.

Nothing is imported at module level: `run_gui` switches the garbage collector off first, so
that every import of the start-up happens without its passes.
"""
from __future__ import annotations

ORG, APP = "fieldapp", "fieldapp"


# The bundled DejaVu faces (resources/fonts) and the family and style fontconfig gives each.
FONT_FACES = {
    "DejaVuSans.ttf": ("DejaVu Sans", "Book"),
    "DejaVuSans-Bold.ttf": ("DejaVu Sans", "Bold"),
    "DejaVuSans-Oblique.ttf": ("DejaVu Sans", "Oblique"),
    "DejaVuSans-BoldOblique.ttf": ("DejaVu Sans", "Bold Oblique"),
    "DejaVuSerif.ttf": ("DejaVu Serif", "Book"),
    "DejaVuSerif-Bold.ttf": ("DejaVu Serif", "Bold"),
    "DejaVuSerif-Italic.ttf": ("DejaVu Serif", "Italic"),
    "DejaVuSerif-BoldItalic.ttf": ("DejaVu Serif", "Bold Italic"),
}
# What the window's first paint draws with: the interface (Sans) and the reader (Serif, its
# italic operative verbs and bold heading). The other faces are made available right after.
FIRST_PAINT_FONTS = ("DejaVuSans.ttf", "DejaVuSerif.ttf", "DejaVuSerif-Italic.ttf",
                     "DejaVuSerif-Bold.ttf")

_fonts_checked: set[str] = set()  # faces made available (registered or found installed)
fonts_registered: set[str] = set()  # the bundled files registered with Qt


def faces_to_register(names, installed_styles) -> list[str]:
    """The bundled font files among `names` whose face the system lacks. `installed_styles`
    maps a family to the styles the font database knows (QFontDatabase.styles)."""
    styles: dict[str, set[str]] = {}
    missing = []
    for name in names:
        family, style = FONT_FACES[name]
        if family not in styles:
            styles[family] = set(installed_styles(family))
        if style not in styles[family]:
            missing.append(name)
    return missing


def load_fonts(names: tuple[str, ...] | None = None) -> str:
    """Make the bundled DejaVu faces (`names`, default all; each once) available and return
    the UI family name.

    A face the system already has (same family and style: most Linux desktops install
    DejaVu) is used as installed; only the missing ones are registered from resources/fonts.
    Registering a face reads and indexes its whole file (~2 ms each at start-up) for a copy
    Qt would then pick between arbitrarily."""
    from PySide6.QtGui import QFontDatabase

    from fieldapp.core.paths import resources_dir

    wanted = [n for n in (FONT_FACES if names is None else names) if n not in _fonts_checked]
    for name in faces_to_register(wanted, QFontDatabase.styles):
        QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / name))
        fonts_registered.add(name)
    _fonts_checked.update(wanted)
    return "DejaVu Sans"


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
    import sys

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
    import gc

    # Start-up makes ~40,000 long-lived objects (Qt's enums and types, our modules) and
    # almost no garbage (a few hundred objects): the collector's ~60 passes over them before
    # the first paint cost ~15-20 ms for nothing. It stays off until that paint; then
    # `resume_gc` moves what start-up made out of its sight (so no catch-up pass either) and
    # switches it on. A window closed before its first paint drops that step: the collector
    # is back on when run_gui returns.
    gc.disable()
    try:
        return _run_gui(db)
    finally:
        gc.enable()


def resume_gc() -> None:
    """End of start-up: the objects made so far live as long as the app (`gc.freeze`), the
    collector runs again for what comes next. Idempotent."""
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _run_gui(db: str | None) -> int:
    import gc

    from fieldapp.core import i18n
    from fieldapp.core.errors import FieldappError
    from fieldapp.core.paths import default_db_path
    # The core first, then Qt: PySide6's import hook reads the source of every module imported
    # after it (~0.5 ms each), so the pure-Python modules the window needs come in before it.
    from fieldapp.core import pages  # noqa: F401  (reader, annotate, corpus)
    from fieldapp.core.store import Store  # noqa: F401
    from fieldapp.core.store.crypto import is_encrypted  # noqa: F401  (open_store)
    from fieldapp.ui.qt_import import import_qt

    import_qt()  # PySide6's own support code from the cache (qt_import.py says why)
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

        gc.enable()
        QMessageBox.critical(None, "fieldapp", str(exc))
        return 1
    if store is None:
        return 1
    window = keep_window(app, MainWindow(store, qsettings))
    # the faces the first paint does not draw with, before the deferred parts that use them
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
    import gc

    from fieldapp.ui.passphrase_dialog import open_store_interactively

    gc.enable()  # a dialog waits for the user: start-up speed no longer matters

    return open_store_interactively(path)


def keep_window(app, window):
    """Hold a reference to the current main window, following interface-language rebuilds."""
    from fieldapp.ui.encryption_integration import install_encryption_ui

    install_encryption_ui(window, window.store)  # File → Database protection…
    window.after_first_paint(resume_gc)  # last: run_gui keeps the collector off until then
    app._fieldapp_window = window
    window.replaced.connect(lambda new: _replaced(app, new))
    return window


def _replaced(app, new) -> None:
    import gc

    gc.unfreeze()  # the replaced window's objects were frozen at start-up: let them go
    keep_window(app, new)

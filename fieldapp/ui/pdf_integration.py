"""Adds File → Export PDF… and Print Document… to the main window (one call from main_window.py)."""
from __future__ import annotations

from PySide6.QtGui import QAction

from fieldapp.core.i18n import _
from fieldapp.ui.actions import insert_before_last, shortcut


def _file_menu(window):
    if getattr(window, "file_menu", None) is not None:  # main_window.py names its menus
        return window.file_menu
    bar = window.menuBar()
    for action in bar.actions():
        menu = action.menu()
        if menu is not None and action.text().replace("&", "") == _("&File").replace("&", ""):
            return menu
    return bar.addMenu(_("&File"))


def install_pdf_ui(window, store) -> tuple[QAction, QAction]:
    """Insert the two actions before the File menu's last entry (Quit); return them."""
    def open_dialog(mode: str) -> None:
        from fieldapp.ui.pdf_export_dialog import PdfExportDialog  # on use (start-up speed)

        PdfExportDialog(store, mode, window).exec()

    menu = _file_menu(window)
    export = QAction(_("Export PDF…"), window)
    shortcut(window, export, ["Ctrl+Shift+E"])
    export.triggered.connect(lambda: open_dialog("export"))
    # Ctrl+P already prints the reader page (main window); this prints a generated document
    printing = QAction(_("Print Document…"), window)
    shortcut(window, printing, ["Ctrl+Shift+P"])
    printing.triggered.connect(lambda: open_dialog("print"))
    insert_before_last(menu, (export, printing))
    window._pdf_actions = (export, printing)
    return export, printing

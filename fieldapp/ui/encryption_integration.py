"""File → Database protection… (one call per main window, from app.keep_window).

The dialog module is imported only when the action is used (start-up speed)."""
from __future__ import annotations

from PySide6.QtGui import QAction

from fieldapp.core.i18n import _


def install_encryption_ui(window, store) -> QAction:
    """Insert the action before the File menu's last entry (Quit); return it."""
    action = QAction(_("Database protection…"), window)
    action.setObjectName("database_protection")

    def show() -> None:
        from fieldapp.ui.encryption_dialog import EncryptionDialog

        EncryptionDialog(store, window).exec()

    action.triggered.connect(show)
    menu = getattr(window, "file_menu", None) or window.menuBar().addMenu(_("&File"))
    actions = menu.actions()
    if actions:
        menu.insertAction(actions[-1], action)
    else:
        menu.addAction(action)
    return action

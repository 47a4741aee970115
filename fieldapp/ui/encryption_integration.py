"""File → Database protection… (one call per main window, from app.keep_window), and the
conversion from the window: close the window's connections (its store, the search thread's
reader), convert with fieldapp.core.store.crypto, reopen the store with the new key and build
a new MainWindow in place of this one (MainWindow.rebuild, as for a language change).

The dialog module is imported only when the action is used (start-up speed)."""
from __future__ import annotations

from PySide6.QtGui import QAction

from fieldapp.core.i18n import _


def convert_window_database(window, old_passphrase: str | None, new_passphrase: str | None):
    """Convert the window's database (None: plain) and return the reopened Store.

    On any error the window's own store is reconnected to the unchanged file and the error is
    raised again, so the window keeps working.
    """
    from fieldapp.core.store import Store
    from fieldapp.core.store.crypto import convert

    store = window.store
    window.save_state()
    window.navigator.search.shutdown()  # the search thread's read-only connection
    store.close()
    try:
        convert(store.path, store.key, new_passphrase)
    except BaseException:
        _reconnect(store)
        raise
    return Store.open(store.path, passphrase=new_passphrase)


def _reconnect(store) -> None:
    """Give `store` (still referenced by every view of the window) a fresh connection."""
    from fieldapp.core.store import Store

    fresh = Store.open(store.path)  # an encrypted file opens with this session's key
    store.conn, store.key = fresh.conn, fresh.key
    store._db = None  # sqlite-utils wrapper of the closed connection, rebuilt on use


def show_protection_dialog(window):
    """Run the dialog; after a conversion, return the new window (else None)."""
    from PySide6.QtWidgets import QDialog

    from fieldapp.ui.encryption_dialog import EncryptionDialog

    dialog = EncryptionDialog(window.store, window,
                              convert=lambda old, new: convert_window_database(window, old, new))
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    if not accepted or dialog.new_store is None:
        return None
    new = window.rebuild(dialog.new_store)
    new.statusBar().showMessage(dialog.done_message, 10000)
    return new


def install_encryption_ui(window, store) -> QAction:
    """Insert the action before the File menu's last entry (Quit); return it."""
    action = QAction(_("Database protection…"), window)
    action.setObjectName("database_protection")
    action.triggered.connect(lambda: show_protection_dialog(window))
    menu = getattr(window, "file_menu", None) or window.menuBar().addMenu(_("&File"))
    actions = menu.actions()
    if actions:
        menu.insertAction(actions[-1], action)
    else:
        menu.addAction(action)
    return action

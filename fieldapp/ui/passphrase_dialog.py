"""Start-up prompt for an encrypted database's passphrase (never stored, never echoed)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout,
                               QWidget)

from fieldapp.core.i18n import _


class PassphraseDialog(QDialog):
    """Asks for the passphrase of `path`; shows `error` (e.g. a wrong passphrase) above."""

    def __init__(self, path: Path, error: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Encrypted database"))
        self.setObjectName("passphrase_dialog")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        intro = QLabel(_("This database is protected by a passphrase:"), self)
        where = QLabel(str(path), self)
        self.error = QLabel(error, self)
        for label in (intro, where, self.error):
            label.setTextFormat(label.textFormat().PlainText)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.error.setStyleSheet("color: #a40000")
        self.error.setVisible(bool(error))
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(_("Passphrase"))
        layout.addWidget(self.field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.field.setFocus()

    def passphrase(self) -> str:
        return self.field.text()


def open_store_interactively(path: Path, parent: QWidget | None = None):
    """Store.open, asking for the passphrase while it is needed; None if the user cancels.

    A wrong passphrase changes nothing and asks again with a clear message.
    """
    from fieldapp.core.store import Store
    from fieldapp.core.store.crypto import PassphraseRequired, WrongPassphrase

    passphrase: str | None = None
    error = ""
    while True:
        try:
            return Store.open(path, passphrase=passphrase)
        except PassphraseRequired:
            pass
        except WrongPassphrase:
            error = _("Wrong passphrase. Nothing was changed; try again.")
        dialog = PassphraseDialog(path, error, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        passphrase = dialog.passphrase()

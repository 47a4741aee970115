"""File → Database protection…: whether the open database is passphrase-protected, and how
to protect it, change the passphrase or remove the protection.

Converting rewrites the database file, which needs every connection closed (the window's,
its search and PDF threads); it is therefore done by the command line with the app closed,
and this dialog says exactly what to run. Where SQLCipher is not available, it says why and
that the plain database works as before.
"""
from __future__ import annotations

import shlex

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from fieldapp.core.i18n import _
from fieldapp.core.store.crypto import cipher_unavailable_reason


def _label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def commands(store) -> list[str]:
    """The command lines that apply to this database (encrypt, or change/remove)."""
    db = shlex.quote(str(store.path))
    if store.key is None:
        return [f"fieldapp db encrypt --db {db}"]
    return [f"fieldapp db passphrase --db {db}", f"fieldapp db decrypt --db {db}"]


class EncryptionDialog(QDialog):
    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Database protection"))
        self.setObjectName("encryption_dialog")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        protected = store.key is not None
        self.status = _label(_("This database is protected by a passphrase.") if protected
                             else _("This database is not protected by a passphrase."), self)
        layout.addWidget(self.status)
        reason = cipher_unavailable_reason()
        self.commands = QPlainTextEdit("\n".join(commands(store)), self)
        self.commands.setReadOnly(True)
        self.commands.setAccessibleName(_("Commands"))
        self.commands.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        lines = self.commands.blockCount()
        self.commands.setFixedHeight(self.commands.fontMetrics().lineSpacing() * (lines + 2) + 12)
        if reason:
            self.explanation = _label(_(
                "Passphrase protection is not available in this installation: {reason}. "
                "The database works normally without it.").format(reason=reason), self)
            layout.addWidget(self.explanation)
            self.commands.hide()
        else:
            self.explanation = _label(_(
                "With a passphrase, the whole database file is encrypted (SQLCipher) with a "
                "key derived from the passphrase (Argon2id). The passphrase is never stored: "
                "if it is lost, the data cannot be recovered.\n\nTo change the protection, "
                "close fieldapp and run, in a terminal:"), self)
            layout.addWidget(self.explanation)
            layout.addWidget(self.commands)
            layout.addWidget(_label(_(
                "The database is copied, checked table by table and replaced only if the "
                "copy is identical; fieldapp asks for the passphrase at the next start."), self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        copy = buttons.addButton(_("Copy commands"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.setVisible(reason is None)
        copy.clicked.connect(
            lambda: QApplication.clipboard().setText(self.commands.toPlainText()))
        layout.addWidget(buttons)


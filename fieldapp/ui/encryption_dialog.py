"""File → Database protection…: whether the open database is passphrase-protected, and
protect it, change its passphrase or remove the protection from the window.

The dialog checks what it can before anything is touched (the two new passphrases match and
are acceptable, the current passphrase opens this database), then calls `convert(old, new)`,
given by encryption_integration.py, which closes the window's connections, converts through
fieldapp.core.store.crypto and reopens the store; any error is shown here and nothing
changes. Where SQLCipher is not available, it says why and offers no action.
"""
from __future__ import annotations

import shlex
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QApplication, QCheckBox, QDialog, QDialogButtonBox,
                               QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout,
                               QWidget)

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import _
from fieldapp.core.store.crypto import cipher_unavailable_reason

ConvertFn = Callable[[str | None, str | None], object]


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


def _secret(name: str, parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class EncryptionDialog(QDialog):
    """`convert(old_passphrase, new_passphrase)` does the conversion (None: plain) and returns
    the reopened store, kept in `new_store` when the dialog is accepted."""

    def __init__(self, store, parent: QWidget | None = None, convert: ConvertFn | None = None):
        super().__init__(parent)
        self.store = store
        self._convert = convert
        self.new_store = None
        self.done_message = ""
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
        self.old = _secret(_("Current passphrase"), self)
        self.new = _secret(_("New passphrase"), self)
        self.repeat = _secret(_("Repeat the new passphrase"), self)
        self.understood = QCheckBox(_("I understand: if the passphrase is lost, the data is "
                                      "lost."), self)
        self.error = _label("", self)
        self.error.setObjectName("encryption_error")
        self.error.setStyleSheet("color: #a40000")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.encrypt_button = buttons.addButton(_("Protect with this passphrase"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.change_button = buttons.addButton(_("Change passphrase"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.decrypt_button = buttons.addButton(_("Remove protection"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        for button in (self.encrypt_button, self.change_button, self.decrypt_button):
            button.setAutoDefault(False)
            button.hide()
        if reason:
            self.explanation = _label(_(
                "Passphrase protection is not available in this installation: {reason}. "
                "The database works normally without it.").format(reason=reason), self)
            layout.addWidget(self.explanation)
            for w in (self.commands, self.old, self.new, self.repeat, self.understood):
                w.hide()
        else:
            self._build_actions(layout, protected)
        layout.addWidget(self.error)
        copy = buttons.addButton(_("Copy commands"), QDialogButtonBox.ButtonRole.HelpRole)
        copy.setAutoDefault(False)
        copy.setVisible(reason is None)
        copy.clicked.connect(
            lambda: QApplication.clipboard().setText(self.commands.toPlainText()))
        layout.addWidget(buttons)

    def _build_actions(self, layout: QVBoxLayout, protected: bool) -> None:
        self.explanation = _label(_(
            "With a passphrase, the whole database file is encrypted (SQLCipher) with a key "
            "derived from the passphrase (Argon2id). The passphrase is never stored: if it "
            "is lost, the data cannot be recovered. Keep it somewhere safe."), self)
        layout.addWidget(self.explanation)
        form = QFormLayout()
        if protected:
            form.addRow(_("Current passphrase:"), self.old)
            self.understood.hide()
        else:
            self.old.hide()
        form.addRow(_("New passphrase:"), self.new)
        form.addRow(_("Repeat the new passphrase:"), self.repeat)
        layout.addLayout(form)
        if protected:
            layout.addWidget(_label(_(
                "To change the passphrase, type the current one and the new one twice. To "
                "remove the protection, type the current one only."), self))
            self.change_button.show()
            self.decrypt_button.show()
            self.change_button.clicked.connect(self.change_passphrase)
            self.decrypt_button.clicked.connect(self.decrypt)
        else:
            layout.addWidget(self.understood)
            self.encrypt_button.show()
            self.encrypt_button.clicked.connect(self.encrypt)
        layout.addWidget(_label(_(
            "The window closes its connections, the database is copied, checked table by "
            "table and replaced only if the copy is identical; then the window reopens. "
            "The same from a terminal, with fieldapp closed:"), self))
        layout.addWidget(self.commands)

    # -- actions ----------------------------------------------------------------------------
    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _new_passphrase(self) -> str:
        from fieldapp.core.errors import InvalidInput
        from fieldapp.core.store.crypto import check_passphrase

        if self.new.text() != self.repeat.text():
            raise InvalidInput(_("The two new passphrases differ; nothing was changed."))
        return check_passphrase(self.new.text())

    def _check_current(self) -> str:
        """The current passphrase, checked against the open database's key."""
        from fieldapp.core.store.crypto import WrongPassphrase, key_for

        old = self.old.text()
        if not old or key_for(self.store.path, old) != self.store.key:
            raise WrongPassphrase(_("Wrong current passphrase; nothing was changed."))
        return old

    def encrypt(self) -> bool:
        def steps() -> tuple[None, str]:
            new = self._new_passphrase()
            if not self.understood.isChecked():
                from fieldapp.core.errors import InvalidInput

                raise InvalidInput(_("Tick the box to confirm that a lost passphrase means "
                                     "lost data."))
            return None, new
        return self._run(steps, _("The database is now protected by a passphrase."))

    def change_passphrase(self) -> bool:
        return self._run(lambda: (self._check_current(), self._new_passphrase()),
                         _("The passphrase of the database was changed."))

    def decrypt(self) -> bool:
        return self._run(lambda: (self._check_current(), None),
                         _("The database is no longer protected by a passphrase."))

    def _run(self, steps: Callable[[], tuple[str | None, str | None]], done: str) -> bool:
        """Check the fields, convert; True when done (the dialog is then accepted)."""
        self.show_error("")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            old, new = steps()
            if self._convert is None:
                raise FieldappError(_("Converting is not available here."))
            self.new_store = self._convert(old, new)
        except FieldappError as exc:
            self.show_error(str(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        for field in (self.old, self.new, self.repeat):
            field.clear()
        self.done_message = done
        self.accept()
        return True

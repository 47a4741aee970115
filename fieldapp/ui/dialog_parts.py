"""Pieces shared by the record dialogs (note, assessment, task, contact)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLayout, QVBoxLayout, QWidget

from fieldapp.core.i18n import _


def error_label() -> QLabel:
    """A hidden, plain-text, red line for validation messages."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("color: #a40000")
    label.setAccessibleName(_("Error"))
    label.hide()
    return label


def lay_out(dialog: QDialog, form: QLayout, body_title: str, body: QWidget, error: QLabel,
            heading: QWidget | None = None) -> QDialogButtonBox:
    """heading?, form, titled body (stretching), error line, OK/Cancel wired to the dialog."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    if heading is not None:
        layout.addWidget(heading)
    layout.addLayout(form)
    layout.addWidget(QLabel(body_title))
    layout.addWidget(body, 1)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return buttons

"""Helpers for the records UI tests: drive a modal dialog opened by a button click."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox


def click_ok(dialog: QDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def with_dialog(qtbot, dialog_type, fill, trigger) -> list:
    """Run `trigger()` (which opens a modal `dialog_type`); `fill(dialog)` runs inside it.

    Returns the list of dialogs seen (so a test can assert one was shown).
    """
    seen: list = []

    def handle():
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, dialog_type) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, handle)
            return
        seen.append(dialog)
        try:
            fill(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, handle)
    trigger()
    return seen

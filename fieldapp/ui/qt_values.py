"""Qt namespace values for the code that runs before the window's first paint.

Touching `PySide6.QtCore.Qt` makes PySide6 build all 116 Python enums of the namespace at
once (~120 million instructions; dock_layout.py has the figures). The models behind the first
window compare item roles as plain ints at every paint, and the labels that show user text are
switched to plain text by `plain_text`, which imports Qt only when it is called. Event
filters, installed after the paint, look up their event types with `event_type`: the QEvent
class (its Type enum has ~180 members, ~3 ms) is made on first use, not at import.
tests/ui/test_dock_layout.py checks these values against Qt's.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QLabel

DISPLAY_ROLE = 0    # Qt.ItemDataRole.DisplayRole
TOOLTIP_ROLE = 3    # Qt.ItemDataRole.ToolTipRole
USER_ROLE = 256     # Qt.ItemDataRole.UserRole


def plain_text(label: QLabel) -> None:
    """Show the label's text as typed: markup in user text is never interpreted."""
    from PySide6.QtCore import Qt

    label.setTextFormat(Qt.TextFormat.PlainText)


def event_type(name: str) -> QEvent.Type:
    """`QEvent.Type.<name>` (for event filters, made when they are installed)."""
    from PySide6.QtCore import QEvent

    return QEvent.Type[name]

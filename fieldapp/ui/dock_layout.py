"""Where the main window's docks go, placed without Qt's namespace enums when it can be.

PySide6 builds the Python enums of a Qt class on the class's first use, all at once. For the
`Qt` namespace that is 116 enums (Qt.Key alone has ~480 members): ~120 million instructions,
about a fifth of a bare window's whole start-up on Python 3.11. `addDockWidget` and
`setAllowedAreas` take `Qt.DockWidgetArea` values, so a window that placed its docks with
them would pay that before its first paint.

`QMainWindow.restoreState` places dock widgets by object name, including docks never added
with `addDockWidget`, and touches no Python enum. The window saves its layout at every close,
so from the second start on the docks come from the saved layout and the Qt namespace is
first used after the first paint (`limit_dock_areas`). The first start, or a layout that
misses one of the docks (saved by an older version), places them with `addDockWidget` at
their default areas and widths, then restores what the layout has.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray
    from PySide6.QtWidgets import QDockWidget, QMainWindow

# Object name → (default area, default width in pixels): the reader keeps at least half of a
# 1280-pixel screen.
DEFAULTS = {"navigator_dock": ("left", 340), "notes_dock": ("right", 300)}


def names_in_state(state: bytes, names: list[str]) -> bool:
    """True if a saved layout mentions every one of `names` (QDataStream writes object names
    as UTF-16, big-endian)."""
    return all(name.encode("utf-16-be") in state for name in names)


def place_docks(window: QMainWindow, docks: list[QDockWidget],
                state: QByteArray | None) -> bool:
    """Put `docks` in `window` and restore the saved layout `state` (None: none saved).
    True when the saved layout placed every dock (no Qt enum used)."""
    if state is not None and names_in_state(bytes(state), [d.objectName() for d in docks]) \
            and window.restoreState(state):
        return True
    from PySide6.QtCore import Qt

    areas = {"left": Qt.DockWidgetArea.LeftDockWidgetArea,
             "right": Qt.DockWidgetArea.RightDockWidgetArea}
    defaults = [DEFAULTS.get(dock.objectName(), ("right", 300)) for dock in docks]
    for dock, (side, _width) in zip(docks, defaults):
        window.addDockWidget(areas[side], dock)
    window.resizeDocks(docks, [width for _side, width in defaults], Qt.Orientation.Horizontal)
    if state is not None:
        window.restoreState(state)
    return False


def limit_dock_areas(docks: list[QDockWidget]) -> None:
    """Docks go left or right of the reader, never above or below it."""
    from PySide6.QtCore import Qt

    for dock in docks:
        dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                             | Qt.DockWidgetArea.RightDockWidgetArea)

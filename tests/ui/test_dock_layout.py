"""Dock placement without Qt's namespace (fieldapp/ui/dock_layout.py) and the role values the
first window's models use instead of it (fieldapp/ui/qt_values.py)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QTextEdit

from fieldapp.ui import qt_values
from fieldapp.ui.dock_layout import limit_dock_areas, names_in_state, place_docks

LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea


def make(qtbot, names=("navigator_dock", "notes_dock")):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.setCentralWidget(QTextEdit())
    docks = []
    for name in names:
        dock = QDockWidget(name, window)
        dock.setObjectName(name)
        dock.setWidget(QLabel(name))
        docks.append(dock)
    return window, docks


def test_the_role_values_are_qt_s():
    assert qt_values.DISPLAY_ROLE == Qt.ItemDataRole.DisplayRole.value
    assert qt_values.TOOLTIP_ROLE == Qt.ItemDataRole.ToolTipRole.value
    assert qt_values.USER_ROLE == Qt.ItemDataRole.UserRole.value


def test_event_types_are_qt_s():
    from PySide6.QtCore import QEvent

    assert qt_values.event_type("KeyPress") is QEvent.Type.KeyPress
    assert qt_values.event_type("Drop") is QEvent.Type.Drop


def test_plain_text_labels_show_markup_as_typed(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    qt_values.plain_text(label)
    assert label.textFormat() == Qt.TextFormat.PlainText


def test_no_saved_layout_places_the_docks_at_their_default_sides(qtbot):
    window, docks = make(qtbot)
    assert place_docks(window, docks, None) is False
    assert [window.dockWidgetArea(d) for d in docks] == [LEFT, RIGHT]
    window.show()
    qtbot.waitExposed(window)
    assert docks[0].width() < 400 and docks[1].x() > 900  # the reader keeps the middle


def test_a_saved_layout_places_the_docks_it_knows_by_itself(qtbot):
    window, docks = make(qtbot)
    window.addDockWidget(RIGHT, docks[0])  # the user moved the navigator to the right
    window.addDockWidget(LEFT, docks[1])
    state = window.saveState()
    assert names_in_state(bytes(state), ["navigator_dock", "notes_dock"])
    again, docks2 = make(qtbot)
    assert place_docks(again, docks2, state) is True
    assert [again.dockWidgetArea(d) for d in docks2] == [RIGHT, LEFT]


def test_a_layout_saved_without_a_dock_still_places_every_dock(qtbot):
    """A layout from a version without the notes dock: the notes dock goes to its default
    side and the navigator where the layout had it."""
    old, old_docks = make(qtbot, names=("navigator_dock",))
    old.addDockWidget(RIGHT, old_docks[0])
    state = old.saveState()
    assert not names_in_state(bytes(state), ["navigator_dock", "notes_dock"])
    window, docks = make(qtbot)
    assert place_docks(window, docks, state) is False
    assert [window.dockWidgetArea(d) for d in docks] == [RIGHT, RIGHT]


def test_a_damaged_saved_layout_falls_back_to_the_defaults(qtbot):
    window, docks = make(qtbot)
    junk = b"navigator_dock notes_dock".decode().encode("utf-16-be") + b"\x00garbage"
    from PySide6.QtCore import QByteArray

    assert place_docks(window, docks, QByteArray(junk)) is False
    assert [window.dockWidgetArea(d) for d in docks] == [LEFT, RIGHT]


def test_docks_stay_beside_the_reader(qtbot):
    window, docks = make(qtbot)
    limit_dock_areas(docks)
    assert all(d.allowedAreas() == LEFT | RIGHT for d in docks)

"""Field records in the main window (one call from main_window.py):

- the notes panel as a right-hand dock that follows the reader's paragraph (`unitChanged`);
- a Records menu (before Help) opening the ledger, tasks and contacts as windows;
- View → Notes toggles the dock.
"""
from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QWidget

from fieldapp.core.i18n import _
from fieldapp.ui.notes_panel import NotesPanel


def _open_window(window, key: str, factory) -> QWidget:
    """Show the records window `key` (created once, then raised)."""
    views = window.records_ui.views
    view = views.get(key)
    if view is None:
        view = factory()
        view.setParent(window, Qt.WindowType.Window)
        view.resize(1150, 680)
        views[key] = view
    view.show()
    view.raise_()
    view.activateWindow()
    return view


def install_records_ui(window, store) -> SimpleNamespace:
    """Add the notes dock and the Records menu to `window`; return them (window.records_ui)."""
    from fieldapp.ui.contacts_view import ContactsView
    from fieldapp.ui.ledger_view import LedgerView
    from fieldapp.ui.tasks_view import TasksView

    panel = NotesPanel(store, window)
    dock = QDockWidget(_("Notes"), window)
    dock.setObjectName("notes_dock")
    dock.setWidget(panel)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                     | QDockWidget.DockWidgetFeature.DockWidgetMovable)
    dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                         | Qt.DockWidgetArea.RightDockWidgetArea)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resizeDocks([dock], [380], Qt.Orientation.Horizontal)
    panel.set_unit(window.current_unit())
    window.unitChanged.connect(panel.set_unit)

    ui = SimpleNamespace(panel=panel, dock=dock, views={})
    window.records_ui = ui

    def act(text: str, keys: str, slot) -> QAction:
        action = QAction(text, window)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        return action

    ui.add_note = act(_("&Add Note…"), "Ctrl+Shift+N", lambda: (dock.show(), panel.add_note()))
    ui.ledger = act(_("Priority &Measures"), "Ctrl+Shift+M",
                    lambda: _open_window(window, "ledger", lambda: LedgerView(store)))
    ui.tasks = act(_("&Tasks"), "Ctrl+Shift+T",
                   lambda: _open_window(window, "tasks", lambda: TasksView(store)))
    ui.contacts = act(_("C&ontacts"), "Ctrl+Shift+K",
                      lambda: _open_window(window, "contacts", lambda: ContactsView(store)))
    menu_bar = window.menuBar()
    ui.menu = menu = menu_bar.addMenu(_("&Records"))
    help_menu = getattr(window, "help_menu", None)
    if help_menu is not None:  # keep Help last
        menu_bar.insertMenu(help_menu.menuAction(), menu)
    menu.addAction(ui.add_note)
    menu.addSeparator()
    for action in (ui.ledger, ui.tasks, ui.contacts):
        menu.addAction(action)
    notes_toggle = dock.toggleViewAction()
    notes_toggle.setText(_("&Notes Panel"))
    view_menu = getattr(window, "view_menu", None)
    (view_menu or menu).addAction(notes_toggle)
    # the window restored its layout before this dock existed: restore again to place it
    settings = getattr(window, "settings", None)
    state = settings.blob("state") if settings is not None else None
    if state is not None:
        window.restoreState(state)
    return ui

"""Field records in the main window (one call from main_window.py):

- the notes panel as a right-hand dock that follows the reader's paragraph (`unitChanged`);
- a Records menu (before Help) opening the ledger, tasks and contacts as windows;
- View → Notes toggles the dock.

Start-up: the dock (title, place, size) exists when the window first paints; the panel inside
it, and the records views and dialogs, are imported and built afterwards or on first use.
"""
from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QWidget

from fieldapp.core.i18n import _
from fieldapp.ui.actions import shortcut


def _open_window(window, key: str, factory) -> QWidget:
    """Show the records window `key` (created once, then raised)."""
    views = window.records_ui.views
    view = views.get(key)
    if view is None:
        from PySide6.QtCore import Qt

        view = factory()
        view.setParent(window, Qt.WindowType.Window)
        view.resize(1150, 680)
        views[key] = view
    view.show()
    view.raise_()
    view.activateWindow()
    return view


def _ledger(store) -> QWidget:
    from fieldapp.ui.ledger_view import LedgerView

    return LedgerView(store)


def _tasks(store) -> QWidget:
    from fieldapp.ui.tasks_view import TasksView

    return TasksView(store)


def _contacts(store) -> QWidget:
    from fieldapp.ui.contacts_view import ContactsView

    return ContactsView(store)


def ensure_panel(window, store):
    """The notes panel in its dock, built on first need (after the window's first paint)."""
    ui = window.records_ui
    if ui.panel is None:
        from fieldapp.ui.notes_panel import NotesPanel

        ui.panel = NotesPanel(store, window)
        placeholder = ui.dock.widget()
        ui.dock.setWidget(ui.panel)
        if placeholder is not None:
            placeholder.deleteLater()
        ui.panel.set_unit(window.current_unit())
        window.unitChanged.connect(ui.panel.set_unit)
    return ui.panel


def install_records_ui(window, store) -> SimpleNamespace:
    """Make the notes dock (the window places it) and the Records menu of `window`; return
    them (window.records_ui)."""
    dock = QDockWidget(_("Notes"), window)
    dock.setObjectName("notes_dock")
    dock.setWidget(QWidget(dock))  # placeholder until the panel is built
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                     | QDockWidget.DockWidgetFeature.DockWidgetMovable)
    # placed, with the window's other docks, by MainWindow._restore (dock_layout.py)

    ui = SimpleNamespace(panel=None, dock=dock, views={})
    window.records_ui = ui

    def act(text: str, keys: str, slot) -> QAction:
        action = QAction(text, window)
        shortcut(window, action, [keys])
        action.triggered.connect(slot)
        return action

    def add_note() -> None:
        dock.show()
        ensure_panel(window, store).add_note()

    ui.add_note = act(_("&Add Note…"), "Ctrl+Shift+N", add_note)
    ui.ledger = act(_("Priority &Measures"), "Ctrl+Shift+M",
                    lambda: _open_window(window, "ledger", lambda: _ledger(store)))
    ui.tasks = act(_("&Tasks"), "Ctrl+Shift+T",
                   lambda: _open_window(window, "tasks", lambda: _tasks(store)))
    ui.contacts = act(_("C&ontacts"), "Ctrl+Shift+K",
                      lambda: _open_window(window, "contacts", lambda: _contacts(store)))
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
    later = getattr(window, "after_first_paint", None)
    if later is not None:
        later(lambda: ensure_panel(window, store))
    else:  # a plain QMainWindow: build it now
        ensure_panel(window, store)
    return ui

"""Records in the main window: the notes dock follows the reader; the Records menu opens views."""
from __future__ import annotations

from fieldapp.ui.contacts_view import ContactsView
from fieldapp.ui.ledger_view import LedgerView
from fieldapp.ui.tasks_view import TasksView
from tests.reader_helpers import (compiled_catalogs, english_ui, make_window,  # noqa: F401
                                  settings_path, window)


def test_notes_dock_follows_the_reader(window, store):
    store.add_note(["op28.c.ii"], "Synthetic note on POC")
    ui = window.records_ui
    assert ui.dock.isVisible() and ui.dock.widget() is ui.panel
    window.show_unit("op28.c.ii")
    assert ui.panel.unit() == "op28.c.ii"
    assert ui.panel.model.rowCount() == 1
    window.show_unit("op1")
    assert ui.panel.unit() == "op1" and ui.panel.model.rowCount() == 0


def test_records_menu_opens_the_views(window):
    ui = window.records_ui
    titles = [a.text() for a in ui.menu.actions() if a.text()]
    assert titles == ["&Add Note…", "Priority &Measures", "&Tasks", "C&ontacts"]
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus.index("&Records") == len(menus) - 2  # Help stays last
    for action, kind in ((ui.ledger, LedgerView), (ui.tasks, TasksView),
                         (ui.contacts, ContactsView)):
        action.trigger()
        view = next(v for v in ui.views.values() if isinstance(v, kind))
        assert view.isVisible() and view.isWindow()
    ui.ledger.trigger()  # a second time: the same window, raised
    assert len(ui.views) == 3

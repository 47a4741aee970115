"""Sync in the main window (one call from main_window.py: `install_sync_ui(self, store)`):

- File → Export Sync File…, Import Sync Files…, Sync Conflicts…, Join Deployment…;
- drag-and-drop of .fieldsync files anywhere on the window opens the import;
- a permanent status-bar label: deployment, last export, "HQ has your changes up to #N",
  open conflicts.
After an import or a resolution the records views are refreshed from the store.
"""
from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import _
from fieldapp.ui.actions import insert_before_last, shortcut
from fieldapp.ui.qt_values import event_type, plain_text


def sync_paths(mime) -> list[str]:
    """The .fieldsync files in a drag (the dialog module is imported on first drag)."""
    from fieldapp.ui.sync_import_dialog import sync_paths as paths

    return paths(mime)


class _DropFilter(QObject):
    """Catches drags of .fieldsync files over the window (and its drop-accepting children)."""

    def __init__(self, on_drop, parent=None):
        super().__init__(parent)
        self.on_drop = on_drop
        self._drags = (event_type("DragEnter"), event_type("DragMove"))
        self._drop = event_type("Drop")

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind in self._drags:
            if sync_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif kind == self._drop:
            paths = sync_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.on_drop(paths)
                return True
        return False


def _file_menu(window):
    menu = getattr(window, "file_menu", None)
    return menu if menu is not None else window.menuBar().addMenu(_("&File"))


def refresh_records(window) -> None:
    """Reload what the records UI shows (notes panel, ledger/tasks/contacts windows)."""
    ui = getattr(window, "records_ui", None)
    if ui is None:
        return
    panel = getattr(ui, "panel", None)
    if panel is not None and hasattr(panel, "set_unit") and hasattr(window, "current_unit"):
        panel.set_unit(window.current_unit())
    for view in getattr(ui, "views", {}).values():
        model = getattr(view, "model", None)
        if model is not None and hasattr(model, "refresh"):
            model.refresh()


def install_sync_ui(window, store) -> SimpleNamespace:
    """Add the sync actions, drop target and status label to `window` (window.sync_ui)."""
    if getattr(window, "sync_ui", None) is not None:  # installed already
        return window.sync_ui
    ui = SimpleNamespace(store=store, conflicts_view=None)
    window.sync_ui = ui
    ui.status_label = QLabel(window)  # empty until refresh_status, after the first paint
    ui.status_label.setAccessibleName(_("Sync status"))
    ui.status_label.setContentsMargins(0, 0, 16, 0)  # apart from the paragraph label
    window.statusBar().addPermanentWidget(ui.status_label)

    def refresh_status() -> str:
        from fieldapp.core.sync.status import status, summary_line

        try:
            text = summary_line(status(store, keys=False))
        except FieldappError as exc:
            text = str(exc)
        plain_text(ui.status_label)  # here: Qt's namespace not before the first paint
        ui.status_label.setText(text)
        return text

    def open_conflicts():
        from fieldapp.ui.conflicts_view import ConflictsView

        view = ui.conflicts_view
        if view is None:
            from PySide6.QtCore import Qt

            view = ConflictsView(store, window)
            view.setWindowFlag(Qt.WindowType.Window, True)
            view.resolved.connect(lambda _v: (refresh_records(window), refresh_status()))
            ui.conflicts_view = view
        else:
            view.model.refresh()
            view._select(0)
        view.show()
        view.raise_()
        return view

    def show_report(reports: list):
        from fieldapp.ui.import_report_dialog import ImportReportDialog

        refresh_records(window)
        refresh_status()
        if ui.conflicts_view is not None:
            ui.conflicts_view.model.refresh()
        dialog = ImportReportDialog(reports, window)
        dialog.reviewConflicts.connect(open_conflicts)
        ui.last_report = dialog
        dialog.open()
        return dialog

    def open_import(paths: list[str] | None = None):
        from fieldapp.ui.sync_import_dialog import SyncImportDialog

        dialog = SyncImportDialog(store, paths, window)
        ui.import_dialog = dialog
        dialog.accepted.connect(lambda: show_report(dialog.reports))
        dialog.open()
        return dialog

    def open_export():
        from fieldapp.ui.sync_export_dialog import SyncExportDialog

        dialog = SyncExportDialog(store, window)
        ui.export_dialog = dialog
        dialog.finished.connect(lambda _r: refresh_status())
        dialog.open()
        return dialog

    def join(path: str | None = None) -> bool:
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from fieldapp.core.sync import deployment

        if path is None:
            path, _f = QFileDialog.getOpenFileName(
                window, _("Join deployment"), "", _("Deployment files (*.json);;All files (*)"))
        if not path:
            return False
        try:
            dep = deployment.read_deployment_file(Path(path))
            answer = QMessageBox.question(
                window, _("Join deployment"),
                _("Join deployment “{name}”?\n\nHQ key fingerprint: {fp}\nCheck it with HQ by "
                  "phone or radio before joining. From now on your sync files are encrypted so "
                  "that only this HQ can read them.").format(name=dep.name,
                                                             fp=dep.hq_fingerprint))
            if answer != QMessageBox.StandardButton.Yes:
                return False
            deployment.join(store, Path(path))
        except FieldappError as exc:
            QMessageBox.warning(window, _("Join deployment"), str(exc))
            return False
        refresh_status()
        return True

    def act(text: str, keys: str | None, slot) -> QAction:
        action = QAction(text, window)
        if keys:
            shortcut(window, action, [keys])
        action.triggered.connect(lambda _c=False: slot())
        return action

    ui.export_action = act(_("Export Sync File…"), "Ctrl+Shift+X", open_export)
    ui.import_action = act(_("Import Sync Files…"), "Ctrl+Shift+I", open_import)
    ui.conflicts_action = act(_("Sync Conflicts…"), None, open_conflicts)
    ui.join_action = act(_("Join Deployment…"), None, join)
    insert_before_last(_file_menu(window), (ui.export_action, ui.import_action,
                                            ui.conflicts_action, ui.join_action))

    window.setAcceptDrops(True)

    def finish() -> None:  # after the window's first paint (start-up speed), when it can
        ui.drop_filter = _DropFilter(lambda paths: open_import(paths), window)
        window.installEventFilter(ui.drop_filter)
        # Qt delivers a drag to the window's QWindow before choosing the widget under the
        # cursor, so this one filter sees drags over every child, also one made later (an
        # editable text field would otherwise take a dropped file as text), with no walk
        # over the widget tree.
        handle = window.windowHandle()
        if handle is not None:
            handle.installEventFilter(ui.drop_filter)
        refresh_status()

    ui.refresh_status, ui.open_conflicts, ui.open_import = refresh_status, open_conflicts, \
        open_import
    ui.open_export, ui.show_report, ui.join = open_export, show_report, join
    later = getattr(window, "after_first_paint", None)
    (later or (lambda f: f()))(finish)
    return ui

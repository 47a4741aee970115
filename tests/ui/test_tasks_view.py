"""The tasks window: filters, add, mark done, export .ics."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox

from fieldapp.ui.task_dialog import TaskDialog
from fieldapp.ui.tasks_model import TasksModel
from fieldapp.ui.tasks_view import TasksView
from tests.ui_records_helpers import click_ok, with_dialog


def titles(view) -> list[str]:
    return [view.model.task_at(r)["title"] for r in range(view.model.rowCount())]


def test_add_filter_done_and_export(qtbot, store, tmp_path, monkeypatch):
    view = TasksView(store)
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() == 40

    def fill(dialog: TaskDialog):
        dialog.title.setText("Synthetic: brief the mayor")
        dialog.owner.setText("Synthetic Section")
        dialog.has_due.setChecked(True)
        dialog.units.setText("op99")
        click_ok(dialog)
        assert dialog.isVisible() and "op99" in dialog.error.text()
        dialog.units.setText("op28.c.ii")
        click_ok(dialog)

    with_dialog(qtbot, TaskDialog, fill, view.add_button.click)
    assert view.model.rowCount() == 41
    view.owner.setText("synthetic sec")
    assert titles(view) == ["Synthetic: brief the mayor"]
    view.table.selectRow(0)
    view.done_button.click()
    view.status.setCurrentIndex(view.status.findData("done"))
    assert titles(view) == ["Synthetic: brief the mayor"]
    view.status.setCurrentIndex(view.status.findData("open"))
    assert titles(view) == []

    view.status.setCurrentIndex(0)
    view.owner.clear()
    view.use_due.setChecked(True)
    view.due_before.setDate(view.due_before.date().fromString("2020-12-31", "yyyy-MM-dd"))
    assert {view.model.task_at(r)["id"] for r in range(view.model.rowCount())} == \
        {"seed:duty-op5", "seed:duty-op62"}
    out = tmp_path / "tasks.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    view.export_button.click()
    text = out.read_bytes().decode()
    assert text.count("BEGIN:VEVENT") == 2 and "DTSTART;VALUE=DATE:20200929" in text
    assert shown and "2 dated tasks" in shown[0]


def test_tasks_model_passes_the_model_tester(qtmodeltester, store):
    store.add_task("Synthetic", due="2021-01-01")
    qtmodeltester.check(TasksModel(store))

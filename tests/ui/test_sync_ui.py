"""Sync in the window, driven offscreen: export and import dialogs, import report, conflicts
view, File menu, drag-and-drop, status bar. Real databases and files; synthetic notes."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from fieldapp.core.sync import exporter, importer
from fieldapp.ui.conflicts_view import ConflictsModel, ConflictsView
from fieldapp.ui.import_report_dialog import ImportReportDialog, ImportReportModel
from fieldapp.ui.sync_export_dialog import SyncExportDialog
from fieldapp.ui.sync_import_dialog import SyncImportDialog
from fieldapp.ui.sync_integration import install_sync_ui
from tests.reader_helpers import (compiled_catalogs, english_ui, make_window,  # noqa: F401
                                  settings_path, window)
from tests.sync_helpers import export, import_one, new_store


def conflicted_pair(tmp_path, template):
    """Two databases holding the same conflict (concurrent edits of one note)."""
    a = new_store(template, tmp_path / "a.db")
    b = new_store(template, tmp_path / "b.db")
    note = a.add_note(["op28.c.ii"], "Synthetic original text")
    import_one(b, export(a, tmp_path / "a1"))
    a.edit_note(note["id"], text="Synthetic: the mayor agreed to the meeting <b>Monday</b>")
    b.edit_note(note["id"], text="Synthetic: meeting postponed to Thursday")
    rep = import_one(b, export(a, tmp_path / "a2"))
    assert rep.conflicts == 1
    return a, b, note


def test_import_report_model_passes_the_model_tester(qtmodeltester, tmp_path,
                                                     seeded_db_template):
    a = new_store(seeded_db_template, tmp_path / "a.db")
    b = new_store(seeded_db_template, tmp_path / "b.db")
    a.add_note(["op1"], "Synthetic")
    good = export(a, tmp_path / "good")
    bad = tmp_path / "bad.fieldsync"
    bad.write_bytes(good.read_bytes()[:-5])
    reports = importer.import_files(b, [good, bad, good])
    model = ImportReportModel(reports)
    qtmodeltester.check(model)
    assert [model.index(r, 1).data() for r in range(3)] == \
        ["Imported", "REJECTED", "Already imported"]
    assert model.index(0, 7).data() == "NOT ENCRYPTED"
    assert model.index(0, 3).data() == "1"


def test_conflicts_model_passes_the_model_tester(qtmodeltester, tmp_path, seeded_db_template):
    _a, b, _n = conflicted_pair(tmp_path, seeded_db_template)
    model = ConflictsModel(b)
    qtmodeltester.check(model)
    assert model.rowCount() == 1 and model.index(0, 0).data() == "Note"


def test_export_dialog_says_plainly_it_is_not_encrypted(qtbot, english_ui, store, tmp_path):
    store.add_note(["op1"], "Synthetic")
    dialog = SyncExportDialog(store)
    qtbot.addWidget(dialog)
    assert "NOT ENCRYPTED" in dialog.crypto.text()
    assert dialog.crypto.textFormat() == Qt.TextFormat.PlainText
    dialog.path.setText(str(tmp_path / "out"))
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.run_export()
    result = dialog.result
    assert result is not None and (tmp_path / "out.fieldsync").exists()
    assert "NOT ENCRYPTED" in dialog.output.toPlainText()
    assert "1 records" in dialog.output.toPlainText()


def test_export_dialog_for_a_field_device(qtbot, english_ui, tmp_path, seeded_db_template):
    from tests.sync_helpers import setup_deployment

    _hq, (f,), _dep = setup_deployment(seeded_db_template, tmp_path, n_field=1)
    dialog = SyncExportDialog(f)
    qtbot.addWidget(dialog)
    assert "only HQ can read it" in dialog.crypto.text()
    assert set(dialog.modes) == {"changes", "full"}   # no acknowledgement from HQ yet


def test_import_dialog_then_report(qtbot, english_ui, tmp_path, seeded_db_template):
    a = new_store(seeded_db_template, tmp_path / "a.db")
    b = new_store(seeded_db_template, tmp_path / "b.db")
    a.add_note(["op1"], "Synthetic <img src=x> note")
    path = export(a, tmp_path / "a1")
    dialog = SyncImportDialog(b, [str(path), str(path)])
    qtbot.addWidget(dialog)
    assert dialog.paths() == [str(path)]       # listed once
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.run_import()
    reports = dialog.reports
    assert [r.status for r in reports] == ["imported"] and b.count_notes() == 1
    report = ImportReportDialog(reports)
    qtbot.addWidget(report)
    assert "1 file imported" in report.summary.text()
    assert "NOT encrypted" in report.details.toPlainText()
    assert report.review is None


def test_conflicts_view_keeps_both_as_merged_text(qtbot, english_ui, tmp_path,
                                                 seeded_db_template):
    a, b, note = conflicted_pair(tmp_path, seeded_db_template)
    view = ConflictsView(b)
    qtbot.addWidget(view)
    view.show()
    sides = view.current.toPlainText() + view.other.toPlainText()
    assert "<b>Monday</b>" in sides and "postponed to Thursday" in sides   # shown as text
    assert "≠ " in view.current.toPlainText()
    view.merged.setPlainText("Synthetic: merged by the officer")
    with qtbot.waitSignal(view.resolved) as sig:
        view.keep_both.click()
    assert sig.args[0]["c"]["text"] == "Synthetic: merged by the officer"
    assert b.note(note["id"])["text"] == "Synthetic: merged by the officer"
    assert view.model.rowCount() == 0 and view.empty.isVisible()
    assert not view.keep_both.isEnabled()
    # The resolution travels back and closes A's conflict too.
    import_one(a, export(b, tmp_path / "b1"))
    assert a.note(note["id"])["text"] == "Synthetic: merged by the officer"
    assert ConflictsModel(a).rowCount() == 0


def test_keep_other_in_the_view(qtbot, english_ui, tmp_path, seeded_db_template):
    _a, b, note = conflicted_pair(tmp_path, seeded_db_template)
    view = ConflictsView(b)
    qtbot.addWidget(view)
    other = view.selected()["other"]["c"]["text"]
    view.keep_other.click()
    assert b.note(note["id"])["text"] == other


def test_window_integration_menu_status_and_drop(make_window, tmp_path, seeded_db_template,
                                                 qtbot):
    a = new_store(seeded_db_template, tmp_path / "a.db")
    b = new_store(seeded_db_template, tmp_path / "b.db")
    a.add_note(["op1"], "Synthetic dropped note")
    path = export(a, tmp_path / "dropped")
    window = make_window(b)
    ui = install_sync_ui(window, b)
    assert install_sync_ui(window, b) is ui          # idempotent
    texts = [x.text() for x in window.file_menu.actions()]
    for label in ("Export Sync File…", "Import Sync Files…", "Sync Conflicts…",
                  "Join Deployment…"):
        assert label in texts
    assert texts[-1] != "Export Sync File…"            # Quit stays last
    # The status is filled right after the first paint (deferred start-up work).
    qtbot.waitUntil(lambda: "No deployment" in ui.status_label.text())

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "photo.png"))])
    # Qt routes a real drag's enter event through the event filters: .fieldsync accepted only.
    for data, accepted in ((mime, True), (other, False)):
        enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, data,
                                Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
        enter.ignore()
        QApplication.sendEvent(window, enter)
        assert enter.isAccepted() is accepted
    # The drop itself (QApplication.sendEvent does not deliver a Drop without a real drag).
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    assert ui.drop_filter.eventFilter(window, drop) is True
    dialog = ui.import_dialog
    assert dialog.paths() == [str(path)]
    dialog.run_import()
    qtbot.waitUntil(lambda: getattr(ui, "last_report", None) is not None, timeout=10000)
    assert ui.last_report.model.reports[0].status == "imported"
    assert b.count_notes() == 1
    ui.last_report.close()


def test_status_bar_after_an_hq_package(make_window, tmp_path, seeded_db_template, qtbot):
    from tests.sync_helpers import setup_deployment

    hq, (f,), _dep = setup_deployment(seeded_db_template, tmp_path, n_field=1)
    f.add_note(["op1"], "Synthetic")
    import_one(hq, export(f, tmp_path / "f1"))
    package = exporter.export_to_field(hq, tmp_path / "hq1")
    window = make_window(f)
    ui = install_sync_ui(window, f)
    qtbot.waitUntil(lambda: "no acknowledgement from HQ yet" in ui.status_label.text())
    import_one(f, package.path)
    assert "HQ has your changes up to #1" in ui.refresh_status()
    dialog = SyncExportDialog(f)
    assert "since_ack" in dialog.modes and "#1" in dialog.modes["since_ack"].text()
    dialog.deleteLater()

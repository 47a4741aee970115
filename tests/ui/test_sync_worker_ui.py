"""Sync export and import run in a worker thread: the window keeps responding, the results
match the direct core calls, Cancel leaves the database byte-identical. Real databases,
keys and files; all notes are synthetic."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from fieldapp.core.sync import importer
from fieldapp.ui.sync_export_dialog import SyncExportDialog
from fieldapp.ui.sync_import_dialog import SyncImportDialog
from tests.reader_helpers import compiled_catalogs, english_ui  # noqa: F401
from tests.sync_helpers import db_digest, export, new_store, state

WAIT = 15000


def add_notes(store, n: int) -> None:
    with store.transaction():
        for i in range(n):
            store.add_note(["op1"], f"Synthetic worker-test note {i}")


def test_export_runs_in_a_worker_and_the_dialog_keeps_responding(qtbot, english_ui, store,
                                                                 tmp_path):
    add_notes(store, 800)
    dialog = SyncExportDialog(store)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "out"))
    ticks: list[bool] = []
    timer = QTimer(dialog)
    timer.setInterval(2)
    timer.timeout.connect(lambda: ticks.append(dialog.is_running()))
    timer.start()
    with qtbot.waitSignal(dialog.exported, timeout=WAIT) as sig:
        dialog.run_export()
        assert dialog.is_running() and not dialog.export_button.isEnabled()
        assert dialog.progress.isVisibleTo(dialog)
    timer.stop()
    assert sum(ticks) >= 2, ticks          # the event loop ran while the worker exported
    assert not dialog.is_running() and not dialog.progress.isVisibleTo(dialog)
    result = sig.args[0]
    assert result is dialog.result and result.records == 800
    out = tmp_path / "out.fieldsync"
    assert out.exists() and "read back and verified" in dialog.output.toPlainText()
    manifest = importer.verify_file(out, [])   # a full independent check of the file
    assert manifest["records"] == 800
    assert store.sync_last_export()["seq"] == 1   # logged, seen by the window's connection


def test_cancelled_export_writes_nothing(qtbot, english_ui, store, tmp_path):
    add_notes(store, 300)
    dialog = SyncExportDialog(store)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "out"))
    with qtbot.waitSignal(dialog.ended, timeout=WAIT):
        dialog.run_export()
        assert dialog.close_button.text() == "Cancel"
        dialog.close_button.click()
    assert dialog.result is None and "cancelled" in dialog.output.toPlainText()
    assert list(tmp_path.glob("*out*")) == [] and store.sync_last_export() is None
    assert dialog.export_button.isEnabled() and dialog.close_button.text() == "Close"


def test_import_in_a_worker_gives_the_same_report_and_state(qtbot, english_ui, tmp_path,
                                                          seeded_db_template):
    a = new_store(seeded_db_template, tmp_path / "a.db")
    add_notes(a, 300)
    path = export(a, tmp_path / "a1")
    direct = new_store(seeded_db_template, tmp_path / "direct.db")
    expected = importer.import_files(direct, [path])
    b = new_store(seeded_db_template, tmp_path / "b.db")
    dialog = SyncImportDialog(b, [str(path)])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        dialog.run_import()
        assert dialog.is_running() and not dialog.import_button.isEnabled()
    assert dialog.result() == QDialog.DialogCode.Accepted
    got = [r.as_dict() for r in dialog.reports]
    want = [r.as_dict() for r in expected]
    for g, w in zip(got, want):
        assert g.pop("backup").startswith(str(tmp_path / "backups"))
        w.pop("backup")
    assert got == want and got[0]["status"] == "imported" and got[0]["new"] == 300
    assert state(b) == state(direct) and b.count_notes() == direct.count_notes() == 300


def test_cancel_during_import_leaves_the_database_byte_identical(qtbot, english_ui, tmp_path,
                                                                seeded_db_template):
    a = new_store(seeded_db_template, tmp_path / "a.db")
    add_notes(a, 400)
    path = export(a, tmp_path / "a1")
    b = new_store(seeded_db_template, tmp_path / "b.db")
    before = db_digest(b)
    dialog = SyncImportDialog(b, [str(path)])
    qtbot.addWidget(dialog)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    with qtbot.waitSignal(dialog.ended, timeout=WAIT):
        dialog.run_import()
        cancel.click()                       # Cancel while the worker runs: stop, stay open
        assert dialog.status.text() == "Cancelling…"   # not closed: the outcome shows here
    assert db_digest(b) == before
    assert b.count_notes() == 0 and dialog.reports == []
    assert "cancelled" in dialog.status.text()
    assert dialog.import_button.isEnabled() and not dialog.is_running()
    assert dialog.result() != QDialog.DialogCode.Accepted
    # The same file imports fine afterwards.
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        dialog.run_import()
    assert dialog.reports[0].status == "imported" and b.count_notes() == 400


def test_import_worker_on_an_encrypted_database(qtbot, english_ui, tmp_path,
                                                seeded_db_template):
    """The worker reopens the file with the key this process unlocked it with."""
    from fieldapp.core.store import Store, crypto

    if crypto.cipher_unavailable_reason():
        pytest.skip(crypto.cipher_unavailable_reason())
    a = new_store(seeded_db_template, tmp_path / "a.db")
    add_notes(a, 5)
    path = export(a, tmp_path / "a1")
    new_store(seeded_db_template, tmp_path / "b.db").close()
    crypto.convert(tmp_path / "b.db", None, "synthetic test passphrase 1")
    b = Store.open(tmp_path / "b.db", passphrase="synthetic test passphrase 1")
    dialog = SyncImportDialog(b, [str(path)])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        dialog.run_import()
    assert [r.status for r in dialog.reports] == ["imported"] and b.count_notes() == 5
    b.close()

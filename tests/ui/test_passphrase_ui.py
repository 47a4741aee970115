"""Encrypted database in the window: start-up prompt, threads' connections, protection dialog."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from fieldapp.core.store import Store, crypto

pytestmark = pytest.mark.skipif(crypto.cipher_unavailable_reason() is not None,
                                reason="sqlcipher3/argon2-cffi not installed")
PASS = "correct horse battery"
SHOTS = Path(__file__).resolve().parents[2] / "shots"


@pytest.fixture
def encrypted_db(db_path) -> Path:
    with Store.open(db_path) as store:
        store.add_note(["op28.c.ii"], "Réunion avec le maire de Ménaka")
    crypto.convert(db_path, None, PASS)
    return db_path


def answer_dialogs(qtbot, answers: list[str], seen: list[str]) -> None:
    """Type each answer into the next passphrase dialog (recording its error text), then OK."""
    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "passphrase_dialog":
            QTimer.singleShot(10, answer)
            return
        seen.append(dialog.error.text() if dialog.error.isVisibleTo(dialog) else "")
        SHOTS.mkdir(exist_ok=True)
        dialog.grab().save(str(SHOTS / f"passphrase_dialog_{len(seen)}.png"))
        dialog.field.setText(answers.pop(0))
        dialog.accept()
        if answers:
            QTimer.singleShot(10, answer)
    QTimer.singleShot(0, answer)


def test_prompt_retries_after_a_wrong_passphrase(qtbot, encrypted_db):
    from fieldapp.ui.app import open_store

    seen: list[str] = []
    answer_dialogs(qtbot, ["not it at all", PASS], seen)
    store = open_store(encrypted_db)
    try:
        assert store is not None and store.key is not None
        assert seen[0] == "" and "Wrong passphrase" in seen[1]
        assert [n["text"] for n in store.notes_page()] == ["Réunion avec le maire de Ménaka"]
        # the search thread's own read-only connection opens the same database
        from fieldapp.core.store.bookmarks import open_reader

        reader = open_reader(encrypted_db)
        assert reader.search_notes("maire menaka", 5)
        reader.close()
    finally:
        if store is not None:
            store.close()


def test_cancel_leaves_without_opening(qtbot, encrypted_db):
    from fieldapp.ui.passphrase_dialog import open_store_interactively

    def cancel():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, cancel)
            return
        dialog.reject()
    QTimer.singleShot(0, cancel)
    before = encrypted_db.read_bytes()
    assert open_store_interactively(encrypted_db) is None
    assert encrypted_db.read_bytes() == before


def test_protection_dialog_says_what_to_run(qtbot, store, encrypted_db):
    from fieldapp.ui.encryption_dialog import EncryptionDialog

    plain = EncryptionDialog(store)
    qtbot.addWidget(plain)
    assert "not protected" in plain.status.text()
    assert plain.commands.toPlainText() == f"fieldapp db encrypt --db {store.path}"
    with Store.open(encrypted_db, passphrase=PASS) as locked:
        dialog = EncryptionDialog(locked)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        SHOTS.mkdir(exist_ok=True)
        dialog.grab().save(str(SHOTS / "encryption_dialog.png"))
        assert "is protected" in dialog.status.text()
        assert dialog.commands.toPlainText().splitlines() == [
            f"fieldapp db passphrase --db {encrypted_db}", f"fieldapp db decrypt --db {encrypted_db}"]


def test_file_menu_has_the_action(qtbot, store, tmp_path):
    from PySide6.QtCore import QSettings

    from fieldapp.ui.encryption_integration import install_encryption_ui
    from fieldapp.ui.main_window import MainWindow

    window = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    action = install_encryption_ui(window, store)
    names = [a.objectName() for a in window.file_menu.actions()]
    assert "database_protection" in names
    assert window.file_menu.actions()[-1] is not action  # Quit stays last

"""File → Database protection… converts from the window: encrypt, change the passphrase,
decrypt; the window closes its connections, converts and is rebuilt on the reopened store.
Errors (wrong passphrase, mismatch, busy file) are shown in the dialog and change nothing."""
from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.core.store import Store, crypto
from fieldapp.ui.encryption_dialog import EncryptionDialog
from fieldapp.ui.encryption_integration import show_protection_dialog
from tests.reader_helpers import (compiled_catalogs, english_ui, make_window,  # noqa: F401
                                  settings_path)
from tests.ui_records_helpers import with_dialog

pytestmark = pytest.mark.skipif(crypto.cipher_unavailable_reason() is not None,
                                reason="sqlcipher3/argon2-cffi not installed")
PASS = "correct horse battery"
PASS2 = "staple gun tripod lamp"
NOTE = "Synthetic note: meeting with the Ménaka prefecture"
PLAIN = b"SQLite format 3\x00"
HOLD_READ = ("import sqlite3, sys\n"
             "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
             "c.execute('BEGIN'); c.execute('SELECT count(*) FROM notes').fetchone()\n"
             "print('reading', flush=True); sys.stdin.readline()\n")
SHOTS = Path(__file__).resolve().parents[2] / "shots"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_dialog(qtbot, window, old="", new="", repeat=None, tick=True, button="encrypt"):
    """Open the dialog from `window`, fill it, press `button`; return (new window or None,
    the error shown in the dialog)."""
    errors: list[str] = []

    def fill(dialog: EncryptionDialog) -> None:
        dialog.old.setText(old)
        dialog.new.setText(new)
        dialog.repeat.setText(new if repeat is None else repeat)
        dialog.understood.setChecked(tick)
        getattr(dialog, f"{button}_button").click()
        if dialog.isVisible():  # not accepted: an error is shown
            SHOTS.mkdir(exist_ok=True)
            dialog.grab().save(str(SHOTS / f"encryption_error_{button}.png"))
            errors.append(dialog.error.text() if dialog.error.isVisibleTo(dialog) else "")

    result: list = []
    seen = with_dialog(qtbot, EncryptionDialog, fill,
                       lambda: result.append(show_protection_dialog(window)))
    assert seen, "the dialog was not shown"
    return result[0], (errors[0] if errors else "")


def notes_shown(qtbot, window) -> list[str]:
    from fieldapp.ui.notes_model import NoteRole

    qtbot.waitUntil(window.startup_finished)
    window.show_unit("op28.c.ii")
    model = window.records_ui.panel.model
    return [model.index(r).data(NoteRole)["text"] for r in range(model.rowCount())]


def search_finds_note(qtbot, window) -> None:
    """Search as you type (the worker thread's own connection) finds the note."""
    panel = window.navigator.search
    window.focus_search()
    panel.field.setText("menaka prefecture")
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=5000)


@pytest.fixture
def noted_store(db_path):
    with Store.open(db_path) as s:
        s.add_note(["op28.c.ii"], NOTE)
    s = Store.open(db_path)
    yield s
    s.close()


def test_encrypt_from_the_window_then_decrypt(qtbot, make_window, noted_store, db_path):
    window = make_window(noted_store)
    search_finds_note(qtbot, window)  # the search thread holds its own connection now
    text = window.reader.toPlainText()
    assert len(text) > 200

    # the two new passphrases differ / box not ticked / too short: nothing changes
    before = digest(db_path)
    for kwargs, expected in (({"repeat": PASS + "x"}, "differ"), ({"tick": False}, "Tick"),
                             ({"new": "short", "repeat": "short"}, "at least")):
        args = {"new": PASS, **kwargs}
        replaced, error = run_dialog(qtbot, window, **args)
        assert replaced is None and expected in error
        assert digest(db_path) == before
    assert window.isVisible()

    new, error = run_dialog(qtbot, window, new=PASS)
    assert error == "" and new is not None and new is not window
    try:
        assert not window.isVisible()
        assert db_path.read_bytes()[:16] != PLAIN and crypto.is_encrypted(db_path)
        assert new.store.key is not None
        with pytest.raises(crypto.WrongPassphrase):
            Store.open(db_path, passphrase="not the passphrase")
        SHOTS.mkdir(exist_ok=True)
        new.grab().save(str(SHOTS / "encryption_new_window.png"))
        assert new.reader.toPlainText()[:200] == text[:200]  # the mandate, same page
        assert notes_shown(qtbot, new) == [NOTE]
        search_finds_note(qtbot, new)
        assert "now protected" in new.statusBar().currentMessage()

        # decrypt from the new window: plain SQLite again, same notes
        newer, error = run_dialog(qtbot, new, old=PASS, button="decrypt")
        assert error == "" and newer is not None
    finally:
        new.close()
    try:
        assert db_path.read_bytes()[:16] == PLAIN and newer.store.key is None
        assert notes_shown(qtbot, newer) == [NOTE]
        with sqlite3.connect(db_path) as conn:
            assert conn.execute("SELECT count(*) FROM notes WHERE text=?", (NOTE,)).fetchone()[0]
    finally:
        newer.close()
        newer.store.close()


def test_wrong_passphrase_changes_nothing_then_change_works(qtbot, make_window, db_path):
    with Store.open(db_path) as s:
        s.add_note(["op28.c.ii"], NOTE)
    crypto.convert(db_path, None, PASS)
    store = Store.open(db_path, passphrase=PASS)
    window = make_window(store)
    before = digest(db_path)
    for button in ("change", "decrypt"):
        replaced, error = run_dialog(qtbot, window, old="not the passphrase", new=PASS2,
                                     button=button)
        assert replaced is None and "Wrong current passphrase" in error
        assert digest(db_path) == before
    assert window.isVisible() and notes_shown(qtbot, window) == [NOTE]

    new, error = run_dialog(qtbot, window, old=PASS, new=PASS2, button="change")
    try:
        assert error == "" and new is not None
        assert crypto.is_encrypted(db_path) and digest(db_path) != before
        assert notes_shown(qtbot, new) == [NOTE]
        with pytest.raises(crypto.WrongPassphrase):
            Store.open(db_path, passphrase=PASS)
        Store.open(db_path, passphrase=PASS2).close()
    finally:
        new.close()
        new.store.close()
        store.close()


def test_busy_file_shows_error_and_window_keeps_working(qtbot, make_window, noted_store,
                                                        db_path):
    # Read the file only while no other process has it open: closing any descriptor on it
    # drops this process's POSIX locks (SQLite's documented caveat).
    before = digest(db_path)
    window = make_window(noted_store)
    # another process in a read transaction (e.g. a CLI export). A connection of this
    # process would not do: sqlcipher3's SQLite does not see the stdlib's POSIX locks.
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_READ, str(db_path)], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "reading"
        replaced, error = run_dialog(qtbot, window, new=PASS)
        assert replaced is None and "in use" in error
    finally:
        holder.communicate("done\n", timeout=10)
    assert digest(db_path) == before and window.isVisible()
    # the window's store was reconnected: reading and writing still work
    noted_store.add_note(["op1"], "Synthetic second note")
    assert notes_shown(qtbot, window) == [NOTE]
    search_finds_note(qtbot, window)


def test_no_actions_without_sqlcipher_shows_the_reason(qtbot, store, monkeypatch):
    import fieldapp.ui.encryption_dialog as module

    monkeypatch.setattr(module, "cipher_unavailable_reason", lambda: "sqlcipher3 missing")
    dialog = EncryptionDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "sqlcipher3 missing" in dialog.explanation.text()
    for w in (dialog.encrypt_button, dialog.change_button, dialog.decrypt_button, dialog.new,
              dialog.old, dialog.commands):
        assert not w.isVisible()

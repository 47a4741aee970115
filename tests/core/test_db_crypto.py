"""Passphrase-protected databases: SQLCipher + Argon2id (real files, real keys, real processes)."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fieldapp.core.errors import FieldappError
from fieldapp.core.store import Store
from fieldapp.core.store import crypto
from fieldapp.core.store.connection import connect

pytestmark = pytest.mark.skipif(crypto.cipher_unavailable_reason() is not None,
                                reason="sqlcipher3/argon2-cffi not installed")
ROOT = Path(__file__).resolve().parents[2]
PASS, OTHER = "correct horse battery", "another passphrase 2"
CANARY = "CANARY-Zq81 entretien avec le maire de Ménaka"


def file_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def digests(path: Path, key: bytes | None) -> dict:
    conn = connect(path, key=key, readonly=True)
    try:
        return crypto.table_digests(conn)
    finally:
        conn.close()


@pytest.fixture
def plain_db(db_path) -> Path:
    with Store.open(db_path) as store:
        store.add_note(["op28.c.ii"], CANARY, region="menaka", tags=["mayor"])
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db_path


def test_encrypt_keeps_every_record_and_hides_the_text(plain_db):
    before = digests(plain_db, None)
    assert CANARY.encode() in file_bytes(plain_db)
    result = crypto.convert(plain_db, None, PASS)
    assert result["encrypted"] and result["rows"] == sum(n for n, _h in before.values())
    assert not plain_db.read_bytes().startswith(crypto.PLAIN_HEADER)
    assert crypto.is_encrypted(plain_db)
    assert digests(plain_db, crypto.key_for(plain_db, PASS)) == before
    assert CANARY.encode() not in file_bytes(plain_db)
    assert "Ménaka".encode() not in file_bytes(plain_db)  # the corpus is not readable either
    assert not list(plain_db.parent.glob("*.converting*")) + list(plain_db.parent.glob("*-old"))


def test_encrypted_store_reads_writes_and_searches(plain_db):
    crypto.convert(plain_db, None, PASS)
    with Store.open(plain_db, passphrase=PASS) as store:
        assert store.check()["ok"]
        assert [h["id"] for h in store.search_mandate("protection des civils", "fr", 5)]
        assert any(CANARY.startswith("CANARY") for _ in store.search_notes("menaka maire", 5))
        note = store.add_note(["op3.2"], "Second canary QX-77 after encryption")
        assert store.search_notes("QX-77", 5)[0]["id"] == note["id"]
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert store.conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert b"QX-77" not in file_bytes(plain_db)


def test_missing_or_wrong_passphrase_changes_nothing(plain_db):
    crypto.convert(plain_db, None, PASS)
    before = sha(plain_db)
    with pytest.raises(crypto.PassphraseRequired):
        Store.open(plain_db)
    with pytest.raises(crypto.WrongPassphrase, match="wrong passphrase"):
        Store.open(plain_db, passphrase="not the passphrase")
    with pytest.raises(crypto.WrongPassphrase):
        crypto.convert(plain_db, crypto.key_for(plain_db, "not the passphrase"), OTHER)
    assert sha(plain_db) == before
    assert not list(plain_db.parent.glob("*.converting*"))


def test_change_passphrase_then_decrypt(plain_db):
    before = digests(plain_db, None)
    crypto.convert(plain_db, None, PASS)
    salt = crypto.file_salt(plain_db)
    crypto.convert(plain_db, crypto.key_for(plain_db, PASS), OTHER)
    assert crypto.file_salt(plain_db) != salt  # a new salt with the new passphrase
    with pytest.raises(crypto.WrongPassphrase):
        Store.open(plain_db, passphrase=PASS)
    assert digests(plain_db, crypto.key_for(plain_db, OTHER)) == before
    crypto.convert(plain_db, crypto.key_for(plain_db, OTHER), None)
    assert plain_db.read_bytes().startswith(crypto.PLAIN_HEADER)
    assert digests(plain_db, None) == before
    conn = sqlite3.connect(str(plain_db))  # the standard library reads it again
    assert conn.execute("SELECT text FROM notes").fetchone()[0] == CANARY
    conn.close()


def test_backup_of_an_encrypted_store_is_encrypted(plain_db, tmp_path):
    crypto.convert(plain_db, None, PASS)
    with Store.open(plain_db, passphrase=PASS) as store:
        dest = store.backup(tmp_path / "copy.db")
    assert crypto.is_encrypted(dest) and CANARY.encode() not in dest.read_bytes()
    with Store.open(dest, passphrase=PASS) as copy:
        assert [n["text"] for n in copy.notes_page()] == [CANARY]


def test_passphrase_rules():
    for bad in ("short", "x" * 1025, "with\x00nul char"):
        with pytest.raises(FieldappError):
            crypto.check_passphrase(bad)
    assert crypto.check_passphrase("éèê ≠ 8 chars") == "éèê ≠ 8 chars"


def test_conversion_refused_while_another_process_has_the_database_open(plain_db):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time\n"
         "c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA journal_mode=WAL')\n"
         "c.execute('SELECT count(*) FROM units').fetchone(); print('open', flush=True)\n"
         "time.sleep(30)", str(plain_db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        before = sha(plain_db)
        with pytest.raises(FieldappError, match="in use"):
            crypto.convert(plain_db, None, PASS)
        assert sha(plain_db) == before and not crypto.is_encrypted(plain_db)
    finally:
        holder.kill()
        holder.wait()


def run_cli(args: list[str], env: dict) -> subprocess.CompletedProcess:
    full = {**os.environ, **env}
    return subprocess.run([sys.executable, "-m", "fieldapp", *args], cwd=ROOT, env=full,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


def test_cli_encrypt_use_and_decrypt(plain_db):
    db = ["--db", str(plain_db)]
    done = run_cli(["db", "encrypt", *db, "--json"], {"FIELDAPP_NEW_PASSPHRASE": PASS})
    assert done.returncode == 0, done.stderr
    assert crypto.is_encrypted(plain_db)
    locked = run_cli(["note", "list", *db], {})
    assert locked.returncode == 1 and "FIELDAPP_PASSPHRASE" in locked.stderr
    wrong = run_cli(["note", "list", *db], {"FIELDAPP_PASSPHRASE": "wrong wrong"})
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == f"fieldapp: error: wrong passphrase for {plain_db}"
    found = run_cli(["search", "maire", "--in", "notes", "--json", *db],
                    {"FIELDAPP_PASSPHRASE": PASS})
    assert found.returncode == 0 and "CANARY-Zq81" in found.stdout
    again = run_cli(["db", "encrypt", *db], {"FIELDAPP_PASSPHRASE": PASS,
                                            "FIELDAPP_NEW_PASSPHRASE": OTHER})
    assert again.returncode == 2 and "already encrypted" in again.stderr
    plain = run_cli(["db", "decrypt", *db], {"FIELDAPP_PASSPHRASE": PASS})
    assert plain.returncode == 0, plain.stderr
    assert plain_db.read_bytes().startswith(crypto.PLAIN_HEADER)


def test_key_derivation_is_argon2id_and_deterministic():
    salt = bytes(range(16))
    start = time.perf_counter()
    key = crypto.derive_key(PASS, salt)
    assert len(key) == 32 and key == crypto.derive_key(PASS, salt)
    assert key != crypto.derive_key(PASS, bytes(16)) and key != crypto.derive_key(OTHER, salt)
    assert time.perf_counter() - start < 20  # sanity only: usable on a field laptop


def _delete_canary(conn) -> None:
    conn.execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY, body TEXT)")
    conn.executemany("INSERT INTO scratch (body) VALUES (?)",
                     [(f"filler row {i} " * 8,) for i in range(50)] + [(CANARY,)])
    conn.execute("DELETE FROM scratch WHERE body = ?", (CANARY,))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@pytest.mark.parametrize("encrypted", [False, True])
def test_secure_delete_leaves_no_trace_of_deleted_text(tmp_path, encrypted):
    """connect() turns secure_delete on: a deleted row's text is overwritten in the file (a
    deleted *note* is a tombstone that keeps its text for undo and sync, see
    docs/records-schema.md, so a raw row stands in for real deletion here)."""
    path = tmp_path / "scratch.db"
    key = crypto.derive_key(PASS, bytes(16)) if encrypted else None
    if encrypted:  # create the encrypted file with a known salt, as convert() does
        from sqlcipher3 import dbapi2

        raw = dbapi2.connect(str(path))
        raw.execute(f"PRAGMA key = \"x'{key.hex()}{bytes(16).hex()}'\"")
        raw.execute("CREATE TABLE t (x)")
        raw.close()
    conn = connect(path, key=key)
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    _delete_canary(conn)
    conn.close()
    assert CANARY.encode() not in file_bytes(path)
    # the same steps without secure_delete leave the text in the file: the check can fail
    control = sqlite3.connect(str(tmp_path / "control.db"), isolation_level=None)
    control.execute("PRAGMA journal_mode = WAL")
    control.execute("PRAGMA secure_delete = OFF")  # some builds default to ON (Debian's)
    _delete_canary(control)
    control.close()
    assert CANARY.encode() in file_bytes(tmp_path / "control.db")

"""The one function that opens every SQLite connection (so an encrypted backend can slot in)."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

CIPHER_MODULE = "sqlcipher3.dbapi2"


def connect(path: str | Path, *, readonly: bool = False,
            key: bytes | None = None) -> sqlite3.Connection:
    """Open a connection with the project's durability and safety settings.

    WAL + synchronous=FULL (lessons.md: NORMAL lost confirmed saves in a power-cut test),
    foreign keys on, trusted_schema off (database files may come from outside).
    Autocommit mode: transactions are explicit (`Store.transaction`).
    With `key` (32 raw bytes, see store/crypto.py) the file is opened with SQLCipher
    (sqlcipher3, same DB-API); a wrong key raises its DatabaseError at the first read.
    """
    module = sqlite3
    if key is not None:
        import importlib

        module = importlib.import_module(CIPHER_MODULE)
    if readonly:
        conn = module.connect(f"file:{Path(path)}?mode=ro", uri=True,
                              isolation_level=None, check_same_thread=False)
    else:
        conn = module.connect(str(path), isolation_level=None, check_same_thread=False)
    if key is not None:
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not a log
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except BaseException:
            conn.close()
            raise
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
    return conn


def row_class(conn) -> type:
    """`sqlite3.Row` or SQLCipher's equivalent: a cursor's row_factory must match its module."""
    return sys.modules[CIPHER_MODULE].Row if is_cipher(conn) else sqlite3.Row


def is_cipher(conn) -> bool:
    return type(conn).__module__.startswith("sqlcipher3")


def db_errors(kind: str = "Error") -> tuple[type, ...]:
    """sqlite3.<kind>, plus sqlcipher3's when it is loaded (usable as `except db_errors():`,
    evaluated only when an exception is being matched, so it never imports SQLCipher)."""
    errors: tuple[type, ...] = (getattr(sqlite3, kind),)
    cipher = sys.modules.get(CIPHER_MODULE)
    return errors + (getattr(cipher, kind),) if cipher is not None else errors

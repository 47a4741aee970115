"""The one function that opens every SQLite connection (so an encrypted backend can slot in)."""
from __future__ import annotations

import sqlite3
from pathlib import Path


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open a connection with the project's durability and safety settings.

    WAL + synchronous=FULL (lessons.md: NORMAL lost confirmed saves in a power-cut test),
    foreign keys on, trusted_schema off (database files may come from outside).
    Autocommit mode: transactions are explicit (`Store.transaction`).
    """
    if readonly:
        conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True,
                               isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
    return conn

"""The store: the only place with SQL. One `Store` per database file.

Built on sqlite-utils (`Store.db`) over the one connection that `connect()` opens.
Transactions are explicit (`with store.transaction():`), so an import is one transaction.
"""
from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from fieldapp.core.errors import FieldappError
from fieldapp.core.store.bookmarks import BookmarkQueries
from fieldapp.core.store.connection import connect, db_errors
from fieldapp.core.store.erase_sql import erase_queued, erasure_pending, finish_erasure
from fieldapp.core.store.mandate import MandateQueries
from fieldapp.core.store.migrations import migrate
from fieldapp.core.store.records_sql import RecordsQueries
from fieldapp.core.store.report_sql import ReportQueries
from fieldapp.core.store.records_seed import ensure_records_seeded
from fieldapp.core.store.seed import refresh_if_needed
from fieldapp.core.store.sync_sql import SyncQueries

if TYPE_CHECKING:
    import sqlite_utils


BULK_CACHE_MIB = 32  # SQLite's default page cache is 2 MiB


class Store(MandateQueries, RecordsQueries, BookmarkQueries, ReportQueries, SyncQueries):
    """An open fieldapp database (created, migrated and seeded on first use)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, key: bytes | None = None):
        self.conn = conn
        self.path = path
        self.key = key  # SQLCipher key of an encrypted database (never the passphrase)
        self._db: "sqlite_utils.Database | None" = None

    @property
    def db(self) -> "sqlite_utils.Database":
        """sqlite-utils over the same connection, made on first use (its import costs
        ~130 ms, a third of the startup budget: bench/bench_startup.py)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    @classmethod
    def open(cls, path: str | Path, passphrase: str | None = None) -> "Store":
        """Open (create, migrate, seed) a database; an encrypted one needs its passphrase
        (crypto.PassphraseRequired without it, crypto.WrongPassphrase if it is wrong)."""
        from fieldapp.core.store import crypto

        path = Path(path)
        key = crypto.open_key(path, passphrase)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = connect(path, key=key)
        except db_errors("DatabaseError") as exc:
            if key is not None:
                raise crypto.WrongPassphrase(f"wrong passphrase for {path}") from None
            raise FieldappError(f"{path} is not a usable fieldapp database: {exc}") from None
        except (OSError, *db_errors()) as exc:
            raise FieldappError(f"cannot open database {path}: {exc}") from None
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            migrate(conn)
            refresh_if_needed(conn)
            ensure_records_seeded(conn)
            if erasure_pending(conn):  # the last run stopped between a delete and its purge
                finish_erasure(conn)
        except db_errors("DatabaseError") as exc:
            conn.close()
            raise FieldappError(f"{path} is not a usable fieldapp database: {exc}") from None
        except BaseException:
            conn.close()
            raise
        if key is not None:
            crypto.remember_key(path, key)
        return cls(conn, path, key)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: BEGIN IMMEDIATE … COMMIT, ROLLBACK on any error (nestable)."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            erased = erase_queued(self.conn)
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        if erased:  # a note was deleted: drop its words from the index, empty the WAL
            finish_erasure(self.conn)

    @contextlib.contextmanager
    def bulk_cache(self, mib: int = BULK_CACHE_MIB) -> Iterator[None]:
        """A larger page cache for one bulk write (a sync import of many records): the
        indexes being filled stay in memory instead of being spilled to the WAL in the
        middle of the transaction. The previous size is restored after."""
        old = int(self.conn.execute("PRAGMA cache_size").fetchone()[0])
        self.conn.execute(f"PRAGMA cache_size = {-int(mib) * 1024}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA cache_size = {old}")

    # -- maintenance ---------------------------------------------------------------------
    def check(self) -> dict:
        """integrity_check, foreign_key_check and row counts."""
        integrity = [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
        fk = self.conn.execute("PRAGMA foreign_key_check").fetchall()
        counts = {t: self.db[t].count for t in ("units", "unit_text", "themes", "glossary")}
        return {"ok": integrity == ["ok"] and not fk, "integrity": integrity,
                "foreign_key_violations": len(fk), "counts": counts,
                "schema_version": self.conn.execute(
                    "SELECT max(version) FROM schema_migrations").fetchone()[0]}

    def backup(self, dest: str | Path) -> Path:
        """Consistent copy through the SQLite backup API (never a file copy of a live DB)."""
        dest = Path(dest)
        if dest.resolve() == self.path.resolve():
            raise FieldappError("backup target is the database itself")
        tmp = dest.with_name(dest.name + ".part")
        try:
            target = self._backup_target(tmp)
            with target:
                self.conn.backup(target)
            target.close()
            with open(tmp, "rb+") as fh:
                import os

                os.fsync(fh.fileno())
            tmp.replace(dest)
            from fieldapp.core.store.crypto import forget_header

            forget_header(dest)  # a new file at that path
        except (OSError, *db_errors()) as exc:
            tmp.unlink(missing_ok=True)
            raise FieldappError(f"backup to {dest} failed: {exc}") from None
        return dest

    def _backup_target(self, tmp: Path):
        """Backup destination: plain, or encrypted with this database's key and salt (so the
        same passphrase opens the backup)."""
        if self.key is None:
            return sqlite3.connect(str(tmp))
        from fieldapp.core.store.connection import CIPHER_MODULE
        from fieldapp.core.store.crypto import file_salt

        import importlib

        target = importlib.import_module(CIPHER_MODULE).connect(str(tmp))
        target.execute(f"PRAGMA key = \"x'{self.key.hex()}{file_salt(self.path).hex()}'\"")
        return target


def _meta_get(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    return row[0] if row else None


def device_id(store: Store) -> str:
    """This installation's device ID (uuid4 hex), created on first use."""
    from fieldapp.core.revision import new_id

    value = _meta_get(store.conn, "device_id")
    if value is None:
        with store.transaction() as conn:
            value = _meta_get(conn, "device_id") or new_id()
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('device_id', ?)", (value,))
    return value


def next_change_seq(conn: sqlite3.Connection) -> int:
    """Local, monotonically increasing change counter (call inside a transaction).

    Every local write and every merged write stamps its row with a new value, so an export
    can send exactly the rows changed since the last export.
    """
    value = int(_meta_get(conn, "change_seq") or 0) + 1
    conn.execute("INSERT INTO meta VALUES ('change_seq', ?) ON CONFLICT(key) DO UPDATE"
                 " SET value=excluded.value", (str(value),))
    return value

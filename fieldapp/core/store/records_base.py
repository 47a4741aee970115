"""Shared plumbing of the field-record queries: the store's clock and revision stamping."""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from fieldapp.core.errors import NotFound
from fieldapp.core.i18n import _
from fieldapp.core.revision import HybridClock, compute_rev
from fieldapp.core.store.connection import row_class

SYNCED_TABLES = ("notes", "measure_assessments", "tasks", "contacts")
SEED_HLC = "0000000000000-000000-seed"
SEED_DEVICE = "seed"


class RecordsBase:
    conn: sqlite3.Connection

    def clock(self) -> HybridClock:
        """This store's hybrid logical clock (created on first use, past every stored hlc)."""
        clock = getattr(self, "_records_clock", None)
        if clock is None:
            from fieldapp.core.store import device_id

            # newest hlc per table from its hlc index (seed rows sort first: "0000…-seed")
            last = max((self.conn.execute(f"SELECT hlc FROM {t} WHERE device_id != ?"
                                          " ORDER BY hlc DESC LIMIT 1",
                                          (SEED_DEVICE,)).fetchone() or ("",))[0]
                        for t in SYNCED_TABLES) or None
            clock = HybridClock(device_id(self), last=last)
            self._records_clock = clock
        return clock

    def _query(self, sql: str, args: tuple | list = ()) -> list[sqlite3.Row]:
        cur = self.conn.cursor()
        cur.row_factory = row_class(self.conn)  # sqlite3.Row, or SQLCipher's
        return cur.execute(sql, args).fetchall()

    def _query_one(self, sql: str, args: tuple | list = ()) -> sqlite3.Row | None:
        rows = self._query(sql, args)
        return rows[0] if rows else None

    def _new_version(self, content: dict, parent_rev: str | None) -> dict[str, Any]:
        """hlc, device_id and rev of a new local version (call inside the write transaction)."""
        from fieldapp.core.store import next_change_seq

        clock = self.clock()
        hlc = clock.now()
        return {"rev": compute_rev(content, parent_rev, hlc, clock.device_id),
                "parent_rev": parent_rev, "hlc": hlc, "device_id": clock.device_id,
                "change_seq": next_change_seq(self.conn)}

    def known_units(self) -> set[str]:
        units = getattr(self, "_known_units", None)
        if units is None:
            units = {r[0] for r in self.conn.execute("SELECT id FROM units")}
            self._known_units = units
        return units

    def check_units(self, ids: list[str]) -> None:
        known = self.known_units()
        for uid in ids:
            if uid not in known:
                raise NotFound(_("no such paragraph: {id}").format(id=uid[:60]))

    def regions(self) -> list[dict]:
        """data/regions.json as seeded (regions of Mali with their cercles)."""
        data = self.reference("regions.json")  # type: ignore[attr-defined]
        return data or []


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


SYNC_COLUMNS = ("id", "rev", "parent_rev", "hlc", "device_id", "deleted", "change_seq",
                "created_at", "updated_at")


def write_record_version(conn: sqlite3.Connection, table: str, record: dict,
                         content: dict) -> None:
    """Upsert one version of a task, contact or assessment (no side tables).

    `record` carries the sync columns, `content` the kind's content dict. Sync reuses this.
    """
    cols = [*SYNC_COLUMNS, *[k for k in content if k != "deleted"]]
    row = {**record, **content}
    values = [dumps(row[c]) if isinstance(row[c], (list, dict)) else row[c] for c in cols]
    updates = ", ".join(f"{c}=excluded.{c}" for c in cols if c not in ("id", "created_at"))
    conn.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
                 f" ON CONFLICT(id) DO UPDATE SET {updates}", values)


class SimpleRecords(RecordsBase):
    """Create/edit/tombstone for tables without side tables (tasks, contacts, assessments)."""

    def _create_record(self, table: str, content_fn, content: dict) -> str:
        from fieldapp.core.records.validate import now_iso
        from fieldapp.core.revision import new_id

        now = now_iso()
        record = {"id": new_id(), "created_at": now, "updated_at": now, "deleted": 0}
        content = content_fn({**content, "deleted": 0})
        with self.transaction():  # type: ignore[attr-defined]
            record.update(self._new_version(content, None))
            write_record_version(self.conn, table, record, content)
        return record["id"]

    def _change_record(self, table: str, content_fn, current: dict, changes: dict) -> bool:
        """Write a new version of `current` with `changes`; False when nothing changed."""
        from fieldapp.core.records.validate import now_iso

        with self.transaction():  # type: ignore[attr-defined]
            row = self._query_one(f"SELECT * FROM {table} WHERE id=?", (current["id"],))
            before = content_fn(row)
            content = content_fn({**row_dict(row), **changes})
            if content == before:
                return False
            record = {k: row[k] for k in SYNC_COLUMNS}
            record.update(self._new_version(content, row["rev"]), updated_at=now_iso())
            write_record_version(self.conn, table, record, content)
        return True


def row_dict(row: sqlite3.Row) -> dict:
    return {k: row[k] for k in row.keys()}

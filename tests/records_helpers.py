"""Shared helpers for the field-records tests (synthetic data only)."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path


def rows(store, sql: str, args: tuple = ()) -> list[tuple]:
    return store.conn.execute(sql, args).fetchall()


def count(store, table: str, where: str = "1", args: tuple = ()) -> int:
    return store.conn.execute(f"SELECT count(*) FROM {table} WHERE {where}", args).fetchone()[0]


def snapshot(path: Path) -> dict[str, int]:
    """Row counts of the record tables (to prove that a refused write wrote nothing)."""
    conn = sqlite3.connect(str(path))
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("notes", "note_units", "note_history", "notes_fts",
                          "measure_assessments", "tasks", "contacts")}
    finally:
        conn.close()


def cli_json(capsys, main, *argv: str):
    code = main([*argv, "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)

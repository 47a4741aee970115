"""Seed the field-record tables from the bundled reference data (idempotent).

Measures and indicators are reference data (replaced on refresh). Seeded tasks and
organisations are synced records with deterministic ids ("seed:<data id>"), hlc SEED_HLC,
device_id 'seed' and change_seq 0, so their first rev is the same on every installation
and they are not exported until someone edits them. A seeded row that was never edited
follows data changes; an edited one is left alone.
"""
from __future__ import annotations

import json
import sqlite3

from fieldapp.core.records.contacts import contact_content, seed_contact
from fieldapp.core.records.tasks import seed_task, task_content
from fieldapp.core.revision import compute_rev
from fieldapp.core.store.records_base import SEED_DEVICE, SEED_HLC, dumps

SEED_TIME = "2020-06-29T00:00:00Z"  # adoption of S/RES/2531 (2020)


def _reference(conn: sqlite3.Connection, name: str) -> list:
    row = conn.execute("SELECT body FROM reference_data WHERE name=?", (name,)).fetchone()
    return json.loads(row[0]) if row else []


def _seed_measures(conn: sqlite3.Connection) -> None:
    measures = _reference(conn, "measures.json")
    for seq, m in enumerate(measures):
        note = m.get("note") or {}
        conn.execute(
            "INSERT INTO measures VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET"
            " seq=excluded.seq, unit=excluded.unit, parent=excluded.parent,"
            " title_en=excluded.title_en, title_fr=excluded.title_fr,"
            " responsible_en=excluded.responsible_en, responsible_fr=excluded.responsible_fr,"
            " deadline=excluded.deadline, excerpt_en=excluded.excerpt_en,"
            " note_en=excluded.note_en, note_fr=excluded.note_fr",
            (m["id"], seq, m["unit"], m.get("parent"), m["title"]["en"], m["title"].get("fr"),
             (m.get("responsible") or {}).get("en"), (m.get("responsible") or {}).get("fr"),
             m.get("deadline"), (m.get("text_excerpt") or {}).get("en"), note.get("en"),
             note.get("fr")))
    conn.execute("DELETE FROM measure_indicators")
    for m in measures:
        for seq, ind in enumerate(m.get("indicators") or []):
            items = ind.get("items") or [{"en": x, "fr": x} for x in ind.get("measures", [])]
            conn.execute("INSERT INTO measure_indicators VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                         (ind["id"], m["id"], seq, ind["label"]["en"], ind["label"].get("fr"),
                          ind.get("target"), (ind.get("unit") or {}).get("en"),
                          (ind.get("unit") or {}).get("fr"), ind.get("basis"),
                          ind.get("comparator"), dumps(items)))


def _seed_rows(conn: sqlite3.Connection, table: str, rows: list[dict], content_fn) -> None:
    for row in rows:
        content = content_fn(row)
        rev = compute_rev(content, None, SEED_HLC, SEED_DEVICE)
        have = conn.execute(f"SELECT rev, device_id FROM {table} WHERE id=?",
                            (row["id"],)).fetchone()
        if have and (have[1] != SEED_DEVICE or have[0] == rev):
            continue  # edited locally (or by sync), or already current
        cols = [k for k in row if k != "id"]
        values = [dumps(row[k]) if isinstance(row[k], (list, dict)) else row[k] for k in cols]
        if have:
            conn.execute(f"UPDATE {table} SET {', '.join(c + '=?' for c in cols)}, rev=?"
                         " WHERE id=?", (*values, rev, row["id"]))
        else:
            conn.execute(
                f"INSERT INTO {table} (id, rev, parent_rev, hlc, device_id, change_seq,"
                f" created_at, updated_at, {', '.join(cols)})"
                f" VALUES (?,?,NULL,?,?,0,?,?,{', '.join('?' * len(cols))})",
                (row["id"], rev, SEED_HLC, SEED_DEVICE, SEED_TIME, SEED_TIME, *values))


def ensure_records_seeded(conn: sqlite3.Connection) -> bool:
    """Seed or refresh measures, seeded tasks and organisations when the data changed."""
    fp = conn.execute("SELECT value FROM meta WHERE key='seed_fingerprint'").fetchone()
    done = conn.execute("SELECT value FROM meta WHERE key='records_seed_fingerprint'").fetchone()
    if fp is None or (done and done[0] == fp[0]):
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        _seed_measures(conn)
        tasks = [seed_task(t, i) for i, t in enumerate(_reference(conn, "tasks.json"))]
        _seed_rows(conn, "tasks", tasks, task_content)
        orgs = [seed_contact(o, i) for i, o in enumerate(_reference(conn, "organisations.json"))]
        _seed_rows(conn, "contacts", orgs, contact_content)
        conn.execute("INSERT INTO meta VALUES ('records_seed_fingerprint', ?) ON CONFLICT(key)"
                     " DO UPDATE SET value=excluded.value", (fp[0],))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return True

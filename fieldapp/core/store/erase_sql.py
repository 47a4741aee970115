"""Erasing a deleted note's text from the database file (secure delete).

Deleting a note writes a tombstone whose content has no text and no tags. Whenever a note's
head becomes a tombstone (deleted here, a delete merged from a sync file, or chosen in a
conflict resolution), the writer queues the note (`queue_erasure`), and just before the
transaction commits `erase_queued` blanks what the database still holds of its older
versions: the note's history rows and the copies kept by closed conflicts. (Just before the
commit, because a merge or a resolution closes conflicts after writing the head.) Versions
still open as conflicts (someone else's edit nobody has reviewed) are kept: they are in the
frontier and travel in sync files, whose receivers check every version's rev against its
content.

The rows are rewritten inside the writer's transaction, and with `secure_delete` on SQLite
zeroes the freed bytes. Two places keep words longer: the FTS5 inverted index (SQLite 3.40
has no FTS5 `secure-delete`; its segments keep a deleted row's terms until they are merged)
and the WAL. So the transaction also sets the durable flag `erase_pending`, and after it
commits `finish_erasure` merges the notes index into one segment ('optimize'), which drops
the deleted terms, then checkpoints the WAL with TRUNCATE. A crash in between leaves the
flag set, and the next open finishes the job.
"""
from __future__ import annotations

import json
import sqlite3

from fieldapp.core.revision import canonical_json
from fieldapp.core.store.connection import db_errors

PENDING_KEY = "erase_pending"
ERASED = ""  # note_history.content of an erased version


def _erased_version_json(value: str) -> str:
    try:
        version = json.loads(value)
    except ValueError:
        return value
    content = version.get("c") if isinstance(version, dict) else None
    if not isinstance(content, dict) or version.get("erased"):
        return value
    content["text"] = ""
    content["tags"] = []
    version["erased"] = True
    return canonical_json(version)


def queue_erasure(conn: sqlite3.Connection, note_id: str) -> None:
    """Note `note_id` got a tombstone head in the current transaction."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS erase_queue (note_id TEXT PRIMARY KEY)")
    conn.execute("INSERT OR IGNORE INTO temp.erase_queue VALUES (?)", (note_id,))


def erase_queued(conn: sqlite3.Connection) -> bool:
    """Erase the queued notes that are still deleted (inside the transaction, before its
    COMMIT); True if any was, and then the durable flag for `finish_erasure` is set."""
    if conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name='erase_queue'").fetchone() \
            is None:
        return False
    queued = conn.execute("SELECT n.id, n.rev FROM temp.erase_queue q JOIN notes n"
                          " ON n.id = q.note_id WHERE n.deleted = 1").fetchall()
    conn.execute("DELETE FROM temp.erase_queue")
    for note_id, rev in queued:
        erase_note_text(conn, note_id, rev)
    if queued:
        conn.execute("INSERT INTO meta VALUES (?, '1') ON CONFLICT(key) DO UPDATE"
                     " SET value='1'", (PENDING_KEY,))
    return bool(queued)


def erase_note_text(conn: sqlite3.Connection, note_id: str, head_rev: str) -> None:
    """Blank the older versions of a note whose head `head_rev` is a tombstone."""
    open_revs = [r[0] for r in conn.execute(
        "SELECT rev FROM sync_conflicts WHERE kind='note' AND record_id=?"
        " AND status IN ('open', 'identical')", (note_id,))]
    keep = [head_rev, *open_revs]
    conn.execute(
        f"UPDATE note_history SET content=? WHERE note_id=? AND content != ?"
        f" AND rev NOT IN ({','.join('?' * len(keep))})", (ERASED, note_id, ERASED, *keep))
    rows = conn.execute("SELECT id, status, version, head FROM sync_conflicts"
                        " WHERE kind='note' AND record_id=?", (note_id,)).fetchall()
    for cid, status, version, head in rows:
        if status not in ("open", "identical"):
            version = _erased_version_json(version)
        conn.execute("UPDATE sync_conflicts SET version=?, head=? WHERE id=?",
                     (version, _erased_version_json(head), cid))


def erasure_pending(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM meta WHERE key=?", (PENDING_KEY,)).fetchone() is not None


def finish_erasure(conn: sqlite3.Connection) -> bool:
    """Drop deleted notes' terms from the search index and empty the WAL. Outside any
    transaction. False (flag kept for the next try) if the database was busy or full."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("INSERT INTO notes_fts(notes_fts) VALUES ('optimize')")
            conn.execute("DELETE FROM meta WHERE key=?", (PENDING_KEY,))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except db_errors("OperationalError"):
        return False
    return True

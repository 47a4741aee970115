"""Secure delete: a deleted note's text leaves the database file (canary strings).

Every note here is synthetic. Each test first proves the canary IS in the file while the
note lives (so the absence afterwards means something), then deletes and looks at the bytes
of the database and its WAL after a checkpoint.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from fieldapp.core.store import Store
from fieldapp.core.store.erase_sql import PENDING_KEY, erase_queued, erasure_pending
from fieldapp.core.store.notes_sql import write_note_version
from fieldapp.core.sync import resolve
from tests.sync_helpers import export, import_one, pair  # noqa: F401  (fixture)

CANARY = "zqxcanary"  # lower case: FTS5 stores terms folded


def file_bytes(path: Path) -> bytes:
    out = b""
    for suffix in ("", "-wal"):
        p = Path(str(path) + suffix)
        if p.exists():
            out += p.read_bytes()
    return out


def checkpoint(store: Store) -> None:
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()


def leaks(store: Store, *canaries: str) -> list[str]:
    data = file_bytes(store.path).lower()
    return [c for c in canaries if c.encode() in data]


def test_deleted_note_and_its_history_leave_the_file(store):
    note = store.add_note(["op28.c.ii"], f"Synthetic {CANARY}1 first words",
                          tags=[f"{CANARY}tag"])
    store.edit_note(note["id"], text=f"Synthetic {CANARY}2 second version")
    store.edit_note(note["id"], text=f"Synthetic {CANARY}3 third version")
    for i in range(30):  # neighbours in the same pages and index segments
        store.add_note(["op28.c.ii"], f"Synthetic neighbour {i} about protection")
    checkpoint(store)
    canaries = [f"{CANARY}1", f"{CANARY}2", f"{CANARY}3", f"{CANARY}tag"]
    assert leaks(store, *canaries) == canaries  # the test can see them while they live

    store.delete_note(note["id"])
    checkpoint(store)
    assert leaks(store, *canaries) == []
    # the rest is intact and still found
    assert len(store.search_notes("neighbour protection", limit=100)) == 30
    assert store.search_notes(f"{CANARY}1") == []
    assert store.conn.execute("INSERT INTO notes_fts(notes_fts) VALUES ('integrity-check')")
    assert store.check()["ok"]


def test_erased_without_an_explicit_checkpoint(store):
    """The delete itself empties the WAL: a user does not run checkpoints."""
    note = store.add_note(["op1"], f"Synthetic {CANARY}wal")
    store.delete_note(note["id"])
    assert leaks(store, f"{CANARY}wal") == []
    assert not erasure_pending(store.conn)


def test_a_long_note_in_overflow_pages_is_erased(store):
    text = " ".join(f"Synthetic{i} {CANARY}long" for i in range(4000))  # ~90 KB
    note = store.add_note(["op1"], text)
    checkpoint(store)
    assert leaks(store, f"{CANARY}long")
    store.delete_note(note["id"])
    checkpoint(store)
    assert leaks(store, f"{CANARY}long") == []


def test_an_interrupted_erasure_is_finished_at_the_next_open(store):
    """The process dies after the delete committed and before the index purge ran: the flag
    is durable and opening the database finishes the job."""
    note = store.add_note(["op1"], f"Synthetic {CANARY}crash")
    path = store.path
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")  # what delete_note does, stopped right after COMMIT
    tomb = dict(store.note(note["id"]), text="", tags=[], deleted=1, change_seq=99,
                rev="f" * 64, parent_rev=note["rev"])
    write_note_version(conn, tomb, "synthetic", tomb["updated_at"])
    assert erase_queued(conn)
    conn.execute("COMMIT")
    checkpoint(store)
    assert erasure_pending(conn)
    assert leaks(store, f"{CANARY}crash")  # still in the index segments
    store.close()
    reopened = Store.open(path)
    try:
        assert not erasure_pending(reopened.conn)
        checkpoint(reopened)
        assert leaks(reopened, f"{CANARY}crash") == []
        raw = sqlite3.connect(str(path))
        assert raw.execute("SELECT 1 FROM meta WHERE key=?", (PENDING_KEY,)).fetchone() is None
        raw.close()
    finally:
        reopened.close()


def test_a_delete_received_by_sync_erases_the_text_there_too(pair, tmp_path):
    a, b = pair
    note = a.add_note(["op1"], f"Synthetic {CANARY}s1")
    a.edit_note(note["id"], text=f"Synthetic {CANARY}s2")
    import_one(b, export(a, tmp_path / "a1"))
    checkpoint(b)
    assert leaks(b, f"{CANARY}s1", f"{CANARY}s2") == [f"{CANARY}s1", f"{CANARY}s2"]
    a.delete_note(note["id"])
    sent = export(a, tmp_path / "a2")
    assert CANARY.encode() not in sent.read_bytes()  # unencrypted standalone file: readable
    import_one(b, sent)
    checkpoint(b)
    assert b.note(note["id"])["deleted"] is True
    assert leaks(b, f"{CANARY}s1", f"{CANARY}s2") == []
    # an old file replayed afterwards does not bring the text back
    import_one(b, tmp_path / "a1.fieldsync")
    checkpoint(b)
    assert leaks(b, f"{CANARY}s1", f"{CANARY}s2") == []


def test_an_unseen_edit_survives_a_delete_until_the_conflict_is_resolved(pair, tmp_path):
    a, b = pair
    note = a.add_note(["op1"], f"Synthetic {CANARY}c1")
    import_one(b, export(a, tmp_path / "a1"))
    a.edit_note(note["id"], text=f"Synthetic {CANARY}c2 edit B never saw")
    b.delete_note(note["id"])
    import_one(b, export(a, tmp_path / "a2"))
    (conflict,) = resolve.conflicts(b)
    assert b.note(note["id"])["text"].endswith("edit B never saw")  # never silently lost
    checkpoint(b)
    assert leaks(b, f"{CANARY}c2")
    resolve.resolve(b, conflict["id"], "other")  # B confirms the delete
    assert b.note(note["id"])["deleted"] is True
    checkpoint(b)
    assert leaks(b, f"{CANARY}c1", f"{CANARY}c2") == []
    # the resolution still travels and verifies at A (revs of kept versions intact)
    report = import_one(a, export(b, tmp_path / "b1"))
    assert report.status == "imported" and a.note(note["id"])["deleted"] is True
    checkpoint(a)
    assert leaks(a, f"{CANARY}c1", f"{CANARY}c2") == []


def test_a_deleted_contact_keeps_its_name_but_not_how_to_reach_them(store):
    person = store.add_contact("Synthetic Person", phone="+223 7012 3456",
                               email=f"{CANARY}@example.org", location=f"{CANARY}loc",
                               role=f"{CANARY}role", note=f"Synthetic {CANARY}note")
    checkpoint(store)
    canaries = [f"{CANARY}@example.org", f"{CANARY}loc", f"{CANARY}role", f"{CANARY}note",
                "+223 7012 3456"]
    assert leaks(store, *canaries) == canaries
    gone = store.delete_contact(person["id"])
    assert gone["deleted"] and gone["name"] == "Synthetic Person" and gone["phone"] == ""
    checkpoint(store)
    assert leaks(store, *canaries) == []

"""Migration 3 from the previous schema, the revision triggers, and the bulk note writer."""
from __future__ import annotations

import sqlite3

from fieldapp.core.store import Store
from fieldapp.core.store.connection import connect
from fieldapp.core.store.migrations import migrate
from fieldapp.core.sync.exporter import ancestry_edges
from fieldapp.core.sync.merge import merge, winner_key
from tests.sync_helpers import new_store

NOTE = {"units": ["op1"], "measure_id": None, "task_id": None, "date": "2021-01-02",
        "region": None, "cercle": None, "author": "synthetic", "sensitivity": "unclassified",
        "text": "Synthetic", "tags": [], "deleted": 0}


def test_migration_3_from_schema_2_backfills_the_revision_graph(tmp_path):
    conn = connect(tmp_path / "old.db")
    migrate(conn, upto=2)
    conn.execute("""INSERT INTO notes (id, rev, parent_rev, hlc, device_id, change_seq,
        created_at, updated_at, date, text) VALUES ('a'||hex(randomblob(15)), 'r2', 'r1',
        '0000000000001-000000-x', 'x', 1, 't', 't', '2021-01-01', 'Synthetic')""")
    conn.execute("""INSERT INTO note_history (note_id, rev, parent_rev, hlc, device_id,
        edited_at, content) SELECT id, 'r1', NULL, 'h', 'x', 't', '{}' FROM notes""")
    assert 3 in migrate(conn)
    edges = conn.execute("SELECT kind, rev, parent FROM sync_revs ORDER BY rev").fetchall()
    assert edges == [("note", "r1", ""), ("note", "r2", "r1")]
    conn.execute("UPDATE notes SET rev='r3', parent_rev='r2'")
    assert ("note", "r3", "r2") in conn.execute("SELECT kind, rev, parent FROM sync_revs")
    conn.close()


def test_a_database_missing_only_migration_3_gets_it(tmp_path):
    conn = connect(tmp_path / "gap.db")
    migrate(conn, upto=2)
    conn.execute("INSERT INTO schema_migrations VALUES (4, 'later one first', 'x')")
    conn.execute("CREATE TABLE bookmarks (unit_id TEXT PRIMARY KEY, created_at TEXT)")
    assert migrate(conn) == [3]
    assert conn.execute("SELECT count(*) FROM sync_conflicts").fetchone() == (0,)
    conn.close()


def test_local_writes_are_recorded_in_the_revision_graph(store):
    note = store.add_note(["op1"], "Synthetic")
    edited = store.edit_note(note["id"], text="Synthetic 2")
    edges = store.sync_edges("note", [note["id"]])[note["id"]]
    assert sorted(edges) == sorted([(note["rev"], ""), (edited["rev"], note["rev"])])
    assert ancestry_edges(edges, edited["rev"], note["rev"]) == [[note["rev"], None]]


def test_bulk_insert_writes_the_same_rows_as_write_note_version(tmp_path, seeded_db_template):
    one = new_store(seeded_db_template, tmp_path / "one.db")
    bulk = new_store(seeded_db_template, tmp_path / "bulk.db")
    versions = []
    for k, (text, deleted, tags) in enumerate([("Synthetic Ménaka *one*", 0, ["b", "a"]),
                                               ("Synthetic gone", 1, []),
                                               ("Synthetic œuvre", 0, ["Œ"])]):
        c = {**NOTE, "text": text, "deleted": deleted, "tags": sorted(tags),
             "units": ["op1", "op28.c.ii"]}
        versions.append({"k": "note", "id": f"{k:032x}", "rev": f"{k:064x}",
                         "parent_rev": None, "hlc": f"0000000000001-00000{k}-{'a' * 32}",
                         "device_id": "a" * 32, "c": c, "created_at": "2021-01-01T00:00:00Z",
                         "updated_at": "2021-01-01T00:00:00Z", "editor": "synthetic",
                         "edited_at": "2021-01-01T00:00:00Z"})
    with one.transaction():
        for v in versions:
            one.sync_write_version(v, 7)
    with bulk.transaction():
        bulk.sync_insert_new_notes(versions, 7)
    for sql in ("SELECT * FROM notes ORDER BY id", "SELECT * FROM note_units ORDER BY 1, 2",
                "SELECT rowid, * FROM notes_fts ORDER BY rowid",
                "SELECT * FROM note_history ORDER BY 1, 2",
                "SELECT * FROM sync_revs ORDER BY 1, 2, 3"):
        assert one.conn.execute(sql).fetchall() == bulk.conn.execute(sql).fetchall(), sql
    assert [r["id"] for r in bulk.search_notes("menaka")] == [versions[0]["id"]]
    one.close()
    bulk.close()


def _v(rev, parent=None, hlc="0000000000001-000000-" + "a" * 32, deleted=0, text="t",
       device="a" * 32, anc=()):
    return {"rev": rev, "parent_rev": parent, "hlc": hlc, "device_id": device,
            "c": {"deleted": deleted, "text": text}, "anc": list(anc)}


def test_merge_rules():
    base = _v("r1")
    known = {"r1"}.__contains__
    assert merge([], known, _v("r1")).status == "unchanged"
    assert merge([], lambda r: False, base).status == "new"
    ff = merge([base], known, _v("r2", "r1", text="t2"))
    assert ff.status == "updated" and ff.head["rev"] == "r2" and ff.losers == []
    a = _v("ra", "r1", hlc="0000000000002-000000-" + "a" * 32, text="A")
    b = _v("rb", "r1", hlc="0000000000003-000000-" + "b" * 32, text="B")
    out = merge([a], {"r1", "ra"}.__contains__, b)
    assert out.status == "conflict" and out.head["rev"] == "rb" and out.losers[0]["rev"] == "ra"
    # A delete never wins silently over a live version it did not see.
    d = _v("rd", "r1", hlc="0000000000009-000000-" + "b" * 32, deleted=1)
    out = merge([a], {"r1", "ra"}.__contains__, d)
    assert out.status == "conflict" and out.head is None and out.losers[0]["rev"] == "rd"
    # A version that descends from both (a resolution) closes the conflict.
    r = _v("rr", "rb", text="AB", anc=[["rb", "r1"], ["rr", "ra"], ["ra", "r1"]])
    out = merge([b, a], {"r1", "ra", "rb"}.__contains__, r)
    assert out.status == "updated" and out.losers == [] and set(out.superseded) == {"ra", "rb"}
    # Seeded reference versions never stand against a real edit.
    seed = _v("rs", device="seed", hlc="0000000000000-000000-seed")
    out = merge([seed], {"rs"}.__contains__, _v("re", "rx", text="edited"))
    assert out.status == "updated" and out.losers == []
    assert winner_key(a) < winner_key(b) and winner_key(d) < winner_key(a)


def test_store_open_of_a_copied_database_keeps_working(tmp_path, seeded_db_template):
    s = new_store(seeded_db_template, tmp_path / "x.db")
    s.close()
    with sqlite3.connect(str(tmp_path / "x.db")) as c:
        assert c.execute("SELECT count(*) FROM sync_revs").fetchone()[0] > 0  # seeded rows
    Store.open(tmp_path / "x.db").close()


def test_fast_encoders_match_the_revision_module(store):
    from fieldapp.core.records.validate import now_iso
    from fieldapp.core.revision import canonical_json, compute_rev
    from fieldapp.core.store.records_base import dumps
    from fieldapp.core.sync import canon

    note = store.add_note(["op3.2", "op1"], "Synthetic « œuvre » \\ \" \t ✓ 😀",
                          tags=["b", "a"])
    rows = store.sync_rows("note", [note["id"]])
    v = rows[note["id"]]
    assert canon.canonical(v) == canonical_json(v)
    assert canon.compact(v["c"]["units"]) == dumps(v["c"]["units"])
    assert canon.rev_of(v["c"], v["parent_rev"], v["hlc"], v["device_id"]) == \
        compute_rev(v["c"], v["parent_rev"], v["hlc"], v["device_id"]) == v["rev"]
    assert now_iso()

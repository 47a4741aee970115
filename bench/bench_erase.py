"""Deleting a note with secure erase, in databases of 10,000 and 100,000 synthetic notes.

`store.delete_note` writes the tombstone, blanks the note's history, merges the notes FTS5
index into one segment (the only way SQLite 3.40 drops a deleted row's terms) and truncates
the WAL (docs/records-schema.md, "Secure delete"). The floor is that unavoidable part alone:
removing another note's row from the index with a raw DELETE, then FTS5 'optimize' + WAL
checkpoint on the same database, same connection settings.
INFO only: DESIGN.md sets no target for deletes; the figures say what a user waits.
Data: SYNTHETIC notes from bench/synthetic.py (cached); each run works on a copy.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from bench.common import median, result

COUNTS = [int(x) for x in os.environ.get("BENCH_ERASE_COUNTS", "10000,100000").split(",")]
RUNS = int(os.environ.get("BENCH_ERASE_RUNS", "3"))


def _measure(count: int, folder: Path) -> tuple[float, float]:
    from bench.synthetic import notes_db
    from fieldapp.core.store import Store

    copy = folder / f"erase-{count}.db"
    shutil.copyfile(notes_db(count), copy)
    project, floor = [], []
    with Store.open(copy) as store:
        rows = store.conn.execute("SELECT id, fts_rowid FROM notes WHERE deleted = 0"
                                  " ORDER BY id LIMIT ?", (2 * RUNS,)).fetchall()
        for (note_id, _), (_, other_fts) in zip(rows[::2], rows[1::2]):
            start = time.perf_counter()
            store.conn.execute("DELETE FROM notes_fts WHERE rowid=?", (other_fts,))
            store.conn.execute("INSERT INTO notes_fts(notes_fts) VALUES ('optimize')")
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            floor.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            store.delete_note(note_id, editor="synthetic-bench")
            project.append((time.perf_counter() - start) * 1000)
    return median(project), median(floor)


def run() -> list[dict]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in COUNTS:
            value, floor = _measure(count, Path(tmp))
            out.append(result(f"erase.delete_{count // 1000}k", value, floor, None,
                              note=f"delete_note with secure erase, {count:,} synthetic notes;"
                                   " floor = raw index delete + optimize + WAL truncate"))
    return out

"""Notes view over 1,000,000 synthetic notes: open, scroll, and add + edit one note.

Data: 1,000,000 SYNTHETIC notes (fixed seed, author "synthetic-bench", tag "synthetic", text
drawn from the resolution's own vocabulary), written through the records bulk writer
(`insert_new_notes`: notes, note_units, note_history, notes_fts) and cached under the temp
folder (a second run reuses it). The write test runs on a copy so the cache stays pristine.

- notes.open_all / notes.open_unit: construct, fill and show the real `NotesPanel` (lazy
  model: first page of 200, count line capped at 10,000, selected note shown, first paint)
  for all notes / for op28.c.ii. Target ≤ 200 ms (DESIGN.md). Floor (info): the same
  first-page and capped-count SQL on a plain sqlite3 connection.
  RSS growth across the opens is reported (memory line).
- notes.scroll_page: one `fetchMore` (the next 200 rows) deep in the list, keyset paging.
- notes.add_edit: `store.add_note` + `store.edit_note` (validation, revision, history, FTS,
  synchronous=FULL commit each) in that database. Target ≤ 50 ms. Floor: a raw INSERT of the
  same rows + an UPDATE, two commits, same connection settings.
"""
from __future__ import annotations

import inspect
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from bench.common import median, result, rng, rss_mb

COUNT = int(os.environ.get("BENCH_NOTES_COUNT", "1000000"))
RUNS = int(os.environ.get("BENCH_NOTES_RUNS", "7"))
SEED = 2531
OPEN_TARGET_MS, WRITE_TARGET_MS = 200.0, 50.0
CHUNK = 50_000
HOT_UNIT = "op28.c.ii"


def _cache_path(count: int) -> Path:
    import hashlib

    from fieldapp.core import corpus
    from fieldapp.core.store import migrations, notes_sql
    from fieldapp.core.store.migrations import latest_version

    from fieldapp.core.records.notes import note_content

    # what shapes the data: the generator, the schema, the writer (not the timed code)
    h = hashlib.sha256(inspect.getsource(build_db).encode())
    h.update(Path(migrations.__file__).read_bytes())
    for fn in (notes_sql.insert_new_notes, note_content):
        h.update(inspect.getsource(fn).encode())
    h.update(f"{count}:{SEED}:{latest_version()}:{corpus.seed_fingerprint()}".encode())
    folder = Path(tempfile.gettempdir()) / "fieldapp-bench"
    folder.mkdir(exist_ok=True)
    return folder / f"notes-view-{count}-{h.hexdigest()[:16]}.db"


def build_db(count: int = COUNT) -> Path:
    """The cached database with `count` synthetic notes (generated once, fixed seed)."""
    from bench.synthetic import AUTHOR, SENSITIVITIES, TAG, vocabulary
    from fieldapp.core.records.notes import note_content
    from fieldapp.core.revision import compute_rev
    from fieldapp.core.store import Store, next_change_seq
    from fieldapp.core.store.notes_sql import insert_new_notes

    path = _cache_path(count)
    if path.exists():
        return path
    part = path.with_suffix(".part")
    for p in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
        p.unlink(missing_ok=True)
    r = rng(SEED)
    t0 = time.perf_counter()
    with Store.open(part) as store:
        vocab = vocabulary(store)
        words = {}
        for lang, c in vocab.items():  # cumulative weights once: choices() is then cheap
            total, cum = 0, []
            for n in c.values():
                total += n
                cum.append(total)
            words[lang] = (list(c), cum)
        units = store.unit_ids()
        regions = [(g["id"], g.get("cercles") or [None]) for g in store.regions()]
        clock = store.clock()
        store.conn.execute("PRAGMA synchronous = OFF")  # set-up only; timed parts use FULL
        done = 0
        while done < count:
            batch = []
            with store.transaction() as conn:
                base = next_change_seq(conn)
                for i in range(min(CHUNK, count - done)):
                    lang = "fr" if r.random() < 0.6 else "en"
                    vocab_words, weights = words[lang]
                    text = " ".join(r.choices(vocab_words, cum_weights=weights,
                                              k=r.randint(8, 40))).capitalize() + "."
                    region, cercles = r.choice(regions)
                    picked = {HOT_UNIT} if r.random() < 0.05 else set()
                    picked.update(r.choices(units, k=r.randint(1, 2)))
                    day = f"20{r.choice(['20', '21'])}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
                    note = {"id": f"{r.getrandbits(128):032x}", "deleted": 0,
                            "created_at": day + "T08:00:00Z", "updated_at": day + "T08:00:00Z",
                            "units": sorted(picked), "measure_id": None, "task_id": None,
                            "date": day, "region": region,
                            "cercle": r.choice(cercles) if region else None,
                            "author": AUTHOR, "sensitivity": r.choice(SENSITIVITIES),
                            "text": f"[synthetic] {text}", "tags": [TAG]}
                    hlc = clock.now()
                    note.update(rev=compute_rev(note_content(note), None, hlc, clock.device_id),
                                parent_rev=None, hlc=hlc, device_id=clock.device_id,
                                change_seq=base + i)
                    batch.append(note)
                insert_new_notes(conn, batch, AUTHOR, "2021-06-30T00:00:00Z")
                conn.execute("UPDATE meta SET value=? WHERE key='change_seq'",
                             (str(base + len(batch)),))
            done += len(batch)
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            print(f"#   generated {done:,} synthetic notes ({time.perf_counter() - t0:.0f} s)",
                  file=sys.stderr, flush=True)
        store.conn.execute("PRAGMA optimize")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    part.rename(path)
    return path


def _floor_open(conn: sqlite3.Connection, unit: str | None) -> None:
    """The same two queries as the panel (first page, capped count), raw."""
    if unit is None:
        conn.execute("SELECT * FROM notes WHERE deleted=0 ORDER BY date DESC, hlc DESC"
                     " LIMIT 200").fetchall()
        conn.execute("SELECT count(*) FROM (SELECT 1 FROM notes WHERE deleted=0"
                     " LIMIT 10001)").fetchone()
    else:
        conn.execute("SELECT n.* FROM note_units nu CROSS JOIN notes n ON n.id=nu.note_id"
                     " WHERE nu.unit_id=? ORDER BY nu.date DESC, nu.hlc DESC LIMIT 200",
                     (unit,)).fetchall()
        conn.execute("SELECT count(*) FROM (SELECT 1 FROM note_units WHERE unit_id=?"
                     " LIMIT 10001)", (unit,)).fetchone()


def _floor_write(conn: sqlite3.Connection, i: int) -> None:
    nid = f"floor{i:027d}"
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO notes (id, rev, hlc, device_id, change_seq, created_at,"
                 " updated_at, units, date, text) VALUES (?,?,?,?,?,?,?,?,?,?)",
                 (nid, "r", "h", "d", 0, "c", "u", '["op1"]', "2021-01-01", "floor text"))
    conn.execute("INSERT INTO note_units VALUES (?, 'op1', '2021-01-01', 'h')", (nid,))
    conn.execute("INSERT INTO notes_fts (note_id, body, tags, folded) VALUES (?,?,?,?)",
                 (nid, "floor text", "", ""))
    conn.execute("COMMIT")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE notes SET text='floor text 2', rev='r2' WHERE id=?", (nid,))
    conn.execute("COMMIT")


def run() -> list[dict]:
    from PySide6.QtWidgets import QApplication

    from fieldapp.core.store import Store
    from fieldapp.core.store.connection import connect
    from fieldapp.ui.notes_panel import NotesPanel

    app = QApplication.instance() or QApplication([])
    path = build_db()
    store = Store.open(path)
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out: list[dict] = []
    try:
        total = store.count_notes()
        hot = store.count_notes(HOT_UNIT)
        rss0 = rss_mb()
        for unit, name in ((None, "notes.open_all"), (HOT_UNIT, "notes.open_unit")):
            NotesPanel(store).set_unit(unit)  # warm-up (page cache, Qt styles), not counted
            _floor_open(raw, unit)
            project, floor, panels = [], [], []
            for _ in range(RUNS):
                t = time.perf_counter()
                panel = NotesPanel(store)
                panel.set_unit(unit)
                panel.resize(420, 700)
                panel.show()  # first paint included
                app.processEvents()
                project.append((time.perf_counter() - t) * 1000)
                rows = panel.model.rowCount()
                panels.append(panel)
                t = time.perf_counter()
                _floor_open(raw, unit)
                floor.append((time.perf_counter() - t) * 1000)
            grown = rss_mb() - rss0
            for p in panels:
                p.close()
                p.deleteLater()
            app.processEvents()
            n = total if unit is None else hot
            out.append(result(name, median(project), median(floor), None,
                              abs_target_ms=OPEN_TARGET_MS, memory_mb=grown,
                              note=f"{n:,} notes ({'all' if unit is None else unit}) of "
                                   f"{total:,} synthetic; {rows} rows loaded on open; median "
                                   f"of {RUNS}; memory = RSS growth after {RUNS} panels"))
        panel = NotesPanel(store)
        panel.set_unit(None)
        for _ in range(20):  # scroll a little first
            panel.model.fetchMore()
        times = []
        for _ in range(RUNS):
            t = time.perf_counter()
            panel.model.fetchMore()
            times.append((time.perf_counter() - t) * 1000)
        out.append(result("notes.scroll_page", median(times), None, None,
                          abs_target_ms=OPEN_TARGET_MS,
                          note=f"fetchMore of 200 rows at row {panel.model.rowCount() - 200:,}"
                               f" of {total:,} (keyset paging; never loads all rows)"))
        panel.deleteLater()
    finally:
        raw.close()
        store.close()

    copy = path.with_name(path.stem + "-write.db")
    shutil.copyfile(path, copy)
    try:
        store = Store.open(copy)
        floor_conn = connect(copy)
        try:
            t = time.perf_counter()  # cold: clock set-up, unit list, statement cache
            first = store.add_note([HOT_UNIT], "warm-up [synthetic]")
            store.edit_note(first["id"], text="warm-up [synthetic], edited")
            cold_ms = (time.perf_counter() - t) * 1000
            _floor_write(floor_conn, 0)
            project, floor = [], []
            for i in range(1, RUNS + 1):
                t = time.perf_counter()
                note = store.add_note([HOT_UNIT, "op3.1"], f"[synthetic] bench note {i}",
                                      region="Gao", tags=["synthetic"], author="synthetic-bench")
                store.edit_note(note["id"], text=f"[synthetic] bench note {i}, edited")
                project.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                _floor_write(floor_conn, i)
                floor.append((time.perf_counter() - t) * 1000)
        finally:
            floor_conn.close()
            store.close()
    finally:
        for p in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
            p.unlink(missing_ok=True)
    out.append(result("notes.add_edit", median(project), median(floor), None,
                      abs_target_ms=WRITE_TARGET_MS,
                      note=f"add + edit one note in a {total:,}-note database, two "
                           f"synchronous=FULL commits each side; median of {RUNS}; first "
                           f"add + edit after opening the store: {cold_ms:.1f} ms"))
    return out


if __name__ == "__main__":
    from bench.__main__ import main

    sys.exit(main(["notes"]))

"""Sync by file: import and export of 100,000 synthetic notes, each against a raw floor.

- `sync.import`: `import_file` of an encrypted 100,000-note file into an HQ database
  (decrypt into a private temp file, verify header/signature/every record/hash, backup,
  merge in one transaction) vs a raw `executemany` insert of the same rows into `notes` and
  `notes_fts` (FTS text folded as the app indexes it) in one transaction. Target ≤ 3×.
- `sync.export`: `export_field(full=True)` (query, content dicts, ancestry, history,
  canonical JSON, sha256, Ed25519 signature, age encryption, fsync, read-back) vs a raw
  `json.dump` of the same rows (`SELECT *`) to a file. Target ≤ 3×.
- `sync.import.memory`: peak RSS growth during the import (streamed: bounded, not the file
  twice in memory). Reported with the file size; target: growth ≤ the file size.

Data: bench.synthetic.notes_db (synthetic notes made of corpus words, fixed seed, author
"synthetic-bench"). Runs alternate project and floor; medians of RUNS after a warm-up.
"""
from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from bench.common import median, result
from bench.synthetic import notes_db

NOTES = int(os.environ.get("BENCH_SYNC_NOTES", "100000"))
RUNS = int(os.environ.get("BENCH_SYNC_RUNS", "3"))
TARGET = 3.0


def _copy(src: Path, dest: Path) -> Path:
    a, b = sqlite3.connect(str(src)), sqlite3.connect(str(dest))
    a.backup(b)
    a.close()
    b.close()
    return dest


def _fresh(folder: Path, name: str) -> Path:
    from fieldapp.core.store import Store

    path = folder / name
    Store.open(path).close()
    return path


def _floor_export(db: Path, out: Path) -> float:
    conn = sqlite3.connect(str(db))
    conn.row_factory = sqlite3.Row
    start = time.perf_counter()
    rows = [dict(r) for r in conn.execute("SELECT * FROM notes")]
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(rows, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed * 1000


def _floor_import(rows: list[tuple], db: Path) -> float:
    """executemany of the same note rows + their FTS rows, one transaction."""
    from fieldapp.core.store.connection import connect
    from fieldapp.core.textfold import index_columns

    conn = connect(db)
    cols = ("id, rev, parent_rev, hlc, device_id, deleted, change_seq, created_at, updated_at,"
            " units, measure_id, task_id, date, region, cercle, author, sensitivity, text, tags,"
            " fts_rowid")
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(f"INSERT INTO notes ({cols}) VALUES ({','.join('?' * 20)})", rows)
    fts = []
    for r in rows:
        body, folded = index_columns(r[17])
        fts.append((r[19], r[0], body, " ".join(json.loads(r[18])), folded))
    conn.executemany("INSERT INTO notes_fts (rowid, note_id, body, tags, folded)"
                     " VALUES (?,?,?,?,?)", fts)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed * 1000


def run() -> list[dict]:
    from fieldapp.core.store import Store
    from fieldapp.core.sync import deployment, exporter, importer

    source_db = notes_db(NOTES)
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-sync-") as tmp:
        folder = Path(tmp)
        hq_path = _fresh(folder, "hq-template.db")
        with Store.open(hq_path) as hq:
            deployment.hq_init(hq, folder / "deployment.json", "Synthetic bench deployment")
        field_path = _copy(source_db, folder / "field.db")
        field = Store.open(field_path)
        deployment.join(field, folder / "deployment.json")
        rows = [tuple(r) for r in field.conn.execute(
            "SELECT id, rev, parent_rev, hlc, device_id, deleted, change_seq, created_at,"
            " updated_at, units, measure_id, task_id, date, region, cercle, author,"
            " sensitivity, text, tags, fts_rowid FROM notes")]
        empty = _fresh(folder, "empty.db")

        export_ms, export_floor, import_ms, import_floor = [], [], [], []
        sync_file = None
        size = 0
        for run_no in range(RUNS + 1):
            t0 = time.perf_counter()
            res = exporter.export_field(field, folder / f"export{run_no}", full=True)
            e_ms = (time.perf_counter() - t0) * 1000
            f_ms = _floor_export(field_path, folder / f"floor{run_no}.json")
            sync_file, size = Path(res.path), res.size
            hq_db = _copy(hq_path, folder / f"hq{run_no}.db")
            with Store.open(hq_db) as hq:
                t0 = time.perf_counter()
                rep = importer.import_files(hq, [sync_file])[0]
                i_ms = (time.perf_counter() - t0) * 1000
                assert rep.status == "imported" and rep.new == len(rows), rep.reason
            fl_ms = _floor_import(rows, _copy(empty, folder / f"floor{run_no}.db"))
            if run_no:  # run 0 is the warm-up
                export_ms.append(e_ms)
                export_floor.append(f_ms)
                import_ms.append(i_ms)
                import_floor.append(fl_ms)
        field.close()
        memory = _memory_probe(hq_path, sync_file, folder)
    note = f"{len(rows):,} synthetic notes, {size / 1e6:.0f} MB file; median of {RUNS} runs"
    return [
        result("sync.import", median(import_ms), median(import_floor), TARGET, note=note),
        result("sync.export", median(export_ms), median(export_floor), TARGET, note=note),
        result("sync.import.memory_growth", memory, size / 1e6, 1.0,
               note="peak RSS growth (VmHWM - RSS before) in MB of a fresh process "
                    "importing the file, vs the file size in MB (the 'ms' columns are MB)"),
    ]


PROBE = """
import sys
from pathlib import Path
from fieldapp.core.store import Store
from fieldapp.core.sync.importer import import_files


def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


store = Store.open(sys.argv[1])
before = status("VmRSS")
rep = import_files(store, [Path(sys.argv[2])])[0]
assert rep.status == "imported", rep.reason
print("GROWTH_MB", status("VmHWM") - before)
"""


def _memory_probe(hq_path: Path, sync_file: Path, folder: Path) -> float:
    import subprocess

    from bench.common import PYTHON, ROOT

    db = _copy(hq_path, folder / "hq-memory.db")
    proc = subprocess.run([PYTHON, "-c", PROBE, str(db), str(sync_file)], cwd=ROOT,
                          capture_output=True, text=True, timeout=1200,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    for line in proc.stdout.splitlines():
        if line.startswith("GROWTH_MB"):
            return float(line.split()[1])
    raise RuntimeError(proc.stderr[-2000:])


if __name__ == "__main__":
    from bench.__main__ import main

    sys.exit(main(["sync"]))

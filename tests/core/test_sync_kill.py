"""An import killed with SIGKILL (from this parent process) at random points: the database
passes its integrity check and a re-import completes with nothing lost or doubled.

Default: 10 kill points (fast); `SYNC_KILL_POINTS=50` (or more) for the full run.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from fieldapp.core.store import Store
from tests.sync_helpers import export, import_one, new_store, state

POINTS = int(os.environ.get("SYNC_KILL_POINTS", "10"))
NOTES = int(os.environ.get("SYNC_KILL_NOTES", "1000"))
ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from fieldapp.core.store import Store
    from fieldapp.core.sync.importer import import_files
    store = Store.open(sys.argv[1])
    print("READY", flush=True)
    t0 = time.perf_counter()
    reports = import_files(store, [Path(sys.argv[2])])
    assert reports[0].status == "imported", reports[0].reason
    print("DONE", time.perf_counter() - t0, flush=True)
""")

COUNTS = ("SELECT count(*) FROM notes", "SELECT count(*) FROM note_history",
          "SELECT count(*) FROM notes_fts", "SELECT count(*) FROM note_units",
          "SELECT count(*) FROM sync_revs", "SELECT count(*) FROM sync_imports",
          "SELECT count(*) FROM sync_devices")


def counts(store: Store) -> list[int]:
    return [store.conn.execute(sql).fetchone()[0] for sql in COUNTS]


def spawn(db: Path, path: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "READY", proc.stderr.read()
    return proc


@pytest.mark.timeout(600)
def test_import_killed_at_random_points_recovers(tmp_path, seeded_db_template):
    source = new_store(seeded_db_template, tmp_path / "source.db")
    with source.transaction():  # one commit for the whole synthetic set-up
        for k in range(NOTES):
            n = source.add_note(["op28.c.ii"], f"Synthetic note {k} for the kill test")
            if k % 10 == 0:
                source.edit_note(n["id"], text=f"Synthetic note {k}, edited")
    path = export(source, tmp_path / "big")
    base = new_store(seeded_db_template, tmp_path / "base.db")
    base.close()

    def fresh(name: str) -> Path:
        b = Store.open(tmp_path / "base.db")
        b.backup(tmp_path / name)
        b.close()
        return tmp_path / name

    # Reference: one clean import, timed in a child like the killed ones.
    ref_db = fresh("ref.db")
    proc = spawn(ref_db, path)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    duration = float(out.split()[1])
    ref = Store.open(ref_db)
    expected_state, expected_counts = state(ref), counts(ref)
    ref.close()
    assert expected_counts[0] == NOTES

    rng = random.Random(62)
    killed_mid = 0
    for point in range(POINTS):
        db = fresh(f"kill{point}.db")
        proc = spawn(db, path)
        time.sleep(rng.uniform(0, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        killed_mid += proc.returncode == -signal.SIGKILL
        store = Store.open(db)
        assert store.check()["ok"], f"integrity after kill {point}"
        partial = counts(store)[0]
        assert partial in (0, NOTES), "a killed import left half its notes"
        rep = import_one(store, path)
        assert rep.status in ("imported", "already"), rep.reason
        assert counts(store) == expected_counts, f"lost or doubled after kill {point}"
        assert state(store) == expected_state
        store.close()
    assert killed_mid >= POINTS // 2  # most kills really interrupted the import
    source.close()

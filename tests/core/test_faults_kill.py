"""SIGKILL at random points during note edits, sync import, sync export and corpus import.

A child process runs the operation and is killed either from inside, at a precise SQLite
progress tick (spread uniformly over the ticks a clean run takes), or from this parent after
a random delay (spread over the clean run's duration, so file writes and fsyncs are hit
too). After every kill: integrity_check ok; the user tables equal the state before or after
the interrupted operation (nothing lost, nothing doubled); re-running completes and gives
the same final state as an uninterrupted run.

Default: 8 points per operation (32); FIELDAPP_SOAK=1 (`make soak`): 60 per operation (240).
"""
from __future__ import annotations

import json
import random
import signal
import time
from pathlib import Path

import pytest

from fieldapp.core.store import Store
from tests.fault_helpers import (VOLATILE, copy_db, describe_diff, dump, dump_file, integrity, run_child, soak, spawn,
                                 ticks_of)

POINTS = soak(8, 60)
KILLED: dict[str, int] = {}  # operation -> points really killed mid-way (for the report)


def kill_points(rng: random.Random, ticks: int, duration: float, n: int):
    """Half the points at a precise tick, half at a wall-clock delay (parent's SIGKILL)."""
    for k in range(n):
        if k % 2 == 0:
            yield ("tick", rng.randint(1, max(1, ticks)))
        else:
            yield ("time", rng.uniform(0, duration * 1.1))


def run_killed(script: str, args: list, point: tuple[str, float]) -> tuple[int, str]:
    """Run the child until it is killed (or finishes); (returncode, stdout)."""
    mode, value = point
    if mode == "tick":
        proc = spawn(script, *args, FAULT_KILL_AT=int(value))
        out, err = proc.communicate(timeout=120)
        return proc.returncode, out
    proc = spawn(script, *args)
    time.sleep(value)
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out


def timed_clean_run(script: str, args: list) -> tuple[int, float]:
    t0 = time.perf_counter()
    proc = run_child(script, *args)
    duration = time.perf_counter() - t0
    assert proc.returncode == 0, proc.stderr[-2000:]
    return ticks_of(proc.stdout), duration


# -- note edits in a loop ---------------------------------------------------------------
NOTE_OPS = 24
NOTES_CHILD = """
import sys
from fieldapp.core.store import Store
from tests.core.test_faults_kill import note_op
store = Store.open(sys.argv[1])
for i in range(int(sys.argv[2]), int(sys.argv[3])):
    note_op(store, i)
    print("OK", i, flush=True)
store.close()
"""


def note_op(store: Store, i: int) -> None:
    """Operation i of the synthetic edit sequence: add, edit, edit, edit-or-delete."""
    base = i - i % 4
    if i % 4 == 0:
        store.add_note(["op28.c.ii", "op3.2"], f"Synthetic kill-test note {i} v0",
                       tags=[f"k{i}"], date="2021-03-01", author="synthetic")
        return
    row = store.conn.execute("SELECT id FROM notes WHERE tags = ?",
                             (json.dumps([f"k{base}"]),)).fetchone()
    if i % 4 == 3 and (i // 4) % 2 == 1:
        store.delete_note(row[0], editor="synthetic")
    else:
        store.edit_note(row[0], text=f"Synthetic kill-test note {base} v{i}",
                        editor="synthetic")


def note_projection(conn) -> tuple:
    """What a run of the edit sequence determines (ids, times and revs are random)."""
    notes = conn.execute("SELECT id, tags, text, deleted, units FROM notes").fetchall()
    by_id = {nid: tags for nid, tags, *_ in notes}
    return (sorted((tags, text, deleted, units) for _id, tags, text, deleted, units in notes),
            sorted((by_id[n], t) for n, t in conn.execute(
                "SELECT note_id, coalesce(json_extract(nullif(content, ''), '$.text'), '<erased>')"
                " FROM note_history")),
            sorted((by_id[n], u) for n, u in conn.execute(
                "SELECT note_id, unit_id FROM note_units")),
            sorted((by_id[n], b) for n, b in conn.execute("SELECT note_id, body FROM notes_fts")),
            conn.execute("SELECT value FROM meta WHERE key='change_seq'").fetchone(),
            conn.execute("SELECT count(*) FROM sync_revs").fetchone())


def test_note_edits_killed_at_random_points(tmp_path, seeded_db_template):
    base = copy_db(seeded_db_template, tmp_path / "base.db")
    Store.open(base).close()
    # Reference: the projection after each operation of an uninterrupted run.
    ref = Store.open(copy_db(base, tmp_path / "ref.db"))
    states = [note_projection(ref.conn)]
    for i in range(NOTE_OPS):
        note_op(ref, i)
        states.append(note_projection(ref.conn))
    ref.close()
    assert len({repr(s) for s in states}) == NOTE_OPS + 1  # every step is visible
    ticks, duration = timed_clean_run(NOTES_CHILD, [copy_db(base, tmp_path / "t.db"), 0,
                                                    NOTE_OPS])
    rng = random.Random(3)
    mid = 0
    for k, point in enumerate(kill_points(rng, ticks, duration, POINTS)):
        db = copy_db(base, tmp_path / f"k{k}.db")
        code, out = run_killed(NOTES_CHILD, [db, 0, NOTE_OPS], point)
        confirmed = sum(1 for ln in out.splitlines() if ln.startswith("OK "))
        assert integrity(db) == ["ok"], f"kill {k} {point}"
        store = Store.open(db)
        now = note_projection(store.conn)
        assert now in states, f"kill {k} {point}: a state no prefix of the run produces"
        done = states.index(now)
        # every confirmed edit survived; at most the one in flight was also committed
        assert done in (confirmed, confirmed + 1), (k, point, done, confirmed)
        mid += code == -signal.SIGKILL and done < NOTE_OPS
        store.close()
        rerun = run_child(NOTES_CHILD, db, done, NOTE_OPS)
        assert rerun.returncode == 0, rerun.stderr[-1500:]
        store = Store.open(db)
        assert note_projection(store.conn) == states[-1], f"re-run after kill {k}"
        store.close()
    KILLED["note edits"] = mid
    assert mid >= POINTS // 2


# -- sync import ------------------------------------------------------------------------
IMPORT_CHILD = """
import sys
from pathlib import Path
from fieldapp.core.store import Store
from fieldapp.core.sync.importer import import_files
store = Store.open(sys.argv[1])
reports = import_files(store, [Path(sys.argv[2])])
assert reports[0].status in ("imported", "already"), reports[0].reason
print("DONE", reports[0].status, flush=True)
store.close()
"""


def _source_with_records(template: Path, folder: Path, notes: int) -> Store:
    from tests.sync_helpers import new_store

    src = new_store(template, folder / "source.db")
    with src.transaction():
        for k in range(notes):
            n = src.add_note(["op28.c.ii"], f"Synthetic note {k} for the fault tests",
                             tags=["synthetic"])
            if k % 5 == 0:
                src.edit_note(n["id"], text=f"Synthetic note {k}, edited")
        src.add_task("Synthetic task for the fault tests", due="2021-06-30")
        src.add_contact("Synthetic Contact", role="synthetic", phone="+000 0000")
        src.assess_measure(src.measures()[0]["id"], 2, "synthetic evidence")
    return src


def test_sync_import_killed_at_random_points(tmp_path, seeded_db_template):
    from tests.sync_helpers import export, new_store

    src = _source_with_records(seeded_db_template, tmp_path, soak(300, 1000))
    path = export(src, tmp_path / "field")
    src.close()
    new_store(seeded_db_template, tmp_path / "base.db").close()
    base = tmp_path / "base.db"
    before = dump_file(base)
    ref = copy_db(base, tmp_path / "ref.db")
    ticks, duration = timed_clean_run(IMPORT_CHILD, [ref, path])
    after = dump_file(ref)
    assert after != before
    rng = random.Random(62)
    mid = 0
    for k, point in enumerate(kill_points(rng, ticks, duration, POINTS)):
        db = copy_db(base, tmp_path / f"k{k}.db")
        code, _out = run_killed(IMPORT_CHILD, [db, path], point)
        assert integrity(db) == ["ok"], f"kill {k} {point}"
        state = dump_file(db)
        assert state in (before, after), \
            f"kill {k} {point}: half an import\n{describe_diff(state, before, after)}"
        mid += code == -signal.SIGKILL and state == before
        rerun = run_child(IMPORT_CHILD, db, path)
        assert rerun.returncode == 0, rerun.stderr[-1500:]
        assert dump_file(db) == after, f"re-import after kill {k}"
    KILLED["sync import"] = mid
    assert mid >= POINTS // 3


# -- sync export ------------------------------------------------------------------------
EXPORT_CHILD = """
import sys
from pathlib import Path
from fieldapp.core.store import Store
from fieldapp.core.sync.exporter import export_field
store = Store.open(sys.argv[1])
r = export_field(store, Path(sys.argv[2]))
print("DONE", r.seq, r.records, flush=True)
store.close()
"""
EXPORT_VOLATILE = {"created", "file_sha256"}  # creation time is in the file and its hash


def test_sync_export_killed_at_random_points(tmp_path, seeded_db_template):
    from fieldapp.core.sync.importer import verify_file

    src = _source_with_records(seeded_db_template, tmp_path, soak(300, 1000))
    src.close()
    base = tmp_path / "source.db"
    tables = ("sync_exports", "notes", "note_history", "meta", "sync_revs")
    volatile = VOLATILE | EXPORT_VOLATILE
    before = dump_file(base, tables=tables, volatile=volatile)
    ref = copy_db(base, tmp_path / "ref.db")
    ref_file = tmp_path / "ref" / "field.fieldsync"
    ref_file.parent.mkdir()
    ticks, duration = timed_clean_run(EXPORT_CHILD, [ref, ref_file])
    after = dump_file(ref, tables=tables, volatile=volatile)
    assert after != before
    rng = random.Random(14)
    mid = 0
    for k, point in enumerate(kill_points(rng, ticks, duration, POINTS)):
        db = copy_db(base, tmp_path / f"k{k}.db")
        out = tmp_path / f"out{k}" / "field.fieldsync"
        out.parent.mkdir()
        code, _o = run_killed(EXPORT_CHILD, [db, out], point)
        assert integrity(db) == ["ok"], f"kill {k} {point}"
        state = dump_file(db, tables=tables, volatile=volatile)
        assert state in (before, after), f"kill {k} {point}\n{describe_diff(state, before, after)}"
        if out.exists():  # never a partial file under the real name
            verify_file(out, [])
        if state == after:
            assert out.exists(), "the export was logged but its file is missing"
            continue
        mid += code == -signal.SIGKILL
        rerun = run_child(EXPORT_CHILD, db, out)
        assert rerun.returncode == 0, rerun.stderr[-1500:]
        assert dump_file(db, tables=tables, volatile=volatile) == after
        assert verify_file(out, [])["records"] == verify_file(ref_file, [])["records"]
    KILLED["sync export"] = mid
    assert mid >= POINTS // 3


# -- corpus import ----------------------------------------------------------------------
CORPUS_CHILD = """
import sys
from pathlib import Path
from fieldapp.core.safejson import load_json_file
from fieldapp.core.store import Store
doc = load_json_file(Path(sys.argv[2]), max_bytes=20_000_000)
store = Store.open(sys.argv[1])
print("DONE", store.import_corpus(doc, "fr", "Synthetic replacement text"), flush=True)
store.close()
"""
CORPUS_TABLES = ("unit_text", "mandate_fts", "corpus_provenance")


def test_corpus_import_killed_at_random_points(tmp_path, seeded_db_template):
    base = copy_db(seeded_db_template, tmp_path / "base.db")
    with Store.open(base) as store:
        doc = store.export_corpus("fr")
    for k, uid in enumerate(doc["units"]):
        doc["units"][uid]["text"] = f"Texte de remplacement synthétique {k} : {uid}"
    corpus_file = tmp_path / "fr.json"
    corpus_file.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = dump_file(base, tables=CORPUS_TABLES)
    ref = copy_db(base, tmp_path / "ref.db")
    ticks, duration = timed_clean_run(CORPUS_CHILD, [ref, corpus_file])
    after = dump_file(ref, tables=CORPUS_TABLES)
    assert after != before
    rng = random.Random(2531)
    mid = 0
    for k, point in enumerate(kill_points(rng, ticks, duration, POINTS)):
        db = copy_db(base, tmp_path / f"k{k}.db")
        code, _o = run_killed(CORPUS_CHILD, [db, corpus_file], point)
        assert integrity(db) == ["ok"], f"kill {k} {point}"
        state = dump_file(db, tables=CORPUS_TABLES)
        assert state in (before, after), f"kill {k} {point}: half a corpus"
        mid += code == -signal.SIGKILL and state == before
        rerun = run_child(CORPUS_CHILD, db, corpus_file)
        assert rerun.returncode == 0, rerun.stderr[-1500:]
        assert dump_file(db, tables=CORPUS_TABLES) == after
    KILLED["corpus import"] = mid
    assert mid >= POINTS // 3


@pytest.fixture(scope="module", autouse=True)
def _print_counts():
    yield
    if KILLED:
        print(f"\nkill points (interrupted mid-operation): {KILLED}")

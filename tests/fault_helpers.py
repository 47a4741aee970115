"""Helpers for the fault, kill and fuzz tests: child processes, canonical dumps, small
filesystems. Real databases and real processes only (no mocks of our own parts).

All data written by these helpers is synthetic test data.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
SOAK = os.environ.get("FIELDAPP_SOAK", "") not in ("", "0")


def soak(default: int, full: int) -> int:
    """`default` in the normal run, `full` under FIELDAPP_SOAK=1 (`make soak`)."""
    return full if SOAK else default


# -- child processes --------------------------------------------------------------------
# Prepended to every child script: with FAULT_KILL_AT=n the child SIGKILLs itself at the
# n-th SQLite progress tick (every FAULT_TICK virtual-machine steps of any statement on any
# connection), i.e. at a precise point inside the operation; at exit it prints its tick count.
KILL_PRELUDE = textwrap.dedent("""
    import atexit, os, signal, sqlite3
    _KILL_AT = int(os.environ.get("FAULT_KILL_AT", "0"))
    _TICK = int(os.environ.get("FAULT_TICK", "200"))
    _ticks = [0]
    def _tick():
        _ticks[0] += 1
        if _KILL_AT and _ticks[0] >= _KILL_AT:
            os.kill(os.getpid(), signal.SIGKILL)
        return 0
    _connect = sqlite3.connect
    def _counting_connect(*a, **k):
        conn = _connect(*a, **k)
        conn.set_progress_handler(_tick, _TICK)
        return conn
    sqlite3.connect = _counting_connect
    atexit.register(lambda: print("TICKS", _ticks[0], flush=True))
""")


def child_env(**extra: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    env.update({k: str(v) for k, v in extra.items()})
    return env


def spawn(script: str, *args: object, **env: object) -> subprocess.Popen:
    """Start `script` (with the kill prelude) in a child Python; stdout/stderr piped."""
    return subprocess.Popen([sys.executable, "-c", KILL_PRELUDE + textwrap.dedent(script),
                             *map(str, args)], env=child_env(**env), cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_child(script: str, *args: object, timeout: float = 120, **env: object
              ) -> subprocess.CompletedProcess:
    proc = spawn(script, *args, **env)
    out, err = proc.communicate(timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def ticks_of(stdout: str) -> int:
    lines = [ln for ln in stdout.splitlines() if ln.startswith("TICKS ")]
    assert lines, stdout[-300:]
    return int(lines[-1].split()[1])


# -- database state ---------------------------------------------------------------------
USER_TABLES = ("notes", "note_history", "note_units", "measure_assessments", "tasks",
               "contacts", "sync_devices", "sync_seqs", "sync_imports", "sync_exports",
               "sync_revs", "sync_conflicts", "sync_acks", "bookmarks", "meta")
# Wall-clock columns that legitimately differ between two runs of the same operation.
VOLATILE = {"imported_at", "last_import", "first_seen", "received_at", "detected_at",
            "closed_at", "loaded_at", "applied_at"}
VOLATILE_META = {"hlc", "hlc_last", "clock", "seed_stamp"}  # seed_stamp: start-up cache


def dump(conn: sqlite3.Connection, tables=USER_TABLES, volatile=VOLATILE) -> dict:
    """Canonical dump of the user tables: every row (minus wall-clock columns), sorted."""
    out: dict = {}
    for table in tables:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info('{table}')")
                if r[1] not in volatile]
        rows = conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
        if table == "meta":
            rows = [r for r in rows if r[0] not in VOLATILE_META]
        out[table] = sorted(rows, key=repr)
    out["notes_fts"] = sorted(conn.execute("SELECT note_id, body, tags FROM notes_fts"),
                              key=repr)
    return out


def dump_file(path: Path, **kw) -> dict:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return dump(conn, **kw)
    finally:
        conn.close()


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(str(path))
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")] + \
               [f"fk {r}" for r in conn.execute("PRAGMA foreign_key_check")]
    finally:
        conn.close()


def db_hash(path: Path) -> str:
    """sha256 of the database after a WAL checkpoint (the file holds every committed page)."""
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    sha = hashlib.sha256(Path(path).read_bytes())
    wal = Path(str(path) + "-wal")
    sha.update(wal.read_bytes() if wal.exists() else b"")
    return sha.hexdigest()


def copy_db(src: Path, dst: Path) -> Path:
    a, b = sqlite3.connect(str(src)), sqlite3.connect(str(dst))
    a.backup(b)
    a.close()
    b.close()
    return dst


# -- small filesystems ------------------------------------------------------------------
def _mount(args: list[str]) -> str | None:
    proc = subprocess.run(["mount", *args], capture_output=True, text=True)
    return None if proc.returncode == 0 else (proc.stderr.strip() or "mount failed")


@contextlib.contextmanager
def tiny_tmpfs(where: Path, size_kb: int = 64) -> Iterator[Path]:
    """A real, small tmpfs at `where` (root only); pytest.skip with the reason otherwise."""
    import pytest

    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    err = _mount(["-t", "tmpfs", "-o", f"size={size_kb}k,mode=0777", "tmpfs", str(where)])
    if err:
        pytest.skip(f"cannot mount a tmpfs here: {err}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def remount_readonly(where: Path) -> None:
    err = _mount(["-o", "remount,ro", str(where)])
    assert err is None, err


def fill_up(folder: Path) -> Path:
    """Fill the filesystem of `folder` until it refuses more bytes (ENOSPC)."""
    filler = folder / "filler.bin"
    with open(filler, "wb", buffering=0) as fh:
        block = b"\0" * 4096
        try:
            while True:
                fh.write(block)
        except OSError:
            pass
    with open(filler, "ab", buffering=0) as fh:  # the last partial block
        for size in (1024, 256, 64, 16, 1):
            try:
                while True:
                    fh.write(b"\0" * size)
            except OSError:
                pass
    return filler


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in Path(folder).iterdir())


def describe_diff(state: dict, *candidates: dict) -> str:
    """Which tables of `state` differ from each candidate, with a few rows (for messages)."""
    out = []
    for k, cand in enumerate(candidates):
        for table in state:
            if state[table] != cand.get(table):
                a, b = set(map(repr, cand.get(table, []))), set(map(repr, state[table]))
                out.append(f"[{k}] {table}: -{sorted(a - b)[:2]} +{sorted(b - a)[:2]}"[:600])
    return "\n".join(out)

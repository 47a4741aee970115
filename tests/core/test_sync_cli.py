"""The sync commands as a new user runs them (real subprocesses for the main flow)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from fieldapp.cli import main

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, db: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "fieldapp", "--db", str(db), *args],
                          capture_output=True, text=True, env=env, timeout=120,
                          cwd=db.parent)


def test_hq_two_field_devices_conflict_and_package(tmp_path):
    hq, a, b = (tmp_path / f"{x}.db" for x in ("hq", "a", "b"))
    dep = tmp_path / "deployment.json"
    p = cli("sync", "hq-init", "--out", str(dep), "--name", "Synthetic CLI test", db=hq)
    assert p.returncode == 0, p.stderr
    assert "HQ key fingerprint" in p.stdout
    for db in (a, b):
        p = cli("sync", "join", str(dep), db=db)
        assert p.returncode == 0 and "encrypted" in p.stdout, p.stderr
    p = cli("note", "add", "op28.c.ii", "--text", "Synthetic shared note", "--json", db=a)
    note_id = json.loads(p.stdout)["id"]
    assert cli("sync", "export", "--out", "a1", db=a).returncode == 0
    assert "encrypted" in cli("sync", "export", "--out", "b1", db=b).stdout.lower()
    p = cli("sync", "import", "a1.fieldsync", "b1.fieldsync", "--json", db=hq)
    reports = json.loads(p.stdout)
    assert p.returncode == 0 and [r["status"] for r in reports] == ["imported"] * 2
    assert reports[0]["first_contact"] and reports[0]["new"] == 1

    # The note goes to B through HQ? No: notes stay with HQ. B gets it as a peer file only
    # when B can read it — an encrypted field file is for HQ alone.
    p = cli("sync", "import", "a1.fieldsync", db=b)
    assert p.returncode == 2 and "cannot read it" in p.stdout
    assert "1 of 1 files rejected" in p.stderr

    # HQ and A edit the note concurrently (HQ holds it now), then exchange.
    p = cli("note", "edit", note_id, "--text", "Synthetic: HQ's correction", db=hq)
    assert p.returncode == 0, p.stderr
    assert cli("note", "edit", note_id, "--text", "Synthetic: A's update", db=a).returncode == 0
    assert cli("sync", "export", "--out", "a2", db=a).returncode == 0
    p = cli("sync", "import", "a2.fieldsync", "--json", db=hq)
    assert json.loads(p.stdout)[0]["conflicts"] == 1
    p = cli("sync", "conflicts", "--json", db=hq)
    (conflict,) = json.loads(p.stdout)
    texts = {conflict["current"]["c"]["text"], conflict["other"]["c"]["text"]}
    assert texts == {"Synthetic: HQ's correction", "Synthetic: A's update"}
    p = cli("sync", "resolve", str(conflict["id"]), "--keep", "both", db=hq)
    assert p.returncode == 0 and "resolved" in p.stdout, p.stderr
    assert json.loads(cli("sync", "conflicts", "--json", db=hq).stdout) == []

    p = cli("sync", "export", "--to-field", "--out", "hq1", db=hq)
    assert p.returncode == 0 and "Encrypted for 2 field devices" in p.stdout, p.stderr
    p = cli("sync", "import", "hq1.fieldsync", db=a)
    assert p.returncode == 0 and "HQ has your changes up to #2" in p.stdout
    st = json.loads(cli("sync", "status", "--json", db=a).stdout)
    assert st["hq_ack"]["seq"] == 2 and st["role"] == "field"
    st = json.loads(cli("sync", "status", "--json", db=hq).stdout)
    assert sorted(d["contiguous_seq"] for d in st["devices"]) == [1, 2]


def test_errors_are_one_line(tmp_path, capsys):
    db = tmp_path / "x.db"
    assert main(["--db", str(db), "sync", "join", str(tmp_path / "missing.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fieldapp: error: ") and err.count("\n") == 1
    assert main(["--db", str(db), "sync", "resolve", "99", "--keep", "current"]) == 3
    assert main(["--db", str(db), "sync", "export", "--to-field", "--out",
                 str(tmp_path / "p")]) == 2
    assert "only the HQ installation" in capsys.readouterr().err


def test_standalone_export_and_status(tmp_path, capsys):
    db = tmp_path / "solo.db"
    assert main(["--db", str(db), "note", "add", "op1", "--text", "Synthetic"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "sync", "export", "--out", str(tmp_path / "s")]) == 0
    out = capsys.readouterr().out
    assert "NOT ENCRYPTED" in out and "read back and verified" in out
    assert main(["--db", str(db), "sync", "status"]) == 0
    out = capsys.readouterr().out
    assert "NOT encrypted" in out and "Last export: #1" in out

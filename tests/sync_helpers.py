"""Helpers for the sync tests: real databases, real keys, real files (no mocks).

All notes written here are synthetic test data.
"""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from fieldapp.core.store import Store
from fieldapp.core.sync import deployment, exporter, importer
from fieldapp.core.sync.identity import ensure_identity


def new_store(template: Path, path: Path, *, identity: bool = True) -> Store:
    """A fresh seeded database copied from the session template (SQLite backup API)."""
    src = sqlite3.connect(str(template))
    dst = sqlite3.connect(str(path))
    src.backup(dst)
    src.close()
    dst.close()
    store = Store.open(path)
    if identity:
        ensure_identity(store)
    return store


@pytest.fixture
def pair(tmp_path, seeded_db_template):
    """Two fresh standalone installations A and B (import `pair` to use it)."""
    a = new_store(seeded_db_template, tmp_path / "a.db")
    b = new_store(seeded_db_template, tmp_path / "b.db")
    yield a, b
    a.close()
    b.close()


def db_digest(store: Store) -> str:
    """sha256 of the database file and its WAL: 'byte-for-byte unchanged' means equal."""
    sha = hashlib.sha256()
    for suffix in ("", "-wal"):
        p = Path(str(store.path) + suffix)
        sha.update(p.read_bytes() if p.exists() else b"<none>")
    return sha.hexdigest()


def state(store: Store) -> dict:
    """What must agree across installations: every synced row and every frontier version."""
    out: dict = {}
    for kind, table in (("note", "notes"), ("task", "tasks"), ("contact", "contacts"),
                        ("assessment", "measure_assessments")):
        rows = store.conn.execute(f"SELECT id FROM {table} WHERE device_id != 'seed'"
                                  " ORDER BY id").fetchall()
        ids = [r[0] for r in rows]
        versions = store.sync_rows(kind, ids)
        out[kind] = {rid: (v["rev"], v["c"]) for rid, v in versions.items()}
    out["frontier"] = sorted(
        (r["kind"], r["record_id"], r["rev"], r["status"])
        for r in store.sync_conflicts(("open", "identical")))
    return out


def setup_deployment(template: Path, folder: Path, n_field: int = 2):
    """An HQ and `n_field` joined field databases; returns (hq, [field stores], dep file)."""
    hq = new_store(template, folder / "hq.db")
    dep_file = folder / "deployment.json"
    deployment.hq_init(hq, dep_file, "Synthetic test deployment")
    fields = []
    for i in range(n_field):
        s = new_store(template, folder / f"field{i}.db")
        deployment.join(s, dep_file)
        fields.append(s)
    return hq, fields, dep_file


def export(store: Store, path: Path, **kw) -> Path:
    return Path(exporter.export_field(store, path, **kw).path)


def import_one(store: Store, path: Path, **kw) -> importer.FileReport:
    return importer.import_file(store, Path(path), **kw)


def note_text(store: Store, note_id: str) -> str:
    return store.note(note_id)["text"]


def craft_file(path: Path, identity, lines: list[bytes], *, recipients: list[str] = (),
               package: str = "field", deployment_id: str | None = None, seq: int = 1,
               counts: dict | None = None, **overrides) -> Path:
    """A file built by hand (valid signature over whatever manifest is given): for attacks."""
    import io

    import pyrage
    from pyrage import x25519

    from fieldapp.core.revision import canonical_json
    from fieldapp.core.sync.format import CONTEXT, header_bytes
    from fieldapp.core.sync.manifest import SCHEMA_VERSION

    payload = b"".join(line + b"\n" for line in lines)
    if counts is None:
        counts = {}
        for line in lines:
            import json

            kind = json.loads(line)["k"]
            counts[kind] = counts.get(kind, 0) + 1
    manifest = {"format": "fieldsync", "format_version": 1, "schema_version": SCHEMA_VERSION,
                "app_version": "test", "package": package, "deployment_id": deployment_id,
                "device_id": identity.device_id, "public_key": identity.public_b64,
                "age_recipient": identity.age_recipient, "seq": seq, "base_seq": seq - 1,
                "created": "2021-01-01T00:00:00Z", "counts": counts,
                "records": sum(counts.values()), "payload_bytes": len(payload),
                "payload_sha256": hashlib.sha256(payload).hexdigest(), "acks": {}}
    manifest.update(overrides)
    mbytes = canonical_json(manifest).encode("utf-8")
    data = header_bytes(mbytes, identity.sign(CONTEXT + mbytes)) + payload
    if recipients:
        out = io.BytesIO()
        pyrage.encrypt_io(io.BytesIO(data), out,
                          [x25519.Recipient.from_str(r) for r in recipients])
        data = out.getvalue()
    Path(path).write_bytes(data)
    return Path(path)


def payload_lines(path: Path) -> list[bytes]:
    """The payload lines of an unencrypted file written by the exporter."""
    from fieldapp.core.sync.format import open_package

    with open_package(Path(path), []) as pkg:
        return list(pkg.lines())

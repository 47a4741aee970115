"""Tampered, damaged and hostile files are refused with a clear reason, and the database is
byte-for-byte unchanged (sha256 of the file and its WAL before and after)."""
from __future__ import annotations

import json
import os
import random

import pytest

from fieldapp.core.revision import canonical_json
from fieldapp.core.sync import deployment
from fieldapp.core.sync.format import Caps
from fieldapp.core.sync.identity import Identity, ensure_identity
from fieldapp.core.sync.manifest import SCHEMA_VERSION
from tests.sync_helpers import (craft_file, db_digest, export, import_one, new_store,
                                payload_lines, setup_deployment)

FLIPS = int(os.environ.get("SYNC_FLIPS", "200"))


@pytest.fixture
def world(tmp_path, seeded_db_template):
    """A standalone device A with notes, a receiver B, and an HQ deployment with device F."""
    a = new_store(seeded_db_template, tmp_path / "a.db")
    b = new_store(seeded_db_template, tmp_path / "b.db")
    for k in range(4):
        n = a.add_note(["op28.c.ii"], f"Synthetic note {k} — « accents » ✓")
        a.edit_note(n["id"], text=f"Synthetic note {k}, edited")
    a.add_task("Synthetic task")
    hq_dir = tmp_path / "hq"
    hq_dir.mkdir()
    hq, (f,), dep_file = setup_deployment(seeded_db_template, hq_dir, n_field=1)
    f.add_note(["op1"], "Synthetic field note")
    yield {"a": a, "b": b, "hq": hq, "f": f, "tmp": tmp_path, "dep_file": dep_file,
           "plain": export(a, tmp_path / "plain"), "sealed": export(f, tmp_path / "sealed")}
    for s in (a, b, hq, f):
        s.close()


def rejected(store, path, expect: str | None = None, *, digest: bool = True) -> str:
    before = db_digest(store) if digest else None
    rep = import_one(store, path)
    assert rep.status == "rejected", f"accepted: {path.name}"
    assert rep.reason and "\n" not in rep.reason
    if expect:
        assert expect in rep.reason, rep.reason
    if digest:
        assert db_digest(store) == before, "database changed on a rejected import"
    return rep.reason


@pytest.mark.parametrize("which,target", [("plain", "b"), ("sealed", "hq")])
def test_every_single_byte_flip_is_rejected(world, which, target):
    original = world[which].read_bytes()
    store = world[target]
    rng = random.Random(2531 if which == "plain" else 2020)
    positions = sorted(rng.sample(range(len(original)), min(FLIPS, len(original))))
    bad = world["tmp"] / f"flipped-{which}.fieldsync"
    reasons = set()
    before = db_digest(store)  # any write by any rejected import would change it for good
    for pos in positions:
        data = bytearray(original)
        data[pos] ^= 1 << rng.randrange(8)
        bad.write_bytes(bytes(data))
        reasons.add(rejected(store, bad, digest=False).split(":")[0])
    assert db_digest(store) == before
    assert import_one(store, world[which]).status == "imported"  # the intact file still is
    assert len(reasons) >= 2  # framing, signature, hash, decryption… each caught by its check


@pytest.mark.parametrize("which,target", [("plain", "b"), ("sealed", "hq")])
def test_truncated_or_appended_files_are_rejected(world, which, target):
    original = world[which].read_bytes()
    bad = world["tmp"] / "cut.fieldsync"
    for cut in (0, 10, 40, len(original) // 2, len(original) - 1):
        bad.write_bytes(original[:cut])
        rejected(world[target], bad)
    for tail in (b"\n", b"x", b'{"k":"note"}\n', os.urandom(100)):
        bad.write_bytes(original + tail)
        rejected(world[target], bad)


def test_swapped_signer_is_rejected(world):
    a, b, tmp = world["a"], world["b"], world["tmp"]
    lines = payload_lines(world["plain"])
    me = ensure_identity(a)
    other = ensure_identity(b)
    # Signed by B's key while naming A's key: the signature does not match.
    forged = Identity(me.device_id, other.private_key, me.public_key, me.age_identity,
                      me.age_recipient)
    path = craft_file(tmp / "forged.fieldsync", forged, lines)
    rejected(world["hq"], path, "signature does not match")
    # A's device ID with another key, after A's key was pinned on first contact: refused.
    assert import_one(b, world["plain"]).status == "imported"
    impostor = Identity(me.device_id, other.private_key, other.public_key, other.age_identity,
                        other.age_recipient)
    path = craft_file(tmp / "impostor.fieldsync", impostor, lines, seq=2)
    rejected(b, path, "different key")


def test_file_from_another_deployment_is_rejected(world, seeded_db_template):
    tmp, hq, f = world["tmp"], world["hq"], world["f"]
    other_dir = tmp / "other"
    other_dir.mkdir()
    other_hq, (g,), _ = setup_deployment(seeded_db_template, other_dir, n_field=1)
    g.add_note(["op1"], "Synthetic")
    # Encrypted for the other HQ: ours cannot even read it.
    rejected(hq, export(g, tmp / "g1"), "another recipient")
    # Readable by our HQ but naming the other deployment (replayed/re-wrapped): refused.
    lines = payload_lines(export(world["a"], tmp / "a-again", full=True))
    gid = ensure_identity(g)
    dep = deployment.current(hq)
    path = craft_file(tmp / "replay.fieldsync", gid, lines, recipients=[dep.hq_recipient],
                      deployment_id=deployment.current(other_hq).deployment_id)
    rejected(hq, path, "another deployment")
    assert import_one(hq, world["sealed"]).status == "imported"  # ours still is
    other_hq.close()
    g.close()


def test_hq_package_signed_by_someone_else_is_rejected(world):
    f, tmp = world["f"], world["tmp"]
    dep = deployment.current(f)
    fake = ensure_identity(world["b"])
    path = craft_file(tmp / "fake-hq.fieldsync", fake, [], package="hq",
                      deployment_id=dep.deployment_id, counts={})
    rejected(f, path, "not signed by the HQ key")


def _line(obj: dict) -> bytes:
    return canonical_json(obj).encode()


def _a_version(world) -> dict:
    """The first note version in A's file."""
    return next(v for v in map(json.loads, payload_lines(world["plain"])) if v["k"] == "note")


@pytest.mark.parametrize("mutate,expect", [
    (lambda v: {**v, "k": "weapon"}, "unknown record kind"),
    (lambda v: {**v, "extra": 1}, "unexpected or missing fields"),
    (lambda v: {**v, "c": {**v["c"], "text": "Synthetic altered"}}, "rev does not match"),
    (lambda v: {**v, "c": {**v["c"], "units": ["op999"]}}, ""),
    (lambda v: {**v, "c": {**v["c"], "text": "x\x00y"}}, "control characters"),
    (lambda v: {**v, "c": {**v["c"], "sensitivity": "public"}}, "unknown value"),
    (lambda v: {**v, "hlc": "bad"}, "malformed clock"),
    (lambda v: {**v, "anc": [["zz", None]]}, "ancestry"),
])
def test_hostile_records_are_rejected(world, mutate, expect):
    a = world["a"]
    v = mutate(_a_version(world))
    if v.get("k") == "note" and "rev does not match" not in expect and "c" in v:
        from fieldapp.core.revision import compute_rev

        try:
            v["rev"] = compute_rev(v["c"], v["parent_rev"], v["hlc"], v["device_id"])
        except Exception:
            pass
    path = craft_file(world["tmp"] / "hostile.fieldsync", ensure_identity(a), [_line(v)],
                      counts={"note": 1})
    rejected(world["b"], path, expect or None)


def test_duplicate_keys_depth_and_constants_are_rejected(world):
    me = ensure_identity(world["a"])
    line = _line(_a_version(world))
    dup = line[:-1] + b',"k":"note"}'
    deep = b'{"k":' + b"[" * 5000 + b"]" * 5000 + b"}"
    nan = line.replace(b'"deleted":0', b'"deleted":NaN', 1)
    for bad_line, expect in ((dup, "duplicate key"), (deep, "nested deeper"),
                             (nan, "NaN"), (b"\xff\xfe", "UTF-8")):
        path = craft_file(world["tmp"] / "bad.fieldsync", me, [bad_line], counts={"note": 1})
        rejected(world["b"], path, expect)


def test_newer_schema_and_format_ask_for_a_newer_app(world):
    me = ensure_identity(world["a"])
    lines = payload_lines(world["plain"])
    path = craft_file(world["tmp"] / "newer.fieldsync", me, lines,
                      schema_version=SCHEMA_VERSION + 1)
    rejected(world["b"], path, "needs a newer version of the app")
    data = world["plain"].read_bytes().replace(b"FIELDSYNC/1\n", b"FIELDSYNC/2\n", 1)
    path.write_bytes(data)
    rejected(world["b"], path, "needs a newer version of the app")
    path = craft_file(world["tmp"] / "extra.fieldsync", me, lines, future_field=1)
    rejected(world["b"], path, "newer version")


def test_caps_on_size_records_and_field_length(world):
    b, tmp, me = world["b"], world["tmp"], ensure_identity(world["a"])
    before = db_digest(b)
    small = Caps(max_file_bytes=1000)
    assert import_one(b, world["plain"], caps=small).reason.startswith("the file is larger")
    few = Caps(max_records=2)
    assert "more than the limit" in import_one(b, world["plain"], caps=few).reason
    short = Caps(max_line_bytes=100)
    assert "longer than the limit" in import_one(b, world["plain"], caps=short).reason
    v = _a_version(world)
    v["c"]["text"] = "x" * 1_000_001
    from fieldapp.core.revision import compute_rev

    v["rev"] = compute_rev(v["c"], v["parent_rev"], v["hlc"], v["device_id"])
    path = craft_file(tmp / "long.fieldsync", me, [_line(v)], counts={"note": 1})
    assert "longer than" in import_one(b, path).reason
    assert db_digest(b) == before


def test_counts_and_hash_must_match_the_manifest(world):
    me = ensure_identity(world["a"])
    lines = payload_lines(world["plain"])
    path = craft_file(world["tmp"] / "c.fieldsync", me, lines, counts={"note": 99})
    rejected(world["b"], path)
    path = craft_file(world["tmp"] / "h.fieldsync", me, lines, payload_sha256="0" * 64)
    rejected(world["b"], path, "does not match its hash")


def test_not_a_sync_file(world):
    p = world["tmp"] / "photo.fieldsync"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200))
    rejected(world["b"], p, "not a fieldapp sync file")
    rejected(world["b"], world["tmp"] / "missing.fieldsync", "cannot read")


def test_an_empty_import_on_a_fresh_database_writes_nothing(tmp_path, seeded_db_template, world):
    fresh = new_store(seeded_db_template, tmp_path / "fresh.db", identity=False)
    before = db_digest(fresh)
    bad = tmp_path / "bad.fieldsync"
    bad.write_bytes(world["plain"].read_bytes()[:-3])
    rejected(fresh, bad)
    assert db_digest(fresh) == before
    fresh.close()


@pytest.mark.parametrize("field,value,expect", [
    ("public_key", "not base64!", "damaged manifest"),
    ("public_key", "QUJD", "damaged manifest"),                 # valid base64, 3 bytes
    ("age_recipient", "age1notarecipient", "damaged manifest"),
    ("base_seq", 5, "base sequence"),
    ("device_id", "../../etc", "device ID"),
    ("created", "yesterday", "creation time"),
])
def test_malformed_manifest_fields_are_rejected(world, field, value, expect):
    me = ensure_identity(world["a"])
    lines = payload_lines(world["plain"])
    path = craft_file(world["tmp"] / "m.fieldsync", me, lines, **{field: value})
    rejected(world["b"], path, expect)

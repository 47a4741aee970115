"""Sync by file end to end: real databases, real keys, real files (synthetic notes)."""
from __future__ import annotations

import pytest

from fieldapp.core.errors import InvalidInput
from fieldapp.core.sync import exporter, importer, resolve
from fieldapp.core.sync.status import status
from tests.sync_helpers import (db_digest, export, import_one, pair,  # noqa: F401
                                setup_deployment, state)


def test_round_trip_a_to_b_carries_every_kind(pair, tmp_path):
    a, b = pair
    note = a.add_note(["op28.c.ii", "op3.2"], "Synthetic: meeting with the mayor, « Ménaka »",
                      region="Gao", tags=["pilot"], sensitivity="confidential")
    a.edit_note(note["id"], text="Synthetic: meeting with the mayor, edited")
    task = a.add_task("Synthetic task", owner="Civil Affairs", due="2021-06-30")
    contact = a.add_contact("Synthetic Person", role="focal point", phone="+223 00 00 00 00")
    assessment = a.assess_measure("op3.1", 2, "Synthetic evidence")
    seeded = a.tasks()[0]
    a.edit_task(seeded["id"], status="in-progress")

    result = exporter.export_field(a, tmp_path / "a1")
    assert result.path.endswith(".fieldsync") and not result.encrypted
    assert result.counts == {"note": 1, "note_history": 1, "task": 2, "contact": 1,
                             "assessment": 1}
    report = import_one(b, result.path)
    assert report.status == "imported", report.reason
    assert (report.new, report.updated, report.conflicts) == (4, 1, 0)
    assert b.note(note["id"])["text"] == "Synthetic: meeting with the mayor, edited"
    assert b.note(note["id"])["rev"] == a.note(note["id"])["rev"]
    assert [h["rev"] for h in b.note_history(note["id"])] == \
        [h["rev"] for h in a.note_history(note["id"])]
    assert b.task(task["id"])["title"] == "Synthetic task"
    assert b.task(seeded["id"])["status"] == "in-progress"
    assert b.contact(contact["id"])["phone"] == "+223 00 00 00 00"
    assert b.assessment(assessment["id"])["evidence"] == "Synthetic evidence"
    assert [r["id"] for r in b.search_notes("edited")] == [note["id"]]
    assert state(a) == state(b)
    assert b.check()["ok"]


def test_import_twice_changes_nothing(pair, tmp_path):
    a, b = pair
    a.add_note(["op1"], "Synthetic note one")
    path = export(a, tmp_path / "a1")
    assert import_one(b, path).status == "imported"
    before = db_digest(b)
    again = import_one(b, path)
    assert again.status == "already" and again.new == 0
    assert db_digest(b) == before
    # A full re-export (a different file with the same versions) is all "unchanged".
    full = export(a, tmp_path / "a-full", full=True)
    rep = import_one(b, full)
    assert (rep.status, rep.new, rep.updated, rep.unchanged) == ("imported", 0, 0, 1)
    assert b.count_notes() == 1


def test_only_changes_since_last_export_are_sent(pair, tmp_path):
    a, _b = pair
    first = a.add_note(["op1"], "Synthetic first")
    assert exporter.export_field(a, tmp_path / "1").records == 1
    a.add_note(["op2"], "Synthetic second")
    second = exporter.export_field(a, tmp_path / "2")
    assert (second.seq, second.records, second.counts) == (2, 1, {"note": 1})
    with pytest.raises(InvalidInput, match="nothing changed since sync file #2"):
        exporter.export_field(a, tmp_path / "3")
    assert not (tmp_path / "3.fieldsync").exists()
    assert exporter.export_field(a, tmp_path / "4", full=True).records == 2
    assert a.note(first["id"])


def test_concurrent_edits_make_one_conflict_with_both_texts_on_both_sides(pair, tmp_path):
    a, b = pair
    note = a.add_note(["op28.c"], "Synthetic original")
    import_one(b, export(a, tmp_path / "a1"))
    a.edit_note(note["id"], text="Synthetic text from A")
    b.edit_note(note["id"], text="Synthetic text from B")
    ra = import_one(b, export(a, tmp_path / "a2"))
    rb = import_one(a, export(b, tmp_path / "b1"))
    assert ra.conflicts == 1 and rb.conflicts == 1
    for s in (a, b):
        items = resolve.conflicts(s)
        assert len(items) == 1
        texts = {items[0]["current"]["c"]["text"], items[0]["other"]["c"]["text"]}
        assert texts == {"Synthetic text from A", "Synthetic text from B"}
    assert a.note(note["id"])["text"] == b.note(note["id"])["text"]   # same winner
    assert state(a) == state(b)

    # Resolving on A ("keep both") travels to B and closes B's copy of the conflict.
    cid = resolve.conflicts(a)[0]["id"]
    merged = resolve.resolve(a, cid, "both")
    assert "from A" in merged["c"]["text"] and "from B" in merged["c"]["text"]
    assert resolve.conflicts(a) == []
    rep = import_one(b, export(a, tmp_path / "a3"))
    assert rep.updated == 1 and rep.conflicts == 0
    assert resolve.conflicts(b) == []
    assert b.note(note["id"])["text"] == merged["c"]["text"]
    import_one(a, export(b, tmp_path / "b2"))
    assert state(a) == state(b)


def test_delete_against_an_unseen_edit_is_a_conflict_not_a_win(pair, tmp_path):
    a, b = pair
    note = a.add_note(["op1"], "Synthetic to be deleted")
    import_one(b, export(a, tmp_path / "a1"))
    a.delete_note(note["id"])
    b.edit_note(note["id"], text="Synthetic edit B made meanwhile")
    rep = import_one(b, export(a, tmp_path / "a2"))
    assert rep.conflicts == 1
    assert b.note(note["id"])["deleted"] is False
    assert b.note(note["id"])["text"] == "Synthetic edit B made meanwhile"
    import_one(a, export(b, tmp_path / "b1"))
    assert a.note(note["id"])["deleted"] is False          # the edit is back, not lost
    (c,) = resolve.conflicts(a)
    assert c["other"]["c"]["deleted"] == 1
    resolve.resolve(a, c["id"], "other")                    # the officer confirms the delete
    assert a.note(note["id"])["deleted"] is True
    import_one(b, export(a, tmp_path / "a3"))
    assert b.note(note["id"])["deleted"] is True and resolve.conflicts(b) == []


def test_delete_that_saw_the_edit_wins(pair, tmp_path):
    a, b = pair
    note = a.add_note(["op1"], "Synthetic")
    a.edit_note(note["id"], text="Synthetic v2")
    import_one(b, export(a, tmp_path / "a1"))
    b.delete_note(note["id"])
    rep = import_one(a, export(b, tmp_path / "b1"))
    assert (rep.updated, rep.conflicts) == (1, 0)
    assert a.note(note["id"])["deleted"] is True


def test_old_file_replayed_after_newer_ones_changes_nothing(pair, tmp_path):
    a, b = pair
    note = a.add_note(["op1"], "Synthetic v1")
    old = export(a, tmp_path / "a1")
    a.edit_note(note["id"], text="Synthetic v2")
    new = export(a, tmp_path / "a2")
    import_one(b, new)
    before = state(b)
    rep = import_one(b, old)
    assert (rep.status, rep.new, rep.updated, rep.conflicts) == ("imported", 0, 0, 0)
    assert state(b) == before and b.note(note["id"])["text"] == "Synthetic v2"


def test_local_edit_during_an_open_conflict_keeps_the_conflict(pair, tmp_path):
    a, b = pair
    note = a.add_note(["op1"], "Synthetic")
    import_one(b, export(a, tmp_path / "a1"))
    a.edit_note(note["id"], text="Synthetic A")
    b.edit_note(note["id"], text="Synthetic B")
    import_one(b, export(a, tmp_path / "a2"))
    b.edit_note(note["id"], text="Synthetic B again, conflict not reviewed")
    import_one(a, export(b, tmp_path / "b1"))
    import_one(b, export(a, tmp_path / "a3"))
    assert state(a) == state(b)
    assert len(resolve.conflicts(a)) == 1


def test_hq_flow_pins_keys_acknowledges_and_shares(tmp_path, seeded_db_template):
    hq, (f1, f2), _dep = setup_deployment(seeded_db_template, tmp_path)
    f1.add_note(["op3.2"], "Synthetic note from office 1")
    f1.assess_measure("op3.1", 3, "Synthetic evidence office 1")
    secret = f1.add_contact("Synthetic Secret", sensitivity="strictly-confidential")
    open_c = f1.add_contact("Synthetic Open Contact")
    f2.add_note(["op14"], "Synthetic note from office 2")
    e1 = exporter.export_field(f1, tmp_path / "f1-1")
    e2 = exporter.export_field(f2, tmp_path / "f2-1")
    assert e1.encrypted and e2.encrypted
    reports = importer.import_files(hq, [e1.path, e2.path])
    assert [r.status for r in reports] == ["imported", "imported"]
    assert all(r.first_contact and r.encrypted for r in reports)
    assert reports[0].backup and reports[0].backup == reports[1].backup
    assert hq.count_notes() == 2
    st = status(hq)
    seen = {d["device_id"]: d["contiguous_seq"] for d in st["devices"]}
    assert seen == {f1.sync_meta_get("device_id"): 1, f2.sync_meta_get("device_id"): 1}

    package = exporter.export_to_field(hq, tmp_path / "hq-1")
    assert package.encrypted and package.recipients == 2
    rep = import_one(f2, package.path)
    assert rep.status == "imported" and rep.ack == 1
    assert status(f2)["hq_ack"]["seq"] == 1
    # Office 2 now sees office 1's assessment on its ledger, and the open contact only.
    assert [h["evidence"] for h in f2.measure_history("op3.1")] == \
        ["Synthetic evidence office 1"]
    ids = {c["id"] for c in f2.contacts()}
    assert open_c["id"] in ids and secret["id"] not in ids
    assert f2.count_notes() == 1   # notes stay between each office and HQ


def test_a_field_device_cannot_read_another_field_devices_file(tmp_path, seeded_db_template):
    _hq, (f1, f2), _dep = setup_deployment(seeded_db_template, tmp_path)
    f1.add_note(["op1"], "Synthetic")
    path = export(f1, tmp_path / "f1")
    before = db_digest(f2)
    rep = import_one(f2, path)
    assert rep.status == "rejected" and "cannot read it" in rep.reason
    assert db_digest(f2) == before


def test_a_wrong_hq_key_cannot_decrypt(tmp_path, seeded_db_template):
    _hq, (f1,), _dep = setup_deployment(seeded_db_template, tmp_path, n_field=1)
    (tmp_path / "other").mkdir()
    other_hq, _f, _d = setup_deployment(seeded_db_template, tmp_path / "other", n_field=0)
    f1.add_note(["op1"], "Synthetic")
    path = export(f1, tmp_path / "f1")
    before = db_digest(other_hq)
    rep = import_one(other_hq, path)
    assert rep.status == "rejected" and "another recipient" in rep.reason
    assert db_digest(other_hq) == before


def test_hq_refuses_a_second_key_for_a_pinned_device(tmp_path, seeded_db_template):
    hq, (f1,), _dep = setup_deployment(seeded_db_template, tmp_path, n_field=1)
    f1.add_note(["op1"], "Synthetic")
    assert import_one(hq, export(f1, tmp_path / "f1")).status == "imported"
    # Same device ID, new key pair (e.g. a copied database whose key was replaced).
    with f1.transaction():
        f1.sync_meta_delete("sync_signing_key")
    from fieldapp.core.sync.identity import ensure_identity

    ensure_identity(f1)
    f1.add_note(["op2"], "Synthetic")
    before = db_digest(hq)
    rep = import_one(hq, export(f1, tmp_path / "f1b"))
    assert rep.status == "rejected" and "different key" in rep.reason
    assert db_digest(hq) == before


def test_standalone_export_says_not_encrypted(pair, tmp_path):
    a, b = pair
    a.add_note(["op1"], "Synthetic")
    result = exporter.export_field(a, tmp_path / "a1")
    assert result.encrypted is False and result.deployment is None
    from fieldapp.core.sync.messages import export_text, report_text

    assert "NOT ENCRYPTED" in export_text(result)
    assert "NOT ENCRYPTED" in report_text(import_one(b, result.path))


def test_a_lost_file_holds_the_acknowledgement_until_resent(tmp_path, seeded_db_template):
    hq, (f,), _dep = setup_deployment(seeded_db_template, tmp_path, n_field=1)
    me = f.sync_meta_get("device_id")
    f.add_note(["op1"], "Synthetic one")
    lost = export(f, tmp_path / "f1")                 # this stick never reaches HQ
    f.add_note(["op2"], "Synthetic two")
    import_one(hq, export(f, tmp_path / "f2"))
    assert hq.sync_contiguous_seq(me) == 0 and hq.count_notes() == 1
    import_one(f, exporter.export_to_field(hq, tmp_path / "hq1").path)
    assert status(f)["hq_ack"] is None                   # HQ confirms nothing yet
    resend = exporter.export_field(f, tmp_path / "f3", since_ack=True)
    assert resend.records == 2
    import_one(hq, resend.path)
    assert hq.sync_contiguous_seq(me) == 3 and hq.count_notes() == 2
    import_one(f, exporter.export_to_field(hq, tmp_path / "hq2").path)
    assert status(f)["hq_ack"]["seq"] == 3
    assert import_one(hq, lost).new == 0                # the lost stick turns up: no change

"""Convergence: any order of files gives the same state, and no version is silently dropped.

Hypothesis drives random edit histories on 3–6 real databases exchanging real files; the
test keeps its own model of every version created (the revision DAG) as the oracle.
"""
from __future__ import annotations

import itertools
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.core.errors import InvalidInput
from fieldapp.core.sync import exporter, resolve
from fieldapp.core.sync.merge import winner_key
from tests.sync_helpers import export, import_one, new_store, state

EXAMPLES = int(os.environ.get("SYNC_HYPOTHESIS_EXAMPLES", "20"))
UNITS = ["op1", "op3.2", "op28.c.ii", "op14"]


def frontier_revs(store, note_id: str) -> set[str]:
    head = store.sync_rows("note", [note_id])[note_id]
    extra = store.sync_frontier_rows("note", [note_id]).get(note_id, [])
    return {head["rev"]} | {x["version"]["rev"] for x in extra}


def maximal(model: dict[str, dict[str, set[str]]], note_id: str) -> set[str]:
    """Versions of a note that no other created version descends from."""
    parents = model[note_id]
    ancestors: set[str] = set()
    for rev in parents:
        todo = list(parents[rev])
        while todo:
            p = todo.pop()
            if p and p not in ancestors:
                ancestors.add(p)
                todo.extend(parents.get(p, ()))
    return set(parents) - ancestors


def record(model, store, note_id: str, extra_parent: str | None = None) -> None:
    n = store.note(note_id)
    parents = {n["parent_rev"]} if n["parent_rev"] else set()
    if extra_parent:
        parents.add(extra_parent)
    model.setdefault(note_id, {})[n["rev"]] = parents


OPS = st.tuples(st.sampled_from(["add", "edit", "edit", "delete", "restore", "exchange",
                                 "exchange", "resolve"]),
                st.integers(0, 5), st.integers(0, 5), st.integers(0, 10 ** 6))


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(n=st.integers(3, 6), ops=st.lists(OPS, min_size=4, max_size=24), data=st.data())
def test_random_histories_converge_without_loss(tmp_path_factory, seeded_db_template, n, ops,
                                                data):
    folder = tmp_path_factory.mktemp("conv")
    stores = [new_store(seeded_db_template, folder / f"d{i}.db") for i in range(n)]
    model: dict[str, dict[str, set[str]]] = {}
    files: list = []
    try:
        # Two notes every device starts from, so that concurrent edits of one note are common.
        for k in range(2):
            note = stores[0].add_note([UNITS[k]], f"Synthetic shared note {k}")
            record(model, stores[0], note["id"])
        start = export(stores[0], folder / "start")
        for s in stores[1:]:
            import_one(s, start)
        for step, (op, i, j, r) in enumerate(ops):
            s = stores[i % n]
            live = [x["id"] for x in s.notes_page(limit=500)]
            dead = [x["id"] for x in s.notes_page(limit=500, include_deleted=True)
                    if x["deleted"]]
            if op == "add" or (op == "edit" and not live):
                note = s.add_note([UNITS[r % 4]], f"Synthetic note {step} on device {i % n}")
                record(model, s, note["id"])
            elif op == "edit":
                nid = live[r % len(live)]
                s.edit_note(nid, text=f"Synthetic edit {step} by device {i % n}")
                record(model, s, nid)
            elif op == "delete" and live:
                nid = live[r % len(live)]
                s.delete_note(nid)
                record(model, s, nid)
            elif op == "restore" and dead:
                nid = dead[r % len(dead)]
                s.restore_note(nid, text=f"Synthetic restore {step} on device {i % n}")
                record(model, s, nid)
            elif op == "exchange" and i % n != j % n:
                try:
                    path = export(s, folder / f"x{step}")
                except InvalidInput:  # nothing changed since its last file
                    continue
                files.append(path)
                assert import_one(stores[j % n], path).status == "imported"
            elif op == "resolve":
                open_ = resolve.conflicts(s)
                if open_:
                    c = open_[r % len(open_)]
                    resolve.resolve(s, c["id"], ("current", "other", "both")[r % 3])
                    record(model, s, c["record_id"], extra_parent=c["other"]["rev"])
        # Everyone sends everything to everyone, old files replayed too, in a drawn order.
        finals = [export(s, folder / f"final{k}", full=True) for k, s in enumerate(stores)]
        for k, s in enumerate(stores):
            mine = s.sync_meta_get("device_id")
            todo = [f for f in files + finals]
            order = data.draw(st.permutations(todo), label=f"import order {k}")
            for path in order:
                rep = import_one(s, path)
                assert rep.status in ("imported", "already") or \
                    (rep.status == "rejected" and "this installation" in rep.reason and
                     rep.device_id == mine), rep.reason
        first = state(stores[0])
        for s in stores[1:]:
            assert state(s) == first
        for s in stores:
            assert s.check()["ok"]
            for note_id in model:
                expected = maximal(model, note_id)
                assert frontier_revs(s, note_id) == expected, "a version was dropped"
                versions = [s.sync_rows("note", [note_id])[note_id]] + [
                    x["version"] for x in s.sync_frontier_rows("note", [note_id]).get(note_id, [])]
                assert s.note(note_id)["rev"] == max(versions, key=winner_key)["rev"]
    finally:
        for s in stores:
            s.close()


def test_three_devices_exporting_in_every_order_reach_the_same_state(tmp_path,
                                                                      seeded_db_template):
    a, b, c = (new_store(seeded_db_template, tmp_path / f"{x}.db") for x in "abc")
    shared = a.add_note(["op28.c"], "Synthetic shared note")
    base = export(a, tmp_path / "base")
    for s in (b, c):
        import_one(s, base)
    a.edit_note(shared["id"], text="Synthetic: A's version")
    b.edit_note(shared["id"], text="Synthetic: B's version")
    c.delete_note(shared["id"])
    a.add_task("Synthetic task from A")
    b.add_note(["op1"], "Synthetic: B only")
    c.assess_measure("op3.1", 1, "Synthetic evidence C")
    paths = [exporter.export_field(s, tmp_path / f"{k}-1", full=True).path
             for k, s in enumerate((a, b, c))]
    states = []
    for k, order in enumerate(itertools.permutations(paths)):
        obs = new_store(seeded_db_template, tmp_path / f"obs{k}.db")
        for p in order:
            assert import_one(obs, p).status == "imported"
        states.append(state(obs))
        assert obs.check()["ok"]
        obs.close()
    assert all(s == states[0] for s in states[1:])
    # Both live edits survive: one as the note, one as a conflict; the delete is a conflict.
    frontier = states[0]["frontier"]
    assert len([f for f in frontier if f[3] == "open"]) == 2

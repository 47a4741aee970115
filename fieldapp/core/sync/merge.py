"""Pure merge decisions over a record's revision DAG (no I/O; docs/sync-format.md "Merge").

State of one record on one installation:
- K: every rev known for it (its own versions, received versions and their ancestors);
- F, the frontier: the known versions that no other known version descends from.
  F = {head} ∪ {versions kept as conflicts}. The head is the row the app shows.

The head is always `max(F, key=winner_key)`: a live version beats a tombstone (a delete
never wins silently over an edit it has not seen), then the later hybrid logical clock,
then the larger rev. Since K after a set of files is the union of what they carry
(whatever the order), F and therefore the head and the conflict set are the same in any
order of import, and re-importing changes nothing.

Seeded versions (device_id "seed", identical reference data on every installation) never
stand against an edit: any real version supersedes them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

SEED = "seed"


def winner_key(v: dict) -> tuple:
    """Larger wins: live over deleted, then later hlc, then larger rev (deterministic)."""
    return (0 if v["c"]["deleted"] else 1, v["hlc"], v["rev"])


def is_seed(v: dict) -> bool:
    return v["device_id"] == SEED


def visible_conflict(loser: dict, head: dict) -> bool:
    """A frontier version worth a person's attention: different content, not both deleted."""
    if loser["c"]["deleted"] and head["c"]["deleted"]:
        return False
    return loser["c"] != head["c"]


def ancestry(v: dict) -> set[str]:
    """Every rev `v` descends from (its parent and the anc edges it carries)."""
    out = {v["parent_rev"]} if v["parent_rev"] else set()
    for child, parent in v.get("anc") or ():
        out.add(child)
        if parent:
            out.add(parent)
    out.discard(v["rev"])
    return out


@dataclass
class Outcome:
    """What to do with one incoming version."""

    status: str                      # "new" | "updated" | "conflict" | "unchanged"
    head: dict | None = None         # the version the record row must hold (None: keep)
    frontier: list[dict] = field(default_factory=list)   # F after the merge, head first
    superseded: list[str] = field(default_factory=list)  # revs that left F

    @property
    def losers(self) -> list[dict]:
        return self.frontier[1:]


def merge(frontier: list[dict], known: Callable[[str], bool], v: dict) -> Outcome:
    """Decide for incoming version `v` given the record's current frontier (head first).

    `frontier` is empty when the record does not exist here. `known(rev)` tells whether a
    rev is in K.
    """
    if not frontier:
        if known(v["rev"]):
            return Outcome("unchanged")
        return Outcome("new", head=v, frontier=[v])
    head = frontier[0]
    if v["rev"] in {f["rev"] for f in frontier} or known(v["rev"]):
        return Outcome("unchanged")
    if is_seed(v) and any(not is_seed(f) for f in frontier):
        return Outcome("unchanged")
    anc = ancestry(v)
    keep = [f for f in frontier
            if f["rev"] not in anc and not (is_seed(f) and not is_seed(v))]
    superseded = [f["rev"] for f in frontier if f not in keep]
    new_frontier = keep + [v]
    new_head = max(new_frontier, key=winner_key)
    ordered = [new_head] + sorted((f for f in new_frontier if f is not new_head),
                                  key=winner_key, reverse=True)
    before = {f["rev"] for f in frontier[1:] if visible_conflict(f, head)}
    after = {f["rev"] for f in ordered[1:] if visible_conflict(f, new_head)}
    if after - before:
        status = "conflict"
    elif new_head["rev"] != head["rev"]:
        status = "updated"
    else:
        status = "unchanged"
    return Outcome(status, head=None if new_head["rev"] == head["rev"] else new_head,
                   frontier=ordered, superseded=superseded)


def normalize(frontier: list[dict]) -> dict | None:
    """The version that should be head when a local edit left F out of order (else None).

    A local edit made while a conflict is open does not supersede the conflicting version
    (it did not see it), so the head must again be max(F), as on every other installation.
    """
    if len(frontier) < 2:
        return None
    best = max(frontier, key=winner_key)
    return None if best["rev"] == frontier[0]["rev"] else best

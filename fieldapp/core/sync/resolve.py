"""Conflicts: list them with both versions, resolve one (keep current, other, or both).

A resolution is a new version whose parents are both the current head and the conflicting
version, so it supersedes both everywhere it travels: other installations that hold the
same conflict close it when the resolution arrives.
"""
from __future__ import annotations

from fieldapp.core.errors import InvalidInput, NotFound
from fieldapp.core.i18n import _
from fieldapp.core.records.validate import clean_text, default_author, now_iso
from fieldapp.core.revision import compute_rev
from fieldapp.core.sync.merge import visible_conflict

CHOICES = ("current", "other", "both")
# The free-text field of each kind that "keep both" merges.
MERGE_FIELD = {"note": "text", "task": "note", "contact": "note", "assessment": "evidence"}


def label(kind: str, content: dict) -> str:
    """A one-line description of a record for lists (data, not translated)."""
    if kind == "note":
        text = content["text"].strip().splitlines()[0] if content["text"].strip() else ""
        return f"{', '.join(content['units'])}: {text[:80]}"
    if kind == "task":
        return content["title"][:100]
    if kind == "contact":
        return content["name"][:100]
    return f"{content['measure_id']}: {content['status']}"


def _with_head(store, row: dict) -> dict:
    rows = store.sync_rows(row["kind"], [row["record_id"]])
    head = rows.get(row["record_id"])
    if head is None:
        raise NotFound(_("the record of conflict {id} no longer exists").format(id=row["id"]))
    return {"id": row["id"], "kind": row["kind"], "record_id": row["record_id"],
            "status": row["status"], "detected_at": row["detected_at"],
            "label": label(row["kind"], head["c"]), "current": head, "other": row["version"],
            "head_at_detection": row["head"], "resolution": row["resolution"],
            "closed_at": row["closed_at"]}


def conflicts(store, include_closed: bool = False) -> list[dict]:
    """Unresolved conflicts (or all), each with the current version and the other version."""
    status = ("open", "resolved", "superseded") if include_closed else ("open",)
    out = []
    for row in store.sync_conflicts(status):
        try:
            out.append(_with_head(store, row))
        except NotFound:
            continue
    return out


def conflict(store, conflict_id: int) -> dict:
    row = store.sync_conflict(int(conflict_id))
    if row is None:
        raise NotFound(_("no such conflict: {id}").format(id=conflict_id))
    return _with_head(store, row)


def merged_text(current: str, other: str) -> str:
    """Both texts, current first; one of them alone when it already contains the other."""
    if other.strip() in current:
        return current
    if current.strip() in other:
        return other
    return current.rstrip() + "\n\n" + other.lstrip()


def resolve(store, conflict_id: int, choice: str, text: str | None = None) -> dict:
    """Resolve one open conflict; return the new current version (a new revision)."""
    if choice not in CHOICES:
        raise InvalidInput(_("choose current, other or both"))
    with store.transaction():
        c = conflict(store, conflict_id)
        if c["status"] != "open":
            raise InvalidInput(_("conflict {id} is not open (it is {status})")
                               .format(id=conflict_id, status=c["status"]))
        kind, head, other = c["kind"], c["current"], c["other"]
        if choice == "current":
            content = dict(head["c"])
        elif choice == "other":
            content = dict(other["c"])
        else:
            content = dict(head["c"])
            field = MERGE_FIELD[kind]
            merged = text if text is not None else merged_text(head["c"][field],
                                                               other["c"][field])
            content[field] = clean_text(merged, _("merged text"), required=kind == "note")
            content["deleted"] = 0
        from fieldapp.core.store import next_change_seq

        clock = store.clock()
        hlc = clock.now()
        now = now_iso()
        rev = compute_rev(content, head["rev"], hlc, clock.device_id)
        version = {"k": kind, "id": head["id"], "rev": rev, "parent_rev": head["rev"],
                   "hlc": hlc, "device_id": clock.device_id, "c": content,
                   "created_at": head["created_at"], "updated_at": now,
                   "editor": default_author(), "edited_at": now}
        store.sync_write_version(version, next_change_seq(store.conn))
        store.sync_add_edges(kind, head["id"], [(rev, head["rev"]), (rev, other["rev"])])
        store.sync_close_conflict(c["id"], choice, rev, now)
        rest = store.sync_frontier_rows(kind, [head["id"]]).get(head["id"], [])
        losers = [(x["version"], "open" if visible_conflict(x["version"], version)
                   else "identical") for x in rest]
        store.sync_put_frontier(kind, head["id"], version, losers, [], now)
    return version

"""Tasks (mandated tasks, reporting duties, the user's own): validation and content dict."""
from __future__ import annotations

from typing import Mapping

from fieldapp.core.errors import InvalidInput
from fieldapp.core.i18n import _
from fieldapp.core.records.validate import as_list, clean_date, clean_line, clean_text

STATUSES = ("open", "in-progress", "done", "cancelled")
KINDS = ("priority-task", "other-task", "reporting", "user")
TASK_FIELDS = ("kind", "parent", "title", "title_fr", "owner", "owner_fr", "status", "due",
               "cadence_months", "first_due", "units", "note", "note_fr", "seeded")
EDITABLE = ("title", "owner", "status", "due", "units", "note")


def task_content(row: Mapping) -> dict:
    """Content of one task version (units sorted; JSON columns decoded)."""
    return {
        "kind": row["kind"], "parent": row["parent"] or None, "title": row["title"],
        "title_fr": row["title_fr"] or None, "owner": row["owner"] or "",
        "owner_fr": row["owner_fr"] or None, "status": row["status"], "due": row["due"] or None,
        "cadence_months": row["cadence_months"], "first_due": row["first_due"] or None,
        "units": sorted(as_list(row["units"])), "note": row["note"] or "",
        "note_fr": row["note_fr"] or None, "seeded": int(bool(row["seeded"])),
        "deleted": int(bool(row["deleted"])),
    }


def clean_task_fields(fields: Mapping) -> dict:
    """Validate the user-editable fields present in `fields` (units are checked by the store)."""
    out: dict = {}
    if "title" in fields:
        out["title"] = clean_line(fields["title"], _("task title"), required=True, max_chars=500)
    if "owner" in fields:
        out["owner"] = clean_line(fields["owner"], _("owner"), max_chars=200)
    if "status" in fields:
        status = str(fields["status"] or "").strip().lower().replace(" ", "-").replace("_", "-")
        if status not in STATUSES:
            raise InvalidInput(_("status must be one of: {choices}")
                               .format(choices=", ".join(STATUSES)))
        out["status"] = status
    if "due" in fields:
        out["due"] = clean_date(fields["due"], _("due date"), required=False)
    if "units" in fields:
        out["units"] = sorted({clean_line(u, _("paragraph ID"), required=True, max_chars=40)
                               for u in (fields["units"] or [])})
    if "note" in fields:
        out["note"] = clean_text(fields["note"], _("task note"), required=False,
                                 max_chars=100_000)
    return out


def seed_task(entry: dict, seq: int) -> dict:
    """A tasks row (content fields) from one entry of data/tasks.json."""
    cadence = entry.get("cadence") or {}
    note = entry.get("note") or {}
    return {
        "id": f"seed:{entry['id']}", "kind": entry["kind"],
        "parent": f"seed:{entry['parent']}" if entry.get("parent") else None,
        "title": entry["title"]["en"], "title_fr": entry["title"].get("fr"),
        "owner": entry["owner"]["en"], "owner_fr": entry["owner"].get("fr"), "status": "open",
        "due": entry.get("due"), "cadence_months": cadence.get("every_months"),
        "first_due": entry.get("first_due"), "units": [entry["unit"]],
        "note": note.get("en") or "", "note_fr": note.get("fr"), "seeded": 1, "deleted": 0,
        "seq": seq,
    }

"""Tasks: the mandated tasks and reporting duties (seeded) and the user's own."""
from __future__ import annotations

from fieldapp.core.errors import InvalidInput, NotFound
from fieldapp.core.i18n import _
from fieldapp.core.records.tasks import EDITABLE, clean_task_fields, task_content
from fieldapp.core.records.validate import clean_date
from fieldapp.core.store.records_base import SimpleRecords

_ORDER = " ORDER BY coalesce(due, first_due) IS NULL, coalesce(due, first_due), seeded DESC, seq, title"


def _task(row) -> dict:
    out = {k: row[k] for k in ("id", "rev", "parent_rev", "hlc", "device_id", "change_seq",
                               "created_at", "updated_at", "seq")}
    out.update(task_content(row))
    out["deleted"] = bool(out["deleted"])
    out["seeded"] = bool(out["seeded"])
    return out


class TasksQueries(SimpleRecords):
    """Tasks API of the Store (see docs/records-schema.md)."""

    def tasks(self, *, status: str | None = None, owner: str | None = None,
              due_before: str | None = None, unit: str | None = None,
              include_deleted: bool = False) -> list[dict]:
        """Tasks soonest due first (undated last); filters combine with AND.

        owner matches as a case-insensitive substring; due_before keeps tasks whose due date
        (or first due date of a recurring duty) is on or before that day.
        """
        sql, args = "SELECT * FROM tasks WHERE 1", []
        if not include_deleted:
            sql += " AND deleted = 0"
        if status:
            sql += " AND status = ?"
            args.append(clean_task_fields({"status": status})["status"])
        if owner:
            sql += " AND (instr(lower(owner), lower(?)) OR instr(lower(owner_fr), lower(?)))"
            args += [owner, owner]
        if due_before:
            sql += " AND coalesce(due, first_due) <= ?"
            args.append(clean_date(due_before, _("due-before date")))
        if unit:
            sql += " AND EXISTS (SELECT 1 FROM json_each(tasks.units) WHERE value = ?)"
            args.append(unit)
        return [_task(r) for r in self._query(sql + _ORDER, args)]

    def task(self, task_id: str) -> dict:
        row = self._query_one("SELECT * FROM tasks WHERE id=?", (task_id,))
        if row is None:
            raise NotFound(_("no such task: {id}").format(id=str(task_id)[:60]))
        return _task(row)

    def add_task(self, title: str, *, owner: str = "", due: str | None = None,
                 units: list[str] | None = None, note: str = "", status: str = "open") -> dict:
        fields = clean_task_fields({"title": title, "owner": owner, "due": due,
                                    "units": units or [], "note": note, "status": status})
        self.check_units(fields["units"])
        content = {"kind": "user", "parent": None, "title_fr": None, "owner_fr": None,
                   "cadence_months": None, "first_due": None, "note_fr": None, "seeded": 0,
                   **fields}
        return self.task(self._create_record("tasks", task_content, content))

    def edit_task(self, task_id: str, **changes) -> dict:
        """Change title, owner, status, due, units or note (seeded tasks too: status, due…)."""
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise InvalidInput(_("unknown task field: {f}").format(f=sorted(unknown)[0]))
        current = self.task(task_id)
        if current["deleted"]:
            raise InvalidInput(_("task {id} is deleted").format(id=task_id))
        fields = clean_task_fields(changes)
        if "units" in fields:
            self.check_units(fields["units"])
        if current["seeded"] and "title" in fields and fields["title"] != current["title"]:
            fields["title_fr"] = None  # the bundled translation no longer matches
        self._change_record("tasks", task_content, current, fields)
        return self.task(task_id)

    def complete_task(self, task_id: str) -> dict:
        return self.edit_task(task_id, status="done")

    def delete_task(self, task_id: str) -> dict:
        current = self.task(task_id)
        if current["deleted"]:
            raise InvalidInput(_("task {id} is already deleted").format(id=task_id))
        self._change_record("tasks", task_content, current, {"deleted": 1})
        return self.task(task_id)

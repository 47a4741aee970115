"""Progress notes: validation and the content dictionary hashed into a note's rev.

`note_content` is the ONE definition of a note's content for revisions and sync.
"""
from __future__ import annotations

import json
from typing import Mapping

from fieldapp.core.errors import InvalidInput
from fieldapp.core.i18n import _
from fieldapp.core.records.validate import (as_list, clean_date, clean_line, clean_sensitivity,
                                            clean_tags, clean_text, match_region)

NOTE_FIELDS = ("units", "measure_id", "task_id", "date", "region", "cercle", "author",
               "sensitivity", "text", "tags")
SYNC_FIELDS = ("id", "rev", "parent_rev", "hlc", "device_id", "deleted", "change_seq",
               "created_at", "updated_at")
MAX_UNITS = 200


def note_content(row: Mapping) -> dict:
    """Content of one note version (units and tags sorted lists; JSON columns decoded)."""
    return {
        "units": sorted(as_list(row["units"])),
        "measure_id": row["measure_id"] or None,
        "task_id": row["task_id"] or None,
        "date": row["date"],
        "region": row["region"] or None,
        "cercle": row["cercle"] or None,
        "author": row["author"] or "",
        "sensitivity": row["sensitivity"],
        "text": row["text"],
        "tags": sorted(as_list(row["tags"])),
        "deleted": int(bool(row["deleted"])),
    }


def row_to_note(row: Mapping) -> dict:
    """A stored notes row (sqlite3.Row or dict) as the public note dictionary."""
    out = {k: row[k] for k in SYNC_FIELDS}
    content = note_content(row)
    content.pop("deleted")
    out.update(content)
    out["deleted"] = bool(row["deleted"])
    return out


def clean_note_fields(fields: Mapping, regions: list[dict]) -> dict:
    """Validate and normalise the user-editable fields present in `fields`.

    Existence of units, measure and task is checked by the store (it needs the database).
    """
    out: dict = {}
    if "text" in fields:
        out["text"] = clean_text(fields["text"], _("note text"))
    if "units" in fields:
        units = sorted({clean_line(u, _("paragraph ID"), required=True, max_chars=40)
                        for u in (fields["units"] or [])})
        if not units:
            raise InvalidInput(_("a note needs at least one paragraph ID (e.g. op28.c.ii)"))
        if len(units) > MAX_UNITS:
            raise InvalidInput(_("a note can be attached to at most {n} paragraphs")
                               .format(n=MAX_UNITS))
        out["units"] = units
    if "date" in fields:
        out["date"] = clean_date(fields["date"])
    if "region" in fields or "cercle" in fields:
        out["region"], out["cercle"] = match_region(regions, fields.get("region"),
                                                    fields.get("cercle"))
    if "sensitivity" in fields:
        out["sensitivity"] = clean_sensitivity(fields["sensitivity"])
    if "tags" in fields:
        out["tags"] = clean_tags(fields["tags"])
    if "author" in fields:
        out["author"] = clean_line(fields["author"], _("author"), max_chars=200)
    for key in ("measure_id", "task_id"):
        if key in fields:
            out[key] = clean_line(fields[key], key, max_chars=100) or None
    return out


def history_entry(content_json: str) -> dict:
    return json.loads(content_json)

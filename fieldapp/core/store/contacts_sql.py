"""Contacts: organisations named in the resolution (seeded) and the user's own."""
from __future__ import annotations

from fieldapp.core.errors import InvalidInput, NotFound
from fieldapp.core.i18n import _
from fieldapp.core.records.contacts import EDITABLE, clean_contact_fields, contact_content
from fieldapp.core.records.validate import fold_key
from fieldapp.core.store.records_base import SimpleRecords

MAX_IMPORT = 20_000


def _contact(row) -> dict:
    out = {k: row[k] for k in ("id", "rev", "parent_rev", "hlc", "device_id", "change_seq",
                               "created_at", "updated_at")}
    out.update(contact_content(row))
    out["deleted"] = bool(out["deleted"])
    out["seeded"] = bool(out["seeded"])
    return out


def identity(c: dict) -> tuple:
    """What makes two contacts the same for import (so re-importing adds no duplicates)."""
    return (c.get("kind") or "person", fold_key(c.get("name") or ""),
            fold_key(c.get("email") or ""), "".join(ch for ch in c.get("phone") or ""
                                                    if ch.isdigit() or ch == "+"))


ERASED_CONTACT_FIELDS = {"phone": "", "email": "", "location": "", "role": "",
                         "languages": [], "note": ""}


class ContactsQueries(SimpleRecords):
    """Contacts API of the Store (see docs/records-schema.md)."""

    def contacts(self, *, kind: str | None = None, query: str | None = None,
                 include_strictly_confidential: bool = True,
                 include_deleted: bool = False) -> list[dict]:
        """Contacts sorted by kind (organisations first) then name; query matches name, role,
        organisation, location (accent- and case-insensitive substring)."""
        sql, args = "SELECT * FROM contacts WHERE 1", []
        if not include_deleted:
            sql += " AND deleted = 0"
        if kind:
            sql += " AND kind = ?"
            args.append(kind)
        if not include_strictly_confidential:
            sql += " AND sensitivity != 'strictly-confidential'"
        rows = [_contact(r) for r in self._query(sql + " ORDER BY kind, seeded DESC, name", args)]
        if query:
            key = fold_key(query)
            rows = [c for c in rows if any(key in fold_key(c[f] or "") for f in
                                           ("name", "name_fr", "acronym", "role",
                                            "organisation", "location", "email"))]
        return rows

    def contact(self, contact_id: str) -> dict:
        row = self._query_one("SELECT * FROM contacts WHERE id=?", (contact_id,))
        if row is None:
            raise NotFound(_("no such contact: {id}").format(id=str(contact_id)[:60]))
        return _contact(row)

    def _new_contact_content(self, fields: dict) -> dict:
        fields = clean_contact_fields({"kind": "person", "role": "", "organisation": "",
                                       "phone": "", "email": "", "location": "",
                                       "languages": [], "sensitivity": "unclassified",
                                       "units": [], "note": "", **fields})
        self.check_units(fields["units"])
        return {"name_fr": None, "acronym": None, "org_type": None, "seeded": 0, **fields}

    def add_contact(self, name: str, *, kind: str = "person", **fields) -> dict:
        unknown = set(fields) - set(EDITABLE)
        if unknown:
            raise InvalidInput(_("unknown contact field: {f}").format(f=sorted(unknown)[0]))
        content = self._new_contact_content({"name": name, "kind": kind, **fields})
        return self.contact(self._create_record("contacts", contact_content, content))

    def edit_contact(self, contact_id: str, **changes) -> dict:
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise InvalidInput(_("unknown contact field: {f}").format(f=sorted(unknown)[0]))
        current = self.contact(contact_id)
        if current["deleted"]:
            raise InvalidInput(_("contact {id} is deleted").format(id=contact_id))
        fields = clean_contact_fields(changes)
        if "units" in fields:
            self.check_units(fields["units"])
        if current["seeded"] and fields.get("name", current["name"]) != current["name"]:
            fields["name_fr"] = None
        self._change_record("contacts", contact_content, current, fields)
        return self.contact(contact_id)

    def delete_contact(self, contact_id: str) -> dict:
        """Tombstone without phone, e-mail, location, role, languages or note (the old row's
        bytes are zeroed by secure_delete); name, kind and organisation stay."""
        current = self.contact(contact_id)
        if current["deleted"]:
            raise InvalidInput(_("contact {id} is already deleted").format(id=contact_id))
        # Secure delete (as for notes): the tombstone keeps who it was, not how to reach them.
        self._change_record("contacts", contact_content, current,
                            {"deleted": 1, **ERASED_CONTACT_FIELDS})
        return self.contact(contact_id)

    def import_contacts(self, records: list[dict]) -> dict:
        """Validate every record first, then add the new ones in one transaction.

        Records identical (kind, name, email, phone) to an existing contact or to an earlier
        record of the same file are skipped, so importing a file twice adds nothing.
        """
        if len(records) > MAX_IMPORT:
            raise InvalidInput(_("too many contacts in one file (at most {n})")
                               .format(n=MAX_IMPORT))
        known = {identity(c) for c in self.contacts()}
        fresh = []
        for i, rec in enumerate(records, 1):
            try:
                content = self._new_contact_content(
                    {k: v for k, v in rec.items() if k in EDITABLE})
            except (InvalidInput, NotFound) as exc:
                raise type(exc)(_("record {n}: {error}").format(n=i, error=exc)) from None
            key = identity(content)
            if key not in known:
                known.add(key)
                fresh.append(content)
        added = []
        with self.transaction():  # type: ignore[attr-defined]
            for content in fresh:
                added.append(self._create_record("contacts", contact_content, content))
        return {"added": len(added), "skipped": len(records) - len(added), "ids": added}

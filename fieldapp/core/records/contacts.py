"""Contacts (organisations named in the resolution, the user's organisations and people)."""
from __future__ import annotations

from typing import Mapping

from fieldapp.core.errors import InvalidInput
from fieldapp.core.i18n import _
from fieldapp.core.lazy_re import LazyPattern
from fieldapp.core.records.validate import (as_list, clean_line, clean_sensitivity,
                                            clean_text)

KINDS = ("organisation", "person")
CONTACT_FIELDS = ("kind", "name", "name_fr", "acronym", "org_type", "role", "organisation",
                  "phone", "email", "location", "languages", "sensitivity", "units", "note",
                  "seeded")
EDITABLE = ("kind", "name", "role", "organisation", "phone", "email", "location", "languages",
            "sensitivity", "units", "note")
_EMAIL_RE = LazyPattern(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE_RE = LazyPattern(r"\+?[0-9 ().\-/]{3,40}")


def contact_content(row: Mapping) -> dict:
    """Content of one contact version (units sorted; languages in the user's order)."""
    return {
        "kind": row["kind"], "name": row["name"], "name_fr": row["name_fr"] or None,
        "acronym": row["acronym"] or None, "org_type": row["org_type"] or None,
        "role": row["role"] or "", "organisation": row["organisation"] or "",
        "phone": row["phone"] or "", "email": row["email"] or "",
        "location": row["location"] or "", "languages": as_list(row["languages"]),
        "sensitivity": row["sensitivity"], "units": sorted(as_list(row["units"])),
        "note": row["note"] or "", "seeded": int(bool(row["seeded"])),
        "deleted": int(bool(row["deleted"])),
    }


def clean_contact_fields(fields: Mapping) -> dict:
    """Validate the user-editable fields present in `fields` (units are checked by the store)."""
    out: dict = {}
    if "kind" in fields:
        if fields["kind"] not in KINDS:
            raise InvalidInput(_("contact kind must be organisation or person"))
        out["kind"] = fields["kind"]
    if "name" in fields:
        out["name"] = clean_line(fields["name"], _("name"), required=True, max_chars=300)
    for key, label in (("role", _("role")), ("organisation", _("organisation")),
                       ("location", _("location"))):
        if key in fields:
            out[key] = clean_line(fields[key], label, max_chars=300)
    if "phone" in fields:
        phone = clean_line(fields["phone"], _("phone"), max_chars=40)
        if phone and not _PHONE_RE.fullmatch(phone):
            raise InvalidInput(_("phone {value!r} is not a phone number (digits, spaces, + - ( ) .)")
                               .format(value=phone))
        out["phone"] = phone
    if "email" in fields:
        email = clean_line(fields["email"], _("email"), max_chars=254)
        if email and not _EMAIL_RE.fullmatch(email):
            raise InvalidInput(_("email {value!r} is not an e-mail address").format(value=email))
        out["email"] = email
    if "languages" in fields:
        langs: list[str] = []
        for raw in fields["languages"] or []:
            lang = clean_line(raw, _("language"), max_chars=40)
            if lang and lang not in langs:
                langs.append(lang)
        out["languages"] = langs
    if "sensitivity" in fields:
        out["sensitivity"] = clean_sensitivity(fields["sensitivity"])
    if "units" in fields:
        out["units"] = sorted({clean_line(u, _("paragraph ID"), required=True, max_chars=40)
                               for u in (fields["units"] or [])})
    if "note" in fields:
        out["note"] = clean_text(fields["note"], _("contact note"), required=False,
                                 max_chars=100_000)
    return out


def seed_contact(entry: dict, seq: int) -> dict:
    """A contacts row (content fields) from one entry of data/organisations.json."""
    acronym = entry.get("acronym") or {}
    note = entry.get("note") or {}
    return {
        "id": f"seed:{entry['id']}", "kind": "organisation", "name": entry["name"]["en"],
        "name_fr": entry["name"].get("fr"), "acronym": acronym.get("en"),
        "org_type": entry.get("kind"), "role": "", "organisation": "", "phone": "",
        "email": "", "location": "", "languages": [], "sensitivity": "unclassified",
        "units": list(entry.get("units") or []), "note": note.get("en") or "", "seeded": 1,
        "deleted": 0, "seq": seq,
    }

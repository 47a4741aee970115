"""Validation shared by every record kind: one clear InvalidInput line per problem."""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from typing import Iterable

from fieldapp.core.errors import InvalidInput
from fieldapp.core.i18n import N_, _
from fieldapp.core.lazy_re import LazyPattern

MAX_TEXT = 1_000_000
MAX_FIELD = 2_000
MAX_TAG = 64
MAX_TAGS = 50
SENSITIVITIES = ("unclassified", "confidential", "strictly-confidential")
SENSITIVITY_LABELS = {"unclassified": N_("Unclassified"), "confidential": N_("Confidential"),
                      "strictly-confidential": N_("Strictly confidential")}
_DATE_RE = LazyPattern(r"\d{4}-\d{2}-\d{2}")
# C0 controls other than tab, newline and carriage return (NUL is reported on its own).
_BAD_CONTROL_RE = LazyPattern(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def today() -> str:
    return dt.date.today().isoformat()


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def default_author() -> str:
    try:
        import getpass  # start-up speed: only an author-less note needs it

        return getpass.getuser()
    except Exception:  # no user name on this system (rare containers)
        return ""


def clean_text(value: object, field: str, *, required: bool = True,
               max_chars: int = MAX_TEXT, multiline: bool = True) -> str:
    """A stored string: no NUL or other control characters, within the size limit.

    Markup, emoji and bidi characters are stored as given (the UI shows them as plain text).
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(_("{field} must be text").format(field=field))
    if "\x00" in value:
        raise InvalidInput(_("{field} contains a NUL character; nothing was saved")
                           .format(field=field))
    if _BAD_CONTROL_RE.search(value) or (not multiline and re.search(r"[\r\n\t]", value)):
        raise InvalidInput(_("{field} contains control characters; nothing was saved")
                           .format(field=field))
    if len(value) > max_chars:
        raise InvalidInput(_("{field} is too long ({n} characters, at most {max})")
                           .format(field=field, n=len(value), max=max_chars))
    if required and not value.strip():
        raise InvalidInput(_("{field} is empty").format(field=field))
    return value if multiline else value.strip()


def clean_line(value: object, field: str, *, required: bool = False,
               max_chars: int = MAX_FIELD) -> str:
    """A one-line field (name, role, owner…), stripped."""
    return clean_text(value, field, required=required, max_chars=max_chars, multiline=False)


def clean_date(value: object, field: str = "date", *, required: bool = True) -> str | None:
    """An ISO date YYYY-MM-DD that exists on the calendar."""
    if value in (None, "") and not required:
        return None
    if not isinstance(value, str) or not _DATE_RE.fullmatch(value.strip()):
        raise InvalidInput(_("{field} must be a date written YYYY-MM-DD, got {value!r}")
                           .format(field=field, value=str(value)[:40]))
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise InvalidInput(_("{field} {value} is not a calendar date")
                           .format(field=field, value=value.strip())) from None


def clean_sensitivity(value: object) -> str:
    text = fold_key(str(value or "unclassified")).replace(" ", "-").replace("_", "-")
    if text not in SENSITIVITIES:
        raise InvalidInput(_("sensitivity must be one of: {choices}")
                           .format(choices=", ".join(SENSITIVITIES)))
    return text


def clean_tags(values: Iterable[object] | None) -> list[str]:
    """Sorted, de-duplicated tags (case-insensitive duplicates keep the first spelling)."""
    out: dict[str, str] = {}
    for raw in values or []:
        tag = clean_line(raw, _("tag"), max_chars=MAX_TAG)
        if tag and fold_key(tag) not in out:
            out[fold_key(tag)] = tag
    if len(out) > MAX_TAGS:
        raise InvalidInput(_("at most {n} tags").format(n=MAX_TAGS))
    return sorted(out.values())


def fold_key(text: str) -> str:
    """Accent- and case-insensitive comparison key ("Ménaka" == "menaka")."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def as_list(value: object) -> list:
    """A JSON list column (stored text) or an already decoded list."""
    if value is None:
        return []
    if isinstance(value, str):
        return json.loads(value)
    return list(value)


def match_region(regions: list[dict], region: str | None,
                 cercle: str | None) -> tuple[str | None, str | None]:
    """(region id, cercle name) from data/regions.json, matched accent-insensitively.

    A region is matched by id, English or French name or alias. A cercle must belong to the
    region when the data lists that region's cercles completely; for regions whose list is
    marked incomplete any cercle name is accepted as typed. A cercle without a region finds
    its region when the name is unique.
    """
    region = (region or "").strip() or None
    cercle = (cercle or "").strip() or None
    found = None
    if region:
        key = fold_key(region)
        for r in regions:
            names = [r["id"], r["name"]["en"], r["name"].get("fr") or "", *r.get("aliases", [])]
            if key in {fold_key(n) for n in names if n}:
                found = r
                break
        if found is None:
            raise InvalidInput(_("unknown region {region!r} (e.g. Gao, Mopti, Ménaka)")
                               .format(region=region[:60]))
    if cercle is None:
        return (found["id"] if found else None), None
    cercle = clean_line(cercle, _("cercle"), max_chars=100)
    key = fold_key(cercle)
    candidates = [found] if found else regions
    for r in candidates:
        for name in [*r.get("cercles", []), *(r.get("communes") or [])]:
            if fold_key(name) == key:
                return r["id"], name
    if found is not None and not found.get("cercles_complete", True):
        return found["id"], cercle
    where = (found["name"]["en"] if found else _("any region"))
    raise InvalidInput(_("unknown cercle {cercle!r} in {where}")
                       .format(cercle=cercle[:60], where=where))

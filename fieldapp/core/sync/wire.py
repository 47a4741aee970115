"""Record versions on the wire: the kinds a file may carry and how each line is checked.

One payload line = one JSON object:

    {"k": kind, "id", "rev", "parent_rev", "hlc", "device_id", "c": content,
     "anc": [[rev, parent_rev|null], ...], "created_at", "updated_at"}        (note, task,
                                                                               contact,
                                                                               assessment)
    {"k": "note_history", "id", "rev", "parent_rev", "hlc", "device_id", "c": content,
     "editor", "edited_at"}                                                   (an older version)

A note version also carries "editor" and "edited_at" (who made that version, for its
history entry).

`c` is exactly the content dictionary of docs/records-schema.md (the records' own
`*_content` functions), and `rev` must equal `revision.compute_rev(c, parent_rev, hlc,
device_id)`: a version cannot claim a rev that does not match its content. `anc` lists the
ancestry edges of the version (all versions it descends from), so that a receiver that
missed the intermediate versions still knows this one descends from what it has.
"""
from __future__ import annotations

import math
import re
import threading
from typing import Callable

from fieldapp.core.i18n import _
from fieldapp.core.records.contacts import KINDS as CONTACT_KINDS
from fieldapp.core.records.contacts import contact_content
from fieldapp.core.records.measures import CONFIDENCES, assessment_content
from fieldapp.core.records.notes import note_content
from fieldapp.core.records.tasks import KINDS as TASK_KINDS
from fieldapp.core.records.tasks import STATUSES as TASK_STATUSES
from fieldapp.core.records.tasks import task_content
from fieldapp.core.records.validate import SENSITIVITIES
from fieldapp.core.sync.canon import rev_of
from fieldapp.core.sync.format import Rejected

# kind on the wire -> (table, content function)
KINDS: dict[str, tuple[str, Callable[[dict], dict]]] = {
    "note": ("notes", note_content),
    "assessment": ("measure_assessments", assessment_content),
    "task": ("tasks", task_content),
    "contact": ("contacts", contact_content),
}
HISTORY = "note_history"
ALL_KINDS = (*KINDS, HISTORY)
MAX_TEXT = 1_000_000
MAX_FIELD = 100_000
MAX_LIST = 1_000
MAX_ANC = 10_000

HEX32 = re.compile(r"[0-9a-f]{32}")
REV = re.compile(r"[0-9a-f]{64}")
RECORD_ID = re.compile(r"[0-9a-f]{32}|seed:[A-Za-z0-9._:-]{1,120}")
HLC = re.compile(r"(\d{13})-(\d{6})-([0-9a-f]{32}|seed)")
ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_COMMON = {"k", "id", "rev", "parent_rev", "hlc", "device_id", "c"}
VERSION_KEYS = _COMMON | {"anc", "created_at", "updated_at"}
HISTORY_KEYS = _COMMON | {"editor", "edited_at"}
NOTE_KEYS = VERSION_KEYS | {"editor", "edited_at"}   # a note version says who made it


def _bad(n: int, message: str):
    raise Rejected(_("record {n}: {problem}").format(n=n, problem=message))


# Per thread: True while checking a line whose raw bytes cannot hold a control character
# (JSON carries them only as escapes \u00XX, \b, \f, \n, \r or a raw DEL byte), so the
# per-string scans can be skipped — most lines of a large file.
_line = threading.local()
_RAW_CONTROL = re.compile(rb"\\(?:u00|b|f|n|r)|\x7f")


def _string(n: int, value: object, name: str, *, optional: bool = False,
            limit: int = MAX_FIELD, multiline: bool = True) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str):
        _bad(n, _("{field} must be text").format(field=name))
    if len(value) > limit:
        _bad(n, _("{field} is longer than {max} characters").format(field=name, max=limit))
    if getattr(_line, "clean", False):
        return
    if _CONTROL.search(value) or (not multiline and ("\n" in value or "\r" in value)):
        _bad(n, _("{field} contains control characters").format(field=name))


def _choice(n: int, value: object, name: str, choices) -> None:
    if value not in choices:
        _bad(n, _("{field} has an unknown value").format(field=name))


def _int01(n: int, value: object, name: str) -> None:
    if value not in (0, 1) or isinstance(value, bool):
        _bad(n, _("{field} must be 0 or 1").format(field=name))


def _date(n: int, value: object, name: str, optional: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str) or not DATE.fullmatch(value):
        _bad(n, _("{field} is not a date").format(field=name))


def _str_list(n: int, value: object, name: str, limit: int = 200) -> None:
    if not isinstance(value, list) or len(value) > MAX_LIST:
        _bad(n, _("{field} must be a list").format(field=name))
    for item in value:
        _string(n, item, name, limit=limit, multiline=False)


def _check_note(n: int, c: dict) -> None:
    _str_list(n, c["units"], "units", 40)
    if not c["units"]:
        _bad(n, _("a note needs at least one paragraph"))
    for key in ("measure_id", "task_id", "region", "cercle"):
        _string(n, c[key], key, optional=True, limit=200, multiline=False)
    _date(n, c["date"], "date")
    _string(n, c["author"], "author", limit=2_000, multiline=False)
    _choice(n, c["sensitivity"], "sensitivity", SENSITIVITIES)
    _string(n, c["text"], "text", limit=MAX_TEXT)
    _str_list(n, c["tags"], "tags", 64)
    _int01(n, c["deleted"], "deleted")


def _check_assessment(n: int, c: dict) -> None:
    _string(n, c["measure_id"], "measure_id", limit=200, multiline=False)
    if c["status"] not in (0, 1, 2, 3, 4) or isinstance(c["status"], bool):
        _bad(n, _("status must be 0 to 4"))
    _date(n, c["date"], "date")
    for key in ("evidence", "source", "author"):
        _string(n, c[key], key)
    _choice(n, c["confidence"], "confidence", CONFIDENCES)
    if not isinstance(c["indicators"], dict) or len(c["indicators"]) > MAX_LIST:
        _bad(n, _("indicators must be an object"))
    for key, value in c["indicators"].items():
        _string(n, key, "indicator", limit=200, multiline=False)
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or not math.isfinite(value) or value < 0):
            _bad(n, _("indicator values must be numbers ≥ 0"))
    _int01(n, c["deleted"], "deleted")


def _check_task(n: int, c: dict) -> None:
    _choice(n, c["kind"], "kind", TASK_KINDS)
    _choice(n, c["status"], "status", TASK_STATUSES)
    _string(n, c["title"], "title", limit=2_000, multiline=False)
    for key in ("parent", "title_fr", "owner_fr", "note_fr"):
        _string(n, c[key], key, optional=True)
    _string(n, c["owner"], "owner", limit=2_000)
    _string(n, c["note"], "note")
    _date(n, c["due"], "due", optional=True)
    _date(n, c["first_due"], "first_due", optional=True)
    cad = c["cadence_months"]
    if cad is not None and (isinstance(cad, bool) or not isinstance(cad, int)
                            or not 0 < cad < 1000):
        _bad(n, _("cadence_months must be a whole number of months"))
    _str_list(n, c["units"], "units", 40)
    _int01(n, c["seeded"], "seeded")
    _int01(n, c["deleted"], "deleted")


def _check_contact(n: int, c: dict) -> None:
    _choice(n, c["kind"], "kind", CONTACT_KINDS)
    _string(n, c["name"], "name", limit=2_000, multiline=False)
    for key in ("name_fr", "acronym", "org_type"):
        _string(n, c[key], key, optional=True, limit=2_000)
    for key in ("role", "organisation", "phone", "email", "location"):
        _string(n, c[key], key, limit=2_000)
    _str_list(n, c["languages"], "languages", 40)
    _choice(n, c["sensitivity"], "sensitivity", SENSITIVITIES)
    _str_list(n, c["units"], "units", 40)
    _string(n, c["note"], "note")
    _int01(n, c["seeded"], "seeded")
    _int01(n, c["deleted"], "deleted")


def _note_ok(c: dict) -> bool:
    """The common case of _check_note in one expression (used on clean lines only, where no
    string can hold a control character or a line break); False → the detailed checks."""
    units, tags, deleted = c["units"], c["tags"], c["deleted"]
    return (type(units) is list and 0 < len(units) <= MAX_LIST
            and all(type(u) is str and len(u) <= 40 for u in units)
            and type(tags) is list and len(tags) <= MAX_LIST
            and all(type(t) is str and len(t) <= 64 for t in tags)
            and type(c["text"]) is str and len(c["text"]) <= MAX_TEXT
            and type(c["author"]) is str and len(c["author"]) <= 2_000
            and c["sensitivity"] in SENSITIVITIES
            and type(deleted) is int and deleted in (0, 1)
            and type(c["date"]) is str and DATE.fullmatch(c["date"]) is not None
            and all(v is None or (type(v) is str and len(v) <= 200)
                    for v in (c["measure_id"], c["task_id"], c["region"], c["cercle"])))


def _check_note_fast(n: int, c: dict) -> None:
    if not (getattr(_line, "clean", False) and _note_ok(c)):
        _check_note(n, c)


_CHECKS = {"note": _check_note_fast, "assessment": _check_assessment, "task": _check_task,
           "contact": _check_contact, HISTORY: _check_note_fast}


def check_record(obj: object, n: int, raw: bytes | None = None) -> dict:
    """Validate one parsed payload line (record number `n`, from 1); return it.

    With `raw` (the line's bytes) the control-character scans run only when the raw line
    could contain one.
    """
    _line.clean = raw is not None and not _RAW_CONTROL.search(raw)
    try:
        return _check_record(obj, n)
    finally:
        _line.clean = False


def _check_record(obj: object, n: int) -> dict:
    if not isinstance(obj, dict):
        _bad(n, _("not a JSON object"))
    kind = obj.get("k")
    if kind not in _CHECKS:
        _bad(n, _("unknown record kind {kind!r}").format(kind=str(kind)[:30]))
    expected = (HISTORY_KEYS if kind == HISTORY else NOTE_KEYS if kind == "note"
                else VERSION_KEYS)
    if set(obj) != expected:
        odd = sorted(set(obj) ^ expected)
        _bad(n, _("unexpected or missing fields: {fields}").format(fields=", ".join(odd[:4])))
    if not isinstance(obj["id"], str) or not RECORD_ID.fullmatch(obj["id"]):
        _bad(n, _("malformed record ID"))
    if not isinstance(obj["rev"], str) or not REV.fullmatch(obj["rev"]):
        _bad(n, _("malformed rev"))
    parent = obj["parent_rev"]
    if parent is not None and (not isinstance(parent, str) or not REV.fullmatch(parent)):
        _bad(n, _("malformed parent rev"))
    dev = obj["device_id"]
    if not isinstance(dev, str) or not (HEX32.fullmatch(dev) or dev == "seed"):
        _bad(n, _("malformed device ID"))
    m = HLC.fullmatch(obj["hlc"]) if isinstance(obj["hlc"], str) else None
    if not m or m.group(3) != dev:
        _bad(n, _("malformed clock value (hlc)"))
    content = obj["c"]
    table_kind = "note" if kind == HISTORY else kind
    content_fn = KINDS[table_kind][1]
    if not isinstance(content, dict):
        _bad(n, _("content must be an object"))
    try:
        normal = content_fn(content)
    except (KeyError, TypeError, ValueError, AttributeError):
        _bad(n, _("content fields are missing or malformed"))
    if set(content) != set(normal):
        _bad(n, _("content has unexpected fields"))
    _CHECKS[kind](n, content)
    if normal != content:
        _bad(n, _("content is not in canonical form"))
    if rev_of(content, parent, obj["hlc"], dev) != obj["rev"]:
        _bad(n, _("rev does not match the content (altered record)"))
    if kind in (HISTORY, "note"):
        _string(n, obj["editor"], "editor", limit=2_000, multiline=False)
        if not isinstance(obj["edited_at"], str) or not ISO.fullmatch(obj["edited_at"]):
            _bad(n, _("malformed edit time"))
    if kind == HISTORY:
        return obj
    for key in ("created_at", "updated_at"):
        if not isinstance(obj[key], str) or not ISO.fullmatch(obj[key]):
            _bad(n, _("malformed {field}").format(field=key))
    anc = obj["anc"]
    if not isinstance(anc, list) or len(anc) > MAX_ANC:
        _bad(n, _("ancestry must be a list of at most {max} edges").format(max=MAX_ANC))
    for edge in anc:
        if (not isinstance(edge, list) or len(edge) != 2 or not isinstance(edge[0], str)
                or not REV.fullmatch(edge[0])
                or not (edge[1] is None or (isinstance(edge[1], str)
                                            and REV.fullmatch(edge[1])))):
            _bad(n, _("malformed ancestry edge"))
    return obj

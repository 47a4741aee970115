"""The manifest of a *.fieldsync file: every field, its type and its limits."""
from __future__ import annotations

import re

from fieldapp import __version__
from fieldapp.core.i18n import _

# Version of the record content definitions (fieldapp/core/sync/wire.py). A file with a
# higher number carries records this app does not know how to read.
SCHEMA_VERSION = 1
PACKAGES = ("field", "hq")
HEX32 = re.compile(r"[0-9a-f]{32}")
HEX64 = re.compile(r"[0-9a-f]{64}")
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z")
KIND_NAME = re.compile(r"[a-z_]{1,32}")
MAX_SEQ = 2 ** 53

FIELDS = {
    "format": str, "format_version": int, "schema_version": int, "app_version": str,
    "package": str, "deployment_id": (str, type(None)), "device_id": str,
    "public_key": str, "age_recipient": str, "seq": int, "base_seq": int, "created": str,
    "counts": dict, "records": int, "payload_bytes": int, "payload_sha256": str,
    "acks": dict,
}


def _reject(message: str):
    from fieldapp.core.sync.format import Rejected

    raise Rejected(message)


def _int_ok(value: object, low: int = 0, high: int = MAX_SEQ) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def check_manifest(m: object) -> dict:
    """Validate a parsed manifest; raise Rejected with the first problem found."""
    if not isinstance(m, dict):
        _reject(_("damaged manifest: not a JSON object"))
    missing = [k for k in FIELDS if k not in m]
    if missing:
        _reject(_("damaged manifest: missing {fields}").format(fields=", ".join(missing)))
    extra = [k for k in m if k not in FIELDS]
    if extra:
        _reject(_("manifest has unknown fields ({fields}); the file may need a newer version "
                  "of the app").format(fields=", ".join(k[:30] for k in extra[:3])))
    for key, typ in FIELDS.items():
        if typ is int:
            ok = _int_ok(m[key])
        else:
            ok = isinstance(m[key], typ) and not isinstance(m[key], bool)
        if not ok:
            _reject(_("damaged manifest: {field} has the wrong type").format(field=key))
    if m["format"] != "fieldsync":
        _reject(_("not a fieldapp sync file (format {f!r})").format(f=m["format"][:30]))
    if m["format_version"] != 1:
        _reject(_("manifest format version {v} does not match the file's format line")
                .format(v=m["format_version"]))
    if m["schema_version"] > SCHEMA_VERSION:
        _reject(_("this file needs a newer version of the app (record schema {v}; this app "
                  "reads up to {mine})").format(v=m["schema_version"], mine=SCHEMA_VERSION))
    if m["schema_version"] < 1:
        _reject(_("damaged manifest: schema version {v}").format(v=m["schema_version"]))
    if m["package"] not in PACKAGES:
        _reject(_("damaged manifest: unknown package type {p!r}").format(p=m["package"][:20]))
    if m["deployment_id"] is not None and not HEX32.fullmatch(m["deployment_id"]):
        _reject(_("damaged manifest: deployment ID is malformed"))
    if not HEX32.fullmatch(m["device_id"]):
        _reject(_("damaged manifest: device ID is malformed"))
    if not HEX64.fullmatch(m["payload_sha256"]):
        _reject(_("damaged manifest: payload hash is malformed"))
    if not ISO_TIME.fullmatch(m["created"]):
        _reject(_("damaged manifest: creation time is malformed"))
    if len(m["app_version"]) > 40 or len(m["age_recipient"]) > 200:
        _reject(_("damaged manifest: a field is too long"))
    from fieldapp.core.errors import InvalidInput
    from fieldapp.core.sync.identity import check_age_recipient

    try:
        check_age_recipient(m["age_recipient"], "age recipient")
    except InvalidInput as exc:
        _reject(_("damaged manifest: {err}").format(err=exc))
    if not _int_ok(m["seq"], 1):
        _reject(_("damaged manifest: sequence number must be 1 or more"))
    if not m["base_seq"] < m["seq"]:
        _reject(_("damaged manifest: base sequence number must be below the file's"))
    total = 0
    for kind, n in m["counts"].items():
        if not KIND_NAME.fullmatch(kind) or not _int_ok(n):
            _reject(_("damaged manifest: counts are malformed"))
        total += n
    if total != m["records"]:
        _reject(_("damaged manifest: counts do not add up to the record count"))
    if len(m["acks"]) > 10_000:
        _reject(_("damaged manifest: too many acknowledgements"))
    for dev, seq in m["acks"].items():
        if not HEX32.fullmatch(dev) or not _int_ok(seq):
            _reject(_("damaged manifest: acknowledgements are malformed"))
    if m["package"] == "field" and m["acks"]:
        _reject(_("damaged manifest: a field file cannot carry acknowledgements"))
    return m


def app_version() -> str:
    return __version__

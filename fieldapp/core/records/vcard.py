"""vCard 4.0 (RFC 6350) export and import of contacts (3.0 files from Outlook read too)."""
from __future__ import annotations

import re

from fieldapp.core.errors import InvalidInput
from fieldapp.core.i18n import _

MAX_BYTES = 10 * 1024 * 1024
_UUID_RE = re.compile(r"[0-9a-f]{32}")


def escape(value: str) -> str:
    # a lone CR would be a raw line break inside the value: it becomes a newline (\n) too
    return (value.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n")
            .replace("\n", "\\n")
            .replace(",", "\\,").replace(";", "\\;"))


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def fold(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 character (RFC 6350 3.2)."""
    parts, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > 75:
            parts.append(current)
            current, size = " ", 1
        current += ch
        size += n
    parts.append(current)
    return "\r\n".join(parts)


def _uid(contact_id: str) -> str:
    if _UUID_RE.fullmatch(contact_id):
        h = contact_id
        return f"urn:uuid:{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    return "urn:fieldapp:" + contact_id


def contact_to_vcard(c: dict) -> str:
    lines = ["BEGIN:VCARD", "VERSION:4.0"]
    lines.append("KIND:" + ("org" if c["kind"] == "organisation" else "individual"))
    lines.append("FN:" + escape(c["name"]))
    if c["kind"] == "organisation":
        lines.append("ORG:" + escape(c["name"]))
    else:
        lines.append("N:" + escape(c["name"]) + ";;;;")
        if c.get("organisation"):
            lines.append("ORG:" + escape(c["organisation"]))
    if c.get("role"):
        lines.append("TITLE:" + escape(c["role"]))
    if c.get("phone"):
        # Free-form text (allowed by RFC 6350 6.4.1) keeps the number as the user wrote it.
        lines.append("TEL;TYPE=voice:" + escape(c["phone"]))
    if c.get("email"):
        lines.append("EMAIL:" + escape(c["email"]))
    if c.get("location"):
        lines.append("ADR:;;;" + escape(c["location"]) + ";;;")
    for pref, lang in enumerate(c.get("languages") or [], 1):
        lines.append(f"LANG;PREF={min(pref, 100)}:" + escape(lang))
    if c.get("note"):
        lines.append("NOTE:" + escape(c["note"]))
    lines.append("X-FIELDAPP-SENSITIVITY:" + c.get("sensitivity", "unclassified"))
    if c.get("units"):
        lines.append("X-FIELDAPP-UNITS:" + ",".join(escape(u) for u in c["units"]))
    lines.append("UID:" + _uid(c["id"]))
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def contacts_to_vcard(contacts: list[dict]) -> str:
    return "".join(contact_to_vcard(c) for c in contacts)


def _split_property(line: str) -> tuple[str, dict[str, str], str]:
    head, _sep, value = line.partition(":")
    name, *params = head.split(";")
    name = name.split(".")[-1].upper()  # drop a group prefix ("item1.EMAIL")
    out = {}
    for p in params:
        k, _s, v = p.partition("=")
        out[k.upper()] = v
    return name, out, value


def _split_components(value: str, sep: str) -> list[str]:
    return [unescape(x) for x in re.split(r"(?<!\\)" + re.escape(sep), value)]


def parse_vcards(data: bytes) -> list[dict]:
    """Records for Store.import_contacts from .vcf bytes (vCard 4.0 or 3.0, UTF-8)."""
    if len(data) > MAX_BYTES:
        raise InvalidInput(_("vCard file too large (at most 10 MB)"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(_("vCard file is not UTF-8 text")) from None
    if "\x00" in text:
        raise InvalidInput(_("vCard file contains NUL characters"))
    lines: list[str] = []
    for raw in re.split(r"\r\n|\n|\r", text):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw.strip():
            lines.append(raw)
    records, current = [], None
    for line in lines:
        name, params, value = _split_property(line)
        if name == "BEGIN" and value.upper() == "VCARD":
            current = {"kind": "person", "languages": []}
        elif name == "END" and value.upper() == "VCARD" and current is not None:
            records.append(current)
            current = None
        elif current is None:
            continue
        elif name == "KIND":
            current["kind"] = "organisation" if value.lower() in ("org", "group") else "person"
        elif name == "FN":
            current["name"] = unescape(value)
        elif name == "ORG":
            current["organisation"] = "; ".join(x for x in _split_components(value, ";") if x)
        elif name == "TITLE" or (name == "ROLE" and "role" not in current):
            current["role"] = unescape(value)
        elif name == "TEL" and "phone" not in current:
            current["phone"] = unescape(value)[4:] if value.lower().startswith("tel:") \
                else unescape(value)
        elif name == "EMAIL" and "email" not in current:
            current["email"] = unescape(value)
        elif name == "ADR" and "location" not in current:
            current["location"] = ", ".join(x for x in _split_components(value, ";") if x)
        elif name == "LANG":
            current["languages"].append(unescape(value))
        elif name == "NOTE":
            current["note"] = unescape(value)
        elif name == "X-FIELDAPP-SENSITIVITY":
            current["sensitivity"] = value.strip()
        elif name == "X-FIELDAPP-UNITS":
            current["units"] = [x for x in _split_components(value, ",") if x]
    for rec in records:
        if rec["kind"] == "organisation" and not rec.get("name"):
            rec["name"] = rec.get("organisation", "")
        if rec["kind"] == "organisation" and rec.get("organisation") == rec.get("name"):
            rec.pop("organisation")
    return records

"""CSV for spreadsheets: cells that a spreadsheet would run as a formula are neutralised.

CWE-1236: a cell starting with = + - @ (or tab / carriage return) executes in Excel and
LibreOffice. Such cells get a leading apostrophe, which spreadsheets show as text; the
importer removes exactly that apostrophe again, so export → import is lossless.
"""
from __future__ import annotations

import csv
import io

from fieldapp.core.errors import InvalidInput
from fieldapp.core.i18n import _

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
CONTACT_COLUMNS = ("id", "kind", "name", "role", "organisation", "phone", "email", "location",
                   "languages", "sensitivity", "units", "note")
MAX_BYTES = 10 * 1024 * 1024


def neutralise(cell: object) -> str:
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(DANGEROUS) else text


def restore(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(DANGEROUS) else cell


def contacts_to_csv(contacts: list[dict]) -> str:
    """UTF-8 CSV text (with BOM added by the writer of the file for Excel)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CONTACT_COLUMNS)
    for c in contacts:
        row = dict(c, languages="; ".join(c["languages"]), units="; ".join(c["units"]))
        writer.writerow([neutralise(row.get(col, "")) for col in CONTACT_COLUMNS])
    return out.getvalue()


def contacts_from_csv(data: bytes) -> list[dict]:
    """Records for Store.import_contacts from CSV bytes (UTF-8, BOM allowed)."""
    if len(data) > MAX_BYTES:
        raise InvalidInput(_("CSV file too large (at most 10 MB)"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(_("CSV file is not UTF-8 text")) from None
    if "\x00" in text:
        raise InvalidInput(_("CSV file contains NUL characters"))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "name" not in reader.fieldnames:
        raise InvalidInput(_("CSV file needs a header row with at least a 'name' column"))
    records = []
    for row in reader:
        rec = {k: restore(v or "") for k, v in row.items() if k in CONTACT_COLUMNS and k != "id"}
        for key in ("languages", "units"):
            if key in rec:
                rec[key] = [x.strip() for x in rec[key].replace(",", ";").split(";") if x.strip()]
        rec["kind"] = rec.get("kind") or "person"
        if not rec.get("sensitivity"):
            rec.pop("sensitivity", None)
        records.append(rec)
    return records

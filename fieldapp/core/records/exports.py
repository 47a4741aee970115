"""File export/import of records (shared by the CLI and the window). Writes are atomic."""
from __future__ import annotations

from pathlib import Path

from fieldapp.core.atomic import write_bytes_atomic
from fieldapp.core.errors import FieldappError, InvalidInput
from fieldapp.core.i18n import _
from fieldapp.core.records import csv_safe, ical, vcard

FORMATS = ("vcard", "csv")


def export_contacts(store, path: str | Path, fmt: str = "vcard", *,
                    include_strictly_confidential: bool = False,
                    ids: list[str] | None = None) -> dict:
    """Write contacts as vCard 4.0 or spreadsheet-safe CSV.

    Strictly confidential contacts are left out unless asked for explicitly; the result says
    how many were left out.
    """
    if fmt not in FORMATS:
        raise InvalidInput(_("unknown format {fmt!r} (use vcard or csv)").format(fmt=fmt))
    every = store.contacts()
    if ids is not None:
        wanted = set(ids)
        every = [c for c in every if c["id"] in wanted]
    chosen = [c for c in every if include_strictly_confidential
              or c["sensitivity"] != "strictly-confidential"]
    if fmt == "vcard":
        data = vcard.contacts_to_vcard(chosen).encode("utf-8")
    else:  # BOM so that Excel opens UTF-8 (accents) correctly
        data = ("\ufeff" + csv_safe.contacts_to_csv(chosen)).encode("utf-8")
    write_bytes_atomic(Path(path), data)
    return {"path": str(path), "format": fmt, "exported": len(chosen),
            "excluded_strictly_confidential": len(every) - len(chosen)}


def import_contacts(store, path: str | Path) -> dict:
    """Read a .vcf or .csv file (by extension, else by content) and add new contacts."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max(vcard.MAX_BYTES, csv_safe.MAX_BYTES):
            raise InvalidInput(_("{file} is too large to import").format(file=path))
        data = path.read_bytes()
    except OSError as exc:
        raise FieldappError(_("cannot read {file}: {error}")
                            .format(file=path, error=exc.strerror or exc)) from None
    is_vcard = path.suffix.lower() in (".vcf", ".vcard") or (
        path.suffix.lower() != ".csv" and data.lstrip(b"\xef\xbb\xbf \r\n")[:11].upper()
        == b"BEGIN:VCARD")
    records = vcard.parse_vcards(data) if is_vcard else csv_safe.contacts_from_csv(data)
    if not records:
        raise InvalidInput(_("no contacts found in {file}").format(file=path.name))
    result = store.import_contacts(records)
    result["path"] = str(path)
    return result


def export_tasks_ics(store, path: str | Path, **filters) -> dict:
    """Write the dated tasks (after filters) as an .ics calendar for Outlook."""
    tasks = store.tasks(**filters)
    text = ical.tasks_to_ics(tasks)
    write_bytes_atomic(Path(path), text.encode("utf-8"))
    return {"path": str(path), "events": text.count("BEGIN:VEVENT"), "tasks": len(tasks)}

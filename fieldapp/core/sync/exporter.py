"""Export: the records changed since the last export (field), or HQ's package to the field.

A field file carries every record version stamped since the previous export (local edits
and merged writes alike, so versions relay through any path), with its ancestry, the
versions kept as conflicts, and note history. An HQ package carries the shared records
(tasks, every office's assessments, contacts not marked strictly confidential) and the
acknowledgements "HQ has your changes up to #N"; it is encrypted to every pinned device of
the deployment and to HQ itself.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from fieldapp import __version__
from fieldapp.core.errors import FieldappError, InvalidInput
from fieldapp.core.i18n import _
from fieldapp.core.sync import deployment as deploy
from fieldapp.core.sync.cancel import CancelCheck, checked
from fieldapp.core.sync.format import FORMAT_VERSION, SUFFIX, Written, write_package
from fieldapp.core.sync.identity import Identity, ensure_identity
from fieldapp.core.sync.manifest import SCHEMA_VERSION

FIELD_KINDS = ("task", "contact", "assessment", "note")
HQ_KINDS = ("task", "contact", "assessment")
NOT_SHARED = "strictly-confidential"


@dataclass
class ExportResult:
    path: str
    seq: int
    package: str
    encrypted: bool
    recipients: int
    records: int
    counts: dict
    since_change_seq: int
    size: int
    sha256: str
    verified: str
    fingerprint: str
    deployment: str | None

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def created_now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def ancestry_edges(edges: list[tuple[str, str]], rev: str, parent: str | None) -> list[list]:
    """Every (child, parent) edge reachable from `rev`, minus its own main edge."""
    parents: dict[str, list[str]] = {}
    for child, par in edges:
        parents.setdefault(child, []).append(par)
    out: list[list] = []
    seen = {rev}
    todo = [rev]
    while todo:
        node = todo.pop()
        for par in parents.get(node, []):
            if not (node == rev and (par or None) == parent):
                out.append([node, par or None])
            if par and par not in seen:
                seen.add(par)
                todo.append(par)
    out.sort(key=lambda e: (e[0], e[1] or ""))
    return out


def _versions(store, kind: str, since: int, upto: int, where: str = "",
              keep=lambda v: True) -> Iterator[dict]:
    for batch in store.sync_changed(kind, since, upto, where):
        ids = [v["id"] for v in batch]
        edges = store.sync_edges(kind, ids)
        extra = store.sync_frontier_rows(kind, ids)
        history = store.sync_note_history(ids) if kind == "note" else {}
        for head in batch:
            rid = head["id"]
            frontier = [head] + [x["version"] for x in extra.get(rid, [])]
            in_frontier = {f["rev"] for f in frontier}
            hist = history.get(rid, [])
            for v in frontier:
                if not keep(v):
                    continue
                v = dict(v)
                v["anc"] = ancestry_edges(edges.get(rid, []), v["rev"], v["parent_rev"])
                if kind == "note":
                    mine = next((h for h in hist if h["rev"] == v["rev"]), None)
                    v.setdefault("editor", mine["editor"] if mine else v["c"]["author"])
                    v.setdefault("edited_at", mine["edited_at"] if mine else v["updated_at"])
                yield v
            for h in hist:
                if h["rev"] not in in_frontier:
                    yield h


def _seq(store) -> int:
    last = store.sync_last_export()
    return (last["seq"] if last else 0) + 1


def _manifest(ident: Identity, package: str, deployment_id: str | None, seq: int,
              base_seq: int, acks: dict) -> dict:
    return {"format": "fieldsync", "format_version": FORMAT_VERSION,
            "schema_version": SCHEMA_VERSION, "app_version": __version__, "package": package,
            "deployment_id": deployment_id, "device_id": ident.device_id,
            "public_key": ident.public_b64, "age_recipient": ident.age_recipient, "seq": seq,
            "base_seq": base_seq, "created": created_now(), "acks": acks}


def _out_path(out: Path) -> Path:
    out = Path(out)
    if out.is_dir():
        raise InvalidInput(_("{path} is a folder; give a file name ending in {suffix}")
                           .format(path=out, suffix=SUFFIX))
    if out.suffix != SUFFIX:
        out = out.with_name(out.name + SUFFIX)
    if not out.parent.exists():
        raise InvalidInput(_("folder {path} does not exist").format(path=out.parent))
    return out


def _write(store, out: Path, manifest: dict, records, recipients: list[str],
           ident: Identity, readable: bool, since: int, upto: int) -> Written:
    from fieldapp.core.sync.importer import verify_file

    def verify(tmp: Path) -> str:
        if not readable:
            return _("bytes read back match (encrypted for HQ: only HQ can decrypt it)")
        verify_file(tmp, [ident.age_identity])
        return _("read back, decrypted and verified") if recipients else \
            _("read back and verified")

    store.conn.execute("BEGIN")  # one read snapshot for the whole export
    try:
        written = write_package(out, manifest, records, ident.sign, recipients, verify)
    finally:
        store.conn.execute("COMMIT")
    with store.transaction():
        store.sync_log_export({
            "seq": manifest["seq"], "package": manifest["package"], "file_name": out.name[:200],
            "file_sha256": written.sha256, "created": manifest["created"],
            "records": written.manifest["records"], "encrypted": int(written.encrypted),
            "since_change_seq": since, "upto_change_seq": upto})
    return written


def export_field(store, out: Path, *, full: bool = False, since_ack: bool = False,
                 cancel: CancelCheck | None = None) -> ExportResult:
    """Write this installation's changes since its last export (or all, or since HQ's ack).

    `cancel` is polled every few hundred records; Cancelled leaves no file and no log."""
    if deploy.role(store) == "hq":
        raise InvalidInput(_("this is the HQ installation: use `sync export --to-field`"))
    out = _out_path(out)
    ident = ensure_identity(store)
    dep = deploy.current(store)
    last = store.sync_last_export()
    seq = _seq(store)
    base = 0 if full or last is None else last["seq"]   # this file carries every change
    if since_ack and not full:                             # made after export #base
        ack = store.sync_ack(ident.device_id)
        base = ack["seq"] if ack else 0
    since = store.sync_export_upto(base) if base else 0
    upto = store.sync_change_seq()
    if not (full or since_ack) and last is not None and \
            store.sync_count_changed(since) == 0:
        raise InvalidInput(_("nothing changed since sync file #{n}: no file written (use "
                             "--full to send everything again)").format(n=last["seq"]))
    manifest = _manifest(ident, "field", dep.deployment_id if dep else None, seq, base, {})
    recipients = [dep.hq_recipient] if dep else []

    def records() -> Iterator[dict]:
        for kind in FIELD_KINDS:
            yield from checked(_versions(store, kind, since, upto), cancel)

    w = _write(store, out, manifest, records(), recipients, ident, not recipients, since, upto)
    return ExportResult(str(w.path), seq, "field", w.encrypted, len(recipients),
                        w.manifest["records"], w.manifest["counts"], since, w.size, w.sha256,
                        w.verified, ident.fingerprint, dep.name if dep else None)


def export_to_field(store, out: Path, *, cancel: CancelCheck | None = None) -> ExportResult:
    """HQ: the shared records and acknowledgements, for every device of the deployment."""
    dep = deploy.current(store)
    if dep is None or deploy.role(store) != "hq":
        raise InvalidInput(_("only the HQ installation can export a package for the field "
                             "(`sync hq-init`)"))
    out = _out_path(out)
    ident = ensure_identity(store)
    devices = [d for d in store.sync_devices() if d["deployment_id"] == dep.deployment_id
               and d["device_id"] != ident.device_id]
    acks = {d["device_id"]: store.sync_contiguous_seq(d["device_id"]) for d in devices}
    acks = {k: v for k, v in acks.items() if v > 0}
    recipients = [ident.age_recipient] + sorted({d["age_recipient"] for d in devices})
    if len(recipients) == 1:
        raise FieldappError(_("no field device of this deployment has sent a file yet; a "
                              "package needs at least one device to encrypt it for"))
    upto = store.sync_change_seq()
    seq = _seq(store)
    manifest = _manifest(ident, "hq", dep.deployment_id, seq, seq - 1, acks)

    def shared(v: dict) -> bool:
        return v["k"] != "contact" or v["c"]["sensitivity"] != NOT_SHARED

    def records() -> Iterator[dict]:
        for kind in HQ_KINDS:
            yield from checked(_versions(store, kind, -1, upto, keep=shared), cancel)

    w = _write(store, out, manifest, records(), recipients, ident, True, -1, upto)
    return ExportResult(str(w.path), seq, "hq", True, len(recipients) - 1,
                        w.manifest["records"], w.manifest["counts"], -1, w.size, w.sha256,
                        w.verified, ident.fingerprint, dep.name)

"""Sync status: who this installation is, what it sent, what HQ acknowledged, what it saw."""
from __future__ import annotations

from fieldapp.core.i18n import _
from fieldapp.core.sync import deployment as deploy
from fieldapp.core.sync.identity import load_identity


def status(store, keys: bool = True) -> dict:
    """Everything `sync status` and the status bar show (read-only).

    keys=False skips the key fingerprint (no cryptography import: the status bar at startup).
    """
    ident = load_identity(store) if keys else None
    device = store.sync_meta_get("device_id")
    dep = deploy.current(store)
    role = deploy.role(store)
    last = store.sync_last_export()
    ack = store.sync_ack(device) if device else None
    devices = []
    for d in store.sync_devices():
        devices.append({"device_id": d["device_id"], "fingerprint": d["fingerprint"],
                        "deployment_id": d["deployment_id"], "last_seq": d["last_seq"],
                        "contiguous_seq": store.sync_contiguous_seq(d["device_id"]),
                        "files": d["files"], "first_seen": d["first_seen"],
                        "last_import": d["last_import"]})
    return {
        "role": role,
        "device_id": device,
        "fingerprint": ident.fingerprint if ident else None,
        "deployment": None if dep is None else {
            "id": dep.deployment_id, "name": dep.name, "hq_fingerprint": dep.hq_fingerprint},
        "encrypts": role == "field",
        "last_export": None if last is None else {
            "seq": last["seq"], "created": last["created"], "records": last["records"],
            "encrypted": bool(last["encrypted"]), "file_name": last["file_name"]},
        "pending_records": store.sync_count_changed(last["upto_change_seq"] if last else 0),
        "hq_ack": None if ack is None else {"seq": ack["seq"], "hq_created": ack["hq_created"],
                                            "received_at": ack["received_at"]},
        "open_conflicts": store.sync_count_conflicts(),
        "imports": store.sync_count_imports(),
        "devices": devices,
    }


def summary_line(st: dict) -> str:
    """One line for the status bar."""
    parts = []
    if st["role"] == "hq":
        parts.append(_("HQ of {name}").format(name=st["deployment"]["name"]))
        parts.append(_("{n} devices").format(n=len(st["devices"])))
    elif st["role"] == "field":
        parts.append(_("Deployment {name}").format(name=st["deployment"]["name"]))
    else:
        parts.append(_("No deployment (files are signed, not encrypted)"))
    if st["last_export"]:
        parts.append(_("last export #{n}").format(n=st["last_export"]["seq"]))
    if st["hq_ack"]:
        parts.append(_("HQ has your changes up to #{n}").format(n=st["hq_ack"]["seq"]))
    elif st["role"] == "field":
        parts.append(_("no acknowledgement from HQ yet"))
    if st["open_conflicts"]:
        parts.append(_("{n} conflicts to review").format(n=st["open_conflicts"]))
    return " · ".join(parts)

"""Plain-text summaries of an export and of one imported file (CLI output, dialogs)."""
from __future__ import annotations

from pathlib import Path

from fieldapp.core.i18n import _


def export_text(r) -> str:
    counts = ", ".join(f"{k} {v}" for k, v in sorted(r.counts.items())) or _("no records")
    lines = [_("Wrote {path}: sync file #{seq}, {n} records ({counts}).")
             .format(path=r.path, seq=r.seq, n=r.records, counts=counts)]
    if r.encrypted:
        if r.package == "hq":
            lines.append(_("Encrypted for {n} field devices of {dep} (and HQ); signed by HQ.")
                         .format(n=r.recipients, dep=r.deployment))
        else:
            lines.append(_("Encrypted for HQ of {dep}: only HQ can read it. Signed by this "
                           "device ({fp}).").format(dep=r.deployment, fp=r.fingerprint))
    else:
        lines.append(_("NOT ENCRYPTED: this installation has joined no deployment, so anyone "
                       "who gets the file can read it. It is signed by this device ({fp}).")
                     .format(fp=r.fingerprint))
    lines.append(_("Check: {what}.").format(what=r.verified))
    return "\n".join(lines)


def report_text(r) -> str:
    name = Path(r.path).name
    if r.status == "rejected":
        return _("{name}: REJECTED — {reason}").format(name=name, reason=r.reason)
    if r.status == "already":
        return _("{name}: {reason}").format(name=name, reason=r.reason)
    who = _("HQ package") if r.package == "hq" else _("device {dev}").format(dev=r.device_id[:8])
    line = _("{name}: {who} #{seq} — new {new}, updated {updated}, unchanged {unchanged}, "
             "conflicts {conflicts}").format(name=name, who=who, seq=r.seq, new=r.new,
                                             updated=r.updated, unchanged=r.unchanged,
                                             conflicts=r.conflicts)
    extra = []
    if r.first_contact:
        extra.append(_("first contact: key {fp} pinned").format(fp=r.fingerprint))
    else:
        extra.append(_("key {fp}").format(fp=r.fingerprint))
    extra.append(_("encrypted") if r.encrypted else _("NOT ENCRYPTED"))
    if r.ack is not None:
        extra.append(_("HQ has your changes up to #{n}").format(n=r.ack))
    return line + " (" + "; ".join(extra) + ")"

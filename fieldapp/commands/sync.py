"""sync hq-init, join, export, import, status, conflicts, resolve (docs/sync-format.md)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fieldapp.cli import emit, open_store
from fieldapp.core.errors import InvalidInput
from fieldapp.core.i18n import _
from fieldapp.core.sync.messages import export_text, report_text


def register(sub, common) -> None:
    p = sub.add_parser("sync", parents=[common], help="sync by file with HQ and other devices")
    s = p.add_subparsers(dest="sync_cmd", metavar="ACTION", required=True,
                         parser_class=sub._parser_class)
    c = s.add_parser("hq-init", parents=[common],
                     help="make this installation the HQ of a new deployment")
    c.add_argument("--out", required=True, help="deployment file to give to field devices")
    c.add_argument("--name", help="deployment name, e.g. 'MINUSMA Civil Affairs'")
    c.add_argument("--reissue", action="store_true",
                   help="write the existing deployment's file again")
    c.set_defaults(handler=cmd_hq_init)
    c = s.add_parser("join", parents=[common], help="join HQ's deployment (deployment file)")
    c.add_argument("file")
    c.add_argument("--replace", action="store_true", help="leave the current deployment")
    c.set_defaults(handler=cmd_join)
    c = s.add_parser("export", parents=[common], help="write a .fieldsync file")
    c.add_argument("--out", required=True)
    g = c.add_mutually_exclusive_group()
    g.add_argument("--full", action="store_true", help="every record, not only changes")
    g.add_argument("--since-ack", action="store_true",
                   help="everything HQ has not acknowledged yet")
    g.add_argument("--to-field", action="store_true",
                   help="HQ: package of shared records and acknowledgements")
    c.set_defaults(handler=cmd_export)
    c = s.add_parser("import", parents=[common], help="verify and merge .fieldsync files")
    c.add_argument("files", nargs="+", metavar="FILE")
    c.set_defaults(handler=cmd_import)
    c = s.add_parser("status", parents=[common], help="identity, exports, acknowledgements")
    c.set_defaults(handler=cmd_status)
    c = s.add_parser("conflicts", parents=[common], help="unresolved conflicts, both versions")
    c.add_argument("--all", action="store_true", help="also resolved and superseded ones")
    c.set_defaults(handler=cmd_conflicts)
    c = s.add_parser("resolve", parents=[common], help="resolve one conflict")
    c.add_argument("conflict_id", type=int)
    c.add_argument("--keep", required=True, choices=["current", "other", "both"])
    c.add_argument("--text", help="with --keep both: the merged text (default: both texts)")
    c.set_defaults(handler=cmd_resolve)


def cmd_hq_init(args: argparse.Namespace) -> int:
    from fieldapp.core.sync import deployment

    with open_store(args) as store:
        if args.reissue:
            dep = deployment.reissue(store, Path(args.out))
        else:
            if not args.name:
                raise InvalidInput(_("give the deployment a name with --name"))
            dep = deployment.hq_init(store, Path(args.out), args.name)
    data = {"deployment_id": dep.deployment_id, "name": dep.name, "file": args.out,
            "hq_fingerprint": dep.hq_fingerprint}
    emit(args, data, lambda: "\n".join([
        _("Deployment {name!r} created; this installation is its HQ.").format(name=dep.name),
        _("Deployment file: {path} (give it to field devices: `fieldapp sync join FILE`)")
        .format(path=args.out),
        _("HQ key fingerprint: {fp} (field officers should check it with you)")
        .format(fp=dep.hq_fingerprint)]))
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    from fieldapp.core.sync import deployment

    with open_store(args) as store:
        dep = deployment.join(store, Path(args.file), replace=args.replace)
    data = {"deployment_id": dep.deployment_id, "name": dep.name,
            "hq_fingerprint": dep.hq_fingerprint}
    emit(args, data, lambda: "\n".join([
        _("Joined deployment {name!r}. Sync files are now encrypted so only HQ can read them.")
        .format(name=dep.name),
        _("HQ key fingerprint: {fp} — check it with HQ by phone or radio.")
        .format(fp=dep.hq_fingerprint)]))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from fieldapp.core.sync import exporter

    with open_store(args) as store:
        if args.to_field:
            r = exporter.export_to_field(store, Path(args.out))
        else:
            r = exporter.export_field(store, Path(args.out), full=args.full,
                                      since_ack=args.since_ack)
    emit(args, r.as_dict(), lambda: export_text(r))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from fieldapp.core.sync import importer

    with open_store(args) as store:
        reports = importer.import_files(store, [Path(f) for f in args.files])
    emit(args, [r.as_dict() for r in reports], lambda: "\n".join(
        [report_text(r) for r in reports] + ([_("Backup before import: {path}").format(
            path=reports[0].backup)] if any(r.backup for r in reports) else [])))
    rejected = [r for r in reports if r.status == "rejected"]
    if rejected and not args.json:
        sys.stderr.write(_("fieldapp: {n} of {total} files rejected\n")
                         .format(n=len(rejected), total=len(reports)))
    return 2 if rejected else 0


def cmd_status(args: argparse.Namespace) -> int:
    from fieldapp.core.sync.status import status

    with open_store(args) as store:
        st = status(store)
    emit(args, st, lambda: status_text(st))
    return 0


def status_text(st: dict) -> str:
    lines = [_("Device {dev} (key {fp})").format(dev=(st["device_id"] or "-")[:8],
                                                 fp=st["fingerprint"] or _("not created yet"))]
    if st["role"] == "hq":
        lines.append(_("HQ of deployment {name!r}").format(name=st["deployment"]["name"]))
    elif st["role"] == "field":
        lines.append(_("Field device of deployment {name!r} (HQ key {fp}); files are encrypted "
                       "for HQ").format(name=st["deployment"]["name"],
                                        fp=st["deployment"]["hq_fingerprint"]))
    else:
        lines.append(_("No deployment: exports are signed but NOT encrypted"))
    if st["last_export"]:
        e = st["last_export"]
        lines.append(_("Last export: #{n} on {when} ({records} records)")
                     .format(n=e["seq"], when=e["created"], records=e["records"]))
    else:
        lines.append(_("Nothing exported yet"))
    lines.append(_("Records changed since the last export: {n}")
                 .format(n=st["pending_records"]))
    if st["hq_ack"]:
        lines.append(_("HQ has your changes up to #{n} (package of {when})")
                     .format(n=st["hq_ack"]["seq"], when=st["hq_ack"]["hq_created"]))
    lines.append(_("Open conflicts: {n}").format(n=st["open_conflicts"]))
    if st["devices"]:
        lines.append(_("Devices seen (last sequence / complete up to / files / last import):"))
        for d in st["devices"]:
            lines.append(f"  {d['device_id'][:8]}  {d['fingerprint']}  #{d['last_seq']}"
                         f" / #{d['contiguous_seq']} / {d['files']} / {d['last_import'][:19]}")
    return "\n".join(lines)


def cmd_conflicts(args: argparse.Namespace) -> int:
    from fieldapp.core.sync.resolve import conflicts

    with open_store(args) as store:
        items = conflicts(store, include_closed=args.all)

    def text() -> str:
        if not items:
            return _("No conflicts.")
        out = []
        for c in items:
            out.append(f"#{c['id']} [{c['status']}] {c['kind']} {c['record_id']}: {c['label']}")
            for side in ("current", "other"):
                v = c[side]
                field = {"note": "text", "task": "title", "contact": "name"}.get(c["kind"],
                                                                                 "evidence")
                deleted = _(" (deleted)") if v["c"]["deleted"] else ""
                out.append(f"   {side:7} {v['device_id'][:8]} {v['hlc'][:13]}{deleted}: "
                           f"{str(v['c'][field])[:100]!r}")
        return "\n".join(out)

    emit(args, items, text)
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from fieldapp.core.sync.resolve import resolve

    with open_store(args) as store:
        version = resolve(store, args.conflict_id, args.keep, args.text)
    emit(args, version, _("Conflict {id} resolved (kept {choice}); new version {rev}.")
         .format(id=args.conflict_id, choice=args.keep, rev=version["rev"][:12]))
    return 0

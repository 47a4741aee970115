"""measure, task, contact: field records on the command line (DESIGN.md; notes: notes.py)."""
from __future__ import annotations

import textwrap

from fieldapp.cli import emit, open_store
from fieldapp.core.errors import InvalidInput
from fieldapp.core.i18n import _, labelled
from fieldapp.core.records import exports
from fieldapp.core.records.tasks import STATUSES
from fieldapp.core.records.validate import SENSITIVITIES


def sub_parsers(sub, common, name: str, help_: str):
    p = sub.add_parser(name, parents=[common], help=help_)
    return p.add_subparsers(dest=f"{name}_cmd", metavar="ACTION", required=True,
                            parser_class=sub._parser_class)


def register(sub, common) -> None:
    msub = sub_parsers(sub, common, "measure", "priority measures (op3, op14)")
    p = msub.add_parser("list", parents=[common], help="the ledger")
    p.set_defaults(handler=cmd_measure_list)
    p = msub.add_parser("show", parents=[common], help="one measure with its history")
    p.add_argument("measure_id", metavar="ID")
    p.set_defaults(handler=cmd_measure_show)
    p = msub.add_parser("assess", parents=[common], help="record an assessment")
    p.add_argument("measure_id", metavar="MEASURE_ID")
    p.add_argument("--status", required=True, help="0 not initiated … 4 complete")
    p.add_argument("--evidence", required=True)
    p.add_argument("--date")
    p.add_argument("--source", default="")
    p.add_argument("--confidence", choices=["low", "medium", "high"], default="medium")
    p.add_argument("--indicator", action="append", default=[], metavar="ID=VALUE")
    p.add_argument("--author")
    p.set_defaults(handler=cmd_measure_assess)

    tsub = sub_parsers(sub, common, "task", "mandated tasks, reporting duties and your own tasks")
    p = tsub.add_parser("list", parents=[common], help="tasks, soonest due first")
    _task_filters(p)
    p.set_defaults(handler=cmd_task_list)
    p = tsub.add_parser("add", parents=[common], help="add your own task")
    p.add_argument("title")
    p.add_argument("--owner", default="")
    p.add_argument("--due")
    p.add_argument("--para", action="append", default=[], dest="units", metavar="ID")
    p.add_argument("--note", default="")
    p.set_defaults(handler=cmd_task_add)
    p = tsub.add_parser("edit", parents=[common], help="change a task")
    p.add_argument("task_id", metavar="TASK_ID")
    p.add_argument("--title")
    p.add_argument("--owner")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--due", help="YYYY-MM-DD, or '' to clear")
    p.add_argument("--para", action="append", dest="units", metavar="ID")
    p.add_argument("--note")
    p.set_defaults(handler=cmd_task_edit)
    for name, handler, help_ in (("done", cmd_task_done, "mark a task done"),
                                 ("delete", cmd_task_delete, "delete a task")):
        p = tsub.add_parser(name, parents=[common], help=help_)
        p.add_argument("task_id", metavar="TASK_ID")
        p.set_defaults(handler=handler)
    p = tsub.add_parser("export-ics", parents=[common], help="dated tasks as an .ics calendar")
    p.add_argument("--out", required=True)
    _task_filters(p)
    p.set_defaults(handler=cmd_task_ics)

    csub = sub_parsers(sub, common, "contact", "organisations and people")
    p = csub.add_parser("list", parents=[common], help="contacts")
    p.add_argument("--kind", choices=["organisation", "person"])
    p.add_argument("--query")
    p.set_defaults(handler=cmd_contact_list)
    for name, handler in (("add", cmd_contact_add), ("edit", cmd_contact_edit)):
        p = csub.add_parser(name, parents=[common], help=f"{name} a contact")
        if name == "add":
            p.add_argument("name")
            p.add_argument("--kind", choices=["organisation", "person"], default="person")
        else:
            p.add_argument("contact_id", metavar="CONTACT_ID")
            p.add_argument("--name")
        for opt in ("role", "organisation", "phone", "email", "location", "note"):
            p.add_argument(f"--{opt}")
        p.add_argument("--language", action="append", dest="languages")
        p.add_argument("--sensitivity", choices=SENSITIVITIES)
        p.add_argument("--para", action="append", dest="units", metavar="ID")
        p.set_defaults(handler=handler)
    p = csub.add_parser("delete", parents=[common], help="delete a contact")
    p.add_argument("contact_id", metavar="CONTACT_ID")
    p.set_defaults(handler=cmd_contact_delete)
    p = csub.add_parser("export", parents=[common], help="write vCard 4.0 or CSV")
    p.add_argument("--format", choices=exports.FORMATS, default="vcard")
    p.add_argument("--out", required=True)
    p.add_argument("--include-strictly-confidential", action="store_true")
    p.set_defaults(handler=cmd_contact_export)
    p = csub.add_parser("import", parents=[common], help="read a .vcf or .csv file")
    p.add_argument("file")
    p.set_defaults(handler=cmd_contact_import)


def _task_filters(p) -> None:
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--owner")
    p.add_argument("--due-before", metavar="YYYY-MM-DD")
    p.add_argument("--para", metavar="ID", dest="unit")


def _filters(args) -> dict:
    return {"status": args.status, "owner": args.owner, "due_before": args.due_before,
            "unit": args.unit}


# -- measures -----------------------------------------------------------------------------
_ARROWS = {"up": "↑", "down": "↓", "flat": "→"}


def cmd_measure_list(args) -> int:
    with open_store(args) as store:
        ledger = store.ledger()

    def human() -> str:
        lines = []
        for m in ledger["measures"]:
            status = "-" if m["status"] is None else str(m["status"])
            indent = "  " if m["parent"] else ""
            lines.append(f"{indent}{m['id']:<10} {status} {m['status_label']:<16} "
                         f"{_ARROWS[m['trend']]} {m['rollup']:>3} %  {m['title']['en']}")
        lines += [f"{p}: {pct} %" for p, pct in ledger["paragraphs"].items()]
        return "\n".join(lines)

    emit(args, ledger, human)
    return 0


def cmd_measure_show(args) -> int:
    with open_store(args) as store:
        m = store.measure(args.measure_id)

    def human() -> str:
        lines = [f"{m['id']}  {m['title']['en']}", labelled(_("Responsible"), m['responsible']['en']),
                 labelled(_("Deadline"), m['deadline']), labelled(_("Status"), m['status_label'])]
        for ind in m["indicators"]:
            value = ind["values"][0]["value"] if ind["values"] else "-"
            lines.append(f"{ind['id']}: {value} / {ind['target']} {ind['unit']['en'] or ''}")
        for a in m["history"]:
            lines.append(f"{a['date']}  {a['status']} {a['status_label']}  {a['author']}  "
                         f"{a['confidence']}  {textwrap.shorten(a['evidence'], 80)}")
        return "\n".join(lines)

    emit(args, m, human)
    return 0


def cmd_measure_assess(args) -> int:
    indicators = {}
    for item in args.indicator:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InvalidInput(_("--indicator expects ID=VALUE, got {item!r}").format(item=item))
        indicators[key.strip()] = value
    with open_store(args) as store:
        a = store.assess_measure(args.measure_id, args.status, args.evidence, date=args.date,
                                 source=args.source, confidence=args.confidence,
                                 indicators=indicators, author=args.author)
    emit(args, a, lambda: _("{measure}: {status} recorded").format(
        measure=a["measure_id"], status=a["status_label"]))
    return 0


# -- tasks --------------------------------------------------------------------------------
def _task_line(t: dict) -> str:
    due = t["due"] or (f"{t['first_due']}+{t['cadence_months']}m" if t["first_due"] else "-")
    return f"{t['id']:<36} {t['status']:<11} {due:<14} {t['owner'][:20]:<20} {t['title'][:70]}"


def cmd_task_list(args) -> int:
    with open_store(args) as store:
        tasks = store.tasks(**_filters(args))
    emit(args, tasks, lambda: "\n".join(_task_line(t) for t in tasks) or _("no tasks"))
    return 0


def cmd_task_add(args) -> int:
    with open_store(args) as store:
        t = store.add_task(args.title, owner=args.owner, due=args.due, units=args.units,
                           note=args.note)
    emit(args, t, lambda: _("task {id} added").format(id=t["id"]))
    return 0


def cmd_task_edit(args) -> int:
    changes = {k: getattr(args, k) for k in ("title", "owner", "status", "due", "units", "note")
               if getattr(args, k) is not None}
    if not changes:
        raise InvalidInput(_("nothing to change (give --status, --due, --owner …)"))
    with open_store(args) as store:
        t = store.edit_task(args.task_id, **changes)
    emit(args, t, lambda: _("task {id} saved").format(id=t["id"]))
    return 0


def cmd_task_done(args) -> int:
    with open_store(args) as store:
        t = store.complete_task(args.task_id)
    emit(args, t, lambda: _("task {id} done").format(id=t["id"]))
    return 0


def cmd_task_delete(args) -> int:
    with open_store(args) as store:
        t = store.delete_task(args.task_id)
    emit(args, t, lambda: _("task {id} deleted").format(id=t["id"]))
    return 0


def cmd_task_ics(args) -> int:
    with open_store(args) as store:
        result = exports.export_tasks_ics(store, args.out, **_filters(args))
    emit(args, result, lambda: _("{n} events written to {path}").format(
        n=result["events"], path=result["path"]))
    return 0


# -- contacts -----------------------------------------------------------------------------
_CONTACT_OPTS = ("name", "role", "organisation", "phone", "email", "location", "note",
                 "languages", "sensitivity", "units")


def cmd_contact_list(args) -> int:
    with open_store(args) as store:
        contacts = store.contacts(kind=args.kind, query=args.query)
    emit(args, contacts, lambda: "\n".join(
        f"{c['id']:<40} {c['kind']:<12} {c['name'][:50]:<50} {c['role'][:30]}"
        for c in contacts) or _("no contacts"))
    return 0


def _contact_changes(args) -> dict:
    return {k: getattr(args, k) for k in _CONTACT_OPTS
            if k != "name" and getattr(args, k, None) is not None}


def cmd_contact_add(args) -> int:
    with open_store(args) as store:
        c = store.add_contact(args.name, kind=args.kind, **_contact_changes(args))
    emit(args, c, lambda: _("contact {id} added").format(id=c["id"]))
    return 0


def cmd_contact_edit(args) -> int:
    changes = _contact_changes(args)
    if args.name is not None:
        changes["name"] = args.name
    if not changes:
        raise InvalidInput(_("nothing to change (give --phone, --role …)"))
    with open_store(args) as store:
        c = store.edit_contact(args.contact_id, **changes)
    emit(args, c, lambda: _("contact {id} saved").format(id=c["id"]))
    return 0


def cmd_contact_delete(args) -> int:
    with open_store(args) as store:
        c = store.delete_contact(args.contact_id)
    emit(args, c, lambda: _("contact {id} deleted").format(id=c["id"]))
    return 0


def cmd_contact_export(args) -> int:
    with open_store(args) as store:
        result = exports.export_contacts(
            store, args.out, args.format,
            include_strictly_confidential=args.include_strictly_confidential)

    def human() -> str:
        text = _("{n} contacts written to {path}").format(n=result["exported"],
                                                         path=result["path"])
        if result["excluded_strictly_confidential"]:
            text += "\n" + _("{n} strictly confidential contacts left out "
                             "(--include-strictly-confidential to include them)").format(
                n=result["excluded_strictly_confidential"])
        return text

    emit(args, result, human)
    return 0


def cmd_contact_import(args) -> int:
    with open_store(args) as store:
        result = exports.import_contacts(store, args.file)
    emit(args, result, lambda: _("{added} contacts added, {skipped} already present").format(
        added=result["added"], skipped=result["skipped"]))
    return 0

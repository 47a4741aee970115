"""note: progress notes on the command line (DESIGN.md)."""
from __future__ import annotations

import textwrap

from fieldapp.cli import emit, open_store
from fieldapp.commands.records import sub_parsers
from fieldapp.core.errors import InvalidInput
from fieldapp.core.i18n import _, labelled
from fieldapp.core.records.validate import SENSITIVITIES


def register(sub, common) -> None:
    nsub = sub_parsers(sub, common, "note", "progress notes")
    p = nsub.add_parser("add", parents=[common], help="add a note to one or more paragraphs")
    p.add_argument("units", nargs="+", metavar="ID")
    p.add_argument("--text", required=True)
    p.add_argument("--date", help="YYYY-MM-DD (default: today)")
    p.add_argument("--region")
    p.add_argument("--cercle")
    p.add_argument("--sensitivity", default="unclassified", choices=SENSITIVITIES)
    p.add_argument("--tag", action="append", default=[], dest="tags")
    p.add_argument("--measure")
    p.add_argument("--task")
    p.add_argument("--author")
    p.set_defaults(handler=cmd_note_add)
    p = nsub.add_parser("list", parents=[common], help="notes, newest first")
    p.add_argument("--para", metavar="ID")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(handler=cmd_note_list)
    for name, handler, help_ in (("show", cmd_note_show, "one note"),
                                 ("history", cmd_note_history, "every version of a note"),
                                 ("delete", cmd_note_delete,
                                  "delete a note and erase its text from the database")):
        p = nsub.add_parser(name, parents=[common], help=help_)
        p.add_argument("note_id", metavar="NOTE_ID")
        p.set_defaults(handler=handler)
    p = nsub.add_parser("restore", parents=[common],
                        help="bring a deleted note back (its text must be given again)")
    p.add_argument("note_id", metavar="NOTE_ID")
    p.add_argument("--text")
    p.add_argument("--tag", action="append", dest="tags")
    p.set_defaults(handler=cmd_note_restore)
    p = nsub.add_parser("edit", parents=[common], help="change a note")
    p.add_argument("note_id", metavar="NOTE_ID")
    p.add_argument("--text")
    p.add_argument("--date")
    p.add_argument("--region")
    p.add_argument("--cercle")
    p.add_argument("--sensitivity", choices=SENSITIVITIES)
    p.add_argument("--tag", action="append", dest="tags")
    p.add_argument("--para", action="append", dest="units", metavar="ID")
    p.set_defaults(handler=cmd_note_edit)


def _note_line(n: dict) -> str:
    head = f"{n['id']}  {n['date']}  {','.join(n['units'])}  {n['sensitivity']}"
    where = " / ".join(x for x in (n["region"], n["cercle"]) if x)
    text = textwrap.shorten(" ".join(n["text"].split()), 100, placeholder="…")
    return "\n".join(x for x in (head + (f"  {where}" if where else ""), "  " + text) if x)


def _note_full(n: dict) -> str:
    lines = [_("Note") + f" {n['id']}" + ("  [" + _("deleted") + "]" if n["deleted"] else ""),
             labelled(_("Paragraphs"), ', '.join(n['units'])), labelled(_("Date"), n['date']),
             labelled(_("Author"), n['author']), labelled(_("Sensitivity"), n['sensitivity'])]
    for label, key in ((_("Region"), "region"), (_("Cercle"), "cercle"),
                       (_("Measure"), "measure_id"), (_("Task"), "task_id")):
        if n[key]:
            lines.append(f"{label}: {n[key]}")
    if n["tags"]:
        lines.append(labelled(_("Tags"), ', '.join(n['tags'])))
    return "\n".join(lines) + "\n\n" + n["text"]


def cmd_note_add(args) -> int:
    with open_store(args) as store:
        note = store.add_note(args.units, args.text, date=args.date, region=args.region,
                              cercle=args.cercle, sensitivity=args.sensitivity, tags=args.tags,
                              measure_id=args.measure, task_id=args.task, author=args.author)
    emit(args, note, lambda: _("note {id} added").format(id=note["id"]))
    return 0


def cmd_note_list(args) -> int:
    with open_store(args) as store:
        if args.para:
            store.check_units([args.para])
        notes = store.notes_page(args.para, limit=args.limit)
    emit(args, notes, lambda: "\n".join(_note_line(n) for n in notes) or _("no notes"))
    return 0


def cmd_note_show(args) -> int:
    with open_store(args) as store:
        note = store.note(args.note_id)
    emit(args, note, lambda: _note_full(note))
    return 0


def cmd_note_history(args) -> int:
    with open_store(args) as store:
        history = store.note_history(args.note_id)
    emit(args, history, lambda: "\n\n".join(_history_entry(h) for h in history))
    return 0


def _history_entry(h: dict) -> str:
    head = f"{h['edited_at']}  {h['editor']}"
    if h["erased"]:
        return head + "\n[" + _("text erased when the note was deleted") + "]"
    if h["content"]["deleted"]:
        head += "  [" + _("deleted") + "]"
    return head + "\n" + h["content"]["text"]


def cmd_note_edit(args) -> int:
    changes = {k: getattr(args, k) for k in ("text", "date", "sensitivity", "tags", "units")
               if getattr(args, k) is not None}
    if args.region is not None or args.cercle is not None:
        changes.update(region=args.region, cercle=args.cercle)
    if not changes:
        raise InvalidInput(_("nothing to change (give --text, --date, --tag …)"))
    with open_store(args) as store:
        note = store.edit_note(args.note_id, **changes)
    emit(args, note, lambda: _("note {id} saved").format(id=note["id"]))
    return 0


def cmd_note_delete(args) -> int:
    with open_store(args) as store:
        note = store.delete_note(args.note_id)
    emit(args, note, lambda: _("note {id} deleted; its text is erased from this database")
         .format(id=note["id"]))
    return 0


def cmd_note_restore(args) -> int:
    with open_store(args) as store:
        note = store.restore_note(args.note_id, text=args.text, tags=args.tags)
    emit(args, note, lambda: _("note {id} restored").format(id=note["id"]))
    return 0

"""db check, db backup."""
from __future__ import annotations

import argparse

from fieldapp.cli import emit, open_store
from fieldapp.commands.db_crypto import register_actions


def register(sub, common) -> None:
    p = sub.add_parser("db", parents=[common], help="database maintenance")
    dsub = p.add_subparsers(dest="db_cmd", metavar="ACTION", required=True,
                            parser_class=sub._parser_class)
    c = dsub.add_parser("check", parents=[common], help="integrity and foreign-key check")
    c.set_defaults(handler=cmd_check)
    b = dsub.add_parser("backup", parents=[common], help="consistent copy (SQLite backup API)")
    b.add_argument("file")
    b.set_defaults(handler=cmd_backup)
    register_actions(dsub, common)  # db encrypt / decrypt / passphrase


def cmd_check(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        report = store.check()
        report["path"] = str(store.path)
    emit(args, report, lambda: ("ok" if report["ok"] else "PROBLEMS: " +
                                "; ".join(report["integrity"])) + f" ({report['path']})")
    return 0 if report["ok"] else 1


def cmd_backup(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        dest = store.backup(args.file)
    emit(args, {"backup": str(dest)}, f"backup written to {dest}")
    return 0

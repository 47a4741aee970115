"""Command line over the core (DESIGN.md "Command line"). `fieldapp` alone opens the window.

Every command takes --db PATH (else $FIELDAPP_DB, else the per-user data folder) and --json.
Errors: one clear line on stderr, non-zero exit, no traceback, nothing half-written.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sqlite3
import sys
from typing import Callable, Sequence

from fieldapp import __version__
from fieldapp.core.errors import FieldappError

# Each module registers its sub-commands: register(subparsers, common_parent).
COMMAND_MODULES = ["mandate", "db", "notes", "records", "pdf", "sync"]


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports usage errors on one line (exit 2)."""

    def error(self, message: str):  # noqa: D401 - argparse API
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def common_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH",
                        help="database file (default: $FIELDAPP_DB or the per-user data folder)")
    parent.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="machine-readable output")
    return parent


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; with commands=False only the top-level options (the window)."""
    common = common_options()
    parser = OneLineParser(prog="fieldapp", parents=[common],
                           description="Offline field companion for the MINUSMA mandate, "
                                       "S/RES/2531 (2020). Without a command, opens the app.")
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}")
    parser.add_argument("--selftest", action="store_true", help=argparse.SUPPRESS)
    # No set_defaults for db/json here: the parent's actions are shared with every
    # sub-parser, and a default set here would overwrite a --db given before the command.
    parser.set_defaults(handler=None)
    if not commands:
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"fieldapp.commands.{name}").register(sub, common)
    return parser


def emit(args: argparse.Namespace, data, text: Callable[[], str] | str | None = None) -> None:
    """Print JSON when --json, else the human text."""
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        out = text() if callable(text) else text
        if out:
            sys.stdout.write(out if out.endswith("\n") else out + "\n")


def open_store(args: argparse.Namespace):
    from fieldapp.commands.db_crypto import current_passphrase
    from fieldapp.core.paths import default_db_path
    from fieldapp.core.store import Store

    path = default_db_path(args.db)
    return Store.open(path, passphrase=current_passphrase(path))


def _db_errors() -> tuple[type, ...]:
    """Evaluated only while matching an exception (keeps the store out of CLI start-up)."""
    from fieldapp.core.store.connection import db_errors

    return db_errors()


def opens_window(argv: Sequence[str]) -> bool:
    """True when argv holds only --db PATH / --json / --selftest: no command, no --help."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--db":
            i += 2
        elif arg.startswith("--db=") or arg in ("--json", "--selftest"):
            i += 1
        else:
            return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # The window path skips importing every command module and building their sub-parsers.
    args = build_parser(commands=not opens_window(argv)).parse_args(argv)
    args.db = getattr(args, "db", None)
    args.json = getattr(args, "json", False)
    if args.handler is None:
        if args.selftest:
            from fieldapp.selftest import run as selftest

            return selftest()
        from fieldapp.ui.app import run_gui

        return run_gui(args.db)
    try:
        return int(args.handler(args) or 0)
    except FieldappError as exc:
        sys.stderr.write(f"fieldapp: error: {exc}\n")
        return exc.exit_code
    except _db_errors() as exc:  # sqlite3.Error, or SQLCipher's (encrypted database)
        sys.stderr.write(f"fieldapp: database error: {exc}\n")
        return 1
    except BrokenPipeError:  # `fieldapp show --all | head`: not an error
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the exit-time flush does not fail again
        return 0
    except OSError as exc:
        sys.stderr.write(f"fieldapp: error: {exc.strerror or exc}"
                         f"{': ' + str(exc.filename) if exc.filename else ''}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("fieldapp: interrupted\n")
        return 130


if __name__ == "__main__":
    sys.exit(main())

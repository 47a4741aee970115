"""db encrypt, db decrypt, db passphrase — and the passphrase prompt of every command.

Passphrases come from a terminal prompt (never echoed), or, for scripts, from the
FIELDAPP_PASSPHRASE (current) and FIELDAPP_NEW_PASSPHRASE (new) environment variables. They
are never written anywhere; the database is converted by store/crypto.py (verified copy,
atomic swap, original untouched on any error).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from fieldapp.core.errors import FieldappError, InvalidInput
from fieldapp.core.i18n import _

ENV_CURRENT = "FIELDAPP_PASSPHRASE"
ENV_NEW = "FIELDAPP_NEW_PASSPHRASE"


def register_actions(dsub, common) -> None:
    """Add the encryption actions to the `db` command (called from commands/db.py)."""
    for name, handler, text in (
            ("encrypt", cmd_encrypt, "protect the database with a passphrase (SQLCipher)"),
            ("decrypt", cmd_decrypt, "remove the passphrase protection"),
            ("passphrase", cmd_passphrase, "change the passphrase")):
        p = dsub.add_parser(name, parents=[common], help=text)
        p.set_defaults(handler=handler)


def _prompt(label: str, env: str) -> str:
    import getpass

    if not sys.stdin.isatty():
        raise FieldappError(_("a passphrase is needed: run in a terminal, or set {env}")
                            .format(env=env))
    return getpass.getpass(label)


def current_passphrase(path: Path) -> str | None:
    """The passphrase to open `path` (None when the database is not encrypted)."""
    from fieldapp.core.store.crypto import is_encrypted

    if not is_encrypted(path):
        return None
    return os.environ.get(ENV_CURRENT) or _prompt(_("Passphrase for {path}: ").format(path=path),
                                                   ENV_CURRENT)


def new_passphrase() -> str:
    from fieldapp.core.store.crypto import check_passphrase

    value = os.environ.get(ENV_NEW)
    if value is None:
        value = _prompt(_("New passphrase: "), ENV_NEW)
        check_passphrase(value)
        if _prompt(_("Repeat the new passphrase: "), ENV_NEW) != value:
            raise InvalidInput(_("the two passphrases differ; nothing was changed"))
    return check_passphrase(value)


def _path(args: argparse.Namespace) -> Path:
    from fieldapp.core.paths import default_db_path

    return default_db_path(args.db)


def _require_cipher() -> None:
    from fieldapp.core.store.crypto import cipher_unavailable_reason

    reason = cipher_unavailable_reason()
    if reason:
        raise FieldappError(reason)


def _report(args, result: dict, verb: str) -> int:
    from fieldapp.cli import emit

    text = _("{verb} {path}: {tables} tables, {rows} rows copied and verified").format(
        verb=verb, path=result["path"], tables=result["tables"], rows=result["rows"])
    if result["encrypted"]:
        text += "\n" + _("Keep the passphrase safe: without it the data cannot be recovered.")
    emit(args, result, text)
    return 0


def cmd_encrypt(args: argparse.Namespace) -> int:
    from fieldapp.core.store import Store
    from fieldapp.core.store.crypto import convert, is_encrypted

    _require_cipher()
    path = _path(args)
    if is_encrypted(path):
        raise InvalidInput(_("{path} is already encrypted (use `db passphrase` to change the "
                             "passphrase)").format(path=path))
    Store.open(path).close()  # create, migrate and seed first if needed
    return _report(args, convert(path, None, new_passphrase()), _("encrypted"))


def _opened_key(path: Path) -> bytes:
    from fieldapp.core.store import Store
    from fieldapp.core.store.crypto import is_encrypted

    if not is_encrypted(path):
        raise InvalidInput(_("{path} is not encrypted").format(path=path))
    store = Store.open(path, passphrase=current_passphrase(path))  # WrongPassphrase if wrong
    key = store.key
    store.close()
    return key


def cmd_decrypt(args: argparse.Namespace) -> int:
    from fieldapp.core.store.crypto import convert

    _require_cipher()
    path = _path(args)
    return _report(args, convert(path, _opened_key(path), None), _("decrypted"))


def cmd_passphrase(args: argparse.Namespace) -> int:
    from fieldapp.core.store.crypto import convert

    _require_cipher()
    path = _path(args)
    key = _opened_key(path)
    return _report(args, convert(path, key, new_passphrase()), _("new passphrase for"))

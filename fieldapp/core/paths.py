"""Where things live: bundled data, resources, and the user's database."""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "fieldapp"


def bundle_root() -> Path:
    """Root of the installed app (the repo checkout, or PyInstaller's bundle folder)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The bundled corpus and reference data."""
    return bundle_root() / "data"


def resources_dir() -> Path:
    """Fonts, icons, stylesheet."""
    return bundle_root() / "resources"


def translations_dir() -> Path:
    """Compiled gettext catalogs (translations/<lang>/LC_MESSAGES/fieldapp.mo)."""
    return bundle_root() / "translations"


def user_data_dir() -> Path:
    """Per-user data folder (created on demand)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_db_path(explicit: str | os.PathLike | None = None) -> Path:
    """`--db` wins, then $FIELDAPP_DB, then the per-user data folder."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("FIELDAPP_DB")
    if env:
        return Path(env)
    return user_data_dir() / "fieldapp.db"

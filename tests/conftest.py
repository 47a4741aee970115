"""Shared fixtures. Qt runs offscreen (set before any QApplication exists)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never touch the real user's data, settings or cache: a throwaway home for this run.
_SANDBOX = Path(__import__("tempfile").mkdtemp(prefix="fieldapp-tests-"))
os.environ["XDG_DATA_HOME"] = str(_SANDBOX / "data")
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")
os.environ["XDG_CACHE_HOME"] = str(_SANDBOX / "cache")
os.environ["FIELDAPP_DB"] = str(_SANDBOX / "default.db")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def seeded_db_template(tmp_path_factory) -> Path:
    """One seeded database per test session, copied by `db_path` (seeding costs ~0.1 s)."""
    from fieldapp.core.store import Store

    path = tmp_path_factory.mktemp("template") / "template.db"
    Store.open(path).close()
    return path


@pytest.fixture
def db_path(tmp_path, seeded_db_template) -> Path:
    """A fresh, seeded database file for one test (a real SQLite file, not a mock)."""
    import sqlite3

    path = tmp_path / "fieldapp.db"
    src = sqlite3.connect(str(seeded_db_template))
    dst = sqlite3.connect(str(path))
    src.backup(dst)
    src.close()
    dst.close()
    return path


@pytest.fixture
def store(db_path):
    from fieldapp.core.store import Store

    s = Store.open(db_path)
    yield s
    s.close()

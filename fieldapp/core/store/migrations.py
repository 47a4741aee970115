"""Numbered schema migrations. Never edit a released one: add a new number.

Each migration is a list of SQL statements run inside one transaction together with the
bump of `schema_migrations`. Reserved numbers: 1 corpus and reference data, 2 field records,
3 sync.
"""
from __future__ import annotations

import sqlite3
import time

FTS_TOKENIZE = "unicode61 remove_diacritics 2"

M0001_CORPUS = [
    """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE sections (
        id TEXT PRIMARY KEY, seq INTEGER NOT NULL, level INTEGER NOT NULL,
        parent TEXT REFERENCES sections(id), title_en TEXT NOT NULL, title_fr TEXT)""",
    """CREATE TABLE units (
        id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE,
        parent TEXT REFERENCES units(id), kind TEXT NOT NULL, label TEXT NOT NULL,
        section TEXT NOT NULL REFERENCES sections(id))""",
    """CREATE TABLE unit_text (
        unit_id TEXT NOT NULL REFERENCES units(id), lang TEXT NOT NULL,
        title TEXT, text TEXT NOT NULL, PRIMARY KEY (unit_id, lang))""",
    """CREATE TABLE corpus_provenance (
        lang TEXT PRIMARY KEY, status TEXT NOT NULL, description TEXT NOT NULL,
        source TEXT NOT NULL, loaded_at TEXT NOT NULL)""",
    f"""CREATE VIRTUAL TABLE mandate_fts USING fts5(
        unit_id UNINDEXED, lang UNINDEXED, title, body, folded,
        tokenize = '{FTS_TOKENIZE}')""",
    """CREATE TABLE themes (
        id TEXT PRIMARY KEY, seq INTEGER NOT NULL, name_en TEXT NOT NULL, name_fr TEXT,
        description_en TEXT, description_fr TEXT)""",
    """CREATE TABLE theme_units (
        theme_id TEXT NOT NULL REFERENCES themes(id), unit_id TEXT NOT NULL REFERENCES units(id),
        PRIMARY KEY (theme_id, unit_id))""",
    """CREATE INDEX theme_units_unit ON theme_units(unit_id)""",
    """CREATE TABLE glossary (
        id TEXT PRIMARY KEY, seq INTEGER NOT NULL, term_en TEXT NOT NULL, term_fr TEXT,
        expansion_en TEXT, expansion_fr TEXT, definition_en TEXT, definition_fr TEXT,
        units TEXT NOT NULL DEFAULT '[]')""",
    """CREATE TABLE crossrefs (
        unit_id TEXT NOT NULL REFERENCES units(id), seq INTEGER NOT NULL,
        kind TEXT NOT NULL, target TEXT NOT NULL, label TEXT NOT NULL,
        PRIMARY KEY (unit_id, seq))""",
    """CREATE TABLE reference_data (
        name TEXT PRIMARY KEY, body TEXT NOT NULL)""",
]

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "corpus and reference data", M0001_CORPUS),
]


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute("""CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)""")
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return row[0] or 0


def latest_version() -> int:
    return max(v for v, _n, _s in MIGRATIONS)


def migrate(conn: sqlite3.Connection, upto: int | None = None) -> list[int]:
    """Apply pending migrations, each in its own transaction; return the versions applied."""
    applied = []
    have = current_version(conn)
    if have > latest_version():
        from fieldapp.core.errors import FieldappError

        raise FieldappError("this database was written by a newer version of fieldapp; "
                            "update the app to open it")
    for version, name, statements in MIGRATIONS:
        if version <= have or (upto is not None and version > upto):
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for sql in statements:
                conn.execute(sql)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                         (version, name, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied

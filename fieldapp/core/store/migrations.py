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

# Field records (docs/records-schema.md). Synced tables share the revision columns of
# fieldapp/core/revision.py; seeded rows use hlc SEED_HLC and device_id 'seed', change_seq 0.
_SYNC_COLUMNS = """id TEXT PRIMARY KEY, rev TEXT NOT NULL, parent_rev TEXT, hlc TEXT NOT NULL,
        device_id TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        change_seq INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL"""

M0002_RECORDS = [
    f"""CREATE TABLE notes (
        {_SYNC_COLUMNS},
        units TEXT NOT NULL DEFAULT '[]', measure_id TEXT, task_id TEXT, date TEXT NOT NULL,
        region TEXT, cercle TEXT, author TEXT NOT NULL DEFAULT '',
        sensitivity TEXT NOT NULL DEFAULT 'unclassified', text TEXT NOT NULL,
        tags TEXT NOT NULL DEFAULT '[]', fts_rowid INTEGER)""",
    """CREATE INDEX notes_list ON notes(deleted, date DESC, hlc DESC)""",
    """CREATE INDEX notes_change_seq ON notes(change_seq)""",
    """CREATE INDEX notes_hlc ON notes(hlc)""",
    """CREATE INDEX notes_measure ON notes(measure_id) WHERE measure_id IS NOT NULL""",
    """CREATE INDEX notes_task ON notes(task_id) WHERE task_id IS NOT NULL""",
    # date and hlc are copied here (kept in step by the one note writer) so that a unit's
    # notes come newest first straight from the index, even with a million notes.
    """CREATE TABLE note_units (
        note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
        unit_id TEXT NOT NULL REFERENCES units(id),
        date TEXT NOT NULL, hlc TEXT NOT NULL,
        PRIMARY KEY (note_id, unit_id))""",
    """CREATE INDEX note_units_unit ON note_units(unit_id, date DESC, hlc DESC)""",
    """CREATE TABLE note_history (
        note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
        rev TEXT NOT NULL, parent_rev TEXT, hlc TEXT NOT NULL, device_id TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '', edited_at TEXT NOT NULL, content TEXT NOT NULL,
        PRIMARY KEY (note_id, rev))""",
    """CREATE INDEX note_history_order ON note_history(note_id, hlc)""",
    # notes.fts_rowid points at the note's notes_fts row (an explicit column: VACUUM may
    # renumber the implicit rowid of a table with a TEXT primary key).
    f"""CREATE VIRTUAL TABLE notes_fts USING fts5(
        note_id UNINDEXED, body, tags, folded, tokenize = '{FTS_TOKENIZE}')""",
    """CREATE TABLE measures (
        id TEXT PRIMARY KEY, seq INTEGER NOT NULL, unit TEXT NOT NULL REFERENCES units(id),
        parent TEXT REFERENCES measures(id), title_en TEXT NOT NULL, title_fr TEXT,
        responsible_en TEXT, responsible_fr TEXT, deadline TEXT, excerpt_en TEXT,
        note_en TEXT, note_fr TEXT)""",
    """CREATE TABLE measure_indicators (
        id TEXT PRIMARY KEY, measure_id TEXT NOT NULL REFERENCES measures(id),
        seq INTEGER NOT NULL, label_en TEXT NOT NULL, label_fr TEXT, target REAL,
        unit_en TEXT, unit_fr TEXT, basis TEXT, comparator TEXT,
        items TEXT NOT NULL DEFAULT '[]')""",
    """CREATE INDEX measure_indicators_measure ON measure_indicators(measure_id, seq)""",
    f"""CREATE TABLE measure_assessments (
        {_SYNC_COLUMNS},
        measure_id TEXT NOT NULL, status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 4),
        date TEXT NOT NULL, evidence TEXT NOT NULL, source TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '', confidence TEXT NOT NULL DEFAULT 'medium',
        indicators TEXT NOT NULL DEFAULT '{{}}')""",
    """CREATE INDEX measure_assessments_measure
        ON measure_assessments(measure_id, deleted, date DESC, hlc DESC)""",
    """CREATE INDEX measure_assessments_change_seq ON measure_assessments(change_seq)""",
    """CREATE INDEX measure_assessments_hlc ON measure_assessments(hlc)""",
    f"""CREATE TABLE tasks (
        {_SYNC_COLUMNS},
        kind TEXT NOT NULL DEFAULT 'user', parent TEXT, title TEXT NOT NULL, title_fr TEXT,
        owner TEXT NOT NULL DEFAULT '', owner_fr TEXT, status TEXT NOT NULL DEFAULT 'open',
        due TEXT, cadence_months INTEGER, first_due TEXT, units TEXT NOT NULL DEFAULT '[]',
        note TEXT NOT NULL DEFAULT '', note_fr TEXT, seeded INTEGER NOT NULL DEFAULT 0,
        seq INTEGER)""",
    """CREATE INDEX tasks_list ON tasks(deleted, due)""",
    """CREATE INDEX tasks_change_seq ON tasks(change_seq)""",
    """CREATE INDEX tasks_hlc ON tasks(hlc)""",
    f"""CREATE TABLE contacts (
        {_SYNC_COLUMNS},
        kind TEXT NOT NULL CHECK (kind IN ('organisation', 'person')),
        name TEXT NOT NULL, name_fr TEXT, acronym TEXT, org_type TEXT, role TEXT NOT NULL DEFAULT '',
        organisation TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '', location TEXT NOT NULL DEFAULT '',
        languages TEXT NOT NULL DEFAULT '[]', sensitivity TEXT NOT NULL DEFAULT 'unclassified',
        units TEXT NOT NULL DEFAULT '[]', note TEXT NOT NULL DEFAULT '',
        seeded INTEGER NOT NULL DEFAULT 0, seq INTEGER)""",
    """CREATE INDEX contacts_list ON contacts(deleted, kind, name)""",
    """CREATE INDEX contacts_change_seq ON contacts(change_seq)""",
    """CREATE INDEX contacts_hlc ON contacts(hlc)""",
]

# 4: the reader's bookmarks (local to this installation, not synced; kept in the database so
# they travel with `db backup` and survive a reset of the window settings).
M0004_BOOKMARKS = [
    """CREATE TABLE bookmarks (
        unit_id TEXT PRIMARY KEY REFERENCES units(id), created_at TEXT NOT NULL)""",
]

# 3: sync by file (docs/sync-format.md). sync_revs holds every known rev of every synced
# record with its parent edges (the revision DAG); triggers record local writes into it, so
# the records code needs no sync hook. sync_conflicts keeps both versions in full.
_SYNC_KINDS = (("note", "notes"), ("assessment", "measure_assessments"), ("task", "tasks"),
               ("contact", "contacts"))
# (not INSERT OR IGNORE: inside a trigger the outer statement's conflict policy wins)
_REV_EDGE = """INSERT INTO sync_revs
            SELECT '{kind}', NEW.id, NEW.rev, coalesce(NEW.parent_rev, '') WHERE NOT EXISTS (SELECT 1 FROM sync_revs WHERE kind='{kind}' AND record_id=NEW.id
                AND rev=NEW.rev AND parent=coalesce(NEW.parent_rev, ''))"""
M0003_SYNC = [
    """CREATE TABLE sync_devices (
        device_id TEXT PRIMARY KEY, public_key TEXT NOT NULL, fingerprint TEXT NOT NULL,
        age_recipient TEXT NOT NULL, deployment_id TEXT, first_seen TEXT NOT NULL,
        last_import TEXT NOT NULL, last_seq INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE sync_seqs (
        device_id TEXT NOT NULL, seq INTEGER NOT NULL, base_seq INTEGER NOT NULL,
        PRIMARY KEY (device_id, seq)) WITHOUT ROWID""",
    """CREATE TABLE sync_imports (
        id INTEGER PRIMARY KEY, file_sha256 TEXT NOT NULL UNIQUE, file_name TEXT NOT NULL,
        package TEXT NOT NULL, device_id TEXT NOT NULL, seq INTEGER NOT NULL,
        deployment_id TEXT, encrypted INTEGER NOT NULL, created TEXT NOT NULL,
        imported_at TEXT NOT NULL, records INTEGER NOT NULL, new INTEGER NOT NULL,
        updated INTEGER NOT NULL, unchanged INTEGER NOT NULL, conflicts INTEGER NOT NULL)""",
    """CREATE TABLE sync_exports (
        seq INTEGER PRIMARY KEY, package TEXT NOT NULL, file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL, created TEXT NOT NULL, records INTEGER NOT NULL,
        encrypted INTEGER NOT NULL, since_change_seq INTEGER NOT NULL,
        upto_change_seq INTEGER NOT NULL)""",
    """CREATE TABLE sync_revs (
        kind TEXT NOT NULL, record_id TEXT NOT NULL, rev TEXT NOT NULL,
        parent TEXT NOT NULL DEFAULT '', PRIMARY KEY (kind, record_id, rev, parent))
        WITHOUT ROWID""",
    """CREATE TABLE sync_conflicts (
        id INTEGER PRIMARY KEY, kind TEXT NOT NULL, record_id TEXT NOT NULL, rev TEXT NOT NULL,
        status TEXT NOT NULL
            CHECK (status IN ('open', 'identical', 'resolved', 'superseded')),
        version TEXT NOT NULL, head TEXT NOT NULL, detected_at TEXT NOT NULL,
        closed_at TEXT, resolution TEXT, resolved_rev TEXT, UNIQUE (kind, record_id, rev))""",
    """CREATE INDEX sync_conflicts_live ON sync_conflicts(kind, record_id)
        WHERE status IN ('open', 'identical')""",
    """CREATE TABLE sync_acks (
        device_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, hq_created TEXT NOT NULL,
        received_at TEXT NOT NULL)""",
    *[sql for kind, table in _SYNC_KINDS for sql in (
        f"""CREATE TRIGGER sync_revs_{table}_ins AFTER INSERT ON {table} BEGIN
            {_REV_EDGE.format(kind=kind)}; END""",
        f"""CREATE TRIGGER sync_revs_{table}_upd AFTER UPDATE OF rev ON {table} BEGIN
            {_REV_EDGE.format(kind=kind)}; END""",
        f"""INSERT OR IGNORE INTO sync_revs
            SELECT '{kind}', id, rev, coalesce(parent_rev, '') FROM {table}""")],
    """INSERT OR IGNORE INTO sync_revs
        SELECT 'note', note_id, rev, coalesce(parent_rev, '') FROM note_history""",
]

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "corpus and reference data", M0001_CORPUS),
    (2, "field records: notes, measures, tasks, contacts", M0002_RECORDS),
    (3, "sync by file: devices, import log, revision DAG, conflicts", M0003_SYNC),
    (4, "reader bookmarks", M0004_BOOKMARKS),
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
    # By set, not by max: a database made while a lower number was still reserved (3 landed
    # after 4 during development) still gets it.
    done = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
    for version, name, statements in MIGRATIONS:
        if version in done or (upto is not None and version > upto):
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

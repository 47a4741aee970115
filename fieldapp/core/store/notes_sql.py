"""Progress notes: write versions (row + units + history + FTS in one transaction), list, search."""
from __future__ import annotations

import sqlite3

from fieldapp.core.errors import InvalidInput, NotFound
from fieldapp.core.i18n import _
from fieldapp.core.records.notes import clean_note_fields, note_content, row_to_note
from fieldapp.core.records.validate import default_author, now_iso, today
from fieldapp.core.revision import canonical_json
from fieldapp.core.store.erase_sql import ERASED, queue_erasure
from fieldapp.core.store.records_base import RecordsBase, dumps
from fieldapp.core.textfold import HL_CLOSE, HL_OPEN, index_columns, match_expression

PAGE = 200
_NOTE_COLS = ("id, rev, parent_rev, hlc, device_id, deleted, change_seq, created_at, updated_at,"
              " units, measure_id, task_id, date, region, cercle, author, sensitivity, text, tags")


def write_note_version(conn: sqlite3.Connection, note: dict, editor: str,
                       edited_at: str) -> None:
    """Make `note` (every sync and content field; units/tags as lists) the current version.

    Updates notes, note_units, notes_fts and appends to note_history. The caller holds the
    transaction. Sync reuses this for merged versions (with change_seq from next_change_seq).
    A tombstone over an existing note erases its older versions' text (erase_sql).
    """
    content = note_content(note)
    old = conn.execute("SELECT fts_rowid FROM notes WHERE id=?", (note["id"],)).fetchone()
    values = (note["rev"], note["parent_rev"], note["hlc"], note["device_id"],
              content["deleted"], note["change_seq"], note["updated_at"],
              dumps(content["units"]), content["measure_id"], content["task_id"],
              content["date"], content["region"], content["cercle"], content["author"],
              content["sensitivity"], content["text"], dumps(content["tags"]))
    if old is None:
        conn.execute(
            "INSERT INTO notes (rev, parent_rev, hlc, device_id, deleted, change_seq,"
            " updated_at, units, measure_id, task_id, date, region, cercle, author, sensitivity,"
            " text, tags, id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (*values, note["id"], note["created_at"]))
        fts_rowid = None
    else:
        conn.execute(
            "UPDATE notes SET rev=?, parent_rev=?, hlc=?, device_id=?, deleted=?, change_seq=?,"
            " updated_at=?, units=?, measure_id=?, task_id=?, date=?, region=?, cercle=?,"
            " author=?, sensitivity=?, text=?, tags=? WHERE id=?", (*values, note["id"]))
        fts_rowid = old[0]
        conn.execute("DELETE FROM note_units WHERE note_id=?", (note["id"],))
        if fts_rowid is not None:
            conn.execute("DELETE FROM notes_fts WHERE rowid=?", (fts_rowid,))
    if not content["deleted"]:  # tombstones have no unit links and are not searchable
        conn.executemany("INSERT INTO note_units (note_id, unit_id, date, hlc)"
                         " VALUES (?,?,?,?)",
                         [(note["id"], u, content["date"], note["hlc"]) for u in content["units"]])
        body, folded = index_columns(content["text"])
        tags = " ".join(content["tags"])
        cur = conn.execute("INSERT INTO notes_fts (rowid, note_id, body, tags, folded)"
                           " VALUES (?,?,?,?,?)",
                           (fts_rowid, note["id"], body, tags,
                            " ".join(x for x in (folded, index_columns(tags)[1]) if x)))
        if fts_rowid is None:
            conn.execute("UPDATE notes SET fts_rowid=? WHERE id=?", (cur.lastrowid, note["id"]))
    conn.execute(
        "INSERT OR IGNORE INTO note_history (note_id, rev, parent_rev, hlc, device_id, author,"
        " edited_at, content) VALUES (?,?,?,?,?,?,?,?)",
        (note["id"], note["rev"], note["parent_rev"], note["hlc"], note["device_id"], editor,
         edited_at, canonical_json(content)))
    if content["deleted"] and old is not None:
        queue_erasure(conn, note["id"])


class NotesQueries(RecordsBase):
    """Notes API of the Store (see docs/records-schema.md)."""

    # -- reading --------------------------------------------------------------------------
    def note(self, note_id: str) -> dict:
        row = self._query_one(f"SELECT {_NOTE_COLS} FROM notes WHERE id=?", (note_id,))
        if row is None:
            raise NotFound(_("no such note: {id}").format(id=str(note_id)[:60]))
        return row_to_note(row)

    def notes_page(self, unit: str | None = None, after: tuple[str, str] | None = None,
                   limit: int = PAGE, include_deleted: bool = False) -> list[dict]:
        """Notes newest first (date, then hlc), `limit` at a time after the cursor `after`.

        `after` is the (date, hlc) of the last note of the previous page (keyset paging: every
        page costs the same, however deep). include_deleted only applies to the list of all
        notes (a paragraph's list holds live notes).
        """
        limit = max(1, min(int(limit), 5000))
        args: list = []
        if unit is None:
            sql = f"SELECT {_NOTE_COLS} FROM notes WHERE 1"
            if not include_deleted:
                sql += " AND deleted = 0"
            if after:
                sql += " AND (date, hlc) < (?, ?)"
                args += list(after)
            sql += " ORDER BY date DESC, hlc DESC LIMIT ?"
        else:
            # note_units holds live notes only; CROSS JOIN keeps SQLite walking the
            # (unit_id, date, hlc) index in order instead of scanning notes by `deleted`.
            cols = ", ".join(f"n.{c.strip()}" for c in _NOTE_COLS.split(","))
            sql = (f"SELECT {cols} FROM note_units nu CROSS JOIN notes n ON n.id = nu.note_id"
                   " WHERE nu.unit_id = ?")
            args.append(unit)
            if after:
                sql += " AND (nu.date, nu.hlc) < (?, ?)"
                args += list(after)
            sql += " ORDER BY nu.date DESC, nu.hlc DESC LIMIT ?"
        args.append(limit)
        return [row_to_note(r) for r in self._query(sql, args)]

    def count_notes(self, unit: str | None = None, cap: int | None = None) -> int:
        """Live notes (of one paragraph). With `cap`, counting stops after cap + 1 rows, so
        a caller can show "10,000+" without walking a million index entries (~250 ms)."""
        if unit is None:
            sql, args = "SELECT 1 FROM notes WHERE deleted=0", []
        else:
            sql, args = "SELECT 1 FROM note_units WHERE unit_id=?", [unit]
        if cap is not None:
            sql += " LIMIT ?"
            args.append(int(cap) + 1)
        return self.conn.execute(f"SELECT count(*) FROM ({sql})", args).fetchone()[0]

    def note_history(self, note_id: str) -> list[dict]:
        """Every version of a note, oldest first: who, when, and that version's content
        (None, with erased=True, for the versions before a delete: their text is erased)."""
        self.note(note_id)
        rows = self._query("SELECT rev, parent_rev, hlc, device_id, author, edited_at, content"
                           " FROM note_history WHERE note_id=? ORDER BY hlc", (note_id,))
        import json

        return [{"rev": r["rev"], "parent_rev": r["parent_rev"], "hlc": r["hlc"],
                 "device_id": r["device_id"], "editor": r["author"],
                 "edited_at": r["edited_at"], "erased": r["content"] == ERASED,
                 "content": None if r["content"] == ERASED else json.loads(r["content"])}
                for r in rows]

    # -- writing --------------------------------------------------------------------------
    def _check_links(self, fields: dict) -> None:
        if "units" in fields:
            self.check_units(fields["units"])
        if fields.get("measure_id") and not self.conn.execute(
                "SELECT 1 FROM measures WHERE id=?", (fields["measure_id"],)).fetchone():
            raise NotFound(_("no such priority measure: {id}").format(id=fields["measure_id"]))
        if fields.get("task_id") and not self.conn.execute(
                "SELECT 1 FROM tasks WHERE id=? AND deleted=0", (fields["task_id"],)).fetchone():
            raise NotFound(_("no such task: {id}").format(id=fields["task_id"]))

    def add_note(self, units: list[str], text: str, *, date: str | None = None,
                 region: str | None = None, cercle: str | None = None,
                 sensitivity: str = "unclassified", tags: list[str] | None = None,
                 measure_id: str | None = None, task_id: str | None = None,
                 author: str | None = None) -> dict:
        """Validate, then store a new note in one transaction; return it."""
        fields = clean_note_fields(
            {"units": units, "text": text, "date": date or today(), "region": region,
             "cercle": cercle, "sensitivity": sensitivity, "tags": tags or [],
             "measure_id": measure_id, "task_id": task_id,
             "author": default_author() if author is None else author}, self.regions())
        self._check_links(fields)
        from fieldapp.core.revision import new_id

        now = now_iso()
        note = {"id": new_id(), "created_at": now, "updated_at": now, "deleted": 0, **fields}
        with self.transaction():  # type: ignore[attr-defined]
            note.update(self._new_version(note_content(note), None))
            write_note_version(self.conn, note, fields["author"], now)
        return self.note(note["id"])

    def _write_change(self, note_id: str, changes: dict, editor: str | None,
                      expected_rev: str | None, *, deleted: int | None = None) -> dict:
        with self.transaction():  # type: ignore[attr-defined]
            current = self.note(note_id)
            if expected_rev is not None and current["rev"] != expected_rev:
                raise InvalidInput(_("note {id} was changed meanwhile; reload it and try again")
                                   .format(id=note_id))
            note = {**current, **changes}
            if deleted is not None:
                note["deleted"] = deleted
            content = note_content(note)
            if content == note_content(current):
                return current  # nothing changed: no new version
            now = now_iso()
            note.update(self._new_version(content, current["rev"]), updated_at=now)
            write_note_version(self.conn, note, default_author() if editor is None else editor,
                               now)
        return self.note(note_id)

    def edit_note(self, note_id: str, *, editor: str | None = None,
                  expected_rev: str | None = None, **changes) -> dict:
        """Change some fields (text, units, date, region, cercle, sensitivity, tags, measure_id,
        task_id, author). A deleted note cannot be edited (restore it first)."""
        unknown = set(changes) - {"text", "units", "date", "region", "cercle", "sensitivity",
                                  "tags", "measure_id", "task_id", "author"}
        if unknown:
            raise InvalidInput(_("unknown note field: {f}").format(f=sorted(unknown)[0]))
        current = self.note(note_id)
        if current["deleted"]:
            raise InvalidInput(_("note {id} is deleted; restore it before editing")
                               .format(id=note_id))
        if ("region" in changes) != ("cercle" in changes):
            changes.setdefault("region", current["region"])
            changes.setdefault("cercle", current["cercle"])
        fields = clean_note_fields(changes, self.regions())
        self._check_links(fields)
        return self._write_change(note_id, fields, editor, expected_rev)

    def delete_note(self, note_id: str, *, editor: str | None = None) -> dict:
        """Tombstone: a new version with deleted=1 and no text or tags; the text of every
        earlier version is erased from the database (erase_sql). Not undoable from the
        database alone: restore_note needs the text back from its caller."""
        if self.note(note_id)["deleted"]:
            raise InvalidInput(_("note {id} is already deleted").format(id=note_id))
        return self._write_change(note_id, {"text": "", "tags": []}, editor, None, deleted=1)

    def restore_note(self, note_id: str, *, editor: str | None = None,
                     text: str | None = None, tags: list[str] | None = None) -> dict:
        """Undo a delete: a new live version. A tombstone has no text, so `text` (and `tags`)
        give it back (the window keeps them in memory for its Undo); only a tombstone that
        still carries text (merged from a file of an older version) restores without."""
        current = self.note(note_id)
        if not current["deleted"]:
            raise InvalidInput(_("note {id} is not deleted").format(id=note_id))
        changes: dict = {}
        if text is not None or tags is not None:
            changes = clean_note_fields({k: v for k, v in (("text", text), ("tags", tags))
                                         if v is not None}, [])
        elif not current["text"]:
            raise InvalidInput(_("the text of note {id} was erased when it was deleted;"
                                 " it cannot be restored").format(id=note_id))
        return self._write_change(note_id, changes, editor, None, deleted=0)

    # -- search ---------------------------------------------------------------------------
    def search_notes(self, query: str, limit: int = 50, unit: str | None = None) -> list[dict]:
        """Best-first note hits (bm25, lower is better); deleted notes are not indexed."""
        limit = max(1, min(int(limit), 1000))
        rows: list = []
        for mode in ("and", "or"):
            expr = match_expression(query, mode=mode)
            if expr is None:
                return []
            sql = ("SELECT f.note_id, snippet(notes_fts, 1, ?, ?, '…', 16),"
                   " highlight(notes_fts, 2, ?, ?), bm25(notes_fts) FROM notes_fts f")
            args: list = [HL_OPEN, HL_CLOSE, HL_OPEN, HL_CLOSE]
            if unit is not None:
                sql += " JOIN note_units nu ON nu.note_id = f.note_id AND nu.unit_id = ?"  # live only
                args.append(unit)
            sql += " WHERE notes_fts MATCH ? ORDER BY bm25(notes_fts) LIMIT ?"
            rows = self.conn.execute(sql, [*args, expr, limit]).fetchall()
            if rows or len(expr.split()) == 1:
                break
        return [{"id": nid, "kind": "note", "lang": "",
                 "snippet": tags if HL_OPEN in tags and HL_OPEN not in snip else snip,
                 "score": score} for nid, snip, tags, score in rows]


def insert_new_notes(conn: sqlite3.Connection, notes: list[dict], editor: str,
                     edited_at: str) -> int:
    """Bulk path of write_note_version for notes whose ids are NEW (executemany per table).

    Same rows as write_note_version would write (notes, note_units, note_history, notes_fts);
    for generated data sets and imports of unseen notes. The caller holds the transaction.
    """
    start = conn.execute("SELECT coalesce(max(rowid), 0) FROM notes_fts").fetchone()[0] + 1
    note_rows, unit_rows, history_rows, fts_rows = [], [], [], []
    for i, note in enumerate(notes):
        c = note_content(note)
        live = not c["deleted"]
        fts_rowid = start + i if live else None
        note_rows.append((note["id"], note["rev"], note["parent_rev"], note["hlc"],
                          note["device_id"], c["deleted"], note["change_seq"],
                          note["created_at"], note["updated_at"], dumps(c["units"]),
                          c["measure_id"], c["task_id"], c["date"], c["region"], c["cercle"],
                          c["author"], c["sensitivity"], c["text"], dumps(c["tags"]), fts_rowid))
        if live:
            unit_rows += [(note["id"], u, c["date"], note["hlc"]) for u in c["units"]]
        history_rows.append((note["id"], note["rev"], note["parent_rev"], note["hlc"],
                             note["device_id"], editor, edited_at, canonical_json(c)))
        if live:
            body, folded = index_columns(c["text"])
            tags = " ".join(c["tags"])
            fts_rows.append((fts_rowid, note["id"], body, tags,
                             " ".join(x for x in (folded, index_columns(tags)[1]) if x)))
    conn.executemany(f"INSERT INTO notes ({_NOTE_COLS}, fts_rowid) VALUES"
                     f" ({', '.join('?' * 20)})", note_rows)
    conn.executemany("INSERT INTO note_units (note_id, unit_id, date, hlc) VALUES (?,?,?,?)",
                     unit_rows)
    conn.executemany("INSERT INTO note_history (note_id, rev, parent_rev, hlc, device_id, author,"
                     " edited_at, content) VALUES (?,?,?,?,?,?,?,?)", history_rows)
    conn.executemany("INSERT INTO notes_fts (rowid, note_id, body, tags, folded)"
                     " VALUES (?,?,?,?,?)", fts_rows)
    return len(notes)

"""SQL of sync by file (migration 3): meta keys, pinned devices, logs, revision DAG, conflicts.

A mixin inherited by `Store`. Callers in fieldapp/core/sync/ hold the transactions.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Iterable, Iterator

from fieldapp.core.revision import canonical_json

TABLES = {"note": "notes", "assessment": "measure_assessments", "task": "tasks",
          "contact": "contacts"}
SYNC_COLS = ("id", "rev", "parent_rev", "hlc", "device_id", "deleted", "change_seq",
             "created_at", "updated_at")
BATCH = 500


def _content_fn(kind: str):
    from fieldapp.core.sync.wire import KINDS

    return KINDS[kind][1]


def _dumps(value: object) -> str:
    from fieldapp.core.sync.canon import compact

    return compact(value)


def _chunks(items: list, size: int = BATCH) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


class SyncQueries:
    conn: sqlite3.Connection

    # -- meta ----------------------------------------------------------------------------
    def sync_meta_get(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def sync_meta_set(self, key: str, value: str) -> None:
        self.conn.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE"
                          " SET value=excluded.value", (key, value))

    def sync_meta_delete(self, key: str) -> None:
        self.conn.execute("DELETE FROM meta WHERE key=?", (key,))

    def sync_change_seq(self) -> int:
        """The highest change counter stamped so far."""
        return int(self.sync_meta_get("change_seq") or 0)

    # -- devices, sequences, logs ------------------------------------------------------------
    def sync_device(self, device_id: str) -> dict | None:
        cur = self.conn.execute("SELECT * FROM sync_devices WHERE device_id=?", (device_id,))
        row = cur.fetchone()
        return dict(zip([d[0] for d in cur.description], row)) if row else None

    def sync_devices(self) -> list[dict]:
        cur = self.conn.execute(
            "SELECT d.*, (SELECT count(*) FROM sync_seqs s WHERE s.device_id=d.device_id)"
            " AS files FROM sync_devices d ORDER BY d.last_import DESC")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def sync_pin_device(self, device_id: str, public_key: str, fingerprint: str,
                        age_recipient: str, deployment_id: str | None, seq: int,
                        base_seq: int, now: str) -> None:
        self.conn.execute(
            "INSERT INTO sync_devices (device_id, public_key, fingerprint, age_recipient,"
            " deployment_id, first_seen, last_import, last_seq) VALUES (?,?,?,?,?,?,?,?)"
            " ON CONFLICT(device_id) DO UPDATE SET last_import=excluded.last_import,"
            " last_seq=max(last_seq, excluded.last_seq), age_recipient=excluded.age_recipient,"
            " deployment_id=coalesce(excluded.deployment_id, deployment_id)",
            (device_id, public_key, fingerprint, age_recipient, deployment_id, now, now, seq))
        self.conn.execute("INSERT INTO sync_seqs VALUES (?, ?, ?) ON CONFLICT DO UPDATE"
                          " SET base_seq=min(base_seq, excluded.base_seq)",
                          (device_id, seq, base_seq))

    def sync_contiguous_seq(self, device_id: str) -> int:
        """Largest N such that every change of the device's exports 1..N has arrived.

        A file #seq carries every change made after export #base_seq (seq - 1 normally, 0 for
        a full export, HQ's last acknowledgement for a re-send), so N grows through any file
        whose base is already covered.
        """
        files = self.conn.execute("SELECT seq, base_seq FROM sync_seqs WHERE device_id=?"
                                  " ORDER BY base_seq", (device_id,)).fetchall()
        n = 0
        for seq, base in files:
            if base > n:
                break
            n = max(n, seq)
        return n

    def sync_import_logged(self, file_sha256: str) -> dict | None:
        cur = self.conn.execute("SELECT * FROM sync_imports WHERE file_sha256=?",
                                (file_sha256,))
        row = cur.fetchone()
        return dict(zip([d[0] for d in cur.description], row)) if row else None

    def sync_log_import(self, entry: dict) -> None:
        cols = ("file_sha256", "file_name", "package", "device_id", "seq", "deployment_id",
                "encrypted", "created", "imported_at", "records", "new", "updated",
                "unchanged", "conflicts")
        self.conn.execute(f"INSERT INTO sync_imports ({', '.join(cols)}) VALUES"
                          f" ({', '.join('?' * len(cols))})", [entry[c] for c in cols])

    def sync_imports(self, limit: int = 200) -> list[dict]:
        cur = self.conn.execute("SELECT * FROM sync_imports ORDER BY id DESC LIMIT ?", (limit,))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def sync_count_imports(self) -> int:
        return self.conn.execute("SELECT count(*) FROM sync_imports").fetchone()[0]

    def sync_log_export(self, entry: dict) -> None:
        cols = ("seq", "package", "file_name", "file_sha256", "created", "records",
                "encrypted", "since_change_seq", "upto_change_seq")
        self.conn.execute(f"INSERT OR REPLACE INTO sync_exports ({', '.join(cols)}) VALUES"
                          f" ({', '.join('?' * len(cols))})", [entry[c] for c in cols])

    def sync_last_export(self) -> dict | None:
        cur = self.conn.execute("SELECT * FROM sync_exports ORDER BY seq DESC LIMIT 1")
        row = cur.fetchone()
        return dict(zip([d[0] for d in cur.description], row)) if row else None

    def sync_export_upto(self, seq: int) -> int:
        """The change counter covered by export #seq (0 when unknown)."""
        row = self.conn.execute("SELECT upto_change_seq FROM sync_exports WHERE seq=?",
                                (seq,)).fetchone()
        return row[0] if row else 0

    def sync_set_ack(self, device_id: str, seq: int, hq_created: str, now: str) -> None:
        self.conn.execute(
            "INSERT INTO sync_acks VALUES (?,?,?,?) ON CONFLICT(device_id) DO UPDATE SET"
            " seq=max(seq, excluded.seq), hq_created=excluded.hq_created,"
            " received_at=excluded.received_at", (device_id, seq, hq_created, now))

    def sync_ack(self, device_id: str) -> dict | None:
        cur = self.conn.execute("SELECT * FROM sync_acks WHERE device_id=?", (device_id,))
        row = cur.fetchone()
        return dict(zip([d[0] for d in cur.description], row)) if row else None

    # -- revision DAG ------------------------------------------------------------------------
    def sync_known(self, kind: str, ids: list[str]) -> dict[str, set[str]]:
        """{record id: every known rev} for the given records."""
        out: dict[str, set[str]] = {}
        for part in _chunks(ids):
            for rid, rev in self.conn.execute(
                    f"SELECT record_id, rev FROM sync_revs WHERE kind=? AND record_id IN"
                    f" ({','.join('?' * len(part))})", (kind, *part)):
                out.setdefault(rid, set()).add(rev)
        return out

    def sync_edges(self, kind: str, ids: list[str]) -> dict[str, list[tuple[str, str]]]:
        out: dict[str, list[tuple[str, str]]] = {}
        for part in _chunks(ids):
            for rid, rev, parent in self.conn.execute(
                    f"SELECT record_id, rev, parent FROM sync_revs WHERE kind=? AND record_id IN"
                    f" ({','.join('?' * len(part))})", (kind, *part)):
                out.setdefault(rid, []).append((rev, parent))
        return out

    def sync_add_edges(self, kind: str, record_id: str,
                       edges: Iterable[tuple[str, str | None]]) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO sync_revs VALUES (?,?,?,?)",
                              [(kind, record_id, c, p or "") for c, p in edges])

    def sync_add_edge_rows(self, rows: list[tuple[str, str, str, str]]) -> None:
        """(kind, record id, rev, parent or '') rows, in one executemany."""
        self.conn.executemany("INSERT OR IGNORE INTO sync_revs VALUES (?,?,?,?)", rows)

    # -- record rows ---------------------------------------------------------------------------
    def sync_rows(self, kind: str, ids: list[str]) -> dict[str, dict]:
        """Current rows of the given records as wire versions (without anc)."""
        out: dict[str, dict] = {}
        for part in _chunks(ids):
            cur = self.conn.execute(f"SELECT * FROM {TABLES[kind]} WHERE id IN"
                                    f" ({','.join('?' * len(part))})", part)
            names = [d[0] for d in cur.description]
            for r in cur.fetchall():
                row = dict(zip(names, r))
                out[row["id"]] = self._row_version(kind, row)
        return out

    def _row_version(self, kind: str, row: dict) -> dict:
        v = {"k": kind, "id": row["id"], "rev": row["rev"], "parent_rev": row["parent_rev"],
             "hlc": row["hlc"], "device_id": row["device_id"],
             "c": _content_fn(kind)(row), "created_at": row["created_at"],
             "updated_at": row["updated_at"]}
        if row.get("h_edited_at") is not None:  # who made the current note version
            v["editor"], v["edited_at"] = row["h_editor"], row["h_edited_at"]
        return v

    def sync_changed(self, kind: str, since: int, upto: int,
                     where: str = "") -> Iterator[list[dict]]:
        """Rows with since < change_seq <= upto, as wire versions, in batches."""
        cur = self.conn.cursor()
        if kind == "note":
            cur.execute("SELECT n.*, h.author AS h_editor, h.edited_at AS h_edited_at"
                        " FROM notes n LEFT JOIN note_history h ON h.note_id = n.id AND"
                        " h.rev = n.rev WHERE n.change_seq > ? AND n.change_seq <= ?"
                        f" AND n.device_id != 'seed' {where} ORDER BY n.change_seq, n.id",
                        (since, upto))
        else:
            cur.execute(f"SELECT * FROM {TABLES[kind]} WHERE change_seq > ? AND"
                        f" change_seq <= ? AND device_id != 'seed' {where}"
                        " ORDER BY change_seq, id", (since, upto))
        names = [d[0] for d in cur.description]
        while rows := cur.fetchmany(BATCH):
            yield [self._row_version(kind, dict(zip(names, r))) for r in rows]

    def sync_count_changed(self, since: int) -> int:
        """Records stamped after change counter `since` (what the next export carries)."""
        return sum(self.conn.execute(
            f"SELECT count(*) FROM {t} WHERE change_seq > ? AND device_id != 'seed'",
            (since,)).fetchone()[0] for t in TABLES.values())

    def sync_note_history(self, note_ids: list[str]) -> dict[str, list[dict]]:
        """Older versions of the notes (every history entry but the current one, except
        versions whose text was erased by a delete: erase_sql)."""
        out: dict[str, list[dict]] = {}
        for part in _chunks(note_ids):
            for nid, rev, parent, hlc, dev, author, edited_at, content in self.conn.execute(
                    "SELECT h.note_id, h.rev, h.parent_rev, h.hlc, h.device_id, h.author,"
                    " h.edited_at, h.content FROM note_history h JOIN notes n ON"
                    " n.id = h.note_id AND n.rev != h.rev AND h.content != ''"
                    f" WHERE h.note_id IN ({','.join('?' * len(part))})"
                    " ORDER BY h.note_id, h.hlc", part):
                out.setdefault(nid, []).append(
                    {"k": "note_history", "id": nid, "rev": rev, "parent_rev": parent,
                     "hlc": hlc, "device_id": dev, "c": json.loads(content),
                     "editor": author, "edited_at": edited_at})
        return out

    def sync_write_version(self, v: dict, change_seq: int) -> None:
        """Make wire version `v` the record's current row (a merged write)."""
        kind = v["k"]
        c = v["c"]
        if kind == "note":
            from fieldapp.core.store.notes_sql import write_note_version

            note = {"id": v["id"], "rev": v["rev"], "parent_rev": v["parent_rev"],
                    "hlc": v["hlc"], "device_id": v["device_id"], "change_seq": change_seq,
                    "created_at": v["created_at"], "updated_at": v["updated_at"], **c}
            write_note_version(self.conn, note, v.get("editor", c["author"]),
                               v.get("edited_at", v["updated_at"]))
            return
        cols = [k for k in c if k != "deleted"]
        values = [_dumps(c[k]) if isinstance(c[k], (list, dict)) else c[k] for k in cols]
        head = ["id", "rev", "parent_rev", "hlc", "device_id", "deleted", "change_seq",
                "created_at", "updated_at"]
        every = head + cols
        update = ", ".join(f"{k}=excluded.{k}" for k in every if k not in ("id", "created_at"))
        self.conn.execute(
            f"INSERT INTO {TABLES[kind]} ({', '.join(every)}) VALUES"
            f" ({', '.join('?' * len(every))}) ON CONFLICT(id) DO UPDATE SET {update}",
            (v["id"], v["rev"], v["parent_rev"], v["hlc"], v["device_id"], c["deleted"],
             change_seq, v["created_at"], v["updated_at"], *values))

    def sync_insert_new_notes(self, versions: list[dict], change_seq: int) -> None:
        """Bulk form of notes_sql.write_note_version for notes that do not exist here yet.

        Same rows as writing each version with write_note_version (notes, note_units,
        notes_fts with notes.fts_rowid, note_history): tests/core/test_sync_store.py compares
        the two. executemany keeps a 100,000-note import within its benchmark target.
        """
        from fieldapp.core.sync.canon import canonical, compact
        from fieldapp.core.textfold import index_columns

        if not versions:
            return
        next_rowid = (self.conn.execute("SELECT max(rowid) FROM notes_fts").fetchone()[0]
                      or 0) + 1
        notes, units, fts, history = [], [], [], []
        for v in sorted(versions, key=lambda v: v["id"]):  # B-tree friendly order
            c = v["c"]
            fts_rowid = None
            if not c["deleted"]:
                fts_rowid = next_rowid
                next_rowid += 1
                body, folded = index_columns(c["text"])
                tags = " ".join(c["tags"])
                fts.append((fts_rowid, v["id"], body, tags,
                            " ".join(x for x in (folded, index_columns(tags)[1]) if x)))
            notes.append((v["id"], v["rev"], v["parent_rev"], v["hlc"], v["device_id"],
                          c["deleted"], change_seq, v["created_at"], v["updated_at"],
                          compact(c["units"]), c["measure_id"], c["task_id"], c["date"],
                          c["region"], c["cercle"], c["author"], c["sensitivity"], c["text"],
                          compact(c["tags"]), fts_rowid))
            if not c["deleted"]:  # as write_note_version: tombstones have no unit links
                units.extend((v["id"], u, c["date"], v["hlc"]) for u in c["units"])
            history.append((v["id"], v["rev"], v["parent_rev"], v["hlc"], v["device_id"],
                            v.get("editor", c["author"]), v.get("edited_at", v["updated_at"]),
                            canonical(c)))
        self.conn.executemany(
            "INSERT INTO notes (id, rev, parent_rev, hlc, device_id, deleted, change_seq,"
            " created_at, updated_at, units, measure_id, task_id, date, region, cercle, author,"
            " sensitivity, text, tags, fts_rowid) VALUES"
            " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", notes)
        self.conn.executemany("INSERT INTO note_units (note_id, unit_id, date, hlc)"
                              " VALUES (?,?,?,?)", units)
        self.conn.executemany("INSERT INTO notes_fts (rowid, note_id, body, tags, folded)"
                              " VALUES (?,?,?,?,?)", fts)
        self.conn.executemany(
            "INSERT OR IGNORE INTO note_history (note_id, rev, parent_rev, hlc, device_id,"
            " author, edited_at, content) VALUES (?,?,?,?,?,?,?,?)", history)

    def sync_add_history(self, h: dict) -> None:
        """An older note version (INSERT OR IGNORE; only for a note that exists here). The
        text of an older version of a note deleted here is not kept (erase_sql)."""
        self.conn.execute(
            "INSERT OR IGNORE INTO note_history (note_id, rev, parent_rev, hlc, device_id,"
            " author, edited_at, content) SELECT ?,?,?,?,?,?,?,"
            " CASE WHEN n.deleted THEN '' ELSE ? END FROM notes n WHERE n.id=?",
            (h["id"], h["rev"], h["parent_rev"], h["hlc"], h["device_id"], h["editor"],
             h["edited_at"], canonical_json(h["c"]), h["id"]))

    def sync_touch(self, kind: str, record_id: str, change_seq: int) -> None:
        """Stamp a record whose frontier changed without a new head (so it is re-exported)."""
        self.conn.execute(f"UPDATE {TABLES[kind]} SET change_seq=? WHERE id=?",
                          (change_seq, record_id))

    # -- frontier / conflicts --------------------------------------------------------------
    def sync_frontier_rows(self, kind: str, ids: list[str]) -> dict[str, list[dict]]:
        """{record id: [conflict rows still in the frontier]}."""
        out: dict[str, list[dict]] = {}
        for part in _chunks(ids):
            for cid, rid, rev, status, version in self.conn.execute(
                    "SELECT id, record_id, rev, status, version FROM sync_conflicts"
                    f" WHERE kind=? AND status IN ('open', 'identical') AND record_id IN"
                    f" ({','.join('?' * len(part))})", (kind, *part)):
                out.setdefault(rid, []).append({"conflict_id": cid, "status": status,
                                                "version": json.loads(version)})
        return out

    def sync_conflicted_records(self) -> list[tuple[str, str]]:
        return self.conn.execute(
            "SELECT DISTINCT kind, record_id FROM sync_conflicts"
            " WHERE status IN ('open', 'identical') ORDER BY kind, record_id").fetchall()

    def sync_put_frontier(self, kind: str, record_id: str, head: dict, losers: list[tuple],
                          left: list[str], now: str) -> None:
        """Store F \\ {head}: `losers` = [(version, status)], `left` = revs no longer in F."""
        head_json = canonical_json({k: x for k, x in head.items() if k != "anc"})
        for version, status in losers:
            self.conn.execute(
                "INSERT INTO sync_conflicts (kind, record_id, rev, status, version, head,"
                " detected_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT(kind, record_id, rev)"
                # same rev, same content: the incoming copy also replaces an erased one
                " DO UPDATE SET status=excluded.status, version=excluded.version,"
                " head=CASE WHEN status=excluded.status"
                " THEN head ELSE excluded.head END, closed_at=NULL",
                (kind, record_id, version["rev"], status,
                 canonical_json({k: x for k, x in version.items() if k != "anc"}),
                 head_json, now))
        if left:
            self.conn.executemany(
                "UPDATE sync_conflicts SET status='superseded', closed_at=? WHERE kind=? AND"
                " record_id=? AND rev=? AND status IN ('open', 'identical')",
                [(now, kind, record_id, rev) for rev in left])

    def sync_conflicts(self, status: tuple[str, ...] = ("open",)) -> list[dict]:
        cur = self.conn.execute(
            f"SELECT * FROM sync_conflicts WHERE status IN ({','.join('?' * len(status))})"
            " ORDER BY detected_at, id", status)
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
        for r in rows:
            r["version"] = json.loads(r["version"])
            r["head"] = json.loads(r["head"])
        return rows

    def sync_conflict(self, conflict_id: int) -> dict | None:
        cur = self.conn.execute("SELECT * FROM sync_conflicts WHERE id=?", (conflict_id,))
        row = cur.fetchone()
        if row is None:
            return None
        r = dict(zip([d[0] for d in cur.description], row))
        r["version"] = json.loads(r["version"])
        r["head"] = json.loads(r["head"])
        return r

    def sync_close_conflict(self, conflict_id: int, resolution: str, resolved_rev: str,
                            now: str) -> None:
        self.conn.execute("UPDATE sync_conflicts SET status='resolved', resolution=?,"
                          " resolved_rev=?, closed_at=? WHERE id=?",
                          (resolution, resolved_rev, now, conflict_id))

    def sync_count_conflicts(self) -> int:
        return self.conn.execute(
            "SELECT count(*) FROM sync_conflicts WHERE status='open'").fetchone()[0]

    # -- for HQ packages -----------------------------------------------------------------------
    def sync_measure_ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT id FROM measures")}

"""Queries of the progress report (fieldapp/core/pdf/report.py): filtered notes, in order.

Reads the records engineer's tables (docs/records-schema.md) without writing them; the
rows are turned into the public note dictionaries by records.notes.row_to_note.
"""
from __future__ import annotations

import sqlite3
from typing import Iterator

from fieldapp.core.records.notes import row_to_note
from fieldapp.core.store.connection import row_class

_COLS = ("n.id, n.rev, n.parent_rev, n.hlc, n.device_id, n.deleted, n.change_seq,"
         " n.created_at, n.updated_at, n.units, n.measure_id, n.task_id, n.date, n.region,"
         " n.cercle, n.author, n.sensitivity, n.text, n.tags")


def _in(column: str, values: list, args: list) -> str:
    args.extend(values)
    return f" AND {column} IN ({', '.join('?' * len(values))})"


class ReportQueries:
    conn: sqlite3.Connection

    def _report_where(self, date_from: str | None, date_to: str | None,
                      regions: list[str] | None, units: list[str] | None,
                      measures: list[str] | None,
                      sensitivities: list[str] | None) -> tuple[str, list]:
        sql, args = " FROM notes n WHERE n.deleted = 0", []
        if date_from:
            sql += " AND n.date >= ?"
            args.append(date_from)
        if date_to:
            sql += " AND n.date <= ?"
            args.append(date_to)
        if regions:
            sql += _in("n.region", list(regions), args)
        if measures:
            sql += _in("n.measure_id", list(measures), args)
        if sensitivities:
            sql += _in("n.sensitivity", list(sensitivities), args)
        if units is not None:
            sql += (" AND EXISTS (SELECT 1 FROM note_units nu WHERE nu.note_id = n.id"
                    + _in("nu.unit_id", list(units) or [""], args) + ")")
        return sql, args

    def report_notes(self, *, date_from: str | None = None, date_to: str | None = None,
                     regions: list[str] | None = None, units: list[str] | None = None,
                     measures: list[str] | None = None,
                     sensitivities: list[str] | None = None) -> Iterator[dict]:
        """Live notes matching every given filter, oldest first (date, then hlc).

        `units` None means any paragraph; a list keeps notes attached to one of them.
        Rows are streamed from one cursor (a 10,000-note report does not copy them twice).
        """
        where, args = self._report_where(date_from, date_to, regions, units, measures,
                                         sensitivities)
        cur = self.conn.cursor()
        cur.row_factory = row_class(self.conn)  # sqlite3.Row, or SQLCipher's
        for row in cur.execute(f"SELECT {_COLS}{where} ORDER BY n.date, n.hlc", args):
            yield row_to_note(row)

    def count_report_notes(self, **filters) -> int:
        where, args = self._report_where(filters.get("date_from"), filters.get("date_to"),
                                         filters.get("regions"), filters.get("units"),
                                         filters.get("measures"), filters.get("sensitivities"))
        return self.conn.execute(f"SELECT count(*){where}", args).fetchone()[0]

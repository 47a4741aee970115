"""Priority measures ledger: measures, indicators, assessments (append-only), roll-ups."""
from __future__ import annotations

import datetime as dt
import json

from fieldapp.core.errors import InvalidInput, NotFound
from fieldapp.core.i18n import _
from fieldapp.core.records.measures import (assessment_content, clean_assessment,
                                            status_label, trend)
from fieldapp.core.records.validate import default_author, today
from fieldapp.core.store.records_base import SimpleRecords

_ASSESS_COLS = ("id, rev, parent_rev, hlc, device_id, deleted, change_seq, created_at,"
                " updated_at, measure_id, status, date, evidence, source, author, confidence,"
                " indicators")


def _assessment(row) -> dict:
    out = {k: row[k] for k in ("id", "rev", "hlc", "device_id", "change_seq", "created_at")}
    out.update(assessment_content(row))
    out["deleted"] = bool(out["deleted"])
    out["status_label"] = status_label(out["status"])
    return out


def paragraph_of(unit: str) -> str:
    """'op3' for 'op3.2' (the operative paragraph a measure belongs to)."""
    return unit.split(".", 1)[0]


class MeasuresQueries(SimpleRecords):
    """Measures API of the Store (see docs/records-schema.md)."""

    def _measure_rows(self) -> list[dict]:
        rows = self._query("SELECT * FROM measures ORDER BY seq")
        inds: dict[str, list[dict]] = {}
        for r in self._query("SELECT * FROM measure_indicators ORDER BY measure_id, seq"):
            inds.setdefault(r["measure_id"], []).append({
                "id": r["id"], "label": {"en": r["label_en"], "fr": r["label_fr"]},
                "target": (int(r["target"]) if r["target"] is not None
                           and float(r["target"]).is_integer() else r["target"]),
                "unit": {"en": r["unit_en"], "fr": r["unit_fr"]}, "basis": r["basis"],
                "comparator": r["comparator"], "items": json.loads(r["items"])})
        return [{"id": r["id"], "unit": r["unit"], "paragraph": paragraph_of(r["unit"]),
                 "parent": r["parent"], "title": {"en": r["title_en"], "fr": r["title_fr"]},
                 "responsible": {"en": r["responsible_en"], "fr": r["responsible_fr"]},
                 "deadline": r["deadline"], "excerpt": r["excerpt_en"],
                 "note": {"en": r["note_en"], "fr": r["note_fr"]},
                 "indicators": inds.get(r["id"], [])} for r in rows]

    def measure_history(self, measure_id: str) -> list[dict]:
        """Assessments of one measure, newest first (tombstoned ones left out)."""
        self._measure_exists(measure_id)
        return [_assessment(r) for r in self._query(
            f"SELECT {_ASSESS_COLS} FROM measure_assessments WHERE measure_id=? AND deleted=0"
            " ORDER BY date DESC, hlc DESC", (measure_id,))]

    def _measure_exists(self, measure_id: str) -> None:
        if not self.conn.execute("SELECT 1 FROM measures WHERE id=?", (measure_id,)).fetchone():
            raise NotFound(_("no such priority measure: {id}").format(id=str(measure_id)[:60]))

    def measures(self, on: str | None = None) -> list[dict]:
        """Every measure with its current status, trend, last evidence, days to deadline,
        indicator values (latest first) and roll-up (0–100 %, own status or sub-measures)."""
        day = dt.date.fromisoformat(on or today())
        out = self._measure_rows()
        history: dict[str, list[dict]] = {}
        for r in self._query(f"SELECT {_ASSESS_COLS} FROM measure_assessments WHERE deleted=0"
                             " ORDER BY measure_id, date DESC, hlc DESC"):
            history.setdefault(r["measure_id"], []).append(_assessment(r))
        for m in out:
            hist = history.get(m["id"], [])
            last = hist[0] if hist else None
            m["status"] = last["status"] if last else None
            m["status_label"] = status_label(m["status"])
            m["trend"] = trend([a["status"] for a in hist])
            m["last"] = last
            m["assessments"] = len(hist)
            m["days_to_deadline"] = ((dt.date.fromisoformat(m["deadline"]) - day).days
                                     if m["deadline"] else None)
            for ind in m["indicators"]:
                ind["values"] = [{"date": a["date"], "value": a["indicators"][ind["id"]],
                                  "assessment": a["id"]}
                                 for a in hist if ind["id"] in a["indicators"]]
        children: dict[str, list[dict]] = {}
        for m in out:
            if m["parent"]:
                children.setdefault(m["parent"], []).append(m)
        for m in out:
            subs = children.get(m["id"], [])
            if m["status"] is not None or not subs:
                m["rollup"] = round(100 * (m["status"] or 0) / 4)
            else:
                m["rollup"] = round(sum(100 * (s["status"] or 0) / 4 for s in subs) / len(subs))
        return out

    def measure(self, measure_id: str) -> dict:
        self._measure_exists(measure_id)
        m = next(x for x in self.measures() if x["id"] == measure_id)
        m["history"] = self.measure_history(measure_id)
        return m

    def ledger(self, on: str | None = None) -> dict:
        """{'measures': [...], 'paragraphs': {'op3': pct, 'op14': pct}} (mean of the
        paragraph's top-level measures' roll-ups; unassessed counts as 0)."""
        measures = self.measures(on)
        groups: dict[str, list[int]] = {}
        for m in measures:
            if not m["parent"]:
                groups.setdefault(m["paragraph"], []).append(m["rollup"])
        return {"measures": measures,
                "paragraphs": {p: round(sum(v) / len(v)) for p, v in groups.items()}}

    def assess_measure(self, measure_id: str, status: int | str, evidence: str, *,
                       date: str | None = None, source: str = "", confidence: str = "medium",
                       indicators: dict | None = None, author: str | None = None) -> dict:
        """Append an assessment (validated first; one transaction); return it."""
        self._measure_exists(measure_id)
        ind_ids = {r[0] for r in self.conn.execute(
            "SELECT id FROM measure_indicators WHERE measure_id=?", (measure_id,))}
        fields = clean_assessment(
            {"status": status, "evidence": evidence, "date": date or today(), "source": source,
             "confidence": confidence, "indicators": indicators or {},
             "author": default_author() if author is None else author}, ind_ids)
        new_id = self._create_record("measure_assessments", assessment_content,
                                     {"measure_id": measure_id, **fields})
        return self.assessment(new_id)

    def assessment(self, assessment_id: str) -> dict:
        row = self._query_one(f"SELECT {_ASSESS_COLS} FROM measure_assessments WHERE id=?",
                              (assessment_id,))
        if row is None:
            raise NotFound(_("no such assessment: {id}").format(id=str(assessment_id)[:60]))
        return _assessment(row)

    def retract_assessment(self, assessment_id: str) -> dict:
        """Tombstone an assessment entered by mistake (history is otherwise append-only)."""
        current = self.assessment(assessment_id)
        if current["deleted"]:
            raise InvalidInput(_("assessment {id} is already retracted").format(id=assessment_id))
        self._change_record("measure_assessments", assessment_content,
                            {"id": assessment_id}, {"deleted": 1})
        return self.assessment(assessment_id)


"""Priority measures (op3, op14) and their assessments on the 0–4 scale."""
from __future__ import annotations

import math
from typing import Mapping

from fieldapp.core.errors import InvalidInput
from fieldapp.core.i18n import N_, _
from fieldapp.core.records.validate import clean_date, clean_line, clean_text

STATUS_LABELS = {0: N_("not initiated"), 1: N_("minimal"), 2: N_("intermediate"),
                 3: N_("nearly complete"), 4: N_("complete")}
CONFIDENCES = ("low", "medium", "high")
ASSESSMENT_FIELDS = ("measure_id", "status", "date", "evidence", "source", "author",
                     "confidence", "indicators")


def status_label(status: int | None) -> str:
    return _("not assessed") if status is None else _(STATUS_LABELS[int(status)])


def assessment_content(row: Mapping) -> dict:
    """Content of one assessment (indicator values as {indicator_id: number})."""
    import json

    indicators = row["indicators"]
    if isinstance(indicators, str):
        indicators = json.loads(indicators)
    return {"measure_id": row["measure_id"], "status": int(row["status"]),
            "date": row["date"], "evidence": row["evidence"], "source": row["source"] or "",
            "author": row["author"] or "", "confidence": row["confidence"],
            "indicators": dict(sorted((indicators or {}).items())),
            "deleted": int(bool(row["deleted"]))}


def clean_status(value: object) -> int:
    try:
        status = int(str(value).strip())
    except (TypeError, ValueError):
        status = -1
    if status not in STATUS_LABELS or str(value).strip() not in {str(status)}:
        raise InvalidInput(_("status must be a whole number from 0 to 4 "
                             "(0 not initiated … 4 complete)"))
    return status


def clean_indicator_value(indicator_id: str, value: object) -> float:
    try:
        number = float(str(value).strip().replace(",", "").replace("\u202f", ""))
    except ValueError:
        raise InvalidInput(_("indicator {id}: {value!r} is not a number")
                           .format(id=indicator_id, value=str(value)[:40])) from None
    if not math.isfinite(number) or number < 0:
        raise InvalidInput(_("indicator {id}: the value must be a number ≥ 0")
                           .format(id=indicator_id))
    return int(number) if number.is_integer() else number


def clean_assessment(fields: Mapping, indicator_ids: set[str]) -> dict:
    """Validate a new assessment of one measure (the store checks the measure exists)."""
    confidence = str(fields.get("confidence") or "medium").strip().lower()
    if confidence not in CONFIDENCES:
        raise InvalidInput(_("confidence must be low, medium or high"))
    indicators = {}
    for key, value in (fields.get("indicators") or {}).items():
        if key not in indicator_ids:
            known = ", ".join(sorted(indicator_ids)) or _("none for this measure")
            raise InvalidInput(_("unknown indicator {id} (known: {known})")
                               .format(id=str(key)[:60], known=known))
        indicators[key] = clean_indicator_value(key, value)
    return {"status": clean_status(fields.get("status")),
            "date": clean_date(fields.get("date")),
            "evidence": clean_text(fields.get("evidence"), _("evidence"), max_chars=100_000),
            "source": clean_line(fields.get("source"), _("source"), max_chars=500),
            "author": clean_line(fields.get("author"), _("author"), max_chars=200),
            "confidence": confidence, "indicators": indicators}


def trend(statuses_newest_first: list[int]) -> str:
    """'up', 'down' or 'flat' comparing the latest status with the one before it."""
    if len(statuses_newest_first) < 2:
        return "flat"
    a, b = statuses_newest_first[0], statuses_newest_first[1]
    return "up" if a > b else "down" if a < b else "flat"

"""Dates and cadences the mandate sets (data/deadlines.json), with days left from a given day.

Cadences (reports every three months, op62) are expanded from their anchor date up to the end
of the mandate period (op16); nothing is projected beyond it: a renewal would be a new text.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

MANDATE_END_ID = "dl-op16-mandate-end"


@dataclass
class DatedItem:
    id: str
    unit: str
    kind: str                       # deadline | cadence | reference
    title: dict[str, str]
    note: dict[str, str] | None
    date: dt.date | None = None
    precision: str | None = None    # day | month
    cadence_months: int | None = None
    anchor: dt.date | None = None
    days_left: int | None = None    # for a dated item: date - today (negative: past)
    occurrences: list[dt.date] = field(default_factory=list)
    next_date: dt.date | None = None
    next_days_left: int | None = None
    last_date: dt.date | None = None        # latest occurrence before today, if any
    last_days_left: int | None = None


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def mandate_end(entries: list[dict]) -> dt.date | None:
    return next((_date(e["date"]) for e in entries if e["id"] == MANDATE_END_ID), None)


def occurrences(anchor: dt.date, months: int, until: dt.date) -> list[dt.date]:
    """anchor + k·months for k ≥ 1, up to and including `until`."""
    out, k = [], 1
    while True:
        day = add_months(anchor, k * months)
        if day > until:
            return out
        out.append(day)
        k += 1


def dated_items(entries: list[dict] | None, today: dt.date) -> list[DatedItem]:
    """Every entry with its days left from `today` (deadlines and references by date,
    cadences with their occurrences within the mandate period and the next one, if any)."""
    entries = entries or []
    end = mandate_end(entries)
    items = []
    for e in entries:
        item = DatedItem(id=e["id"], unit=e["unit"], kind=e["kind"], title=e["title"],
                         note=e.get("note"), date=_date(e.get("date")),
                         precision=e.get("precision"), cadence_months=e.get("cadence_months"),
                         anchor=_date(e.get("anchor_date")))
        if item.date:
            item.days_left = (item.date - today).days
        if item.kind == "cadence" and item.anchor and item.cadence_months and end:
            item.occurrences = occurrences(item.anchor, item.cadence_months, end)
            item.next_date = next((d for d in item.occurrences if d >= today), None)
            if item.next_date:
                item.next_days_left = (item.next_date - today).days
            past = [d for d in item.occurrences if d < today]
            if past:
                item.last_date, item.last_days_left = past[-1], (past[-1] - today).days
        items.append(item)
    order = {"deadline": 0, "cadence": 1, "reference": 2}
    return sorted(items, key=lambda i: (order.get(i.kind, 3), i.date or i.anchor or dt.date.max,
                                        i.id))
